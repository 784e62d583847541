"""Every number the article prints, recomputed by bp_helpers (docs/errata.md: every printed number and the errata)."""

import pytest

from bp_helpers import article
from bp_helpers.article import KNOWN_MISMATCH, PRINTED, PRINTED_CLOSING, matches_printed

# docs/errata.md, "Every printed number", exact column: the values at 12 decimals.
EXACT = {
    "net_h1": 0.377500000000, "out_h1": 0.593269992107, "out_h2": 0.596884378260,
    "net_o1": 1.105905967060, "out_o1": 0.751365069552, "out_o2": 0.772928465321,
    "E_o1": 0.274811083176, "E_o2": 0.023560025584, "E_total": 0.298371108760,
    "dE_dout_o1": 0.741365069552, "dout_o1_dnet_o1": 0.186815601809,
    "dnet_o1_dw5": 0.593269992107, "dE_dw5": 0.082167040564, "w5_new": 0.358916479718,
    "w6_new": 0.408666186076, "w7_new": 0.511301270239, "w8_new": 0.561370121108,
    "delta_o1": 0.138498561629, "dE_o1_dout_h1": 0.055399424651,
    "dE_o2_dout_h1": -0.019049118258, "dE_dout_h1": 0.036350306393,
    "dout_h1_dnet_h1": 0.241300708572, "dE_dw1": 0.000438567734, "w1_new": 0.149780716133,
    "w2_new": 0.199561432266, "w3_new": 0.249751143632, "w4_new": 0.299502287265,
}


@pytest.fixture(scope="module")
def q():
    return article.quantities()


def test_every_printed_number_has_an_exact_reference():
    assert set(PRINTED) == set(EXACT)


@pytest.mark.parametrize("name", sorted(set(PRINTED) - {KNOWN_MISMATCH}))
def test_printed_number_reproduced_at_printed_precision(q, name):
    assert matches_printed(q[name], PRINTED[name]), (name, q[name], PRINTED[name])


@pytest.mark.parametrize("name", sorted(EXACT))
def test_exact_value(q, name):
    assert q[name] == pytest.approx(EXACT[name], abs=5e-13)


def test_the_one_known_last_digit_difference(q):
    # The article prints -0.019049119; the exact value rounds to -0.019049118.
    assert f"{q[KNOWN_MISMATCH]:.9f}" == "-0.019049118"
    assert PRINTED[KNOWN_MISMATCH] == "-0.019049119"
    assert not matches_printed(q[KNOWN_MISMATCH], PRINTED[KNOWN_MISMATCH])


def test_hidden_gradient_is_sum_of_both_paths(q):
    assert q["dE_dout_h1"] == pytest.approx(q["dE_o1_dout_h1"] + q["dE_o2_dout_h1"], abs=1e-15)
    assert q["dE_o1_dout_h1"] == pytest.approx(q["delta_o1"] * q["w5"], abs=1e-15)


def test_shared_bias_gradients_collect_both_deltas(q):
    # docs/errata.md, erratum 5: one shared bias per layer
    assert q["dE_db2"] == pytest.approx(q["delta_o1"] + q["delta_o2"], abs=1e-15)
    assert q["dE_db1"] == pytest.approx(q["delta_h1"] + q["delta_h2"], abs=1e-15)


def test_w2_is_the_input2_to_h1_weight(q):
    # docs/errata.md, erratum 1: only this labelling reproduces net_h1 = 0.15*0.05 + 0.20*0.10 + 0.35
    assert q["w2"] == 0.20 and q["w3"] == 0.25
    assert q["net_h1"] == pytest.approx(q["w1"] * q["i1"] + q["w2"] * q["i2"] + q["b1"], abs=1e-15)


@pytest.fixture(scope="module")
def closing():
    return {
        "simultaneous": article.closing_figures("simultaneous"),
        "output_first": article.closing_figures("output_first"),
        "simultaneous_9999": article.closing_figures("simultaneous", steps=9_999),
    }


def test_closing_figures_of_both_orders(closing):
    # docs/errata.md, erratum 4, to the 12 significant digits it gives
    sim, old = closing["simultaneous"], closing["output_first"]
    assert sim["E_total_after_1"] == pytest.approx(0.291027773694, abs=1e-12)
    assert sim["E_total_after_10000"] == pytest.approx(3.5101877830e-05, rel=1e-9)
    assert sim["out_o1_after_10000"] == pytest.approx(0.015913620444, abs=1e-12)
    assert sim["out_o2_after_10000"] == pytest.approx(0.984064273515, abs=1e-12)
    assert old["E_total_after_1"] == pytest.approx(0.291027923905, abs=1e-12)
    assert old["E_total_after_10000"] == pytest.approx(3.5084786296e-05, rel=1e-9)
    assert old["out_o1_after_10000"] == pytest.approx(0.015912196326, abs=1e-12)
    assert old["out_o2_after_10000"] == pytest.approx(0.984065734486, abs=1e-12)
    assert closing["simultaneous_9999"]["E_total_after_9999"] == pytest.approx(3.5108548e-05, rel=1e-7)


def test_which_computation_reproduces_each_printed_closing_figure(closing):
    old, sim9999 = closing["output_first"], closing["simultaneous_9999"]
    assert matches_printed(old["E_total_after_1"], PRINTED_CLOSING["E_total_after_1"])
    assert matches_printed(old["out_o1_after_10000"], PRINTED_CLOSING["out_o1_after_10000"])
    assert matches_printed(old["out_o2_after_10000"], PRINTED_CLOSING["out_o2_after_10000"])
    assert matches_printed(sim9999["E_total_after_9999"], PRINTED_CLOSING["E_total_after_10000"])
    # ... and the update order the article describes reproduces none of them
    sim = closing["simultaneous"]
    assert not any(matches_printed(sim[k], v) for k, v in PRINTED_CLOSING.items())


@pytest.mark.parametrize("name", sorted(PRINTED_CLOSING))
def test_closing_sources_name_the_run_that_reproduces_each_figure(name):
    order, steps = article.CLOSING_SOURCES[name]
    computed = article.closing_figures(order, steps)[name.replace(f"_{article.STEPS}", f"_{steps}")]
    assert matches_printed(computed, PRINTED_CLOSING[name])
    assert (order, steps) != ("simultaneous", article.STEPS if name.endswith(str(article.STEPS)) else 1)
