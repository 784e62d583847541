"""A dense feed-forward network and its forward and backward passes.

Conventions, used everywhere in the package:

* ``weights[l][j, k]`` is the weight from neuron k of layer l to neuron j of layer l+1
  (layer 0 is the inputs), so ``net = out_prev @ W.T + b``.
* ``biases[l]`` has shape ``(1,)`` for one bias shared by the whole layer (the article's
  b1 and b2) or ``(n,)`` for one bias per neuron.
* Inputs and targets are one example ``(n,)`` or a batch of rows ``(batch, n)``; errors
  and gradients are **summed** over the batch (so a batch of one gives the article's
  numbers, and a batch gradient is the sum of the per-example gradients).
* Every parameter may carry leading "configuration" axes, e.g. weights of shape
  ``(64, 2, 2)``: 64 independent networks trained side by side in one numpy call each.
* :func:`forward` and :func:`backward` return the records of :mod:`bp_helpers.passes`, which
  answer by the article's names: ``backward(net, fp)["dE_dw5"]``, ``fp["net_h1[2]"]``.
"""

from __future__ import annotations

import inspect
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import names
from .functions import HALF_SQUARED_ERROR, LOGISTIC, Activation, Array, ErrorFunction
from .limits import check_configurations, check_parameters
from .passes import BackwardPass, ForwardPass
from .validation import InputTypeError, InputValueError, as_batch, as_count, as_float_array, as_layers, check_flag


