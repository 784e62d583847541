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
