"""Figures as a notebook shows them: live SVG texts replaced in place, PNGs at twice the density."""

import base64
import io
import struct

import pytest
from matplotlib.figure import Figure

from bp_helpers.rendering import LiveSVG, image_output, png_of, svg_of, svg_stack


def figure() -> Figure:
    fig = Figure(figsize=(3, 1), dpi=96)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.text(0.1, 0.5, "0.15", gid="value:a")
    ax.text(0.6, 0.5, "x", gid="value:b", ha="center")
    ax.text(0.3, 0.2, r"$w_5$", gid="math")
    return fig


def test_render_replaces_only_the_named_texts_and_escapes_them():
    live = LiveSVG(figure(), ["value:a", "value:b"])
    out = live.render({"value:a": "-3.5 & <1>", "value:b": "y"})
    assert ">-3.5 &amp; &lt;1&gt;</text>" in out and ">y</text>" in out
    assert ">0.15</text>" not in out
    # nothing else changed: the same as drawing with those texts
    assert live.render({"value:a": "0.15", "value:b": "x"}) == svg_of(figure())


def test_a_stylesheet_goes_inside_the_svg():
    live = LiveSVG(figure(), ["value:a"])
    out = live.render({"value:a": "1"}, style="#value\\:a text { fill: red }")
    head = out[:out.index("<defs")] if "<defs" in out else out[:2000]
    assert "<style>#value\\:a text { fill: red }</style>" in head


@pytest.mark.parametrize("gids, message", [(["nope"], "'nope'"), (["math"], "'math'")])
def test_only_plain_one_line_texts_can_be_live(gids, message):
    with pytest.raises(ValueError, match=f"gids: expected a plain one-line text with gid {message}"):
        LiveSVG(figure(), gids)


def test_every_live_text_needs_a_value():
    live = LiveSVG(figure(), ["value:a", "value:b"])
    with pytest.raises(ValueError, match=r"texts: expected a text for every live gid, missing \['value:b'\]"):
        live.render({"value:a": "1"})


def test_svg_keeps_text_as_text_and_is_the_same_every_time():
    svg = svg_of(figure())
    assert "<text" in svg and "0.15" in svg
    assert svg == svg_of(figure())  # no date, fixed ids: a refresh changes nothing
    assert "Verdana, sans-serif" in svg  # a fallback font where DejaVu Sans is missing


def test_a_png_has_twice_the_pixels_and_shows_at_its_own_size():
    out = image_output(figure(), "<figure: test>")
    png = base64.b64decode(out["data"]["image/png"])
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (2 * 288, 2 * 96)
    assert out["metadata"]["image/png"]["width"] == 288
    assert out["data"]["text/plain"] == "<figure: test>"
    assert png_of(figure()) == png_of(figure())


def test_stacking_puts_the_second_svg_over_the_first():
    a, b = svg_of(figure()), svg_of(figure())
    both = svg_stack(a, b)
    assert both.count("<svg") == 1 and both.count("</svg>") == 1 and both.count("0.15") == 2
    assert LiveSVG(figure(), ["value:a"]).width_px == 288  # 3 in


def test_figures_are_refused_when_they_are_not_figures():
    with pytest.raises(TypeError, match="figure: expected a matplotlib Figure"):
        svg_of(io.StringIO())
    with pytest.raises(TypeError, match="figure: expected a matplotlib Figure"):
        png_of(None)
