"""The command line the build tools share: the notebooks to read (default: every one), the
folder to write, a line per file written, and a one-line error (exit 1) for what the tool refuses."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def run(argv: Sequence[str] | None, *, name: str, description: str, out: Path,
        build: Callable[[list[Path], Path], list[Path]], refused: tuple[type[Exception], ...]) -> int:
    """Parse ``argv``, call ``build(notebooks, out)`` and print what it wrote; 1 on a refusal."""
    parser = argparse.ArgumentParser(prog=f"python -m tools.{name}", description=description)
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    parser.add_argument("--out", type=Path, default=out, help=f"default: {out.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    try:
        written = build(args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb")), args.out)
    except refused as e:
        print(f"{name}: {e}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0
