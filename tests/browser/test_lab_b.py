"""Notebooks 03_backward_output_layer 04_backward_hidden_layer as a class uses them, in a real JupyterLab in headless Chromium (labtools.check_notebook)."""

import pytest
from labtools import ROOT, check_notebook

pytestmark = pytest.mark.browser
NOTEBOOKS = [ROOT / "notebooks" / f"{name}.ipynb" for name in ("03_backward_output_layer", "04_backward_hidden_layer")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_in_jupyterlab(lab, page, path):
    check_notebook(lab, page, path)
