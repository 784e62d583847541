"""XOR: one small network, four examples, and what they teach beyond the article's one example.

* The four examples and their targets, and training on them in groups of any size (batch,
  mini-batch, online), recorded per gradient evaluation: :func:`train_in_batches`,
  :func:`compare_schedules`.
* A seeded search for a start from which a network learns XOR and one from which it gets stuck
  (:func:`search_starts`), and the lowest error a network without a hidden layer reaches
  anywhere on a grid of its weights (:func:`best_on_grid`).
* Many networks of one shape trained as one: :func:`stack`, :func:`pick`, :func:`random_starts`.

The numeric core only: every function is pure, and seeded where it draws random numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from .functions import HALF_SQUARED_ERROR, LOGISTIC, Activation, Array, ErrorFunction
from .network import Network, check_data, check_network, forward
from .training import train
from .validation import InputTypeError, InputValueError, as_count, as_float_array, as_positive

XOR_INPUTS: Array = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_TARGETS: Array = np.array([[0.0], [1.0], [1.0], [0.0]])
XOR_LABELS: tuple[str, ...] = tuple(",".join(str(int(v)) for v in row) for row in XOR_INPUTS)  # "0,1"
XOR_RATE = 2.0  # the learning rate for XOR (with the article's 0.5, the same runs take about 4x as many updates)
XOR_STEPS = 5_000  # batch updates of the start search
SEEDS = tuple(range(32))  # the seeds a search tries: Network.random(sizes, seed=s, shared_bias=False)
LEARNED_WITHIN = 0.1  # "learned": every output within this of its target
STUCK_ABOVE = 0.2  # "stuck": E_total still above this after XOR_STEPS updates
SCHEDULES: Mapping[str, int] = MappingProxyType({"batch": 4, "mini-batch": 2, "online": 1})  # name -> examples per update


def stack(networks: Sequence[Network]) -> Network:
    """Networks of one shape as one network with a leading configuration axis (one per network)."""
    if not networks or not all(isinstance(n, Network) for n in networks):
        raise InputTypeError(f"networks: expected a non-empty list of Network, got {networks!r}")
    first = networks[0]
    shapes = [[a.shape for a in n.weights + n.biases] for n in networks]
    if any(s != shapes[0] for s in shapes) or first.config_shape:
        raise InputValueError(f"networks: expected single networks of one shape, got parameter shapes {shapes}")
    return Network(tuple(np.stack(ws) for ws in zip(*(n.weights for n in networks), strict=True)),
                   tuple(np.stack(bs) for bs in zip(*(n.biases for n in networks), strict=True)),
                   first.activations, first.error)


def pick(network: Network, index: int) -> Network:
    """Configuration ``index`` of a stacked network, as a single network."""
    check_network(network)
    if len(network.config_shape) != 1:
        raise InputValueError(f"network: expected one configuration axis, got {network.config_shape}")
    index = as_count("index", index)
    if index >= network.config_shape[0]:
        raise InputValueError(f"index: expected < {network.config_shape[0]}, got {index}")
    return Network(tuple(w[index] for w in network.weights), tuple(b[index] for b in network.biases),
                   network.activations, network.error)


def random_starts(sizes: Sequence[int], seeds: Sequence[int] = SEEDS) -> Network:
    """``Network.random(sizes, seed=s, shared_bias=False)`` for every seed, stacked."""
    return stack([Network.random(sizes, seed=s, shared_bias=False) for s in seeds])


# --- several examples: batch, mini-batch, online ---------------------------------------------

@dataclass(frozen=True)
class ScheduleRun:
    """E_total on *every* example before the first update and after each one, and how many
    gradient evaluations (one per example) had been spent by then."""

    batch_size: int
    evaluations: Array  # (updates + 1,): 0, batch_size, 2 batch_size, ... (as floats, an x axis)
    errors: Array  # (updates + 1, *config_shape)
    network: Network  # after the last update

    def error_after(self, evaluations: int) -> Array:
        """E_total after the last update that had spent at most ``evaluations`` evaluations."""
        k = int(np.searchsorted(self.evaluations, as_count("evaluations", evaluations), side="right")) - 1
        return self.errors[k]


def train_in_batches(network: Network, inputs: Any, targets: Any, learning_rate: float, batch_size: int,
                     evaluations: int, *, seed: int = 0, update_biases: bool = True) -> ScheduleRun:
    """Gradient descent on groups of ``batch_size`` examples (a divisor of their number) until
    ``evaluations`` example gradients are spent.

    Every pass over the data visits the examples in a new order (seeded), cut into groups;
    each update follows the summed gradient of its group (so a group of all the examples is
    batch training, a group of one online training). Every configuration of a stacked network
    sees the same order.
    """
    batch_size = as_count("batch_size", batch_size, minimum=1)
    updates = as_count("evaluations", evaluations, minimum=batch_size) // batch_size
    run = train(network, inputs, targets, learning_rate, updates, batch_size=batch_size, seed=seed,
                update_biases=update_biases)
    return ScheduleRun(batch_size, np.arange(updates + 1, dtype=np.float64) * batch_size, run.errors, run.network)


def compare_schedules(network: Network, inputs: Any = XOR_INPUTS, targets: Any = XOR_TARGETS,
                      learning_rate: float = XOR_RATE, evaluations: int = 4_000, *,
                      schedules: Mapping[str, int] = SCHEDULES, seed: int = 0) -> dict[str, ScheduleRun]:
    """One :func:`train_in_batches` run per schedule (name -> batch size), from the same start,
    for the same number of gradient evaluations and the same seed."""
    return {name: train_in_batches(network, inputs, targets, learning_rate, size, evaluations, seed=seed)
            for name, size in schedules.items()}


# --- XOR: a network that learns it, one that gets stuck, and one that cannot ----------------

@dataclass(frozen=True)
class StartSearch:
    """Batch training from every seed's start, and the first seed that learned / got stuck."""

    sizes: tuple[int, ...]
    seeds: tuple[int, ...]
    final_errors: Array  # E_total after `steps` updates, one per seed
    outputs: Array  # final outputs (seeds, examples, outputs)
    learned: tuple[bool, ...]
    stuck: tuple[bool, ...]
    steps: int
    final: Network  # every seed's network after training, stacked in the order of ``seeds``

    @property
    def learned_seed(self) -> int | None:
        """The first seed from which every output ended within LEARNED_WITHIN of its target."""
        return next((s for s, ok in zip(self.seeds, self.learned, strict=True) if ok), None)

    @property
    def stuck_seed(self) -> int | None:
        """The first seed whose E_total was still above STUCK_ABOVE at the end."""
        return next((s for s, bad in zip(self.seeds, self.stuck, strict=True) if bad), None)

    def outputs_of(self, seed: int) -> Array:
        """Final outputs of one seed's run, one row per example."""
        return self.outputs[self.seeds.index(seed)]

    def network_of(self, seed: int) -> Network:
        """One seed's network after training."""
        return pick(self.final, self.seeds.index(seed))


