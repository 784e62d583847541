"""Any small network worked step by step, the way the article works its 2-2-2 example.

:func:`worked_example` runs the core once (forward, backward and the update of
:mod:`bp_helpers.training`) and names every number it computes in the article's scheme
(:mod:`bp_helpers.names`), each a :class:`~bp_helpers.equations.Step` with the formula that
produced it. An activation or error function brings its own formula and its derivative's
(:mod:`bp_helpers.functions`); the chain rule around them is written here, once:

* forward, layer by layer: ``net_h1 = w1*i1 + w2*i2 + b1*1``, ``out_h1`` = the activation;
* the errors: ``E_o1`` = the error function, ``E_total = E_o1 + E_o2``;
* backward, layer by layer from the outputs, neuron by neuron: ``dE_dout_o1`` (for a hidden
  neuron each road's part first, ``dE_o1_dout_h1 = delta_o1*w5``, then their sum),
  ``dout_o1_dnet_o1`` = the activation's derivative, the layer's first weight the long way
  (``dnet_o1_dw5 = out_h1``, ``dE_dw5 = dE_dout_o1*dout_o1_dnet_o1*dnet_o1_dw5``),
  ``delta_o1 = dE_dout_o1*dout_o1_dnet_o1``, every other weight as ``dE_dw6 = delta_o1*out_h2``,
  then the layer's biases, ``dE_db2 = delta_o1 + delta_o2``;
* the updates ``w5_new = w5 - eta*dE_dw5`` (all after the gradients; with
  ``order="output_first"`` each layer's right after its own, and the roads into the layer
  below go through the moved weights, ``delta_o1*w5_new``); then ``out_o1_new`` and
  ``E_total_new``, the error after the update.

A batch numbers its examples from 1: ``net_h1[2]`` is net_h1 for example 2 (shown as
:math:`net_{h1}^{(2)}`), and a gradient is the sum of the examples' parts,
``dE_dw5 = dE_dw5[1] + dE_dw5[2]``. One example carries no number, as in the article.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np

from . import names
from .equations import Step
from .functions import Array, CrossEntropy
from .limits import check_shown
from .network import Network, backward, check_data, check_network, forward
from .passes import BackwardPass, ForwardPass
from .templates import Names, Template, alone, of_function, product, slot, total, update, weighted_sum
from .training import DEFAULT_LEARNING_RATE, as_order
from .validation import InputTypeError, InputValueError, as_positive, check_flag


@dataclass(frozen=True)
class WorkedExample:
    """Every step of one update of a network, in the order of the computation."""

    steps: tuple[Step, ...]
    values: Mapping[str, float]  # every quantity by name: the steps' and the settings (w1, i1, eta ...)
    parameters: Mapping[str, names.Parameter]  # w5 -> where it lives (weights[1][0, 0]) and what it joins

    @cached_property
    def _index(self) -> dict[str, Step]:
        return {s.name: s for s in self.steps}

    def __getitem__(self, name: str) -> Step:
        """The step computing ``name``, e.g. ``ex["dE_dw5"]``."""
        if not isinstance(name, str):
            raise InputTypeError(f"name: expected a step's name such as {self.steps[-1].name!r} (iterate over the "
                                 f"example for its steps in order), got {name!r}")
        if name not in self._index:
            raise KeyError(f"name: expected a step of this worked example, such as {self.steps[-1].name!r}, "
                           f"got {name!r}")
        return self._index[name]

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def __iter__(self) -> Iterator[Step]:
        """The steps in the order they are computed: ``for step in example``."""
        return iter(self.steps)

    def __len__(self) -> int:
        """How many steps the update takes."""
        return len(self.steps)

    def entry(self, name: str) -> str:
        """Where a parameter lives in the network's arrays: ``entry("w5")`` -> 'weights[1][0, 0]'."""
        if name not in self.parameters:
            raise KeyError(f"name: expected a parameter ({', '.join(self.parameters)}), got {name!r}")
        p = self.parameters[name]
        return f"{p.kind}[{p.layer}][{', '.join(map(str, p.index))}]"


