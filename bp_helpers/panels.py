"""What the slider panels compute and draw, without any widget.

:mod:`bp_helpers.widgets` puts sliders on top of this module; everything here is plain
Python, numpy and matplotlib, so it can be tested and timed on its own:

* :func:`section_result` computes everything a section panel shows at given settings.
* :class:`LiveFigure` redraws one of :mod:`bp_helpers.plots`' diagrams many times, fast:
  it keeps one figure and canvas, draws the shapes and fixed labels once, and on every
  change redraws only the texts whose words changed (matplotlib's text rendering is what
  costs); the pixels are those of a fresh figure (the tests compare them).
* :class:`SweepCache` holds one vectorised learning-rate sweep per (update order, bias
  updates), so the training explorer answers every slider move by a lookup, and
  :class:`TrainingFigure` draws it on fixed axes whose frames are drawn once.
* :func:`encode_png`, :func:`png_output`, :func:`text_output` make the display outputs a
  panel's ``Output`` holds.
"""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import NullLocator
from matplotlib.transforms import Bbox

from . import plots
from .article import (ARTICLE_SETTINGS, CLOSING_SOURCES, INPUTS, LEARNING_RATE, PRINTED_CLOSING, START, STEPS,
                      TARGETS, article_network, matches_printed, quantities)
from .network import Network
from .steps import SECTIONS, Section, Step, at_article_settings, number
from .training import Order, TrainingResult, as_order, sweep_learning_rates
from .validation import as_count, as_real, check_flag

__all__ = [
    "ARTICLE_SETTINGS", "FIGURE_KEYS", "LEARNING_RATES", "ORDER_LABELS", "PANEL_RC", "LiveFigure",
    "SectionResult", "SweepCache", "TrainingFigure", "TrainingPoint", "banner", "decimate",
    "diagram", "differences", "encode_png", "png_output", "section_result", "settings_text",
    "text_output",
]

# The learning rates a slider offers: round numbers, about ten per decade, 0.01 .. 10.
# Written as decimal strings so 0.5 is exactly the article's 0.5 (and a label reads "0.012").
LEARNING_RATES: tuple[float, ...] = tuple(
    float(f"{m}e{e}") for e in (-2, -1, 0) for m in ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "8")
) + (10.0,)

# The numbers each figure shows, by quantity name (what `last.figure` reports).
FIGURE_KEYS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "network": ("i1", "i2", "w1", "w2", "w3", "w4", "b1", "net_h1", "out_h1", "net_h2", "out_h2",
                "w5", "w6", "w7", "w8", "b2", "net_o1", "out_o1", "target_o1", "net_o2", "out_o2",
                "target_o2", "E_o1", "E_o2", "E_total"),
    "chain_w5": ("w5", "out_h1", "net_o1", "out_o1", "E_total", "dE_dout_o1", "dout_o1_dnet_o1",
                 "dnet_o1_dw5", "delta_o1", "dE_dw5"),
    "chain_w1": ("i1", "w1", "net_h1", "out_h1", "dout_h1_dnet_h1", "w5", "w7", "net_o1", "net_o2",
                 "out_o1", "out_o2", "E_o1", "E_o2", "dE_dout_o1", "dE_dout_o2", "dout_o1_dnet_o1",
                 "dout_o2_dnet_o2", "dE_o1_dout_h1", "dE_o2_dout_h1", "dE_dout_h1", "dE_dw1"),
})

DrawFunction = Callable[[Mapping[str, float]], Figure]  # values -> Figure, as in bp_helpers.plots
TextsFunction = Callable[[Mapping[str, float]], dict[str, str]]  # values -> {gid: text}


def diagram(section: Section) -> tuple[DrawFunction, TextsFunction]:
    """The functions that draw a section's declared figure (with its highlight) and name its live texts."""
    draw, texts = plots.DIAGRAMS[section.figure]
    if section.figure == "network":
        def draw_highlighted(values: Mapping[str, float]) -> Figure:
            return plots.draw_network(values, highlight=section.highlight)
        return draw_highlighted, texts
    return draw, texts


# ---------------------------------------------------------------------------------------------
# Display outputs (the dicts an ipywidgets Output holds, as in a notebook's outputs)

def text_output(plain: str, markdown: str | None = None) -> dict[str, Any]:
    """A display output with a plain-text twin (and Markdown for the reader, if given)."""
    data = {"text/plain": plain}
    if markdown is not None:
        data["text/markdown"] = markdown
    return {"output_type": "display_data", "data": data, "metadata": {}}


