"""How fast does bp_helpers train the article's network, against a reader's plain loop?

Run:  .venv/bin/python benchmarks/bench_training.py           (10,000 steps, as the article)
      .venv/bin/python benchmarks/bench_training.py --quick   (1,000 steps, a smoke test)

Three figures, all measured in this run (best of several repeats, time.perf_counter):

* baseline: the article's algorithm typed the way a reader would from the article --
  lists of lists, for-loops over neurons and weights, math.exp -- and nothing else;
* one run:  ``bp_helpers.train`` for the same steps, as a ratio to the baseline;
* sweep:    ``bp_helpers.sweep_learning_rates`` over 64 learning rates in one vectorised
  pass, as time per configuration and speed-up per configuration over the baseline.

It reports and always exits 0: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not

from bp_helpers import article_network, sweep_learning_rates, train
from bp_helpers.article import INPUTS, LEARNING_RATE, START, TARGETS

ONE_RUN_TARGET = 2.0  # bp_helpers time / baseline time, at most
SWEEP_TARGET = 10.0   # baseline time / sweep time per configuration, at least
RATES = np.geomspace(0.01, 10, 64)


def reader_loop(steps: int) -> list[float]:
    """The article's 2-2-2 network trained by hand; returns E_total before and after each step."""
    s = START
    # weights[layer][j][k]: from neuron k of the layer below to neuron j (w1, w2 feed h1)
    weights = [[[s["w1"], s["w2"]], [s["w3"], s["w4"]]],
               [[s["w5"], s["w6"]], [s["w7"], s["w8"]]]]
    biases = [s["b1"], s["b2"]]
    inputs, targets, eta = list(INPUTS), list(TARGETS), LEARNING_RATE
    errors = []
    for step in range(steps + 1):
        # forward pass: outs[0] are the inputs, outs[1] the hidden layer, outs[2] the outputs
        outs = [inputs]
        for layer in range(2):
            out = []
            for j in range(2):
                net = 0.0
                for k in range(2):
                    net += weights[layer][j][k] * outs[layer][k]
                net += biases[layer]
                out.append(1.0 / (1.0 + math.exp(-net)))
            outs.append(out)
        error = 0.0
        for j in range(2):
            error += 0.5 * (targets[j] - outs[2][j]) ** 2
        errors.append(error)
        if step == steps:
            break
        # backward pass: delta = dE/dnet, output layer first
        deltas = [[0.0, 0.0], [0.0, 0.0]]
        for j in range(2):
            out = outs[2][j]
            deltas[1][j] = (out - targets[j]) * out * (1.0 - out)
        for k in range(2):
            dE_dout = 0.0
            for j in range(2):
                dE_dout += deltas[1][j] * weights[1][j][k]  # the original w5..w8
            out = outs[1][k]
            deltas[0][k] = dE_dout * out * (1.0 - out)
        # every gradient came from the original weights; now move them all
        for layer in range(2):
            for j in range(2):
                for k in range(2):
                    weights[layer][j][k] -= eta * deltas[layer][j] * outs[layer][k]
    return errors


def best_times(runs: dict[str, Callable[[], Any]], rounds: int) -> tuple[dict[str, float], dict[str, Any]]:
    """Fastest of ``rounds`` timings of each run, the runs taking turns round by round.

    Taking turns exposes every run to the same disturbances from anything else on the
    machine; the fastest time is the one least disturbed.
    """
    best = dict.fromkeys(runs, math.inf)
    results: dict[str, Any] = {}
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            results[name] = run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best, results


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 steps instead of 10,000")
    parser.add_argument("--repeats", type=int, default=None, help="timings per figure (the best is kept)")
    args = parser.parse_args(argv)
    steps = 1_000 if args.quick else 10_000
    repeats = args.repeats or (3 if args.quick else 7)
    if repeats < 1:
        parser.error("--repeats: expected a whole number >= 1")

    print(f"Python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs "
          f"(load average {os.getloadavg()[0]:.1f}), {steps:,} steps, best of {repeats}")

    # Warm up every path once, so that imports and first-call costs are not timed.
    reader_loop(10), train(article_network(), INPUTS, TARGETS, LEARNING_RATE, 10)
    sweep_learning_rates(article_network(), INPUTS, TARGETS, RATES, 10)

    times, results = best_times({
        "baseline": lambda: reader_loop(steps),
        "one run": lambda: train(article_network(), INPUTS, TARGETS, LEARNING_RATE, steps),
        "sweep": lambda: sweep_learning_rates(article_network(), INPUTS, TARGETS, RATES, steps),
    }, repeats)
    base, one, sweep = times["baseline"], times["one run"], times["sweep"]
    base_errors, run, swept = results["baseline"], results["one run"], results["sweep"]

    # An honest baseline computes the same thing: the same errors at every step, to rounding.
    drift = float(np.max(np.abs(np.array(base_errors) - run.errors)))
    assert drift < 1e-12, f"the baseline drifted from bp_helpers by {drift:.1e}"
    # ... and the sweep trains each configuration exactly like a run of its own.
    fastest = train(article_network(), INPUTS, TARGETS, RATES[-1], steps)
    assert np.array_equal(swept.errors[:, -1], fastest.errors)

    per_config = sweep / RATES.size
    ratio, speedup = one / base, base / per_config
    print(f"baseline: pure-Python loop, {steps:,} steps: {base * 1e3:.1f} ms "
          f"({base / steps * 1e6:.2f} us/step), final E_total {base_errors[-1]:.10e} "
          f"(bp_helpers differs by at most {drift:.0e})")
    print(f"one run:  bp_helpers.train, {steps:,} steps: {one * 1e3:.1f} ms "
          f"({one / steps * 1e6:.2f} us/step), {ratio:.2f}x the baseline "
          f"[target <= {ONE_RUN_TARGET:.1f}x: {verdict(ratio <= ONE_RUN_TARGET)}]")
    print(f"sweep:    sweep_learning_rates, {RATES.size} rates x {steps:,} steps in one pass: "
          f"{sweep * 1e3:.1f} ms, {per_config * 1e3:.2f} ms per configuration, "
          f"{speedup:.1f}x faster per configuration than the baseline "
          f"[target >= {SWEEP_TARGET:.0f}x: {verdict(speedup >= SWEEP_TARGET)}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
