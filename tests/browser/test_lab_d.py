"""Notebooks 06_your_own_network 07_beyond_one_example as a class uses them, in a real JupyterLab in headless Chromium (labtools.check_notebook)."""

import pytest
from labtools import ROOT, check_notebook

pytestmark = pytest.mark.browser
NOTEBOOKS = [ROOT / "notebooks" / f"{name}.ipynb" for name in ("06_your_own_network", "07_beyond_one_example")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_in_jupyterlab(lab, page, path):
    check_notebook(lab, page, path)
