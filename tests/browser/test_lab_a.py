"""Notebooks 00_start_here 01_forward_pass 02_total_error as a class uses them, in a real JupyterLab in headless Chromium (labtools.check_notebook)."""

import pytest
from labtools import ROOT, check_notebook

pytestmark = pytest.mark.browser
NOTEBOOKS = [ROOT / "notebooks" / f"{name}.ipynb" for name in ("00_start_here", "01_forward_pass", "02_total_error")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_in_jupyterlab(lab, page, path):
    check_notebook(lab, page, path)


def test_server_refuses_the_api_without_its_token(lab):
    import urllib.error

    from labtools import api

    for token in (None, "not-the-token"):
        with pytest.raises(urllib.error.HTTPError) as denied:
            api(lab["base"], token, "/api/contents")
        denied.value.close()
        assert denied.value.code == 403
    assert api(lab["base"], lab["token"], "/api/contents") == 200
