"""The worked example of any small network: the article's steps exactly, every other step right."""

import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bp_helpers import (CROSS_ENTROPY, HALF_SQUARED_ERROR, LINEAR, LOGISTIC, MEAN_SQUARED_ERROR, RELU, TANH, Network,
                        article_network, backward, forward, gradient_check, quantities, step, worked_example)
from bp_helpers.article import INPUTS, LEARNING_RATE, TARGETS
from bp_helpers.diagrams import NetworkDiagram
from bp_helpers.display import StepsView
from bp_helpers.functions import HalfSquaredError, Logistic
from bp_helpers.names import tex as symbol
from bp_helpers.steps import SECTIONS
from bp_helpers.training import ORDERS

# Today's steps of the article's sections, as steps.py declared them by hand before they came
# from the worked example (git show c1f94d1:bp_helpers/steps.py): (name, tex, text).
ARTICLE_STEPS = {
    "forward": [
        ("net_h1", r"<w1> \cdot <i1> + <w2> \cdot <i2> + <b1> \cdot 1", "<w1>*<i1> + <w2>*<i2> + <b1>*1"),
        ("out_h1", r"\frac{1}{1 + e^{-<net_h1>}}", "1/(1 + exp(-<net_h1>))"),
        ("net_h2", r"<w3> \cdot <i1> + <w4> \cdot <i2> + <b1> \cdot 1", "<w3>*<i1> + <w4>*<i2> + <b1>*1"),
        ("out_h2", r"\frac{1}{1 + e^{-<net_h2>}}", "1/(1 + exp(-<net_h2>))"),
        ("net_o1", r"<w5> \cdot <out_h1> + <w6> \cdot <out_h2> + <b2> \cdot 1",
         "<w5>*<out_h1> + <w6>*<out_h2> + <b2>*1"),
        ("out_o1", r"\frac{1}{1 + e^{-<net_o1>}}", "1/(1 + exp(-<net_o1>))"),
        ("net_o2", r"<w7> \cdot <out_h1> + <w8> \cdot <out_h2> + <b2> \cdot 1",
         "<w7>*<out_h1> + <w8>*<out_h2> + <b2>*1"),
        ("out_o2", r"\frac{1}{1 + e^{-<net_o2>}}", "1/(1 + exp(-<net_o2>))"),
    ],
    "error": [
        ("E_o1", r"\tfrac{1}{2}\left(<target_o1> - <out_o1>\right)^{2}", "1/2*(<target_o1> - <out_o1>)^2"),
        ("E_o2", r"\tfrac{1}{2}\left(<target_o2> - <out_o2>\right)^{2}", "1/2*(<target_o2> - <out_o2>)^2"),
        ("E_total", "<E_o1> + <E_o2>", "<E_o1> + <E_o2>"),
    ],
    "output": [
        ("dE_dout_o1", r"-\left(<target_o1> - <out_o1>\right)", "-(<target_o1> - <out_o1>)"),
        ("dout_o1_dnet_o1", r"<out_o1>\left(1 - <out_o1>\right)", "<out_o1>*(1 - <out_o1>)"),
        ("dnet_o1_dw5", "<out_h1>", "<out_h1>"),
        ("dE_dw5", r"<dE_dout_o1> \cdot <dout_o1_dnet_o1> \cdot <dnet_o1_dw5>",
         "<dE_dout_o1>*<dout_o1_dnet_o1>*<dnet_o1_dw5>"),
        ("delta_o1", r"<dE_dout_o1> \cdot <dout_o1_dnet_o1>", "<dE_dout_o1>*<dout_o1_dnet_o1>"),
        ("w5_new", r"<w5> - <eta> \cdot <dE_dw5>", "<w5> - <eta>*<dE_dw5>"),
        ("dE_dw6", r"<delta_o1> \cdot <out_h2>", "<delta_o1>*<out_h2>"),
        ("w6_new", r"<w6> - <eta> \cdot <dE_dw6>", "<w6> - <eta>*<dE_dw6>"),
        ("dE_dout_o2", r"-\left(<target_o2> - <out_o2>\right)", "-(<target_o2> - <out_o2>)"),
        ("dout_o2_dnet_o2", r"<out_o2>\left(1 - <out_o2>\right)", "<out_o2>*(1 - <out_o2>)"),
        ("delta_o2", r"<dE_dout_o2> \cdot <dout_o2_dnet_o2>", "<dE_dout_o2>*<dout_o2_dnet_o2>"),
        ("dE_dw7", r"<delta_o2> \cdot <out_h1>", "<delta_o2>*<out_h1>"),
        ("w7_new", r"<w7> - <eta> \cdot <dE_dw7>", "<w7> - <eta>*<dE_dw7>"),
        ("dE_dw8", r"<delta_o2> \cdot <out_h2>", "<delta_o2>*<out_h2>"),
        ("w8_new", r"<w8> - <eta> \cdot <dE_dw8>", "<w8> - <eta>*<dE_dw8>"),
    ],
    "hidden": [
        ("dE_o1_dout_h1", r"<delta_o1> \cdot <w5>", "<delta_o1>*<w5>"),
        ("dE_o2_dout_h1", r"<delta_o2> \cdot <w7>", "<delta_o2>*<w7>"),
        ("dE_dout_h1", "<dE_o1_dout_h1> + <dE_o2_dout_h1>", "<dE_o1_dout_h1> + <dE_o2_dout_h1>"),
        ("dout_h1_dnet_h1", r"<out_h1>\left(1 - <out_h1>\right)", "<out_h1>*(1 - <out_h1>)"),
        ("dnet_h1_dw1", "<i1>", "<i1>"),
        ("dE_dw1", r"<dE_dout_h1> \cdot <dout_h1_dnet_h1> \cdot <dnet_h1_dw1>",
         "<dE_dout_h1>*<dout_h1_dnet_h1>*<dnet_h1_dw1>"),
        ("delta_h1", r"<dE_dout_h1> \cdot <dout_h1_dnet_h1>", "<dE_dout_h1>*<dout_h1_dnet_h1>"),
        ("w1_new", r"<w1> - <eta> \cdot <dE_dw1>", "<w1> - <eta>*<dE_dw1>"),
        ("dE_dw2", r"<delta_h1> \cdot <i2>", "<delta_h1>*<i2>"),
        ("w2_new", r"<w2> - <eta> \cdot <dE_dw2>", "<w2> - <eta>*<dE_dw2>"),
        ("dE_o1_dout_h2", r"<delta_o1> \cdot <w6>", "<delta_o1>*<w6>"),
        ("dE_o2_dout_h2", r"<delta_o2> \cdot <w8>", "<delta_o2>*<w8>"),
        ("dE_dout_h2", "<dE_o1_dout_h2> + <dE_o2_dout_h2>", "<dE_o1_dout_h2> + <dE_o2_dout_h2>"),
        ("dout_h2_dnet_h2", r"<out_h2>\left(1 - <out_h2>\right)", "<out_h2>*(1 - <out_h2>)"),
        ("delta_h2", r"<dE_dout_h2> \cdot <dout_h2_dnet_h2>", "<dE_dout_h2>*<dout_h2_dnet_h2>"),
        ("dE_dw3", r"<delta_h2> \cdot <i1>", "<delta_h2>*<i1>"),
        ("w3_new", r"<w3> - <eta> \cdot <dE_dw3>", "<w3> - <eta>*<dE_dw3>"),
        ("dE_dw4", r"<delta_h2> \cdot <i2>", "<delta_h2>*<i2>"),
        ("w4_new", r"<w4> - <eta> \cdot <dE_dw4>", "<w4> - <eta>*<dE_dw4>"),
    ],
    "update": [
        ("w1_new", r"<w1> - <eta> \cdot <dE_dw1>", "<w1> - <eta>*<dE_dw1>"),
        ("w2_new", r"<w2> - <eta> \cdot <dE_dw2>", "<w2> - <eta>*<dE_dw2>"),
        ("w3_new", r"<w3> - <eta> \cdot <dE_dw3>", "<w3> - <eta>*<dE_dw3>"),
        ("w4_new", r"<w4> - <eta> \cdot <dE_dw4>", "<w4> - <eta>*<dE_dw4>"),
        ("w5_new", r"<w5> - <eta> \cdot <dE_dw5>", "<w5> - <eta>*<dE_dw5>"),
        ("w6_new", r"<w6> - <eta> \cdot <dE_dw6>", "<w6> - <eta>*<dE_dw6>"),
        ("w7_new", r"<w7> - <eta> \cdot <dE_dw7>", "<w7> - <eta>*<dE_dw7>"),
        ("w8_new", r"<w8> - <eta> \cdot <dE_dw8>", "<w8> - <eta>*<dE_dw8>"),
        ("E_total_new", (r"\tfrac{1}{2}\left(<target_o1> - <out_o1_new>\right)^{2} + "
                         r"\tfrac{1}{2}\left(<target_o2> - <out_o2_new>\right)^{2}"),
         "1/2*(<target_o1> - <out_o1_new>)^2 + 1/2*(<target_o2> - <out_o2_new>)^2"),
        ("dE_db1", "<delta_h1> + <delta_h2>", "<delta_h1> + <delta_h2>"),
        ("dE_db2", "<delta_o1> + <delta_o2>", "<delta_o1> + <delta_o2>"),
    ],
}
# Each section's StepsView as it rendered before the sections came from the worked example, at the
# article's settings and at MOVED: plain text (tests/expected/<section>-<settings>.txt, what nbval
# compares) and Markdown (.md, what a reader sees typeset), to be read and checked by eye.
EXPECTED = Path(__file__).parent / "expected"

