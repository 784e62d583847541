"""Slider panels for the notebooks: change a setting and watch every quantity follow.

* :class:`SectionPanel` — one per section of the worked example (``"forward"``, ``"error"``,
  ``"output"``, ``"hidden"``, ``"update"``): sliders for w1..w8, b1, b2, the inputs, the
  targets and (where the section uses it) the learning rate; its figure shows every number
  the sliders change, then a few key equations and a table of every step.
* :class:`TrainingExplorer` — notebook 05: learning rate, number of updates, update order and
  bias updates; the error over the updates, over the learning rates, and the outputs.

What a panel computes and says comes from :mod:`bp_helpers.sections` and
:mod:`bp_helpers.explorer`; figures from :mod:`bp_helpers.diagrams` and :mod:`bp_helpers.plots`
through :mod:`bp_helpers.rendering`. This module only lays out ipywidgets and keeps them in
step: each part of a panel is its own view (a figure never waits for the equations to be
typeset), and views are replaced through their models (no ``with out:``), so a test can set
``panel.controls["w5"].value = 0.9`` and read ``panel.last`` without a browser or a kernel.
"""

from __future__ import annotations

import contextvars
import html
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import ipywidgets as w
from matplotlib.figure import Figure

from . import sections, verdicts
from .article import ARTICLE_SETTINGS, LEARNING_RATE, STEPS
from .display import StepsView, SummaryTable
from .explorer import LEARNING_RATES, SweepCache, TrainingPoint, decimate
from .plots import ExplorerFigure
from .rendering import LiveSVG, image_output
from .steps import SECTIONS
from .training import ORDERS, as_order
from .validation import as_count, as_real, check_flag

__all__ = ["LEARNING_RATES", "Panel", "SectionPanel", "TrainingExplorer"]


def _text_output(plain: str, markdown: str | None = None) -> dict[str, Any]:
    data = {"text/plain": plain} if markdown is None else {"text/plain": plain, "text/markdown": markdown}
    return {"output_type": "display_data", "data": data, "metadata": {}}


# ipywidgets gives every readout 72 px, far more than "-5.00" or "10,000" needs; in a narrow
# column that room is the slider's track. Scoped to the panels, so nothing else changes.
PANEL_CSS = "<style>.bp-panel .widget-readout { width: 4.2em; min-width: 4.2em; }</style>"


def _figure_view(width_px: int) -> w.Image:
    """Where a panel shows its SVG: at its natural width, narrower when the column is."""
    view = w.Image(format="svg+xml", layout=w.Layout(width=f"{width_px}px", max_width="100%", height="auto", margin="2px 0"))
    view.add_class("bp-figure")
    return view


def _rate_slider(value: float, rates: Sequence[float], description: str = "η", width: str = "2.2em"
                 ) -> w.SelectionSlider:
    """A log-scaled learning-rate slider whose positions are exactly the grid's rates."""
    return w.SelectionSlider(options=[(f"{r:g}", r) for r in rates], value=value, description=description,
                             continuous_update=True, layout=w.Layout(width="auto", height="26px", margin="1px 2px"),
                             style={"description_width": width})


# Every setting of the worked example has a slider: weights and biases over [-5, 5], the
# inputs and targets over [0, 1], the learning rate over the explorer's grid of rates.
WEIGHT_RANGE = (-5.0, 5.0)
UNIT_RANGE = (0.0, 1.0)
# Three groups: the hidden layer's parameters, the output layer's, the data and eta. They
# sit side by side when the column is wide and wrap below each other when it is not.
SETTING_GROUPS = (("hidden layer", ("w1", "w2", "w3", "w4", "b1")),
                  ("output layer", ("w5", "w6", "w7", "w8", "b2")),
                  ("data and learning rate", ("i1", "i2", "target_o1", "target_o2", "eta")))


