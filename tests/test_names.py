"""The article's names, extended to any layer sizes."""

import pytest

from bp_helpers import Network
from bp_helpers.article import PARAMETERS
from bp_helpers.limits import SHOWN_LAYERS
from bp_helpers.names import layer_letters, neurons, parameters, weight_name


def test_the_article_gets_exactly_its_own_names():
    ps = parameters((2, 2, 2))
    assert [p.name for p in ps] == [*(f"w{k}" for k in range(1, 9)), "b1", "b2"]
    by_name = {p.name: p for p in ps}
    assert (by_name["w2"].source, by_name["w2"].target) == ("i2", "h1")  # docs/errata.md, erratum 1
    assert (by_name["w7"].source, by_name["w7"].target) == ("h1", "o2")
    assert by_name["b1"].target == "h1, h2"
    assert dict(PARAMETERS) == {p.name: (p.kind, p.layer, p.index) for p in ps}


def test_deeper_networks_give_each_hidden_layer_a_letter():
    assert layer_letters((3, 5, 5, 2)) == ("i", "h", "j", "o")
    assert neurons((3, 5, 5, 2))[2] == ("j1", "j2", "j3", "j4", "j5")
    ps = parameters((3, 5, 5, 2), shared_bias=False)
    weights = [p for p in ps if p.kind == "weights"]
    assert len(weights) == 15 + 25 + 10 and weights[15].name == "w16"
    assert (weights[15].source, weights[15].target) == ("h1", "j1")
    biases = [p for p in ps if p.kind == "biases"]
    assert [b.name for b in biases][:6] == ["b1", "b2", "b3", "b4", "b5", "b6"]
    assert (biases[5].layer, biases[5].index, biases[5].target) == (1, (0,), "j1")


def test_names_reach_exactly_as_deep_as_a_network_can_be_shown():
    deepest = (2,) * SHOWN_LAYERS
    assert layer_letters(deepest)[1:-1] == ("h", "j", "k")
    with pytest.raises(ValueError, match="sizes: expected at most"):
        layer_letters(deepest + (2,))


def test_weight_name_is_the_entry_of_its_matrix():
    net = Network.random((3, 4, 2), seed=1)
    for p in parameters(net.sizes):
        if p.kind == "weights":
            assert weight_name(net.sizes, p.layer, *p.index) == p.name


@pytest.mark.parametrize("sizes, message", [
    ((2,), "sizes: expected at least two layer sizes"),
    ((2, 0, 1), r"sizes\[1\]: expected a whole number >= 1"),
    ((2, 2, 2, 2, 2, 2), "sizes: expected at most 3 hidden layers, got 4"),  # one layer more than can be shown
])
def test_bad_sizes_are_named(sizes, message):
    with pytest.raises(ValueError, match=message):
        parameters(sizes)
    with pytest.raises(ValueError, match="layer, j, k: expected an entry"):
        weight_name((2, 2, 2), 2, 0, 0)


# --- quantity names: built, read and typeset in one place -----------------------------------------

from bp_helpers import article_network, backward, forward, names, quantities, worked_example
from bp_helpers.article import INPUTS, TARGETS


def test_builders_spell_the_articles_names():
    assert [names.net("h1"), names.out("o1"), names.target("o2"), names.error("o1"), names.delta("h2")] == [
        "net_h1", "out_o1", "target_o2", "E_o1", "delta_h2"]
    assert [names.error_slope("o1"), names.slope("o1"), names.input_slope("o1", "w5"), names.road("o2", "h1")] == [
        "dE_dout_o1", "dout_o1_dnet_o1", "dnet_o1_dw5", "dE_o2_dout_h1"]
    assert [names.gradient("w5"), names.gradient("b1"), names.new("w5"), names.new(names.TOTAL)] == [
        "dE_dw5", "dE_db1", "w5_new", "E_total_new"]
    assert names.of_example("net_h1", 2) == "net_h1[2]" and names.after(names.TOTAL, 10_000) == "E_total_after_10000"


@pytest.mark.parametrize("name, kind, of, new, example", [
    ("i2", "input", ("i2",), False, None), ("w12", "weight", ("w12",), False, None), ("eta", "eta", (), False, None),
    ("h3", "neuron", ("h3",), False, None), ("net_j2", "net", ("j2",), False, None),
    ("out_o1_new[3]", "out", ("o1",), True, 3), ("E_total_new", "total", (), True, None),
    ("E_o2[1]", "error", ("o2",), False, 1), ("dE_dout_h1", "error_slope", ("h1",), False, None),
    ("dout_o1_dnet_o1", "slope", ("o1",), False, None), ("dnet_o1_dw5", "input_slope", ("o1", "w5"), False, None),
    ("dE_o2_dout_h1[2]", "road", ("o2", "h1"), False, 2), ("dE_db2", "gradient", ("b2",), False, None),
    ("b1_new", "bias", ("b1",), True, None), ("delta_k1", "delta", ("k1",), False, None),
])
def test_parse_reads_back_what_a_name_says(name, kind, of, new, example):
    assert names.parse(name) == names.Quantity(kind, of, new, example)