class _Sheet:
    """The steps written so far, and every value they use."""

    def __init__(self) -> None:
        self.values: dict[str, float] = {}
        self.rows: list[tuple[str, Template]] = []
        # whose fault a number too large to write down is: the network's and its data's until the
        # update, then the learning rate's (the same network moved by a smaller step stays finite)
        self.blame = "network: expected weights and inputs small enough to keep every number finite, got {name} = {value}"

    def given(self, name: str, value: Any) -> None:
        value = float(value)
        if not math.isfinite(value):
            raise InputValueError(self.blame.format(name=name, value=value))
        assert name not in self.values, name  # every name is written once
        self.values[name] = value

    def step(self, name: str, value: Any, template: Template) -> str:
        self.given(name, value)
        self.rows.append((name, template))
        return name


# --- the worked example ----------------------------------------------------------------------

def worked_example(network: Network, inputs: Any, targets: Any, learning_rate: float = DEFAULT_LEARNING_RATE, *,
                   order: str = "simultaneous", update_biases: bool = False) -> WorkedExample:
    """One gradient-descent update of ``network`` on ``inputs``/``targets``, every number a step.

    Any network small enough to show (:func:`bp_helpers.limits.check_shown`), with any activations and error function that carry their
    formulas; one example or a batch; ``order`` and ``update_biases`` as in
    :func:`bp_helpers.training.step`, whose numbers the updates reproduce.
    """
    x, t, eta, shared = _checked(network, inputs, targets, learning_rate, order, update_biases)
    nm = Names(names.neurons(network.sizes), names.parameters(network.sizes, shared), len(x))
    sheet = _Sheet()
    # overflow shows as inf or nan, which the sheet names as it writes them down
    with np.errstate(over="ignore", invalid="ignore"):
        fp = forward(network, x, t)
        _check_outputs(network, fp, nm)
        _settings(sheet, network, x, t, eta, nm)
        _forward_steps(sheet, network, fp, nm)
        _error_steps(sheet, network, fp, nm)
        # As training.py updates: every gradient from the original weights ("simultaneous"), or layer
        # by layer from the top, each layer's deltas through the layers above already moved.
        weights, biases = list(network.weights), list(network.biases)
        bp = None
        for l in reversed(range(len(weights))):
            if bp is None or order == "output_first":
                bp = backward(_with(network, weights, biases, eta), fp)
            _layer_steps(sheet, network, bp, l, nm, moved=order == "output_first")
            weights[l] = weights[l] - eta * bp.dE_dw[l]
            if update_biases:
                biases[l] = biases[l] - eta * bp.dE_db[l]
            if order == "output_first":
                _update_steps(sheet, weights, biases, [p for p in nm.parameters if p.layer == l], update_biases, eta)
        if order == "simultaneous":
            _update_steps(sheet, weights, biases, list(nm.parameters), update_biases, eta)
        _after_steps(sheet, network, forward(_with(network, weights, biases, eta), x, t), nm)
    values = MappingProxyType(sheet.values)
    return WorkedExample(tuple(Step(name, tex, text, values) for name, (tex, text) in sheet.rows), values,
                         MappingProxyType({p.name: p for p in nm.parameters}))


def _with(network: Network, weights: list[Array], biases: list[Array], eta: float) -> Network:
    """``network`` with the weights and biases an update at learning rate ``eta`` moved it to."""
    if not all(np.isfinite(a).all() for a in weights + biases):
        raise InputValueError(f"learning_rate: expected a step small enough to keep the weights finite, got {eta:g}, "
                              f"which moves a weight or bias to infinity")
    return Network(tuple(weights), tuple(biases), network.activations, network.error)


def _settings(sheet: _Sheet, network: Network, x: Any, t: Any, eta: float, nm: Names) -> None:
    for p in nm.parameters:
        sheet.given(p.name, getattr(network, p.kind)[p.layer][p.index])
    for n in nm.each:
        for k, neuron in enumerate(nm.neurons[0]):
            sheet.given(nm.at(neuron, n), x[n, k])
        for j, neuron in enumerate(nm.neurons[-1]):
            sheet.given(nm.at(names.target(neuron), n), t[n, j])
    sheet.given(names.ETA, eta)