def png_output(png: bytes, plain: str) -> dict[str, Any]:
    """A display output holding a PNG image (base64, as notebooks store it)."""
    return {"output_type": "display_data", "metadata": {},
            "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": plain}}


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(canvas: FigureCanvasAgg) -> bytes:
    """The canvas' current pixels (an opaque figure) as an RGB PNG, without drawing it again.

    Written directly, with no row filters and zlib level 1: half the time Pillow takes and
    smaller for these flat-coloured diagrams, for an image that lives for one slider move.
    """
    pixels = np.asarray(canvas.buffer_rgba())
    if pixels[..., 3].min() < 255:
        raise ValueError("canvas: expected an opaque figure (a panel figure has a white background)")
    height, width = pixels.shape[:2]
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)  # each row: filter type 0, then RGB
    rows[:, 0] = 0
    rows[:, 1:].reshape(height, width, 3)[...] = pixels[..., :3]
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 1))
            + _chunk(b"IEND", b""))


# ---------------------------------------------------------------------------------------------
# Fast redraws of a diagram

# Panels redraw on every slider move: FreeType's hinting of each glyph is a sixth of the
# cost of a redraw and changes nothing a reader can see at these sizes.
PANEL_RC: dict[Any, Any] = {"text.hinting": "no_hinting"}

_PAD = 2  # pixels around a text's box restored before it is redrawn (antialiasing, box edges)


class LiveFigure:
    """One diagram of :mod:`bp_helpers.plots` on a canvas of its own, redrawn for new values.

    A diagram's shapes and fixed labels never depend on the values, only the texts its
    ``texts`` function names by gid do (``tests/test_plots.py`` checks this for each). So
    everything else is drawn once into a background, and a new set of values redraws only
    the live texts whose words changed, over the background restored under their old and
    new boxes (with any live text those boxes touch). The pixels are those of a fresh
    figure: the tests compare them.
    """

    def __init__(self, draw: DrawFunction, texts: TextsFunction, values: Mapping[str, float], *,
                 dpi: float = 72) -> None:
        self._texts = texts
        with matplotlib.rc_context(PANEL_RC):
            self.figure = draw(values)
        self.figure.set_dpi(as_real("dpi", dpi))
        self.canvas = FigureCanvasAgg(self.figure)
        words = texts(values)
        self._live = {gid: t for ax in self.figure.axes for t in ax.texts if (gid := t.get_gid()) in words}
        missing = sorted(set(words) - set(self._live))
        if missing:
            raise ValueError(f"draw: expected a text with each live gid of texts(values), missing {missing}")
        self._boxes: dict[str, Bbox] = {}
        self.texts_redrawn = 0  # for tests and the benchmark
        with matplotlib.rc_context(PANEL_RC):
            for text in self._live.values():
                text.set_visible(False)
            self.canvas.draw()
            for text in self._live.values():
                text.set_visible(True)
            self._background = np.asarray(self.canvas.buffer_rgba()).copy()
            self._paint(set(self._live))
        self._png = encode_png(self.canvas)

    def render(self, values: Mapping[str, float]) -> bytes:
        """The diagram for ``values`` as PNG (the last one again if no text changed)."""
        words = self._texts(values)
        if words.keys() != self._live.keys():
            raise ValueError(f"values: expected the quantities the diagram was built with, which show "
                             f"{sorted(self._live)}; these show {sorted(words)}")
        changed = {gid for gid, text in words.items() if self._live[gid].get_text() != text}
        if changed:
            for gid in changed:
                self._live[gid].set_text(words[gid])
            with matplotlib.rc_context(PANEL_RC):
                self._paint(changed)
            self._png = encode_png(self.canvas)
        return self._png

    def _paint(self, changed: set[str]) -> None:
        renderer = self.canvas.get_renderer()
        dirty = [self._boxes[gid] for gid in changed if gid in self._boxes]
        for gid in changed:
            self._boxes[gid] = self._extent(self._live[gid], renderer)
            dirty.append(self._boxes[gid])
        redraw, grew = set(changed), True
        while grew:  # restoring the background under a box wipes any live text it touches
            grew = False
            for gid, box in self._boxes.items():
                if gid not in redraw and any(box.overlaps(d) for d in dirty):
                    redraw.add(gid)
                    dirty.append(box)
                    grew = True
        pixels = np.asarray(self.canvas.buffer_rgba())
        height, width = pixels.shape[:2]
        for box in dirty:
            x0, x1 = max(int(np.floor(box.x0)), 0), min(int(np.ceil(box.x1)), width)
            y0, y1 = max(height - int(np.ceil(box.y1)), 0), min(height - int(np.floor(box.y0)), height)
            if x0 < x1 and y0 < y1:
                pixels[y0:y1, x0:x1] = self._background[y0:y1, x0:x1]
        for gid in sorted(redraw, key=lambda g: self._live[g].get_zorder()):
            self._live[gid].draw(renderer)
        self.texts_redrawn += len(redraw)

    @staticmethod
    def _extent(text: Text, renderer: Any) -> Bbox:
        box = text.get_window_extent(renderer)
        patch = text.get_bbox_patch()
        if patch is not None:
            text.update_bbox_position_size(renderer)
            box = Bbox.union([box, patch.get_window_extent(renderer)])
        return box.padded(_PAD)


