"""The computations of notebook 07, "Beyond one example": no plotting, no widgets.

* XOR's four examples, and training on them in batches of any size (batch, mini-batch,
  online), recorded per gradient evaluation: :func:`train_in_batches`, :func:`compare_schedules`.
* A seeded search for a start from which a network learns and one from which it gets stuck
  (:func:`search_starts`), and the lowest error a network without a hidden layer reaches
  anywhere on a grid of its weights (:func:`best_on_grid`).
* The article's network with other activations and error functions (:func:`variant`), and the
  output deltas of each error function (:func:`output_delta`).
* The size of each layer's gradient in a deeper network (:func:`layer_gradients`,
  :func:`gradient_sizes_over_seeds`).
* The error along the gradient direction, E(w - s·g), beside its first-order prediction
  E - s·|g|², and the shortest step that raises the error (:func:`error_slice`, :func:`first_rise`);
  :class:`SliceSweep` and :class:`SlicePoint` are what the notebook's slider panel computes and says.

Touches the numeric core only (network, training, functions): every function is pure, and
seeded where it draws random numbers. Text is built with :mod:`bp_helpers.formats` only.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .article import INPUTS, TARGETS, article_network
from .formats import number, short
from .functions import HALF_SQUARED_ERROR, LOGISTIC, Activation, Array, ErrorFunction
from .network import Network, _backward, _forward, check_data, check_network
from .training import train
from .validation import InputTypeError, InputValueError, as_count, as_float_array, as_positive, check_flag

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
    fp = _forward(net, *check_data(net, x, targets))
    totals = fp.total
    best = int(np.argmin(totals))
    return GridBest(float(totals[best]), tuple(float(v) for v in grid[best]), fp.outputs[best, :, 0].copy(),
                    grid.shape[0])


# --- other activations and error functions ---------------------------------------------------

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
    fp = _forward(network, *check_data(network, inputs, targets))
    return _backward(network, fp).delta[-1]


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
    bp = _backward(network, _forward(network, *check_data(network, inputs, targets)))
    return LayerGradients(tuple(float(np.abs(g).mean()) for g in bp.dE_dw),
                          tuple(float(s.mean()) for s in bp.dout_dnet),
                          tuple(float(s.max()) for s in bp.dout_dnet))


def gradient_sizes_over_seeds(sizes: Sequence[int], seeds: Sequence[int], inputs: Any, targets: Any) -> Array:
    """Mean |dE/dw| per layer for ``Network.random(sizes, seed=s, shared_bias=False)``, one row per seed."""
    net = random_starts(sizes, seeds)
    bp = _backward(net, _forward(net, *check_data(net, inputs, targets)))
    return np.stack([np.abs(g).mean(axis=(-2, -1)) for g in bp.dE_dw], axis=-1)


# --- the error along the gradient --------------------------------------------------------------

@dataclass(frozen=True)
class Slice:
    """E(w - s·g) for every step size s, g the gradient at w (of the weights, and of the biases
    when ``update_biases``), beside the first-order prediction E(w) - s·|g|²."""

    steps: Array
    errors: Array
    first_order: Array
    start_error: float
    gradient_norm2: float  # |g|², the sum of every squared gradient
    update_biases: bool

    @property
    def rises(self) -> NDArray[np.bool_]:
        """True where a step of that size ends higher than the start."""
        return self.errors > self.start_error

    @property
    def lowest(self) -> tuple[float, float]:
        """(s, E) at the lowest error of the slice."""
        k = int(np.argmin(self.errors))
        return float(self.steps[k]), float(self.errors[k])


def _moved(network: Network, steps: Array, update_biases: bool, bp: Any) -> Network:
    """One network per step size s: w - s·g (and b - s·g_b), stacked."""
    s = steps.reshape(-1, 1, 1)
    weights = tuple(w[None] - s * g[None] for w, g in zip(network.weights, bp.dE_dw, strict=True))
    biases = tuple(b[None] - s[..., 0] * g[None] if update_biases else np.broadcast_to(b, (steps.size,) + b.shape)
                   for b, g in zip(network.biases, bp.dE_db, strict=True))
    return Network(weights, biases, network.activations, network.error)


def error_slice(network: Network, inputs: Any, targets: Any, steps: Any, *, update_biases: bool = False) -> Slice:
    """The error after one gradient step of every size in ``steps``, all in one forward pass."""
    check_network(network, single=True)
    x, t = check_data(network, inputs, targets)
    s = as_float_array("steps", steps)
    if s.ndim != 1 or s.size == 0 or np.any(s < 0):
        raise InputValueError(f"steps: expected a 1-D list of step sizes >= 0, got {steps!r}")
    check_flag("update_biases", update_biases)
    fp = _forward(network, x, t)
    bp = _backward(network, fp)
    norm2 = float(sum(np.sum(g * g) for g in bp.dE_dw + (bp.dE_db if update_biases else ())))
    errors = _forward(_moved(network, s, update_biases, bp), x, t).total
    start = float(fp.total)
    return Slice(s.copy(), errors, start - s * norm2, start, norm2, update_biases)


def first_rise(network: Network, inputs: Any, targets: Any, *, update_biases: bool = False,
               largest: float = 1e4, points: int = 2_001, tolerance: float = 1e-9) -> float | None:
    """The shortest step s (up to ``largest``) after which E(w - s·g) > E(w), or None if no step
    on a log grid of ``points`` sizes from 1e-3 to ``largest`` raises the error.

    The first grid point that rises is then narrowed down by bisection to a relative ``tolerance``.
    """
    grid = np.geomspace(1e-3, float(as_positive("largest", largest)), as_count("points", points, minimum=2))
    sl = error_slice(network, inputs, targets, grid, update_biases=update_biases)
    if not sl.rises.any():
        return None
    k = int(np.argmax(sl.rises))
    lo, hi = (float(grid[k - 1]) if k else 0.0), float(grid[k])
    while hi - lo > tolerance * hi:
        mid = np.array([(lo + hi) / 2])
        if error_slice(network, inputs, targets, mid, update_biases=update_biases).rises[0]:
            hi = float(mid[0])
        else:
            lo = float(mid[0])
    return hi



# The step sizes the panel's slider offers: about six per decade, 0.1 .. 1000, the article's 0.5 among them.
STEP_SIZES: tuple[float, ...] = tuple(
    float(f"{m}e{e}") for e in (-1, 0, 1, 2) for m in ("1", "1.5", "2", "3", "5", "7")) + (1000.0,)
LARGEST_STEP = 1e4  # how far first_rise looks


@dataclass(frozen=True)
class SlicePoint:
    """One step of size s along the gradient of the article's network: the error before and after
    it, the first-order prediction, the slice's lowest point and the shortest step that rises."""

    step: float
    update_biases: bool
    start_error: float
    error: float
    first_order: float
    lowest: tuple[float, float]  # (s, E) at the lowest error of the slice
    first_rise: float | None  # the shortest step that raises E (None: none up to LARGEST_STEP)

    @property
    def change(self) -> float:
        """E after the step minus E before it."""
        return self.error - self.start_error

    @property
    def rose(self) -> bool:
        """Did this step raise the error?"""
        return self.error > self.start_error

    def verdict(self) -> str:
        """'E went down by ...' or 'E went UP by ...' (short, for the figure)."""
        return f"E went {'UP' if self.rose else 'down'} by {short(abs(self.change))}"

    def lines(self) -> list[str]:
        """What the panel says, line by line."""
        biases = "weights and biases" if self.update_biases else "weights only, biases fixed"
        predicted = self.start_error - self.first_order
        rise = (f"no step up to s = {number(LARGEST_STEP)} raises E" if self.first_rise is None
                else f"the shortest step that raises E: s = {short(self.first_rise)}")
        return [f"s = {number(self.step)}, {biases}",
                f"E before the step: {number(self.start_error)}",
                f"E after the step: {number(self.error)}",
                f"{self.verdict()} (first order predicted a drop of {short(predicted)})",
                f"lowest on this slice: E = {short(self.lowest[1])} at s = {short(self.lowest[0])}",
                rise]

    def summary(self, width: int = 52) -> str:
        """The lines as one text, each wrapped at spaces to ``width`` characters."""
        return "\n".join(textwrap.fill(line, width, subsequent_indent="  ", break_long_words=False)
                         for line in self.lines())


