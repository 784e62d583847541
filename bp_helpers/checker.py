"""The exercise checker's machinery: when an answer is right, close or a typical mistake, how any
answer is read, and the one line the learner is told. The exercises are in :mod:`bp_helpers.exercises`.

**The precision rule**, the same for every number: an answer is right when it agrees with the
expected value to 6 significant digits, rounding either way, i.e. when

    |answer - expected| <= one unit in the 6th significant digit of the expected value

(:func:`unit`: 1e-6 for 0.3925, 1e-9 for 0.000497713). So the exact value rounded to 6
significant digits, down or up, is right; so is a value carried through the article's nine
printed decimals (which can be off by one in the last, article.KNOWN_DIFFERENCES) or rounded
along the way to nine digits, and then rounded to six. Numbers are compared as the decimals
they print as (``repr``), so the boundary is exact: 0.392501 is right for 0.3925, 0.3925011 is
not. An expected 0 has no significant digits: there |answer| <= 1e-12 is right.

A typical mistake's hint fires only for an answer that agrees with that mistake's value by the
same rule and is not right; every mistake is farther from the right value than 5 significant
digits (tests/test_exercises.py keeps it so), so a value near the right one never gets a
misconception, and neither does the right value rounded to the 1 or 2 digits an answer gives
(0.39 for 0.3925, even where a mistake gives exactly 0.39). Those, and any other answer that
agrees by the same rule to 3 to 5 significant digits, are **close**: told to keep more digits
and not to round along the way. Any other number gets the exercise's general hint.

A function is called on every case and judged by the same rule on all of them: right when right
on every case, close when at least close on every case, a mistake when it agrees with the
mistake on every case. One number may come in any form a learner might type or compute: int,
float, Decimal, Fraction, a numpy scalar, a complex with no imaginary part, a one-element list,
tuple or array. An answer of another kind is told what was expected and what came instead.
Everything that can run the learner's code goes through :class:`~bp_helpers.learner_code.TimeLimit`:
``verdict`` never raises for an answer and never hangs where a time limit can be kept.
Pure: plain text out (no IPython, no widgets).
"""

from __future__ import annotations

import decimal
import inspect
import math
import reprlib
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal, cast

import numpy as np

from .formats import count, short
from .learner_code import TimeLimit

Kind = Literal["number", "function", "name"]
Verdict = Literal["right", "close", "wrong", "unanswered"]

DIGITS = 6  # significant digits a right answer agrees to: "to 6 significant digits"
CLOSE_DIGITS = 3  # an answer that agrees to this many, but not DIGITS, is close
ZERO_TOLERANCE = Decimal("1e-12")  # the rule for an expected 0, which has no significant digits
WIDTH, LINES = 52, 3  # a notebook's narrow column: a verdict line and at most two of hint
UNANSWERED = "not answered yet: replace ... by your answer"
MARKS: Mapping[str, str] = MappingProxyType({"right": "✔", "close": "✘", "wrong": "✘", "unanswered": "…"})
_WRAP = textwrap.TextWrapper(WIDTH, subsequent_indent="  ", max_lines=LINES, placeholder=" …",
                             break_on_hyphens=False)


# --- the precision rule ----------------------------------------------------------------------

def _decimal(value: float) -> Decimal:
    """A float as the decimal it prints as: 0.1 is 0.1, not 0.1000000000000000055."""
    return Decimal(repr(float(value)))


def unit(expected: float, digits: int = DIGITS) -> Decimal:
    """One unit in the ``digits``-th significant digit of ``expected`` (not 0): unit(0.3925) is 1e-6."""
    return Decimal(1).scaleb(_decimal(expected).adjusted() - digits + 1)


def agrees(answer: float, expected: float, digits: int = DIGITS) -> bool:
    """The precision rule: ``answer`` is within one unit in the ``digits``-th significant digit of ``expected``."""
    with decimal.localcontext(decimal.Context(prec=60)):  # exact for any two floats' difference that matters
        gap = abs(_decimal(answer) - _decimal(expected))
        return gap <= (ZERO_TOLERANCE if expected == 0 else unit(expected, digits))


