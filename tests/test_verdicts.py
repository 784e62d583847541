"""The one source of ✓ and ✗: every printed number, every known erratum, every closing figure."""

import pytest

from bp_helpers import quantities
from bp_helpers.article import CLOSING_SOURCES, KNOWN_DIFFERENCES, PRINTED, PRINTED_CLOSING, closing_figures
from bp_helpers.verdicts import DIFFER, MATCH, closing_shown, compare, of_closing, of_step


def test_every_printed_step_value_matches_but_the_known_errata():
    q = quantities()
    for name, printed in PRINTED.items():
        v = of_step(name, q[name], True)
        assert v.printed == printed
        assert v.match is (name not in KNOWN_DIFFERENCES), name
        assert v.mark == (MATCH if v.match else DIFFER)
        assert (v.note == KNOWN_DIFFERENCES[name]) if not v.match else v.note == ""


def test_away_from_the_article_settings_nothing_is_marked():
    v = of_step("E_total", 0.5, False)
    assert (v.match, v.mark) == (None, "")
    assert v.line() == f"article: {PRINTED['E_total']} (at the article's settings, not these)"
    assert of_step("dE_db1", 0.1, True).line() == ""  # the article prints no bias gradient


def test_compare_rounds_to_the_printed_digits():
    assert compare(0.2983711, "0.298371109").rounded == "0.298371100"
    assert not compare(0.2983711, "0.298371109").match
    assert compare(0.298371108760, "0.298371109").match


@pytest.mark.parametrize("order", ["simultaneous", "output_first"])
def test_each_closing_verdict_matches_exactly_for_the_run_that_made_the_figure(order):
    for name, (source_order, steps) in CLOSING_SOURCES.items():
        if source_order != order:
            continue
        value = closing_figures(order, steps)[name.replace("10000", str(steps))]
        v = of_closing(name, value, order=order, steps=steps)
        assert v.match, name
        assert ("one update short" in v.note) == (steps != 10_000 and name.endswith("10000"))


def test_a_closing_cross_names_its_source():
    value = closing_figures("simultaneous", 1)["E_total_after_1"]
    v = of_closing("E_total_after_1", value, order="simultaneous", steps=1)
    assert not v.match and v.note == "known erratum: the article's figure is 'output layer first' after 1 update"
    with pytest.raises(ValueError, match="name: expected one of"):
        of_closing("E_total", 0.1, order="simultaneous", steps=1)


def test_closing_figures_are_compared_only_where_the_article_has_them():
    assert closing_shown(1, 0.5, False) == ("E_total_after_1",)
    assert closing_shown(9_999, 0.5, False) == ("E_total_after_10000",)
    assert set(closing_shown(10_000, 0.5, False)) == set(PRINTED_CLOSING) - {"E_total_after_1"}
    assert closing_shown(10_000, 2.0, False) == () == closing_shown(10_000, 0.5, True) == closing_shown(50, 0.5, False)
