"""Setup files agree with each other and keep JupyterLab locked down."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_lists_the_same_packages_and_versions_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r): r.replace(" ", "") for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    wanted["python"] = "python" + project["requires-python"]
    lines = (ROOT / "environment.yml").read_text().splitlines()
    deps = lines[lines.index("dependencies:") + 1:]
    listed = {_name(line[4:]): line[4:].replace(" ", "") for line in deps
              if re.match(r"^  - [a-zA-Z][\w-]*(\W|$)", line)}
    assert {k: v for k, v in listed.items() if k not in {"pip", "pip:"}} == wanted
    assert "      - -e ." in lines, "the project itself is installed editable via pip:"


def test_lab_keeps_token_and_localhost():
    make = (ROOT / "Makefile").read_text()
    lab = re.search(r"^lab:.*\n((?:\t.*\n)+)", make, re.MULTILINE).group(1)
    assert "--ip=127.0.0.1" in lab
    assert "token" not in lab.lower(), "the default (a random token) must stay"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert commands == ["make lab", "make test", "make test-oldest"]
    run = (ROOT / ".ci" / "run").read_text().splitlines()
    assert run[-2:] == ["make test", "make test-oldest"]


# The environments the Makefile builds, and the target that builds each.
MADE_BY = {ROOT / ".venv": "setup", ROOT / ".venv-oldest": "setup-oldest"}


def test_second_setup_installs_nothing():
    # `make test` (or `make test-oldest`) built the environment running these tests moments ago:
    # make must now consider it current. Any other environment is not make's to judge.
    target = MADE_BY.get(Path(sys.prefix).resolve())
    if target is None:
        pytest.skip(f"pytest runs in {sys.prefix}, not in an environment the Makefile builds")
    done = subprocess.run(["make", "-q", target], check=False, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"make {target} would reinstall although pyproject.toml did not change"


def test_readme_names_the_declared_floors():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    floors = {_name(r): re.search(r">=\s*([\d.]+)", r).group(1)
              for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    floors["python"] = project["requires-python"].removeprefix(">=")
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("## Supported versions"):].split("\n\n")[2]
    rows = re.findall(r"^\| (\w+)[^|]* \| ([\d.]+) \|$", table, re.MULTILINE)
    assert len(rows) >= 5
    for name, version in rows:
        assert floors[name.lower()] == version, f"README says {name} {version}, pyproject.toml {floors[name.lower()]}"
