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
from numpy.typing import NDArray

from .formats import count
from .functions import Array
from .limits import check_configurations, check_steps, recorded_per_step
from .network import Network, check_data, check_network, run_backward, run_forward
from .passes import BackwardPass, ForwardPass, total_error
from .validation import InputTypeError, InputValueError, as_count, as_float_array, as_positive, check_choice, check_flag

# The learning rate wherever none is given (a worked example, a panel's start): the article's η.
DEFAULT_LEARNING_RATE = 0.5

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
    fp = run_forward(live, x, t)
    layers = range(len(live.weights))
    if order == "simultaneous":
        _descend(live, run_backward(live, fp), eta, layers, update_biases)
    else:
        for l in reversed(layers):  # deltas below l see the already-updated layers above
            _descend(live, run_backward(live, fp), eta, range(l, l + 1), update_biases)
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


def _frozen(live: Network, eta: Array, outputs: Array | None = None) -> Network:
    """The network ``live`` was trained to, as a value: refused, naming the learning rate, when a
    configuration's weights or ``outputs`` (its history) left the finite numbers (the run diverged)."""
    configs = live.config_shape
    arrays = [*live.weights, *live.biases] + ([] if outputs is None else [np.moveaxis(outputs, 0, -1)])
    finite = np.logical_and.reduce([np.isfinite(a).reshape(configs + (-1,)).all(-1) for a in arrays])
    if not finite.all():
        rates = np.broadcast_to(eta, configs)[~finite] if configs else np.atleast_1d(eta)
        shown = ", ".join(f"{r:g}" for r in rates[:5]) + (", ..." if len(rates) > 5 else "")
        first = "" if outputs is None else f" after {_first_overflow(outputs)}"
        raise InputValueError(f"learning_rate: expected a rate at which training stays finite, got {shown}, at which "
                              f"the weights or outputs grew past the largest number{first}")
    return Network(live.weights, live.biases, live.activations, live.error)


def _first_overflow(outputs: Array) -> str:
    """'12 updates': how many updates the first configuration to overflow took."""
    finite = np.isfinite(outputs.reshape(len(outputs), -1)).all(-1)
    return count(int(np.argmin(finite)), "update")


def _checked(network: Any, inputs: Any, targets: Any, learning_rate: Any, order: Any,
             update_biases: Any) -> tuple[Array, Array, Array]:
    check_network(network)
    x, t = check_data(network, inputs, targets)
    eta = as_positive("learning_rate", learning_rate, network.config_shape)
    as_order(order)
    check_flag("update_biases", update_biases)
    return x, t, eta


def update(network: Network, gradients: BackwardPass, learning_rate: Any, *,
           update_biases: bool = False) -> Network:
    """w+ = w - eta * dE/dw for every weight (and bias, on request), as a new network."""
    check_network(network)
    if not isinstance(gradients, BackwardPass):
        raise InputTypeError(f"gradients: expected the BackwardPass returned by backward(), "
                        f"got {type(gradients).__name__}")
    shapes = lambda net: [a.shape for a in net.weights + net.biases]
    if shapes(gradients) != shapes(network):
        raise InputValueError(f"gradients: expected the backward pass of this network, parameter shapes "
                         f"{shapes(network)}, got {shapes(gradients)}")
    eta = as_positive("learning_rate", learning_rate, network.config_shape)
    check_flag("update_biases", update_biases)
    new = _writable_copy(network)
    with np.errstate(over="ignore", invalid="ignore"):  # a step too large is refused by _frozen, naming eta
        _descend(new, gradients, _Rates.spread(eta, new), range(len(new.weights)), update_biases)
    return _frozen(new, eta)


def step(network: Network, inputs: Any, targets: Any, learning_rate: Any, *,
         order: Order = "simultaneous", update_biases: bool = False) -> Network:
    """One gradient-descent update on the (summed) error of inputs/targets."""
    return train(network, inputs, targets, learning_rate, 1, order=order,
                 update_biases=update_biases).network


def train(network: Network, inputs: Any, targets: Any, learning_rate: Any, steps: int, *,
          order: Order = "simultaneous", update_biases: bool = False, batch_size: int | None = None,
          seed: int = 0) -> TrainingResult:
    """``steps`` updates; errors[0] is before training, errors[n] after n updates.

    Each update follows the error summed over every example (batch training), or, with
    ``batch_size``, over a group of that many (a divisor of the number of examples): every pass
    over the data visits the examples in a new order drawn from ``seed``, cut into groups (so a
    group of one is online training). Errors and outputs are always those of every example.

    ``learning_rate`` may hold one value per configuration of a stacked network, which
    trains every configuration at once (see :func:`sweep_learning_rates`); every configuration
    sees the same order of examples.
    """
    x, t, eta = _checked(network, inputs, targets, learning_rate, order, update_biases)
    steps = as_count("steps", steps)
    check_steps("steps", steps, recorded_per_step(network.config_shape, *t.shape))
    groups = None if batch_size is None else _groups(x.shape[0], batch_size, steps, seed)
    live = _writable_copy(network)
    rates = _Rates.spread(eta, live)
    # the targets once per configuration, so that every step compares arrays of one shape
    t = np.broadcast_to(t, network.config_shape + t.shape).copy()
    outputs = np.empty((steps + 1,) + t.shape)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is refused by _frozen, naming eta
        for n in range(steps):
            if groups is None:
                outputs[n] = _step(live, x, t, rates, order, update_biases).outputs
            else:
                outputs[n] = run_forward(live, x, t).outputs
                _step(live, x[groups[n]], t[..., groups[n], :], rates, order, update_biases)
        outputs[steps] = run_forward(live, x, t).outputs
    final = _frozen(live, eta, outputs)
    # E_total of every step in one vectorised call, from the outputs recorded on the way
    errors = total_error(network.error(outputs, t))
    return TrainingResult(final, errors, outputs[steps].copy(), outputs)


def _groups(examples: int, batch_size: Any, steps: int, seed: Any) -> NDArray[np.intp]:
    """The examples of each of ``steps`` updates: ``batch_size`` of them, a new seeded order every pass."""
    batch_size = as_count("batch_size", batch_size, minimum=1)
    if examples % batch_size:
        raise InputValueError(f"batch_size: expected a divisor of the number of examples ({examples}), "
                              f"got {batch_size}")
    rng = np.random.default_rng(as_count("seed", seed))
    passes = -(-steps * batch_size // examples)
    order = np.concatenate([rng.permutation(examples) for _ in range(passes)]) if passes else np.empty(0, np.intp)
    return order.reshape(-1, batch_size)[:steps]


def sweep_learning_rates(network: Network, inputs: Any, targets: Any, rates: Any, steps: int, *,
                         order: Order = "simultaneous", update_biases: bool = False) -> TrainingResult:
    """Train one copy of ``network`` per learning rate, all in one vectorised pass.

    Result arrays gain a leading axis over ``rates``; ``errors`` has shape (steps+1, len(rates)).
    """
    check_network(network, single=True)
    eta = as_float_array("rates", rates)
    if eta.ndim != 1 or eta.size == 0:
        raise InputValueError(f"rates: expected a 1-D list of learning rates, got shape {eta.shape}")
    as_positive("rates", eta, eta.shape)
    check_configurations("rates", eta.size)
    return train(network.stacked(eta.size), inputs, targets, eta, steps, order=order,
                 update_biases=update_biases)
