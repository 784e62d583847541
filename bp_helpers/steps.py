"""Each section of the worked example as a list of steps: formula, numbers, result.

A step's formula is written once, with ``<name>`` placeholders for quantities of
:func:`bp_helpers.article.quantities`. The same template renders symbolically (in the
article's notation) and with the computed numbers substituted, so the substituted
formula on screen is always the one that produced the value. Pure: no IPython here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .article import ARTICLE_SETTINGS, matches_printed
from .formats import number
from .verdicts import PRINTED_STEPS

_PLACEHOLDER = re.compile(r"<(\w+)>")
_PARTIAL = re.compile(r"^d(\w+?)_d(\w+)$")


def symbol(name: str) -> str:
    """LaTeX for a quantity name: ``dE_dw5`` -> a partial-derivative fraction, etc."""
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
    if re.fullmatch(r"[iwb]\d", name):
        return f"{name[0]}_{{{name[1]}}}"
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

    def _one_line(self) -> str:
        return " = ".join([self.name, *(" + ".join(text) for _, text in self._parts())])

    def _rows(self, width: int) -> list[tuple[int, int, int]]:
        """How a long equation breaks over lines: (side, first term, last term + 1) per line.

        One '=' per line; a side too long for ``width`` characters breaks before a '+'."""
        rows = []
        for i, (_, text) in enumerate(self._parts()):
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
        if len(self._one_line()) <= width:
            return " = ".join([symbol(self.name), *(" + ".join(tex) for tex, _ in parts)])
        lines = []
        for n, (i, a, b) in enumerate(self._rows(width)):
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
        parts, one = self._parts(), self._one_line()
        if len(one) <= width:
            return one
        indent = " " * len(self.name)
        lines = []
        for n, (i, a, b) in enumerate(self._rows(width)):
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
    """What a section shows: its steps, its figure and the part of the network it highlights."""

    key: str
    title: str
    steps: tuple[tuple[str, str, str], ...]  # (name, tex, text)
    figure: str  # "network", "chain_w5" or "chain_w1" (drawn by bp_helpers.plots)
    highlight: tuple[str, ...] = ()

    def compute(self, values: Mapping[str, float], *names: str) -> list[Step]:
        """The section's steps (or just ``names``) evaluated at ``values`` from ``quantities()``."""
        known = [name for name, _, _ in self.steps]
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ValueError(f"names: expected steps of section {self.key!r} ({', '.join(known)}), got {unknown}")
        missing = {n for _, tex, _ in self.steps for n in _PLACEHOLDER.findall(tex)} | set(known)
        missing -= set(values)
        if missing:
            raise ValueError(f"values: expected every quantity of quantities(), missing {sorted(missing)}")
        return [Step(name, tex, text, values, PRINTED_STEPS.get(name))
                for name, tex, text in self.steps if not names or name in names]

_DOT = r" \cdot "


def _logistic(node: str) -> tuple[str, str, str]:
    return (f"out_{node}", rf"\frac{{1}}{{1 + e^{{-<net_{node}>}}}}", f"1/(1 + exp(-<net_{node}>))")


def _net(node: str, w: tuple[str, str], src: tuple[str, str], bias: str) -> tuple[str, str, str]:
    tex = " + ".join(f"<{a}>{_DOT}<{b}>" for a, b in zip(w, src)) + f" + <{bias}>{_DOT}1"
    text = " + ".join(f"<{a}>*<{b}>" for a, b in zip(w, src)) + f" + <{bias}>*1"
    return (f"net_{node}", tex, text)


def _product(name: str, *factors: str) -> tuple[str, str, str]:
    return (name, _DOT.join(f"<{f}>" for f in factors), "*".join(f"<{f}>" for f in factors))


def _sum(name: str, *terms: str) -> tuple[str, str, str]:
    return (name, " + ".join(f"<{t}>" for t in terms), " + ".join(f"<{t}>" for t in terms))


def _slope(node: str) -> tuple[str, str, str]:
    return (f"dout_{node}_dnet_{node}", rf"<out_{node}>\left(1 - <out_{node}>\right)",
            f"<out_{node}>*(1 - <out_{node}>)")


def _error_slope(node: str) -> tuple[str, str, str]:
    return (f"dE_dout_{node}", rf"-\left(<target_{node}> - <out_{node}>\right)",
            f"-(<target_{node}> - <out_{node}>)")


