"""The palette is legible: text at WCAG AA contrast on every background it is drawn on."""

import itertools
import re

import pytest

from bp_helpers import style


def test_contrast_is_wcag_2s_ratio():
    assert style.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert style.contrast("#FFFFFF", "#000000") == pytest.approx(21.0)  # order does not matter
    assert style.contrast("#777777", "#777777") == pytest.approx(1.0)
    assert style.contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the AA grey, published


@pytest.mark.parametrize("text, background", list(itertools.product(style.TEXT_COLOURS, style.BACKGROUNDS)))
def test_every_text_colour_reaches_aa_contrast_on_every_background(text, background):
    assert style.contrast(text, background) >= 4.5, (text, background)


@pytest.mark.parametrize("line", style.LINE_COLOURS)
def test_every_line_colour_stands_out_from_white(line):
    assert style.contrast(line, style.WHITE) >= 3.0  # WCAG's 3:1 for graphics


def test_sizes_keep_every_text_at_least_12_css_px_and_numbers_14():
    assert style.LABEL_PT * style.CSS_PX_PER_PT >= 12
    assert style.NUMBER_PT * style.CSS_PX_PER_PT >= 14
    assert style.MATH_PT * 0.7 * style.CSS_PX_PER_PT >= 12  # mathtext subscripts are 70 %
    # at most 1.5 x the 417 px a panel has at 150 % zoom: it shrinks to the column, never below its 100 % size
    assert style.WIDTH_IN * style.DPI <= 1.5 * 417


def test_every_colour_in_the_package_is_in_the_palette():
    from pathlib import Path

    source = "".join(p.read_text() for p in (Path(style.__file__).parent).glob("*.py") if p.name != "style.py")
    assert not re.findall(r"#[0-9A-Fa-f]{6}\b", source), "colours belong in style.py, under the contrast test"


@pytest.mark.parametrize("bad", ["red", "#12345", "#GGGGGG", 7])
def test_a_bad_colour_is_named(bad):
    with pytest.raises(ValueError, match="colour: expected '#RRGGBB'"):
        style.luminance(bad)
