"""Gradient descent: one update, a training run, and a sweep of learning rates.

Two update orders, because the article's closing figures need both (NOTES.md 2.4):

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
from .network import BackwardPass, ForwardPass, Network, _backward, _check_network, _forward, check_data
from .validation import as_count, as_float_array, as_positive, check_choice

Order = Literal["simultaneous", "output_first"]
ORDERS: tuple[str, ...] = ("simultaneous", "output_first")


@dataclass(frozen=True)
class TrainingResult:
    """The trained network and E_total before the first update and after each one."""

    network: Network
    errors: Array  # shape (steps + 1, *config_shape)
    outputs: Array  # the final network's outputs for the training inputs
    output_history: Array  # outputs before the first update and after each: (steps + 1, *outputs.shape)


def _per_config(learning_rate: Array, trailing: int) -> Array:
    # one learning rate per configuration, lined up with the parameters' leading axes
    return learning_rate.reshape(learning_rate.shape + (1,) * trailing)


def _descend(params: list[Array], grads: tuple[Array, ...], eta: Array, trailing: int,
             layers: range) -> None:
    for l in layers:
        params[l] -= _per_config(eta, trailing) * grads[l]


def _step(network: Network, weights: list[Array], biases: list[Array], x: Array, t: Array,
          eta: Array, order: str, update_biases: bool) -> ForwardPass:
    """One update of ``weights``/``biases`` in place; returns the forward pass before it."""
    live = _unchecked(network, weights, biases)
    fp = _forward(live, x, t)
    layers = range(len(weights))
    if order == "simultaneous":
        bp = _backward(live, fp)
        _descend(weights, bp.dE_dw, eta, 2, layers)
        if update_biases:
            _descend(biases, bp.dE_db, eta, 1, layers)
    else:
        for l in reversed(layers):  # deltas below l see the already-updated layers above
            bp = _backward(live, fp)
            _descend(weights, bp.dE_dw, eta, 2, range(l, l + 1))
            if update_biases:
                _descend(biases, bp.dE_db, eta, 1, range(l, l + 1))
    return fp


def _unchecked(network: Network, weights: list[Array], biases: list[Array]) -> Network:
    # The training loop's own buffers were validated once at the start; building a
    # Network without re-checking them every step keeps the loop cheap.
    live = object.__new__(Network)
    for name, value in (("weights", tuple(weights)), ("biases", tuple(biases)),
                        ("activations", network.activations), ("error", network.error)):
        object.__setattr__(live, name, value)
    return live


def _checked(network: Any, inputs: Any, targets: Any, learning_rate: Any, order: Any,
             update_biases: Any) -> tuple[Array, Array, Array]:
    _check_network(network)
    x, t = check_data(network, inputs, targets)
    eta = as_positive("learning_rate", learning_rate, network.config_shape)
    check_choice("order", order, ORDERS)
    if not isinstance(update_biases, bool):
        raise TypeError(f"update_biases: expected True or False, got {update_biases!r}")
    return x, t, eta


def update(network: Network, gradients: BackwardPass, learning_rate: Any, *,
           update_biases: bool = False) -> Network:
    """w+ = w - eta * dE/dw for every weight (and bias, on request), as a new network."""
    _check_network(network)
    if not isinstance(gradients, BackwardPass):
        raise TypeError(f"gradients: expected the BackwardPass returned by backward(), "
                        f"got {type(gradients).__name__}")
    if any(g.shape != w.shape for g, w in zip(gradients.dE_dw, network.weights)):
        raise ValueError("gradients: expected the backward pass of this network, got one of another shape")
    eta = as_positive("learning_rate", learning_rate, network.config_shape)
    if not isinstance(update_biases, bool):
        raise TypeError(f"update_biases: expected True or False, got {update_biases!r}")
    weights, biases = [w.copy() for w in network.weights], [b.copy() for b in network.biases]
    _descend(weights, gradients.dE_dw, eta, 2, range(len(weights)))
    if update_biases:
        _descend(biases, gradients.dE_db, eta, 1, range(len(biases)))
    return Network(tuple(weights), tuple(biases), network.activations, network.error)


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
    weights, biases = [w.copy() for w in network.weights], [b.copy() for b in network.biases]
    errors = np.empty((steps + 1,) + network.config_shape)
    outputs = np.empty((steps + 1,) + network.config_shape + t.shape)
    for n in range(steps):
        fp = _step(network, weights, biases, x, t, eta, order, update_biases)
        errors[n], outputs[n] = fp.total, fp.outputs
    final = Network(tuple(weights), tuple(biases), network.activations, network.error)
    fp = _forward(final, x, t)
    errors[steps], outputs[steps] = fp.total, fp.outputs
    return TrainingResult(final, errors, fp.outputs, outputs)


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
    return train(network.stacked(eta.size), inputs, targets, eta, steps, order=order,
                 update_biases=update_biases)
