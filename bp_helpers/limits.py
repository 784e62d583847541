"""How large a network, a run or a sweep may be: the one home of every size limit.

Two kinds of limit. What can be *shown*: a worked example and a network diagram give every
neuron and weight its own label, which stays legible up to ``SHOWN_NEURONS`` neurons a layer
and ``SHOWN_LAYERS`` layers. What can be *run* on a student's laptop: a run records every
update's outputs, so its memory grows with the number of updates times the configurations
trained side by side. A request beyond a limit is refused before anything is allocated, with
a message naming the parameter and the limit, rather than a MemoryError from deep in numpy.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from .validation import InputValueError

SHOWN_NEURONS = 6  # a layer's neurons: more and the labels no longer fit a 624 px column
SHOWN_LAYERS = 5  # inputs included: three hidden layers at the most
MAX_PARAMETERS = 10_000_000  # weights and biases of a network, every configuration counted: 80 MB
MAX_CONFIGURATIONS = 10_000  # networks trained side by side: learning rates of a sweep, seeds of a search
MAX_STEPS = 1_000_000  # updates in one run: about half a minute for the article's network here
MAX_RECORDED = 25_000_000  # numbers a run records (the outputs after every update): 200 MB


def check_shown(name: str, sizes: Sequence[int]) -> None:
    """Layer sizes (inputs first) small enough to show every neuron and weight with a label."""
    if len(sizes) > SHOWN_LAYERS or max(sizes) > SHOWN_NEURONS:
        raise InputValueError(f"{name}: expected at most {SHOWN_NEURONS} neurons a layer and {SHOWN_LAYERS} layers "
                              f"(inputs included) to show step by step, got sizes {tuple(sizes)}")


def check_parameters(name: str, sizes: Sequence[int], configurations: int = 1) -> None:
    """A network of these layer sizes (and this many configurations) that fits in memory."""
    count = configurations * sum(n_out * (n_in + 1) for n_in, n_out in itertools.pairwise(sizes))
    if count > MAX_PARAMETERS:
        raise InputValueError(f"{name}: expected at most {MAX_PARAMETERS:,} weights and biases in all, got "
                              f"{count:,} for layer sizes {tuple(sizes)}"
                              + (f" x {configurations:,} configurations" if configurations > 1 else ""))


def check_configurations(name: str, count: int) -> None:
    """How many networks are trained side by side (a sweep's rates, a search's seeds)."""
    if count > MAX_CONFIGURATIONS:
        raise InputValueError(f"{name}: expected at most {MAX_CONFIGURATIONS:,} values (one network is trained "
                              f"for each), got {count:,}")


def check_steps(name: str, steps: int, recorded_per_step: int = 1) -> None:
    """A run of ``steps`` updates that records ``recorded_per_step`` numbers after each one."""
    if steps > MAX_STEPS:
        raise InputValueError(f"{name}: expected at most {MAX_STEPS:,} updates in one run, got {steps:,}")
    fits = MAX_RECORDED // max(recorded_per_step, 1) - 1
    if steps > fits:
        raise InputValueError(f"{name}: expected at most {fits:,} updates here: a run records its "
                              f"{recorded_per_step:,} outputs after every update, {MAX_RECORDED:,} numbers at the "
                              f"most; got {steps:,}")


def recorded_per_step(config_shape: Sequence[int], examples: int, outputs: int) -> int:
    """The numbers a run records after each update: every output of every example and configuration."""
    return math.prod(config_shape) * examples * outputs
