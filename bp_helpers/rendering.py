"""Figures as a notebook shows them: SVG whose live numbers are replaced, and sharp PNGs.

* :class:`LiveSVG` draws a figure once as SVG. Matplotlib's ``svg.fonttype: none`` keeps
  every text a ``<text>`` element inside a ``<g id=gid>`` group, so a new set of numbers is
  a string substitution in the SVG: nothing is drawn again, a move costs microseconds, and
  the picture is vector, sharp on any projector.
* A panel shows the SVG in an ``ipywidgets.Image`` (binary, no base64; limited to the
  column's width, which JupyterLab does not do for an ``image/svg+xml`` output).
* :func:`show` puts a figure in a notebook's stored outputs as a PNG at twice the density
  (sharp at 150 % zoom and on hi-dpi screens; a stored SVG would not show in a notebook that
  has not been run, which JupyterLab does not trust).

Uses matplotlib's documented ``Figure.savefig`` only; may touch IPython's display.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

import matplotlib
from IPython.display import display
from matplotlib.figure import Figure

SVG_RC: dict[Any, Any] = {"svg.fonttype": "none", "svg.hashsalt": "bp_helpers"}  # ids stable run to run
# Mathtext glyphs name only DejaVu Sans; where a reader's browser lacks it, fall back to a
# sans-serif of similar width rather than the browser's default serif. Matplotlib 3.10+ writes
# `font-family: 'DejaVu Sans'`, 3.8 and 3.9 the shorthand `font: oblique 9px 'DejaVu Sans'`:
# either way the family list that ends the style attribute is DejaVu Sans alone.
_MATH_FONT = re.compile(r"""((?:font-family: |font: [^;"']*)'DejaVu Sans')(?=")""")
_MATH_FALLBACK = r"\1, Verdana, sans-serif"


def svg_of(figure: Figure) -> str:
    """The figure as an SVG document, texts kept as text."""
    if not isinstance(figure, Figure):
        raise TypeError(f"figure: expected a matplotlib Figure, got {type(figure).__name__}")
    buffer = io.StringIO()
    with matplotlib.rc_context(SVG_RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return _MATH_FONT.sub(_MATH_FALLBACK, buffer.getvalue())


def png_of(figure: Figure, scale: float = 2.0) -> bytes:
    """The figure as PNG at ``scale`` times its own dpi."""
    if not isinstance(figure, Figure):
        raise TypeError(f"figure: expected a matplotlib Figure, got {type(figure).__name__}")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi * scale, metadata={"Software": None})
    return buffer.getvalue()


def image_output(figure: Figure, description: str) -> dict[str, Any]:
    """A display output (as notebooks store them) holding the figure as a 2x PNG shown at 1x."""
    width = round(figure.get_figwidth() * figure.dpi)
    return {"output_type": "display_data",
            "data": {"image/png": base64.b64encode(png_of(figure)).decode("ascii"), "text/plain": description},
            "metadata": {"image/png": {"width": width}}}


def show(figure: Figure, description: str = "") -> None:
    """Display ``figure`` in the notebook as a sharp PNG with a short plain-text twin."""
    output = image_output(figure, f"<figure: {description}>" if description else "<figure>")
    display(output["data"], raw=True, metadata=output["metadata"])


class LiveSVG:
    """A figure drawn once as SVG; :meth:`render` replaces the texts of the named gids.

    Each live gid must be a single-line plain text (no mathtext), which the SVG holds as one
    ``<text>`` element; anything the figure draws behind it (a box, say) stays as drawn, so
    a live text must fit the room its figure gave it.
    """

    def __init__(self, figure: Figure, gids: Iterable[str]) -> None:
        svg = svg_of(figure)
        gids = list(gids)
        found = {}
        for gid in gids:
            pattern = re.compile(r'<g id="' + re.escape(html.escape(gid)) + r'">.*?<text\b[^>]*>([^<]*)</text>', re.DOTALL)
            match = pattern.search(svg)
            if match is None:
                raise ValueError(f"gids: expected a plain one-line text with gid {gid!r} in the figure")
            found[gid] = match.span(1)
        order = sorted(found, key=lambda g: found[g][0])
        self.gids = tuple(order)
        cuts = [0] + [i for gid in order for i in found[gid]] + [len(svg)]
        self._static = [svg[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True)]
        head = self._static[0]
        self._style_at = head.index(">", head.index("<svg")) + 1  # where a <style> element may go
        width = re.search(r'<svg[^>]*width="([\d.]+)pt"', svg)
        assert width is not None  # matplotlib always writes it
        self.width_px = round(float(width.group(1)) * 4 / 3)  # CSS px at natural size

    def render(self, texts: Mapping[str, str], style: str = "") -> str:
        """The SVG with every live gid showing ``texts[gid]``, and ``style`` (CSS) applied.

        ``style`` rules can restyle the figure's groups by id, e.g. a highlight.
        """
        missing = set(self.gids) - set(texts)
        if missing:
            raise ValueError(f"texts: expected a text for every live gid, missing {sorted(missing)}")
        parts = [self._static[0]]
        for gid, static in zip(self.gids, self._static[1:], strict=True):
            parts += [html.escape(texts[gid], quote=False), static]
        if style:
            parts[0] = parts[0][:self._style_at] + f"<style>{style}</style>" + parts[0][self._style_at:]
        return "".join(parts)


def svg_stack(bottom: str, top: str) -> str:
    """Two SVG documents of the same size as one: ``top`` drawn over ``bottom``."""
    body = top[top.index(">", top.index("<svg")) + 1:top.rindex("</svg>")]
    end = bottom.rindex("</svg>")
    return bottom[:end] + body + bottom[end:]