class SliceSweep:
    """The slices of the article's network (biases fixed, and biases trained too), computed once:
    a dense curve for the figure and the exact error at every step size the slider offers."""

    def __init__(self, steps: Sequence[float] = STEP_SIZES, *, network: Network | None = None,
                 inputs: Any = INPUTS, targets: Any = TARGETS, dense: int = 400) -> None:
        s = as_float_array("steps", steps)
        if s.ndim != 1 or s.size < 2 or np.any(s <= 0) or np.any(np.diff(s) <= 0):
            raise InputValueError(f"steps: expected increasing positive step sizes, got {steps!r}")
        self.steps = tuple(float(v) for v in s)
        self.network = article_network() if network is None else network
        grid = np.geomspace(s[0], s[-1], as_count("dense", dense, minimum=2))
        self.curves = {b: error_slice(self.network, inputs, targets, grid, update_biases=b) for b in (False, True)}
        self.at = {b: error_slice(self.network, inputs, targets, s, update_biases=b) for b in (False, True)}
        self.rise = {b: first_rise(self.network, inputs, targets, update_biases=b, largest=LARGEST_STEP)
                     for b in (False, True)}

    def index(self, step: float) -> int:
        """Position of ``step`` among the slider's sizes (ValueError if it is not one)."""
        try:
            return self.steps.index(float(step))
        except (TypeError, ValueError):
            raise InputValueError(f"step: expected one of the slider's step sizes {self.steps}, got {step!r}") from None

    def point(self, step: float, update_biases: bool) -> SlicePoint:
        """Everything the panel shows for one step size and bias setting."""
        k, b = self.index(step), check_flag("update_biases", update_biases)
        at, curve = self.at[b], self.curves[b]
        return SlicePoint(self.steps[k], b, at.start_error, float(at.errors[k]), float(at.first_order[k]),
                          curve.lowest, self.rise[b])
