"""Colours, type sizes and widths for every figure and every printed text, and the contrast rule they obey.

Constants and one formula (WCAG 2's contrast ratio); nothing is drawn here.

Sizes are chosen for the room. A figure is at most ``WIDTH_IN`` wide, which is 614 CSS px at
96 px per inch: JupyterLab shows it at that size in the 848 px column of a 1280x720 window,
and at 150 % zoom (a 421 px column, 417 px inside a panel) it shrinks to the column, keeping
at least the same size on the screen. At natural size a point is 4/3 CSS px, so ``LABEL_PT`` is 12.7 px and ``NUMBER_PT``,
for every number a class has to read, is 14.7 px.
"""

from __future__ import annotations

from .validation import InputValueError

WIDTH_IN = 6.4
DPI = 96  # CSS px per inch: a figure's natural width in a notebook is its width in inches x 96
CSS_PX_PER_PT = 96 / 72

# Printed text (a cell's output, a panel's sentences) in the 421 px column of 150 % zoom: a line
# of 52 characters fits; a typeset equation whose plain text is longer than 44 breaks over lines.
TEXT_WIDTH = 52
EQUATION_WIDTH = 44

# A log axis shows an error of 0 (underflow after long training) at the floor, overflow at the ceiling.
LOG_FLOOR, LOG_CEIL = 1e-300, 1e100

LABEL_PT = 9.5  # names and captions: >= 12 CSS px
NUMBER_PT = 11.0  # the numbers on a figure: >= 14 CSS px
NAME_PT = 13.0  # a node's name, e.g. h1: mathtext draws subscripts at 70 %, still >= 12 CSS px
MATH_PT = 13.0  # any mathtext (a symbol like dE/dw5): its subscripts too must reach 12 CSS px

# Okabe-Ito hues, those that are too pale for text on white darkened until text in them
# reaches 4.5:1 (WCAG AA), so one colour serves a line and its label.
INK = "#1A1A1A"
BLUE = "#006BA7"
VERMILLION = "#A84A00"
GREEN = "#007455"
PURPLE = "#8E5474"
SKY = "#336C8B"
MUTED = "#5F5F5F"  # text outside a highlighted path
HIGHLIGHT = "#D55E00"  # lines of a highlighted path (not used for text)
MUTED_LINE = "#949494"  # lines outside a highlighted path: still 3:1 on white

WHITE = "#FFFFFF"
HIGHLIGHT_FILL = "#FBE3D3"  # a highlighted node's background
SUM_FILL = "#F0F0F0"  # the box where two roads add up
GRID = "#DDDDDD"

CYCLE = (BLUE, VERMILLION, GREEN, PURPLE, SKY, INK)  # curves, in order; no yellow
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")

# Every colour that text is drawn in, and every background it is drawn on (tests/test_style.py).
TEXT_COLOURS = (INK, BLUE, VERMILLION, GREEN, PURPLE, SKY, MUTED)
BACKGROUNDS = (WHITE, HIGHLIGHT_FILL, SUM_FILL)
LINE_COLOURS = (INK, BLUE, VERMILLION, GREEN, PURPLE, SKY, HIGHLIGHT, MUTED_LINE)


def luminance(colour: str) -> float:
    """Relative luminance of a '#RRGGBB' colour (WCAG 2)."""
    if not (isinstance(colour, str) and len(colour) == 7 and colour[0] == "#"):
        raise InputValueError(f"colour: expected '#RRGGBB', got {colour!r}")
    try:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    except ValueError:
        raise InputValueError(f"colour: expected '#RRGGBB', got {colour!r}") from None
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