def setting_slider(name: str, value: float) -> w.ValueWidget:
    """The slider of one setting of the worked example (a name of ``article.ARTICLE_SETTINGS``)."""
    if name == "eta":
        value = as_real(name, value)
        if value not in LEARNING_RATES:
            raise ValueError(f"eta: expected one of the slider's rates {LEARNING_RATES}, got {value!r}")
        return _rate_slider(value, LEARNING_RATES, width="5.2em")
    lo, hi = WEIGHT_RANGE if name[0] in "wb" else UNIT_RANGE
    value = as_real(name, value)
    if not lo <= value <= hi:
        raise ValueError(f"{name}: expected a value in [{lo}, {hi}], got {value!r}")
    data = name[0] not in "wb"  # the data group's labels are longer: "target o1"
    return w.FloatSlider(value=value, min=lo, max=hi, step=0.01, readout_format=".2f",
                         description=name.replace("_", " "), continuous_update=True,
                         layout=w.Layout(width="auto", height="26px", margin="1px 2px"),
                         style={"description_width": "5.2em" if data else "2.2em"})


def setting_groups(controls: Mapping[str, w.Widget]) -> w.HBox:
    """The setting sliders among ``controls`` in their three captioned groups, wrapping when narrow."""
    groups = [w.VBox([w.HTML(f"<b>{caption}</b>"), *(controls[n] for n in group if n in controls)],
                     layout=w.Layout(flex="1 1 13em", min_width="12em", margin="0 0.6em 0.2em 0"))
              for caption, group in SETTING_GROUPS]
    return w.HBox(groups, layout=w.Layout(flex_flow="row wrap"))


