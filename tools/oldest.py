"""The declared lower bounds as pip constraints: ``make test-oldest`` installs exactly these.

Reads ``pyproject.toml`` (the one list of dependencies) and prints ``name==floor`` for every
direct dependency, runtime and test extra, so the oldest-versions environment is built from
the floors the project declares and never from a second list kept by hand. Transitive
packages are not pinned: pip picks them as it would for a user who has only the floors.

Refuses (exit 1, one line) a direct dependency without a ``>=`` floor, and an interpreter
that is not at the floor of ``requires-python``: the oldest run is the oldest Python too.

    python tools/oldest.py > floors.txt
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# name[extras] then its specifiers, e.g. "sphinx-revealjs>=3.2,<4"; no markers or URLs are used here
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*?)\s*$")
FLOOR = re.compile(r"^>=\s*(\d+(?:\.\d+)*)$")


class NoFloor(ValueError):
    """A requirement the oldest run cannot pin: no ``>=`` lower bound, or not a plain name."""


def floor(requirement: str) -> tuple[str, str]:
    """(name, lower bound) of a requirement such as ``"mypy>=2.4,<2.5"``."""
    match = REQUIREMENT.match(requirement)
    if match is None or any(c in match.group(2) for c in ";@"):
        raise NoFloor(f"{requirement!r}: expected a plain 'name>=version' requirement")
    bounds = [FLOOR.match(spec.strip()) for spec in match.group(2).split(",") if spec.strip()]
    found = [b.group(1) for b in bounds if b is not None]
    if len(found) != 1:
        raise NoFloor(f"{requirement!r}: expected exactly one '>=' lower bound")
    return match.group(1), found[0]


def floors(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, str]:
    """name -> lower bound of every direct dependency (runtime and the ``test`` extra)."""
    project = tomllib.loads(pyproject.read_text())["project"]
    return dict(floor(r) for r in project["dependencies"] + project["optional-dependencies"]["test"])


def python_floor(pyproject: Path = ROOT / "pyproject.toml") -> tuple[int, int]:
    """(major, minor) of ``requires-python``'s lower bound."""
    spec = tomllib.loads(pyproject.read_text())["project"]["requires-python"]
    match = FLOOR.match(spec.strip())
    if match is None:
        raise NoFloor(f"requires-python {spec!r}: expected '>=X.Y'")
    major, minor = (int(part) for part in match.group(1).split(".")[:2])
    return major, minor


def main() -> int:
    try:
        pinned = floors()
        wanted = python_floor()
    except NoFloor as e:
        print(f"oldest: {e}", file=sys.stderr)
        return 1
    if sys.version_info[:2] != wanted:
        print(f"oldest: the oldest run needs Python {wanted[0]}.{wanted[1]} (the floor of requires-python); "
              f"{sys.executable} is {sys.version_info[0]}.{sys.version_info[1]} (set PYTHON_OLDEST=...)",
              file=sys.stderr)
        return 1
    for name, version in pinned.items():
        print(f"{name}=={version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
