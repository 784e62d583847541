"""A step of a worked example as an equation: name = formula = numbers = value.

A step's formula is written once, with ``<name>`` placeholders for quantities (of any
:func:`bp_helpers.worked_example`, named by :mod:`bp_helpers.names`). The same template
renders symbolically (in the article's notation) and with the computed numbers substituted,
so the substituted formula on screen is always the one that produced the value. Whether a
value matches a printed number is not a step's business: :mod:`bp_helpers.verdicts` says.
Pure: no IPython here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .formats import number
from .names import tex as symbol
from .style import EQUATION_WIDTH, TEXT_WIDTH

PLACEHOLDER = re.compile(r"<(\w+(?:\[\d+\])?)>")  # <net_h1>, or <net_h1[2]> for example 2 of a batch


def placeholders(template: str) -> list[str]:
    """The quantities a template names, in order: ``"<w5>*<out_h1>"`` -> ['w5', 'out_h1']."""
    return PLACEHOLDER.findall(template)


def _tex_number(value: float) -> str:
    mantissa, _, exponent = number(value).partition("e")
    return mantissa + (rf" \times 10^{{{int(exponent)}}}" if exponent else "")


@dataclass(frozen=True)
class Step:
    """One line of the worked example: ``name = formula = numbers = value``."""

    name: str
    tex: str   # right-hand side in LaTeX, with <quantity> placeholders
    text: str  # the same in plain text (what nbval compares)
    values: Mapping[str, float]

    @property
    def value(self) -> float:
        """The computed value of this step's quantity."""
        return self.values[self.name]

    def _fill(self, template: str, render: Callable[[str], str]) -> str:
        return PLACEHOLDER.sub(lambda m: render(m.group(1)), template)

    def _parts(self) -> list[tuple[list[str], list[str]]]:
        """The equation's sides after its name, each as (tex terms, text terms) summed with '+':
        the formula, the numbers put in, the result; a side that repeats the one before is left out."""
        def tex_num(n: str) -> str:
            shown = _tex_number(self.values[n])
            return rf"\left({shown}\right)" if self.values[n] < 0 else shown
        def text_num(n: str) -> str:
            return f"({number(self.values[n])})" if self.values[n] < 0 else number(self.values[n])
        sides = [(_terms(self._fill(self.tex, symbol)), _terms(self._fill(self.text, str))),
                 (_terms(self._fill(self.tex, tex_num)), _terms(self._fill(self.text, text_num))),
                 ([_tex_number(self.value)], [number(self.value)])]
        kept: list[tuple[list[str], list[str]]] = []
        for side in sides:
            if side[1] != [self.name] and (not kept or side[1] != kept[-1][1]):
                kept.append(side)
        return kept

    def _one_line(self, parts: list[tuple[list[str], list[str]]]) -> str:
        # this and _rows take the sides _parts() made, so that one rendering makes them once
        return " = ".join([self.name, *(" + ".join(text) for _, text in parts)])

    def _rows(self, parts: list[tuple[list[str], list[str]]], width: int) -> list[tuple[int, int, int]]:
        """How a long equation breaks over lines: (side, first term, last term + 1) per line.

        One '=' per line; a side too long for ``width`` characters breaks before a '+'."""
        rows = []
        for i, (_, text) in enumerate(parts):
            start, used = 0, len(self.name) + 3
            for k, term in enumerate(text):
                if k > start and used + 3 + len(term) > width:
                    rows.append((i, start, k))
                    start, used = k, len(self.name) + 5
                used += len(term) + (3 if k > start else 0)
            rows.append((i, start, len(text)))
        return rows

    def equation_tex(self, width: int = EQUATION_WIDTH) -> str:
        """LaTeX: symbol = formula = numbers substituted = value; aligned on '=' over several
        lines when its plain text is longer than ``width`` characters (what fits a 421 px
        column, at 150 % zoom)."""
        parts = self._parts()
        if len(self._one_line(parts)) <= width:
            return " = ".join([symbol(self.name), *(" + ".join(tex) for tex, _ in parts)])
        lines = []
        for n, (i, a, b) in enumerate(self._rows(parts, width)):
            lead = symbol(self.name) if n == 0 else ""
            joint = "&=" if a == 0 else r"&\quad +"
            lines.append(f"{lead} {joint} {' + '.join(parts[i][0][a:b])}")
        return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"

    def substituted_text(self, precise: bool = False) -> str:
        """The plain-text formula with numbers in; ``precise`` uses every digit (for checks)."""
        fmt = repr if precise else number
        num = lambda n: f"({fmt(self.values[n])})" if self.values[n] < 0 else fmt(self.values[n])
        return self._fill(self.text, num)

    def equation_text(self, width: int = TEXT_WIDTH) -> str:
        """Plain text of the same equation (what nbval compares), broken like the LaTeX when
        longer than ``width`` characters (a line of print in a 421 px column)."""
        parts = self._parts()
        one = self._one_line(parts)
        if len(one) <= width:
            return one
        indent = " " * len(self.name)
        lines = []
        for n, (i, a, b) in enumerate(self._rows(parts, width)):
            terms = " + ".join(parts[i][1][a:b])
            lead = self.name if n == 0 else indent
            lines.append(f"{lead} {'=' if a == 0 else '  +'} {terms}")
        return "\n".join(lines)


def _terms(expression: str) -> list[str]:
    """An expression split at its top-level ' + ' (not inside brackets or braces)."""
    terms, depth, start = [], 0, 0
    i = 0
    while i < len(expression):
        ch = expression[i]
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif depth == 0 and expression.startswith(" + ", i):
            terms.append(expression[start:i])
            start = i + 3
            i += 2
        i += 1
    terms.append(expression[start:])
    return terms
