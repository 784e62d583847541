"""The project's own documents say what the code computes: no number in them goes stale."""

import re
from pathlib import Path

import pytest

from bp_helpers import quantities
from bp_helpers.article import PRINTED, PRINTED_CLOSING, closing_figures

ROOT = Path(__file__).resolve().parent.parent
ERRATA = (ROOT / "docs" / "errata.md").read_text()


def _rows(heading: str) -> list[list[str]]:
    section = ERRATA.split(heading, 1)[1].split("\n## ", 1)[0]
    return [[c.strip().strip("`") for c in line.strip("|").split("|")]
            for line in section.splitlines() if line.startswith("|") and not line.startswith("|---")][1:]


def test_every_printed_number_and_its_exact_value_are_the_codes():
    rows = _rows("## Every printed number")
    q = quantities()
    assert {r[0] for r in rows} == set(PRINTED)
    for name, printed, exact, mark in rows:
        assert printed == PRINTED[name]
        assert exact == f"{q[name]:.12f}", name
        assert mark.startswith("✗") == (name == "dE_o2_dout_h1")


def test_the_closing_figures_table_is_the_codes():
    rows = _rows("## 4. Where the closing figures come from")
    runs = [("simultaneous", 10_000), ("output_first", 10_000), ("simultaneous", 9_999)]  # the table's columns
    assert [row[1] for row in rows] == list(PRINTED_CLOSING.values())
    for row, key in zip(rows, PRINTED_CLOSING, strict=True):
        for cell, (order, steps) in zip(row[2:], runs, strict=True):
            if cell != "—":
                value = closing_figures(order, steps)[key.replace("10000", str(steps))]
                assert float(cell.split()[0]) == pytest.approx(value, rel=1e-10), (key, order, steps)


def test_the_bias_gradients_are_the_codes():
    q = quantities()
    text = " ".join(ERRATA.split("## 5.", 1)[1].split())
    for name in ("dE_db1", "dE_db2", "delta_o1", "delta_h1", "delta_h2"):
        assert f"{q[name]:.12f}" in text, name
    assert f"{abs(q['delta_o2']):.12f}" in text


def test_the_docs_point_only_inside_the_repository():
    for path in [ROOT / "README.md", *ROOT.glob("docs/*.md")]:
        for target in re.findall(r"\]\(([^)#]+)", path.read_text()):
            if not target.startswith("http"):
                assert (path.parent / target).exists(), (path.name, target)
