"""The diagrams: drawn once and then only their texts replaced, legible, nothing on top of anything.

The values come from the core at the article's settings and at random ones.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex

from bp_helpers import Network, article_network, backward, forward, names, quantities, style
from bp_helpers.chains import ChainW1, ChainW5
from bp_helpers.diagrams import NetworkDiagram
from bp_helpers.names import neurons, parameters
from bp_helpers.rendering import LiveSVG, svg_of

ARTICLE = quantities()


def moved() -> dict[str, float]:
    rng = np.random.default_rng(5)
    settings = {f"w{k}": float(rng.uniform(-5, 5)) for k in range(1, 9)} | {"b1": -4.3, "b2": 2.2}
    return quantities(article_network(**settings), (0.93, 0.0), (1.0, 0.27), 8.0)


def general_values(net: Network, x, t) -> dict[str, float]:
    """Values by name for any network (what a worked example names them), read off the core's forward pass."""
    fp = forward(net, x, t)
    layers = neurons(net.sizes)
    wanted = [*layers[0], *(f(n) for layer in layers[1:] for n in layer for f in (names.net, names.out)),
              *(f(o) for o in layers[-1] for f in (names.target, names.error)), names.TOTAL]
    v = {name: fp[name] for name in wanted}
    for p in parameters(net.sizes, net.shared_bias):
        v[p.name] = float(getattr(net, p.kind)[p.layer][p.index])
    return v


SMALL = Network.random((2, 3, 1), seed=3, shared_bias=False)
DEEP = Network.random((3, 5, 5, 2), seed=4)
CASES = {
    "network": (NetworkDiagram(), ARTICLE),
    "highlighted": (NetworkDiagram(highlight=["i1", "w1", "h1", "w5", "o1", "E_o1", "E_total", "b1_h1"]), ARTICLE),
    "updates": (NetworkDiagram(updates=True), ARTICLE),
    "backward": (NetworkDiagram(updates=True, backward=True, highlight=["h1", "w5"]), ARTICLE),
    "2-3-1 per-neuron biases": (NetworkDiagram((2, 3, 1), shared_bias=False),
                                general_values(SMALL, [0.5, -1.0], [0.2])),
    "3-5-5-2": (NetworkDiagram((3, 5, 5, 2), highlight=["w16"]), general_values(DEEP, [0.1, 0.2, 0.3], [0.1, 0.9])),
    "chain w5": (ChainW5(), ARTICLE),
    "chain w1": (ChainW1(), ARTICLE),
}


def drawn(diagram, values):
    fig = diagram.draw(values)
    FigureCanvasAgg(fig).draw()
    return fig


@pytest.mark.parametrize("name", ["network", "highlighted", "updates", "backward", "chain w5", "chain w1"])
def test_a_substituted_svg_is_the_svg_of_a_fresh_drawing(name):
    diagram, _ = CASES[name]
    live = LiveSVG(diagram.draw(ARTICLE), diagram.texts(ARTICLE))
    for values in (moved(), ARTICLE):
        assert live.render(diagram.texts(values)) == svg_of(diagram.draw(values))


def test_a_substituted_svg_is_fresh_for_any_network_too():
    diagram = NetworkDiagram((2, 3, 1), shared_bias=False)
    first = general_values(SMALL, [0.5, -1.0], [0.2])
    live = LiveSVG(diagram.draw(first), diagram.texts(first))
    other = general_values(Network.random((2, 3, 1), seed=9, shared_bias=False), [0.9, 0.1], [0.8])
    assert live.render(diagram.texts(other)) == svg_of(diagram.draw(other))


def _boxes(fig):
    renderer = fig.canvas.get_renderer()
    texts = [t for ax in fig.axes for t in ax.texts if t.get_text().strip()]
    return [(t, t.get_window_extent(renderer)) for t in texts]


@pytest.mark.parametrize("name, at", [(name, "article") for name in CASES] +
                         [(name, "moved") for name in ("network", "updates", "backward", "chain w5", "chain w1")])
def test_no_text_overlaps_another_or_leaves_the_figure(name, at):
    diagram, values = CASES[name]
    if at == "moved":  # far-off settings of the article's network: the longest numbers
        values = moved()
    fig = drawn(diagram, values)
    boxes = _boxes(fig)
    width, height = fig.canvas.get_width_height()
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.shrunk(0.97, 0.9).overlaps(box_b.shrunk(0.97, 0.9)), (a.get_text(), b.get_text())
    for t, box in boxes:
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, t.get_text()


@pytest.mark.parametrize("name", ["network", "updates", "backward", "2-3-1 per-neuron biases"])
def test_every_value_sits_inside_its_own_box(name):
    diagram, values = CASES[name]
    fig = drawn(diagram, values)
    renderer = fig.canvas.get_renderer()
    boxes = {p.get_gid(): p.get_window_extent(renderer) for ax in fig.axes for p in ax.patches if p.get_gid()}
    for t, box in _boxes(fig):
        gid = t.get_gid() or ""
        kind, _, owner = gid.partition(":")
        if kind in ("net", "out", "target", "value", "delta") or (kind == "bias" and owner[0] in "hjkmo"):
            frame = boxes[f"node:{owner}"]
        elif kind in ("weight", "new", "grad") and owner[0] == "w":
            frame = boxes[f"box:{owner}"]
        else:
            continue
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, gid


