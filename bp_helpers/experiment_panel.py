"""Notebook 07's slider panel: one gradient step of size s on the article's network.

:class:`StepSizePanel` moves the step size s along the slice E(w - s·g) of
:mod:`bp_helpers.slices` and says whether the error went down or up; a checkbox trains
the biases too. Both slices are computed once (:class:`bp_helpers.slices.SliceSweep`)
and each is drawn once as SVG (:class:`bp_helpers.rendering.LiveSVG`) with a marker at every
position of the slider, all hidden but the current one: a move is a lookup, a CSS rule and
three replaced texts. Built on :class:`bp_helpers.widgets.Panel`; ipywidgets only.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from .article import LEARNING_RATE
from .formats import number, short
from .plots import SLICE_POINT, SLICE_TEXTS, plot_error_slice
from .rendering import LiveSVG
from .slices import STEP_SIZES, SlicePoint, SliceSweep
from .validation import check_flag
from .widgets import Panel, _figure_view, _rate_slider  # public after the widgets split (tests/test_layers.py)

__all__ = ["StepSizePanel"]


class StepSizePanel(Panel):
    """One step against the gradient of the article's network, of any size s on the slider.

    ``last`` is a :class:`bp_helpers.slices.SlicePoint`. It starts at the article's
    learning rate with the biases fixed (``step`` and ``update_biases`` start it elsewhere;
    the reset button returns to the article's).
    """

    title = "One step of size s"

    def __init__(self, *, step: float = LEARNING_RATE, update_biases: bool = False) -> None:
        self.sweep = SliceSweep(STEP_SIZES)
        self.sweep.index(step)
        check_flag("update_biases", update_biases)
        controls = {
            "s": _rate_slider(float(step), self.sweep.steps, description="s", width="1.4em"),
            "update_biases": w.Checkbox(value=update_biases, description="train the biases too", indent=False),
        }
        super().__init__(controls, {"s": LEARNING_RATE, "update_biases": False})
        self.figures = {b: self._figure(b) for b in (False, True)}
        self.figure_view = _figure_view(self.figures[False].width_px)
        self.text = w.HTML(layout=w.Layout(min_height="8em"))
        controls["s"].layout.flex = "1 1 auto"
        self.widget = self._assemble(
            self._heading(f"<b>{self.title}</b> — move s: the dot is the error after one step of that size."),
            w.HBox([controls["s"]]), controls["update_biases"], self.figure_view, self.text)
        self.refresh()

    def _figure(self, update_biases: bool) -> LiveSVG:
        curve = self.sweep.curves[update_biases]
        widest = ("s = 1000", "E = 0.2983", "E went down by 0.2983")  # the room each live text needs
        fig = plot_error_slice(curve.steps, curve.errors, curve.first_order, curve.start_error,
                               points=self.sweep.steps, live=widest)
        return LiveSVG(fig, SLICE_TEXTS)

    def _compute(self, settings: Mapping[str, Any]) -> SlicePoint:
        return self.sweep.point(float(settings["s"]), bool(settings["update_biases"]))

    def _show(self, p: SlicePoint) -> None:
        k = self.sweep.index(p.step)
        css = (f'g[id^="{SLICE_POINT.format("")}"] {{ visibility: hidden; }} '
               f'#{SLICE_POINT.format(k)} {{ visibility: visible; }}')
        texts = dict(zip(SLICE_TEXTS, (f"s = {number(p.step)}", f"E = {short(p.error)}", p.verdict()),
                         strict=True))
        self.figure_view.value = self.figures[p.update_biases].render(texts, css).encode()
        self.text.value = "<br>".join(html.escape(line, quote=False) for line in p.lines())

    def _failed(self, message: str) -> None:
        self.text.value = html.escape(message, quote=False)

    def starting_point(self) -> str:
        """What the panel shows before anyone touches it (what the checked cell after it prints)."""
        p = self.sweep.point(self._initial["s"], self._initial["update_biases"])
        return "The panel starts here:\n" + p.summary() + "\nMoving a control changes the panel, not this."

    def summary(self) -> str:
        """What the panel computed at its current settings, in plain text."""
        return f"{self.title}\n{self.last.summary()}"