def _half_square(target: str, out: str) -> tuple[str, str]:
    return (rf"\tfrac{{1}}{{2}}\left(<{target}> - <{out}>\right)^{{2}}", f"1/2*(<{target}> - <{out}>)^2")


def _sum_of_half_squares(name: str, *pairs: tuple[str, str]) -> tuple[str, str, str]:
    tex, text = zip(*(_half_square(target, out) for target, out in pairs))
    return (name, " + ".join(tex), " + ".join(text))


def _new(w: str) -> tuple[str, str, str]:
    return (f"{w}_new", rf"<{w}> - <eta>{_DOT}<dE_d{w}>", f"<{w}> - <eta>*<dE_d{w}>")


SECTIONS: Mapping[str, Section] = {s.key: s for s in (
    Section("forward", "The forward pass", (
        _net("h1", ("w1", "w2"), ("i1", "i2"), "b1"), _logistic("h1"),
        _net("h2", ("w3", "w4"), ("i1", "i2"), "b1"), _logistic("h2"),
        _net("o1", ("w5", "w6"), ("out_h1", "out_h2"), "b2"), _logistic("o1"),
        _net("o2", ("w7", "w8"), ("out_h1", "out_h2"), "b2"), _logistic("o2"),
    ), "network", ()),  # the forward pass uses every line: nothing is greyed out
    Section("error", "The total error", (
        ("E_o1", *_half_square("target_o1", "out_o1")),
        ("E_o2", *_half_square("target_o2", "out_o2")),
        _sum("E_total", "E_o1", "E_o2"),
    ), "network", ("o1", "o2", "E_total")),
    Section("output", "The backward pass: output layer", (
        _error_slope("o1"), _slope("o1"), ("dnet_o1_dw5", "<out_h1>", "<out_h1>"),
        _product("dE_dw5", "dE_dout_o1", "dout_o1_dnet_o1", "dnet_o1_dw5"),
        _product("delta_o1", "dE_dout_o1", "dout_o1_dnet_o1"), _new("w5"),
        _product("dE_dw6", "delta_o1", "out_h2"), _new("w6"),
        _error_slope("o2"), _slope("o2"), _product("delta_o2", "dE_dout_o2", "dout_o2_dnet_o2"),
        _product("dE_dw7", "delta_o2", "out_h1"), _new("w7"),
        _product("dE_dw8", "delta_o2", "out_h2"), _new("w8"),
    ), "chain_w5", ("w5", "h1", "o1", "E_total")),
    Section("hidden", "The backward pass: hidden layer", (
        _product("dE_o1_dout_h1", "delta_o1", "w5"), _product("dE_o2_dout_h1", "delta_o2", "w7"),
        _sum("dE_dout_h1", "dE_o1_dout_h1", "dE_o2_dout_h1"), _slope("h1"),
        ("dnet_h1_dw1", "<i1>", "<i1>"),
        _product("dE_dw1", "dE_dout_h1", "dout_h1_dnet_h1", "dnet_h1_dw1"),
        _product("delta_h1", "dE_dout_h1", "dout_h1_dnet_h1"), _new("w1"),
        _product("dE_dw2", "delta_h1", "i2"), _new("w2"),
        _product("dE_o1_dout_h2", "delta_o1", "w6"), _product("dE_o2_dout_h2", "delta_o2", "w8"),
        _sum("dE_dout_h2", "dE_o1_dout_h2", "dE_o2_dout_h2"), _slope("h2"),
        _product("delta_h2", "dE_dout_h2", "dout_h2_dnet_h2"),
        _product("dE_dw3", "delta_h2", "i1"), _new("w3"),
        _product("dE_dw4", "delta_h2", "i2"), _new("w4"),
    ), "chain_w1", ("w1", "i1", "h1", "o1", "o2", "E_total")),
    Section("update", "The update", (
        *(_new(f"w{k}") for k in range(1, 9)),
        _sum_of_half_squares("E_total_new", ("target_o1", "out_o1_new"), ("target_o2", "out_o2_new")),
        _sum("dE_db1", "delta_h1", "delta_h2"), _sum("dE_db2", "delta_o1", "delta_o2"),
    ), "network", ()),
)}


def at_article_settings(values: Mapping[str, float]) -> bool:
    """True when every parameter, input, target and the learning rate are the article's."""
    return all(values.get(k) == v for k, v in ARTICLE_SETTINGS.items())
