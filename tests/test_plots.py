"""Tests for bp_helpers.plots: structure, live labels, geometry, highlighting, no warnings."""

from __future__ import annotations

import math
import warnings

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bp_helpers import plots

START = {"i1": 0.05, "i2": 0.10, "target_o1": 0.01, "target_o2": 0.99, "w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30,
             "w5": 0.40, "w6": 0.45, "w7": 0.50, "w8": 0.55, "b1": 0.35, "b2": 0.60, "eta": 0.5}

# NOTES.md section 1, "exact (float64)" column.
NOTES_EXACT = {
    "net_h1": 0.377500000000, "out_h1": 0.593269992107, "out_h2": 0.596884378260, "net_o1": 1.105905967060,
    "out_o1": 0.751365069552, "out_o2": 0.772928465321, "E_o1": 0.274811083176, "E_o2": 0.023560025584,
    "E_total": 0.298371108760, "dE_dout_o1": 0.741365069552, "dout_o1_dnet_o1": 0.186815601809,
    "dE_dw5": 0.082167040564, "w5_new": 0.358916479718, "w6_new": 0.408666186076, "w7_new": 0.511301270239,
    "w8_new": 0.561370121108, "delta_o1": 0.138498561629, "dE_o1_dout_h1": 0.055399424651,
    "dE_o2_dout_h1": -0.019049118258, "dE_dout_h1": 0.036350306393, "dout_h1_dnet_h1": 0.241300708572,
    "dE_dw1": 0.000438567734, "w1_new": 0.149780716133, "w2_new": 0.199561432266, "w3_new": 0.249751143632,
    "w4_new": 0.299502287265,
}


def _sig(x: float) -> float:
    """Logistic function, overflow-free for any finite x."""
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def compute_values(p: dict[str, float]) -> dict[str, float]:
    """Every named value of the brief, from parameters p, in plain Python (w2 = i2->h1)."""
    v = dict(p)
    v["net_h1"] = v["w1"] * v["i1"] + v["w2"] * v["i2"] + v["b1"]
    v["net_h2"] = v["w3"] * v["i1"] + v["w4"] * v["i2"] + v["b1"]
    for h in ("h1", "h2"):
        v[f"out_{h}"] = _sig(v[f"net_{h}"])
    v["net_o1"] = v["w5"] * v["out_h1"] + v["w6"] * v["out_h2"] + v["b2"]
    v["net_o2"] = v["w7"] * v["out_h1"] + v["w8"] * v["out_h2"] + v["b2"]
    for o in ("o1", "o2"):
        out = v[f"out_{o}"] = _sig(v[f"net_{o}"])
        v[f"E_{o}"] = 0.5 * (v[f"target_{o}"] - out) ** 2
        v[f"dE_dout_{o}"] = out - v[f"target_{o}"]
        v[f"dout_{o}_dnet_{o}"] = out * (1 - out)
        v[f"delta_{o}"] = v[f"dE_dout_{o}"] * v[f"dout_{o}_dnet_{o}"]
    v["E_total"] = v["E_o1"] + v["E_o2"]
    v["dE_dw5"], v["dE_dw6"] = v["delta_o1"] * v["out_h1"], v["delta_o1"] * v["out_h2"]
    v["dE_dw7"], v["dE_dw8"] = v["delta_o2"] * v["out_h1"], v["delta_o2"] * v["out_h2"]
    v["dE_o1_dout_h1"], v["dE_o2_dout_h1"] = v["delta_o1"] * v["w5"], v["delta_o2"] * v["w7"]
    v["dE_o1_dout_h2"], v["dE_o2_dout_h2"] = v["delta_o1"] * v["w6"], v["delta_o2"] * v["w8"]
    for h in ("h1", "h2"):
        v[f"dE_dout_{h}"] = v[f"dE_o1_dout_{h}"] + v[f"dE_o2_dout_{h}"]
        v[f"dout_{h}_dnet_{h}"] = v[f"out_{h}"] * (1 - v[f"out_{h}"])
        v[f"delta_{h}"] = v[f"dE_dout_{h}"] * v[f"dout_{h}_dnet_{h}"]
    v["dE_dw1"], v["dE_dw2"] = v["delta_h1"] * v["i1"], v["delta_h1"] * v["i2"]
    v["dE_dw3"], v["dE_dw4"] = v["delta_h2"] * v["i1"], v["delta_h2"] * v["i2"]
    v["dE_db1"], v["dE_db2"] = v["delta_h1"] + v["delta_h2"], v["delta_o1"] + v["delta_o2"]
    for k in range(1, 9):
        v[f"w{k}_new"] = v[f"w{k}"] - v["eta"] * v[f"dE_dw{k}"]
    return v


