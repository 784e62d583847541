"""Notebooks 05_update_and_training as a class uses them, in a real JupyterLab in headless Chromium (labtools.check_notebook)."""

import pytest
from labtools import ROOT, check_notebook

pytestmark = pytest.mark.browser
NOTEBOOKS = [ROOT / "notebooks" / f"{name}.ipynb" for name in ("05_update_and_training",)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_in_jupyterlab(lab, page, path):
    check_notebook(lab, page, path)
