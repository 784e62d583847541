"""The stored notebooks are one clean top-to-bottom run, and nbval really checks them."""

import itertools
import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IGNORE = "nbval-ignore-output"


def _cells(path):
    return json.loads(path.read_text())["cells"]


def _code(path):
    return [c for c in _cells(path) if c["cell_type"] == "code"]


def test_the_numbered_notebooks_are_all_there():
    assert [p.name[:2] for p in NOTEBOOKS] == [f"{k:02d}" for k in range(8)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_code_cell_executed_in_order(path):
    # nbval silently skips a cell stored without an execution count
    counts = [c["execution_count"] for c in _code(path)]
    assert counts == list(range(1, len(counts) + 1)), f"run `make notebooks`: {counts}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_are_clean(path):
    nb = json.loads(path.read_text())
    assert "widgets" not in nb["metadata"], "widget state churns every refresh: run `make notebooks`"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in _code(path):
        assert "execution" not in cell["metadata"], "timing metadata: run `make notebooks`"
        for out in cell["outputs"]:
            assert out["output_type"] != "error", "".join(cell["source"])
            assert out.get("name") != "stderr", (out, "".join(cell["source"]))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_ignored_outputs_are_rare_and_followed_by_a_checked_cell(path):
    code = _code(path)
    for i, cell in enumerate(code):
        if IGNORE in cell["metadata"].get("tags", []):
            assert i + 1 < len(code), "an ignored cell must be followed by a checked one"
            after = code[i + 1]
            assert IGNORE not in after["metadata"].get("tags", []) and after["outputs"], (
                "the cell after a widget view must print what the widget computed")
    assert sum(IGNORE in c["metadata"].get("tags", []) for c in code) <= max(1, len(code) // 4)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_has_its_numbers_printed(path):
    # nbval never compares images: a figure's numbers must also be printed in a checked cell
    for cell in _code(path):
        if IGNORE in cell["metadata"].get("tags", []):
            continue  # a panel: its starting figure stands in for it, the checked cell after it prints its numbers
        if any("image/png" in o.get("data", {}) for o in cell["outputs"]):
            # a stored stream's text is a list of lines (nbformat splits multi-line strings)
            texts = ["".join(o.get("text", "")) for o in cell["outputs"] if o["output_type"] == "stream"]
            assert re.search(r"\d\.\d", "".join(texts)), (
                "a figure cell must also print its numbers: " + "".join(cell["source"])[:80])


def test_readme_lists_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert path.name in readme


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_printed_line_fits_a_narrow_column(path):
    # JupyterLab breaks a longer line of print anywhere, mid-number too, in the 421 px column
    # of 150 % zoom: 52 characters of its 13 px monospace fit.
    for cell in _code(path):
        for out in cell["outputs"]:
            data = out.get("data", {})
            if out["output_type"] == "stream":
                text = "".join(out["text"])
            elif "text/plain" in data and set(data) <= {"text/plain", "text/markdown"}:
                text = "".join(data["text/plain"])  # what a reader sees when only text is stored
            else:
                continue
            for line in text.split("\n"):
                assert len(line) <= 52, ("".join(cell["source"])[:60], line)


def test_a_refresh_joins_the_pieces_of_one_stream():
    # a busy machine delivers one print in several pieces; stored, they are one output
    from tools.refresh_notebooks import joined_streams
    out = lambda name, text: nbformat.v4.new_output("stream", name=name, text=text)
    pieces = [out("stdout", "a\n"), out("stdout", "b\n"), out("stderr", "w\n"), out("stdout", "c\n"),
              nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=1),
              out("stdout", "d\n"), out("stdout", "e\n")]
    assert [(o.output_type, o.get("name"), o.get("text")) for o in joined_streams(pieces)] == [
        ("stream", "stdout", "a\nb\n"), ("stream", "stderr", "w\n"), ("stream", "stdout", "c\n"),
        ("execute_result", None, None), ("stream", "stdout", "d\ne\n")]


def test_no_stored_cell_splits_a_stream():
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            kinds = [(o.output_type, o.get("name")) for o in cell.get("outputs", [])]
            assert all(a != b or a[0] != "stream" for a, b in itertools.pairwise(kinds)), (path.name, cell.source[:60])