def article_values() -> dict[str, float]:
    """The article's values: NOTES.md exact column, other keys from the formulas."""
    v = compute_values(START)
    for k, exact in NOTES_EXACT.items():
        assert v[k] == pytest.approx(exact, abs=1e-11), k  # the formulas above match NOTES
        v[k] = exact
    return v


@pytest.fixture
def vals() -> dict[str, float]:
    return article_values()


@pytest.fixture(scope="module")
def article_net() -> Figure:
    """The network at the article's values, rendered once for the read-only tests."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return render(plots.draw_network(article_values()))


@pytest.fixture(autouse=True)
def _no_warnings():
    """Every test runs with warnings as errors, even without `pytest -W error`."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def render(fig: Figure) -> Figure:
    """Draw the figure fully (layout engines and text layout run only at draw time)."""
    FigureCanvasAgg(fig).draw()
    return fig


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def by_gid(fig: Figure, gid: str):
    found = [a for ax in fig.axes for a in [*ax.texts, *ax.lines, *ax.patches] if a.get_gid() == gid]
    assert len(found) == 1, (gid, found)
    return found[0]


def _seg_dist(p, a, b) -> float:
    """Distance from point p to segment ab (display coordinates)."""
    (px, py), (ax_, ay), (bx, by) = p, a, b
    dx, dy = bx - ax_, by - ay
    t = max(0.0, min(1.0, ((px - ax_) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax_ - t * dx, py - ay - t * dy)


def _segment(fig: Figure, gid: str):
    line = by_gid(fig, gid)
    return line.get_transform().transform(line.get_xydata())


# ---------------------------------------------------------------- structure


@pytest.mark.parametrize("make", [
    lambda v: plots.draw_network(v),
    lambda v: plots.draw_chain_w5(v),
    lambda v: plots.draw_chain_w1(v),
    lambda v: plots.plot_loss_curve({"eta 0.5": [v["E_total"], 0.29]}),
    lambda v: plots.plot_outputs([v["out_o1"], v["out_o2"]], [0.01, 0.99]),
    lambda v: plots.plot_sweep([0.1, 0.5, 1.0], [0.1, 0.05, 0.01], current=0.5),
])
def test_each_function_returns_a_figure_with_one_axes(vals, make):
    fig = make(vals)  # rendering (and its warnings) is exercised by the tests below
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 1


def test_given_ax_is_drawn_into(vals):
    host = Figure()
    ax = host.add_subplot()
    assert plots.draw_network(vals, ax=ax) is host
    assert plots.plot_loss_curve({"a": [1.0, 0.5]}, ax=ax) is host
    sub_ax = host.subfigures(1, 2)[1].add_subplot()
    assert plots.draw_chain_w5(vals, ax=sub_ax) is host


# ---------------------------------------------------------------- network


def test_network_labels_every_weight_and_bias_with_its_value(vals, article_net):
    fig = article_net
    expected = {f"w{k}": f"{vals[f'w{k}']:.2f}" for k in range(1, 9)} | {"b1": "0.35", "b2": "0.60"}
    for name, value in expected.items():
        label = by_gid(fig, f"label:{name}").get_text()
        assert label == f"{name} = {value}", label


def test_network_label_follows_the_dict(vals):
    assert by_gid(plots.draw_network(vals), "label:w5").get_text() == "w5 = 0.40"
    assert by_gid(plots.draw_network(vals | {"w5": -3.21}), "label:w5").get_text() == "w5 = -3.21"
    more = plots.draw_network(vals | {"w5": 0.1498}, decimals=4)
    assert by_gid(more, "label:w5").get_text() == "w5 = 0.1498"
    assert by_gid(plots.draw_network(vals | {"w5": 1e300}), "label:w5").get_text() == "w5 = 1.0e+300"


def test_network_nodes_show_out_net_and_targets(article_net):
    fig = article_net
    assert by_gid(fig, "value:i2").get_text() == "0.1"
    assert by_gid(fig, "value:h1").get_text() == "net = 0.3775\nout = 0.5933"
    assert by_gid(fig, "value:o1").get_text() == "net = 1.106\nout = 0.7514\ntarget = 0.01"
    assert by_gid(fig, "value:o2").get_text().endswith("target = 0.99")
    assert by_gid(fig, "value:E_total").get_text() == "0.2984"


def test_show_values_false_leaves_only_names(vals):
    fig = plots.draw_network(vals, show_values=False)
    assert by_gid(fig, "label:w2").get_text() == "w2"
    assert not any("0.20" in t for t in texts(fig))


@pytest.mark.parametrize("weight, own, other", [("w2", "w2", "w3"), ("w3", "w3", "w2"),
                                                 ("w6", "w6", "w7"), ("w7", "w7", "w6")])
def test_crossing_weight_labels_sit_on_their_own_edge(article_net, weight, own, other):
    fig = article_net
    # The drawn label box (text plus its frame), in pixels.
    box = by_gid(fig, f"label:{weight}").get_bbox_patch().get_window_extent(fig.canvas.get_renderer())
    centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    own_seg, other_seg = _segment(fig, f"edge:{own}"), _segment(fig, f"edge:{other}")
    assert _seg_dist(centre, *own_seg) < 2  # on its own edge
    assert _seg_dist(centre, *other_seg) > box.height  # and well away from the crossing one
    # The crossing edge does not even pass through the label's frame (plus 3 px).
    samples = [other_seg[0] + (other_seg[1] - other_seg[0]) * k / 200 for k in range(201)]
    assert not any(box.padded(3).contains(x, y) for x, y in samples)


@pytest.mark.parametrize("weight, src, dst", [("w1", "i1", "h1"), ("w2", "i2", "h1"), ("w3", "i1", "h2"),
                                               ("w4", "i2", "h2"), ("w5", "h1", "o1"), ("w6", "h2", "o1"),
                                               ("w7", "h1", "o2"), ("w8", "h2", "o2")])
def test_each_weight_edge_joins_the_article_nodes(article_net, weight, src, dst):
    renderer = article_net.canvas.get_renderer()
    start, end = _segment(article_net, f"edge:{weight}")
    assert by_gid(article_net, f"node:{src}").get_window_extent(renderer).padded(2).contains(*start)
    assert by_gid(article_net, f"node:{dst}").get_window_extent(renderer).padded(2).contains(*end)


def assert_layout_clean(fig: Figure) -> None:
    """No two texts overlap, all lie inside the figure, node values fit inside their nodes."""
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.axes[0].texts if t.get_text()]
    for i, (ta, a) in enumerate(boxes):
        assert fig.bbox.contains(a.x0, a.y0) and fig.bbox.contains(a.x1, a.y1), ta
        for tb, b in boxes[i + 1:]:
            assert not a.overlaps(b), (ta, tb)
    for t in fig.axes[0].texts:
        if (t.get_gid() or "").startswith("value:"):
            node = by_gid(fig, "node:" + t.get_gid()[6:]).get_window_extent(renderer)
            box = t.get_window_extent(renderer)
            inside = node.x0 < box.x0 and box.x1 < node.x1 and node.y0 < box.y0 and box.y1 < node.y1
            assert inside, t.get_text()


def test_no_text_overlaps_at_the_article_values(article_net):
    assert_layout_clean(article_net)


def test_highlight_changes_exactly_the_highlighted_edges(vals):
    plain = plots.draw_network(vals)
    lit = plots.draw_network(vals, highlight=("w5", "w7", "b2_o1"))
    edges = [n for n in plots.HIGHLIGHTABLE if f"edge:{n}" in {ln.get_gid() for ln in plain.axes[0].lines}]
    assert len(edges) == 14
    widths = {n: by_gid(lit, f"edge:{n}").get_linewidth() for n in edges}
    colours = {n: by_gid(lit, f"edge:{n}").get_color() for n in edges}
    for n in edges:
        if n in ("w5", "w7", "b2_o1"):
            assert colours[n] == plots.HIGHLIGHT
            assert widths[n] > by_gid(plain, f"edge:{n}").get_linewidth()
            assert widths[n] > max(w for m, w in widths.items() if m not in ("w5", "w7", "b2_o1"))
        else:
            assert colours[n] == plots.GREY, n
    assert by_gid(lit, "node:h1").get_edgecolor() != by_gid(
        plots.draw_network(vals, highlight=("h1",)), "node:h1").get_edgecolor()


def test_highlight_rejects_unknown_names(vals):
    with pytest.raises(ValueError, match="w9"):
        plots.draw_network(vals, highlight=("w9",))


# ---------------------------------------------------------------- chains


def test_chain_w5_shows_factors_and_product(vals):
    fig = render(plots.draw_chain_w5(vals))
    shown = texts(fig)
    for s in ("0.741365", "0.186816", "0.59327", "0.298371"):
        assert s in shown, s
    assert by_gid(fig, "product").get_text() == "= 0.741365 × 0.186816 × 0.59327 = 0.082167"
    assert by_gid(fig, "delta").get_text() == "= 0.138499"
    changed = plots.draw_chain_w5(vals | {"dE_dw5": 0.123})
    assert by_gid(changed, "product").get_text().endswith("= 0.123")


def test_chain_w1_shows_both_paths_and_their_sum(vals):
    fig = render(plots.draw_chain_w1(vals))
    assert by_gid(fig, "path:o1").get_text().endswith("= 0.741365 × 0.186816 × 0.4 = 0.0553994")
    assert by_gid(fig, "path:o2").get_text().endswith("= -0.0190491")
    assert by_gid(fig, "sum").get_text().endswith("= 0.0553994 + (-0.0190491) = 0.0363503")
    assert by_gid(fig, "product").get_text().endswith("= 0.0363503 × 0.241301 × 0.05 = 0.000438568")
    assert "0.241301" in texts(fig) and "i1 = 0.05" in texts(fig) and "w5 = 0.4" in texts(fig)


DIAGRAMS = [plots.draw_network, plots.draw_chain_w5, plots.draw_chain_w1]


def _drawn(draw, values):
    """(live texts by gid, every other text, every shape) of a diagram as drawn."""
    ax = draw(values).axes[0]
    live = plots.DIAGRAMS[{f: k for k, (f, _) in plots.DIAGRAMS.items()}[draw]][1](values)
    shown = {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid() in live}
    fixed = [(t.get_text(), t.get_position(), t.get_color()) for t in ax.texts if t.get_gid() not in live]
    shapes = [(type(a).__name__, a.get_gid(), a.get_zorder(), a.get_path().vertices.tobytes(),
               a.get_transform().get_matrix().tobytes()) for a in [*ax.patches, *ax.lines]]
    return live, shown, fixed, shapes


@pytest.mark.parametrize("draw", DIAGRAMS, ids=lambda f: f.__name__)
def test_only_the_live_texts_change_with_the_values(vals, draw):
    # What LiveFigure relies on: new values change the texts named by the diagram's
    # *_texts function and nothing else. Mathtext is parsed again for every new string
    # (tens of ms), so it may only appear in texts that never change.
    other = compute_values({**START, "w1": -3.21, "w5": 4.56, "w7": -0.07, "b2": 1.5, "i1": 0.9})
    live, shown, fixed, shapes = _drawn(draw, vals)
    live2, shown2, fixed2, shapes2 = _drawn(draw, other)
    assert shown == live and shown2 == live2 and len(live) >= 9
    assert all(live[k] != live2[k] for k in ("value:out_o1", "product") if k in live)
    assert fixed == fixed2 and shapes == shapes2
    assert not any("$" in text for text in live.values())
    assert any("$" in text for text, _, _ in fixed)


@pytest.mark.parametrize("draw", DIAGRAMS[1:], ids=lambda f: f.__name__)
def test_chain_layout_is_clean_at_long_numbers(vals, draw):
    long = {k: -1.23456789e-5 if k.startswith(("d", "delta")) else v for k, v in vals.items()}
    assert_layout_clean(render(draw(vals)))
    assert_layout_clean(render(draw(long)))


def test_chain_reports_missing_keys(vals):
    del vals["dE_dw5"], vals["out_h1"]
    with pytest.raises(KeyError, match="out_h1.*dE_dw5"):
        plots.draw_chain_w5(vals)


# ---------------------------------------------------------------- curves


def test_loss_curve_is_log_with_one_line_per_history_and_marks():
    hist = {"eta 0.5": [0.3, 0.2, 0.1, 0.0], "eta 2": [0.3, 1e-300, 1e-320]}
    marks = {"printed after 1 step": (1, 0.291027924), "printed after 10,000": (2, 3.51085e-5)}
    fig = render(plots.plot_loss_curve(hist, marks=marks))
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert [ln.get_gid() for ln in ax.lines] == ["history:eta 0.5", "history:eta 2",
                                                "mark:printed after 1 step", "mark:printed after 10,000"]
    assert len({ln.get_marker() for ln in ax.lines[2:]}) == 2
    assert list(ax.lines[0].get_xdata()) == [0, 1, 2, 3]
    assert min(ax.lines[0].get_ydata()) == plots.LOG_FLOOR  # the 0 is floored, not dropped
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [*hist, *marks]


def test_outputs_and_sweep_content():
    fig = render(plots.plot_outputs([0.75136507, 0.772928465], [0.01, 0.99]))
    ax = fig.axes[0]
    assert ax.get_xlim()[0] <= 0 and ax.get_xlim()[1] >= 1
    rows = {tick: label.get_text() for tick, label in zip(ax.get_yticks(), ax.get_yticklabels())}
    assert rows == {0: "o2", 1: "o1"}  # o1 on top
    assert list(by_gid(fig, "outputs").get_xdata()) == [0.75136507, 0.772928465]
    fig = render(plots.plot_sweep([1.0, 0.1, 10.0], [0.01, 0.2, 0.0], current=1.0))
    ax = fig.axes[0]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert list(by_gid(fig, "sweep").get_xdata()) == [0.1, 1.0, 10.0]
    assert by_gid(fig, "current").get_xdata()[0] == 1.0
    with pytest.raises(ValueError):
        plots.plot_sweep([0.0, 1.0], [0.1, 0.2])


# ---------------------------------------------------------------- extremes: no warnings


EXTREMES = [
    START | {f"w{k}": 5.0 for k in range(1, 9)} | {"eta": 10, "i1": 1, "i2": 1, "target_o1": 0, "target_o2": 0},
    START | {f"w{k}": -5.0 for k in range(1, 9)} | {"eta": 10, "i1": 0, "i2": 0, "target_o1": 1, "target_o2": 1},
    START | {f"w{k}": 0.0 for k in range(1, 9)} | {"eta": 0.01, "b1": -5.0, "b2": 5.0},
]


@pytest.mark.parametrize("params", EXTREMES)
def test_extreme_values_draw_without_warnings(params):
    v = compute_values(params)
    v["E_total"], v["E_o1"], v["dE_dw1"] = 1e-300, 0.0, -1e-300  # underflowed errors and gradients
    assert_layout_clean(render(plots.draw_network(v, highlight=("w1", "E_total"))))
    render(plots.draw_chain_w5(v))
    render(plots.draw_chain_w1(v))


def test_huge_and_degenerate_inputs_draw_without_warnings(vals):
    huge = vals | {"w1": 1e300, "net_h1": -1e300, "E_total": 1e300, "dE_dw5": 1e-300}
    for fig in (plots.draw_network(huge), plots.draw_chain_w5(huge), plots.draw_chain_w1(huge)):
        render(fig)


@pytest.mark.parametrize("make", [
    lambda: plots.plot_loss_curve({"a": [0.3, 0.0, 1e-300, 1e-320]}, marks={"zero": (0, 0.0)}),
    lambda: plots.plot_loss_curve({"one step": [0.3], "empty": [], "flat": [0.0, 0.0]}),
    lambda: plots.plot_loss_curve({}),
    lambda: plots.plot_loss_curve({"_hidden": [1.0, 0.5]}),
    lambda: plots.plot_loss_curve({"huge range": [1e308, 1e-300]}),
    lambda: plots.plot_outputs([0.5], [0.5], labels=["o1"]),
    lambda: plots.plot_outputs([-3.0, 7.0], [0.0, 1.0]),
    lambda: plots.plot_sweep([0.5], [0.1], current=0.5),
    lambda: plots.plot_sweep([0.01, 10.0], [0.0, 1e-300], current=10.0),
    lambda: plots.plot_sweep([1e-300, 1e300], [1e300, 1e-300], current=1e308),
])
def test_degenerate_curves_draw_without_warnings(make):
    render(make())
