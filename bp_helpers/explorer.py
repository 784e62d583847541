"""What the training explorer computes and says, without widgets or drawing.

* :class:`SweepCache` trains the article's network once per (update order, bias updates)
  for every learning rate of a grid, in one vectorised pass each, and keeps the whole
  history: every slider move is then a lookup. :meth:`SweepCache.prepare` computes the
  combinations not yet asked for in a second process, so a toggle finds them ready. (A
  thread would not do: drawing releases the GIL hundreds of times per figure and waits up
  to 5 ms to get it back from a busy thread each time, which made a move take seconds.)
* :class:`TrainingPoint` is everything the explorer shows for one setting of its controls,
  with its text (:meth:`TrainingPoint.lines`) and the verdicts on the article's closing figures.
"""

from __future__ import annotations

import multiprocessing
import signal
import textwrap
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import verdicts
from .article import INPUTS, TARGETS, article_network
from .formats import count, number
from .network import Network
from .training import ORDERS, Order, TrainingResult, as_order, sweep_learning_rates
from .validation import as_count, as_real, check_flag
import itertools

# The learning rates a slider offers: round numbers, about ten per decade, 0.01 .. 10.
# Written as decimal strings so 0.5 is exactly the article's 0.5 (and a label reads "0.012").
LEARNING_RATES: tuple[float, ...] = tuple(
    float(f"{m}e{e}") for e in (-2, -1, 0) for m in ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "8")
) + (10.0,)
LOG_FLOOR = 1e-300  # E_total underflows to 0 after long training; a log axis shows it here


class SweepCache:
    """Learning-rate sweeps of the article's network, computed once per (order, update_biases)."""

    def __init__(self, rates: Sequence[float] = LEARNING_RATES, max_steps: int = 20_000, *,
                 network: Network | None = None, inputs: Any = INPUTS, targets: Any = TARGETS) -> None:
        rates = tuple(as_real(f"rates[{i}]", r) for i, r in enumerate(rates))
        if not rates or any(r <= 0 for r in rates) or list(rates) != sorted(set(rates)):
            raise ValueError(f"rates: expected increasing positive learning rates, got {rates!r}")
        self.rates = rates
        self.max_steps = as_count("max_steps", max_steps, minimum=1)
        self.network = article_network() if network is None else network
        self.inputs, self.targets = inputs, targets
        self._sweeps: dict[tuple[Order, bool], TrainingResult] = {}
        self._lowest: dict[tuple[Order, bool], float] = {}
        self._locks = {(o, b): threading.Lock() for o in ORDERS for b in (False, True)}
        self._pending: dict[tuple[Order, bool], Future[TrainingResult]] = {}
        self.computed = 0  # sweeps computed so far (a slider move must not add one)

    def index(self, rate: float) -> int:
        """Position of ``rate`` in the grid (ValueError if it is not a grid point)."""
        try:
            return self.rates.index(float(rate))
        except (TypeError, ValueError):
            raise ValueError(f"learning_rate: expected one of the grid's rates {self.rates}, got {rate!r}") from None

    def has(self, order: str, update_biases: bool) -> bool:
        """Is this combination's sweep already computed?"""
        return (as_order(order), check_flag("update_biases", update_biases)) in self._sweeps

    def get(self, order: str, update_biases: bool) -> TrainingResult:
        """The sweep for an update order and bias setting (computed on first use, or awaited
        if the background thread is computing it)."""
        key = (as_order(order), check_flag("update_biases", update_biases))
        with self._locks[key]:
            if key not in self._sweeps:
                pending = self._pending.pop(key, None)
                try:
                    self._sweeps[key] = pending.result() if pending is not None else _sweep(self._arguments(key))
                except BrokenProcessPool:  # the background process could not start or died: do it here
                    self._sweeps[key] = _sweep(self._arguments(key))
                errors = self._sweeps[key].errors
                positive = errors[errors > 0]
                self._lowest[key] = float(positive.min()) if positive.size else LOG_FLOOR
                self.computed += 1
        return self._sweeps[key]

    def _arguments(self, key: tuple[Order, bool]) -> tuple[Any, ...]:
        return (self.network, self.inputs, self.targets, self.rates, self.max_steps, *key)

    def prepare(self) -> list[Future[TrainingResult]]:
        """Start computing, in one background process, every combination not computed or started yet.

        ``get`` then waits for a combination's result instead of computing it again."""
        missing = [(o, b) for o in ORDERS for b in (False, True) if (o, b) not in self._sweeps | self._pending]
        if missing:
            # spawn, not fork: forking a kernel that runs threads can deadlock the child
            pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            with _interrupts_ignored():  # the worker starts ignoring them: a kernel's Ctrl-C is not for it
                for key in missing:
                    self._pending[key] = pool.submit(_sweep, self._arguments(key))
            pool.shutdown(wait=False)  # the worker finishes its queue, then exits
        return list(self._pending.values())

    def lowest(self, order: str, update_biases: bool) -> float:
        """The lowest positive E_total anywhere in a sweep (every rate, every step)."""
        self.get(order, update_biases)
        return self._lowest[(as_order(order), bool(update_biases))]

    def point(self, learning_rate: float, steps: int, order: str, update_biases: bool) -> TrainingPoint:
        """Everything the explorer shows for one setting of its controls."""
        k = self.index(learning_rate)
        steps = as_count("steps", steps)
        if steps > self.max_steps:
            raise ValueError(f"steps: expected at most max_steps = {self.max_steps}, got {steps}")
        sweep = self.get(order, update_biases)
        targets = tuple(float(t) for t in np.asarray(self.targets, dtype=float).reshape(-1))
        return TrainingPoint(
            learning_rate=self.rates[k], steps=steps, order=as_order(order), update_biases=bool(update_biases),
            error=float(sweep.errors[steps, k]),
            outputs=tuple(float(o) for o in sweep.output_history[steps, k].reshape(-1)),
            targets=targets, history=sweep.errors[: steps + 1, k], rates=self.rates,
            sweep_errors=sweep.errors[steps])

    def history(self, learning_rate: float, steps: int, order: str, update_biases: bool) -> np.ndarray:
        """E_total before training and after each of ``steps`` updates, for one grid rate."""
        return self.get(order, update_biases).errors[: steps + 1, self.index(learning_rate)]


@contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """SIGINT ignored while a process is started (it inherits that), where Python lets us set it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _sweep(arguments: tuple[Any, ...]) -> TrainingResult:
    """One sweep; a module-level function so that a background process can run it."""
    network, inputs, targets, rates, max_steps, order, biases = arguments
    return sweep_learning_rates(network, inputs, targets, rates, max_steps, order=order, update_biases=biases)


@dataclass(frozen=True)
class TrainingPoint:
    """The training explorer's numbers for one learning rate, step count, order and bias setting."""

    learning_rate: float
    steps: int
    order: Order
    update_biases: bool
    error: float  # E_total after `steps` updates
    outputs: tuple[float, ...]  # out_o1, out_o2 after `steps` updates
    targets: tuple[float, ...]
    history: np.ndarray  # E_total before training and after each update (steps + 1,)
    rates: tuple[float, ...]  # the sweep's learning rates
    sweep_errors: np.ndarray  # E_total after `steps` updates, for every rate of the sweep

    @property
    def best_rate(self) -> float:
        """The grid's learning rate with the lowest E_total after ``steps`` updates."""
        return self.rates[int(np.argmin(self.sweep_errors))]

    def comparisons(self) -> list[tuple[str, float, verdicts.Verdict]]:
        """(name, computed, verdict) for each closing figure of the article this point can be compared with."""
        shown = {"E_total": self.error, "out_o1": self.outputs[0], "out_o2": self.outputs[1]}
        return [(name, shown[name.split("_after_")[0]],
                 verdicts.of_closing(name, shown[name.split("_after_")[0]], order=self.order, steps=self.steps))
                for name in verdicts.closing_shown(self.steps, self.learning_rate, self.update_biases)]

    def lines(self) -> list[str]:
        """What the explorer says, line by line (wrapped by :meth:`summary` for a narrow column)."""
        biases = "updated" if self.update_biases else "fixed"
        out = [f"η = {number(self.learning_rate)}, after {count(self.steps, 'update')}",
               f"order: {verdicts.ORDER_LABELS[self.order]}, biases {biases}",
               f"E_total = {number(self.error)}"]
        out += [f"out_o{j + 1} = {number(o)} (target {number(t)})"
                for j, (o, t) in enumerate(zip(self.outputs, self.targets, strict=True))]
        for name, _, v in self.comparisons():
            out.append(f"article: {name.split('_after_')[0]} = {v.printed} {v.mark} (here {v.rounded})")
            if v.note:
                out.append(f"  {v.note}")
        best = int(np.argmin(self.sweep_errors))
        out.append(f"lowest E_total after {count(self.steps, 'update')}: {number(float(self.sweep_errors[best]))}, "
                   f"at η = {number(self.rates[best])}")
        return out

    def summary(self, width: int = 52) -> str:
        """The lines as one text, each wrapped at spaces to ``width`` characters."""
        return "\n".join(textwrap.fill(line, width, subsequent_indent="  ", break_long_words=False)
                         for line in self.lines())


def log_spaced_indices(length: int, buckets: int = 400) -> np.ndarray:
    """Indices 1..length-1 thinned for a log axis: in each of ``buckets`` log-spaced runs of steps,
    the steps of the run's lowest and highest value are kept by :func:`decimate`; here the runs' edges."""
    length = as_count("length", length)
    if length < 2:
        return np.array([], dtype=int)
    return np.unique(np.geomspace(1, length, buckets + 1).astype(int))


def decimate(values: np.ndarray, buckets: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """(steps, values) of a history from update 1 on, thinned for a log axis.

    Each log-spaced run of steps keeps its lowest and highest value (and the last step is
    always kept), so an oscillation still shows at its full height.
    """
    values = np.asarray(values, dtype=float)
    edges = log_spaced_indices(len(values), buckets)
    if edges.size < 2:
        return np.arange(1, len(values)), values[1:]
    keep = [edges[:-1]]
    for a, b in itertools.pairwise(edges):
        if b - a > 2:
            run = values[a:b]
            keep.append(np.array([a + int(run.argmin()), a + int(run.argmax())]))
    index = np.unique(np.concatenate([*keep, [len(values) - 1]]))
    return index, values[index]
