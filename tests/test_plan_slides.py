"""tools/plan_slides.py packs a deck's cells into slides that fit; the author's choices stay."""

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tools.plan_slides import ROOM, pack, shown


def _nb(*types):
    cells = []
    for t in types:
        cell = new_markdown_cell("x") if t == "slide" else new_code_cell("x")
        cell.metadata["slideshow"] = {"slide_type": t}
        cells.append(cell)
    return new_notebook(cells=cells)


def test_a_cell_that_would_not_fit_starts_a_subslide_and_the_rest_continue():
    nb = _nb("slide", "-", "subslide", "-", "skip", "notes", "-")
    third = ROOM // 3
    heights = {0: third, 1: third, 2: third, 3: third, 6: third}  # shown cells only
    assert shown(nb) == [0, 1, 2, 3, 6]
    too_tall = pack(nb, heights)
    kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    # three thirds fill a slide; the fourth starts a subslide, the fifth joins it; skip/notes untouched
    assert kinds == ["slide", "-", "-", "subslide", "skip", "notes", "-"]
    assert too_tall == []


def test_a_new_slide_resets_the_room_and_a_cell_taller_than_a_slide_is_reported():
    nb = _nb("slide", "-", "slide", "-", "fragment")
    heights = {0: ROOM - 10, 1: 50, 2: 100, 3: ROOM + 5, 4: 20}
    too_tall = pack(nb, heights)
    kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    assert kinds == ["slide", "subslide", "slide", "subslide", "fragment"]  # a fragment stays as the author set it
    assert too_tall == [(3, ROOM + 5)]


def test_a_cells_prose_and_its_output_never_part_and_an_oversized_pair_goes_cell_by_cell():
    nb = new_notebook(cells=[new_markdown_cell("## A"), new_markdown_cell("prose"), new_code_cell("out"),
                             new_markdown_cell("more prose"), new_code_cell("its output")])
    for c, t in zip(nb.cells, ["slide", "-", "-", "-", "-"], strict=True):
        c.metadata["slideshow"] = {"slide_type": t}
    half = ROOM // 2
    # the second pair would fit with its prose on this slide, but not with its output: both move
    too_tall = pack(nb, {0: 50, 1: 50, 2: half - 110, 3: 50, 4: half})
    assert [c.metadata["slideshow"]["slide_type"] for c in nb.cells] == ["slide", "-", "-", "subslide", "-"]
    assert too_tall == []
    # a pair taller than a slide is packed cell by cell: the prose ends this slide, the output starts the next
    too_tall = pack(nb, {0: 50, 1: 50, 2: 100, 3: 50, 4: ROOM - 10})
    assert [c.metadata["slideshow"]["slide_type"] for c in nb.cells] == ["slide", "-", "-", "-", "subslide"]
    assert too_tall == []
