"""What every fixed figure is drawn with: a figure measured in inches, boxes, texts, and where
a line leaves a box. :mod:`bp_helpers.diagrams` and :mod:`bp_helpers.chains` draw with these.

Touches matplotlib only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from . import style

Values = Mapping[str, float]


def figure_in_inches(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure of width x height inches whose data units are inches, no axes drawn."""
    fig = Figure(figsize=(width, height), dpi=style.DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    return fig, ax


def require(values: Values, keys: Sequence[str]) -> None:
    """Every value a figure shows is given, or a KeyError naming the missing ones."""
    missing = [k for k in keys if k not in values]
    if missing:
        raise KeyError(f"values: missing {missing}")


def exit_point(centre: tuple[float, float], half: tuple[float, float] | float,
               toward: tuple[float, float]) -> tuple[float, float]:
    """Where the segment centre -> toward leaves a box (half sizes) or a circle (radius)."""
    (cx, cy), (tx, ty) = centre, toward
    dx, dy = tx - cx, ty - cy
    if isinstance(half, float):
        s = half / math.hypot(dx, dy)
    else:
        s = min(half[0] / abs(dx) if dx else math.inf, half[1] / abs(dy) if dy else math.inf)
    return cx + s * dx, cy + s * dy


def box(ax: Axes, centre: tuple[float, float], half: tuple[float, float], gid: str, *, edge: str = style.INK,
        face: str = style.WHITE, lw: float = 1.6, rounding: float = 0.1) -> None:
    """A rounded box around ``centre`` (half sizes ``half``), under the texts, with its gid."""
    (x, y), (hw, hh) = centre, half
    ax.add_patch(FancyBboxPatch((x - hw, y - hh), 2 * hw, 2 * hh, boxstyle=f"round,pad=0,rounding_size={rounding}",
                                fc=face, ec=edge, lw=lw, zorder=2, gid=gid))


def text(ax: Axes, x: float, y: float, content: str, *, size: float = style.NUMBER_PT, gid: str | None = None,
         colour: str = style.INK, ha: str = "center", va: str = "center", bold: bool = False) -> None:
    """A text on top of every shape; one with a gid can be replaced live (rendering.LiveSVG)."""
    ax.text(x, y, content, ha=ha, va=va, fontsize=size, color=colour, gid=gid, zorder=4,
            fontweight="bold" if bold else "normal")