def search_starts(sizes: Sequence[int] = (2, 2, 1), seeds: Sequence[int] = SEEDS, inputs: Any = XOR_INPUTS,
                  targets: Any = XOR_TARGETS, learning_rate: float = XOR_RATE, steps: int = XOR_STEPS
                  ) -> StartSearch:
    """Train ``Network.random(sizes, seed=s, shared_bias=False)`` for every seed, biases too, all
    in one vectorised pass, and sort the runs into learned and stuck."""
    seeds = tuple(as_count(f"seeds[{i}]", s) for i, s in enumerate(seeds))
    run = train(random_starts(sizes, seeds), inputs, targets, learning_rate, as_count("steps", steps),
                update_biases=True)
    t = np.asarray(targets, dtype=float).reshape(run.outputs.shape[-2:])
    learned = np.all(np.abs(run.outputs - t) < LEARNED_WITHIN, axis=(-2, -1))
    stuck = run.errors[-1] > STUCK_ABOVE
    return StartSearch(tuple(sizes), seeds, run.errors[-1], run.outputs, tuple(map(bool, learned)),
                       tuple(map(bool, stuck)), steps, run.network)


@dataclass(frozen=True)
class GridBest:
    """The lowest E_total over a grid of every weight and bias of a one-neuron network."""

    error: float
    weights: tuple[float, ...]  # the best grid point's weights, then its bias
    outputs: Array  # its outputs, one per example
    networks: int  # how many grid points were tried


def best_on_grid(inputs: Any = XOR_INPUTS, targets: Any = XOR_TARGETS, *, span: float = 10.0,
                 points: int = 41, activation: Activation = LOGISTIC,
                 error: ErrorFunction = HALF_SQUARED_ERROR) -> GridBest:
    """Every one-neuron network (inputs -> 1 output, no hidden layer) with each weight and the
    bias on ``points`` values from -span to span, evaluated in one vectorised forward pass."""
    x = as_float_array("inputs", inputs)
    n_in = x.shape[-1]
    values = np.linspace(-float(as_positive("span", span)), float(span), as_count("points", points, minimum=2))
    grid = np.stack(np.meshgrid(*[values] * (n_in + 1), indexing="ij"), axis=-1).reshape(-1, n_in + 1)
    net = Network((grid[:, None, :n_in],), (grid[:, n_in:],), (activation,), error)
    fp = forward(net, *check_data(net, x, targets))
    totals = fp.total
    best = int(np.argmin(totals))
    return GridBest(float(totals[best]), tuple(float(v) for v in grid[best]), fp.outputs[best, :, 0].copy(),
                    grid.shape[0])