MOVED = (article_network(w7=0.6, b1=-0.3), (0.3, -0.2), (0.2, 0.7), 1.5)
QUANTITY_KEYS = {  # article.quantities() before it became the worked example's values
    "E_o1", "E_o2", "E_total", "E_total_new", "b1", "b2", "dE_db1", "dE_db2", "dE_dout_h1", "dE_dout_h2",
    "dE_dout_o1", "dE_dout_o2", "dE_dw1", "dE_dw2", "dE_dw3", "dE_dw4", "dE_dw5", "dE_dw6", "dE_dw7", "dE_dw8",
    "dE_o1_dout_h1", "dE_o1_dout_h2", "dE_o2_dout_h1", "dE_o2_dout_h2", "delta_h1", "delta_h2", "delta_o1",
    "delta_o2", "dnet_h1_dw1", "dnet_h1_dw2", "dnet_h2_dw3", "dnet_h2_dw4", "dnet_o1_dw5", "dnet_o1_dw6",
    "dnet_o2_dw7", "dnet_o2_dw8", "dout_h1_dnet_h1", "dout_h2_dnet_h2", "dout_o1_dnet_o1", "dout_o2_dnet_o2",
    "eta", "i1", "i2", "net_h1", "net_h2", "net_o1", "net_o2", "out_h1", "out_h2", "out_o1", "out_o1_new",
    "out_o2", "out_o2_new", "target_o1", "target_o2", "w1", "w1_new", "w2", "w2_new", "w3", "w3_new", "w4",
    "w4_new", "w5", "w5_new", "w6", "w6_new", "w7", "w7_new", "w8", "w8_new",
}
ACTIVATIONS = [LOGISTIC, TANH, RELU, LINEAR]
ERRORS = [HALF_SQUARED_ERROR, CROSS_ENTROPY, MEAN_SQUARED_ERROR]


