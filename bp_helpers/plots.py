"""Matplotlib figures for the backpropagation notebooks and slider panels.

Every function takes plain data (a mapping of named floats, or sequences) and
returns a :class:`matplotlib.figure.Figure`. Nothing here imports the numeric
core, so the figures can be drawn and tested on their own.

The three diagrams (network, w5 chain, w1 chain) keep their shapes fixed whatever the
values; only texts carrying a gid listed by their ``*_texts`` function change, so a
slider panel can redraw just those (see ``DIAGRAMS`` and :class:`bp_helpers.panels.LiveFigure`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from numpy.typing import ArrayLike

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

__all__ = [
    "DIAGRAMS",
    "HIGHLIGHTABLE",
    "LOG_FLOOR",
    "chain_w1_texts",
    "chain_w5_texts",
    "draw_chain_w1",
    "draw_chain_w5",
    "draw_network",
    "network_texts",
    "plot_loss_curve",
    "plot_outputs",
    "plot_sweep",
]

# Okabe-Ito: distinguishable under the common colour-vision deficiencies.
BLACK, ORANGE, SKY, GREEN = "#000000", "#E69F00", "#56B4E9", "#009E73"
BLUE, VERMILLION, PURPLE = "#0072B2", "#D55E00", "#CC79A7"
GREY, GREY_TEXT, HIGHLIGHT_FILL = "#B4B4B4", "#8A8A8A", "#FBE3D3"
HIGHLIGHT = VERMILLION
CYCLE = (BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY, BLACK)  # no yellow: too pale on white
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")
FONT = 11  # smallest size used anywhere: stays legible when projected

# Log axes cannot show 0 (E_total underflows to 0 after long training), so
# values below this floor are drawn at the floor; values above the ceiling are
# drawn at the ceiling so that axis margins stay finite.
LOG_FLOOR, LOG_CEIL = 1e-300, 1e100

Values = Mapping[str, float]

# Network layout, in inches of the default figure (1 data unit = 1 inch).
_NET_SIZE = (9.5, 5.0)
_XY = {
    "i1": (0.5, 3.9), "i2": (0.5, 1.6), "h1": (3.75, 3.9), "h2": (3.75, 1.6),
    "o1": (7.0, 3.9), "o2": (7.0, 1.6), "E_total": (9.0, 2.75),
    "b1": (2.1, 0.42), "b2": (5.35, 0.42),
}
_KIND = {"i1": "in", "i2": "in", "h1": "hid", "h2": "hid", "o1": "out", "o2": "out",
         "E_total": "err", "b1": "bias", "b2": "bias"}
# Wide enough for the longest realistic line, e.g. "net = -0.001234", so boxes
# never resize (and edges never jump) while a slider moves.
_HALF = {"in": (0.4, 0.34), "hid": (0.68, 0.45), "out": (0.68, 0.56), "err": (0.46, 0.34)}
_WEIGHTS = tuple(f"w{k}" for k in range(1, 9))
_BIAS_R = 0.24
_LABEL_AT = 0.6  # weight label centre, inches along its edge from the source node
_EDGES = {
    "w1": ("i1", "h1"), "w2": ("i2", "h1"), "w3": ("i1", "h2"), "w4": ("i2", "h2"),
    "w5": ("h1", "o1"), "w6": ("h2", "o1"), "w7": ("h1", "o2"), "w8": ("h2", "o2"),
    "b1_h1": ("b1", "h1"), "b1_h2": ("b1", "h2"), "b2_o1": ("b2", "o1"), "b2_o2": ("b2", "o2"),
    "E_o1": ("o1", "E_total"), "E_o2": ("o2", "E_total"),
}
#: Names accepted by ``draw_network(highlight=...)``.
HIGHLIGHTABLE = frozenset(_XY) | frozenset(_EDGES)


def _fmt(v: float, sig: int = 6) -> str:
    """Format v with sig significant digits, scientific outside 1e-4..1e6."""
    v = float(v)
    if v == 0:
        return "0"
    if 1e-4 <= abs(v) < 1e6:
        return np.format_float_positional(v, precision=sig, unique=False, fractional=False, trim="-")
    return f"{v:.{max(sig - 3, 1)}e}"


def _wfmt(v: float, decimals: int) -> str:
    """Format a weight or bias with fixed decimals, scientific if that would hide or bloat it."""
    if v != 0 and not 0.5 * 10.0**-decimals <= abs(v) < 1e4:
        return _fmt(v, 3)
    return f"{v:.{decimals}f}"


def _need(values: Values, *keys: str) -> list[float]:
    """Return values[k] for keys, raising one KeyError that names every missing key."""
    missing = [k for k in keys if k not in values]
    if missing:
        raise KeyError(f"values is missing {missing}")
    return [float(values[k]) for k in keys]


def _root(ax: Axes) -> Figure:
    """The top-level figure holding ax (a SubFigure's .figure is its root; works on matplotlib 3.8+)."""
    return ax.figure.figure


def _diagram_axes(ax: Axes | None, width: float, height: float) -> tuple[Figure, Axes]:
    """Return a figure and a frameless equal-aspect axes spanning width x height units."""
    if ax is None:
        fig = Figure(figsize=(width, height))
        ax = fig.add_axes((0, 0, 1, 1))
    else:
        fig = _root(ax)
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig, ax


def _plot_axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    """Return a figure and axes for a data plot, with legible tick labels."""
    if ax is None:
        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = _root(ax)
    ax.tick_params(labelsize=FONT)
    ax.grid(True, which="major", color="#DDDDDD", linewidth=0.8)
    return fig, ax


def _edge_point(center: tuple[float, float], half: tuple[float, float] | float,
                toward: tuple[float, float]) -> tuple[float, float]:
    """Point where the segment center->toward leaves a box (half sizes) or circle (radius)."""
    (cx, cy), (tx, ty) = center, toward
    dx, dy = tx - cx, ty - cy
    if isinstance(half, float):
        s = half / math.hypot(dx, dy)
    else:
        s = min(half[0] / abs(dx) if dx else math.inf, half[1] / abs(dy) if dy else math.inf)
    return cx + s * dx, cy + s * dy


def _node_half(name: str) -> tuple[float, float] | float:
    """Half-size of a network node (a float radius for bias circles)."""
    kind = _KIND[name]
    return _BIAS_R if kind == "bias" else _HALF[kind]


def _node_lines(name: str, values: Values) -> list[str]:
    """Value lines shown inside a network node, skipping keys the caller did not give."""
    kind, n = _KIND[name], name[-1]
    keys = {"in": [("", name)], "err": [("", "E_total")],
            "hid": [("net = ", f"net_h{n}"), ("out = ", f"out_h{n}")],
            "out": [("net = ", f"net_o{n}"), ("out = ", f"out_o{n}"), ("target = ", f"target_o{n}")]}
    return [p + _fmt(values[k], 4) for p, k in keys.get(kind, []) if k in values]


def _math_name(name: str) -> str:
    """Article notation as mathtext: 'h1' -> '$h_{1}$', 'out_o1' -> '$out_{o1}$'."""
    base, sub = name.split("_", 1) if "_" in name else (name[:-1], name[-1])
    return rf"${base}_{{{sub}}}$"


def network_texts(values: Values, *, show_values: bool = True, decimals: int = 2) -> dict[str, str]:
    """The network diagram's texts that show values, by gid: all that a new set of values changes."""
    if not show_values:
        return {}
    texts = {f"label:{n}": f"{n} = {_wfmt(values[n], decimals)}" for n in (*_WEIGHTS, "b1", "b2") if n in values}
    texts.update({f"label:{n}": f"{n} = {_fmt(values[n], 4)}" for n in ("E_o1", "E_o2") if n in values})
    for name in _XY:
        lines = _node_lines(name, values)
        if lines:
            texts[f"value:{name}"] = "\n".join(lines)
    return texts


def draw_network(values: Values, *, highlight: Collection[str] = (), show_values: bool = True,
                 decimals: int = 2, ax: Axes | None = None) -> Figure:
    """Draw the 2-2-2 network with live values; highlight names from HIGHLIGHTABLE, grey the rest."""
    lit = {highlight} if isinstance(highlight, str) else set(highlight)
    if lit - HIGHLIGHTABLE:
        raise ValueError(f"cannot highlight {sorted(lit - HIGHLIGHTABLE)}; "
                         f"choose from {sorted(HIGHLIGHTABLE)}")
    texts = network_texts(values, show_values=show_values, decimals=decimals)
    fig, ax = _diagram_axes(ax, *_NET_SIZE)

    def style(name: str, normal: str) -> tuple[str, float, str]:
        """Line colour, line width and text colour of one element."""
        if not lit:
            return normal, 1.8, BLACK
        return (HIGHLIGHT, 4.0, BLACK) if name in lit else (GREY, 1.2, GREY_TEXT)

    for name, (src, dst) in _EDGES.items():
        p0 = _edge_point(_XY[src], _node_half(src), _XY[dst])
        p1 = _edge_point(_XY[dst], _node_half(dst), _XY[src])
        normal = BLUE if src[0] == "i" else GREEN if src[0] == "h" else ORANGE if src[0] == "b" else PURPLE
        colour, lw, tcol = style(name, normal)
        ax.add_line(Line2D([p0[0], p1[0]], [p0[1], p1[1]], color=colour, lw=lw, zorder=1,
                           linestyle="--" if src[0] == "b" else "-", gid=f"edge:{name}"))
        gid = f"label:{name}"
        if name[0] == "w":
            # Near the source end, on the edge itself: far from where w2 and w3
            # (and w6, w7) cross, so each label sits on one edge only.
            t = _LABEL_AT / math.hypot(p1[0] - p0[0], p1[1] - p0[1])
            x, y = p0[0] + t * (p1[0] - p0[0]), p0[1] + t * (p1[1] - p0[1])
            ax.text(x, y, texts.get(gid, name), ha="center", va="center", fontsize=FONT, color=tcol, zorder=3,
                    gid=gid, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": colour, "lw": 1.2 if lw < 3 else 2.0})
        elif gid in texts:  # E_o1, E_o2
            # Beside the short o->E edge (above it for o1, below for o2), flush
            # right so that long values grow into the free space on the left.
            up = name == "E_o1"
            ax.text(_NET_SIZE[0] - 0.05, _XY["E_total"][1] + (0.6 if up else -0.6), texts[gid], ha="right",
                    va="bottom" if up else "top", fontsize=FONT, color=tcol, gid=gid)

    for name, (x, y) in _XY.items():
        colour, lw, tcol = style(name, BLACK)
        face = HIGHLIGHT_FILL if name in lit else "white"
        lw = min(lw, 3.0) if name in lit else (1.5 if not lit else lw)
        if _KIND[name] == "bias":
            ax.add_patch(Circle((x, y), _BIAS_R, fc=face, ec=colour, lw=lw, zorder=2, gid=f"node:{name}"))
            ax.text(x, y, _math_name(name), ha="center", va="center", fontsize=FONT + 1, color=tcol, zorder=4)
            if f"label:{name}" in texts:
                ax.text(x - _BIAS_R - 0.08, y, texts[f"label:{name}"], ha="right", va="center", fontsize=FONT,
                        color=tcol, gid=f"label:{name}")
            continue
        hw, hh = _HALF[_KIND[name]]
        ax.add_patch(FancyBboxPatch((x - hw, y - hh), 2 * hw, 2 * hh, fc=face, ec=colour, lw=lw, zorder=2,
                                    boxstyle="round,pad=0,rounding_size=0.12", gid=f"node:{name}"))
        shown = texts.get(f"value:{name}")
        # Name on top, values below it; with no values the name is centred.
        name_y = y + hh - 0.2 if shown else y
        ax.text(x, name_y, _math_name(name), ha="center", va="center", fontsize=FONT + 2,
                fontweight="bold", color=tcol, zorder=4)
        if shown:
            ax.text(x, name_y - 0.17, shown, ha="center", va="top", fontsize=FONT,
                    color=tcol, zorder=4, linespacing=1.25, gid=f"value:{name}")
    return fig


def _box(ax: Axes, xy: tuple[float, float], name: str, texts: Mapping[str, str], half: tuple[float, float],
         colour: str) -> None:
    """A chain-diagram box for a named quantity: its mathtext name over its value."""
    (x, y), (hw, hh) = xy, half
    ax.add_patch(FancyBboxPatch((x - hw, y - hh), 2 * hw, 2 * hh, boxstyle="round,pad=0,rounding_size=0.1",
                                fc="white", ec=colour, lw=1.8, zorder=2, gid=f"node:{name}"))
    ax.text(x, y + 0.13, _math_name(name), ha="center", va="center", fontsize=FONT + 2, zorder=3)
    ax.text(x, y - 0.17, texts[f"value:{name}"], ha="center", va="center", fontsize=FONT, zorder=3,
            gid=f"value:{name}")


def _equation(ax: Axes, x: float, y: float, math: str, numbers: str, *, gid: str, **style: Any) -> None:
    """``math`` (mathtext) ending at x, then ``numbers`` (plain text) from x, on one baseline.

    Mathtext is parsed once per string and renderer, so only a label that never changes
    may be mathtext; a string with live numbers in it would be parsed again on every slider
    move, which costs more than the rest of a redraw. Splitting at x also lines up the
    '=' of stacked equations. The numbers text carries ``gid``.
    """
    ax.text(x - 0.03, y, math, ha="right", va="baseline", **style)
    ax.text(x + 0.03, y, numbers, ha="left", va="baseline", gid=gid, **style)


def _arrow(ax: Axes, a: tuple[float, float], b: tuple[float, float], half: tuple[float, float],
           colour: str, symbol: str, text: str, gid: str, *, side: bool = False) -> None:
    """Arrow a->b between boxes: symbol above, value below (both to the right if side)."""
    p0, p1 = _edge_point(a, half, b), _edge_point(b, half, a)
    ax.add_patch(FancyArrowPatch(p0, p1, arrowstyle="-|>", mutation_scale=18, color=colour, lw=2, zorder=1))
    mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
    if side:
        # Diagonal arrows: label block beside the arrow on the side facing away
        # from the arrow's own slope, so neither line touches it.
        up = p1[1] > p0[1]
        sym_y, val_y = (my + 0.33, my + 0.1) if up else (my - 0.1, my - 0.58)
        ax.text(mx + 0.15, sym_y, symbol, ha="left", va="bottom" if up else "top", fontsize=FONT + 1,
                color=colour)
        ax.text(mx + 0.15, val_y, text, ha="left", va="bottom" if up else "top", fontsize=FONT,
                color=colour, gid=gid)
        return
    ax.text(mx, my + 0.1, symbol, ha="center", va="bottom", fontsize=FONT + 1, color=colour)
    ax.text(mx, my - 0.1, text, ha="center", va="top", fontsize=FONT, color=colour, gid=gid)


def _d(num: str, den: str) -> str:
    """Mathtext partial derivative d num / d den, stacked."""
    return rf"$\dfrac{{\partial {num}}}{{\partial {den}}}$"


def chain_w5_texts(values: Values) -> dict[str, str]:
    """The w5 chain's texts that show values, by gid."""
    names = ("E_total", "out_o1", "net_o1", "w5", "dE_dout_o1", "dout_o1_dnet_o1", "out_h1", "dE_dw5")
    v = dict(zip(names, _need(values, *names)))
    texts = {f"value:{k}": _fmt(v[k]) for k in names[:4]}
    texts.update({f"slope:{k}": _fmt(v[k]) for k in names[4:7]})  # dnet_o1/dw5 is out_h1
    if "delta_o1" in values:
        texts["delta"] = f"= {_fmt(values['delta_o1'])}"
    texts["product"] = f"= {_fmt(v['dE_dout_o1'])} × {_fmt(v['dout_o1_dnet_o1'])} × {_fmt(v['out_h1'])} = " \
                       f"{_fmt(v['dE_dw5'])}"
    return texts


def draw_chain_w5(values: Values, ax: Axes | None = None) -> Figure:
    """Draw the output-layer chain E_total <- out_o1 <- net_o1 <- w5 with each local derivative."""
    texts = chain_w5_texts(values)
    fig, ax = _diagram_axes(ax, 10.0, 3.8)
    half, y = (0.62, 0.36), 1.95
    xs = [0.9, 3.6, 6.3, 9.0]
    for x, name in zip(xs, ["E_total", "out_o1", "net_o1", "w5"]):
        _box(ax, (x, y), name, texts, half, BLACK)
    symbols = [_d("E_{total}", "out_{o1}"), _d("out_{o1}", "net_{o1}"), _d("net_{o1}", "w_5")]
    for i, (sym, key) in enumerate(zip(symbols, ["dE_dout_o1", "dout_o1_dnet_o1", "out_h1"])):
        _arrow(ax, (xs[i + 1], y), (xs[i], y), half, BLUE, sym, texts[f"slope:{key}"], f"slope:{key}")
    if "delta" in texts:
        # The first two factors together are the node delta the article introduces.
        ax.annotate("", (xs[0], 3.05), (xs[2], 3.05),
                    arrowprops={"arrowstyle": "|-|", "color": GREEN, "lw": 1.5, "mutation_scale": 6})
        _equation(ax, 4.0, 3.25, r"$\delta_{o1} = \partial E_{total}/\partial net_{o1}$", texts["delta"],
                  gid="delta", fontsize=FONT + 1, color=GREEN)
    _equation(ax, 2.4, 0.4, r"$\partial E_{total}/\partial w_5$", texts["product"], gid="product",
              fontsize=FONT + 2)
    return fig


_CHAIN_W1 = ("E_o1", "E_o2", "out_o1", "out_o2", "net_o1", "net_o2", "out_h1", "net_h1", "w1", "w5", "w7",
             "i1", "dE_dout_o1", "dE_dout_o2", "dout_o1_dnet_o1", "dout_o2_dnet_o2", "dE_o1_dout_h1",
             "dE_o2_dout_h1", "dE_dout_h1", "dout_h1_dnet_h1", "dE_dw1")
PATH_AT = 2.15  # where the two path equations and the product of the w1 chain split into label | numbers


def chain_w1_texts(values: Values) -> dict[str, str]:
    """The w1 chain's texts that show values, by gid."""
    v = dict(zip(_CHAIN_W1, _need(values, *_CHAIN_W1)))
    texts = {f"value:{k}": _fmt(v[k]) for k in _CHAIN_W1[:9]}
    for k, w in (("1", "5"), ("2", "7")):
        factors = [v[f"dE_dout_o{k}"], v[f"dout_o{k}_dnet_o{k}"], v[f"w{w}"]]
        texts[f"slope:dE_dout_o{k}"], texts[f"slope:dout_o{k}_dnet_o{k}"] = map(_fmt, factors[:2])
        texts[f"slope:w{w}"] = f"w{w} = {_fmt(v[f'w{w}'])}"
        texts[f"path:o{k}"] = "= " + " × ".join(map(_fmt, factors)) + f" = {_fmt(v[f'dE_o{k}_dout_h1'])}"
    texts["slope:dout_h1_dnet_h1"] = _fmt(v["dout_h1_dnet_h1"])
    texts["slope:i1"] = f"i1 = {_fmt(v['i1'])}"
    texts["sum"] = f"= {_fmt(v['dE_o1_dout_h1'])} + ({_fmt(v['dE_o2_dout_h1'])}) = {_fmt(v['dE_dout_h1'])}"
    texts["product"] = (f"= {_fmt(v['dE_dout_h1'])} × {_fmt(v['dout_h1_dnet_h1'])} × {_fmt(v['i1'])} = "
                        f"{_fmt(v['dE_dw1'])}")
    return texts


def draw_chain_w1(values: Values, ax: Axes | None = None) -> Figure:
    """Draw the hidden-layer chain for w1: out_h1 reaches the error through both outputs, then sums."""
    texts = chain_w1_texts(values)
    fig, ax = _diagram_axes(ax, 11.0, 6.4)
    half = (0.45, 0.34)
    xs = [0.55, 2.45, 4.35, 6.55, 8.45, 10.35]
    top, mid, bot = 4.65, 3.2, 1.75
    # One colour per output path so the two routes from out_h1 stay apart.
    for k, y, col, w in (("1", top, BLUE, "5"), ("2", bot, ORANGE, "7")):
        pts = [(xs[0], y), (xs[1], y), (xs[2], y)]
        for p, name in zip(pts, [f"E_o{k}", f"out_o{k}", f"net_o{k}"]):
            _box(ax, p, name, texts, half, col)
        for a, b, symbol, key in ((pts[1], pts[0], _d(f"E_{{o{k}}}", f"out_{{o{k}}}"), f"dE_dout_o{k}"),
                                  (pts[2], pts[1], _d(f"out_{{o{k}}}", f"net_{{o{k}}}"), f"dout_o{k}_dnet_o{k}")):
            _arrow(ax, a, b, half, col, symbol, texts[f"slope:{key}"], f"slope:{key}")
        _arrow(ax, (xs[3], mid), pts[2], half, col, _d(f"net_{{o{k}}}", "out_{h1}"), texts[f"slope:w{w}"],
               f"slope:w{w}", side=True)
        _equation(ax, PATH_AT, top + 1.15 if k == "1" else bot - 1.05,
                  rf"through $o_{k}$:  $\partial E_{{o{k}}}/\partial out_{{h1}}$", texts[f"path:o{k}"],
                  gid=f"path:o{k}", fontsize=FONT + 1, color=col)
    for x, name in zip(xs[3:], ["out_h1", "net_h1", "w1"]):
        _box(ax, (x, mid), name, texts, half, BLACK)
    _arrow(ax, (xs[4], mid), (xs[3], mid), half, BLACK, _d("out_{h1}", "net_{h1}"),
           texts["slope:dout_h1_dnet_h1"], "slope:dout_h1_dnet_h1")
    _arrow(ax, (xs[5], mid), (xs[4], mid), half, BLACK, _d("net_{h1}", "w_1"), texts["slope:i1"], "slope:i1")
    # Inside the fork the two paths form: that is where their contributions meet.
    ax.text(xs[1], mid + 0.12, r"$\partial E_{total}/\partial out_{h1}$ = sum of both paths", ha="center",
            va="bottom", fontsize=FONT + 1)
    ax.text(xs[1], mid - 0.12, texts["sum"], ha="center", va="top", fontsize=FONT + 1, gid="sum",
            bbox={"boxstyle": "round,pad=0.3", "fc": "#F2F2F2", "ec": GREY})
    _equation(ax, PATH_AT, 0.3, r"$\partial E_{total}/\partial w_1$", texts["product"], gid="product",
              fontsize=FONT + 2)
    return fig


#: Each diagram's draw function and the function giving its live texts (gid -> text).
DIAGRAMS: dict[str, tuple[Callable[[Values], Figure], Callable[[Values], dict[str, str]]]] = {"network": (draw_network, network_texts), "chain_w5": (draw_chain_w5, chain_w5_texts),
            "chain_w1": (draw_chain_w1, chain_w1_texts)}


def _floored(seq: ArrayLike) -> np.ndarray:
    """Values as a float array clipped to [LOG_FLOOR, LOG_CEIL] for a log axis."""
    return np.clip(np.asarray(seq, dtype=float), LOG_FLOOR, LOG_CEIL)


def _log_axis(ax: Axes, which: str, data: np.ndarray) -> None:
    """Make one axis log-scaled with limits from data (already clipped to the floor and ceiling)."""
    y = which == "y"
    if not data.size:
        ax.set_yscale("log") if y else ax.set_xscale("log")
        return
    # Our own limits, set after the scale: autoscaling overflows for ranges of
    # hundreds of decades, and limits below ~1e-287 look singular on a linear axis.
    ax.set_autoscaley_on(False) if y else ax.set_autoscalex_on(False)
    ax.set_yscale("log") if y else ax.set_xscale("log")
    lo, hi = np.log10(data.min()), np.log10(data.max())
    pad = max(0.05 * (hi - lo), 0.1)
    (ax.set_ylim if y else ax.set_xlim)(10.0 ** max(lo - pad, -305), 10.0 ** (hi + pad))


def _legend(ax: Axes, **kwargs: Any) -> None:
    """Add a legend only when something is labelled (an empty legend warns)."""
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=FONT, **kwargs)


def plot_loss_curve(histories: Mapping[str, ArrayLike], *,
                    marks: Mapping[str, tuple[float, float]] | None = None, ax: Axes | None = None) -> Figure:
    """Plot E_total per update step (log y) for each history, with optional marked points."""
    fig, ax = _plot_axes(ax, (8.0, 4.5))
    shown = [np.empty(0)]
    for i, (label, hist) in enumerate(histories.items()):
        shown.append(_floored(hist))
        ax.plot(np.arange(shown[-1].size), shown[-1], color=CYCLE[i % len(CYCLE)], lw=2, label=label,
                gid=f"history:{label}")
    for j, (label, (step, value)) in enumerate((marks or {}).items()):
        shown.append(_floored([value]))
        ax.plot([step], shown[-1], linestyle="none", marker=MARKERS[j % len(MARKERS)], ms=10,
                mfc="none", mew=2, color=CYCLE[(j + 3) % len(CYCLE)], label=label, gid=f"mark:{label}")
    _log_axis(ax, "y", np.concatenate(shown))
    ax.set_xlabel("update step", fontsize=FONT + 1)
    ax.set_ylabel(r"$E_{total}$ (log scale)", fontsize=FONT + 1)
    _legend(ax)
    return fig


def plot_outputs(outputs: Sequence[float], targets: Sequence[float], *,
                 labels: Sequence[str] = ("o1", "o2"), ax: Axes | None = None) -> Figure:
    """Dot plot of each output against its target on a 0..1 axis."""
    if not len(outputs) == len(targets) == len(labels):
        raise ValueError("outputs, targets and labels must have the same length")
    out, tgt = np.asarray(outputs, dtype=float), np.asarray(targets, dtype=float)
    fig, ax = _plot_axes(ax, (7.5, 1.6 + 0.8 * len(labels)))
    rows = np.arange(len(labels))[::-1]
    ax.hlines(rows, np.minimum(out, tgt), np.maximum(out, tgt), color=GREY, lw=3, zorder=1)
    ax.plot(tgt, rows, "D", ms=11, mfc="none", mew=2, color=BLUE, label="target", zorder=2, gid="targets")
    ax.plot(out, rows, "o", ms=10, color=VERMILLION, label="output", zorder=3, gid="outputs")
    lo, hi = min(0.0, *out, *tgt), max(1.0, *out, *tgt)
    for r, o, t in zip(rows, out, tgt):
        # Output value above its dot, target below, each text growing toward the axis centre.
        for val, dy, va in ((o, 0.2, "bottom"), (t, -0.2, "top")):
            ha = "left" if val < (lo + hi) / 2 else "right"
            ax.text(val, r + dy, _fmt(val, 4), ha=ha, va=va, fontsize=FONT)
    pad = 0.03 * (hi - lo)
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(-0.7, len(labels) - 0.3)
    ax.set_yticks(rows, list(labels), fontsize=FONT + 1)
    ax.set_xlabel("value", fontsize=FONT + 1)
    _legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    return fig


def plot_sweep(rates: ArrayLike, final_errors: ArrayLike, *, current: float | None = None,
               ax: Axes | None = None) -> Figure:
    """Plot final E_total against learning rate (log-log), marking the current rate."""
    r, e = np.asarray(rates, dtype=float), _floored(final_errors)
    if r.shape != e.shape or r.size == 0:
        raise ValueError("rates and final_errors must be non-empty and of equal length")
    if np.any(r <= 0) or (current is not None and current <= 0):
        raise ValueError("learning rates must be positive to sit on a log axis")
    r = _floored(r)
    order = np.argsort(r)
    fig, ax = _plot_axes(ax, (7.5, 4.5))
    ax.plot(r[order], e[order], "o-", color=BLUE, lw=2, ms=6, label=r"final $E_{total}$", gid="sweep")
    if current is not None:
        ax.axvline(float(_floored([current])[0]), color=VERMILLION, ls="--", lw=2,
                   label=f"current η = {_fmt(current, 4)}", gid="current")
        hit = np.isclose(r, current, rtol=1e-9, atol=0)
        if hit.any():
            ax.plot(r[hit][:1], e[hit][:1], "*", ms=18, color=VERMILLION, zorder=3)
    _log_axis(ax, "x", _floored([*r, *([] if current is None else [current])]))
    _log_axis(ax, "y", e)
    ax.set_xlabel(r"learning rate $\eta$", fontsize=FONT + 1)
    ax.set_ylabel(r"final $E_{total}$ (log scale)", fontsize=FONT + 1)
    _legend(ax)
    return fig
