"""Versions that are true: the floors the oldest run installs, the warnings that fail a test,
and the code that differs between the matplotlib releases the project supports.

`make test` runs these at the newest versions pip picks, `make test-oldest` at the floors."""

import re

from matplotlib.figure import Figure

from bp_helpers.plots import plot_loss_curve
from bp_helpers.rendering import svg_of


# What differs between the supported matplotlib releases

def test_a_plot_drawn_on_axes_of_a_subfigure_returns_the_figure_that_holds_it():
    root = Figure()
    ax = root.subfigures(1, 2)[1].add_subplot()
    assert plot_loss_curve({"η = 0.5": [0.3, 0.2, 0.1]}, ax=ax) is root


def test_every_text_set_in_dejavu_sans_alone_gets_the_fallback_fonts():
    # matplotlib 3.10+ writes `font-family: 'DejaVu Sans'`, 3.8 and 3.9 `font: 9px 'DejaVu Sans'`
    fig = Figure(figsize=(2, 1))
    fig.text(0.1, 0.5, r"$\delta_{o1}$ and $w_5$", fontsize=9)
    svg = svg_of(fig)
    styles = re.findall(r'style="([^"]*)"', svg)
    assert any("DejaVu Sans" in s for s in styles)
    assert not [s for s in styles if s.endswith("'DejaVu Sans'")]
    assert any(s.endswith("'DejaVu Sans', Verdana, sans-serif") for s in styles)
