"""The slider panel generated for any small network, driven without a browser: set a slider,
check every number against the core, the figure, the key steps and the table.

Every expected number comes from worked_example on a network built here, never from the panel.
"""

from __future__ import annotations


import numpy as np
import pytest

from bp_helpers import (CROSS_ENTROPY, LINEAR, LOGISTIC, RELU, TANH, Network, article_network, gradient_check,
                        worked_example)
from bp_helpers.article import INPUTS, LEARNING_RATE, PRINTED, TARGETS
from bp_helpers.diagrams import NetworkDiagram
from bp_helpers.formats import number
from bp_helpers.network_panel import MAX_SLIDERS, NetworkPanel
from bp_helpers.published import SGHOSH
from bp_helpers.rendering import svg_of
from bp_helpers.verdicts import DIFFER, MATCH

# the notebook's example: 2-3-1, tanh hidden neurons, a logistic output, a bias per neuron
OWN = {"weights": [[[0.5, -0.3], [0.8, 0.2], [-0.6, 0.4]], [[1.0, -1.5, 0.7]]],
       "biases": [[0.1, -0.2, 0.3], [0.2]]}
OWN_DATA = ([0.6, -0.4], [0.9], 0.5)


def own_network(**changes: float) -> Network:
    weights = [np.array(w, dtype=float) for w in OWN["weights"]]
    biases = [np.array(b, dtype=float) for b in OWN["biases"]]
    # the article's numbering: w1..w6 into h1..h3 (by target, then source), w7..w9 into o1; b1..b3, b4
    flat = {f"w{k + 1}": (0, divmod(k, 2)) for k in range(6)} | {f"w{7 + k}": (1, (0, k)) for k in range(3)}
    for name, value in changes.items():
        if name[0] == "w":
            layer, index = flat[name]
            weights[layer][index] = value
        else:
            k = int(name[1:]) - 1
            biases[0 if k < 3 else 1][k if k < 3 else 0] = value
    return Network.from_layers(weights, biases, [TANH, LOGISTIC])


def expected(**changes: float):
    return worked_example(own_network(**changes), *OWN_DATA)


def svg(panel) -> str:
    return bytes(panel.figure_view.value).decode()


def equations(panel) -> str:
    panel.settle()
    (output,) = panel.equations.outputs
    return output["data"]["text/plain"]


@pytest.fixture(scope="module")
def own_panel():
    return NetworkPanel(own_network(), *OWN_DATA)


@pytest.fixture
def panel(own_panel):
    own_panel.reset()
    return own_panel


# --- its sliders --------------------------------------------------------------------------------

