"""The article's two chain-rule pictures, drawn from named values.

* :class:`ChainW5`: the one road from ``w5`` to the error, each link's slope, their product
  and the update of w5.
* :class:`ChainW1`: the two roads from ``w1``, through o1 and through o2, which add up.

Every symbol is written by :func:`bp_helpers.names.tex` and every equation under the boxes is
its step's own formula (:func:`bp_helpers.steps.article_templates`) with the numbers put in,
so a figure cannot show another formula than the worked example computes. As with
:class:`bp_helpers.diagrams.NetworkDiagram`, only the texts :meth:`texts` names by gid
depend on the values. Touches matplotlib only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from . import names, style
from .drawing import Values, box, exit_point, figure_in_inches, require, text
from .equations import PLACEHOLDER
from .formats import setting, short
from .steps import article_templates

_HALF = (0.42, 0.32)  # a chain box
_SETTINGS = ("input", "weight", "bias", "eta", "target")  # shown as a slider sets them: two decimals


def _shown(name: str, values: Values) -> str:
    """A value as the chain figures write it: a setting with two decimals, anything computed to six digits."""
    q = names.parse(name)
    return setting(values[name]) if q is not None and q.kind in _SETTINGS and not q.new else short(values[name], 6)


def _formula(name: str, *expand: str) -> str:
    """The plain-text formula of ``name``'s step, each quantity of ``expand`` replaced by its own
    formula (a product inside a product), and a quantity that equals another (dnet_o1_dw5 = out_h1)
    by that other."""
    templates = article_templates()
    formula = templates[name][1]
    for inner in expand:
        formula = formula.replace(f"<{inner}>", templates[inner][1])

    def alias(match: re.Match[str]) -> str:
        own = templates.get(match.group(1), ("", ""))[1]
        return own if PLACEHOLDER.fullmatch(own) else match.group(0)
    return PLACEHOLDER.sub(alias, formula)


def equation(name: str, values: Values, *expand: str) -> str:
    """``= <formula with numbers> = <value>``, as a chain figure writes it under its boxes:
    × and − for * and -, a negative number in brackets unless it opens a sum."""
    formula = _formula(name, *expand)

    def number(match: re.Match[str]) -> str:
        shown = _shown(match.group(1), values)
        opens_sum = match.start() == 0 and not formula[match.end():].startswith("*")
        return f"({shown})" if shown.startswith("-") and not opens_sum else shown
    filled = PLACEHOLDER.sub(number, formula).replace("*", " × ").replace(" - ", " − ")
    return f"= {filled} = {short(values[name], 6)}"


def _arrow(ax: Axes, a: tuple[float, float], b: tuple[float, float], colour: str) -> None:
    p0, p1 = exit_point(a, _HALF, b), exit_point(b, _HALF, a)
    ax.add_patch(FancyArrowPatch(p0, p1, arrowstyle="-|>", mutation_scale=16, color=colour, lw=1.8, zorder=1))


def _derivative(name: str) -> str:
    """A link's slope as a stacked fraction: the symbol beside its arrow."""
    return names.mathtext(name, "dfrac")


def _quantity(ax: Axes, xy: tuple[float, float], name: str, colour: str, texts: Mapping[str, str]) -> None:
    """A chain box: the quantity's name over its value."""
    box(ax, xy, _HALF, f"node:{name}", edge=colour)
    text(ax, xy[0], xy[1] + 0.12, names.mathtext(name), size=style.MATH_PT)
    text(ax, xy[0], xy[1] - 0.15, texts[f"value:{name}"], gid=f"value:{name}")


def _slope(ax: Axes, x: float, y: float, symbol: str, gid: str, texts: Mapping[str, str], colour: str, *,
           side: int) -> None:
    """A link's slope beside its arrow at height y: the value nearer the arrow, the symbol beyond
    (side +1: above the row of boxes, -1: below it)."""
    edge = y + side * _HALF[1]
    text(ax, x, edge + side * 0.05, texts[gid], gid=gid, colour=colour, va="bottom" if side > 0 else "top")
    text(ax, x, edge + side * 0.3, symbol, size=style.MATH_PT, colour=colour, va="bottom" if side > 0 else "top")