@dataclass(frozen=True, eq=False)  # equal only to itself: arrays have no single truth value
class Network:
    """Weights, biases, one activation per layer and the error function."""

    weights: tuple[Array, ...]
    biases: tuple[Array, ...]
    activations: tuple[Activation, ...]
    error: ErrorFunction = HALF_SQUARED_ERROR

    def __post_init__(self) -> None:
        # Copies, so that no caller's array can change a Network later (or be frozen by it).
        weights = tuple(as_float_array(f"weights[{l}]", w).copy()
                        for l, w in enumerate(as_layers("weights", self.weights, "weight matrices")))
        biases = tuple(as_float_array(f"biases[{l}]", b).copy()
                       for l, b in enumerate(as_layers("biases", self.biases, "bias vectors")))
        activations = as_layers("activations", self.activations, "activations")
        if not weights:
            raise InputValueError("weights: expected at least one layer, got none")
        if len(biases) != len(weights) or len(activations) != len(weights):
            raise InputValueError(
                f"biases, activations: expected one per layer ({len(weights)}), "
                f"got {len(biases)} biases and {len(activations)} activations"
            )
        configs = weights[0].shape[:-2]
        for l, (w, b) in enumerate(zip(weights, biases)):
            if w.ndim < 2 or w.shape[:-2] != configs or w.size == 0:
                raise InputValueError(f"weights[{l}]: expected shape {configs + ('n_out', 'n_in')}, got {w.shape}")
            if l and w.shape[-1] != weights[l - 1].shape[-2]:
                raise InputValueError(
                    f"weights[{l}]: expected {weights[l - 1].shape[-2]} columns "
                    f"(one per neuron of the layer before), got shape {w.shape}"
                )
            if b.shape not in (configs + (1,), configs + (w.shape[-2],)):
                raise InputValueError(
                    f"biases[{l}]: expected shape {configs + (1,)} (shared) or "
                    f"{configs + (w.shape[-2],)} (per neuron), got {b.shape}"
                )
        check_parameters("weights", (weights[0].shape[-1],) + tuple(w.shape[-2] for w in weights), math.prod(configs))
        for l, act in enumerate(activations):
            if not _is_function(act, arguments=1):
                raise InputTypeError(f"activations[{l}]: expected an Activation, act(net), got {act!r}")
        if not _is_function(self.error, arguments=2):
            raise InputTypeError(f"error: expected an ErrorFunction, error(out, target), got {self.error!r}")
        for array in weights + biases:
            array.flags.writeable = False  # a Network is a value: training makes new ones
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "biases", biases)
        object.__setattr__(self, "activations", activations)

    @classmethod
    def from_layers(
    cls,
        weights: Sequence[Any],
        biases: Sequence[Any],
        activation: Activation | Sequence[Activation] = LOGISTIC,
        error: ErrorFunction = HALF_SQUARED_ERROR,
    ) -> Network:
        """Build from nested lists; one activation for all layers or one per layer."""
        weights = as_layers("weights", weights, "weight matrices")
        if isinstance(activation, (list, tuple)):
            if len(activation) != len(weights):
                raise InputValueError(f"activation: expected one for all layers or one per layer "
                                 f"({len(weights)}), got {len(activation)}")
            activations = tuple(activation)
        elif _is_function(activation, arguments=1):
            activations = (activation,) * len(weights)
        else:
            raise InputTypeError(f"activation: expected an Activation such as LOGISTIC, or a list "
                            f"with one per layer, got {activation!r}")
        return cls(weights, as_layers("biases", biases, "bias vectors"), activations, error)

    @classmethod
    def random(
    cls,
        sizes: Sequence[int],
        *,
        seed: int | None = None,
        shared_bias: bool = True,
        activation: Activation | Sequence[Activation] = LOGISTIC,
        error: ErrorFunction = HALF_SQUARED_ERROR,
    ) -> Network:
        """Random weights in [-1, 1) for layer sizes like (3, 5, 2); reproducible by seed."""
        sizes = as_layers("sizes", sizes, "layer sizes")
        if len(sizes) < 2:
            raise InputValueError(f"sizes: expected at least two layer sizes like (2, 2, 2), got {sizes!r}")
        sizes = tuple(as_count(f"sizes[{i}]", n, minimum=1) for i, n in enumerate(sizes))
        check_parameters("sizes", sizes)  # before drawing numbers: a 2-100000-100000 network is 80 GB
        if seed is not None:
            as_count("seed", seed)
        check_flag("shared_bias", shared_bias)
        rng = np.random.default_rng(seed)
        weights = [rng.uniform(-1, 1, (n_out, n_in)) for n_in, n_out in itertools.pairwise(sizes)]
        biases = [rng.uniform(-1, 1, 1 if shared_bias else n_out) for n_out in sizes[1:]]
        return cls.from_layers(weights, biases, activation, error)

    @property
    def sizes(self) -> tuple[int, ...]:
        """Neurons per layer, inputs first: (2, 2, 2) for the article."""
        return (self.weights[0].shape[-1],) + tuple(w.shape[-2] for w in self.weights)

    @property
    def config_shape(self) -> tuple[int, ...]:
        """Leading axes of stacked configurations; () for a single network."""
        return self.weights[0].shape[:-2]

    @property
    def shared_bias(self) -> bool:
        """One bias a layer, shared by its neurons (the article's b1, b2), rather than one a neuron.
        A network that mixes the two is refused here: the article's names number biases one way
        or the other (:func:`bp_helpers.names.bias_sharing`)."""
        return names.bias_sharing(self.sizes, [b.shape for b in self.biases])

    def stacked(self, count: int) -> Network:
        """``count`` copies of this network along a new leading configuration axis."""
        count = as_count("count", count, minimum=1)
        check_configurations("count", count)
        check_parameters("count", self.sizes, count)
        tile = lambda a: np.broadcast_to(a, (count,) + a.shape)
        return Network(tuple(map(tile, self.weights)), tuple(map(tile, self.biases)),
                       self.activations, self.error)


# run_forward and run_backward are the only implementation of the maths; they run once per
# training step, so they avoid per-call overhead where that costs no clarity (e.g. the
# ndarray.swapaxes method is a fraction of the cost of the np.swapaxes function).

