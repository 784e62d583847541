"""The record of one computation: every intermediate of a forward pass and every quantity of a
backward pass, readable by the article's names.

Index l = 0 is the first non-input layer; rows are the examples of a batch; leading axes are
the configurations of a stacked network (:mod:`bp_helpers.network`). A single network's pass
answers by name (:mod:`bp_helpers.names`): ``bp["dE_dw5"]`` (summed over the batch, as every
gradient is), ``fp["out_o1"]``, and ``fp["net_h1[2]"]`` for example 2 of a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from . import names
from .functions import Array, ErrorFunction
from .validation import InputValueError


def total_error(errors: Array) -> Array:
    """E_total from the errors E_o of every output and example: summed over the last two axes."""
    return errors.sum(axis=(-2, -1))



# ForwardPass and BackwardPass are records of one computation, to be read, not changed.
# They are plain dataclasses rather than frozen ones only because training builds two per
# step and a frozen dataclass's __init__ costs several times as much.

@dataclass
class ForwardPass:
    """Every intermediate of the forward pass; index l = 0 is the first non-input layer.

    The errors are read off the outputs on first use (training records only the outputs
    at each step and measures the error of every step in one go).
    """

    inputs: Array
    targets: Array
    net: tuple[Array, ...]
    out: tuple[Array, ...]
    error: ErrorFunction

    @property
    def outputs(self) -> Array:
        """The network's outputs (the last layer's ``out``)."""
        return self.out[-1]

    @cached_property
    def errors(self) -> Array:
        """E_o for every output neuron (and example)."""
        return self.error(self.outputs, self.targets)

    @cached_property
    def total(self) -> Array:
        """E_total: summed over the outputs and the batch; one per configuration."""
        return total_error(self.errors)

    def __getitem__(self, name: str) -> float:
        """A value by its name: ``fp["out_o1"]``, ``fp["E_total"]``; in a batch ``fp["net_h1[2]"]``
        (example 2, numbered from 1). Inputs and targets too: ``fp["i1"]``, ``fp["target_o1"]``."""
        return _named(self, None, name)


@dataclass
class BackwardPass:
    """Every quantity the article names, for every layer (l = 0 is the first hidden layer).

    ``dE_dout``, ``dout_dnet`` and ``delta`` (= dE/dnet) are computed by the recursion;
    the rest are read off them on first use.
    """

    forward: ForwardPass
    weights: tuple[Array, ...]
    biases: tuple[Array, ...]
    dE_dout: tuple[Array, ...]
    dout_dnet: tuple[Array, ...]
    delta: tuple[Array, ...]

    @cached_property
    def contributions(self) -> tuple[Array, ...]:
        """Per hidden layer l: [..., batch, j, k] = dE_j/dout_k, the part of the error that
        reaches neuron k of layer l through neuron j of layer l+1 (delta_j * w_jk).
        Summed over j it gives ``dE_dout[l]``. The output layer has none (empty array)."""
        parts = [d[..., :, None] * w[..., None, :, :] for d, w in zip(self.delta[1:], self.weights[1:])]
        return tuple(parts) + (np.empty((0,)),)

    @property
    def dnet_dw(self) -> tuple[Array, ...]:
        """dnet_j/dw_jk = out_k of the layer before (the inputs for the first layer)."""
        return (self.forward.inputs,) + self.forward.out[:-1]

    @cached_property
    def dE_dw(self) -> tuple[Array, ...]:
        """Gradient of E_total for every weight, shaped like the weights."""
        return tuple([d.swapaxes(-1, -2) @ a for d, a in zip(self.delta, self.dnet_dw)])

    @cached_property
    def dE_db(self) -> tuple[Array, ...]:
        """Gradient of E_total for every bias; a shared bias collects every neuron's delta."""
        summed = [d.sum(axis=-2) for d in self.delta]  # over the batch
        return tuple(g.sum(axis=-1, keepdims=True) if b.shape[-1] == 1 else g
                     for g, b in zip(summed, self.biases))

    def __getitem__(self, name: str) -> float:
        """A value by its name: ``bp["dE_dw5"]`` (summed over a batch, as the gradients are),
        ``bp["delta_o1"]``, ``bp["dE_dout_h1"]``, ``bp["dout_h1_dnet_h1"]``, and the forward pass's
        (``bp["out_o1"]``); one example of a batch by its number, ``bp["delta_o1[2]"]``."""
        return _named(self.forward, self, name)