def _equation(ax: Axes, x: float, y: float, math: str, gid: str, texts: Mapping[str, str], *,
              colour: str = style.INK) -> None:
    """``math`` (mathtext, fixed) ending at x, then its live numbers from x, on one baseline,
    so the '=' of stacked equations line up."""
    ax.text(x - 0.03, y, math, ha="right", va="baseline", fontsize=style.MATH_PT, color=colour, zorder=4)
    ax.text(x + 0.03, y, texts[gid], ha="left", va="baseline", fontsize=style.NUMBER_PT, color=colour, gid=gid,
            zorder=4)


def _inline(name: str) -> str:
    """A derivative written on one line, ∂a/∂b, for the left side of an equation."""
    return names.mathtext(name, "slash")


class ChainW5:
    """E_total <- out_o1 <- net_o1 <- w5: each link's slope, their product, and the update of w5."""

    KEYS = ("E_total", "out_o1", "net_o1", "w5", "dE_dout_o1", "dout_o1_dnet_o1", "out_h1", "delta_o1",
            "dE_dw5", "eta", "w5_new")
    LINKS = ("dE_dout_o1", "dout_o1_dnet_o1", "dnet_o1_dw5")  # E_total <- out_o1 <- net_o1 <- w5

    def texts(self, values: Values) -> dict[str, str]:
        require(values, self.KEYS)
        v = {k: float(values[k]) for k in self.KEYS}
        t = {f"value:{k}": short(v[k], 6) for k in ("E_total", "out_o1", "net_o1")}
        t["value:w5"] = setting(v["w5"])
        t.update({f"slope:{k}": short(v[k], 6) for k in ("dE_dout_o1", "dout_o1_dnet_o1", "out_h1")})
        t["delta"] = equation("delta_o1", v)
        t["product"] = equation("dE_dw5", v)
        t["update"] = equation("w5_new", v)
        return t

    def draw(self, values: Values) -> Figure:
        texts = self.texts(values)
        fig, ax = figure_in_inches(style.WIDTH_IN, 3.35)
        y = 2.05
        xs = [0.5, 2.3, 4.1, 5.9]
        for x, name in zip(xs, ("E_total", "out_o1", "net_o1", "w5"), strict=True):
            _quantity(ax, (x, y), name, style.INK, texts)
        for i, (link, key) in enumerate(zip(self.LINKS, ("dE_dout_o1", "dout_o1_dnet_o1", "out_h1"), strict=True)):
            _arrow(ax, (xs[i + 1], y), (xs[i], y), style.BLUE)
            _slope(ax, (xs[i] + xs[i + 1]) / 2, y, _derivative(link), f"slope:{key}", texts, style.BLUE, side=1)
        _equation(ax, 1.75, 1.05, names.mathtext("delta_o1"), "delta", texts, colour=style.GREEN)
        _equation(ax, 1.75, 0.6, _inline("dE_dw5"), "product", texts)
        _equation(ax, 1.75, 0.15, names.mathtext("w5_new"), "update", texts)
        return fig