def _article(**options):
    return worked_example(article_network(), INPUTS, TARGETS, LEARNING_RATE, **options)


# --- the article, exactly as before --------------------------------------------------------------

def test_sections_show_todays_steps():
    for key, steps in ARTICLE_STEPS.items():
        assert [list(s) for s in SECTIONS[key].steps] == [list(s) for s in steps], key


def test_the_articles_worked_example_holds_every_step_of_the_sections():
    example, q = _article(), quantities()
    for steps in ARTICLE_STEPS.values():
        for name, tex, text in steps:
            assert (example[name].name, example[name].tex, example[name].text) == (name, tex, text)
            assert example[name].value == q[name]


@pytest.mark.parametrize("settings", ["article", "moved"])
@pytest.mark.parametrize("key", list(ARTICLE_STEPS))
def test_every_section_renders_as_before(key, settings):
    view = StepsView(SECTIONS[key].compute(quantities() if settings == "article" else quantities(*MOVED)))
    assert repr(view) + "\n" == (EXPECTED / f"{key}-{settings}.txt").read_text()
    assert view._repr_markdown_() + "\n" == (EXPECTED / f"{key}-{settings}.md").read_text()


def test_quantities_are_the_worked_examples_values_with_the_same_keys():
    q = quantities(*MOVED)
    assert set(q) == QUANTITY_KEYS
    example = worked_example(*MOVED)
    assert {k: v for k, v in q.items() if k in example.values} == dict(example.values)
    assert set(q) - set(example.values) == {"dnet_h1_dw2", "dnet_h2_dw3", "dnet_h2_dw4", "dnet_o1_dw6",
                                            "dnet_o2_dw7", "dnet_o2_dw8"}  # only the first of a layer is a step