# --- values by name: the article's names for a single network's arrays ------------------------------

_PER_EXAMPLE: Mapping[str, Callable[[ForwardPass, Any], tuple[Array, ...]]] = {  # kind -> each layer's arrays
    "net": lambda fp, bp: fp.net, "out": lambda fp, bp: fp.out,
    "delta": lambda fp, bp: bp.delta, "error_slope": lambda fp, bp: bp.dE_dout,
    "slope": lambda fp, bp: bp.dout_dnet,
}


def _named(fp: ForwardPass, bp: BackwardPass | None, name: Any) -> float:
    """The value called ``name`` in a pass of a single network; KeyError naming what there is."""
    q = _quantity(name, bp is not None)
    if fp.outputs.ndim != 2:
        raise InputValueError(f"name: expected the pass of a single network to look up {name!r}, got one of "
                              f"configurations {fp.outputs.shape[:-2]}")
    sizes = (fp.inputs.shape[-1],) + tuple(o.shape[-1] for o in fp.out)
    if q.kind in ("total", "gradient"):  # summed over the batch: no example number
        if q.example is not None:
            raise KeyError(f"name: {names.base(name)!r} is summed over the batch, expected it without [n]")
        return float(fp.total) if bp is None or q.kind == "total" else _gradient(bp, sizes, q.of[0])
    n = _example(fp, name, q.example)
    l, j = _neuron(sizes, q, name)
    if q.kind in ("input", "target", "error"):
        return float({"input": fp.inputs, "target": fp.targets, "error": fp.errors}[q.kind][n, j])
    return float(_PER_EXAMPLE[q.kind](fp, bp)[l - 1][n, j])


def _quantity(name: Any, backward: bool) -> names.Quantity:
    """What ``name`` says, if a forward (or backward) pass holds such a value."""
    q = names.parse(name) if isinstance(name, str) else None
    kinds = ("net", "out", "error", "total", "input", "target") + (
        ("delta", "error_slope", "slope", "gradient") if backward else ())
    if q is None or q.new or q.kind not in kinds:
        raise KeyError(f"name: expected a quantity of this {'backward' if backward else 'forward'} pass such as "
                       f"{'dE_dw5' if backward else 'out_o1'!r}, got {name!r}")
    return q


def _neuron(sizes: tuple[int, ...], q: names.Quantity, name: str) -> tuple[int, int]:
    """(layer, position) of the neuron ``q`` concerns; layer 0 holds the inputs."""
    layers = names.neurons(sizes)
    where = {neuron: (l, j) for l, layer in enumerate(layers) for j, neuron in enumerate(layer)}
    l, j = where.get(q.of[0], (-1, -1))
    last = len(sizes) - 1
    allowed = {"input": l == 0, "target": l == last, "error": l == last}.get(q.kind, l > 0)
    if not allowed:
        raise KeyError(f"name: expected a neuron of this network that has such a value "
                       f"({', '.join(sum(layers, ()))}), got {name!r}")
    return l, j


def _example(fp: ForwardPass, name: str, example: int | None) -> int:
    """The row of ``name``'s example: its number less one, or 0 for a pass of one example."""
    examples = fp.outputs.shape[-2]
    if example is None and examples == 1:
        return 0
    if example is None or not 1 <= example <= examples:
        raise KeyError(f"name: expected an example number from 1 to {examples}, e.g. "
                       f"{names.of_example(names.base(name), 1)!r}, got {name!r}")
    return example - 1


def _gradient(bp: BackwardPass, sizes: tuple[int, ...], parameter: str) -> float:
    """dE/d``parameter``, summed over the batch."""
    shared = names.bias_sharing(sizes, [b.shape for b in bp.biases])
    for p in names.parameters(sizes, shared):
        if p.name == parameter:
            return float((bp.dE_dw if p.kind == "weights" else bp.dE_db)[p.layer][p.index])
    raise KeyError(f"name: expected the gradient of a parameter of this network, got {names.gradient(parameter)!r}")
