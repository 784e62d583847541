"""Re-execute every notebook top to bottom and store its outputs (``make notebooks``).

Stored outputs are what a reader sees on GitHub or nbviewer and what nbval compares,
so they are only ever written here, from a clean kernel, never by hand. Widget state
and per-cell timing are dropped, widget-view model ids (random every run, never read
by nbval) are replaced by fixed ones, and consecutive pieces of one stream are joined
(a busy machine splits a cell's print into more pieces), so a refresh with nothing changed
gives no diff.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "python3"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def check_kernel() -> None:
    """Refuse to run when 'python3' would start some other environment's Python."""
    argv0 = KernelSpecManager().get_kernel_spec(KERNEL).argv[0]
    if argv0 not in ("python", sys.executable) and Path(argv0).resolve() != Path(sys.executable).resolve():
        sys.exit(f"kernel {KERNEL!r} runs {argv0}, not this environment's {sys.executable}; "
                 f"remove that kernelspec (jupyter kernelspec list) or run inside its environment")


def refresh(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL, timeout=600, record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nb.metadata.pop("widgets", None)
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        if "outputs" in cell:
            cell.outputs = joined_streams(cell.outputs)
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:  # a fresh random id every run; without stored state no page can use it
                view["model_id"] = f"{path.stem}-cell{index}"
    nbformat.validate(nb)
    nbformat.write(nb, path)


def joined_streams(outputs: list[nbformat.NotebookNode]) -> list[nbformat.NotebookNode]:
    """The outputs with every run of consecutive pieces of one stream (stdout, stderr) as one piece."""
    joined: list[nbformat.NotebookNode] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.output_type == "stream" and previous is not None and previous.output_type == "stream"
                and previous.name == output.name):
            previous.text += output.text
        else:
            joined.append(output)
    return joined


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    args = parser.parse_args()
    os.environ.pop("MPLBACKEND", None)  # an inherited Agg backend would drop every figure
    check_kernel()
    for path in args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb")):
        start = time.perf_counter()
        refresh(path)
        print(f"{path.relative_to(ROOT) if path.is_absolute() else path}: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