def test_one_slider_per_weight_and_bias_named_as_the_worked_example_grouped_by_layer(panel):
    example = expected()
    assert list(panel.controls) == list(example.parameters)
    assert list(panel.controls) == [f"w{k}" for k in range(1, 10)] + ["b1", "b2", "b3", "b4"]
    for name, control in panel.controls.items():
        assert (control.min, control.max) == (-5.0, 5.0) and control.value == example.values[name]
        assert control.description == name
    assert panel.layers() == [("hidden layer", ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")),
                              ("output layer", ("w7", "w8", "w9", "b4"))]
    choice, stack = panel.groups().children  # a layer's weights and biases on pages of their own, six at most
    assert [t for t, _ in choice.options] == ["hidden layer: w1–w6", "hidden layer: b1–b3", "output layer: w7–w9",
                                              "output layer: b4"]
    assert [c.description for c in stack.children[2].children] == ["w7", "w8", "w9"]
    big = NetworkPanel(Network.random((3, 5, 2), seed=3), [0.1, 0.2, 0.3], [0.4, 0.6], 0.5).groups()
    titles = [t for t, _ in big.children[0].options]
    assert titles[:3] == ["hidden layer: w1–w6", "hidden layer: w7–w12", "hidden layer: w13–w15"]
    assert max(len(page.children) for page in big.children[1].children) == NetworkPanel.PAGE


@pytest.mark.parametrize("sizes, shared, captions", [
    ((2, 1), True, ["output layer"]),
    ((2, 2, 2), True, ["hidden layer", "output layer"]),
    ((3, 2, 2, 1), False, ["hidden layer 1", "hidden layer 2", "output layer"]),
])
def test_any_network_gets_its_own_sliders(sizes, shared, captions):
    net = Network.random(sizes, seed=1, shared_bias=shared)
    p = NetworkPanel(net, [0.5] * sizes[0], [0.2] * sizes[-1], 0.5)
    example = worked_example(net, [0.5] * sizes[0], [0.2] * sizes[-1], 0.5)
    assert [c for c, _ in p.layers()] == captions
    assert list(example.parameters) == list(p.controls)
    assert sorted(n for _, group in p.layers() for n in group) == sorted(p.controls)
    for layer, (_, group) in enumerate(p.layers()):  # a layer's weights, then its biases
        assert all(example.parameters[n].layer == layer for n in group)
        kinds = [example.parameters[n].kind for n in group]
        assert kinds == sorted(kinds, reverse=True)
    # the sliders read a value as the number it shows (to 12 decimals): random weights move a hair
    assert dict(p.last.values) == pytest.approx(dict(example.values), rel=1e-9, abs=1e-12)


# --- what it shows ------------------------------------------------------------------------------

def test_at_the_start_it_shows_the_networks_worked_example(panel):
    example = expected()
    assert panel.last.values == example.values
    assert svg(panel) == svg_of(NetworkDiagram((2, 3, 1), shared_bias=False, updates=True,
                                               backward=True).draw(example.values))
    assert panel.figure_view.layout.max_width == "100%"
    text = equations(panel)
    assert panel.key_names() == ["E_total", "dE_dw1", "w1_new", "E_total_new"]
    for name in panel.key_names():
        assert example[name].equation_text() in text
    for step in example.steps:
        assert f"<td><code>{step.name}</code></td><td>{number(step.value)}</td>" in panel.table.value
    assert "article" not in text and "article" not in panel.table.value  # not the article's network
    assert panel.banner.value.startswith("E_total = ")


@pytest.mark.parametrize("name, value", [("w1", -2.5), ("w8", 3.1), ("b2", -4.0), ("b4", 5.0)])
def test_moving_a_slider_recomputes_every_number_with_the_core_and_the_figure_follows(panel, name, value):
    before = svg(panel)
    panel.controls[name].value = value
    example = expected(**{name: value})
    assert panel.last.values == example.values
    assert svg(panel) != before
    fresh = NetworkDiagram((2, 3, 1), shared_bias=False, updates=True, backward=True)
    assert svg(panel) == panel.figure.render(fresh.texts(example.values))
    for n in panel.key_names():
        assert example[n].equation_text() in equations(panel)
    assert f"moved: {name} = " in panel.summary()


def test_every_slider_changes_the_figure(panel):
    for name, control in panel.controls.items():
        before = svg(panel)
        control.value = round(-control.value + 0.5, 2)
        assert svg(panel) != before, name
    panel.reset()
    assert panel.last.values == expected().values


def test_the_gradients_it_shows_are_the_finite_differences(panel):
    panel.set(w2=1.7, b3=-0.8)
    check = gradient_check(own_network(w2=1.7, b3=-0.8), *OWN_DATA[:2])
    shown = [panel.last.values[f"dE_d{n}"] for n in panel.controls]
    numeric = np.concatenate([g.ravel() for g in check.numeric])
    np.testing.assert_allclose(shown, numeric, rtol=1e-7, atol=1e-10)


def test_set_changes_several_sliders_with_one_render_and_reset_returns(panel):
    renders = panel.renders
    panel.set(w1=1.0, w9=-1.0, b1=0.5)
    assert panel.renders == renders + 1
    assert panel.last.values == expected(w1=1.0, w9=-1.0, b1=0.5).values
    panel.reset()
    assert panel.last.values == expected().values and "at the network's own values" in panel.summary()


def test_the_starting_point_prints_the_key_values_in_a_narrow_column(panel):
    panel.controls["w3"].value = 2.0
    text = panel.starting_point()  # what the panel starts at, wherever it is now
    example = expected()
    assert text.splitlines()[0] == "The panel starts at the network's own values:"
    for name in panel.key_names():
        assert f"{name} " in text and number(example.values[name]) in text
    assert all(len(line) <= 52 for line in text.splitlines())
    assert all(len(line) <= 52 for line in panel.summary().splitlines())


def test_the_article_network_gets_the_article_numbers_and_a_page_its_own():
    article = NetworkPanel(article_network(), INPUTS, TARGETS, LEARNING_RATE)
    assert f"article: {PRINTED['w1_new']} {MATCH}" in equations(article)
    article.controls["w1"].value = 0.3
    assert "not these" in " ".join(equations(article).split())
    page = NetworkPanel(SGHOSH.network(), SGHOSH.inputs, SGHOSH.targets, SGHOSH.rate, update_biases=True,
                        printed=SGHOSH.printed_numbers())
    assert f"printed: -0.1360 {DIFFER}" in " ".join(equations(page).split())  # dE_dw1, cut on the page
    assert f"<td>0.5136 {MATCH}</td>" in page.table.value


def test_the_panel_displays_as_a_widget_with_a_short_text_fallback(panel):
    bundle, metadata = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("NetworkPanel: Your network")
    assert bundle["image/png"] and metadata["image/png"]["width"] > 0  # its starting figure, for a handout


@pytest.mark.parametrize("activation", [LOGISTIC, TANH, RELU, LINEAR])
def test_every_slider_at_its_bounds_gives_finite_numbers(activation):
    net = Network.from_layers(OWN["weights"], OWN["biases"], activation)
    p = NetworkPanel(net, *OWN_DATA)
    for bound in (-5.0, 5.0):
        p.set(**{n: bound for n in p.controls})
        assert all(np.isfinite(v) for v in p.last.values.values())
        assert "nan" not in svg(p) and "inf" not in svg(p)


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("args, kwargs, error, message", [
    ((own_network(w1=7.0), *OWN_DATA), {}, ValueError, r"w1: expected a value in \[-5.0, 5.0\], got 7.0"),
    ((own_network(), [[0.6, -0.4], [0.1, 0.2]], [[0.9], [0.1]], 0.5), {}, ValueError,
     "inputs: expected one example for the panel, got a batch of 2"),
    ((own_network(), [0.6], [0.9], 0.5), {}, ValueError, r"inputs: expected shape \(2,\)"),
    ((own_network(), [0.6, -0.4], [0.9, 0.1], 0.5), {}, ValueError, r"targets: expected shape \(1,\)"),
    ((own_network(), [0.6, -0.4], [0.9], 0.0), {}, ValueError, "learning_rate"),
    ((own_network(), [0.6, -0.4], [0.9], 0.5), {"order": "sideways"}, ValueError, "order"),
    ((own_network(), *OWN_DATA), {"printed": {"w1_new": "0.5"}}, TypeError, "printed: expected"),
    (([[1.0]], *OWN_DATA), {}, TypeError, "network"),
    ((Network.random((6, 6, 6, 1), seed=0), [0.1] * 6, [0.5], 0.5), {}, ValueError,
     f"at most {MAX_SLIDERS} weights and biases"),
    ((Network.random((2, 7, 1), seed=0), [0.1] * 2, [0.5], 0.5), {}, ValueError, "at most 6 neurons a layer"),
    ((Network.from_layers(OWN["weights"], OWN["biases"], LINEAR, CROSS_ENTROPY), *OWN_DATA), {}, ValueError,
     "outputs strictly between 0 and 1"),
])
def test_bad_input_is_refused_with_a_message_naming_it(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        NetworkPanel(*args, **kwargs)


def test_a_failed_render_says_so_where_the_reader_looks_and_raises(own_panel, monkeypatch):
    own_panel.reset()
    monkeypatch.setattr(own_panel, "_compute", lambda settings: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        own_panel.controls["w1"].value = 1.0
    assert own_panel.banner.value.startswith("The panel could not update: ZeroDivisionError")