def _activation_formula(network: Network, nm: Names, l: int, me: str, n: int, derivative: bool = False) -> Template:
    return of_function(network.activations[l], derivative, f"network.activations[{l}]",
                       net=slot(nm.at(names.net(me), n)), out=slot(nm.at(names.out(me), n)))


def _error_formula(network: Network, nm: Names, out: str, target: str, derivative: bool = False) -> Template:
    return of_function(network.error, derivative, "network.error", out=slot(out), target=slot(target),
                       n=str(len(nm.neurons[-1])))


def _forward_steps(sheet: _Sheet, network: Network, fp: ForwardPass, nm: Names) -> None:
    for n in nm.each:
        for l in range(len(network.weights)):
            sources = range(len(nm.neurons[l]))
            for j, me in enumerate(nm.neurons[l + 1]):
                sheet.step(nm.at(names.net(me), n), fp.net[l][n, j],
                           weighted_sum([nm.weight(l, j, k) for k in sources], [nm.out(l, k, n) for k in sources],
                                        nm.bias(l, j)))
                sheet.step(nm.at(names.out(me), n), fp.out[l][n, j], _activation_formula(network, nm, l, me, n))


def _error_steps(sheet: _Sheet, network: Network, fp: ForwardPass, nm: Names) -> None:
    terms = [sheet.step(nm.at(names.error(o), n), fp.errors[n, j],
                        _error_formula(network, nm, nm.at(names.out(o), n), nm.at(names.target(o), n)))
             for n in nm.each for j, o in enumerate(nm.neurons[-1])]
    sheet.step(names.TOTAL, fp.total, total(*terms))


def _dE_dout(sheet: _Sheet, network: Network, bp: BackwardPass, l: int, j: int, n: int, nm: Names,
             moved: bool) -> str:
    """dE/dout of neuron j of layer l: the error function's slope at an output; for a hidden
    neuron, each road through a neuron of the layer above (delta times the weight), summed."""
    me = nm.neurons[l + 1][j]
    name = nm.at(names.error_slope(me), n)
    if l == len(network.weights) - 1:
        return sheet.step(name, bp.dE_dout[l][n, j],
                          _error_formula(network, nm, nm.at(names.out(me), n), nm.at(names.target(me), n), True))
    roads = []
    for i, up in enumerate(nm.neurons[l + 2]):
        weight = nm.weight(l + 1, i, j)
        roads.append(sheet.step(nm.at(names.road(up, me), n), bp.contributions[l][n, i, j],
                                product(nm.at(names.delta(up), n), names.new(weight) if moved else weight)))
    return sheet.step(name, bp.dE_dout[l][n, j], total(*roads))


def _layer_steps(sheet: _Sheet, network: Network, bp: BackwardPass, l: int, nm: Names, moved: bool) -> None:
    """Backward through layer l (0: the first hidden layer): every neuron, then its biases."""
    sources = range(len(nm.neurons[l]))
    for j, me in enumerate(nm.neurons[l + 1]):
        for n in nm.each:
            # dE/dw of every weight into neuron j: the core's own for one example; a batch's example n's share
            gradient = bp.dE_dw[l][j] if nm.examples == 1 else bp.delta[l][n, j] * bp.dnet_dw[l][n]
            dE_dout = _dE_dout(sheet, network, bp, l, j, n, nm, moved)
            dout_dnet = sheet.step(nm.at(names.slope(me), n), bp.dout_dnet[l][n, j],
                                   _activation_formula(network, nm, l, me, n, derivative=True))
            if j == 0:  # the layer's first weight the long way, through dnet/dw
                w = nm.weight(l, 0, 0)
                dnet_dw = sheet.step(nm.at(names.input_slope(me, w), n), bp.dnet_dw[l][n, 0], alone(nm.out(l, 0, n)))
                sheet.step(nm.at(names.gradient(w), n), gradient[0], product(dE_dout, dout_dnet, dnet_dw))
            delta = sheet.step(nm.at(names.delta(me), n), bp.delta[l][n, j], product(dE_dout, dout_dnet))
            for k in sources[1 if j == 0 else 0:]:  # the others: delta times what the source passes on
                sheet.step(nm.at(names.gradient(nm.weight(l, j, k)), n), gradient[k], product(delta, nm.out(l, k, n)))
        if nm.examples > 1:  # a gradient is the sum of the examples'
            for k in sources:
                dE_dw = names.gradient(nm.weight(l, j, k))
                sheet.step(dE_dw, bp.dE_dw[l][j, k], total(*(nm.at(dE_dw, n) for n in nm.each)))
    for p in nm.parameters:
        if p.kind == "biases" and p.layer == l:  # a shared bias feeds every neuron of its layer
            fed = nm.neurons[l + 1] if len(network.biases[l]) == 1 else [nm.neurons[l + 1][p.index[0]]]
            sheet.step(names.gradient(p.name), bp.dE_db[l][p.index], total(*(nm.at(names.delta(me), n) for me in fed
                                                                              for n in nm.each)))


