"""Gradient descent: one update, a training run, and a sweep of learning rates.

Two update orders, because the article's closing figures need both (docs/errata.md, erratum 4):

* ``"simultaneous"`` (default, what the article describes): every gradient is computed
  from the original weights, then every weight moves.
* ``"output_first"``: the output layer moves first and the hidden deltas are computed
  through the *updated* output weights (the order of the script that printed the
  article's closing figures).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from .functions import Array
from .network import (BackwardPass, ForwardPass, Network, _backward, _check_network, _forward, check_data,
                      total_error)
from .validation import as_count, as_float_array, as_positive, check_choice, check_flag

Order = Literal["simultaneous", "output_first"]
ORDERS: tuple[Order, ...] = ("simultaneous", "output_first")


def as_order(value: Any) -> Order:
    """One of ORDERS, or an error naming ``order`` and the choices."""
    check_choice("order", value, ORDERS)
    return "simultaneous" if value == "simultaneous" else "output_first"


@dataclass(frozen=True)
class TrainingResult:
    """The trained network and E_total before the first update and after each one."""

    network: Network
    errors: Array  # shape (steps + 1, *config_shape)
    outputs: Array  # the final network's outputs for the training inputs
    output_history: Array  # outputs before the first update and after each: (steps + 1, *outputs.shape)


@dataclass(frozen=True)
class _Rates:
    """The learning rate of every weight and bias, shaped like them.

    eta (one per configuration) is spread over each parameter's shape once, so that
    every step's update multiplies arrays of equal shape: for arrays this small, numpy
    takes two to three times as long when it has to broadcast.
    """

    weights: tuple[Array, ...]
    biases: tuple[Array, ...]

    @classmethod
    def spread(cls, eta: Array, network: Network) -> _Rates:
        def like(p: Array) -> Array:
            return np.broadcast_to(eta.reshape(eta.shape + (1,) * (p.ndim - eta.ndim)), p.shape).copy()
        return cls(tuple(map(like, network.weights)), tuple(map(like, network.biases)))


def _descend(network: Network, bp: BackwardPass, eta: _Rates, layers: range, update_biases: bool) -> None:
    """w+ = w - eta * dE/dw in place, for the given layers of a private, writable network."""
    for l in layers:
        w = network.weights[l]
        w -= eta.weights[l] * bp.dE_dw[l]
        if update_biases:
            b = network.biases[l]
            b -= eta.biases[l] * bp.dE_db[l]


def _step(live: Network, x: Array, t: Array, eta: _Rates, order: str, update_biases: bool) -> ForwardPass:
    """One update of ``live`` in place; returns the forward pass before it."""
    fp = _forward(live, x, t)
    layers = range(len(live.weights))
    if order == "simultaneous":
        _descend(live, _backward(live, fp), eta, layers, update_biases)
    else:
        for l in reversed(layers):  # deltas below l see the already-updated layers above
            _descend(live, _backward(live, fp), eta, range(l, l + 1), update_biases)
    return fp


def _writable_copy(network: Network) -> Network:
    # The one Network whose arrays change: private to update() and train(), which move
    # its weights in place, step after step, and hand out a frozen Network at the end.
    # It skips __post_init__ (which would freeze the copies); ``network`` was checked.
    live = object.__new__(Network)
    for name, value in (("weights", tuple(w.copy() for w in network.weights)),
                        ("biases", tuple(b.copy() for b in network.biases)),
                        ("activations", network.activations), ("error", network.error)):
        object.__setattr__(live, name, value)
    return live


def _frozen(live: Network) -> Network:
    return Network(live.weights, live.biases, live.activations, live.error)


def _checked(network: Any, inputs: Any, targets: Any, learning_rate: Any, order: Any,
             update_biases: Any) -> tuple[Array, Array, Array]:
    _check_network(network)
    x, t = check_data(network, inputs, targets)
    eta = as_positive("learning_rate", learning_rate, network.config_shape)
    as_order(order)
    check_flag("update_biases", update_biases)
    return x, t, eta


def update(network: Network, gradients: BackwardPass, learning_rate: Any, *,
           update_biases: bool = False) -> Network:
    """w+ = w - eta * dE/dw for every weight (and bias, on request), as a new network."""
    _check_network(network)
    if not isinstance(gradients, BackwardPass):
        raise TypeError(f"gradients: expected the BackwardPass returned by backward(), "
                        f"got {type(gradients).__name__}")
    shapes = lambda net: [a.shape for a in net.weights + net.biases]
    if shapes(gradients) != shapes(network):
        raise ValueError(f"gradients: expected the backward pass of this network, parameter shapes "
                         f"{shapes(network)}, got {shapes(gradients)}")
    eta = as_positive("learning_rate", learning_rate, network.config_shape)
    check_flag("update_biases", update_biases)
    new = _writable_copy(network)
    _descend(new, gradients, _Rates.spread(eta, new), range(len(new.weights)), update_biases)
    return _frozen(new)


def step(network: Network, inputs: Any, targets: Any, learning_rate: Any, *,
         order: Order = "simultaneous", update_biases: bool = False) -> Network:
    """One gradient-descent update on the (summed) error of inputs/targets."""
    return train(network, inputs, targets, learning_rate, 1, order=order,
                 update_biases=update_biases).network


def train(network: Network, inputs: Any, targets: Any, learning_rate: Any, steps: int, *,
          order: Order = "simultaneous", update_biases: bool = False) -> TrainingResult:
    """``steps`` full-batch updates; errors[0] is before training, errors[n] after n updates.

    ``learning_rate`` may hold one value per configuration of a stacked network, which
    trains every configuration at once (see :func:`sweep_learning_rates`).
    """
    x, t, eta = _checked(network, inputs, targets, learning_rate, order, update_biases)
    steps = as_count("steps", steps)
    live = _writable_copy(network)
    rates = _Rates.spread(eta, live)
    # the targets once per configuration, so that every step compares arrays of one shape
    t = np.broadcast_to(t, network.config_shape + t.shape).copy()
    outputs = np.empty((steps + 1,) + t.shape)
    for n in range(steps):
        outputs[n] = _step(live, x, t, rates, order, update_biases).outputs
    final = _frozen(live)
    outputs[steps] = _forward(final, x, t).outputs
    # E_total of every step in one vectorised call, from the outputs recorded on the way
    errors = total_error(network.error(outputs, t))
    return TrainingResult(final, errors, outputs[steps].copy(), outputs)


def sweep_learning_rates(network: Network, inputs: Any, targets: Any, rates: Any, steps: int, *,
                         order: Order = "simultaneous", update_biases: bool = False) -> TrainingResult:
    """Train one copy of ``network`` per learning rate, all in one vectorised pass.

    Result arrays gain a leading axis over ``rates``; ``errors`` has shape (steps+1, len(rates)).
    """
    _check_network(network)
    if network.config_shape:
        raise ValueError(f"network: expected a single network, got one stacked {network.config_shape}")
    eta = as_float_array("rates", rates)
    if eta.ndim != 1 or eta.size == 0:
        raise ValueError(f"rates: expected a 1-D list of learning rates, got shape {eta.shape}")
    as_positive("rates", eta, eta.shape)
    return train(network.stacked(eta.size), inputs, targets, eta, steps, order=order,
                 update_biases=update_biases)