class Panel:
    """Named controls, a reset button, views and the last computed result.

    Subclasses declare their controls and implement ``_compute(settings) -> result`` and
    ``_show(result)``, which updates the views; every control change recomputes and shows once.
    """

    title = ""

    def __init__(self, controls: Mapping[str, w.ValueWidget], initial: Mapping[str, Any]) -> None:
        self.controls: dict[str, w.ValueWidget] = dict(controls)
        self._initial = dict(initial)
        self.reset_button = w.Button(description="Reset to the article", icon="undo",
                                     tooltip="Put every control back to the article's value",
                                     layout=w.Layout(width="auto", flex="0 0 auto"))
        self.reset_button.on_click(lambda _: self.reset())
        self.last: Any = None
        self.renders = 0  # how many times the panel re-rendered (tests count them)
        # ipykernel may deliver a button click and a slider message on different threads
        # at once: one render at a time, each from the controls' latest values.
        self._lock = threading.RLock()
        self._holder: int | None = None  # the thread inside hold(), if any
        self._shown: Any = None  # the normalised settings behind what is shown
        self._later: threading.Timer | None = None  # a view shown a moment after the others
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
            raise ValueError(f"values: expected names among {', '.join(self.controls)}, got {sorted(unknown)}")
        with self.hold():
            for name, value in values.items():
                self.controls[name].value = value

    def reset(self) -> None:
        """Every control back to its starting value (the article's)."""
        self.set(**self._initial)

    def refresh(self, *, force: bool = False) -> None:
        """Recompute at the current settings and show it (if anything shown would change)."""
        with self._lock:
            settings = self._normalise(self.settings)
            if settings == self._shown and not force:
                return  # e.g. a slider sending back 0.15000000000000036 for the 0.15 it shows
            try:
                result = self._compute(settings)
                self._show(result)
            except Exception as exc:  # show it where the reader looks, then let it propagate
                self._failed(f"The panel could not update: {type(exc).__name__}: {exc}")
                raise
            self.last, self._shown = result, settings
            self.renders += 1

    # Typesetting equations blocks the browser for tens of milliseconds; sent with the figure,
    # they would hold the figure back too. So they follow a moment later, and only the latest
    # when moves come faster than that.
    LATER_S = 0.04

    def _typeset_later(self, view: w.Output, plain: str, markdown: str) -> None:
        """Show ``markdown`` (with its ``plain`` twin) in ``view`` after LATER_S, cancelling a
        replacement not yet shown."""
        output = _text_output(plain, markdown)

        def run() -> None:
            with self._lock:
                view.outputs = (output,)
        if self._later is not None:
            self._later.cancel()
        # Run in a copy of this request's context: ipykernel reads the parent request from it, so
        # the update is attributed to the move that caused it (a bare thread gets whichever request
        # the kernel saw last, e.g. another widget's message or a cell running meanwhile).
        self._later = threading.Timer(self.LATER_S, contextvars.copy_context().run, args=(run,))
        self._later.daemon = True
        self._later.start()

    def settle(self) -> None:
        """Wait until every view shows the last computed result (tests call this)."""
        later = self._later
        if later is not None:
            later.join()

    def _changed(self, change: Mapping[str, Any]) -> None:
        if self._holder != threading.get_ident():  # inside hold(), its end re-renders
            self.refresh()

    def _normalise(self, settings: Mapping[str, Any]) -> dict[str, Any]:
        """The settings as computed: a float slider's value is read as the number it shows."""
        return {k: round(v, 12) if isinstance(v, float) else v for k, v in settings.items()}

    def _compute(self, settings: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def _show(self, result: Any) -> None:
        raise NotImplementedError

    def _failed(self, message: str) -> None:
        raise NotImplementedError

    def summary(self) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.summary()

    widget: w.Widget  # set by subclasses: what the notebook displays

    def printed_figure(self) -> Figure | None:
        """The panel's figure at its starting settings, for a reader without a kernel (a handout,
        a notebook viewer); None where a panel has none to offer."""
        return None

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | tuple[dict[str, Any], dict[str, Any]]:
        data = self.widget._repr_mimebundle_(**kwargs)
        data["text/plain"] = f"{type(self).__name__}: {self.title} (interactive: run the notebook to use its sliders)"
        figure = self.printed_figure()
        if figure is None:
            return data
        # where no widget can be shown (nbconvert, a viewer), the starting figure stands in for the panel
        printed = image_output(figure, data["text/plain"])
        return {**data, "image/png": printed["data"]["image/png"]}, printed["metadata"]

    def _draw_once(self, diagram: sections.Diagram, values: Mapping[str, float]) -> None:
        """Draw ``diagram`` at ``values`` once, as the SVG whose live texts every move replaces,
        and the view that shows it."""
        self.figure = LiveSVG(diagram.draw(values), diagram.texts(values))
        self.figure_view = _figure_view(self.figure.width_px)

    def _heading(self, text: str) -> w.Box:
        """The panel's title and its reset button; they wrap onto two lines when narrow."""
        return w.HBox([w.HTML(PANEL_CSS + text, layout=w.Layout(flex="1 1 16em")), self.reset_button],
                      layout=w.Layout(flex_flow="row wrap", justify_content="space-between", align_items="center"))

    def _assemble(self, *parts: w.Widget) -> w.VBox:
        box = w.VBox(list(parts), layout=w.Layout(min_width="0"))
        box.add_class("bp-panel")  # how the browser tests find every panel
        return box


class SectionPanel(Panel):
    """Sliders for every setting of the worked example, driving one section's figure and steps.

    ``SectionPanel("output")`` starts at the article's settings; keyword arguments start it
    elsewhere, e.g. ``SectionPanel("output", w5=0.9)`` (the reset button still returns to
    the article's). ``last`` is a :class:`bp_helpers.sections.SectionResult`.
    """

    GROUPS = SETTING_GROUPS

    def __init__(self, section: str, **settings: float) -> None:
        if not isinstance(section, str) or section not in SECTIONS:
            raise ValueError(f"section: expected one of {', '.join(map(repr, SECTIONS))}, got {section!r}")
        self.section = SECTIONS[section]
        self.title = self.section.title
        uses_eta = any("<eta>" in tex for _, tex, _ in self.section.steps)
        self.names = tuple(n for _, group in self.GROUPS for n in group if n != "eta" or uses_eta)
        unknown = set(settings) - set(self.names)
        if unknown:
            raise ValueError(f"settings: section {section!r} has sliders {', '.join(self.names)}, "
                             f"got {sorted(unknown)}")
        controls = {name: setting_slider(name, settings.get(name, ARTICLE_SETTINGS[name])) for name in self.names}
        super().__init__(controls, {n: ARTICLE_SETTINGS[n] for n in self.names})
        self.diagram = sections.diagram(section)
        first = self._compute(self._normalise(self.settings))
        self._draw_once(self.diagram, first.quantities)
        self.banner = w.HTML()
        self.equations = w.Output()
        self.table = w.HTML()
        self.widget = self._assemble(
            self._heading(f"<b>{self.title}</b> — move any slider; every number below follows."),
            setting_groups(controls),
            self.banner, self.figure_view, self.equations, self.table)
        self.refresh()

    def _compute(self, settings: Mapping[str, Any]) -> sections.SectionResult:
        return sections.section_result(self.section.key, settings)

    def printed_figure(self) -> Figure:
        """The section's figure at the panel's starting settings."""
        return self.diagram.draw(self._compute(self._normalise(self._initial)).quantities)

    def _show(self, result: sections.SectionResult) -> None:
        self.banner.value = html.escape(sections.banner(result, self.names), quote=False)
        self.figure_view.value = self.figure.render(self.diagram.texts(result.quantities)).encode()
        self.table.value = SummaryTable(result.steps)._repr_html_()
        view = StepsView(result.key_steps())
        self._typeset_later(self.equations, repr(view), view._repr_markdown_())

    def _failed(self, message: str) -> None:
        self.banner.value = html.escape(message, quote=False)

    def starting_point(self) -> str:
        """The panel's key values at the article's settings, beside the article's numbers."""
        return sections.starting_point(self.section.key)

    def summary(self) -> str:
        """What the panel computed at its current settings, in plain text."""
        r = self.last
        state = "at the article's settings" if r.article_settings else "settings differ from the article's"
        return "\n".join([f"{self.title} ({self.section.key!r} panel), {state}", repr(StepsView(r.steps))])


class TrainingExplorer(Panel):
    """Train the article's network: learning rate, number of updates, update order, bias updates.

    One vectorised sweep over the learning-rate grid (``rates``) for ``max_steps`` updates is
    computed per (order, bias updates) and cached; the first on construction, the others on a
    background thread right after, so a toggle finds them ready. The learning-rate slider's
    positions are the grid's rates and the updates slider reads a prefix of the stored
    history, so a move is a lookup. ``compare`` are the rates drawn beside the current one.
    ``last`` is a :class:`bp_helpers.explorer.TrainingPoint`.
    """

    title = "Training explorer"

    def __init__(self, *, max_steps: int = 20_000, steps: int | None = None, learning_rate: float = LEARNING_RATE,
                 order: str = "simultaneous", update_biases: bool = False, rates: Sequence[float] = LEARNING_RATES,
                 compare: Sequence[float] = (0.1, 2.0, 8.0), background: bool = True) -> None:
        self.cache = SweepCache(rates, max_steps)
        steps = min(STEPS, self.cache.max_steps) if steps is None else as_count("steps", steps)
        if steps > self.cache.max_steps:
            raise ValueError(f"steps: expected at most max_steps = {self.cache.max_steps}, got {steps}")
        self.cache.index(learning_rate)
        off_grid = [r for r in compare if r not in self.cache.rates]
        if off_grid:
            raise ValueError(f"compare: expected rates of the grid {self.cache.rates}, got {off_grid}")
        self.compare = tuple(float(r) for r in compare)
        order = as_order(order)
        check_flag("update_biases", update_biases)
        check_flag("background", background)
        controls = {
            "eta": _rate_slider(float(learning_rate), self.cache.rates, width="4.6em"),
            "steps": w.IntSlider(value=steps, min=0, max=self.cache.max_steps, description="updates",
                                 readout_format=",d", continuous_update=True, layout=w.Layout(width="auto"),
                                 style={"description_width": "4.6em"}),
            "order": w.ToggleButtons(options=[(verdicts.ORDER_LABELS[o], o) for o in ORDERS], value=order,
                                     description="order", tooltips=[("every gradient from the weights the forward "
                                                                    "pass used (the article's text)"),
                                                                    ("output layer moved before the hidden deltas "
                                                                    "(the article's closing figures)")],
                                     style={"description_width": "4.6em", "button_width": "11em"}),
            "update_biases": w.Checkbox(value=update_biases, description="update biases too", indent=False),
        }
        defaults = {"eta": LEARNING_RATE if LEARNING_RATE in self.cache.rates else float(learning_rate),
                    "steps": min(STEPS, self.cache.max_steps), "order": "simultaneous", "update_biases": False}
        super().__init__(controls, defaults)
        self.fewer = w.Button(description="−1", tooltip="one update fewer", layout=w.Layout(width="3.2em"))
        self.more = w.Button(description="+1", tooltip="one update more", layout=w.Layout(width="3.2em"))
        self.fewer.on_click(lambda _: self._step(-1))
        self.more.on_click(lambda _: self._step(+1))
        self.plot = ExplorerFigure(self.cache.rates, self.cache.max_steps, self.cache.lowest(order, update_biases),
                                   self.compare)
        self.figure_view = _figure_view(round(self.plot.SIZE[0] * 96))
        self.text = w.HTML(layout=w.Layout(min_height="12.5em"))
        controls["eta"].layout.flex = controls["steps"].layout.flex = "1 1 auto"  # sliders take the row's width
        rows = w.VBox([w.HBox([controls["eta"]]),
                       w.HBox([controls["steps"], self.fewer, self.more], layout=w.Layout(align_items="center")),
                       w.HBox([controls["order"], controls["update_biases"]],
                              layout=w.Layout(flex_flow="row wrap", align_items="center"))])
        self.widget = self._assemble(
            self._heading(f"<b>{self.title}</b> — −1 and +1 (or the arrow keys on a focused slider) step "
                          f"one update."),
            rows, self.figure_view, self.text)
        self.refresh()
        if background:
            self.cache.prepare()

    def _step(self, delta: int) -> None:
        slider = self.controls["steps"]
        slider.value = min(max(slider.value + delta, slider.min), slider.max)

    def _compute(self, settings: Mapping[str, Any]) -> TrainingPoint:
        return self.cache.point(float(settings["eta"]), int(settings["steps"]), settings["order"],
                                bool(settings["update_biases"]))

    def _show(self, p: TrainingPoint) -> None:
        others = {r: self.cache.history(r, p.steps, p.order, p.update_biases) for r in self.compare}
        self.plot.lower_to(self.cache.lowest(p.order, p.update_biases))
        self.plot.draw(learning_rate=p.learning_rate, steps=p.steps, history=p.history, others=others,
                       rates=p.rates, sweep_errors=p.sweep_errors, outputs=p.outputs, targets=p.targets,
                       decimate=decimate)
        self.figure_view.value = self.plot.svg().encode()
        self.text.value = "<br>".join(html.escape(line, quote=False) for line in p.lines())

    def _failed(self, message: str) -> None:
        self.text.value = html.escape(message, quote=False)

    def starting_point(self) -> str:
        """What the explorer shows before anyone touches it (what the checked cell after it prints)."""
        p = self.cache.point(self._initial["eta"], self._initial["steps"], "simultaneous", False)
        return "The explorer starts here:\n" + p.summary() + "\nMoving a control changes the explorer, not this."

    def summary(self) -> str:
        """What the explorer computed at its current settings, in plain text."""
        return f"{self.title}\n{self.last.summary()}"
