"""Rich notebook views of a section's steps: rendered equations and a summary table.

Each view renders as Markdown/HTML for the reader and has a plain-text twin
(``__repr__``) carrying the same numbers, because plain text is what nbval compares.

Beside each value a view shows the number a worked example prints for it, with ✓ or ✗
(:mod:`bp_helpers.verdicts`): the article's for the article's network (by default, and
only then), another worked example's when given as ``printed``, none for any other network.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence

from . import verdicts
from .equations import Step
from .formats import number
from .steps import at_article_settings, is_article_example
from .style import TEXT_WIDTH
from .validation import InputTypeError, InputValueError
from .verdicts import PrintedNumbers, Verdict


def _check_printed(printed: object) -> PrintedNumbers | None:
    if printed is not None and not isinstance(printed, PrintedNumbers):
        raise InputTypeError(f"printed: expected the numbers a worked example prints (verdicts.PrintedNumbers, "
                        f"e.g. a published example's .printed_numbers()), or None for the article's, "
                        f"got {type(printed).__name__}")
    return printed


class _Verdicts:
    """Which printed numbers a view's steps are compared with, and the verdict on each."""

    def __init__(self, steps: Sequence[Step], printed: PrintedNumbers | None) -> None:
        self.printed = _check_printed(printed)
        self.article = printed is None and is_article_example(steps)
        self.article_settings = at_article_settings(steps[0].values)

    @property
    def source(self) -> str | None:
        """The printed numbers' label ('article', 'printed' ...), or None when there are none."""
        return self.printed.source if self.printed is not None else "article" if self.article else None

    def of(self, step: Step) -> Verdict:
        if self.printed is not None:
            return self.printed.verdict(step.name, step.value)
        if self.article:
            return verdicts.of_step(step.name, step.value, self.article_settings)
        return Verdict(None, None)