def agreement(answer: float, expected: float) -> int:
    """To how many significant digits (0 to DIGITS) ``answer`` agrees with ``expected``."""
    return max((k for k in range(1, DIGITS + 1) if agrees(answer, expected, k)), default=0)


def written_digits(value: float) -> int:
    """How many significant digits a number is written with: 0.39 has 2, 0.3925 has 4, 10.0 has 1."""
    return len(_decimal(value).normalize().as_tuple().digits)


def rounds_to(answer: float, expected: float, digits: int) -> bool:
    """``answer`` is ``expected`` rounded down or up to ``digits`` significant digits (0.39, 0.40 for 0.3925)."""
    if expected == 0:
        return False
    step = unit(expected, digits)
    scaled = _decimal(expected) / step
    with decimal.localcontext(decimal.Context(prec=60)):
        return any(_decimal(answer) == scaled.to_integral_value(rounding) * step
                   for rounding in (decimal.ROUND_FLOOR, decimal.ROUND_CEILING))


def rounded_short(answer: float, expected: float) -> int:
    """The digits of an answer written with fewer than CLOSE_DIGITS significant digits that is
    ``expected`` rounded down or up to them (2 for 0.39 when 0.3925 is expected); else 0."""
    given = written_digits(answer)
    return given if given < CLOSE_DIGITS and rounds_to(answer, expected, given) else 0


# --- reading an answer -----------------------------------------------------------------------

ONE_NUMBER, FINITE = "one number", "a finite number"


def as_number(value: object, depth: int = 0) -> float | str:
    """``value`` as one finite float, or what was expected instead (ONE_NUMBER, FINITE).

    Any one-number form is read: int, float, Decimal, Fraction, numpy scalars, a complex with no
    imaginary part, a one-element list, tuple or array (nested too). Not text, not True/False.
    It can run the learner's code (``__float__``, ``__len__``): call it through TimeLimit.run.
    """
    if depth > 8 or isinstance(value, (bool, np.bool_, str, bytes)):
        return ONE_NUMBER
    if isinstance(value, np.ndarray):
        return as_number(value.reshape(-1)[0], depth + 1) if value.size == 1 else ONE_NUMBER
    if isinstance(value, (list, tuple)):
        return as_number(value[0], depth + 1) if len(value) == 1 else ONE_NUMBER
    if isinstance(value, (complex, np.complexfloating)):
        number = complex(value)
        return as_number(number.real, depth + 1) if number.imag == 0 else ONE_NUMBER
    if isinstance(value, Decimal) and not value.is_finite():
        return FINITE
    if not hasattr(type(value), "__float__"):
        return ONE_NUMBER
    try:
        number = float(value)  # type: ignore[arg-type]  # it has __float__
    except OverflowError:  # an int or a Fraction beyond the range of a float
        return FINITE
    return number if math.isfinite(number) else FINITE


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 24
_REPR.maxlist = _REPR.maxtuple = 4


def describe(value: object) -> str:
    """A short account of an answer of the wrong kind: "a str 'abc'", "an array of shape (2,)", "None".
    It can run the learner's code (``__repr__``): call it through TimeLimit.run."""
    if value is None:
        return "None"
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if inspect.isroutine(value) or isinstance(value, type):
        return "a function"
    kind = type(value).__name__
    article = "an" if kind[:1] in tuple("aeiou") else "a"
    try:
        repr(value)  # reprlib would hide a failure behind an address
        shown = "" if type(value).__repr__ is object.__repr__ else f" {_REPR.repr(value)}"  # not a bare address
    except Exception:  # noqa: BLE001  # a type of the learner's own that fails to show itself
        shown = ""
    return f"{article} {kind}{shown}"


