"""The diagram of a network, drawn from named values.

:class:`NetworkDiagram` draws any small network, laid out from its layer sizes: every
neuron with its net input and output, every weight on its line (when the lines leave room),
the biases, the targets and the error. (The article's two chain-rule pictures are
:mod:`bp_helpers.chains`.)

A diagram's shapes and fixed labels never depend on the values; only the texts its
``texts(values)`` names by gid do, so :class:`bp_helpers.rendering.LiveSVG` can draw it once
and replace those texts on every slider move. Every shape carries a gid too (``node:h1``,
``edge:w5``), so a stylesheet can highlight it. Values are named as in
:func:`bp_helpers.article.quantities`. Touches matplotlib only.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from . import names, style
from .drawing import Values, box, exit_point, figure_in_inches, text
from .formats import setting, short
from .limits import check_shown
from .validation import InputValueError, check_flag

MAX_LABELLED_EDGES = 6  # between two layers; beyond that only highlighted weights show their labels


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
        out = {n for layer in self.neurons for n in layer} | {names.TOTAL} | {p.name for p in self.weights}
        out |= {names.error(o) for o in self.neurons[-1]}
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
                        key = {"net": names.net, "out": names.out, "target": names.target, "delta": names.delta}[line](n)
                    if key in values:  # four decimals: a box's text is as wide whatever the value
                        shown = setting(values[key]) if line in ("target", "bias") else f"{values[key]:.4f}"
                        t[f"{line}:{n}"] = f"{self.LINE_LABELS.get(line, line)} {shown}"
        for p in self.labelled_weights():
            if p.name in values:
                t[f"weight:{p.name}"] = setting(values[p.name])
            if self.backward and names.gradient(p.name) in values:
                t[f"grad:{p.name}"] = f"∂ {values[names.gradient(p.name)]:.4f}"  # four decimals, as in the boxes
            if self.updates and names.new(p.name) in values:
                t[f"new:{p.name}"] = "→ " + short(values[names.new(p.name)])
        if self.shared_bias:
            for b in self.biases:
                if b.name in values:
                    t[f"bias:{b.name}"] = setting(values[b.name])
                if self.backward and names.gradient(b.name) in values:
                    t[f"grad:{b.name}"] = f"∂ {values[names.gradient(b.name)]:.4f}"
        for o in self.neurons[-1]:
            if names.error(o) in values:
                t[f"error:{o}"] = short(values[names.error(o)])
        if names.TOTAL in values:
            t["value:E_total"] = short(values[names.TOTAL])
        if self.updates and names.new(names.TOTAL) in values:
            t["new:E_total"] = "→ " + short(values[names.new(names.TOTAL)])
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
        centres[names.TOTAL] = (e_x, sum(centres[o][1] for o in self.neurons[-1]) / len(self.neurons[-1]))
        halves[names.TOTAL] = e_half
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
        fig, ax = figure_in_inches(lay.width, lay.height)
        c, h = lay.centres, lay.halves
        radius = 0.2
        # lines first, under every box
        for p in self.weights:
            self._line(ax, p.name, p.source, p.target, style.BLUE if p.layer == 0 else style.GREEN)
        for o in self.neurons[-1]:
            self._line(ax, names.error(o), o, names.TOTAL, style.PURPLE)
        if self.shared_bias:
            for b in self.biases:
                for n in self.neurons[b.layer + 1]:
                    a, z = exit_point(c[b.name], radius, c[n]), exit_point(c[n], h[n], c[b.name])
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
                text(ax, *c[b.name], names.mathtext(b.name), size=style.NAME_PT, colour=tcol)
                if f"bias:{b.name}" in texts:
                    text(ax, c[b.name][0] - radius - 0.06, c[b.name][1], texts[f"bias:{b.name}"], ha="right",
                         gid=f"bias:{b.name}", colour=tcol)
                if f"grad:{b.name}" in texts:
                    text(ax, c[b.name][0] + radius + 0.06, c[b.name][1], texts[f"grad:{b.name}"], ha="left",
                         gid=f"grad:{b.name}", colour=tcol)
        return fig

    def _line(self, ax: Axes, name: str, source: str, target: str, normal: str) -> None:
        c, h = self.layout.centres, self.layout.halves
        a, z = exit_point(c[source], h[source], c[target]), exit_point(c[target], h[target], c[source])
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

        segments = {p.name: (exit_point(lay.centres[p.source], lay.halves[p.source], lay.centres[p.target]),
                             exit_point(lay.centres[p.target], lay.halves[p.target], lay.centres[p.source]))
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
        box(ax, (x, y), (hw, hh), f"box:{p.name}", edge=colour, lw=min(lw, 2.4), rounding=0.06)
        top = y + hh - 0.12
        text(ax, x, top, p.name, size=style.LABEL_PT, colour=tcol)
        for k, line in enumerate(self._label_lines(), start=1):
            if f"{line}:{p.name}" in texts:
                text(ax, x, top - 0.18 * k, texts[f"{line}:{p.name}"], gid=f"{line}:{p.name}", colour=tcol)

    def _neuron(self, ax: Axes, n: str, layer: int, texts: Mapping[str, str]) -> None:
        lay = self.layout
        (x, y), (hw, hh) = lay.centres[n], lay.halves[n]
        colour, lw, tcol = self._style(n, style.INK)
        lit = n in self.highlight
        box(ax, (x, y), (hw, hh), f"node:{n}", edge=colour, lw=min(lw, 3.0) if lit else 1.6,
            face=style.HIGHLIGHT_FILL if lit else style.WHITE)
        name_y = y + hh - 0.16
        text(ax, x, name_y, names.mathtext(n), size=style.NAME_PT, colour=tcol, bold=True)
        if layer == 0:
            if f"value:{n}" in texts:
                text(ax, x, name_y - 0.24, texts[f"value:{n}"], gid=f"value:{n}", colour=tcol)
            return
        for k, line in enumerate(lay.lines[n]):
            gid = f"{line}:{n}"
            if gid in texts:
                text(ax, x, name_y - 0.25 - k * self.LINE, texts[gid], gid=gid, colour=tcol)

    def _error(self, ax: Axes, texts: Mapping[str, str]) -> None:
        lay = self.layout
        (x, y), (hw, hh) = lay.centres[names.TOTAL], lay.halves[names.TOTAL]
        colour, lw, tcol = self._style(names.TOTAL, style.INK)
        lit = names.TOTAL in self.highlight
        box(ax, (x, y), (hw, hh), "node:E_total", edge=colour, lw=min(lw, 3.0) if lit else 1.6,
            face=style.HIGHLIGHT_FILL if lit else style.WHITE)
        name_y = y + hh - 0.16
        text(ax, x, name_y, names.mathtext(names.TOTAL), size=style.NAME_PT, colour=tcol)
        for k, gid in enumerate(("value:E_total", "new:E_total")):
            if gid in texts:
                text(ax, x, name_y - 0.25 - k * self.LINE, texts[gid], gid=gid, colour=tcol)
        outputs = self.neurons[-1]
        for k, o in enumerate(outputs):
            if f"error:{o}" not in texts:
                continue
            a = exit_point(lay.centres[o], lay.halves[o], (x, y))
            z = exit_point((x, y), (hw, hh), lay.centres[o])
            mx, my = (a[0] + z[0]) / 2, (a[1] + z[1]) / 2
            below = k >= (len(outputs) + 1) // 2 and len(outputs) > 1
            _, _, ecol = self._style(names.error(o), style.PURPLE)
            sign, va = (-1, "top") if below else (1, "bottom")
            # the value next to its line, the name beyond it
            text(ax, mx, my + sign * 0.12, texts[f"error:{o}"], gid=f"error:{o}", colour=ecol, va=va)
            text(ax, mx, my + sign * 0.36, names.mathtext(names.error(o)), size=style.MATH_PT, colour=ecol, va=va)
