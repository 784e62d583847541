"""Versions that are true: the floors the oldest run installs, the warnings that fail a test,
and the code that differs between the matplotlib releases the project supports.

`make test` runs these at the newest versions pip picks, `make test-oldest` at the floors."""

import re
import warnings
from types import SimpleNamespace

import numpy as np
import pytest
from matplotlib.figure import Figure

from bp_helpers.plots import plot_loss_curve
from bp_helpers.rendering import svg_of

OUR_MODULES = ["bp_helpers.plots", "bp_helpers", "tools.oldest", "benchmarks.bench_panels", "conftest", "labtools",
               "test_versions"]
THIRD_PARTY = ["matplotlib._fontconfig_pattern", "pyparsing.util", "nbconvert.filters", "jupyter_client.session",
               "bp_helpers_extra", "toolsmith", "conftest_plugin"]


# The warnings rule (pyproject's filterwarnings, as pytest applies it around this very test)

@pytest.mark.parametrize("category", [DeprecationWarning, PendingDeprecationWarning, UserWarning, RuntimeWarning])
@pytest.mark.parametrize("module", OUR_MODULES)
def test_a_warning_attributed_to_our_code_fails_the_test(module, category):
    with pytest.raises(category, match="raised in"):
        warnings.warn_explicit(f"raised in {module}", category, f"{module}.py", 1, module=module)


@pytest.mark.parametrize("category", [DeprecationWarning, PendingDeprecationWarning])
@pytest.mark.parametrize("module", THIRD_PARTY)
def test_a_deprecation_inside_a_third_party_package_is_reported_not_raised(module, category):
    with warnings.catch_warnings(record=True) as caught:
        warnings.warn_explicit(f"raised in {module}", category, f"{module}.py", 1, module=module)
    assert [str(w.message) for w in caught] == [f"raised in {module}"]


@pytest.mark.parametrize("category", [UserWarning, RuntimeWarning, FutureWarning])
def test_other_warnings_of_a_third_party_package_still_fail(category):
    with pytest.raises(category):
        warnings.warn_explicit("raised in matplotlib", category, "matplotlib/axes.py", 1, module="matplotlib.axes")


def test_a_deprecated_numpy_call_in_our_package_fails(monkeypatch):
    # how a deprecation really arrives: the library warns with stacklevel=2, so the warning is
    # attributed to its caller, here the logistic function of bp_helpers.functions
    from bp_helpers import functions

    def tanh(x):
        warnings.warn("tanh(x) is deprecated", DeprecationWarning, stacklevel=2)
        return np.tanh(x)

    monkeypatch.setattr(functions, "np", SimpleNamespace(tanh=tanh))
    with pytest.raises(DeprecationWarning, match="tanh"):
        functions.Logistic()(np.array([0.5]))


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