def test_the_first_weight_of_every_layer_goes_the_long_way():
    example = worked_example(Network.random((2, 3, 2, 2), seed=0), [0.1, 0.2], [0.3, 0.9])
    long = [s.name for s in example.steps if s.name.startswith("dnet_")]
    assert long == ["dnet_o1_dw13", "dnet_j1_dw7", "dnet_h1_dw1"]
    assert example["dE_dw13"].text == "<dE_dout_o1>*<dout_o1_dnet_o1>*<dnet_o1_dw13>"
    assert example["dE_dw14"].text == "<delta_o1>*<out_j2>"
    assert example["dE_dout_h1"].text == "<dE_j1_dout_h1> + <dE_j2_dout_h1>"
    assert example["dE_j2_dout_h1"].text == "<delta_j2>*<w10>"


def test_parameters_name_their_matrix_entries():
    example = _article()
    assert example.entry("w5") == "weights[1][0, 0]" and example.entry("w2") == "weights[0][0, 1]"
    assert example.entry("b2") == "biases[1][0]"
    assert (example.parameters["w7"].source, example.parameters["w7"].target) == ("h1", "o2")
    assert list(example.parameters) == [f"w{k}" for k in range(1, 9)] + ["b1", "b2"]
    with pytest.raises(KeyError, match="name: expected a parameter"):
        example.entry("w9")
    with pytest.raises(KeyError, match="name: expected a step of this worked example"):
        example["dE_dw9"]


# --- batches, orders, biases ---------------------------------------------------------------------

def test_a_batch_numbers_its_examples_and_sums_their_gradients():
    x, t = [INPUTS, (0.3, -0.2)], [TARGETS, (0.2, 0.7)]
    example = worked_example(article_network(), x, t)
    one, two = quantities(), quantities(inputs=x[1], targets=t[1])
    assert example["net_h1[2]"].value == two["net_h1"] and example["delta_o1[1]"].value == one["delta_o1"]
    assert example["net_h1[2]"].text == "<w1>*<i1[2]> + <w2>*<i2[2]> + <b1>*1"
    assert example["dE_dw5"].text == "<dE_dw5[1]> + <dE_dw5[2]>"
    assert example["dE_dw5"].value == pytest.approx(one["dE_dw5"] + two["dE_dw5"], rel=1e-14)
    assert example["E_total"].text == "<E_o1[1]> + <E_o2[1]> + <E_o1[2]> + <E_o2[2]>"
    assert example["dE_db2"].text == "<delta_o1[1]> + <delta_o1[2]> + <delta_o2[1]> + <delta_o2[2]>"
    assert "net_h1" not in example and "dE_dw5[3]" not in example
    assert example["net_h1[2]"].equation_tex(200).startswith(r"net_{h1}^{(2)} = w_{1} \cdot i_{1}^{(2)}")


def test_example_numbers_render_as_superscripts():
    assert symbol("net_h1[2]") == "net_{h1}^{(2)}"
    assert symbol("delta_o1[10]") == r"\delta_{o1}^{(10)}"
    assert symbol("dE_dw5[1]") == r"\left(\frac{\partial E_{total}}{\partial w_{5}}\right)^{(1)}"
    assert symbol("out_o1_new[2]") == "out_{o1}^{+(2)}"
    assert symbol("w12_new") == "w_{12}^{+}" and symbol("dE_db10") == r"\frac{\partial E_{total}}{\partial b_{10}}"


def test_output_first_goes_through_the_moved_output_weights():
    example = _article(order="output_first")
    assert example["dE_o1_dout_h1"].text == "<delta_o1>*<w5_new>"
    names = [s.name for s in example.steps]
    assert names.index("w8_new") < names.index("dE_o1_dout_h1") < names.index("w1_new")
    assert example["E_total_new"].value == pytest.approx(0.291027923905, abs=1e-12)  # the article's figure


