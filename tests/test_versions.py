"""Versions that are true: the floors the oldest run installs, the warnings that fail a test,
and the code that differs between the matplotlib releases the project supports.

`make test` runs these at the newest versions pip picks, `make test-oldest` at the floors."""

import re
import sys
import tomllib
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from matplotlib.figure import Figure

from bp_helpers.plots import plot_loss_curve
from bp_helpers.rendering import svg_of
from tools import oldest

ROOT = Path(__file__).resolve().parent.parent
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


# The floors: read from pyproject.toml, one per direct dependency

def test_every_direct_dependency_has_a_floor_and_the_oldest_run_pins_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    direct = project["dependencies"] + project["optional-dependencies"]["test"]
    floors = oldest.floors()
    assert len(floors) == len(direct)
    for requirement in direct:
        name, version = oldest.floor(requirement)
        assert floors[name] == version and f"{name}>={version}" in requirement.replace(" ", "")


@pytest.mark.parametrize("requirement, expected", [
    ("numpy>=1.26", ("numpy", "1.26")),
    ("mypy>=2.4,<2.5", ("mypy", "2.4")),
    ("sphinx-revealjs >= 3.2, <4", ("sphinx-revealjs", "3.2")),
    ("nbconvert[webpdf]>=7.16.5", ("nbconvert", "7.16.5")),
])
def test_a_floor_is_read_from_the_requirement(requirement, expected):
    assert oldest.floor(requirement) == expected


@pytest.mark.parametrize("requirement", ["numpy", "numpy<3", "numpy==1.26", "numpy>1.26", "numpy>=1.26,>=1.25",
                                         "numpy>=1.26; python_version<'3.13'", "numpy @ https://example.org/n.whl"])
def test_a_requirement_without_one_plain_floor_is_refused_by_name(requirement):
    with pytest.raises(oldest.NoFloor, match=re.escape(repr(requirement))):
        oldest.floor(requirement)


def test_the_oldest_run_refuses_another_python(monkeypatch, capsys):
    monkeypatch.setattr(sys, "version_info", (3, 12, 0, "final", 0))
    assert oldest.main() == 1
    assert "needs Python 3.11" in capsys.readouterr().err


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
