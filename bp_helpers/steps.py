"""A step of a worked example (formula, numbers, result) and the article's five sections.

A step's formula is written once, with ``<name>`` placeholders for quantities (of
:func:`bp_helpers.article.quantities`, or of any :func:`bp_helpers.worked_example`). The
same template renders symbolically (in the article's notation) and with the computed
numbers substituted, so the substituted formula on screen is always the one that produced
the value. The sections take their steps' templates from the worked example of the
article's network: one mechanism for the article and any other network. Pure: no IPython here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from .article import ARTICLE_SETTINGS, matches_printed
from .formats import number
from .verdicts import PRINTED_STEPS
from .validation import InputValueError

_PLACEHOLDER = re.compile(r"<(\w+(?:\[\d+\])?)>")  # <net_h1>, or <net_h1[2]> for example 2 of a batch
_PARTIAL = re.compile(r"^d(\w+?)_d(\w+)$")
_EXAMPLE = re.compile(r"^(\w+)\[(\d+)\]$")


def symbol(name: str) -> str:
    """LaTeX for a quantity name: ``dE_dw5`` -> a partial-derivative fraction, etc.;
    ``net_h1[2]`` (example 2 of a batch) -> net_{h1}^{(2)}."""
    example = _EXAMPLE.match(name)
    if example:
        base, n = symbol(example.group(1)), example.group(2)
        if base.endswith("^{+}"):  # out_o1_new[2]
            return base[:-1] + f"({n})}}"
        return rf"\left({base}\right)^{{({n})}}" if base.startswith(r"\frac") else f"{base}^{{({n})}}"
    if name.endswith("_new"):
        return symbol(name[:-4]) + "^{+}"
    if name == "eta":
        return r"\eta"
    if name.startswith("delta_"):
        return r"\delta_{" + name[6:] + "}"
    if name.startswith("dE_d"):  # dE_dw5, dE_dout_o1, dE_db1: the total error's slope
        return r"\frac{\partial E_{total}}{\partial " + symbol(name[4:]) + "}"
    partial = _PARTIAL.match(name)
    if partial:  # dout_o1_dnet_o1, dnet_o1_dw5, dE_o1_dout_h1
        top, bottom = partial.groups()
        return r"\frac{\partial " + symbol(top) + r"}{\partial " + symbol(bottom) + "}"
    if re.fullmatch(r"[iwb]\d+", name):
        return f"{name[0]}_{{{name[1:]}}}"
    head, _, tail = name.partition("_")
    return f"{head}_{{{tail}}}" if tail else name


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
    printed: str | None = None  # the article's printed value, if it prints one

    @property
    def value(self) -> float:
        """The computed value of this step's quantity."""
        return self.values[self.name]

    @property
    def match(self) -> bool | None:
        """Does the computed value read as the article's printed one? None: nothing printed."""
        return None if self.printed is None else matches_printed(self.value, self.printed)

    def _fill(self, template: str, render) -> str:
        return _PLACEHOLDER.sub(lambda m: render(m.group(1)), template)

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

    def equation_tex(self, width: int = 44) -> str:
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

    def equation_text(self, width: int = 52) -> str:
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


@dataclass(frozen=True)
class Section:
    """What a section shows: its steps (by name, in its order), its figure and the part of the
    network it highlights. The steps' formulas are the worked example's for the article's network."""

    key: str
    title: str
    names: tuple[str, ...]
    figure: str  # "network", "chain_w5" or "chain_w1" (drawn by bp_helpers.plots)
    highlight: tuple[str, ...] = ()

    @property
    def steps(self) -> tuple[tuple[str, str, str], ...]:
        """(name, tex, text) of each step."""
        templates = article_templates()
        return tuple((name, *templates[name]) for name in self.names)

    def compute(self, values: Mapping[str, float], *names: str) -> list[Step]:
        """The section's steps (or just ``names``) evaluated at ``values`` from ``quantities()``."""
        unknown = [n for n in names if n not in self.names]
        if unknown:
            raise InputValueError(f"names: expected steps of section {self.key!r} ({', '.join(self.names)}), got {unknown}")
        steps = self.steps
        missing = {n for _, tex, _ in steps for n in _PLACEHOLDER.findall(tex)} | set(self.names)
        missing -= set(values)
        if missing:
            raise InputValueError(f"values: expected every quantity of quantities(), missing {sorted(missing)}")
        return [Step(name, tex, text, values, PRINTED_STEPS.get(name))
                for name, tex, text in steps if not names or name in names]


@cache
def article_templates() -> dict[str, tuple[str, str]]:
    """name -> (tex, text) of every step of the worked example of the article's network."""
    from .article import INPUTS, LEARNING_RATE, TARGETS, article_network
    from .worked import worked_example  # built on Step: imported once Step exists
    example = worked_example(article_network(), INPUTS, TARGETS, LEARNING_RATE)
    return {step.name: (step.tex, step.text) for step in example.steps}


SECTIONS: Mapping[str, Section] = {s.key: s for s in (
    Section("forward", "The forward pass",
            ("net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2"),
            "network", ()),  # the forward pass uses every line: nothing is greyed out
    Section("error", "The total error", ("E_o1", "E_o2", "E_total"), "network", ("o1", "o2", "E_total")),
    Section("output", "The backward pass: output layer", (
        "dE_dout_o1", "dout_o1_dnet_o1", "dnet_o1_dw5", "dE_dw5", "delta_o1", "w5_new", "dE_dw6", "w6_new",
        "dE_dout_o2", "dout_o2_dnet_o2", "delta_o2", "dE_dw7", "w7_new", "dE_dw8", "w8_new",
    ), "chain_w5", ("w5", "h1", "o1", "E_total")),
    Section("hidden", "The backward pass: hidden layer", (
        "dE_o1_dout_h1", "dE_o2_dout_h1", "dE_dout_h1", "dout_h1_dnet_h1", "dnet_h1_dw1", "dE_dw1", "delta_h1",
        "w1_new", "dE_dw2", "w2_new",
        "dE_o1_dout_h2", "dE_o2_dout_h2", "dE_dout_h2", "dout_h2_dnet_h2", "delta_h2", "dE_dw3", "w3_new",
        "dE_dw4", "w4_new",
    ), "chain_w1", ("w1", "i1", "h1", "o1", "o2", "E_total")),
    Section("update", "The update", (
        *(f"w{k}_new" for k in range(1, 9)), "E_total_new", "dE_db1", "dE_db2",
    ), "network", ()),
)}


def at_article_settings(values: Mapping[str, float]) -> bool:
    """True when every parameter, input, target and the learning rate are the article's."""
    return all(values.get(k) == v for k, v in ARTICLE_SETTINGS.items())
