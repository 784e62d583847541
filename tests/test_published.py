"""Published worked examples: their printed numbers beside ours, each ✓ or ✗ for a stated reason;
and the views give the article's numbers to the article's network only."""

from __future__ import annotations

import math

import pytest

from bp_helpers import TANH, Network, article_network, quantities, worked_example
from bp_helpers.article import INPUTS, LEARNING_RATE, PRINTED, TARGETS
from bp_helpers.display import StepsView, SummaryTable
from bp_helpers.steps import is_article_example as of_article_network
from bp_helpers.functions import HALF_SQUARED_ERROR, LOGISTIC
from bp_helpers.published import EXAMPLES, FIQLAB, PRIMELEARN_2X2, SGHOSH, PrintedNumber, Published
from bp_helpers.steps import SECTIONS
from bp_helpers.verdicts import DIFFER, MATCH, PrintedNumbers, compare

# which printed numbers each page gets right; every other one is off, for its note's reason
EXPECTED_OFF = {
    "sghosh": {"E_total", "delta_o1", "dE_dw1", "dE_dw2", "dE_db1"},
    "fiqlab": set(),
    "primelearn": set(),
    "primelearn_2x2": {"net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "net_o2", "E_o1", "E_o2"},
}


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_every_printed_number_is_a_step_of_the_worked_example_and_marked(key):
    example = EXAMPLES[key]
    worked = example.worked()
    numbers = example.printed_numbers()
    off = set()
    for p in example.printed:
        assert p.ours in worked, p
        v = numbers.verdict(p.ours, worked[p.ours].value)
        assert v.printed == p.printed and v.source == "printed" and v.mark in (MATCH, DIFFER)
        assert v == compare(worked[p.ours].value, p.printed, example.notes.get(p.ours, ""), "printed")
        if not v.match:
            off.add(p.ours)
    assert off == EXPECTED_OFF[key]
    assert set(example.notes) == off  # a reason beside every ✗, and none beside a ✓


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_the_data_is_what_the_page_states(key):
    example = EXAMPLES[key]
    assert example.key == key and example.address.startswith("https://")
    assert "\n" not in example.conventions and example.title
    assert len({p.ours for p in example.printed}) == len(example.printed)
    assert all(isinstance(p, PrintedNumber) and all(isinstance(s, str) for s in p) for p in example.printed)
    assert example.names() == {p.ours: p.theirs for p in example.printed}
    net = example.network()
    assert net.sizes[0] == len(example.inputs) and net.sizes[-1] == len(example.targets)


def test_sghosh_reads_as_its_page():
    worked = SGHOSH.worked()
    assert SGHOSH.network().sizes == (2, 1) and SGHOSH.update_biases
    assert SGHOSH.names()["dE_dw2"] == "dL/dw12"
    # its "MSE" is half the squared error, as the article's
    assert worked["E_total"].value == pytest.approx(0.5 * (1.0 - _sigmoid(-0.2)) ** 2)


def test_the_pages_own_rounding_explains_each_cross():
    printed = {p.ours: p.printed for p in SGHOSH.printed}
    # the loss from the page's rounded y_pred gives its printed loss
    assert compare(0.5 * (1.0 - float(printed["out_o1"])) ** 2, printed["E_total"]).match
    # its dL/dz is its two rounded factors multiplied and cut (not rounded) to four decimals
    product = float(printed["dE_dout_o1"]) * float(printed["dout_o1_dnet_o1"])
    assert math.trunc(product * 1e4) / 1e4 == float(printed["delta_o1"])
    assert not compare(product, printed["delta_o1"]).match
    assert float(printed["dE_dw2"]) == 2 * float(printed["delta_o1"])  # x2 = 2 times the cut value


def test_the_inconsistent_page_is_consistent_with_its_own_numbers_only():
    printed = {p.ours: p.printed for p in PRIMELEARN_2X2.printed}
    b2 = PRIMELEARN_2X2.biases[1][0]
    # out from the page's own nets (H1 cut, H2 rounded); the errors from its output nets with b2 added back
    assert math.trunc(_sigmoid(float(printed["net_h1"])) * 1e4) / 1e4 == float(printed["out_h1"])
    assert compare(_sigmoid(float(printed["net_h2"])), printed["out_h2"]).match
    for o, t in zip(("o1", "o2"), PRIMELEARN_2X2.targets):
        out = _sigmoid(float(printed[f"net_{o}"]) + b2)
        assert compare(float(HALF_SQUARED_ERROR(out, t)), printed[f"E_{o}"]).match
    # and its output nets pair w5 with w7 (the weights numbered by where they come from), no bias
    (w5, w6), (w7, w8) = PRIMELEARN_2X2.weights[1]
    h1, h2 = float(printed["out_h1"]), float(printed["out_h2"])
    assert compare(w5 * h1 + w7 * h2, printed["net_o1"]).match
    assert compare(round(w6 * h1, 4) + round(w8 * h2, 4), printed["net_o2"]).match  # its terms rounded first


def test_a_page_that_prints_no_update_runs_at_a_stated_rate():
    primelearn = EXAMPLES["primelearn"]
    assert primelearn.learning_rate is None and primelearn.rate > 0
    assert not any(p.ours.endswith("_new") for p in primelearn.printed)


def test_published_data_is_checked():
    with pytest.raises(ValueError, match="printed: expected each of our names once"):
        Published("x", "t", "https://x", "c", ([[1.0]],), ([0.0],), (1.0,), (1.0,), 0.5,
                  (PrintedNumber("a", "out_o1", "0.5"), PrintedNumber("b", "out_o1", "0.5")))
    with pytest.raises(ValueError, match="notes: expected notes on printed numbers"):
        Published("x", "t", "https://x", "c", ([[1.0]],), ([0.0],), (1.0,), (1.0,), 0.5,
                  (PrintedNumber("a", "out_o1", "0.5"),), notes={"net_o1": "why"})
    with pytest.raises(ValueError, match="printed: expected a number as the article prints it"):
        PrintedNumbers("printed", {"out_o1": "about 0.5"})
    with pytest.raises(TypeError, match="source"):
        PrintedNumbers("", {})


# --- the views: whose numbers go beside whose steps ------------------------------------------------

def test_the_articles_views_are_unchanged():
    q = quantities()
    view = repr(StepsView(SECTIONS["forward"].compute(q, "out_h1")))
    assert f"article: {PRINTED['out_h1']} {MATCH}" in view
    assert of_article_network(worked_example(article_network(), INPUTS, TARGETS, LEARNING_RATE).steps)
    moved = repr(StepsView(SECTIONS["forward"].compute(quantities(article_network(w1=0.9)), "out_h1")))
    assert "(at the article's settings, not these)" in " ".join(moved.split())


@pytest.mark.parametrize("network", [
    Network.from_layers(article_network().weights, article_network().biases, TANH),  # other neurons
    Network.from_layers([[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]], [[0.35], [0.6]]),  # one output
    Network.from_layers(article_network().weights, [[0.35, 0.35], [0.6, 0.6]]),  # a bias per neuron
], ids=["tanh", "2-2-1", "per-neuron"])
def test_another_network_gets_no_article_numbers(network):
    targets = TARGETS[:network.sizes[-1]]
    steps = worked_example(network, INPUTS, targets, LEARNING_RATE).steps
    assert not of_article_network(steps)
    assert "article" not in repr(StepsView(steps))
    table = SummaryTable(steps)
    assert table.columns == ("quantity", "computed") and all(len(row) == 2 for row in table.rows())
    assert "article" not in repr(table) and table.all_match


def test_a_batch_of_the_article_example_is_not_the_article():
    steps = worked_example(article_network(), [INPUTS, INPUTS], [TARGETS, TARGETS], LEARNING_RATE).steps
    assert not of_article_network(steps) and "article" not in repr(StepsView(steps))


def test_a_published_examples_numbers_go_beside_its_steps():
    worked, numbers = SGHOSH.worked(), SGHOSH.printed_numbers()
    shown = repr(StepsView([worked["out_o1"], worked["delta_o1"], worked["w1_new"]], numbers))
    assert f"printed: 0.4502 {MATCH}" in shown and "article" not in shown
    assert f"printed: -0.1360 {DIFFER} ({SGHOSH.notes['delta_o1']})" in " ".join(shown.split())
    table = SummaryTable(worked.steps, numbers)
    assert table.columns == ("quantity", "computed", "printed") and not table.all_match
    assert ("w2_new", "-0.372781395", f"-0.3728 {MATCH}") in table.rows()
    assert ("net_o1", "-0.2", f"-0.2 {MATCH}") in table.rows()
    assert ("dE_dout_o1", "-0.549833997", f"-0.5498 {MATCH}") in table.rows()
    fiqlab = SummaryTable(FIQLAB.worked().steps, FIQLAB.printed_numbers())
    assert fiqlab.all_match and ("E_total", "0.274811083", "—") in fiqlab.rows()


def test_the_views_refuse_what_is_not_printed_numbers():
    steps = SGHOSH.worked().steps
    with pytest.raises(TypeError, match="printed: expected the numbers a worked example prints"):
        StepsView(steps, {"out_o1": "0.4502"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="printed"):
        SummaryTable(steps, "0.4502")  # type: ignore[arg-type]


def test_logistic_is_the_pages_sigmoid():
    assert float(LOGISTIC(0.3775)) == pytest.approx(_sigmoid(0.3775), rel=1e-15)