def test_biases_move_on_request_and_per_neuron_biases_are_numbered_like_weights():
    example = worked_example(Network.random((2, 2, 2), seed=1, shared_bias=False), INPUTS, TARGETS,
                             update_biases=True)
    assert [p for p in example.parameters if p.startswith("b")] == ["b1", "b2", "b3", "b4"]
    assert example["net_o2"].text == "<w7>*<out_h1> + <w8>*<out_h2> + <b4>*1"
    assert example["dE_db3"].text == "<delta_o1>" and example["b3_new"].text == "<b3> - <eta>*<dE_db3>"
    assert "b1_new" not in _article()


def test_mean_squared_error_shows_its_one_over_n():
    net = Network.random((2, 2, 3), seed=2, error=MEAN_SQUARED_ERROR)
    example = worked_example(net, [0.1, 0.2], [0.3, 0.5, 0.9])
    assert example["E_o1"].text == "1/3*(<target_o1> - <out_o1>)^2"
    assert example["dE_dout_o3"].text == "-2/3*(<target_o3> - <out_o3>)"
    q = example.values
    mean = sum((q[f"target_o{k}"] - q[f"out_o{k}"]) ** 2 for k in (1, 2, 3)) / 3
    assert q["E_total"] == pytest.approx(mean, rel=1e-14)


# --- every network: property checks --------------------------------------------------------------

_FUNCTIONS = {"exp": math.exp, "ln": math.log, "tanh": math.tanh, "max": max}


def _evaluate(step):
    """The plain-text formula with every digit put in, evaluated as Python."""
    expr = step.substituted_text(precise=True).replace("^", "**")
    assert re.fullmatch(r"(?:[-+*/()0-9.e\s,>]|exp|ln|tanh|max|if|else)+", expr), expr  # numbers, operators
    return eval(expr, {"__builtins__": {}}, _FUNCTIONS)


def _check_formulas(example):
    for s in example.steps:
        assert _evaluate(s) == pytest.approx(s.value, rel=1e-9, abs=1e-9), s.name


@st.composite
def cases(draw):
    sizes = draw(st.lists(st.integers(1, 6), min_size=2, max_size=5))  # up to the limit: 5 layers, 6 wide
    error = draw(st.sampled_from(ERRORS))
    activations = draw(st.lists(st.sampled_from(ACTIVATIONS), min_size=len(sizes) - 1, max_size=len(sizes) - 1))
    if error is CROSS_ENTROPY:
        activations[-1] = LOGISTIC  # outputs are probabilities
    seed = draw(st.integers(0, 2**32 - 1))
    network = Network.random(sizes, seed=seed, shared_bias=draw(st.booleans()), activation=activations, error=error)
    rng = np.random.default_rng(seed)
    batch = draw(st.integers(1, 3))
    inputs, targets = rng.uniform(-1, 1, (batch, sizes[0])), rng.uniform(0, 1, (batch, sizes[-1]))
    if batch == 1 and draw(st.booleans()):
        inputs, targets = inputs[0], targets[0]  # one example, not a batch of one
    return (network, inputs, targets, draw(st.floats(0.01, 3.0)),
            {"order": draw(st.sampled_from(ORDERS)), "update_biases": draw(st.booleans())})


def _gradients(example, network):
    """The worked example's dE/dw and dE/db, shaped like the network's weights and biases."""
    arrays = {"weights": [np.zeros_like(w) for w in network.weights],
              "biases": [np.zeros_like(b) for b in network.biases]}
    for name, p in example.parameters.items():
        arrays[p.kind][p.layer][p.index] = example.values[f"dE_d{name}"]
    return arrays["weights"] + arrays["biases"]


def _worked_or_refused(case):
    """The case's worked example, or None when it is refused because the update drives a
    cross-entropy output to 0 or 1 (checked to be really so): the only refusal a case may get."""
    network, inputs, targets, eta, options = case
    try:
        return worked_example(network, inputs, targets, eta, **options)
    except ValueError as refused:
        assert str(refused).startswith("learning_rate: expected a step that keeps outputs strictly between 0 and 1")
        after = forward(step(network, inputs, targets, eta, **options), inputs, targets).outputs
        assert network.error is CROSS_ENTROPY and ((after <= CROSS_ENTROPY.eps) | (after >= 1 - CROSS_ENTROPY.eps)).any()
        return None


