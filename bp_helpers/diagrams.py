"""Diagrams of a network and of the chain rule, drawn from named values.

* :class:`NetworkDiagram` draws any small network, laid out from its layer sizes: every
  neuron with its net input and output, every weight on its line (when the lines leave
  room), the biases, the targets and the error.
* :class:`ChainW5` and :class:`ChainW1` draw the article's two chain-rule pictures: the one
  road from ``w5`` to the error, and the two roads from ``w1``, which add up.

A diagram's shapes and fixed labels never depend on the values; only the texts its
``texts(values)`` names by gid do, so :class:`bp_helpers.rendering.LiveSVG` can draw it once
and replace those texts on every slider move. Every shape carries a gid too (``node:h1``,
``edge:w5``), so a stylesheet can highlight it. Values are named as in
:func:`bp_helpers.article.quantities`. Touches matplotlib only.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from . import names, style
from .formats import setting, short
from .limits import check_shown
from .validation import InputValueError, check_flag

Values = Mapping[str, float]
MAX_LABELLED_EDGES = 6  # between two layers; beyond that only highlighted weights show their labels


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure of width x height inches whose data units are inches, no axes drawn."""
    fig = Figure(figsize=(width, height), dpi=style.DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    return fig, ax


def _need(values: Values, keys: Sequence[str]) -> None:
    missing = [k for k in keys if k not in values]
    if missing:
        raise KeyError(f"values: missing {missing}")


def _exit(centre: tuple[float, float], half: tuple[float, float] | float,
          toward: tuple[float, float]) -> tuple[float, float]:
    """Where the segment centre -> toward leaves a box (half sizes) or a circle (radius)."""
    (cx, cy), (tx, ty) = centre, toward
    dx, dy = tx - cx, ty - cy
    if isinstance(half, float):
        s = half / math.hypot(dx, dy)
    else:
        s = min(half[0] / abs(dx) if dx else math.inf, half[1] / abs(dy) if dy else math.inf)
    return cx + s * dx, cy + s * dy


def _math(name: str) -> str:
    """A name in the article's notation as mathtext: 'h1' -> h_{1}, 'E_total' -> E_{total}."""
    base, sub = name.split("_", 1) if "_" in name else (name[0], name[1:])
    return rf"${base}_{{{sub}}}$"


def _box(ax: Axes, centre: tuple[float, float], half: tuple[float, float], gid: str, *, edge: str = style.INK,
         face: str = style.WHITE, lw: float = 1.6, rounding: float = 0.1) -> None:
    (x, y), (hw, hh) = centre, half
    ax.add_patch(FancyBboxPatch((x - hw, y - hh), 2 * hw, 2 * hh, boxstyle=f"round,pad=0,rounding_size={rounding}",
                                fc=face, ec=edge, lw=lw, zorder=2, gid=gid))


def _text(ax: Axes, x: float, y: float, text: str, *, size: float = style.NUMBER_PT, gid: str | None = None,
          colour: str = style.INK, ha: str = "center", va: str = "center", bold: bool = False) -> None:
    ax.text(x, y, text, ha=ha, va=va, fontsize=size, color=colour, gid=gid, zorder=4,
            fontweight="bold" if bold else "normal")


# ---------------------------------------------------------------------------------------------
# The network

@dataclass(frozen=True)
class _Layout:
    """Positions (inches) of every neuron, bias and the error box, and the sizes of their boxes."""

    width: float
    height: float
    centres: dict[str, tuple[float, float]]
    halves: dict[str, tuple[float, float]]
    bias_y: float
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the value lines of each neuron


class NetworkDiagram:
    """A network of any small layer sizes, laid out from them; the article's is (2, 2, 2).

    ``shared_bias``: one bias per layer (a circle feeding the whole layer, the article's
    b1, b2) or one per neuron (a line in each neuron's box). ``highlight``: names of
    neurons, weights, ``E_total``, biases, bias lines (``b1_h1``) and error lines
    (``E_o1``) drawn strong, the rest muted. ``updates``: every weight and the error also
    show their value after one update (``w5_new``, ``E_total_new``). ``backward``: every
    neuron also shows its delta (``delta_h1``), every weight and shared bias its gradient
    (``dE_dw5``, ``dE_db1``): the whole worked example on one picture.
    """

    LINE = 0.19  # inches per line of 11 pt text
    LINE_LABELS: ClassVar[Mapping[str, str]] = {"bias": "b", "delta": "δ"}  # how a value line of a neuron's box is labelled
    CLEAR = 0.05  # inches between a weight's label and the box its line leaves

    def __init__(self, sizes: Sequence[int] = (2, 2, 2), *, shared_bias: bool = True,
                 highlight: Collection[str] = (), updates: bool = False, backward: bool = False) -> None:
        self.sizes = names.check_sizes(sizes)
        check_shown("sizes", self.sizes)
        self.shared_bias = check_flag("shared_bias", shared_bias)
        self.updates = check_flag("updates", updates)
        self.backward = check_flag("backward", backward)
        self.neurons = names.neurons(self.sizes)
        self.parameters = names.parameters(self.sizes, shared_bias)
        self.weights = [p for p in self.parameters if p.kind == "weights"]
        self.biases = [p for p in self.parameters if p.kind == "biases"]
        self.elements = self._elements()
        lit = {highlight} if isinstance(highlight, str) else set(highlight)
        unknown = lit - self.elements
        if unknown:
            raise InputValueError(f"highlight: cannot highlight {sorted(unknown)}; choose from {sorted(self.elements)}")
        self.highlight = frozenset(lit)
        self.layout = self._layout()
        self.label_at = self._place_labels()

    def _elements(self) -> frozenset[str]:
        out = {n for layer in self.neurons for n in layer} | {"E_total"} | {p.name for p in self.weights}
        out |= {f"E_{o}" for o in self.neurons[-1]}
        if self.shared_bias:
            out |= {b.name for b in self.biases}
            out |= {f"{b.name}_{n}" for b in self.biases for n in self.neurons[b.layer + 1]}
        return frozenset(out)

    # -- what it shows ------------------------------------------------------------------------

    def _labelled(self, layer: int) -> bool:
        return self.sizes[layer] * self.sizes[layer + 1] <= MAX_LABELLED_EDGES

    def labelled_weights(self) -> list[names.Parameter]:
        """The weights whose value is written on their line."""
        return [p for p in self.weights if p.name in self.label_at]

    def _neuron_lines(self, layer: int) -> tuple[str, ...]:
        compact = len(self.sizes) > 3
        lines: tuple[str, ...] = ("out",) if compact else ("net", "out")
        if not self.shared_bias and not compact:
            lines = ("bias", *lines)
        lines += ("target",) if layer == len(self.sizes) - 1 else ()
        return lines + (("delta",) if self.backward else ())

    def texts(self, values: Values) -> dict[str, str]:
        """Every text that shows a value, by gid, for the values given (missing ones are left out)."""
        t: dict[str, str] = {}
        for n in self.neurons[0]:
            if n in values:
                t[f"value:{n}"] = setting(values[n])
        for layer, neurons in enumerate(self.neurons[1:], start=1):
            for j, n in enumerate(neurons):
                for line in self._neuron_lines(layer):
                    if line == "bias":
                        key = next(b.name for b in self.biases if b.layer == layer - 1 and b.index == (j,))
                    else:
                        key = f"{line}_{n}"  # net_h1, out_h1, target_o1
                    if key in values:  # four decimals: a box's text is as wide whatever the value
                        shown = setting(values[key]) if line in ("target", "bias") else f"{values[key]:.4f}"
                        t[f"{line}:{n}"] = f"{self.LINE_LABELS.get(line, line)} {shown}"
        for p in self.labelled_weights():
            if p.name in values:
                t[f"weight:{p.name}"] = setting(values[p.name])
            if self.backward and f"dE_d{p.name}" in values:
                t[f"grad:{p.name}"] = f"∂ {values[f'dE_d{p.name}']:.4f}"  # four decimals, as in the boxes
            if self.updates and f"{p.name}_new" in values:
                t[f"new:{p.name}"] = "→ " + short(values[f"{p.name}_new"])
        if self.shared_bias:
            for b in self.biases:
                if b.name in values:
                    t[f"bias:{b.name}"] = setting(values[b.name])
                if self.backward and f"dE_d{b.name}" in values:
                    t[f"grad:{b.name}"] = f"∂ {values[f'dE_d{b.name}']:.4f}"
        for o in self.neurons[-1]:
            if f"E_{o}" in values:
                t[f"error:{o}"] = short(values[f"E_{o}"])
        if "E_total" in values:
            t["value:E_total"] = short(values["E_total"])
        if self.updates and "E_total_new" in values:
            t["new:E_total"] = "→ " + short(values["E_total_new"])
        return t

    # -- where things go ----------------------------------------------------------------------

    def _layout(self) -> _Layout:
        L = len(self.sizes) - 1
        compact = L > 2
        in_half = (0.28, 0.3)
        neuron_w = 0.47 if compact else 0.54
        e_half = (0.42, 0.42 if self.updates else 0.32)
        width = style.WIDTH_IN
        margin = 0.06
        e_gap = 0.8  # room for the E_o labels
        boxes = 2 * in_half[0] + L * 2 * neuron_w + 2 * e_half[0]
        gap = (width - 2 * margin - boxes - e_gap) / L
        xs = [margin + in_half[0]]
        for layer in range(1, L + 1):
            previous = in_half[0] if layer == 1 else neuron_w
            xs.append(xs[-1] + previous + gap + neuron_w)
        e_x = width - margin - e_half[0]
        halves: dict[str, tuple[float, float]] = {}
        lines: dict[str, tuple[str, ...]] = {}
        tallest = 0.0
        for layer, neurons in enumerate(self.neurons):
            for n in neurons:
                if layer == 0:
                    halves[n] = in_half
                else:
                    lines[n] = self._neuron_lines(layer)
                    halves[n] = (neuron_w, 0.16 + 0.5 * self.LINE * len(lines[n]) + 0.06)
                tallest = max(tallest, 2 * halves[n][1])
        spacing = tallest + 0.3
        if any(self._labelled(layer) for layer in range(L)):
            # two crossing lines leave neighbouring rows; each label clears the box it leaves
            # (above or below it), and the two labels must still clear each other
            source = max(halves[n][1] for layer in range(L) if self._labelled(layer) for n in self.neurons[layer])
            lh = self._label_half()[1]
            spacing = max(spacing, 2 * (source + lh + self.CLEAR) + 2 * lh + 0.08)
        rows = max(self.sizes)
        bias_band = 0.62 if self.shared_bias else 0.0
        height = 0.12 + tallest + (rows - 1) * spacing + bias_band
        top = height - 0.06 - tallest / 2
        centres: dict[str, tuple[float, float]] = {}
        for layer, neurons in enumerate(self.neurons):
            offset = (rows - len(neurons)) * spacing / 2
            for j, n in enumerate(neurons):
                centres[n] = (xs[layer], top - offset - j * spacing)
        centres["E_total"] = (e_x, sum(centres[o][1] for o in self.neurons[-1]) / len(self.neurons[-1]))
        halves["E_total"] = e_half
        bias_y = 0.32
        for b in self.biases if self.shared_bias else ():
            centres[b.name] = ((xs[b.layer] + xs[b.layer + 1]) / 2 + 0.1, bias_y)
        return _Layout(width, height, centres, halves, bias_y, lines)

    # -- drawing ------------------------------------------------------------------------------

    def _style(self, name: str, normal: str) -> tuple[str, float, str]:
        """Line colour, line width and text colour of one element."""
        if not self.highlight:
            return normal, 1.8, style.INK
        if name in self.highlight:
            return style.HIGHLIGHT, 3.6, style.INK
        return style.MUTED_LINE, 1.2, style.MUTED

    def draw(self, values: Values) -> Figure:
        """The diagram showing ``values`` (any subset: texts without a value are left out)."""
        texts = self.texts(values)
        lay = self.layout
        fig, ax = _figure(lay.width, lay.height)
        c, h = lay.centres, lay.halves
        radius = 0.2
        # lines first, under every box
        for p in self.weights:
            self._line(ax, p.name, p.source, p.target, style.BLUE if p.layer == 0 else style.GREEN)
        for o in self.neurons[-1]:
            self._line(ax, f"E_{o}", o, "E_total", style.PURPLE)
        if self.shared_bias:
            for b in self.biases:
                for n in self.neurons[b.layer + 1]:
                    a, z = _exit(c[b.name], radius, c[n]), _exit(c[n], h[n], c[b.name])
                    colour, lw, _ = self._style(f"{b.name}_{n}", style.VERMILLION)
                    ax.add_line(Line2D([a[0], z[0]], [a[1], z[1]], color=colour, lw=lw, ls=(0, (4, 3)), zorder=1,
                                       gid=f"edge:{b.name}_{n}"))
        for p in self.labelled_weights():
            self._weight_label(ax, p, texts)
        for layer, neurons in enumerate(self.neurons):
            for n in neurons:
                self._neuron(ax, n, layer, texts)
        self._error(ax, texts)
        if self.shared_bias:
            for b in self.biases:
                colour, lw, tcol = self._style(b.name, style.VERMILLION)
                lit = b.name in self.highlight
                ax.add_patch(Circle(c[b.name], radius, fc=style.HIGHLIGHT_FILL if lit else style.WHITE, ec=colour,
                                    lw=min(lw, 3.0), zorder=2, gid=f"node:{b.name}"))
                _text(ax, *c[b.name], _math(b.name), size=style.NAME_PT, colour=tcol)
                if f"bias:{b.name}" in texts:
                    _text(ax, c[b.name][0] - radius - 0.06, c[b.name][1], texts[f"bias:{b.name}"], ha="right",
                          gid=f"bias:{b.name}", colour=tcol)
                if f"grad:{b.name}" in texts:
                    _text(ax, c[b.name][0] + radius + 0.06, c[b.name][1], texts[f"grad:{b.name}"], ha="left",
                          gid=f"grad:{b.name}", colour=tcol)
        return fig

    def _line(self, ax: Axes, name: str, source: str, target: str, normal: str) -> None:
        c, h = self.layout.centres, self.layout.halves
        a, z = _exit(c[source], h[source], c[target]), _exit(c[target], h[target], c[source])
        colour, lw, _ = self._style(name, normal)
        ax.add_line(Line2D([a[0], z[0]], [a[1], z[1]], color=colour, lw=lw, zorder=1, gid=f"edge:{name}"))

    def label_centre(self, p: names.Parameter) -> tuple[float, float]:
        """Where a weight's label sits: on its own line (see :meth:`_place_labels`)."""
        return self.label_at[p.name]

    def _place_labels(self) -> dict[str, tuple[float, float]]:
        """A place on its line for each weight label that can have one, found once from the layout.

        Each label goes to the first point along its line, from its source, where its box
        clears every neuron's box and every label placed before it; a level line prefers its
        middle. So the labels of two crossing lines (w2 and w3) sit apart near their own
        sources. A label with no such point is left off (its weight is still in the tables).
        """
        lay = self.layout
        hw, hh = self._label_half()
        pad = self.CLEAR

        def clashes(x: float, y: float, others: list[tuple[float, float]]) -> bool:
            if not (hw <= x <= lay.width - hw and hh <= y <= lay.height - hh):
                return True
            for n, (cx, cy) in lay.centres.items():
                bw, bh = lay.halves.get(n, (0.2, 0.2))
                if abs(x - cx) < hw + bw + pad and abs(y - cy) < hh + bh + pad:
                    return True
            return any(abs(x - ox) < 2 * hw + pad and abs(y - oy) < 2 * hh + pad for ox, oy in others)

        segments = {p.name: (_exit(lay.centres[p.source], lay.halves[p.source], lay.centres[p.target]),
                             _exit(lay.centres[p.target], lay.halves[p.target], lay.centres[p.source]))
                    for p in self.weights}

        def crossed(x: float, y: float, own: str) -> bool:
            """Does another line pass through the label's box? (Then whose label is it?)"""
            for name, ((ax_, ay), (zx, zy)) in segments.items():
                if name == own or not (min(ax_, zx) - hw < x < max(ax_, zx) + hw):
                    continue
                for k in range(21):  # sample the line across the box's width
                    lx = x - hw + 2 * hw * k / 20
                    if min(ax_, zx) <= lx <= max(ax_, zx) and zx != ax_:
                        ly = ay + (lx - ax_) * (zy - ay) / (zx - ax_)
                        if abs(ly - y) < hh:
                            return True
            return False

        placed: dict[str, tuple[float, float]] = {}
        # level lines first: they have the least room to choose from (a crossing line can slide)
        for p in sorted(self.weights, key=lambda p: segments[p.name][0][1] != segments[p.name][1][1]):
            if not (self._labelled(p.layer) or p.name in self.highlight):
                continue
            a, z = segments[p.name]
            ts = [k / 80 for k in range(81)]
            if a[1] == z[1]:
                ts.sort(key=lambda t: abs(t - 0.5))
            points = [(a[0] + t * (z[0] - a[0]), a[1] + t * (z[1] - a[1])) for t in ts]
            free = [xy for xy in points if not clashes(*xy, list(placed.values()))]
            clear = [xy for xy in free if not crossed(*xy, p.name)]
            if clear or free:
                placed[p.name] = (clear or free)[0]
        return placed

    def _label_lines(self) -> tuple[str, ...]:
        """The value lines of a weight's label, under its name."""
        return ("weight",) + (("grad",) if self.backward else ()) + (("new",) if self.updates else ())

    def _label_half(self) -> tuple[float, float]:
        extra = len(self._label_lines()) - 1
        return (0.4 if extra else 0.25, 0.2 + 0.09 * extra)

    def _weight_label(self, ax: Axes, p: names.Parameter, texts: Mapping[str, str]) -> None:
        x, y = self.label_centre(p)
        colour, lw, tcol = self._style(p.name, style.BLUE if p.layer == 0 else style.GREEN)
        hw, hh = self._label_half()
        _box(ax, (x, y), (hw, hh), f"box:{p.name}", edge=colour, lw=min(lw, 2.4), rounding=0.06)
        top = y + hh - 0.12
        _text(ax, x, top, p.name, size=style.LABEL_PT, colour=tcol)
        for k, line in enumerate(self._label_lines(), start=1):
            if f"{line}:{p.name}" in texts:
                _text(ax, x, top - 0.18 * k, texts[f"{line}:{p.name}"], gid=f"{line}:{p.name}", colour=tcol)

    def _neuron(self, ax: Axes, n: str, layer: int, texts: Mapping[str, str]) -> None:
        lay = self.layout
        (x, y), (hw, hh) = lay.centres[n], lay.halves[n]
        colour, lw, tcol = self._style(n, style.INK)
        lit = n in self.highlight
        _box(ax, (x, y), (hw, hh), f"node:{n}", edge=colour, lw=min(lw, 3.0) if lit else 1.6,
             face=style.HIGHLIGHT_FILL if lit else style.WHITE)
        name_y = y + hh - 0.16
        _text(ax, x, name_y, _math(n), size=style.NAME_PT, colour=tcol, bold=True)
        if layer == 0:
            if f"value:{n}" in texts:
                _text(ax, x, name_y - 0.24, texts[f"value:{n}"], gid=f"value:{n}", colour=tcol)
            return
        for k, line in enumerate(lay.lines[n]):
            gid = f"{line}:{n}"
            if gid in texts:
                _text(ax, x, name_y - 0.25 - k * self.LINE, texts[gid], gid=gid, colour=tcol)

    def _error(self, ax: Axes, texts: Mapping[str, str]) -> None:
        lay = self.layout
        (x, y), (hw, hh) = lay.centres["E_total"], lay.halves["E_total"]
        colour, lw, tcol = self._style("E_total", style.INK)
        lit = "E_total" in self.highlight
        _box(ax, (x, y), (hw, hh), "node:E_total", edge=colour, lw=min(lw, 3.0) if lit else 1.6,
             face=style.HIGHLIGHT_FILL if lit else style.WHITE)
        name_y = y + hh - 0.16
        _text(ax, x, name_y, _math("E_total"), size=style.NAME_PT, colour=tcol)
        for k, gid in enumerate(("value:E_total", "new:E_total")):
            if gid in texts:
                _text(ax, x, name_y - 0.25 - k * self.LINE, texts[gid], gid=gid, colour=tcol)
        outputs = self.neurons[-1]
        for k, o in enumerate(outputs):
            if f"error:{o}" not in texts:
                continue
            a = _exit(lay.centres[o], lay.halves[o], (x, y))
            z = _exit((x, y), (hw, hh), lay.centres[o])
            mx, my = (a[0] + z[0]) / 2, (a[1] + z[1]) / 2
            below = k >= (len(outputs) + 1) // 2 and len(outputs) > 1
            _, _, ecol = self._style(f"E_{o}", style.PURPLE)
            sign, va = (-1, "top") if below else (1, "bottom")
            # the value next to its line, the name beyond it
            _text(ax, mx, my + sign * 0.12, texts[f"error:{o}"], gid=f"error:{o}", colour=ecol, va=va)
            _text(ax, mx, my + sign * 0.36, _math(f"E_{o}"), size=style.MATH_PT, colour=ecol, va=va)


# ---------------------------------------------------------------------------------------------
# The chain rule: one road from w5, two roads from w1

_HALF = (0.42, 0.32)  # a chain box


def _arrow(ax: Axes, a: tuple[float, float], b: tuple[float, float], colour: str) -> None:
    p0, p1 = _exit(a, _HALF, b), _exit(b, _HALF, a)
    ax.add_patch(FancyArrowPatch(p0, p1, arrowstyle="-|>", mutation_scale=16, color=colour, lw=1.8, zorder=1))


def _d(num: str, den: str) -> str:
    """Mathtext partial derivative d num / d den, stacked."""
    return rf"$\dfrac{{\partial {num}}}{{\partial {den}}}$"


def _quantity(ax: Axes, xy: tuple[float, float], name: str, colour: str, texts: Mapping[str, str]) -> None:
    """A chain box: the quantity's name over its value."""
    _box(ax, xy, _HALF, f"node:{name}", edge=colour)
    _text(ax, xy[0], xy[1] + 0.12, _math(name), size=style.MATH_PT)
    _text(ax, xy[0], xy[1] - 0.15, texts[f"value:{name}"], gid=f"value:{name}")


def _slope(ax: Axes, x: float, y: float, symbol: str, gid: str, texts: Mapping[str, str], colour: str, *,
           side: int) -> None:
    """A link's slope beside its arrow at height y: the value nearer the arrow, the symbol beyond
    (side +1: above the row of boxes, -1: below it)."""
    edge = y + side * _HALF[1]
    _text(ax, x, edge + side * 0.05, texts[gid], gid=gid, colour=colour, va="bottom" if side > 0 else "top")
    _text(ax, x, edge + side * 0.3, symbol, size=style.MATH_PT, colour=colour, va="bottom" if side > 0 else "top")


def _equation(ax: Axes, x: float, y: float, math: str, gid: str, texts: Mapping[str, str], *,
              colour: str = style.INK) -> None:
    """``math`` (mathtext, fixed) ending at x, then its live numbers from x, on one baseline,
    so the '=' of stacked equations line up."""
    ax.text(x - 0.03, y, math, ha="right", va="baseline", fontsize=style.MATH_PT, color=colour, zorder=4)
    ax.text(x + 0.03, y, texts[gid], ha="left", va="baseline", fontsize=style.NUMBER_PT, color=colour, gid=gid,
            zorder=4)


def _times(*factors: str) -> str:
    return " × ".join(f"({f})" if f.startswith("-") else f for f in factors)


class ChainW5:
    """E_total <- out_o1 <- net_o1 <- w5: each link's slope, their product, and the update of w5."""

    KEYS = ("E_total", "out_o1", "net_o1", "w5", "dE_dout_o1", "dout_o1_dnet_o1", "out_h1", "delta_o1",
            "dE_dw5", "eta", "w5_new")

    def texts(self, values: Values) -> dict[str, str]:
        _need(values, self.KEYS)
        v = {k: float(values[k]) for k in self.KEYS}
        t = {f"value:{k}": short(v[k], 6) for k in ("E_total", "out_o1", "net_o1")}
        t["value:w5"] = setting(v["w5"])
        t.update({f"slope:{k}": short(v[k], 6) for k in ("dE_dout_o1", "dout_o1_dnet_o1", "out_h1")})
        slopes = [short(v[k], 6) for k in ("dE_dout_o1", "dout_o1_dnet_o1", "out_h1")]
        t["delta"] = f"= {_times(*slopes[:2])} = {short(v['delta_o1'], 6)}"
        t["product"] = f"= {_times(*slopes)} = {short(v['dE_dw5'], 6)}"
        t["update"] = f"= {setting(v['w5'])} − {_times(setting(v['eta']), short(v['dE_dw5'], 6))} = " \
                      f"{short(v['w5_new'], 6)}"
        return t

    def draw(self, values: Values) -> Figure:
        texts = self.texts(values)
        fig, ax = _figure(style.WIDTH_IN, 3.35)
        y = 2.05
        xs = [0.5, 2.3, 4.1, 5.9]
        for x, name in zip(xs, ("E_total", "out_o1", "net_o1", "w5"), strict=True):
            _quantity(ax, (x, y), name, style.INK, texts)
        links = ((_d("E_{total}", "out_{o1}"), "dE_dout_o1"), (_d("out_{o1}", "net_{o1}"), "dout_o1_dnet_o1"),
                 (_d("net_{o1}", "w_5"), "out_h1"))
        for i, (symbol, key) in enumerate(links):
            _arrow(ax, (xs[i + 1], y), (xs[i], y), style.BLUE)
            _slope(ax, (xs[i] + xs[i + 1]) / 2, y, symbol, f"slope:{key}", texts, style.BLUE, side=1)
        _equation(ax, 1.75, 1.05, r"$\delta_{o1}$", "delta", texts, colour=style.GREEN)
        _equation(ax, 1.75, 0.6, r"$\partial E_{total}/\partial w_5$", "product", texts)
        _equation(ax, 1.75, 0.15, r"$w_5^{+}$", "update", texts)
        return fig


class ChainW1:
    """The two roads from w1 to the error, through o1 and through o2, their sum, and the update of w1."""

    KEYS = ("E_o1", "E_o2", "out_o1", "out_o2", "net_o1", "net_o2", "out_h1", "net_h1", "w1", "w5", "w7", "i1",
            "dE_dout_o1", "dE_dout_o2", "dout_o1_dnet_o1", "dout_o2_dnet_o2", "dE_o1_dout_h1", "dE_o2_dout_h1",
            "dE_dout_h1", "dout_h1_dnet_h1", "dE_dw1", "eta", "w1_new")

    def texts(self, values: Values) -> dict[str, str]:
        _need(values, self.KEYS)
        v = {k: float(values[k]) for k in self.KEYS}
        s6 = {k: short(v[k], 6) for k in self.KEYS}
        t = {f"value:{k}": s6[k] for k in ("E_o1", "E_o2", "out_o1", "out_o2", "net_o1", "net_o2", "out_h1",
                                          "net_h1")}
        t["value:w1"] = setting(v["w1"])
        for k, w in (("1", "5"), ("2", "7")):
            t[f"slope:dE_dout_o{k}"] = s6[f"dE_dout_o{k}"]
            t[f"slope:dout_o{k}_dnet_o{k}"] = s6[f"dout_o{k}_dnet_o{k}"]
            t[f"slope:w{w}"] = f"w{w} = {setting(v[f'w{w}'])}"
            t[f"road:o{k}"] = (f"= {_times(s6[f'dE_dout_o{k}'], s6[f'dout_o{k}_dnet_o{k}'], setting(v[f'w{w}']))}"
                               f" = {s6[f'dE_o{k}_dout_h1']}")
        t["slope:dout_h1_dnet_h1"] = s6["dout_h1_dnet_h1"]
        t["slope:i1"] = f"i1 = {setting(v['i1'])}"
        second = s6["dE_o2_dout_h1"]
        t["sum"] = f"= {s6['dE_o1_dout_h1']} + {f'({second})' if second.startswith('-') else second} = " \
                   f"{s6['dE_dout_h1']}"
        t["product"] = f"= {_times(s6['dE_dout_h1'], s6['dout_h1_dnet_h1'], setting(v['i1']))} = {s6['dE_dw1']}"
        t["update"] = f"= {setting(v['w1'])} − {_times(setting(v['eta']), s6['dE_dw1'])} = {s6['w1_new']}"
        return t

    def draw(self, values: Values) -> Figure:
        texts = self.texts(values)
        fig, ax = _figure(style.WIDTH_IN, 4.8)
        xs = [0.48, 1.6, 2.72, 3.68, 4.8, 5.9]
        top, bot = 4.42, 2.07
        mid = (top + bot) / 2
        # each road's slopes sit between the two roads, facing the other road's
        for k, y, colour, w, side in (("1", top, style.BLUE, "5", -1), ("2", bot, style.VERMILLION, "7", 1)):
            row = [(xs[0], y), (xs[1], y), (xs[2], y)]
            for xy, name in zip(row, (f"E_o{k}", f"out_o{k}", f"net_o{k}"), strict=True):
                _quantity(ax, xy, name, colour, texts)
            for (a, b), symbol, key in (((row[1], row[0]), _d(f"E_{{o{k}}}", f"out_{{o{k}}}"), f"dE_dout_o{k}"),
                                        ((row[2], row[1]), _d(f"out_{{o{k}}}", f"net_{{o{k}}}"),
                                         f"dout_o{k}_dnet_o{k}")):
                _arrow(ax, a, b, colour)
                _slope(ax, (a[0] + b[0]) / 2, y, symbol, f"slope:{key}", texts, colour, side=side)
            _arrow(ax, (xs[3], mid), row[2], colour)
            # the road's last link, net_o by out_h1, has the weight as its slope: beside the diagonal,
            # on the outer side, clear of the boxes at both ends
            _text(ax, 3.26, y - side * 0.05, texts[f"slope:w{w}"], gid=f"slope:w{w}", colour=colour, ha="left",
                  va="bottom" if side < 0 else "top")
        for x, name in zip(xs[3:], ("out_h1", "net_h1", "w1"), strict=True):
            _quantity(ax, (x, mid), name, style.INK, texts)
        for (a, b), symbol, gid in ((((xs[4], mid), (xs[3], mid)), _d("out_{h1}", "net_{h1}"), "slope:dout_h1_dnet_h1"),
                                    (((xs[5], mid), (xs[4], mid)), _d("net_{h1}", "w_1"), "slope:i1")):
            _arrow(ax, a, b, style.INK)
            _slope(ax, (a[0] + b[0]) / 2, mid, symbol, gid, texts, style.INK, side=1)
        eq = 2.28
        _equation(ax, eq, 1.42, r"through $o_1$: $\partial E_{o1}/\partial out_{h1}$", "road:o1", texts,
                  colour=style.BLUE)
        _equation(ax, eq, 1.1, r"through $o_2$: $\partial E_{o2}/\partial out_{h1}$", "road:o2", texts,
                  colour=style.VERMILLION)
        _equation(ax, eq, 0.78, r"both: $\partial E_{total}/\partial out_{h1}$", "sum", texts)
        _equation(ax, eq, 0.46, r"$\partial E_{total}/\partial w_1$", "product", texts)
        _equation(ax, eq, 0.14, r"$w_1^{+}$", "update", texts)
        return fig
