"""The PDF handouts, read back with pypdf: the section's numbers are in the text, no raw TeX,
every figure drawn whole inside the printable area of one page, every output block on one
page, the booklet is its parts. A fixture shows that these checks fail once the print rules
that keep blocks whole and figures within the page are undone."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from labtools import ARTIFACTS, ROOT

from bp_helpers import quantities
from bp_helpers.formats import number
from tools import build_handouts
from tools.build_slides import WIDGET_VIEW
from tools.build_student import BEGIN, END, student_notebook

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PAPERS = tuple(build_handouts.PAPERS)
# Numbers of the worked example each section computes and prints, by notebook number
ARTICLE_NUMBERS = {"00": ("w8", "b2"), "01": ("out_h1", "out_o1"), "02": ("E_o1", "E_total"),
                   "03": ("dE_dw5", "w5_new"), "04": ("dE_dw1", "w1_new"), "05": ("w8_new", "E_total_new")}
DIGITS = re.compile(r"-?\d+\.\d{6,}")  # a computed value as the notebooks print it
RAW_TEX = re.compile(r"\\frac|\$\$|\\begin\{|\\tfrac")
MM = 72 / 25.4  # PDF points per mm
# Undo every print rule that keeps blocks whole and figures within the page (ours and the lab template's)
UNDONE = "@media print { * { break-inside: auto !important; } img { max-width: none !important; } }"


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F


def image_boxes(page, reader) -> list[tuple[float, float, float, float]]:
    """Where each image drawn on ``page`` lands, (x0, y0, x1, y1) in points, through forms too."""
    from pypdf.generic import ContentStream

    boxes = []

    def walk(contents, resources, ctm: tuple[float, ...]) -> None:
        xobjects = resources.get("/XObject", {}) if resources else {}
        saved = []
        for operands, op in ContentStream(contents, reader).operations:
            if op == b"q":
                saved.append(ctm)
            elif op == b"Q":
                ctm = saved.pop()
            elif op == b"cm":
                ctm = _mul(tuple(float(x) for x in operands), ctm)
            elif op == b"Do":
                x = xobjects[operands[0]].get_object()
                if x["/Subtype"] == "/Image":
                    xs = (ctm[4], ctm[4] + ctm[0], ctm[4] + ctm[2], ctm[4] + ctm[0] + ctm[2])
                    ys = (ctm[5], ctm[5] + ctm[1], ctm[5] + ctm[3], ctm[5] + ctm[1] + ctm[3])
                    boxes.append((min(xs), min(ys), max(xs), max(ys)))
                elif x["/Subtype"] == "/Form":
                    walk(x, x.get("/Resources"), _mul(tuple(float(v) for v in x.get("/Matrix", (1, 0, 0, 1, 0, 0))), ctm))

    contents = page.get_contents()
    if contents is not None:
        walk(contents, page["/Resources"], (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    return boxes


def key_numbers(stem: str) -> list[str]:
    """The numbers, computed here by bp_helpers, that the handout of notebook ``stem`` must show."""
    if stem[:2] in ARTICLE_NUMBERS:
        q = quantities()
        return [number(q[name]) for name in ARTICLE_NUMBERS[stem[:2]]]
    if stem[:2] == "07":  # the batch gradient of XOR, the sum of the four examples' gradients
        from bp_helpers import Network, backward, experiments, forward

        net = Network.random((2, 2, 1), seed=0, shared_bias=False)
        return [number(float(backward(net, forward(net, experiments.XOR_INPUTS, experiments.XOR_TARGETS)).dE_dw[1][0, 0]))]
    return []  # a new notebook: its printed numbers are still checked (test_notebook_handout)


def flat(text: str) -> str:
    return " ".join(text.split())


def handout_of(path: Path):
    """The notebook as its handout shows it: the student edition, widget views as their text."""
    return student_notebook(nbformat.read(path, as_version=4))


def stored(path: Path) -> tuple[int, list[list[str]], bool]:
    """A handout's figures (panels' starting figures among them), its printed blocks (lines of each
    stream output) and whether it has a panel that can only print its text."""
    outputs = [o for c in handout_of(path).cells if c.cell_type == "code" for o in c.outputs]
    figures = sum("image/png" in o.get("data", {}) for o in outputs)
    blocks = [[flat(line) for line in o["text"].splitlines() if line.strip()]
              for o in outputs if o["output_type"] == "stream"]
    # a panel with a starting figure prints that figure (counted above); one without prints its text
    panel = any(WIDGET_VIEW in o.get("data", {}) and "image/png" not in o["data"] for o in outputs)
    return figures, [b for b in blocks if len(b) >= 2], panel


def secrets(path: Path) -> list[str]:
    """The lines of a notebook's solutions (exercise blocks, worked solutions) that the lesson
    itself does not show, flattened: none may be in its handout."""
    teacher, student = nbformat.read(path, as_version=4), handout_of(path)
    shown = "\n".join(flat(c.source) for c in student.cells)
    lines = [line for c in teacher.cells if c.cell_type == "code" and BEGIN in c.source
             for line in c.source.split(BEGIN, 1)[1].split(END, 1)[0].splitlines()]
    lines += [line for c in teacher.cells if "solution" in c.metadata.get("tags", []) for line in c.source.splitlines()]
    return [flat(line) for line in lines if len(flat(line)) >= 12 and flat(line) not in shown]


def problems(pdf: Path, figures: int, blocks: list[list[str]]) -> list[str]:
    """What is cut in a handout: a figure drawn twice (Chrome draws a figure cut by a page break on
    both pages) or not at all, wider than the printable width, or reaching off the paper; a printed
    block whose first and last lines share no page. (Vertically the paper, not the margin, is the
    limit: a figure moved to a new page below another output of its cell starts 4 px into the top
    margin, whole.)"""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    found = []
    margin = build_handouts.MARGIN_MM * MM
    drawn = 0
    for k, page in enumerate(reader.pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        for x0, y0, x1, y1 in image_boxes(page, reader):
            drawn += 1
            if x0 < margin - 1 or x1 > width - margin + 1 or y0 < 0 or y1 > height:
                found.append(f"page {k + 1}: a figure at ({x0:.0f}, {y0:.0f})-({x1:.0f}, {y1:.0f}) pt "
                             f"leaves the printable area of {width:.0f}x{height:.0f} pt")
    if drawn != figures:
        found.append(f"{drawn} figure draws for {figures} figures (a figure cut across pages is drawn on each)")
    pages = [flat(page.extract_text()) for page in reader.pages]
    for block in blocks:
        first = {k for k, text in enumerate(pages) if block[0] in text}
        last = {k for k, text in enumerate(pages) if block[-1] in text}
        if not first & last:
            found.append(f"the block {block[0]!r}..{block[-1]!r} is cut: pages {sorted(first)} and {sorted(last)}")
    return found


def _png(width_in: float, height_in: float) -> str:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), dpi=100)
    fig.subplots().plot([0, 1, 2], [0.3, 0.1, 0.05])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode()


def fixture_notebook(folder: Path) -> Path:
    """Printed blocks and figures tall enough that, left to themselves, some fall across a page
    break, and one figure wider than the page."""
    cells, count = [new_markdown_cell("# A fixture handout\n\nThe slope $\\frac{\\partial E}{\\partial w}$.")], 0
    for k in range(3):
        lines = "".join(f"block {k} line {i:02d} = 0.{k}{i:02d}\n" for i in range(40))
        for output in (new_output("stream", name="stdout", text=lines),
                       new_output("display_data", data={"image/png": _png(12 if k == 2 else 6, 5),
                                                        "text/plain": f"<figure: {k}>"})):
            count += 1
            cells.append(new_code_cell(f"step({count})", execution_count=count, outputs=[output]))
    nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                            "language": "python"}})
    path = folder / "fixture_handout.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def handouts(browser, tmp_path_factory) -> Path | Exception:
    """Every notebook's handouts and the booklets, printed once (or why they could not be)."""
    out = tmp_path_factory.mktemp("handouts")
    try:
        build_handouts.build(NOTEBOOKS, out, browser)
    except build_handouts.MissingOutputs as e:
        return e
    return out


