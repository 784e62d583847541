"""How long does a worked example of a larger network take, computed and rendered?

Run:  .venv/bin/python benchmarks/bench_worked.py              (50 runs)
      .venv/bin/python benchmarks/bench_worked.py --runs 5     (a smoke test)

One run: ``bp_helpers.worked_example`` of a 3-5-5-2 logistic network (one example, the
article's learning rate), then every step rendered as ``display.StepsView`` renders it, the
plain text (what nbval compares) and the Markdown with its LaTeX. p50 and p95 over the runs
are compared with the target, 100 ms. The first run (which imports the figure module for
its size limit) is reported on its own line and left out of the percentiles. The figures
depend on the machine and its load (shown), so the script always exits 0 and prints PASS/MISS.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not

from bp_helpers import Network, worked_example
from bp_helpers.display import StepsView

TARGET_MS = 100.0
SIZES = (3, 5, 5, 2)


def one_run(network: Network, inputs: list[float], targets: list[float]) -> tuple[float, int, int]:
    """Seconds to compute and render every step; the number of steps and of characters shown."""
    start = time.perf_counter()
    example = worked_example(network, inputs, targets, 0.5)
    view = StepsView(example.steps)
    shown = len(repr(view)) + len(view._repr_markdown_())
    return time.perf_counter() - start, len(example.steps), shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="timed runs after the first (default 50)")
    runs = parser.parse_args().runs
    network = Network.random(SIZES, seed=0)
    inputs, targets = [0.05, 0.10, 0.20], [0.01, 0.99]
    first, steps, shown = one_run(network, inputs, targets)
    times = np.array([one_run(network, inputs, targets)[0] for _ in range(runs)]) * 1e3
    p50, p95 = np.percentile(times, [50, 95])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs "
          f"(load average {load:.1f}), {runs} runs")
    print(f"worked example of a {'-'.join(map(str, SIZES))} network: {steps} steps, {shown:,} characters rendered")
    print(f"first run (imports included): {first * 1e3:.1f} ms")
    for label, value in (("p50", p50), ("p95", p95)):
        verdict = "PASS" if value < TARGET_MS else "MISS"
        print(f"{label}: {value:6.1f} ms   target < {TARGET_MS:.0f} ms   {verdict}")


if __name__ == "__main__":
    main()
