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
