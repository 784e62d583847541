"""Slider panels for the notebooks: change a setting and watch every quantity follow.

* :class:`SectionPanel` — one per section of the worked example (``"forward"``, ``"error"``,
  ``"output"``, ``"hidden"``, ``"update"``): sliders for w1..w8, b1, b2, the inputs, the
  targets and (where the section uses it) the learning rate; it shows the section's figure,
  its steps with the numbers substituted, and the comparison with the article's values.
* :class:`TrainingExplorer` — notebook 5: learning rate, number of updates, update order
  and bias updates; the loss curve, several learning rates compared, the final outputs
  against the targets and the final error over a whole sweep of learning rates.

Both re-render on every change by replacing their ``out`` Output's content through its
model (no ``with out:``), so a test can set ``panel.controls["w5"].value = 0.9`` and read
``panel.last`` and ``panel.out.outputs`` without a browser or a kernel, and nothing leaks
into the notebook cell's own output. ``panel.summary()`` (also ``print(panel)``) is the
plain text of what the panel computed, for the checked cell that follows it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import ipywidgets as w

from .article import LEARNING_RATE, STEPS
from .display import StepsView
from .panels import (ARTICLE_SETTINGS, LEARNING_RATES, ORDER_LABELS, LiveFigure,
                     SectionResult, SweepCache, TrainingFigure, TrainingPoint, banner, diagram,
                     png_output, section_result, settings_text, text_output)
from .steps import SECTIONS
from .training import ORDERS
from .validation import as_count, as_real, check_choice

__all__ = ["LEARNING_RATES", "Panel", "SectionPanel", "TrainingExplorer"]

_STYLE = {"description_width": "4.6em"}


def _rate_slider(value: float, rates: Sequence[float], description: str = "η",
                 style: Mapping[str, str] = _STYLE) -> w.SelectionSlider:
    """A log-scaled learning-rate slider whose positions are exactly the grid's rates."""
    return w.SelectionSlider(options=[(f"{r:g}", r) for r in rates], value=value, description=description,
                             continuous_update=True, layout=w.Layout(width="auto"), style=dict(style))


