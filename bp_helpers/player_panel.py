"""The step-through player: watch the whole computation unfold on the network, in order.

:class:`StepPlayer` shows one :class:`bp_helpers.player.Frame` at a time: the network
diagram (:class:`bp_helpers.diagrams.NetworkDiagram` with every delta, gradient and
update on it) with the part being computed highlighted and every value not computed yet
left blank, and the step's formula with its numbers and result, beside the article's
printed value where there is one. Play / Pause, previous / next, a "step k of N" slider
(the arrow keys step it when it has focus) and a speed control.

For the article's network the player has the section panels' sliders too: a changed
setting recomputes the whole worked example, and the player shows the same step at the
new values. For any other network (``StepPlayer(network, inputs, targets, ...)``) the
example is fixed.

The diagram is drawn once as SVG; a frame replaces its live texts and adds a stylesheet
for the highlight (:class:`bp_helpers.rendering.LiveSVG`). Lays out ipywidgets on top of
:mod:`bp_helpers.player`, :mod:`bp_helpers.worked` and :mod:`bp_helpers.widgets`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as w
from matplotlib.figure import Figure

from . import style, verdicts
from .article import ARTICLE_SETTINGS, INPUTS, LEARNING_RATE, START, TARGETS, article_network
from .diagrams import NetworkDiagram
from .display import SummaryTable
from .network import Network
from .player import Frame, frames
from .steps import at_article_settings
from .widgets import Panel, setting_groups, setting_slider
from .worked import WorkedExample, worked_example

SPEEDS: tuple[tuple[str, int], ...] = (("slow", 2000), ("normal", 1000), ("fast", 400), ("fastest", 150))


def blank(text: str) -> str:
    """A live text with its value left out: 'net 0.3775' -> 'net', '→ 0.1498' -> '→', '0.2748' -> ''."""
    return text.rsplit(" ", 1)[0] if " " in text else ""


def highlight_css(elements: Sequence[str], texts: Sequence[str] = ()) -> str:
    """A stylesheet that draws ``elements`` (h1, w5, b1, E_o1, E_total) as the diagram's own
    highlight does, and ``texts`` (gids of live texts) in bold. SVG ids hold a colon: escaped."""
    rules = []
    for name in elements:
        for gid in (f"node:{name}", f"edge:{name}", f"box:{name}"):
            selector = "#" + gid.replace(":", "\\:")
            rules.append(f"{selector} path {{ stroke: {style.HIGHLIGHT} !important; stroke-width: 4px !important; }}")
            if not gid.startswith("edge"):
                rules.append(f"{selector} path {{ fill: {style.HIGHLIGHT_FILL} !important; }}")
    for gid in texts:
        rules.append("#" + gid.replace(":", "\\:") + " text { font-weight: bold; }")
    return "\n".join(rules)


class StepPlayer(Panel):
    """Step through one whole update of a network: forward, errors, backward, gradients, updates.

    ``StepPlayer()`` plays the article's network with sliders for its settings;
    ``StepPlayer(network, inputs, targets, learning_rate)`` any network that
    :func:`bp_helpers.worked_example` supports. ``last`` is the current
    :class:`bp_helpers.player.Frame`; ``example`` the worked example behind it.
    """

    title = "Backpropagation, step by step"

    def __init__(self, network: Network | None = None, inputs: Any = None, targets: Any = None,
                 learning_rate: float | None = None, *, order: str = "simultaneous", update_biases: bool = False,
                 step: int = 1) -> None:
        self.article = network is None
        self.order, self.update_biases = order, update_biases
        if network is None:
            self.setting_names = tuple(ARTICLE_SETTINGS)
            self._fixed: tuple[Network, Any, Any, float] | None = None
            example = self._example_at(dict(ARTICLE_SETTINGS))
        else:
            self.setting_names = ()
            self._fixed = (network, INPUTS if inputs is None else inputs, TARGETS if targets is None else targets,
                           LEARNING_RATE if learning_rate is None else learning_rate)
            example = self._example_at({})
        self.example = example
        count = len(example.steps)
        step_slider = w.IntSlider(value=1, min=1, max=count, description="step", continuous_update=True,
                                  layout=w.Layout(width="auto", flex="1 1 auto"),
                                  style={"description_width": "3em"})
        step_slider.add_class("bp-step")
        controls: dict[str, w.ValueWidget] = {"step": step_slider}
        controls |= {n: setting_slider(n, ARTICLE_SETTINGS[n]) for n in self.setting_names}
        super().__init__(controls, {"step": 1, **{n: ARTICLE_SETTINGS[n] for n in self.setting_names}})
        if self.article:
            self.reset_button.description = "Reset to the article"
        else:
            self.reset_button.description = "Back to step 1"
            self.reset_button.tooltip = "Back to the first step"
        # Play advances the step slider in the browser (jslink), so a busy kernel cannot stall it.
        self.play = w.Play(value=1, min=1, max=count, interval=dict(SPEEDS)["normal"], show_repeat=False,
                           layout=w.Layout(display="none"))
        w.jslink((self.play, "value"), (step_slider, "value"))
        self.play_button = w.ToggleButton(description="Play", icon="play", tooltip="Play the steps one after another",
                                          layout=w.Layout(width="6.5em"))
        w.jslink((self.play_button, "value"), (self.play, "playing"))
        self.play_button.observe(self._playing, names="value")
        self.previous = w.Button(description="Previous", icon="step-backward", tooltip="One step back",
                                 layout=w.Layout(width="7.5em"))
        self.next = w.Button(description="Next", icon="step-forward", tooltip="One step on",
                             layout=w.Layout(width="6.5em"))
        self.previous.on_click(lambda _: self.go(-1))
        self.next.on_click(lambda _: self.go(+1))
        self.speed = w.SelectionSlider(options=SPEEDS, value=dict(SPEEDS)["normal"], description="speed",
                                       layout=w.Layout(width="21em"), style={"description_width": "3.5em"})
        self.speed.observe(lambda change: setattr(self.play, "interval", change["new"]), names="value")
        self.diagram = NetworkDiagram(self._sizes, shared_bias=self._shared, updates=True, backward=True)
        self._draw_once(self.diagram, example.values)
        self.caption = w.HTML(layout=w.Layout(min_height="1.6em"))
        self.caption.add_class("bp-caption")
        self.formula = w.Output(layout=w.Layout(min_height="5em"))  # most formulas: the figure stays put
        buttons = w.HBox([self.play_button, self.previous, self.next, self.speed],
                         layout=w.Layout(flex_flow="row wrap", align_items="center"))
        parts: list[w.Widget] = [
            self._heading(f"<b>{self.title}</b> — Play, or step with Previous / Next (or the arrow keys "
                          f"on the step slider)."),
            w.HBox([step_slider, self.play]), buttons, self.caption, self.formula, self.figure_view]
        if self.setting_names:
            settings = w.Accordion([setting_groups(self.controls)], titles=("settings (the section panels' sliders)",))
            settings.selected_index = None
            parts.append(settings)
        self.widget = self._assemble(*parts)
        self.widget.add_class("bp-player")  # the browser tests play it through
        self.refresh()
        if step != 1:
            self.set(step=step)

    # -- the worked example behind the frames -----------------------------------------------------

    @property
    def _sizes(self) -> tuple[int, ...]:
        return self._network.sizes

    @property
    def _shared(self) -> bool:
        return all(b.shape[-1] == 1 for b in self._network.biases)

    def _example_at(self, settings: Mapping[str, Any]) -> WorkedExample:
        """The worked example at these settings (the last one is kept: stepping is a lookup)."""
        key = tuple(sorted((k, v) for k, v in settings.items() if k != "step"))
        if getattr(self, "_key", None) != key:
            if self._fixed is None:
                s = {**ARTICLE_SETTINGS, **{k: v for k, v in settings.items() if k != "step"}}
                self._network = article_network(**{k: s[k] for k in START})
                data: tuple[Network, Any, Any, float] = (self._network, (s["i1"], s["i2"]),
                                                         (s["target_o1"], s["target_o2"]), s["eta"])
            else:
                data = self._fixed
            self._network = data[0]
            self._cached = worked_example(*data, order=self.order, update_biases=self.update_biases)
            computed = {s.name for s in self._cached.steps}
            given = {k: v for k, v in self._cached.values.items() if k not in computed}  # w1, i1, eta ...
            self._frames = frames(self._cached.steps, given, self._network.sizes,
                                  all(b.shape[-1] == 1 for b in self._network.biases))
            self._key = key
        return self._cached

    def _compute(self, settings: Mapping[str, Any]) -> Frame:
        self.example = self._example_at(settings)
        k = int(settings["step"])
        return self._frames[min(max(k, 1), len(self._frames)) - 1]

    # -- showing a frame --------------------------------------------------------------------------

    def texts(self, frame: Frame) -> dict[str, str]:
        """Every live text of the diagram at this frame: computed values, blanks for the rest."""
        full = self.diagram.texts(self.example.values)
        known = self.diagram.texts(frame.values)
        return {gid: known.get(gid, blank(text)) for gid, text in full.items()}

    def verdict(self, frame: Frame) -> str:
        """'article: 0.298371109 ✓', when this is the article's network at its settings and it prints the value."""
        if not (self.article and at_article_settings(self.example.values)):
            return ""
        return verdicts.of_step(frame.step.name, frame.step.value, True).line()

    def _show(self, frame: Frame) -> None:
        texts, before = self.texts(frame), self.texts(self._previous(frame))
        current = [gid for gid, text in texts.items() if text != before.get(gid)]  # what this step wrote
        self.caption.value = f"<b>{html.escape(frame.caption)}</b>"  # first: the figure that follows is this step's
        self.figure_view.value = self.figure.render(texts, highlight_css(frame.highlight, current)).encode()
        verdict = self.verdict(frame)
        plain = frame.step.equation_text() + (f"\n    {verdict}" if verdict else "")
        markdown = f"$${frame.step.equation_tex()}$$" + (f"\n\n{verdict}" if verdict else "")
        self._typeset_later(self.formula, plain, markdown)

    def _previous(self, frame: Frame) -> Frame:
        return self._frames[frame.index - 1] if frame.index else frame

    def _failed(self, message: str) -> None:
        self.caption.value = html.escape(message, quote=False)

    def _playing(self, change: Mapping[str, Any]) -> None:
        self.play_button.description = "Pause" if change["new"] else "Play"
        self.play_button.icon = "pause" if change["new"] else "play"
        # played to the end, Play starts again from the first step: the browser's Play does that itself

    def go(self, delta: int) -> None:
        """``delta`` steps on (negative: back), within the first and the last step."""
        slider = self.controls["step"]
        slider.value = min(max(slider.value + delta, slider.min), slider.max)

    # -- what static readers get --------------------------------------------------------------

    def printed_figure(self) -> Figure:
        """The last frame: the whole computation on the network, every value written in."""
        return self.diagram.draw(self.example.values)

    def sequence(self) -> SummaryTable:
        """Every step in the order the player shows them, with its value and the article's."""
        return SummaryTable(self.example.steps)

    def starting_point(self) -> str:
        """What the player shows before anyone touches it."""
        first = self._frames[0]
        return (f"The player starts at {first.caption}:\n{first.step.equation_text()}\n"
                f"and ends at {self._frames[-1].caption}.")

    def summary(self) -> str:
        """The current frame, in plain text."""
        frame = self.last
        verdict = self.verdict(frame)
        return "\n".join([f"{self.title}: {frame.caption}", frame.step.equation_text()] + ([verdict] if verdict else []))
