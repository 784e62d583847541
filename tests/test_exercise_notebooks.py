"""The exercises as the notebooks pose them: no number printed anywhere in the notebooks is the
answer to an exercise (except notebook 00's, which ask to find a value on the page), each
statement names the setting its exercise asks about, and every stored solution is ✔."""

import re
from pathlib import Path

import nbformat
import pytest

from bp_helpers import checker, exercises
from bp_helpers.exercises import ASKS, EXERCISES, READ_OFF_THE_PAGE

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHECK = re.compile(r"""check\(["'](\d\d\.\d)["']""")
# a number as a page shows it: 0.3925, -0.019049118, 3.51018778e-05, 10,000, −1.5 (a typeset minus)
NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _texts(cell):
    """What a reader sees of a cell: a markdown cell's text, a code cell's stored outputs as text."""
    if cell.cell_type == "markdown":
        yield cell.source
    for output in cell.get("outputs", []):
        if "text" in output:
            yield "".join(output["text"])
        for kind, data in output.get("data", {}).items():
            if kind.startswith("text/") or kind.endswith("+xml"):
                yield "".join(data) if isinstance(data, list) else data


def _printed_numbers():
    """Every number any notebook shows, outside the exercise cells themselves (each with its ✔ line)."""
    numbers = set()
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and CHECK.search(cell.source):
                continue
            for text in _texts(cell):
                numbers |= {float(n.replace("−", "-").replace(",", "")) for n in NUMBER.findall(text)}
    return numbers


def _exercise_cells():
    """exercise id -> (notebook, the check cell, the markdown cell just before it: the statement)."""
    found = {}
    for path in NOTEBOOKS:
        cells = nbformat.read(path, as_version=4).cells
        for i, cell in enumerate(cells):
            match = CHECK.search(cell.source) if cell.cell_type == "code" else None
            if match:
                assert match.group(1) not in found, match.group(1)
                found[match.group(1)] = (path, cell, cells[i - 1])
    return found


def test_every_exercise_is_posed_once_in_its_own_notebook():
    found = _exercise_cells()
    assert sorted(found) == sorted(EXERCISES)
    for exercise_id, (path, _, statement) in found.items():
        assert path.name.startswith(exercise_id[:2]), (exercise_id, path.name)
        assert statement.cell_type == "markdown" and statement.source.startswith(f"**Exercise {exercise_id}.**")


@pytest.mark.parametrize("exercise_id", sorted(ASKS))
def test_each_statement_names_the_setting_its_exercise_asks_about(exercise_id):
    _, cell, statement = _exercise_cells()[exercise_id]
    assert f"`{exercises.asking(exercise_id)}`" in statement.source, statement.source
    for name in ASKS[exercise_id]:  # and the solution takes it from the table, not typed in again
        assert f'ASKS["{exercise_id}"]["{name}"]' in cell.source, cell.source


def test_exercise_06_1_names_its_target():
    _, cell, statement = _exercise_cells()["06.1"]
    assert f"`y = {exercises.OTHER_SGHOSH_TARGET:g}`" in statement.source and "OTHER_SGHOSH_TARGET" in cell.source


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_stored_solution_is_right(exercise_id):
    _, cell, _ = _exercise_cells()[exercise_id]
    (shown,) = ["".join(o["data"]["text/plain"]) for o in cell.outputs if "text/plain" in o.get("data", {})]
    assert shown.startswith(f"✔ {exercise_id} right: "), shown


def test_no_number_printed_in_the_notebooks_answers_an_exercise():
    printed = _printed_numbers()
    assert len(printed) > 300  # every notebook was read
    for exercise_id, exercise in EXERCISES.items():
        if exercise.kind != "number":
            continue
        right = float(exercise.expected(exercises.asked(exercise_id)))
        copies = sorted(p for p in printed if checker.agrees(p, right))  # what check() would call right
        if exercise_id in READ_OFF_THE_PAGE:
            assert copies, f"{exercise_id} asks to find its value on the page, but it is not printed"
        else:
            assert not copies, f"{exercise_id}: {copies} printed in a notebook answers it"


def test_the_check_on_printed_numbers_finds_a_copy():
    # the article's E_total_new is printed in notebook 05: it would answer 05.1 at the article's learning rate
    page = exercises.Asked(exercises.settings_of(exercises.quantities()))
    assert any(checker.agrees(p, page["E_total_new"]) for p in _printed_numbers())