@settings(max_examples=60, deadline=None)
@given(case=cases())
def test_every_step_of_any_network_is_right(case):
    network, inputs, targets, eta, options = case
    example = _worked_or_refused(case)
    if example is None:
        return
    names = [s.name for s in example.steps]
    assert len(set(names)) == len(names)
    _check_formulas(example)
    # the updates are training.step's, to the last bit
    stepped = step(network, inputs, targets, eta, **options)
    for name, p in example.parameters.items():
        moved = options["update_biases"] or p.kind == "weights"
        assert (f"{name}_new" in example) == moved
        expected = getattr(stepped, p.kind)[p.layer][p.index]
        assert example.values[f"{name}_new" if moved else name] == expected, name
    assert example["E_total_new"].value == pytest.approx(float(forward(stepped, inputs, targets).total), rel=1e-12)
    # every gradient is the core's and the finite difference's (with the original weights throughout,
    # which the output-first order does not keep below the output layer)
    gradients = _gradients(example, network)
    fp = forward(network, inputs, targets)
    bp = backward(network, fp)
    last = len(network.weights) - 1
    for l, (mine, core) in enumerate(zip(gradients, bp.dE_dw + bp.dE_db)):
        if options["order"] == "simultaneous" or l % len(network.weights) == last:
            np.testing.assert_allclose(mine, core, rtol=1e-12, atol=1e-15)
    near_a_kink = any(a is RELU and np.abs(n).min() < 1e-2 for a, n in zip(network.activations, fp.net))
    if options["order"] == "simultaneous" and not near_a_kink:
        numeric = gradient_check(network, inputs, targets).numeric
        for mine, fd in zip(gradients, numeric):
            np.testing.assert_allclose(mine, fd, rtol=1e-6, atol=1e-8)


@settings(max_examples=15, deadline=None)
@given(case=cases())
def test_every_step_renders_in_a_narrow_column(case):
    example = _worked_or_refused(case)
    if example is None:
        return
    steps = example.steps
    view = StepsView(steps)
    assert len(repr(view).splitlines()) >= len(steps) and view._repr_markdown_().count("$$") == 2 * len(steps)


# --- a wrong formula is caught, not just a wrong number ------------------------------------------

def test_a_wrong_derivative_template_turns_a_check_red(monkeypatch):
    monkeypatch.setattr(Logistic, "derivative_text", "<out>*(1 + <out>)")
    with pytest.raises(AssertionError, match="dout_o1_dnet_o1"):
        _check_formulas(_article())


def test_a_wrong_tex_template_turns_a_check_red(monkeypatch):
    monkeypatch.setattr(HalfSquaredError, "derivative_tex", r"\left(<target> - <out>\right)")
    example = _article()
    assert example["dE_dout_o1"].tex != {n: t for n, t, _ in ARTICLE_STEPS["output"]}["dE_dout_o1"]


