"""Plots of training: the error over the updates, outputs against targets, the error over
learning rates, and the training explorer's figure of all three.

Every function takes plain data (arrays, mappings) and returns a matplotlib Figure; nothing
here imports the numeric core. Log axes are labelled in plain text (1e-4), not mathtext:
mathtext is parsed again on every draw, and the explorer redraws on every move.
Touches matplotlib only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator
from numpy.typing import ArrayLike

from . import style
from .formats import count, setting, short
from .rendering import svg_of, svg_stack
from .style import LOG_CEIL, LOG_FLOOR


def power_of_ten(value: float, _position: int = 0) -> str:
    """A log-axis tick label in plain text: 1e-4 (0.1, 1, 10, 100, 1000 as themselves)."""
    if value <= 0:
        return ""
    exponent = round(np.log10(value))
    return f"{10.0 ** exponent:g}" if -1 <= exponent <= 4 else f"1e{exponent}"


def _decades(lo: float, hi: float, most: int = 6) -> list[float]:
    """Powers of ten from lo to hi, every k-th so that at most ``most`` are labelled."""
    a, b = int(np.ceil(np.log10(lo))), int(np.floor(np.log10(hi)))  # the decades inside the range
    step = max(1, -(-(b - a) // (most - 1)))
    return [10.0 ** e for e in range(b, a - 1, -step)][::-1]


def _log(ax: Axes, which: str, lo: float, hi: float) -> None:
    """A log axis from lo to hi with plain-text labels on whole decades."""
    axis = ax.yaxis if which == "y" else ax.xaxis
    (ax.set_yscale if which == "y" else ax.set_xscale)("log")
    (ax.set_ylim if which == "y" else ax.set_xlim)(lo, hi)
    axis.set_major_locator(FixedLocator(_decades(lo, hi)))
    axis.set_major_formatter(FuncFormatter(power_of_ten))
    axis.set_minor_locator(NullLocator())


def _clipped(values: ArrayLike) -> np.ndarray:
    return np.clip(np.asarray(values, dtype=float), LOG_FLOOR, LOG_CEIL)


def _range(values: np.ndarray) -> tuple[float, float]:
    lo, hi = float(np.log10(values.min())), float(np.log10(values.max()))
    pad = max(0.05 * (hi - lo), 0.1)
    return 10.0 ** max(lo - pad, -300), 10.0 ** (hi + pad)


def _axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is None:
        fig = Figure(figsize=size, dpi=style.DPI, layout="constrained")
        ax = fig.add_subplot()
    else:
        # The figure that is saved: ax.figure may be a SubFigure, and a (sub)figure's own
        # .figure is the root Figure on every supported matplotlib (get_figure(root=True) is 3.10+).
        parent = ax.figure
        root = parent.figure if parent is not None else None
        assert isinstance(root, Figure)  # an axes always belongs to a figure
        fig = root
    ax.tick_params(labelsize=style.LABEL_PT + 0.5, colors=style.INK)
    ax.grid(True, which="major", color=style.GRID, linewidth=0.8)
    return fig, ax


def _legend(ax: Axes, **kwargs: Any) -> None:
    if ax.get_legend_handles_labels()[0]:  # an empty legend warns
        ax.legend(fontsize=style.LABEL_PT + 0.5, labelcolor=style.INK, **kwargs)


def plot_loss_curve(histories: Mapping[str, ArrayLike], *, marks: Mapping[str, tuple[float, float]] | None = None,
                    ax: Axes | None = None) -> Figure:
    """E_total after each update (both axes log: update 1 to the last), one line per history.

    ``histories``: label -> E_total before training and after each update (index = updates).
    ``marks``: label -> (updates, E_total), drawn as open markers.
    """
    fig, ax = _axes(ax, (style.WIDTH_IN, 3.4))
    shown = [np.empty(0)]
    for i, (label, history) in enumerate(histories.items()):
        h = _clipped(history)
        if h.size < 2:
            raise ValueError(f"histories[{label!r}]: expected at least one update, got {h.size - 1}")
        shown.append(h[1:])
        ax.plot(np.arange(1, h.size), h[1:], color=style.CYCLE[i % len(style.CYCLE)], lw=2, label=label,
                gid=f"history:{label}")
    for j, (label, (at, value)) in enumerate((marks or {}).items()):
        shown.append(_clipped([value]))
        ax.plot([at], shown[-1], ls="none", marker=style.MARKERS[j % len(style.MARKERS)], ms=10, mfc="none", mew=2,
                color=style.CYCLE[(j + 2) % len(style.CYCLE)], label=label, gid=f"mark:{label}")
    steps = max(len(np.asarray(h)) - 1 for h in histories.values()) if histories else 1
    _log(ax, "x", 0.8, steps * 1.25)
    _log(ax, "y", *_range(np.concatenate(shown)))
    ax.set_xlabel("updates (log scale)", fontsize=style.LABEL_PT + 0.5)
    ax.set_ylabel("E_total (log scale)", fontsize=style.LABEL_PT + 0.5)
    _legend(ax, loc="lower left")
    return fig


def plot_outputs(outputs: Sequence[float], targets: Sequence[float], *, labels: Sequence[str] = ("o1", "o2"),
                 ax: Axes | None = None) -> Figure:
    """Each output (dot) against its target (diamond) on a 0..1 axis, values written beside them,
    and a legend saying which marker is which (a shape that carries meaning is named)."""
    if not len(outputs) == len(targets) == len(labels):
        raise ValueError("outputs, targets, labels: expected the same length, got "
                         f"{len(outputs)}, {len(targets)} and {len(labels)}")
    out, tgt = np.asarray(outputs, dtype=float), np.asarray(targets, dtype=float)
    fig, ax = _axes(ax, (style.WIDTH_IN, 1.3 + 0.6 * len(labels)))
    _draw_outputs(ax, out, tgt, labels)
    _legend(ax, loc="center", ncol=2, framealpha=1.0)  # between the rows, clear of every marker and value
    return fig


class _OutputsAxes:
    """Outputs (dots) against targets (diamonds) on one axes, each value written beside its
    marker; built once, then :meth:`update` moves the markers and rewrites the values."""

    def __init__(self, ax: Axes, labels: Sequence[str], lo: float = 0.0, hi: float = 1.0) -> None:
        self.ax, self.rows = ax, np.arange(len(labels))[::-1]
        self.lo, self.hi = lo, hi
        self.gaps = ax.hlines(self.rows, 0, 0, color=style.MUTED_LINE, lw=3, zorder=1)
        self.target = ax.plot([], [], "D", ms=10, mfc="none", mew=2, color=style.BLUE, label="target", zorder=2,
                              gid="targets")[0]
        self.output = ax.plot([], [], "o", ms=9, color=style.VERMILLION, label="output", zorder=3, gid="outputs")[0]
        # output value above its dot, target value below its diamond
        self.texts = [(ax.text(0, r + 0.2, "", va="bottom", fontsize=style.NUMBER_PT, color=style.INK),
                       ax.text(0, r - 0.2, "", va="top", fontsize=style.NUMBER_PT, color=style.INK))
                      for r in self.rows]
        pad = 0.04 * (hi - lo)
        ax.set_xlim(lo - pad, hi + pad)
        ax.set_ylim(-0.8, len(labels) - 0.2)
        ax.set_yticks(self.rows, list(labels), fontsize=style.NUMBER_PT)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])

    def update(self, outputs: np.ndarray, targets: np.ndarray) -> None:
        self.gaps.set_segments([[(min(o, t), r), (max(o, t), r)]
                                for r, o, t in zip(self.rows, outputs, targets, strict=True)])
        self.target.set_data(targets, self.rows)
        self.output.set_data(outputs, self.rows)
        for (above, below), o, t in zip(self.texts, outputs, targets, strict=True):
            for text, value, shown in ((above, o, short(o)), (below, t, setting(t))):  # a target is a setting
                text.set_x(value)
                text.set_text(shown)
                text.set_horizontalalignment("left" if value < (self.lo + self.hi) / 2 else "right")


def _draw_outputs(ax: Axes, out: np.ndarray, tgt: np.ndarray, labels: Sequence[str]) -> None:
    drawn = _OutputsAxes(ax, labels, min(0.0, *out, *tgt), max(1.0, *out, *tgt))
    drawn.update(out, tgt)


def plot_sweep(rates: ArrayLike, final_errors: ArrayLike, *, current: float | None = None,
               ax: Axes | None = None) -> Figure:
    """E_total at the end of training against the learning rate (both log), the current rate marked."""
    r, e = np.asarray(rates, dtype=float), _clipped(final_errors)
    if r.shape != e.shape or r.size == 0 or r.ndim != 1:
        raise ValueError(f"rates, final_errors: expected two non-empty lists of equal length, got shapes "
                         f"{r.shape} and {e.shape}")
    if np.any(r <= 0) or (current is not None and current <= 0):
        raise ValueError("rates, current: expected positive learning rates (they sit on a log axis)")
    fig, ax = _axes(ax, (style.WIDTH_IN, 3.2))
    order = np.argsort(r)
    ax.plot(r[order], e[order], "o-", color=style.BLUE, lw=2, ms=5, gid="sweep")
    if current is not None:
        ax.axvline(current, color=style.VERMILLION, ls="--", lw=2, gid="current")
    lo, hi = float(r.min()), float(r.max())
    _log(ax, "x", lo / 1.5, hi * 1.5)
    _log(ax, "y", *_range(e))
    ax.set_xlabel("learning rate η", fontsize=style.LABEL_PT + 0.5)
    ax.set_ylabel("E_total at the end", fontsize=style.LABEL_PT + 0.5)
    return fig


class ExplorerFigure:
    """The training explorer's figure: drawn as a fixed frame and a layer of data on top.

    Top: E_total over the updates for the current learning rate and a few others. Bottom
    left: E_total after the current number of updates for every learning rate of the sweep.
    Bottom right: the outputs against their targets.

    The axes, ticks, grids and legend (most of the drawing) are the *frame*, saved as SVG only
    when a range changes. The curves, markers and changing texts live on an *overlay*: a
    second figure with the same axes, invisible, saved on every move. :meth:`svg` stacks the
    two in one SVG document.
    """

    SIZE = (style.WIDTH_IN, 5.4)

    def __init__(self, rates: Sequence[float], max_steps: int, lowest_error: float,
                 compare: Sequence[float] = ()) -> None:
        self.rates, self.max_steps, self.compare = tuple(rates), max_steps, tuple(compare)
        self.frame, frame_axes = self._figure()
        self.overlay, axes = self._figure()
        self.loss, self.sweep, self.outputs = axes
        self.frame_loss, self.frame_sweep, frame_outputs = frame_axes
        for ax in frame_axes:
            _axes(ax, (0, 0))
        for ax in axes:
            ax.set_axis_off()
        self.overlay.patch.set_visible(False)
        colours = [style.CYCLE[(i + 1) % len(style.CYCLE)] for i in range(len(self.compare))]
        self.others = [self.loss.plot([], [], lw=1.4, color=c)[0] for c in colours]
        self.current = self.loss.plot([], [], lw=2.6, color=style.INK)[0]
        self.marker = self.loss.plot([], [], "o", ms=8, color=style.VERMILLION, zorder=5)[0]
        handles = [Line2D([], [], lw=1.4, color=c, label=f"η = {r:g}") for c, r in zip(colours, self.compare,
                                                                                     strict=True)]
        handles.append(Line2D([], [], lw=2.6, color=style.INK, label="current η"))
        self.frame_loss.legend(handles=handles, loc="lower left", ncols=len(handles),
                               fontsize=style.LABEL_PT + 0.5, labelcolor=style.INK, handlelength=1.5,
                               columnspacing=1.0)
        self.frame_loss.set_xlabel("updates (log scale)", fontsize=style.LABEL_PT + 0.5)
        self.frame_loss.set_ylabel("E_total", fontsize=style.LABEL_PT + 0.5)
        self.frame_sweep.set_xlabel("learning rate η", fontsize=style.LABEL_PT + 0.5)
        for ax in (self.loss, self.frame_loss):
            _log(ax, "x", 0.8, max_steps * 1.25)
        self.sweep_line = self.sweep.plot([], [], "o-", ms=4, lw=1.6, color=style.BLUE)[0]
        self.sweep_mark = self.sweep.plot([], [], "o", ms=9, color=style.VERMILLION, zorder=5)[0]
        _OutputsAxes(frame_outputs, ("o1", "o2"))  # its ticks and ranges
        self.output_marks = _OutputsAxes(self.outputs, ("o1", "o2"))
        self.titles = [ax.text(0.5, 1.04, "", transform=ax.transAxes, ha="center", va="bottom",
                               fontsize=style.LABEL_PT + 0.5, color=style.INK) for ax in axes]
        self.low = 1.0
        self._frame_svg: str | None = None
        self.frames_drawn = 0
        self.lower_to(lowest_error)

    def _figure(self) -> tuple[Figure, tuple[Axes, Axes, Axes]]:
        fig = Figure(figsize=self.SIZE, dpi=style.DPI)
        grid = fig.add_gridspec(2, 2, height_ratios=(1.25, 1), left=0.12, right=0.98, top=0.93, bottom=0.1,
                                hspace=0.55, wspace=0.42)
        return fig, (fig.add_subplot(grid[0, :]), fig.add_subplot(grid[1, 0]), fig.add_subplot(grid[1, 1]))

    def lower_to(self, lowest_error: float) -> None:
        """Extend both error axes down to the decade holding ``lowest_error`` (never up again),
        so that a sweep reaching lower errors (biases trained, say) still fits."""
        low = 10.0 ** np.floor(np.log10(max(lowest_error, LOG_FLOOR)))
        if low < self.low:
            self.low = low
            for loss, sweep in ((self.loss, self.sweep), (self.frame_loss, self.frame_sweep)):
                _log(loss, "y", low, 1.0)
                _log(sweep, "x", min(self.rates) / 1.5, max(self.rates) * 1.5)
                _log(sweep, "y", low, 1.0)
            self._frame_svg = None

    def draw(self, *, learning_rate: float, steps: int, history: np.ndarray, others: Mapping[float, np.ndarray],
             rates: Sequence[float], sweep_errors: np.ndarray, outputs: Sequence[float],
             targets: Sequence[float], decimate: Any) -> None:
        """Move every curve, marker and text of the overlay to this point of the sweep."""
        for line, rate in zip(self.others, self.compare, strict=True):
            line.set_data(*decimate(_clipped(others[rate])))
        self.current.set_data(*decimate(_clipped(history)))
        self.marker.set_data([max(steps, 1)], _clipped([history[-1]]))
        self.marker.set_visible(steps > 0)
        self.sweep_line.set_data(rates, _clipped(sweep_errors))
        self.sweep_mark.set_data([learning_rate], _clipped([sweep_errors[list(rates).index(learning_rate)]]))
        self.output_marks.update(np.asarray(outputs, dtype=float), np.asarray(targets, dtype=float))
        after = f"after {count(steps, 'update')}"
        for title, text in zip(self.titles, (f"E_total during training (current η = {learning_rate:g})",
                                             f"E_total {after}", f"outputs {after}"), strict=True):
            title.set_text(text)

    def svg(self) -> str:
        """Frame and overlay in one SVG document (the frame saved again only after a range changed)."""
        if self._frame_svg is None:
            self._frame_svg = svg_of(self.frame)
            self.frames_drawn += 1
        return svg_stack(self._frame_svg, svg_of(self.overlay))


# --- notebook 07: beyond one example ----------------------------------------------------------

def plot_schedules(runs: Mapping[str, tuple[ArrayLike, ArrayLike]], *, ax: Axes | None = None) -> Figure:
    """E_total on every example (log) against the gradient evaluations spent (one per example).

    ``runs``: label -> (evaluations after each update, E_total then), both starting before the first update.
    """
    fig, ax = _axes(ax, (style.WIDTH_IN, 3.4))
    shown = [np.empty(0)]
    right = 1.0
    for i, (label, (spent, errors)) in enumerate(runs.items()):
        x, e = np.asarray(spent, dtype=float), _clipped(errors)
        if x.shape != e.shape or x.size < 2:
            raise ValueError(f"runs[{label!r}]: expected two equal lists of at least two values, got shapes "
                             f"{x.shape} and {e.shape}")
        shown.append(e)
        right = max(right, float(x[-1]))
        ax.plot(x, e, color=style.CYCLE[i % len(style.CYCLE)], lw=2, ls=("-", "--", ":")[i % 3], label=label,
                gid=f"schedule:{label}")
    ax.set_xlim(0, right)
    _log(ax, "y", *_range(np.concatenate(shown)))
    ax.set_xlabel("gradient evaluations (one per example)", fontsize=style.LABEL_PT + 0.5)
    ax.set_ylabel("E_total, all examples (log)", fontsize=style.LABEL_PT + 0.5)
    _legend(ax, loc="lower left")
    return fig


def plot_example_outputs(examples: Sequence[str], outputs: Mapping[str, Sequence[float]],
                         targets: Sequence[float], *, ax: Axes | None = None) -> Figure:
    """Each network's output (one marker shape per network) for every example, beside the targets."""
    n = len(examples)
    if len(targets) != n or any(len(v) != n for v in outputs.values()):
        raise ValueError(f"examples, outputs, targets: expected {n} values each, got targets {len(targets)} "
                         f"and outputs {[len(v) for v in outputs.values()]}")
    fig, ax = _axes(ax, (style.WIDTH_IN, 3.2))
    x = np.arange(n, dtype=float)
    width = 0.6 / max(len(outputs), 1)
    ax.plot(x, np.asarray(targets, dtype=float), "D", ms=14, mfc="none", mew=2, color=style.INK, label="target",
            gid="targets")
    for i, (label, values) in enumerate(outputs.items()):
        offset = (i - (len(outputs) - 1) / 2) * width
        ax.plot(x + offset, np.asarray(values, dtype=float), style.MARKERS[i % len(style.MARKERS)], ms=9,
                color=style.CYCLE[i % len(style.CYCLE)], label=label, gid=f"outputs:{label}")
    ax.axhline(0.5, color=style.MUTED_LINE, lw=1, ls="--")
    ax.set_xticks(x, list(examples), fontsize=style.NUMBER_PT)
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylim(-0.08, 1.08)
    ax.set_xlabel("example (inputs)", fontsize=style.LABEL_PT + 0.5)
    ax.set_ylabel("output", fontsize=style.LABEL_PT + 0.5)
    _legend(ax, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return fig


def plot_output_deltas(outs: ArrayLike, deltas: Mapping[str, ArrayLike], *, target: float,
                       marks: Mapping[str, tuple[float, float]] | None = None, ax: Axes | None = None) -> Figure:
    """The output delta dE/dnet against the output, one line per error function, for one target.

    ``marks``: label -> (out, delta), drawn as open markers (e.g. the article's out_o1).
    """
    x = np.asarray(outs, dtype=float)
    fig, ax = _axes(ax, (style.WIDTH_IN, 3.2))
    for i, (label, values) in enumerate(deltas.items()):
        y = np.asarray(values, dtype=float)
        if y.shape != x.shape:
            raise ValueError(f"deltas[{label!r}]: expected {x.shape[0]} values (one per output), got {y.shape}")
        ax.plot(x, y, color=style.CYCLE[i % len(style.CYCLE)], lw=2, ls=("-", "--")[i % 2], label=label,
                gid=f"delta:{label}")
    for j, (label, (at, value)) in enumerate((marks or {}).items()):
        ax.plot([at], [value], ls="none", marker=style.MARKERS[j % len(style.MARKERS)], ms=10, mfc="none", mew=2,
                color=style.CYCLE[(j + 2) % len(style.CYCLE)], label=label, gid=f"mark:{label}")
    ax.axvline(target, color=style.MUTED_LINE, lw=1, ls=":")
    ax.axhline(0, color=style.MUTED_LINE, lw=1)
    ax.set_xlim(float(x.min()), float(x.max()))
    ax.set_xlabel(f"output (target {setting(target)})", fontsize=style.LABEL_PT + 0.5)
    ax.set_ylabel("output delta dE/dnet", fontsize=style.LABEL_PT + 0.5)
    _legend(ax, loc="upper left")
    return fig


def plot_layer_gradients(layers: Sequence[str], sizes: Sequence[float], *,
                         spread: tuple[Sequence[float], Sequence[float]] | None = None,
                         spread_label: str = "spread", ax: Axes | None = None) -> Figure:
    """Mean |dE/dw| of every layer (bars, log axis, value written above), first layer at the left.

    ``spread``: (low, high) per layer, e.g. the quartiles over many seeds, drawn as a range
    beside each bar and named ``spread_label`` in the legend.
    """
    g = _clipped(sizes)
    if len(layers) != g.size or g.size == 0:
        raise ValueError(f"layers, sizes: expected two non-empty lists of equal length, got {len(layers)} "
                         f"and {g.size}")
    fig, ax = _axes(ax, (style.WIDTH_IN, 3.3))
    x = np.arange(g.size)
    ax.bar(x, g, width=0.6, color=style.BLUE, gid="gradients")
    shown = [g]
    if spread is not None:
        lo, hi = _clipped(spread[0]), _clipped(spread[1])
        ax.vlines(x + 0.38, lo, hi, color=style.VERMILLION, lw=3, label=spread_label, gid="spread")
        shown += [lo, hi]
    for xi, gi in zip(x, g, strict=True):
        ax.text(float(xi), float(gi) * 1.25, short(float(gi), 2), ha="center", va="bottom", fontsize=style.NUMBER_PT,
                color=style.INK)
    lo_, hi_ = _range(np.concatenate(shown))
    _log(ax, "y", lo_, hi_ * 6)
    ax.set_xticks(x, list(layers), fontsize=style.LABEL_PT + 0.5)
    ax.set_ylabel("mean |dE/dw| (log)", fontsize=style.LABEL_PT + 0.5)
    _legend(ax, loc="upper left")
    return fig


SLICE_POINT = "slice-point-{}"  # gid of the panel's marker at slider position k
SLICE_TEXTS = ("slice:step", "slice:error", "slice:verdict")  # the live texts of a slice figure


def plot_error_slice(steps: ArrayLike, errors: ArrayLike, first_order: ArrayLike, start_error: float, *,
                     marks: Mapping[str, tuple[float, float]] | None = None, points: Sequence[float] = (),
                     live: Sequence[str] = (), ax: Axes | None = None) -> Figure:
    """E(w - s·g) against the step size s (log axis), beside its first-order prediction and the start.

    ``marks``: label -> (s, E) drawn as open markers. ``points``: step sizes at which a marker
    is drawn with gid SLICE_POINT.format(k) (a panel shows one at a time). ``live``: three
    texts drawn above the axes with the gids SLICE_TEXTS, for :class:`bp_helpers.rendering.LiveSVG`
    to replace (give each its widest form: a live text keeps the room it was drawn in).
    """
    s, e, f = (np.asarray(a, dtype=float) for a in (steps, errors, first_order))
    if not s.shape == e.shape == f.shape or s.ndim != 1 or s.size < 2 or np.any(s <= 0):
        raise ValueError(f"steps, errors, first_order: expected three equal lists of at least two values, "
                         f"steps positive (a log axis), got shapes {s.shape}, {e.shape} and {f.shape}")
    fig, ax = _axes(ax, (style.WIDTH_IN, 3.6 if live else 3.3))
    top = max(float(e.max()), start_error) * 1.12
    ax.axhline(start_error, color=style.MUTED_LINE, lw=1.5, ls=":", label="E before the step", gid="start")
    ax.plot(s, f, color=style.VERMILLION, lw=2, ls="--", label="first order: E − s·|g|²", gid="first-order")
    ax.plot(s, e, color=style.BLUE, lw=2.4, label="E(w − s·g)", gid="slice")
    for j, (label, (at, value)) in enumerate((marks or {}).items()):
        ax.plot([at], [value], ls="none", marker=style.MARKERS[j % len(style.MARKERS)], ms=10, mfc="none", mew=2,
                color=style.CYCLE[(j + 2) % len(style.CYCLE)], label=label, gid=f"mark:{label}")
    for k, at in enumerate(points):
        value = float(np.interp(np.log(at), np.log(s), e))
        ax.plot([at], [value], "o", ms=10, color=style.INK, zorder=5, gid=SLICE_POINT.format(k))
    _log(ax, "x", float(s.min()), float(s.max()))
    ax.set_ylim(-0.04 * top, top)
    ax.set_xlabel("step size s (log scale)", fontsize=style.LABEL_PT + 0.5)
    ax.set_ylabel("E_total after the step", fontsize=style.LABEL_PT + 0.5)
    _legend(ax, loc="lower left")
    if live:
        if len(live) != len(SLICE_TEXTS):
            raise ValueError(f"live: expected {len(SLICE_TEXTS)} texts (step, error, verdict), got {len(live)}")
        for x, gid, text in zip((0.0, 0.3, 1.0), SLICE_TEXTS, live, strict=True):
            ax.text(x, 1.03, text, transform=ax.transAxes, ha="right" if x == 1 else "left", va="bottom",
                    fontsize=style.NUMBER_PT, color=style.INK, gid=gid)
    return fig