@pytest.mark.parametrize("name", list(CASES))
def test_text_is_large_enough_and_dark_enough(name):
    diagram, values = CASES[name]
    fig = drawn(diagram, values)
    assert fig.get_figwidth() <= style.WIDTH_IN
    live = set(diagram.texts(values))
    for t in (t for ax in fig.axes for t in ax.texts):
        size = t.get_fontsize()
        minimum = style.MATH_PT if "$" in t.get_text() else style.NUMBER_PT if t.get_gid() in live else style.LABEL_PT
        assert size >= minimum, (t.get_text(), size)
        assert to_hex(t.get_color()).upper() in style.TEXT_COLOURS, t.get_text()


@pytest.mark.parametrize("weight, other", [("w2", "w3"), ("w3", "w2"), ("w6", "w7"), ("w7", "w6")])
@pytest.mark.parametrize("updates", [False, True])
def test_crossing_weight_labels_sit_on_their_own_line_away_from_the_other(weight, other, updates):
    diagram = NetworkDiagram(updates=updates)
    fig = drawn(diagram, ARTICLE)
    renderer = fig.canvas.get_renderer()
    lines = {ln.get_gid(): ln.get_transform().transform(ln.get_xydata()) for ax in fig.axes for ln in ax.lines}
    box = next(p for ax in fig.axes for p in ax.patches if p.get_gid() == f"box:{weight}").get_window_extent(renderer)
    centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)

    def distance(segment):
        (ax_, ay), (bx, by) = segment
        dx, dy = bx - ax_, by - ay
        s = max(0.0, min(1.0, ((centre[0] - ax_) * dx + (centre[1] - ay) * dy) / (dx * dx + dy * dy)))
        return math.hypot(centre[0] - ax_ - s * dx, centre[1] - ay - s * dy)

    assert distance(lines[f"edge:{weight}"]) < 1.5
    assert distance(lines[f"edge:{other}"]) > box.height / 2  # the crossing line misses the label


def test_weights_are_drawn_on_the_lines_the_article_numbers_them_by():
    diagram = NetworkDiagram()
    c = diagram.layout.centres
    for p in diagram.weights:
        x, y = diagram.label_centre(p)
        (sx, sy), (tx, ty) = c[p.source], c[p.target]
        assert sx < x < tx and min(sy, ty) - 1e-9 <= y <= max(sy, ty) + 1e-9  # between its two neurons
    assert {(p.name, p.source, p.target) for p in diagram.weights} >= {("w2", "i2", "h1"), ("w3", "i1", "h2")}


def test_a_highlight_draws_its_lines_strong_and_the_rest_muted():
    fig = drawn(*CASES["highlighted"])
    colours = {ln.get_gid(): to_hex(ln.get_color()).upper() for ax in fig.axes for ln in ax.lines}
    assert colours["edge:w1"] == colours["edge:w5"] == colours["edge:b1_h1"] == style.HIGHLIGHT
    assert colours["edge:w2"] == colours["edge:w8"] == colours["edge:b2_o2"] == style.MUTED_LINE


def test_a_big_network_labels_only_what_fits():
    diagram, values = CASES["3-5-5-2"]
    # 15, 25 and 10 lines between layers: too many to label; a highlighted one only if it has room
    assert {p.name for p in diagram.labelled_weights()} <= {"w16"}
    texts = diagram.texts(values)
    assert not any(gid.startswith("weight:") and gid != "weight:w16" for gid in texts)
    assert "out:h1" in texts and "net:h1" not in texts  # four layers: the boxes keep only out
    small = NetworkDiagram((2, 3, 1), shared_bias=False)
    assert len(small.labelled_weights()) == 9  # a small network labels every line


@pytest.mark.parametrize("make, message", [
    (lambda: NetworkDiagram((7, 2)), r"sizes: expected at most 6 neurons a layer and 5 layers \(inputs included\)"),
    (lambda: NetworkDiagram((2, 2, 2, 2, 2, 2)), "sizes: expected at most 3 hidden layers"),
    (lambda: NetworkDiagram(shared_bias=1), "shared_bias: expected True or False"),
    (lambda: ChainW1().draw({"w1": 0.1}), r"values: missing \['E_o1'"),
    (lambda: ChainW5().texts({}), "values: missing"),
])
def test_bad_input_is_named(make, message):
    with pytest.raises((ValueError, TypeError, KeyError), match=message):
        make()


def test_the_backward_diagram_shows_every_delta_and_gradient_and_labels_every_weight():
    diagram = NetworkDiagram(updates=True, backward=True)
    texts = diagram.texts(ARTICLE)
    fp = forward(article_network(), (0.05, 0.1), (0.01, 0.99))
    bp = backward(article_network(), fp)
    assert texts["delta:o1"] == f"δ {float(bp.delta[1][0, 0]):.4f}"
    assert texts["grad:w5"] == f"∂ {float(bp.dE_dw[1][0, 0]):.4f}"
    assert texts["grad:b2"] == f"∂ {float(bp.dE_db[1][0]):.4f}"
    assert len(diagram.labelled_weights()) == 8  # the taller labels still fit on every line


def test_the_backward_pass_values_on_the_w1_chain_are_the_cores():
    fp = forward(article_network(), (0.05, 0.1), (0.01, 0.99))
    bp = backward(article_network(), fp)
    texts = ChainW1().texts(ARTICLE)
    assert texts["sum"].endswith(f"= {float(bp.dE_dout[0][0, 0]):.6g}")