@pytest.mark.parametrize("name", ["dout_h1_dnet_h2", "E_totals", "net_", "x", "dE_dx", "w5 "])
def test_parse_refuses_what_is_not_a_name(name):
    assert names.parse(name) is None


def test_every_name_a_worked_example_computes_is_read_back():
    example = worked_example(article_network(), [INPUTS, (0.3, -0.2)], [TARGETS, (0.2, 0.7)], order="output_first",
                             update_biases=True)
    assert all(names.parse(n) is not None for n in example.values)
    assert names.base("dE_o1_dout_h1[2]") == "dE_o1_dout_h1" and names.base("w5") == "w5"


def test_tex_writes_one_notation_for_steps_and_figures():
    assert names.tex("dE_dout_o1") == r"\frac{\partial E_{total}}{\partial out_{o1}}"
    assert names.tex("dE_dw5", "dfrac") == r"\dfrac{\partial E_{total}}{\partial w_{5}}"
    assert names.tex("dE_o1_dout_h1", "slash") == r"\partial E_{o1}/\partial out_{h1}"
    assert names.mathtext("h1") == "$h_{1}$" and names.mathtext("E_total") == "$E_{total}$"
    assert names.tex("eta") == r"\eta" and names.tex("target_o1[2]") == "target_{o1}^{(2)}"


@pytest.mark.parametrize("sizes, shapes, shared", [
    ((2, 2, 2), [(1,), (1,)], True), ((2, 3, 1), [(3,), (1,)], False), ((2, 1), [(1,)], True),
    ((2, 1, 2), [(1,), (2,)], False),
])
def test_bias_sharing_is_one_rule(sizes, shapes, shared):
    assert names.bias_sharing(sizes, shapes) is shared


def test_a_network_mixing_shared_and_own_biases_has_no_names():
    with pytest.raises(ValueError, match=r"network: expected every layer's bias shared .* got bias shapes \[\(1,\), \(2,\)\]"):
        names.bias_sharing((2, 3, 2), [(1,), (2,)])
    net = Network.from_layers([[[1, 2], [3, 4], [5, 6]], [[1, 2, 3], [4, 5, 6]]], [[0.1], [0.1, 0.2]])
    with pytest.raises(ValueError, match="network: expected every layer's bias shared"):
        assert net.shared_bias is None  # refused before it answers


# --- the passes answer by name ----------------------------------------------------------------------

def test_a_pass_answers_by_the_articles_names():
    net = article_network()
    fp = forward(net, INPUTS, TARGETS)
    bp = backward(net, fp)
    q = quantities()
    for name in ("net_h1", "out_o2", "E_o1", "E_total", "i2", "target_o1"):
        assert fp[name] == q[name] and bp[name] == q[name], name
    for name in ("dE_dw5", "dE_dw2", "dE_db2", "delta_h1", "dE_dout_h2", "dout_o1_dnet_o1"):
        assert bp[name] == pytest.approx(q[name], rel=1e-15), name
    assert bp["dE_dw5"] == bp.dE_dw[1][0, 0] and bp["dE_dw2"] == bp.dE_dw[0][0, 1]  # w2 comes from i2 into h1


def test_a_batch_numbers_its_examples_and_sums_its_gradients():
    net = Network.random((2, 3, 1), seed=0, shared_bias=False)
    x, t = [[0.0, 1.0], [1.0, 0.0]], [[1.0], [0.0]]
    bp = backward(net, forward(net, x, t))
    parts = [backward(net, forward(net, xi, ti)) for xi, ti in zip(x, t, strict=True)]
    assert bp["dE_dw9"] == pytest.approx(parts[0]["dE_dw9"] + parts[1]["dE_dw9"], rel=1e-14)
    assert bp["dE_db4"] == bp.dE_db[1][0] and bp["delta_h3[2]"] == parts[1]["delta_h3"]
    with pytest.raises(KeyError, match=r"expected an example number from 1 to 2, e.g. 'out_o1\[1\]'"):
        bp["out_o1"]
    with pytest.raises(KeyError, match=r"'dE_dw1' is summed over the batch"):
        bp["dE_dw1[1]"]


@pytest.mark.parametrize("name, message", [
    ("w5", "expected a quantity of this forward pass such as 'out_o1'"),
    ("dE_dw5", "expected a quantity of this forward pass"),  # a gradient is the backward pass's
    ("out_o1_new", "expected a quantity of this forward pass"),
    ("E_h1", "expected a neuron of this network that has such a value"),
    ("net_i1", "expected a neuron of this network that has such a value"),
    ("out_o3", "expected a neuron of this network that has such a value"),
    (5, "expected a quantity of this forward pass"),
])
def test_a_name_a_pass_does_not_hold_is_refused_by_name(name, message):
    with pytest.raises(KeyError, match=message):
        forward(article_network(), INPUTS, TARGETS)[name]


def test_a_stack_of_networks_is_looked_up_by_configuration_first():
    stacked = article_network().stacked(2)
    with pytest.raises(ValueError, match="name: expected the pass of a single network"):
        forward(stacked, INPUTS, TARGETS)["out_o1"]