def _update_steps(sheet: _Sheet, weights: list[Array], biases: list[Array], parameters: list[names.Parameter],
                  update_biases: bool, eta: float) -> None:
    sheet.blame = (f"learning_rate: expected a step small enough to keep every number finite, got {eta:g}, "
                   "which makes {name} = {value}")
    for p in parameters:
        if p.kind == "weights" or update_biases:
            value = (weights if p.kind == "weights" else biases)[p.layer][p.index]
            sheet.step(names.new(p.name), value, update(p.name))


def _after_steps(sheet: _Sheet, network: Network, after: ForwardPass, nm: Names) -> None:
    """The outputs at the updated parameters (the forward pass again), and the error they give."""
    _check_outputs(network, after, nm, "learning_rate: expected a step that keeps ", after_update=True)
    terms = []
    for n in nm.each:
        for j, o in enumerate(nm.neurons[-1]):
            out = sheet.step(nm.at(names.new(names.out(o)), n), after.outputs[n, j],
                             alone(nm.at(names.new(names.out(o)), n)))
            terms.append(_error_formula(network, nm, out, nm.at(names.target(o), n)))
    sheet.step(names.new(names.TOTAL), after.total, (" + ".join(tex for tex, _ in terms),
                                                      " + ".join(t for _, t in terms)))


# --- what can be shown -----------------------------------------------------------------------

def _checked(network: Any, inputs: Any, targets: Any, learning_rate: Any, order: Any,
             update_biases: Any) -> tuple[Any, Any, float, bool]:
    check_network(network, single=True)
    check_shown("network", network.sizes)
    x, t = check_data(network, inputs, targets)
    eta = float(as_positive("learning_rate", learning_rate))
    as_order(order)
    check_flag("update_biases", update_biases)
    if isinstance(network.error, CrossEntropy) and ((t < 0) | (t > 1)).any():
        raise InputValueError(f"targets: expected probabilities between 0 and 1 for cross-entropy, got {t.tolist()}")
    return x, t, eta, network.shared_bias  # one bias a layer, or one a neuron: names number them differently


def _check_outputs(network: Network, fp: ForwardPass, nm: Names,
                   expected: str = "network: expected ", after_update: bool = False) -> None:
    """Cross-entropy shows ln(out) and ln(1 - out): every output strictly inside (0, 1), before the
    update and after it (a large step can saturate a logistic output to exactly 0 or 1)."""
    if not isinstance(network.error, CrossEntropy):
        return
    eps = network.error.eps

    def name(o: str) -> str:
        return names.new(names.out(o)) if after_update else names.out(o)
    for n in nm.each:
        for j, o in enumerate(nm.neurons[-1]):
            out = float(fp.outputs[n, j])
            if not eps < out < 1 - eps:
                raise InputValueError(f"{expected}outputs strictly between 0 and 1 for cross-entropy (a "
                                 f"logistic output layer, not saturated), got {nm.at(name(o), n)} = {out}")