def shown(limit: TimeLimit, value: object) -> str:
    """:func:`describe`, run as the learner's code: something is always said."""
    outcome = limit.run(describe, value)
    return outcome.value if outcome.returned else "an answer that cannot be shown"


def raised(limit: TimeLimit, exc: BaseException) -> str:
    """'ZeroDivisionError: float division by zero', shortened; the learner's exception may fail to print."""
    outcome = limit.run(lambda: f"{type(exc).__name__}: {exc}".rstrip(": "))
    text = outcome.value if outcome.returned else type(exc).__name__
    return textwrap.shorten(text, 60, placeholder="…")


# --- verdicts --------------------------------------------------------------------------------

@dataclass(frozen=True, repr=False)
class Feedback:
    """The verdict on one answer; its repr is what the notebook shows."""

    exercise: str
    verdict: Verdict
    message: str  # after the mark and the id: "right: ...", "close: ...", "not yet: <hint>", "expected ..."

    @property
    def right(self) -> bool:
        return self.verdict == "right"

    @property
    def lines(self) -> tuple[str, ...]:
        """The verdict line, then the message wrapped to at most two more lines of 52 characters."""
        return tuple(_WRAP.wrap(f"{MARKS[self.verdict]} {self.exercise} {self.message}"))

    def __repr__(self) -> str:
        return "\n".join(self.lines)


Mistake = tuple[Callable[[Any], Any], str]  # (the mistaken computation, its hint)


@dataclass(frozen=True)
class Exercise:
    """One exercise. ``expected`` and each mistake compute from one case: for a number or name
    exercise the one set of values it asks about, for a function exercise one random case
    (``params`` are the function's parameters, read from it)."""

    id: str
    kind: Kind
    question: str
    label: str  # what the ✔ line names
    expected: Callable[[Any], Any]
    hint: str  # for a wrong answer that is no typical mistake
    mistakes: tuple[Mistake, ...] = ()
    params: tuple[str, ...] = ()  # function exercises: the function's parameters


def right_to_digits(label: str) -> str:
    return f"right: {label}, to {DIGITS} significant digits"


def close_to_digits(digits: int) -> str:
    return (f"close: right to {count(digits, 'significant digit')}, not {DIGITS}: keep more digits, "
            "don't round along the way")


def _judge(exercise: Exercise, answers: Sequence[float], cases: Sequence[Any], right: str) -> tuple[Verdict, str]:
    """Right; close by its own few digits; the first typical mistake the answers agree with on every
    case; close to 3-5 digits on every case; or the general hint."""
    expected = [float(exercise.expected(c)) for c in cases]

    def agree(xs: Sequence[float], ys: Sequence[float]) -> bool:
        return all(agrees(x, y) for x, y in zip(xs, ys, strict=True))

    if agree(answers, expected):
        return "right", right
    short_digits = rounded_short(answers[0], expected[0]) if len(answers) == 1 else 0
    if short_digits:  # 0.39 for 0.3925 is no misconception, even if a mistake gives exactly 0.39
        return "close", close_to_digits(short_digits)
    for mistake, hint in exercise.mistakes:
        wrong = [float(mistake(c)) for c in cases]
        if not agree(wrong, expected) and agree(answers, wrong):  # a mistake that is right never fires
            return "wrong", f"not yet: {hint}"
    digits = min(agreement(a, e) for a, e in zip(answers, expected, strict=True))
    if digits >= CLOSE_DIGITS:
        return "close", close_to_digits(digits)
    return "wrong", f"not yet: {exercise.hint}"


