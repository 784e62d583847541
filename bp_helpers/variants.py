"""Other activations, error functions and depths: how they change the gradient.

* The article's network with other activations or another error function (:func:`variant`),
  and the output deltas each error function gives (:func:`output_delta`).
* The size of each layer's gradient in a deeper network (:func:`layer_gradients`), over many
  random starts (:func:`gradient_sizes_over_seeds`).

The numeric core only: every function is pure.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .functions import Activation, Array, ErrorFunction
from .network import Network, backward, check_data, check_network, forward
from .xor import random_starts


def variant(network: Network, *, hidden: Activation | None = None, output: Activation | None = None,
            error: ErrorFunction | None = None) -> Network:
    """The same weights and biases with other activations (hidden layers, output layer) or another
    error function; what is not given stays as it was."""
    check_network(network)
    acts = list(network.activations)
    if hidden is not None:
        acts[:-1] = [hidden] * (len(acts) - 1)
    if output is not None:
        acts[-1] = output
    return Network(network.weights, network.biases, tuple(acts), network.error if error is None else error)


def output_delta(network: Network, inputs: Any, targets: Any) -> Array:
    """delta of every output neuron, dE/dnet = dE/dout · dout/dnet (one row per example)."""
    check_network(network)
    fp = forward(network, *check_data(network, inputs, targets))
    return backward(network, fp).delta[-1]


# --- deeper networks ---------------------------------------------------------------------------

@dataclass(frozen=True)
class LayerGradients:
    """Per layer of weights (first hidden layer first): mean |dE/dw|, and the mean and largest
    slope dout/dnet of its neurons over the examples."""

    mean_abs_gradient: tuple[float, ...]
    mean_slope: tuple[float, ...]
    max_slope: tuple[float, ...]

    @property
    def ratios(self) -> tuple[float, ...]:
        """Each layer's mean |dE/dw| divided by the next layer's (how much it shrank on the way down)."""
        g = self.mean_abs_gradient
        return tuple(a / b for a, b in itertools.pairwise(g))


def layer_gradients(network: Network, inputs: Any, targets: Any) -> LayerGradients:
    """The size of every layer's weight gradient on the (summed) error of inputs/targets."""
    check_network(network, single=True)
    bp = backward(network, forward(network, *check_data(network, inputs, targets)))
    return LayerGradients(tuple(float(np.abs(g).mean()) for g in bp.dE_dw),
                          tuple(float(s.mean()) for s in bp.dout_dnet),
                          tuple(float(s.max()) for s in bp.dout_dnet))


def gradient_sizes_over_seeds(sizes: Sequence[int], seeds: Sequence[int], inputs: Any, targets: Any) -> Array:
    """Mean |dE/dw| per layer for ``Network.random(sizes, seed=s, shared_bias=False)``, one row per seed."""
    net = random_starts(sizes, seeds)
    bp = backward(net, forward(net, *check_data(net, inputs, targets)))
    return np.stack([np.abs(g).mean(axis=(-2, -1)) for g in bp.dE_dw], axis=-1)
