"""How numbers and counts are written, everywhere: one source for each format.

Pure functions from numbers to strings.
"""

from __future__ import annotations

import numpy as np

from .validation import InputTypeError, as_count, as_real


def number(value: float) -> str:
    """A computed value in full: 9 decimals, as the article prints, trailing zeros cut.

    Below 1e-4 nine decimals would hide digits, so such a value is written with 9
    significant digits in scientific notation (3.51018778e-05).
    """
    value = as_real("value", value)
    if value != 0 and abs(value) < 1e-4:
        return f"{value:.9g}"
    text = f"{value:.9f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def short(value: float, digits: int = 4) -> str:
    """A value on a figure: ``digits`` significant digits (trailing zeros kept, so a number
    keeps its width as it changes), scientific outside 1e-4..1e6."""
    value = as_real("value", value)
    digits = as_count("digits", digits, minimum=1)
    if value == 0:
        return "0"
    if 1e-4 <= abs(value) < 1e6:
        # trailing zeros kept, but not a bare point: 12350, not 12350.
        return np.format_float_positional(value, precision=digits, unique=False, fractional=False,
                                          trim="k").rstrip(".")
    return f"{value:.{max(digits - 3, 1)}e}"


def setting(value: float) -> str:
    """A weight, bias, input or target as a slider sets it: two decimals (0.15, -5.00)."""
    value = as_real("value", value)
    if value != 0 and not 0.005 <= abs(value) < 1e4:
        return short(value, 3)
    return f"{value:.2f}"


def count(n: int, noun: str) -> str:
    """``1 update``, ``10,000 updates``: a count with its noun, plural when it is not one."""
    n = as_count("n", n)
    if not isinstance(noun, str) or not noun:
        raise InputTypeError(f"noun: expected a word such as 'update', got {noun!r}")
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
