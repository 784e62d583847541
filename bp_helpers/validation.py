"""Argument checks that fail early with a message naming the parameter.

A reader who passes the wrong shape should read "inputs: expected ... got ...", not a
broadcasting error from deep inside numpy.
"""

from __future__ import annotations

import math
import traceback
from collections.abc import Sequence
from numbers import Real
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np
from numpy.typing import NDArray

_PACKAGE = Path(__file__).resolve().parent


class InputError(Exception):
    """An argument that is not what a bp_helpers function expects; the message names the
    parameter, what was expected and what came.

    In a notebook, IPython shows such an error through :meth:`_render_traceback_`: the
    message and the line of the reader's own cell that called the package, not the dozens of
    lines inside it, which are what a student looks at first and least needs. ``%tb`` in the
    next cell shows the whole traceback.
    """

    _shown = False  # the first showing is the short one; %tb shows the same error again in full

    def _render_traceback_(self) -> list[str]:
        if self._shown:
            return "".join(traceback.format_exception(self)).splitlines()
        self._shown = True
        lines = [f"{type(self).__name__}: {self}"]
        caller = _caller(self.__traceback__)
        if caller is not None:
            where = "your cell" if _is_cell(caller.filename) else Path(caller.filename).name
            lines.append(f"  at line {caller.lineno} of {where}: {(caller.line or '').strip()}")
        lines.append("(The lines inside bp_helpers are left out: run %tb in a new cell to see them.)")
        return lines


class InputValueError(InputError, ValueError):
    """A value of the right kind but not an allowed one (a shape, a range, a name)."""


class InputTypeError(InputError, TypeError):
    """A value of the wrong kind (text where a number was expected, a list for a Network)."""


def _caller(tb: TracebackType | None) -> traceback.FrameSummary | None:
    """The last frame outside the package before the call went into it: the reader's line."""
    frames = traceback.extract_tb(tb)
    inside = [_PACKAGE in Path(f.filename).resolve().parents for f in frames]
    if True not in inside:
        return None
    first = inside.index(True)
    return frames[first - 1] if first else None


def _is_cell(filename: str) -> bool:
    # ipykernel compiles a cell to a file named after its hash in a temporary folder
    return "ipykernel_" in filename or filename.startswith("<ipython-input")


def as_float_array(name: str, value: Any) -> NDArray[np.float64]:
    """``value`` as a float64 array, or TypeError/ValueError naming ``name``."""
    if isinstance(value, (str, bytes)) or value is None:
        raise InputTypeError(f"{name}: expected numbers, got {type(value).__name__}")
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as exc:  # e.g. ragged nested lists
        raise InputTypeError(f"{name}: expected an array of numbers, got {value!r}{_ragged(name, value)}") from exc
    # numpy would quietly read True as 1.0 and "0.5" as 0.5; both are mistakes here
    if array.dtype.kind == "b":
        raise InputTypeError(f"{name}: expected numbers, got True/False values {value!r}")
    if array.dtype.kind not in "iufO":
        raise InputTypeError(f"{name}: expected an array of numbers, got {value!r}")
    try:
        array = array.astype(np.float64, copy=False)
    except OverflowError as exc:  # a Python int beyond float range, like 10**400
        raise InputValueError(f"{name}: expected finite numbers, got {value!r}") from exc
    except (TypeError, ValueError) as exc:
        raise InputTypeError(f"{name}: expected an array of numbers, got {value!r}") from exc
    if not np.all(np.isfinite(array)):
        raise InputValueError(f"{name}: expected finite numbers, got {value!r}")
    return array


def _ragged(name: str, value: Any) -> str:
    """Where nested lists stop being a grid, said for a message: rows of different lengths."""
    if not isinstance(value, (list, tuple)):
        return ""
    lengths = [len(row) if isinstance(row, (list, tuple, np.ndarray)) else None for row in value]
    if len(set(lengths)) > 1:
        shown = ", ".join(f"{name}[{i}]: {'a number' if n is None else f'{n} entr' + ('y' if n == 1 else 'ies')}" for i, n in enumerate(lengths))
        return f" (rows of different lengths: {shown})"
    return next((found for i, row in enumerate(value) if (found := _ragged(f"{name}[{i}]", row))), "")


def as_layers(name: str, value: Any, what: str) -> tuple[Any, ...]:
    """A list or tuple with one entry per layer (an array is read along its first axis)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        raise InputTypeError(f"{name}: expected a list or tuple of {what}, one per layer, "
                        f"got {type(value).__name__}")
    return tuple(value)


def check_last_dim(name: str, array: NDArray[np.float64], size: int, what: str) -> None:
    """Require ``array`` to be one example (size,) or a batch of rows (batch, size)."""
    if array.ndim not in (1, 2) or array.shape[-1] != size or array.size == 0:
        raise InputValueError(
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
        raise InputValueError(f"{name}: expected one number{per_config}, got shape {array.shape}")
    if np.any(array <= 0):
        raise InputValueError(f"{name}: expected a positive number (> 0), got {value!r}")
    return array


def as_count(name: str, value: Any, minimum: int = 0) -> int:
    """A whole number >= minimum (bools rejected: ``True`` steps is a bug, not 1)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InputTypeError(f"{name}: expected a whole number, got {value!r}")
    if value < minimum:
        raise InputValueError(f"{name}: expected a whole number >= {minimum}, got {value}")
    return int(value)


def as_real(name: str, value: Any) -> float:
    """One finite real number."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.floating, np.integer)):
        raise InputTypeError(f"{name}: expected a number, got {value!r}")
    try:
        number = float(value)
    except OverflowError:  # a Python int beyond float range, like 10**400
        number = math.inf
    if not math.isfinite(number):
        raise InputValueError(f"{name}: expected a finite number, got {value!r}")
    return number


def check_flag(name: str, value: Any) -> bool:
    """True or False, and nothing merely truthy: ``"no"`` would read as True."""
    if not isinstance(value, (bool, np.bool_)):
        raise InputTypeError(f"{name}: expected True or False, got {value!r}")
    return bool(value)


def check_choice(name: str, value: Any, choices: Sequence[str]) -> str:
    """One of a few named options."""
    expected = f"{name}: expected one of {', '.join(map(repr, choices))}, got {value!r}"
    if not isinstance(value, str):
        raise InputTypeError(expected)
    if value not in choices:
        raise InputValueError(expected)
    return value