# --- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("args, error, message", [
    (("net", INPUTS, TARGETS), TypeError, "network: expected a Network"),
    ((article_network().stacked(2), INPUTS, TARGETS), ValueError, "network: expected a single network"),
    ((Network.random((7, 2), seed=0), [0.1] * 7, [0.5, 0.5]), ValueError,
     r"network: expected at most 6 neurons a layer and 5 layers \(inputs included\).*got sizes \(7, 2\)"),
    ((Network.random((2,) * 6, seed=0), INPUTS, TARGETS), ValueError, "network: expected at most 6 neurons"),
    ((article_network(), (0.05, 0.1, 0.2), TARGETS), ValueError, r"inputs: expected shape \(2,\)"),
    ((article_network(), INPUTS, (0.01,)), ValueError, r"targets: expected shape \(2,\)"),
    ((article_network(), [INPUTS, INPUTS], TARGETS), ValueError, "inputs, targets: expected the same number"),
    ((article_network(), (math.nan, 0.1), TARGETS), ValueError, "inputs: expected finite numbers"),
    ((article_network(), INPUTS, TARGETS, 0), ValueError, r"learning_rate: expected a positive number \(> 0\)"),
    ((article_network(), INPUTS, TARGETS, -0.5), ValueError, "learning_rate: expected a positive number"),
    ((article_network(), INPUTS, TARGETS, math.nan), ValueError, "learning_rate: expected finite numbers"),
    ((article_network(), INPUTS, TARGETS, "0.5"), TypeError, "learning_rate: expected numbers"),
    ((Network.random((2, 2, 2), seed=0, error=CROSS_ENTROPY), INPUTS, (0.5, 1.2)), ValueError,
     "targets: expected probabilities between 0 and 1 for cross-entropy"),
    ((Network.from_layers([[[-1.0, -1.0]]], [[0.0]], LINEAR, CROSS_ENTROPY), INPUTS, [0.5]), ValueError,
     r"network: expected outputs strictly between 0 and 1 for cross-entropy .* got out_o1 = -0.15"),
    ((Network.from_layers([[[1e200]], [[1e200]]], [[0.0], [0.0]], LINEAR), [1e200], [0.5]), ValueError,
     "network: expected weights and inputs small enough to keep every number finite, got net_h1 = inf"),
    ((Network.from_layers([[[1.0, 1.0]] * 2] * 2, [[0.0, 0.0], [0.0]]), INPUTS, TARGETS), ValueError,
     "network: expected every layer's bias shared"),
])
def test_bad_input_is_named(args, error, message):
    with pytest.raises(error, match=message):
        worked_example(*args)


def test_the_size_limit_is_the_figures(monkeypatch):
    from bp_helpers import limits
    monkeypatch.setattr(limits, "SHOWN_NEURONS", 3)  # one source: what a worked example and a diagram can show
    with pytest.raises(ValueError, match="network: expected at most 3 neurons a layer"):
        worked_example(Network.random((4, 2), seed=0), [0.1] * 4, [0.5, 0.5])
    with pytest.raises(ValueError, match="sizes: expected at most 3 neurons a layer"):
        NetworkDiagram((4, 2))


def test_bad_options_and_weights_are_named():
    with pytest.raises(ValueError, match="order: expected one of 'simultaneous', 'output_first'"):
        _article(order="backwards")
    with pytest.raises(TypeError, match="update_biases: expected True or False"):
        _article(update_biases="yes")
    with pytest.raises(ValueError, match="w5: expected a finite number"):
        article_network(w5=math.nan)  # a Network never holds a NaN: it says which parameter
    with pytest.raises(ValueError, match=r"weights\[1\]: expected finite numbers"):
        Network.from_layers([[[0.1]], [[math.nan]]], [[0.0], [0.0]])
    # an update that overflows is the learning rate's fault: the same network at a smaller step is fine
    with pytest.raises(ValueError, match=r"learning_rate: expected a step small enough to keep every number finite, "
                                         r"got 1e\+307, which makes w1_new = -inf"):
        worked_example(Network.from_layers([[[1.0]]], [[0.0]], LINEAR), [10.0], [0.0], 1e307)
    # a step so long that a cross-entropy output lands on exactly 1, where ln(1 - out) has no value
    with pytest.raises(ValueError, match=r"learning_rate: expected a step that keeps outputs strictly between 0 and 1 "
                                         r"for cross-entropy .* got out_o1_new = 1.0"):
        worked_example(Network.from_layers([[[1.0]]], [[0.0]], LOGISTIC, CROSS_ENTROPY), [1.0], [1.0], 1e4)


class _Swish:
    """An activation without its formulas: it trains, but cannot be shown step by step."""

    name = "swish"

    def __call__(self, net):
        return net * LOGISTIC(net)

    def derivative(self, net, out):
        s = LOGISTIC(net)
        return s + out * (1 - s)


def test_a_function_without_templates_is_named(monkeypatch):
    net = Network.random((2, 2, 1), seed=0, activation=[LOGISTIC, _Swish()])
    with pytest.raises(TypeError, match=r"network.activations\[1\]: expected a function carrying its formulas"):
        worked_example(net, INPUTS, [0.5])
    monkeypatch.setattr(HalfSquaredError, "text", "1/2*(<target> - <output>)^2")
    with pytest.raises(ValueError, match="network.error: expected placeholders among <out>, <target>, <n>"):
        _article()