def render(pdf: Path, name: str, page: int = 1) -> None:
    """A page of the PDF as a PNG in artifacts/handouts/, when pdftoppm is installed."""
    import shutil
    import subprocess

    if shutil.which("pdftoppm"):
        folder = ARTIFACTS.parent / "handouts"
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(folder / name)], check=True)


def test_fixture_blocks_and_figures_stay_whole(browser, tmp_path):
    source = fixture_notebook(tmp_path)
    figures, blocks, _ = stored(source)
    [pdf] = build_handouts.build([source], tmp_path / "kept", browser, papers=("A4",))
    assert problems(pdf, figures, blocks) == []
    [undone] = build_handouts.build([source], tmp_path / "undone", browser, print_css=UNDONE, papers=("A4",))
    found = problems(undone, figures, blocks)
    assert any("is cut" in p for p in found), found  # the checks see a block across a page break
    assert any("leaves the printable area" in p for p in found), found  # and a figure wider than the page


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_handout(handouts, path):
    from pypdf import PdfReader

    if isinstance(handouts, Exception):
        pytest.fail(str(handouts))
    figures, blocks, panel = stored(path)
    printed = set(DIGITS.findall("".join(o.get("text", "") for c in handout_of(path).cells for o in c.get("outputs", []))))
    hidden = secrets(path)
    assert hidden or BEGIN not in path.read_text(), f"{path.stem}: solutions, but no line of them to look for"
    for paper in PAPERS:
        pdf = handouts / f"{path.stem}-{paper}.pdf"
        reader = PdfReader(pdf)
        assert 1 <= len(reader.pages) <= 40, f"{pdf.name}: {len(reader.pages)} pages"
        text = "\n".join(page.extract_text() for page in reader.pages)
        for value in key_numbers(path.stem):
            assert value in text, f"{pdf.name} does not show {value}, computed by bp_helpers"
        assert sorted(printed - set(DIGITS.findall(text))) == [], f"{pdf.name} lacks printed numbers"
        assert not RAW_TEX.search(text), f"{pdf.name}: raw TeX {RAW_TEX.findall(text)[:5]}"
        if panel:
            assert "interactive: run the notebook" in flat(text), f"{pdf.name}: the panel's text is missing"
        assert problems(pdf, figures, blocks) == [], pdf.name
        assert [line for line in hidden if line in flat(text)] == [], f"{pdf.name} shows a solution"
    render(handouts / f"{path.stem}-A4.pdf", f"{path.stem}-A4-p1")


def test_the_booklets_are_the_notebooks_in_order(handouts):
    from pypdf import PdfReader

    if isinstance(handouts, Exception):
        pytest.fail(str(handouts))
    for paper in PAPERS:
        parts = [len(PdfReader(handouts / f"{p.stem}-{paper}.pdf").pages) for p in NOTEBOOKS]
        booklet = PdfReader(handouts / f"booklet-{paper}.pdf")
        assert len(booklet.pages) == sum(parts)
        starts = [booklet.get_destination_page_number(item) for item in booklet.outline]
        assert [item.title for item in booklet.outline] == [p.stem for p in NOTEBOOKS]
        assert starts == [sum(parts[:k]) for k in range(len(parts))]