# ---------------------------------------------------------------------------------------------
# Section panels: what they compute

@dataclass(frozen=True)
class SectionResult:
    """Everything a section panel shows at one set of settings."""

    section: str
    settings: Mapping[str, float]  # the sliders' values (w1..b2, i1, i2, target_o1, target_o2, eta)
    quantities: Mapping[str, float]  # every value of the worked example (article.quantities)
    steps: Sequence[Step]  # the section's steps at these values
    figure: Mapping[str, float]  # the numbers the section's figure shows
    article_settings: bool  # True when every setting is the article's

    @property
    def differences(self) -> dict[str, tuple[float, float]]:
        """Settings that differ from the article's: name -> (value here, article's value)."""
        return differences(self.settings)


def differences(settings: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    """Settings that differ from the article's: name -> (value, article's value)."""
    return {k: (v, ARTICLE_SETTINGS[k]) for k, v in settings.items() if v != ARTICLE_SETTINGS[k]}


def section_result(section: str, settings: Mapping[str, float]) -> SectionResult:
    """Compute a section at the given settings (any subset of ARTICLE_SETTINGS; the rest: the article's)."""
    if section not in SECTIONS:
        raise ValueError(f"section: expected one of {', '.join(map(repr, SECTIONS))}, got {section!r}")
    unknown = set(settings) - set(ARTICLE_SETTINGS)
    if unknown:
        raise ValueError(f"settings: expected names among {', '.join(ARTICLE_SETTINGS)}, "
                         f"got {sorted(unknown)}")
    s = {**ARTICLE_SETTINGS, **{k: as_real(k, v) for k, v in settings.items()}}
    q = quantities(article_network(**{k: s[k] for k in START}), (s["i1"], s["i2"]),
                   (s["target_o1"], s["target_o2"]), s["eta"])
    sec = SECTIONS[section]
    return SectionResult(section, s, q, sec.compute(q), {k: q[k] for k in FIGURE_KEYS[sec.figure]},
                         at_article_settings(q))


def settings_text(settings: Mapping[str, float], names: Sequence[str]) -> str:
    """``w1 = 0.15, w2 = 0.2, ...`` for the named settings."""
    return ", ".join(f"{n} = {number(settings[n])}" for n in names)


def banner(result: SectionResult, names: Sequence[str]) -> tuple[str, str]:
    """One line (plain, Markdown) saying whether the article's printed values apply."""
    changed = {k: v for k, v in result.differences.items() if k in names}
    if not changed:
        text = ("At the article's settings: every computed value should match the article's (✓), except "
                "where the article itself is off (✗, with the reason beside it).")
        return text, text
    diff = ", ".join(f"{k} = {number(v)} (article: {number(a)})" for k, (v, a) in changed.items())
    return ((f"Settings differ from the article's: {diff}. The article's printed values belong to its "
            f"settings, not these."),
            (f"**⚠ Settings differ from the article's:** {diff}. The article's printed values belong to "
            f"its settings, not these."))


# ---------------------------------------------------------------------------------------------
# The training explorer: one sweep per (order, bias updates), read by lookup

class SweepCache:
    """Learning-rate sweeps of the article's network, computed once per (order, update_biases).

    Each sweep trains one copy of the network per learning rate for ``max_steps`` updates,
    in one vectorised pass (:func:`bp_helpers.training.sweep_learning_rates`), and keeps
    the whole history: any learning rate of the grid and any step count is then a lookup.
    """

    def __init__(self, rates: Sequence[float] = LEARNING_RATES, max_steps: int = 20_000, *,
                 network: Network | None = None, inputs: Any = INPUTS, targets: Any = TARGETS) -> None:
        rates = tuple(as_real(f"rates[{i}]", r) for i, r in enumerate(rates))
        if not rates or any(r <= 0 for r in rates) or list(rates) != sorted(set(rates)):
            raise ValueError(f"rates: expected increasing positive learning rates, got {rates!r}")
        self.rates = rates
        self.max_steps = as_count("max_steps", max_steps, minimum=1)
        self.network = article_network() if network is None else network
        self.inputs, self.targets = inputs, targets
        self._sweeps: dict[tuple[Order, bool], TrainingResult] = {}
        self._lowest: dict[tuple[str, bool], float] = {}
        self.computed = 0  # sweeps computed so far (a slider move must not add one)

    def index(self, rate: float) -> int:
        """Position of ``rate`` in the grid (ValueError if it is not a grid point)."""
        try:
            return self.rates.index(float(rate))
        except ValueError:
            raise ValueError(f"learning_rate: expected one of the grid's rates {self.rates}, "
                             f"got {rate!r}") from None

    def has(self, order: str, update_biases: bool) -> bool:
        """Is this combination's sweep already computed?"""
        return (order, update_biases) in self._sweeps

    def get(self, order: str, update_biases: bool) -> TrainingResult:
        """The sweep for an update order and bias setting (computed on first use)."""
        key = (as_order(order), check_flag("update_biases", update_biases))
        if key not in self._sweeps:
            self._sweeps[key] = sweep_learning_rates(self.network, self.inputs, self.targets, self.rates,
                                                     self.max_steps, order=key[0], update_biases=key[1])
            self.computed += 1
        return self._sweeps[key]

    def lowest(self, order: str, update_biases: bool) -> float:
        """The lowest positive E_total anywhere in a sweep (every rate, every step)."""
        key = (order, update_biases)
        if key not in self._lowest:
            errors = self.get(order, update_biases).errors
            positive = errors[errors > 0]
            self._lowest[key] = float(positive.min()) if positive.size else plots.LOG_FLOOR
        return self._lowest[key]

    def point(self, learning_rate: float, steps: int, order: str, update_biases: bool) -> TrainingPoint:
        """Everything the explorer shows for one setting of its controls."""
        k = self.index(learning_rate)
        steps = as_count("steps", steps)
        if steps > self.max_steps:
            raise ValueError(f"steps: expected at most max_steps = {self.max_steps}, got {steps}")
        sweep = self.get(order, update_biases)
        targets = tuple(float(t) for t in np.asarray(self.targets, dtype=float).reshape(-1))
        return TrainingPoint(
            learning_rate=self.rates[k], steps=steps, order=order, update_biases=update_biases,
            error=float(sweep.errors[steps, k]),
            outputs=tuple(float(o) for o in sweep.output_history[steps, k].reshape(-1)),
            targets=targets, history=sweep.errors[: steps + 1, k], rates=self.rates,
            sweep_errors=sweep.errors[steps],
        )

    def history(self, learning_rate: float, steps: int, order: str, update_biases: bool) -> np.ndarray:
        """E_total before training and after each of ``steps`` updates, for one grid rate."""
        return self.get(order, update_biases).errors[: steps + 1, self.index(learning_rate)]


ORDER_LABELS = {"simultaneous": "all at once", "output_first": "output layer first"}


@dataclass(frozen=True)
class TrainingPoint:
    """The training explorer's numbers for one learning rate, step count, order and bias setting."""

    learning_rate: float
    steps: int
    order: str
    update_biases: bool
    error: float  # E_total after `steps` updates
    outputs: tuple[float, ...]  # out_o1, out_o2 after `steps` updates
    targets: tuple[float, ...]
    history: np.ndarray  # E_total before training and after each update (steps + 1,)
    rates: tuple[float, ...]  # the sweep's learning rates
    sweep_errors: np.ndarray  # E_total after `steps` updates, for every rate of the sweep

    @property
    def best_rate(self) -> float:
        """The grid's learning rate with the lowest E_total after ``steps`` updates."""
        return self.rates[int(np.argmin(self.sweep_errors))]

    def comparisons(self) -> list[tuple[str, float, str, bool, str]]:
        """(name, computed, printed, match, note) for the article's closing figures at this point.

        Only at the article's learning rate without bias updates, after 1, 9,999 or 10,000
        updates. The note names the run that does reproduce a figure when this one does not
        (``article.CLOSING_SOURCES``), and the off-by-one when it does after 9,999 updates.
        """
        if self.learning_rate != LEARNING_RATE or self.update_biases:
            return []
        shown = {1: {"E_total_after_1": self.error}, STEPS - 1: {f"E_total_after_{STEPS}": self.error},
                 STEPS: {f"E_total_after_{STEPS}": self.error, f"out_o1_after_{STEPS}": self.outputs[0],
                         f"out_o2_after_{STEPS}": self.outputs[1]}}.get(self.steps, {})
        rows = []
        for name, value in shown.items():
            printed, (order, steps) = PRINTED_CLOSING[name], CLOSING_SOURCES[name]
            match = matches_printed(value, printed)
            if not match:
                note = (f"known erratum: the article's value is what order '{ORDER_LABELS[order]}' gives "
                        f"after {steps:,} update{'s' * (steps != 1)}")
            elif self.steps != STEPS and name.endswith(f"_{STEPS}"):
                note = f"the article prints it as the value after {STEPS:,} updates: one update short"
            else:
                note = ""
            rows.append((name, value, printed, match, note))
        return rows

    def summary(self) -> str:
        """The numbers in plain text (what a notebook's checked cell prints)."""
        biases = "biases updated" if self.update_biases else "biases fixed (as in the article)"
        lines = [(f"learning rate {number(self.learning_rate)}, {self.steps:,} updates, "
                 f"update order {self.order} ({ORDER_LABELS[self.order]}), {biases}"),
                 f"E_total after {self.steps:,} updates = {number(self.error)}"]
        lines += [f"out_o{j + 1} = {number(o)} (target {number(t)})"
                  for j, (o, t) in enumerate(zip(self.outputs, self.targets))]
        for name, value, printed, match, note in self.comparisons():
            lines.append(f"article: {name} = {printed} {'✓' if match else '✗'} (computed {number(value)}"
                         + (f"; {note})" if note else ")"))
        best = int(np.argmin(self.sweep_errors))
        lines.append(f"lowest E_total after {self.steps:,} updates over the {len(self.rates)} learning rates "
                     f"{number(self.rates[0])}..{number(self.rates[-1])}: "
                     f"{number(float(self.sweep_errors[best]))} "
                     f"at learning rate {number(self.rates[best])}")
        return "\n".join(lines)


def decimate(values: np.ndarray, max_points: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    """(steps, values) of a long history thinned to about ``2 * max_points`` points for drawing.

    Each bucket of consecutive steps keeps its lowest and highest value (and the first and
    last steps are always kept), so an oscillation still shows at full height.
    """
    values = np.asarray(values)
    m = len(values)
    if m <= 2 * max_points:
        return np.arange(m), values
    stride = -(-m // max_points)
    full = m // stride * stride
    starts = np.arange(0, full, stride)
    buckets = values[:full].reshape(-1, stride)
    keep = np.unique(np.concatenate([starts + buckets.argmin(axis=1), starts + buckets.argmax(axis=1),
                                     np.arange(full, m), [0, m - 1]]))
    return keep, values[keep]


def _clear_plot(ax: Any) -> None:
    """Remove what a plots function drew but keep the axes and their ticks.

    ``ax.cla()`` would recreate every tick object, which costs more than the whole plot.
    """
    for artist in [*ax.lines, *ax.texts, *ax.collections, *ax.patches, *ax.images]:
        artist.remove()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.set_autoscale_on(True)
    ax.ignore_existing_data_limits = True
    ax.dataLim.set_points(Bbox.null().get_points())


class TrainingFigure:
    """The training explorer's figure: loss curves, final error over the sweep, outputs vs targets.

    One figure and canvas, redrawn in place with :mod:`bp_helpers.plots` for every change.
    The axes keep fixed ranges (every step count, every error of the sweep), so their frames,
    ticks and grids -- most of the drawing -- are drawn once into a background; a change
    redraws only the curves, markers, texts and legends on top of it.
    """

    def __init__(self, *, dpi: float = 72) -> None:
        self.figure = Figure(figsize=(11.0, 7.0), dpi=as_real("dpi", dpi))
        top = self.figure.add_gridspec(1, 2, left=0.07, right=0.98, top=0.94, bottom=0.43, wspace=0.25)
        bottom = self.figure.add_gridspec(1, 1, left=0.07, right=0.84, top=0.26, bottom=0.08)
        self.axes = {"loss": self.figure.add_subplot(top[0, 0]), "sweep": self.figure.add_subplot(top[0, 1]),
                     "outputs": self.figure.add_subplot(bottom[0, 0])}
        self.canvas = FigureCanvasAgg(self.figure)
        self._frames: Any = None  # what the background shows
        self._background: np.ndarray | None = None
        self.full_redraws = 0

    def render(self, point: TrainingPoint, others: Mapping[float, np.ndarray], *, max_steps: int,
               lowest_error: float, full: bool = False) -> bytes:
        """Draw ``point`` (and the loss curves of the ``others`` learning rates) and return PNG.

        ``max_steps`` and ``lowest_error`` fix the axes' ranges (the longest run, the lowest
        E_total anywhere in the sweep), so moving a slider never rescales an axis.
        """
        with matplotlib.rc_context(PANEL_RC):
            self._draw(point, others, max_steps, lowest_error, full)
        return encode_png(self.canvas)

    def _draw(self, point: TrainingPoint, others: Mapping[float, np.ndarray], max_steps: int,
              lowest_error: float, full: bool) -> None:
        label = lambda r: f"η = {r:g}"
        histories = {label(point.learning_rate) + " (current)": point.history}
        histories.update({label(r): h for r, h in others.items() if r != point.learning_rate})
        after = f"after {point.steps:,} updates"
        low = 10.0 ** np.floor(np.log10(max(lowest_error, plots.LOG_FLOOR)))
        for ax in self.axes.values():
            _clear_plot(ax)
        ax = self.axes["loss"]
        plots.plot_loss_curve(histories, marks={after: (point.steps, point.error)}, ax=ax)
        for line in ax.lines:  # 20,001 points per curve draw no better than 2,000
            if (line.get_gid() or "").startswith("history:"):
                line.set_data(*decimate(np.asarray(line.get_ydata())))
        ax.set_xlim(-0.02 * max_steps, 1.02 * max_steps)
        ax.set_ylim(low, 1.0)
        ax.set_title(r"$E_{total}$ during training", fontsize=plots.FONT + 1, y=1.0)
        ax = self.axes["sweep"]
        plots.plot_sweep(point.rates, point.sweep_errors, current=point.learning_rate, ax=ax)
        ax.set_xlim(point.rates[0] / 1.4, point.rates[-1] * 1.4)
        ax.set_ylim(low, 1.0)
        ax.set_title(f"{after}, for each learning rate", fontsize=plots.FONT + 1, y=1.0)
        ax = self.axes["outputs"]
        plots.plot_outputs(point.outputs, point.targets, ax=ax)
        ax.set_title(f"outputs {after}", fontsize=plots.FONT + 1, y=1.0)
        for key, ax in self.axes.items():
            for axis in (ax.xaxis, ax.yaxis):
                if axis.get_scale() == "log":  # minor ticks on a 20-decade axis: clutter, and slow
                    axis.set_minor_locator(NullLocator())
            legend = ax.get_legend()
            if legend is not None and key != "outputs":
                legend.set_loc("lower left")  # the curves fall from the top left: always free
        self._paint(full)

    def _dynamic(self, ax: Any) -> list[Any]:
        legend = ax.get_legend()
        return [*ax.lines, *ax.collections, *ax.patches, *ax.texts, ax.title,
                *([legend] if legend is not None else [])]

    def _paint(self, full: bool) -> None:
        frames = tuple(
            (ax.get_position().bounds, ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale(),
             ax.get_xlabel(), ax.get_ylabel(), tuple(ax.get_xticks()), tuple(ax.get_yticks()),
             tuple(t.get_text() for t in ax.get_yticklabels()) if key == "outputs" else ())
            for key, ax in self.axes.items())
        dynamic = [a for ax in self.axes.values() for a in self._dynamic(ax)]
        if full or frames != self._frames or self._background is None:
            visible = [a.get_visible() for a in dynamic]
            for a in dynamic:
                a.set_visible(False)
            try:
                self.canvas.draw()
            finally:
                for a, v in zip(dynamic, visible):
                    a.set_visible(v)
            self._background = np.asarray(self.canvas.buffer_rgba()).copy()
            self._frames = frames
            self.full_redraws += 1
        else:
            np.asarray(self.canvas.buffer_rgba())[...] = self._background
        renderer = self.canvas.get_renderer()
        for ax in self.axes.values():
            for artist in sorted(self._dynamic(ax), key=lambda a: a.get_zorder()):
                if artist.get_visible():
                    artist.draw(renderer)