def verdict(exercise: Exercise, answer: object, cases: Callable[[], Sequence[Any]],
            names: Sequence[str] = ()) -> Feedback:
    """The verdict on ``answer``. ``cases()`` gives what ``exercise.expected`` computes from (one
    case for a number or name exercise; asked for only when the answer is worth judging),
    ``names`` the names a name exercise accepts. Never raises for an answer."""
    if answer is Ellipsis:
        return Feedback(exercise.id, "unanswered", UNANSWERED)
    limit = TimeLimit()
    if exercise.kind == "number":
        result = _check_number(exercise, answer, cases, limit)
    elif exercise.kind == "name":
        result = _check_name(exercise, answer, cases, names, limit)
    else:
        result = _check_function(exercise, answer, cases, limit)
    return Feedback(exercise.id, *result)


def _check_number(exercise: Exercise, answer: object, cases: Callable[[], Sequence[Any]],
                  limit: TimeLimit) -> tuple[Verdict, str]:
    read = limit.run(as_number, answer)
    value = read.value if read.returned else ONE_NUMBER
    if isinstance(value, str):
        text = _plain_text(answer)
        quoted = text is not None and _float_or_none(text) is not None
        return "wrong", f"expected {value}, got {shown(limit, answer)}" + (": drop the quotes" if quoted else "")
    return _judge(exercise, [value], cases()[:1], right_to_digits(exercise.label))


def _plain_text(value: object) -> str | None:
    """A str answer (a learner's subclass too) as a plain str, by type() and str's own methods:
    nothing of the learner's runs. None for anything else."""
    return str.__str__(cast(str, value)) if issubclass(type(value), str) else None


def _float_or_none(text: str) -> float | None:
    """The finite number in a text, if it is one ("0.08")."""
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _check_name(exercise: Exercise, answer: object, cases: Callable[[], Sequence[Any]], names: Sequence[str],
                limit: TimeLimit) -> tuple[Verdict, str]:
    text = _plain_text(answer)
    name = None if text is None else text.strip().lower()
    if name not in names:
        return "wrong", f"expected a name in quotes, one of {', '.join(names)}; got {shown(limit, answer)}"
    case = cases()[0]
    expected = exercise.expected(case)
    if name == expected:
        return "right", f"right: {exercise.label} is {expected}"
    hint = next((h for mistake, h in exercise.mistakes if name == mistake(case)), exercise.hint)
    return "wrong", f"not yet: {hint}"


def _check_function(exercise: Exercise, answer: object, make_cases: Callable[[], Sequence[Mapping[str, float]]],
                    limit: TimeLimit) -> tuple[Verdict, str]:
    expected = f"expected a function of ({', '.join(exercise.params)})"
    if not callable(answer):
        return "wrong", f"{expected}, got {shown(limit, answer)}"
    signature = limit.run(inspect.signature, answer)  # some builtins have none, a learner's may raise: call and see
    if signature.returned:
        bound = limit.run(signature.value.bind, *exercise.params)
        if isinstance(bound.raised, TypeError):
            text = limit.run(str, signature.value)
            return "wrong", f"{expected}, got one of {text.value if text.returned else 'other parameters'}"
    answers, cases = [], make_cases()
    for case in cases:
        args = tuple(float(case[p]) for p in exercise.params)
        called = ", ".join(f"{p}={short(a, 3)}" for p, a in zip(exercise.params, args, strict=True))
        outcome = limit.run(answer, *args)
        if outcome.timed_out:
            return "wrong", (f"your function did not return within {limit.seconds:g} s for {called}: "
                             "an endless loop?")
        if outcome.raised is not None:
            return "wrong", f"your function raised {raised(limit, outcome.raised)} when called with {called}"
        if outcome.value is Ellipsis:
            return "unanswered", UNANSWERED
        read = limit.run(as_number, outcome.value)
        value = read.value if read.returned else ONE_NUMBER
        if isinstance(value, str):
            wanted = "is a return missing?" if outcome.value is None else f"expected {value}"
            return "wrong", f"your function returned {shown(limit, outcome.value)} for {called}: {wanted}"
        answers.append(value)
    return _judge(exercise, answers, cases,
                  f"right: {exercise.label} agrees with the core on {len(cases)} random networks, "
                  f"to {DIGITS} significant digits")