class ChainW1:
    """The two roads from w1 to the error, through o1 and through o2, their sum, and the update of w1."""

    KEYS = ("E_o1", "E_o2", "out_o1", "out_o2", "net_o1", "net_o2", "out_h1", "net_h1", "w1", "w5", "w7", "i1",
            "dE_dout_o1", "dE_dout_o2", "dout_o1_dnet_o1", "dout_o2_dnet_o2", "dE_o1_dout_h1", "dE_o2_dout_h1",
            "dE_dout_h1", "dout_h1_dnet_h1", "dE_dw1", "eta", "w1_new")
    ROADS = (("o1", "w5"), ("o2", "w7"))  # each output, and the weight from h1 into it

    def texts(self, values: Values) -> dict[str, str]:
        require(values, self.KEYS)
        v = {k: float(values[k]) for k in self.KEYS}
        s6 = {k: short(v[k], 6) for k in self.KEYS}
        t = {f"value:{k}": s6[k] for k in ("E_o1", "E_o2", "out_o1", "out_o2", "net_o1", "net_o2", "out_h1",
                                          "net_h1")}
        t["value:w1"] = setting(v["w1"])
        for o, w in self.ROADS:
            t[f"slope:{names.error_slope(o)}"] = s6[names.error_slope(o)]
            t[f"slope:{names.slope(o)}"] = s6[names.slope(o)]
            t[f"slope:{w}"] = f"{w} = {setting(v[w])}"
            t[f"road:{o}"] = equation(names.road(o, "h1"), v, names.delta(o))  # delta written out: three links
        t["slope:dout_h1_dnet_h1"] = s6["dout_h1_dnet_h1"]
        t["slope:i1"] = f"i1 = {setting(v['i1'])}"
        t["sum"] = equation("dE_dout_h1", v)
        t["product"] = equation("dE_dw1", v)
        t["update"] = equation("w1_new", v)
        return t

    def draw(self, values: Values) -> Figure:
        texts = self.texts(values)
        fig, ax = figure_in_inches(style.WIDTH_IN, 4.8)
        xs = [0.48, 1.6, 2.72, 3.68, 4.8, 5.9]
        top, bot = 4.42, 2.07
        mid = (top + bot) / 2
        # each road's slopes sit between the two roads, facing the other road's
        for (o, w), y, colour, side in zip(self.ROADS, (top, bot), (style.BLUE, style.VERMILLION), (-1, 1),
                                           strict=True):
            row = [(xs[0], y), (xs[1], y), (xs[2], y)]
            for xy, name in zip(row, (names.error(o), names.out(o), names.net(o)), strict=True):
                _quantity(ax, xy, name, colour, texts)
            for (a, b), link, key in (((row[1], row[0]), names.road(o, o), names.error_slope(o)),
                                      ((row[2], row[1]), names.slope(o), names.slope(o))):
                _arrow(ax, a, b, colour)
                _slope(ax, (a[0] + b[0]) / 2, y, _derivative(link), f"slope:{key}", texts, colour, side=side)
            _arrow(ax, (xs[3], mid), row[2], colour)
            # the road's last link, net_o by out_h1, has the weight as its slope: beside the diagonal,
            # on the outer side, clear of the boxes at both ends
            text(ax, 3.26, y - side * 0.05, texts[f"slope:{w}"], gid=f"slope:{w}", colour=colour, ha="left",
                 va="bottom" if side < 0 else "top")
        for x, name in zip(xs[3:], ("out_h1", "net_h1", "w1"), strict=True):
            _quantity(ax, (x, mid), name, style.INK, texts)
        for (a, b), link, gid in ((((xs[4], mid), (xs[3], mid)), names.slope("h1"), "slope:dout_h1_dnet_h1"),
                                  (((xs[5], mid), (xs[4], mid)), names.input_slope("h1", "w1"), "slope:i1")):
            _arrow(ax, a, b, style.INK)
            _slope(ax, (a[0] + b[0]) / 2, mid, _derivative(link), gid, texts, style.INK, side=1)
        eq = 2.28
        for y, (o, _), colour in zip((1.42, 1.1), self.ROADS, (style.BLUE, style.VERMILLION), strict=True):
            _equation(ax, eq, y, f"through {names.mathtext(o)}: {_inline(names.road(o, 'h1'))}", f"road:{o}", texts,
                      colour=colour)
        _equation(ax, eq, 0.78, f"both: {_inline('dE_dout_h1')}", "sum", texts)
        _equation(ax, eq, 0.46, _inline("dE_dw1"), "product", texts)
        _equation(ax, eq, 0.14, names.mathtext("w1_new"), "update", texts)
        return fig
