"""Notebook 07's experiments under one name, ``ex``: what its cells call, from where it lives.

Each experiment has its own module, one idea each: :mod:`bp_helpers.xor` (batches, starts that
learn or get stuck, a network without a hidden layer), :mod:`bp_helpers.variants` (other
activations, error functions and depths) and :mod:`bp_helpers.slices` (the error along the
gradient). This module only gathers them, so that ``from bp_helpers import experiments as ex``
keeps reading ``ex.search_starts(...)``; new code imports from the modules themselves.
"""

from __future__ import annotations

from .slices import LARGEST_STEP, STEP_SIZES, Slice, SlicePoint, SliceSweep, error_slice, first_rise
from .variants import LayerGradients, gradient_sizes_over_seeds, layer_gradients, output_delta, variant
from .xor import (
    LEARNED_WITHIN,
    SCHEDULES,
    SEEDS,
    STUCK_ABOVE,
    XOR_INPUTS,
    XOR_LABELS,
    XOR_RATE,
    XOR_STEPS,
    XOR_TARGETS,
    GridBest,
    ScheduleRun,
    StartSearch,
    best_on_grid,
    compare_schedules,
    pick,
    random_starts,
    search_starts,
    stack,
    train_in_batches,
)

__all__ = [
    "LARGEST_STEP", "LEARNED_WITHIN", "SCHEDULES", "SEEDS", "STEP_SIZES", "STUCK_ABOVE", "XOR_INPUTS", "XOR_LABELS",
    "XOR_RATE", "XOR_STEPS", "XOR_TARGETS", "GridBest", "LayerGradients", "ScheduleRun", "Slice", "SlicePoint",
    "SliceSweep", "StartSearch", "best_on_grid", "compare_schedules", "error_slice", "first_rise",
    "gradient_sizes_over_seeds", "layer_gradients", "output_delta", "pick", "random_starts", "search_starts", "stack",
    "train_in_batches", "variant",
]
