"""Argument checks that fail early with a message naming the parameter.

A reader who passes the wrong shape should read "inputs: expected ... got ...", not a
broadcasting error from deep inside numpy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from numbers import Real
from typing import Any

import numpy as np
from numpy.typing import NDArray


def as_float_array(name: str, value: Any) -> NDArray[np.float64]:
    """``value`` as a float64 array, or TypeError/ValueError naming ``name``."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name}: expected numbers, got {type(value).__name__}")
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as exc:  # e.g. ragged nested lists
        raise TypeError(f"{name}: expected an array of numbers, got {value!r}") from exc
    # numpy would quietly read True as 1.0 and "0.5" as 0.5; both are mistakes here
    if array.dtype.kind == "b":
        raise TypeError(f"{name}: expected numbers, got True/False values {value!r}")
    if array.dtype.kind not in "iufO":
        raise TypeError(f"{name}: expected an array of numbers, got {value!r}")
    try:
        array = array.astype(np.float64, copy=False)
    except OverflowError as exc:  # a Python int beyond float range, like 10**400
        raise ValueError(f"{name}: expected finite numbers, got {value!r}") from exc
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name}: expected an array of numbers, got {value!r}") from exc
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name}: expected finite numbers, got {value!r}")
    return array


def as_layers(name: str, value: Any, what: str) -> tuple[Any, ...]:
    """A list or tuple with one entry per layer (an array is read along its first axis)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        raise TypeError(f"{name}: expected a list or tuple of {what}, one per layer, "
                        f"got {type(value).__name__}")
    return tuple(value)


def check_last_dim(name: str, array: NDArray[np.float64], size: int, what: str) -> None:
    """Require ``array`` to be one example (size,) or a batch of rows (batch, size)."""
    if array.ndim not in (1, 2) or array.shape[-1] != size or array.size == 0:
        raise ValueError(
            f"{name}: expected shape ({size},) for one example or (batch, {size}) "
            f"for a batch ({size} = {what}), got shape {array.shape}"
        )


def as_batch(name: str, value: Any, size: int, what: str) -> NDArray[np.float64]:
    """Validate one example or a batch and return it as rows (batch, size)."""
    array = as_float_array(name, value)
    check_last_dim(name, array, size, what)
    return array.reshape(-1, size)


def as_positive(name: str, value: Any, config_shape: tuple[int, ...] = ()) -> NDArray[np.float64]:
    """A positive finite number, or one per configuration of a stacked network."""
    array = as_float_array(name, value)
    if array.shape not in ((), config_shape):
        per_config = f" or one per configuration, shape {config_shape}" if config_shape else ""
        raise ValueError(f"{name}: expected one number{per_config}, got shape {array.shape}")
    if np.any(array <= 0):
        raise ValueError(f"{name}: expected a positive number (> 0), got {value!r}")
    return array


def as_count(name: str, value: Any, minimum: int = 0) -> int:
    """A whole number >= minimum (bools rejected: ``True`` steps is a bug, not 1)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name}: expected a whole number, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name}: expected a whole number >= {minimum}, got {value}")
    return int(value)


def as_real(name: str, value: Any) -> float:
    """One finite real number."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.floating, np.integer)):
        raise TypeError(f"{name}: expected a number, got {value!r}")
    try:
        number = float(value)
    except OverflowError:  # a Python int beyond float range, like 10**400
        number = math.inf
    if not math.isfinite(number):
        raise ValueError(f"{name}: expected a finite number, got {value!r}")
    return number


def check_flag(name: str, value: Any) -> bool:
    """True or False, and nothing merely truthy: ``"no"`` would read as True."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}: expected True or False, got {value!r}")
    return bool(value)


def check_choice(name: str, value: Any, choices: Sequence[str]) -> str:
    """One of a few named options."""
    expected = f"{name}: expected one of {', '.join(map(repr, choices))}, got {value!r}"
    if not isinstance(value, str):
        raise TypeError(expected)
    if value not in choices:
        raise ValueError(expected)
    return value