def run_forward(network: Network, inputs: Array, targets: Array) -> ForwardPass:
    """The forward pass itself, its arguments not checked: for a caller that checked them once
    (with :func:`check_network` and :func:`check_data`) and runs it many times, as training does.
    Everyone else calls :func:`forward`."""
    net, out, previous = [], [], inputs
    for w, b, act in zip(network.weights, network.biases, network.activations):
        n = previous @ w.swapaxes(-1, -2)
        n += b[..., None, :]  # one bias row per configuration, broadcast over the batch
        previous = act(n)
        net.append(n)
        out.append(previous)
    return ForwardPass(inputs, targets, tuple(net), tuple(out), network.error)


def run_backward(network: Network, fp: ForwardPass) -> BackwardPass:
    """The backward pass itself, its arguments not checked (see :func:`run_forward`); everyone
    else calls :func:`backward`."""
    dE_dout: list[Array] = [network.error.derivative(fp.out[-1], fp.targets)]
    dout_dnet: list[Array] = []
    delta: list[Array] = []
    for l in reversed(range(len(network.weights))):  # each delta needs the one above it
        dout_dnet.append(network.activations[l].derivative(fp.net[l], fp.out[l]))
        delta.append(dE_dout[-1] * dout_dnet[-1])
        if l:  # the error reaching out_k of the layer below, summed over every path j
            dE_dout.append(delta[-1] @ network.weights[l])
    # built from the output layer down, stored from the first layer up like the weights
    return BackwardPass(fp, network.weights, network.biases,
                        tuple(dE_dout[::-1]), tuple(dout_dnet[::-1]), tuple(delta[::-1]))


def check_data(network: Network, inputs: Any, targets: Any) -> tuple[Array, Array]:
    """Validate inputs and targets against the network; return them as batches of rows."""
    n_in, n_out = network.sizes[0], network.sizes[-1]
    x = as_batch("inputs", inputs, n_in, "number of inputs")
    t = as_batch("targets", targets, n_out, "number of outputs")
    if x.shape[0] != t.shape[0]:
        raise InputValueError(f"inputs, targets: expected the same number of examples, got {x.shape[0]} and {t.shape[0]}")
    return x, t


def forward(network: Network, inputs: Any, targets: Any) -> ForwardPass:
    """Feed inputs forward and measure the error against the targets."""
    check_network(network)
    return run_forward(network, *check_data(network, inputs, targets))


def backward(network: Network, fp: ForwardPass) -> BackwardPass:
    """Propagate the error of a forward pass back to every weight and bias."""
    check_network(network)
    if not isinstance(fp, ForwardPass):
        raise InputTypeError(f"fp: expected the ForwardPass returned by forward(), got {type(fp).__name__}")
    sizes = (fp.inputs.shape[-1],) + tuple(o.shape[-1] for o in fp.out)
    configs = fp.outputs.shape[:-2]
    if sizes != network.sizes or configs != network.config_shape:
        raise InputValueError(f"fp: expected a forward pass of this network, layer sizes {network.sizes} "
                         f"and configurations {network.config_shape}, got {sizes} and {configs}")
    return run_backward(network, fp)


def _is_function(f: Any, arguments: int) -> bool:
    # Duck typing, as the Protocols in functions.py describe: called with ``arguments``
    # arrays and carrying a derivative. The count tells an activation, act(net), from an
    # error function, error(out, target): mixing them up would fail only mid-computation.
    if not (callable(f) and callable(getattr(f, "derivative", None))):
        return False
    try:
        inspect.signature(f).bind(*[None] * arguments)
    except TypeError:
        return False
    except ValueError:  # no signature to read (some builtins): trust the duck
        pass
    return True


def check_network(network: Any, *, single: bool = False) -> Network:
    """``network`` if it is a :class:`Network` (and, with ``single``, not a stack of several
    configurations), or an error naming ``network``."""
    if not isinstance(network, Network):
        raise InputTypeError(f"network: expected a Network, got {type(network).__name__}")
    if single and network.config_shape:
        raise InputValueError(f"network: expected a single network, got one stacked {network.config_shape}")
    return network