def _html_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, code_first: bool = False) -> str:
    """An HTML table; ``code_first`` sets the first column as code (quantity names)."""
    def cell(i: int, c: str) -> str:
        return f"<td><code>{html.escape(c)}</code></td>" if code_first and i == 0 else f"<td>{html.escape(c)}</td>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in header)
    body = "".join("<tr>" + "".join(cell(i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The same table as aligned plain text (what nbval compares)."""
    rows = [header, *rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def _check(steps: Sequence[Step]) -> Sequence[Step]:
    if not steps or not all(isinstance(s, Step) for s in steps):
        raise InputTypeError(f"steps: expected a non-empty list of Step, got {steps!r}")
    return steps


class StepsView:
    """Steps as equations, each with the printed value beside it: the article's for the
    article's network, ``printed``'s when given (another worked example's numbers)."""

    def __init__(self, steps: Sequence[Step], printed: PrintedNumbers | None = None) -> None:
        self.steps = _check(steps)
        self._verdicts = _Verdicts(self.steps, printed)
        self.article_settings = self._verdicts.article_settings

    def _repr_markdown_(self) -> str:
        lines = []
        for s in self.steps:
            verdict = self._verdicts.of(s).line()
            lines.append(f"$${s.equation_tex()}$$" + (f"\n\n{verdict}" if verdict else ""))
        return "\n\n".join(lines)

    def __repr__(self) -> str:
        lines = []
        for s in self.steps:
            verdict = self._verdicts.of(s).line()
            lines.append(s.equation_text() + ("\n" + textwrap.fill(verdict, TEXT_WIDTH, initial_indent="    ",
                                                                   subsequent_indent="      ") if verdict else ""))
        return "\n".join(lines)


class SummaryTable:
    """quantity | computed | article (with its mark), for every step of a section.

    With ``printed`` (another worked example's numbers) the last column is theirs, headed
    by their label; for a network that is neither, there is no such column.
    """

    COLUMNS = ("quantity", "computed", "article")

    def __init__(self, steps: Sequence[Step], printed: PrintedNumbers | None = None) -> None:
        self.steps = _check(steps)
        self._verdicts = _Verdicts(self.steps, printed)
        self.article_settings = self._verdicts.article_settings
        source = self._verdicts.source
        self.columns: tuple[str, ...] = self.COLUMNS[:2] + ((source,) if source else ())

    def rows(self) -> list[tuple[str, ...]]:
        """The table's cells as text (n/a: the article's number, but not at its settings)."""
        def printed(s: Step) -> str:
            v = self._verdicts.of(s)
            if v.printed is None:
                return "—"
            return f"{v.printed} {'n/a' if v.match is None else v.mark}"
        if len(self.columns) == 2:
            return [(s.name, number(s.value)) for s in self.steps]
        return [(s.name, number(s.value), printed(s)) for s in self.steps]

    @property
    def all_match(self) -> bool:
        """No ✗ in the table: every printed value compared is reproduced (a known erratum counts
        as a difference; away from the article's settings nothing is compared)."""
        return all(self._verdicts.of(s).match is not False for s in self.steps)

    def _repr_html_(self) -> str:
        return _html_table(self.columns, self.rows(), code_first=True)

    def __repr__(self) -> str:
        return _text_table(self.columns, self.rows())


def key_numbers(values: Mapping[str, float], names: Sequence[str], per_line: int = 3) -> str:
    """``name = value`` for each name, in aligned columns: the numbers behind a figure.

    At most ``per_line`` to a line, fewer when the line would not fit ``TEXT_WIDTH`` characters.
    Print this in the figure's own cell: nbval never compares images, only text.
    """
    if isinstance(names, str) or not names:
        raise InputTypeError(f"names: expected a non-empty list of quantity names, got {names!r}")
    if isinstance(per_line, bool) or not isinstance(per_line, int) or per_line < 1:
        raise InputValueError(f"per_line: expected a positive whole number, got {per_line!r}")
    missing = [n for n in names if n not in values]
    if missing:
        raise KeyError(f"values: missing {missing}")
    shown = [number(values[n]) for n in names]
    name_w, value_w = max(map(len, names)), max(map(len, shown))
    cells = [f"{n.ljust(name_w)} = {v.ljust(value_w)}" for n, v in zip(names, shown, strict=True)]
    per_line = max(1, min(per_line, (TEXT_WIDTH + 3) // (name_w + value_w + 6)))
    lines = [cells[i:i + per_line] for i in range(0, len(cells), per_line)]
    return "\n".join("   ".join(line).rstrip() for line in lines)


class ComparisonTable:
    """The article's printed numbers beside several computations, one row per number and computation.

    ``printed``: row label -> the number as the article prints it; ``columns``: computation
    label -> one computed value per printed number, in the same order. Each row shows the
    value rounded to the printed digits, with its mark. (Long rather than wide, so that it
    fits a narrow column.)
    """

    header = ("quantity", "article", "computation", "computed")

    def __init__(self, printed: Mapping[str, str], columns: Mapping[str, Sequence[float]]) -> None:
        if not printed or not columns:
            raise InputTypeError("printed, columns: expected non-empty mappings")
        for label, vals in columns.items():
            if len(vals) != len(printed):
                raise InputValueError(f"columns[{label!r}]: expected {len(printed)} values (one per row), got {len(vals)}")
        self.printed = dict(printed)
        self.columns = {label: [float(v) for v in vals] for label, vals in columns.items()}

    def rows(self) -> list[tuple[str, str, str, str]]:
        """The table's cells as text: label, article, computation, computed value with its mark."""
        out = []
        for i, (label, text) in enumerate(self.printed.items()):
            for k, (run, vals) in enumerate(self.columns.items()):
                v = verdicts.compare(vals[i], text)
                out.append((label if k == 0 else "", text if k == 0 else "", run, f"{v.rounded} {v.mark}"))
        return out

    def _repr_html_(self) -> str:
        return _html_table(self.header, self.rows())

    def __repr__(self) -> str:
        return _text_table(self.header, self.rows())
