"""The error along the gradient: E(w - s·g) for every step size s, beside its first-order
prediction E - s·|g|², and the shortest step that raises the error.

:func:`error_slice` and :func:`first_rise` work on any network; :class:`SliceSweep` and
:class:`SlicePoint` are what notebook 07's slider panel computes and says for the article's
network (:class:`bp_helpers.experiment_panel.StepSizePanel`). No plotting, no widgets.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .article import INPUTS, TARGETS, article_network
from .formats import number, short
from .functions import Array
from .network import Network, backward, check_data, check_network, forward
from .passes import BackwardPass
from .style import TEXT_WIDTH
from .validation import InputValueError, as_count, as_float_array, as_positive, check_flag


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


def _moved(network: Network, steps: Array, update_biases: bool, bp: BackwardPass) -> Network:
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
    fp = forward(network, x, t)
    bp = backward(network, fp)
    norm2 = float(sum(np.sum(g * g) for g in bp.dE_dw + (bp.dE_db if update_biases else ())))
    errors = forward(_moved(network, s, update_biases, bp), x, t).total
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

    def summary(self, width: int = TEXT_WIDTH) -> str:
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
