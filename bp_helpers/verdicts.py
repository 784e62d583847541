"""Does a computed value reproduce the number the article prints? The one source of ✓ and ✗.

Every view asks here: the notebooks' steps and tables, the slider panels and the training
explorer. A verdict knows the printed number, whether it matches, and, for the few values
the article itself gets off (docs/errata.md), why. Pure: floats and strings only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from . import names
from .article import (
    CLOSING_SOURCES,
    KNOWN_DIFFERENCES,
    LEARNING_RATE,
    PRINTED,
    PRINTED_CLOSING,
    STEPS,
    as_printed,
    matches_printed,
)
from .formats import count
from .validation import InputTypeError, InputValueError

MATCH, DIFFER = "✓", "✗"
ORDER_LABELS = {"simultaneous": "all at once", "output_first": "output layer first"}

# The article's number for each step of the worked example. Its "error after one update"
# is the closing paragraph's first figure.
PRINTED_STEPS = {**PRINTED, names.new(names.TOTAL): PRINTED_CLOSING[names.after(names.TOTAL, 1)]}


@dataclass(frozen=True)
class Verdict:
    """A computed value beside the article's printed number."""

    printed: str | None  # as the article prints it; None: it prints nothing for this value
    match: bool | None  # None: nothing printed, or not at the article's settings
    note: str = ""  # why the article is off, or where its number really comes from
    rounded: str = ""  # the computed value rounded to the printed digits
    source: str = "article"  # whose number it is: the article's, or another worked example's

    @property
    def mark(self) -> str:
        """✓, ✗, or nothing."""
        return "" if self.match is None else MATCH if self.match else DIFFER

    def line(self) -> str:
        """'article: 0.298371109 ✓' (with the note in brackets), or '' when nothing is printed.
        Another worked example's number is labelled with its source instead of 'article'."""
        if self.printed is None:
            return ""
        if self.match is None:
            return f"{self.source}: {self.printed} (at the article's settings, not these)"
        return f"{self.source}: {self.printed} {self.mark}" + (f" ({self.note})" if self.note else "")


def compare(value: float, printed: str, note_if_off: str = "", source: str = "article") -> Verdict:
    """``value`` beside a number as the article (or ``source``) prints it: a match when it
    rounds to the same digits."""
    rounded = as_printed(value, printed)
    match = rounded == printed
    return Verdict(printed, match, "" if match else note_if_off, rounded, source)


@dataclass(frozen=True)
class PrintedNumbers:
    """The numbers one worked example prints, by our name of each quantity, as printed.

    ``source`` labels them beside a computed value ('printed', 'page'); ``notes`` says,
    for a number that does not match, why (as ``article.KNOWN_DIFFERENCES`` does for the
    article's). Views take one as their ``printed`` argument: see :mod:`bp_helpers.display`.
    """

    source: str
    numbers: Mapping[str, str]
    notes: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.source, str) or not self.source:
            raise InputTypeError(f"source: expected a short label such as 'printed', got {self.source!r}")
        for text in self.numbers.values():
            as_printed(0.0, text)  # a number as printed, e.g. '-0.1360': refused early otherwise
        unknown = set(self.notes) - set(self.numbers)
        if unknown:
            raise InputValueError(f"notes: expected notes on printed numbers only, got {sorted(unknown)}")
        object.__setattr__(self, "numbers", MappingProxyType(dict(self.numbers)))
        object.__setattr__(self, "notes", MappingProxyType(dict(self.notes)))

    def verdict(self, name: str, value: float) -> Verdict:
        """The computed ``value`` of quantity ``name`` beside the number printed for it, if any."""
        if name not in self.numbers:
            return Verdict(None, None, source=self.source)
        return compare(value, self.numbers[name], self.notes.get(name, ""), self.source)


def of_step(name: str, value: float, article_settings: bool) -> Verdict:
    """The verdict on one step of the worked example (its name as in ``quantities()``)."""
    printed = PRINTED_STEPS.get(name)
    if printed is None:
        return Verdict(None, None)
    if not article_settings:  # the article's numbers belong to the article's settings
        return Verdict(printed, None, rounded=as_printed(value, printed))
    return compare(value, printed, KNOWN_DIFFERENCES.get(name, ""))


def of_closing(name: str, value: float, *, order: str, steps: int) -> Verdict:
    """The verdict on one closing figure of the article, for a run of ``steps`` updates in ``order``.

    ``name`` is a key of ``article.PRINTED_CLOSING``. A ✗ names the run that does give the
    printed figure (``article.CLOSING_SOURCES``); a ✓ one update short of the printed count
    says so.
    """
    if name not in PRINTED_CLOSING:
        raise InputValueError(f"name: expected one of {', '.join(PRINTED_CLOSING)}, got {name!r}")
    printed = PRINTED_CLOSING[name]
    match = matches_printed(value, printed)
    source_order, source_steps = CLOSING_SOURCES[name]
    if not match:
        note = f"known erratum: the article's figure is '{ORDER_LABELS[source_order]}' after {count(source_steps, 'update')}"
    elif steps != STEPS and name.endswith(names.after("", STEPS)):
        note = f"the article prints it as the value after {count(STEPS, 'update')}: one update short"
    else:
        note = ""
    return Verdict(printed, match, note, as_printed(value, printed))


def closing_shown(steps: int, learning_rate: float, update_biases: bool) -> tuple[str, ...]:
    """Which closing figures a run can be compared with: the article's rate, fixed biases,
    after 1, 9,999 or 10,000 updates (the 9,999 because of the article's off-by-one)."""
    if learning_rate != LEARNING_RATE or update_biases:
        return ()
    error, outputs = names.after(names.TOTAL, STEPS), (names.after(names.out(o), STEPS) for o in ("o1", "o2"))
    return {1: (names.after(names.TOTAL, 1),), STEPS - 1: (error,), STEPS: (error, *outputs)}.get(steps, ())
