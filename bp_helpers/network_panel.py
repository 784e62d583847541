"""A slider panel generated for any small network: one slider per weight and bias.

:class:`NetworkPanel` takes a network as :func:`bp_helpers.worked_example` does (any layer
sizes the diagram can draw, any activations and error function carrying their formulas,
one example) and gives every parameter a slider over [-5, 5], named as the worked example
names it (w1.., b1..) and grouped by layer. A move recomputes the whole worked example:
the diagram (:class:`bp_helpers.diagrams.NetworkDiagram` with every delta, gradient and
update on it, drawn once as SVG whose texts are replaced, :class:`bp_helpers.rendering.LiveSVG`),
a line with the error before and after one update, a few key steps typeset a moment later,
and a table of every step. Built on :class:`bp_helpers.widgets.Panel`; ipywidgets only.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping
from typing import Any

import ipywidgets as w
from matplotlib.figure import Figure

from . import names
from .diagrams import NetworkDiagram
from .display import StepsView, SummaryTable, key_numbers
from .formats import short
from .network import Network, check_data, check_network
from .style import TEXT_WIDTH
from .training import DEFAULT_LEARNING_RATE
from .validation import InputValueError
from .verdicts import PrintedNumbers
from .widgets import Panel, setting_slider
from .worked import WorkedExample, worked_example

__all__ = ["MAX_SLIDERS", "NetworkPanel"]

MAX_SLIDERS = 48  # weights and biases: more sliders than fit a screen beside the figure


class NetworkPanel(Panel):
    """Sliders for every weight and bias of ``network``, driving its whole worked example.

    ``NetworkPanel(network, inputs, targets, learning_rate)``: the inputs, targets and
    learning rate stay fixed; every weight and bias starts at the network's value (which
    must lie in the sliders' range [-5, 5]) and the reset button returns there. ``order``,
    ``update_biases`` as in :func:`bp_helpers.worked_example`; ``printed`` as in
    :class:`bp_helpers.display.StepsView` (by default the article's numbers for the
    article's network only). ``last`` is the :class:`bp_helpers.worked.WorkedExample`
    at the current settings.
    """

    title = "Your network"

    def __init__(self, network: Network, inputs: Any, targets: Any, learning_rate: float = DEFAULT_LEARNING_RATE, *,
                 order: str = "simultaneous", update_biases: bool = False,
                 printed: PrintedNumbers | None = None) -> None:
        check_network(network, single=True)
        x, _ = check_data(network, inputs, targets)
        if x.shape[0] != 1:
            raise InputValueError(f"inputs: expected one example for the panel, got a batch of {x.shape[0]}")
        # the worked example checks everything else (sizes, functions, learning rate, flags) and names it
        first = worked_example(network, inputs, targets, learning_rate, order=order, update_biases=update_biases)
        if len(first.parameters) > MAX_SLIDERS:
            raise InputValueError(f"network: expected at most {MAX_SLIDERS} weights and biases to give each a slider, "
                             f"got {len(first.parameters)} (sizes {network.sizes})")
        self._network, self._data = network, (inputs, targets, learning_rate)
        self._order, self._update_biases = order, update_biases
        self.printed = printed
        StepsView(first.steps[:1], printed)  # refuses anything but printed numbers, now rather than on a move
        start = {name: first.values[name] for name in first.parameters}
        controls = {name: setting_slider(name, value) for name, value in start.items()}
        super().__init__(controls, start)
        self.reset_button.description = "Back to the start"
        self.reset_button.tooltip = "Put every weight and bias back to the network's own value"
        self.sizes = network.sizes
        self._where = {p.name: p for p in names.parameters(self.sizes, self.shared_bias)}
        self.diagram = NetworkDiagram(self.sizes, shared_bias=self.shared_bias, updates=True, backward=True)
        self._draw_once(self.diagram, first.values)
        self.banner = w.HTML()
        self.equations = w.Output()
        self.table = w.HTML()
        self.widget = self._assemble(
            self._heading(f"<b>{self.title}</b> {'-'.join(map(str, self.sizes))} — move any weight or bias; "
                          f"every number below follows."),
            self.groups(), self.banner, self.figure_view, self.equations, self.table)
        self.refresh()

    # -- what it is made of -----------------------------------------------------------------------

    @property
    def shared_bias(self) -> bool:
        """One bias a layer (the article's b1, b2) rather than one a neuron."""
        return self._network.shared_bias

    def layers(self) -> list[tuple[str, tuple[str, ...]]]:
        """(caption, parameter names) of each layer: its weights, then its biases."""
        hidden = len(self.sizes) - 2
        parameters = names.parameters(self.sizes, self.shared_bias)
        out = []
        for layer in range(len(self.sizes) - 1):
            if layer == hidden:
                caption = "output layer"
            else:
                caption = "hidden layer" if hidden == 1 else f"hidden layer {layer + 1}"
            out.append((caption, tuple(p.name for p in parameters if p.layer == layer)))
        return out

    PAGE = 6  # sliders on one tab: six rows at 150 % zoom still leave the figure on the screen

    def groups(self) -> w.VBox:
        """The sliders in pages of at most PAGE, a layer's weights and biases on pages of their own,
        one page shown at a time (chosen from a list: a tab bar would cut long titles short at
        150 % zoom), its sliders in as many columns as the width allows. A layer of a small
        network has up to 42 weights: all of them stacked would push the figure off the screen."""
        pages, titles = [], []
        for caption, group in self.layers():
            for kind in "wb":
                names_ = [n for n in group if n[0] == kind]
                for k in range(0, len(names_), self.PAGE):
                    page = names_[k:k + self.PAGE]
                    for name in page:
                        self.controls[name].layout.flex = "1 1 16em"  # a track of 90 px or more beside its label
                        self.controls[name].layout.min_width = "15em"
                    pages.append(w.HBox([self.controls[n] for n in page], layout=w.Layout(flex_flow="row wrap")))
                    titles.append(f"{caption}: {page[0]}" + (f"–{page[-1]}" if len(page) > 1 else ""))
        stack = w.Stack(pages, selected_index=0)
        choice = w.Dropdown(options=[(t, k) for k, t in enumerate(titles)], value=0, description="sliders",
                            layout=w.Layout(width="auto", max_width="22em"), style={"description_width": "4em"})
        w.jslink((choice, "index"), (stack, "selected_index"))  # in the browser: no round trip to the kernel
        self.pages = choice
        return w.VBox([choice, stack])

    def network_at(self, settings: Mapping[str, float]) -> Network:
        """The network with its weights and biases set to ``settings`` (names as the sliders')."""
        arrays = {"weights": [a.copy() for a in self._network.weights], "biases": [a.copy() for a in self._network.biases]}
        for name, p in self._where.items():
            arrays[p.kind][p.layer][p.index] = settings[name]
        return Network(tuple(arrays["weights"]), tuple(arrays["biases"]), self._network.activations,
                       self._network.error)

    # -- computing and showing ----------------------------------------------------------------

    def printed_figure(self) -> Figure:
        """The network with every value of one update, at the panel's starting weights."""
        return self.diagram.draw(self._compute(self._initial).values)

    def _compute(self, settings: Mapping[str, Any]) -> WorkedExample:
        inputs, targets, eta = self._data
        return worked_example(self.network_at(settings), inputs, targets, eta, order=self._order,
                              update_biases=self._update_biases)

    def key_names(self, example: WorkedExample | None = None) -> list[str]:
        """The steps the panel typesets: the error, the first weight's gradient the long way
        (through every layer) and its update, and the error after the update."""
        example = self.last if example is None else example
        first = next(iter(example.parameters))
        key = (names.TOTAL, names.gradient(first), names.new(first), names.new(names.TOTAL))
        return [n for n in key if n in example]

    def _show(self, example: WorkedExample) -> None:
        v = example.values
        self.banner.value = html.escape(
            f"E_total = {short(v[names.TOTAL])}; after one update (η = {short(v[names.ETA])}): "
            f"{short(v[names.new(names.TOTAL)])}", quote=False)
        self.figure_view.value = self.figure.render(self.diagram.texts(v)).encode()
        self.table.value = SummaryTable(example.steps, self.printed)._repr_html_()
        view = StepsView([example[n] for n in self.key_names(example)], self.printed)
        self._typeset_later(self.equations, repr(view), view._repr_markdown_())

    def _failed(self, message: str) -> None:
        self.banner.value = html.escape(message, quote=False)

    def starting_point(self) -> str:
        """What the panel shows before anyone moves a slider (what the checked cell after it prints)."""
        example = self._compute(self._initial)
        return "\n".join(["The panel starts at the network's own values:",
                          key_numbers(example.values, self.key_names(example), per_line=1),
                          "Moving a slider changes the panel, not this text."])

    def summary(self) -> str:
        """What the panel computed at its current settings, in plain text."""
        moved = {n: v for n, v in self.settings.items() if v != self._initial[n]}
        state = ("at the network's own values" if not moved else
                 "moved: " + ", ".join(f"{n} = {short(v, 3)}" for n, v in moved.items()))
        view = StepsView([self.last[n] for n in self.key_names()], self.printed)
        head = textwrap.fill(f"{self.title} {'-'.join(map(str, self.sizes))}, {state}", TEXT_WIDTH,
                             subsequent_indent="  ")
        return "\n".join([head, repr(view)])