@contextmanager
def _collection_deferred() -> Iterator[None]:
    """No cyclic garbage collection during a render.

    A redraw makes and drops thousands of matplotlib objects, which sets off a dozen
    collections mid-render (a tenth of the time, and the slow tail when one of them is a
    full collection). Deferred, they run after the answer is on its way. Collection is
    switched back on only if it was on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Panel:
    """Named controls, a reset button, an Output and the last computed result.

    Subclasses declare their controls and implement ``_compute(settings) -> result`` and
    ``_render(result) -> outputs``; every control change recomputes and re-renders once.
    """

    title = ""

    def __init__(self, controls: Mapping[str, w.ValueWidget], initial: Mapping[str, Any]) -> None:
        self.controls: dict[str, w.ValueWidget] = dict(controls)
        self._initial = dict(initial)
        self.out = w.Output()
        self.reset_button = w.Button(description="Reset to the article", icon="undo",
                                     tooltip="Put every control back to the article's value",
                                     layout=w.Layout(width="auto"))
        self.reset_button.on_click(lambda _: self.reset())
        self.last: Any = None
        self.renders = 0  # how many times the panel re-rendered (tests count them)
        # ipykernel may deliver a button click and a slider message on different threads
        # at once: one render at a time, each from the controls' latest values.
        self._lock = threading.RLock()
        self._holder: int | None = None  # the thread inside hold(), if any
        self._shown: Any = None  # the normalised settings behind what is shown
        for control in self.controls.values():
            control.observe(self._changed, names="value")

    @property
    def sliders(self) -> dict[str, w.ValueWidget]:
        """The controls by name (an alias of ``controls``)."""
        return self.controls

    @property
    def settings(self) -> dict[str, Any]:
        """Every control's current value by name."""
        return {name: c.value for name, c in self.controls.items()}

    def bounds(self, name: str) -> tuple[Any, Any]:
        """The smallest and largest value a control offers."""
        control = self.controls[name]
        if isinstance(control, w.SelectionSlider):
            return control.options[0][1], control.options[-1][1]
        if hasattr(control, "min"):
            return control.min, control.max
        raise ValueError(f"name: {name!r} is not a slider")

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Change several controls with a single re-render at the end."""
        with self._lock:
            outer, self._holder = self._holder, threading.get_ident()
            try:
                yield
            finally:
                self._holder = outer
            if outer is None:
                self.refresh()

    def set(self, **values: Any) -> None:
        """Set several controls by name, then re-render once: ``panel.set(w5=0.9, eta=2)``."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(f"values: expected names among {', '.join(self.controls)}, "
                             f"got {sorted(unknown)}")
        with self.hold():
            for name, value in values.items():
                self.controls[name].value = value

    def reset(self) -> None:
        """Every control back to its starting value (the article's)."""
        self.set(**self._initial)

    def refresh(self, *, force: bool = False) -> None:
        """Recompute at the current settings and re-render (if anything shown would change)."""
        with self._lock:
            settings = self._normalise(self.settings)
            if settings == self._shown and not force:
                return  # e.g. a slider sending back 0.15000000000000036 for the 0.15 it shows
            try:
                with _collection_deferred():
                    result = self._compute(settings)
                    outputs = self._render(result)
            except Exception as exc:  # show it where the reader looks, then let it propagate
                self.out.outputs = (text_output(f"The panel could not update: {type(exc).__name__}: {exc}"),)
                raise
            self.last, self._shown = result, settings
            self.out.outputs = tuple(outputs)
            self.renders += 1

    def _changed(self, change: Mapping[str, Any]) -> None:
        if self._holder != threading.get_ident():  # inside hold(), its end re-renders
            self.refresh()

    def _normalise(self, settings: Mapping[str, Any]) -> dict[str, Any]:
        """The settings as computed: a float slider's value is read as the number it shows."""
        return {k: round(v, 12) if isinstance(v, float) else v for k, v in settings.items()}

    def _compute(self, settings: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def _render(self, result: Any) -> Sequence[dict[str, Any]]:
        raise NotImplementedError

    def summary(self) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.summary()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = self.widget._repr_mimebundle_(**kwargs)
        data["text/plain"] = (f"{type(self).__name__}: {self.title} (interactive: run the notebook to use "
                              f"its sliders)")
        return data

    widget: w.Widget  # set by subclasses: what the notebook displays

    def _assemble(self, heading: w.Widget, grid: w.Widget) -> w.VBox:
        """Heading and reset button, the controls, then the output: the panel as displayed."""
        top = w.HBox([heading, self.reset_button],
                     layout=w.Layout(justify_content="space-between", align_items="center"))
        box = w.VBox([top, grid, self.out])
        box.add_class("bp-panel")  # how the browser tests find every panel
        return box


class SectionPanel(Panel):
    """Sliders for every setting of the worked example, driving one section's steps and figure.

    ``SectionPanel("output")`` starts at the article's settings; keyword arguments start it
    elsewhere, e.g. ``SectionPanel("output", w5=0.9)`` (the reset button still returns to
    the article's). ``last`` is a :class:`bp_helpers.panels.SectionResult`.
    """

    WEIGHT_RANGE = (-5.0, 5.0)
    UNIT_RANGE = (0.0, 1.0)
    # Three columns: the hidden layer's parameters, the output layer's, the data and eta.
    COLUMNS = (("w1", "w2", "w3", "w4", "b1"), ("w5", "w6", "w7", "w8", "b2"),
               ("i1", "i2", "target_o1", "target_o2", "eta"))
    # Label widths per column: short names leave the slider track room; "target o1" must show whole.
    PARAMETER_STYLE, DATA_STYLE = {"description_width": "2.2em"}, {"description_width": "5.4em"}

    def __init__(self, section: str, *, dpi: float = 72, **settings: float) -> None:
        if not isinstance(section, str) or section not in SECTIONS:
            raise ValueError(f"section: expected one of {', '.join(map(repr, SECTIONS))}, got {section!r}")
        self.section = SECTIONS[section]
        self.title = self.section.title
        uses_eta = any("<eta>" in tex for _, tex, _ in self.section.steps)
        self.names = tuple(n for col in self.COLUMNS for n in col if n != "eta" or uses_eta)
        unknown = set(settings) - set(self.names)
        if unknown:
            raise ValueError(f"settings: section {section!r} has sliders {', '.join(self.names)}, "
                             f"got {sorted(unknown)}")
        controls = {name: self._slider(name, settings.get(name, ARTICLE_SETTINGS[name]))
                    for name in self.names}
        super().__init__(controls, {n: ARTICLE_SETTINGS[n] for n in self.names})
        first = self._compute(self._normalise(self.settings))
        self.figure = LiveFigure(*diagram(self.section), first.quantities, dpi=dpi)
        heading = w.HTML(f"<b>{self.title}</b> — move any slider; every number below follows.")
        grid = w.GridBox([c for col in self.COLUMNS for n in col if n in controls for c in [controls[n]]],
                         layout=w.Layout(grid_template_columns="repeat(3, minmax(14em, 19em))",
                                         grid_template_rows=f"repeat({len(self.COLUMNS[0])}, auto)",
                                         grid_auto_flow="column", grid_gap="0 1.2em"))
        self.widget = self._assemble(heading, grid)
        self.refresh()

    def _slider(self, name: str, value: float) -> w.ValueWidget:
        if name == "eta":
            value = as_real(name, value)
            if value not in LEARNING_RATES:
                raise ValueError(f"eta: expected one of the slider's rates {LEARNING_RATES}, got {value!r}")
            return _rate_slider(value, LEARNING_RATES, style=self.DATA_STYLE)
        lo, hi = self.WEIGHT_RANGE if name[0] in "wb" else self.UNIT_RANGE
        value = as_real(name, value)
        if not lo <= value <= hi:
            raise ValueError(f"{name}: expected a value in [{lo}, {hi}], got {value!r}")
        label = name.replace("target_", "target ")
        return w.FloatSlider(value=value, min=lo, max=hi, step=0.01, readout_format=".2f", description=label,
                             continuous_update=True, layout=w.Layout(width="auto"),
                             style=dict(self.PARAMETER_STYLE if name[0] in "wb" else self.DATA_STYLE))

    def _compute(self, settings: Mapping[str, Any]) -> SectionResult:
        return section_result(self.section.key, settings)

    def _render(self, result: SectionResult) -> list[dict[str, Any]]:
        plain, markdown = banner(result, self.names)
        png = self.figure.render(result.quantities)
        view = StepsView(result.steps)
        width, height = self.figure.canvas.get_width_height()
        return [text_output(plain, markdown),
                png_output(png, f"<{self.section.figure} figure, {width}x{height} px>"),
                text_output(repr(view), view._repr_markdown_())]

    def summary(self) -> str:
        """What the panel computed at its current settings, in plain text."""
        r = self.last
        state = "at the article's settings" if r.article_settings else "settings differ from the article's"
        return "\n".join([f"{self.title} ({self.section.key!r} panel), {state}",
                          "settings: " + settings_text(r.settings, self.names),
                          repr(StepsView(r.steps)),
                          f"figure {self.section.figure}: " + settings_text(r.figure, list(r.figure))])


class TrainingExplorer(Panel):
    """Train the article's network: learning rate, number of updates, update order, bias updates.

    One vectorised sweep over the learning-rate grid (``rates``) for ``max_steps`` updates is
    computed per (order, bias updates) and cached; the learning-rate slider's positions are the
    grid's rates and the steps slider reads a prefix of the stored history, so moving either
    is a lookup. ``compare`` are the rates drawn together on the loss curve. ``last`` is a
    :class:`bp_helpers.panels.TrainingPoint`.
    """

    title = "Training explorer"

    def __init__(self, *, max_steps: int = 20_000, steps: int | None = None,
                 learning_rate: float = LEARNING_RATE, order: str = "simultaneous",
                 update_biases: bool = False, rates: Sequence[float] = LEARNING_RATES,
                 compare: Sequence[float] = (0.1, 0.5, 2.0, 8.0), dpi: float = 72) -> None:
        self.cache = SweepCache(rates, max_steps)
        steps = min(STEPS, self.cache.max_steps) if steps is None else as_count("steps", steps)
        if steps > self.cache.max_steps:
            raise ValueError(f"steps: expected at most max_steps = {self.cache.max_steps}, got {steps}")
        self.cache.index(learning_rate)
        off_grid = [r for r in compare if r not in self.cache.rates]
        if off_grid:
            raise ValueError(f"compare: expected rates of the grid {self.cache.rates}, got {off_grid}")
        self.compare = tuple(float(r) for r in compare)
        check_choice("order", order, ORDERS)
        if not isinstance(update_biases, bool):
            raise TypeError(f"update_biases: expected True or False, got {update_biases!r}")
        controls = {
            "eta": _rate_slider(float(learning_rate), self.cache.rates, "η"),
            "steps": w.IntSlider(value=steps, min=0, max=self.cache.max_steps, description="updates",
                                 readout_format=",d", continuous_update=True, layout=w.Layout(width="auto"), style=_STYLE),
            "order": w.ToggleButtons(options=[(ORDER_LABELS[o], o) for o in ORDERS], value=order,
                                     description="order", style={"description_width": "4.6em",
                                                                 "button_width": "11em"}),
            "update_biases": w.Checkbox(value=update_biases, description="update biases too", indent=False),
        }
        defaults = {"eta": LEARNING_RATE if LEARNING_RATE in self.cache.rates else float(learning_rate),
                    "steps": min(STEPS, self.cache.max_steps), "order": "simultaneous",
                    "update_biases": False}
        super().__init__(controls, defaults)
        self.figure = TrainingFigure(dpi=dpi)
        heading = w.HTML(f"<b>{self.title}</b> — {len(self.cache.rates)} learning rates trained for "
                         f"{self.cache.max_steps:,} updates in one vectorised pass; every move is a lookup.")
        grid = w.GridBox(list(controls.values()),
                         layout=w.Layout(grid_template_columns="repeat(2, minmax(18em, 28em))",
                                         grid_gap="0 1.2em", align_items="center"))
        self.widget = self._assemble(heading, grid)
        self.refresh()

    def _compute(self, settings: Mapping[str, Any]) -> TrainingPoint:
        order, biases = settings["order"], bool(settings["update_biases"])
        if not self.cache.has(order, biases):  # a few seconds, once per combination: say so
            self.out.outputs = (text_output(
                f"Training {len(self.cache.rates)} learning rates for {self.cache.max_steps:,} updates "
                f"(order: {ORDER_LABELS[order]}, biases {'updated' if biases else 'fixed'})…"),)
        return self.cache.point(float(settings["eta"]), int(settings["steps"]), order, biases)

    def _render(self, p: TrainingPoint) -> list[dict[str, Any]]:
        others = {r: self.cache.history(r, p.steps, p.order, p.update_biases) for r in self.compare}
        png = self.figure.render(p, others, max_steps=self.cache.max_steps,
                                 lowest_error=self.cache.lowest(p.order, p.update_biases))
        width, height = self.figure.canvas.get_width_height()
        text = p.summary()
        return [text_output(text, text.replace("\n", "<br>\n")),
                png_output(png, f"<training figure, {width}x{height} px>")]

    def summary(self) -> str:
        """What the explorer computed at its current settings, in plain text."""
        return f"{self.title}\n{self.last.summary()}"

