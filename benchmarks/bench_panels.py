"""How long does a slider panel take to answer a slider move, inside a Jupyter kernel?

Run:  .venv/bin/python benchmarks/bench_panels.py               (60 moves per panel, in a kernel)
      .venv/bin/python benchmarks/bench_panels.py --in-process  (same, without starting a kernel)
      .venv/bin/python benchmarks/bench_panels.py --moves 20 --max-steps 2000   (a smoke test)

For every panel (the five section panels, the step player, notebook 06's panel for a typed-in
network, notebook 07's step-size panel, and the training explorer) it moves a random slider to a random value of its range, ``--moves`` times, and times each
move from setting the slider's ``.value`` (as a browser's message does) to the end of the
re-render: the computation, the figure as SVG (new texts substituted for a section panel,
the data layer drawn again for the explorer), and the views' new content sent as widget
messages. p50 and p95 are compared with the targets: 100 ms for every panel, 250 ms for
the explorer (kernel side; the browser's own share is measured by bench_browser.py). The
explorer's first sweep (at construction), the background process computing the other three,
and toggles are not slider moves: they are reported on their own lines.

By default the measurement runs in a fresh ipykernel (started with this Python), where widget
messages really go out; ``--in-process`` measures in this process instead. The figures depend
on the machine and on its load (shown), so the script always exits 0 and prints PASS/MISS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout, installed or not

SECTION_TARGET_MS = 100.0
EXPLORER_TARGET_MS = 250.0
SECTIONS = ("forward", "error", "output", "hidden", "update")


def _random_value(panel, name, rng):
    import ipywidgets as w

    control = panel.controls[name]
    if isinstance(control, w.SelectionSlider):
        options = [v for _, v in control.options if v != control.value]
        return options[rng.integers(len(options))]
    if isinstance(control, w.IntSlider):
        return int(rng.integers(control.min, control.max + 1))
    return round(float(rng.uniform(control.min, control.max)), 2)  # what a 0.01-step slider sends


def _moves(panel, names, count, rng):
    """Time ``count`` random slider moves (ms); a move that would not change the value is redrawn."""
    times, cpu = [], []
    for _ in range(count):
        name = names[rng.integers(len(names))]
        value = _random_value(panel, name, rng)
        while value == panel.controls[name].value:
            value = _random_value(panel, name, rng)
        renders = panel.renders
        start, start_cpu = time.perf_counter(), time.process_time()
        panel.controls[name].value = value
        times.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.process_time() - start_cpu) * 1e3)
        assert panel.renders == renders + 1, "a slider move must re-render exactly once"
    return times, cpu


def _other_panels():
    """(name, constructor, the sliders to move) of the panels beyond the article's sections: the
    step player (a step, or a setting), notebook 06's panel for a typed-in network, notebook 07's."""
    from bp_helpers import LOGISTIC, TANH, Network
    from bp_helpers.experiment_panel import StepSizePanel
    from bp_helpers.network_panel import NetworkPanel
    from bp_helpers.player_panel import StepPlayer

    typed = Network.from_layers([[[0.5, -1.0], [0.3, 0.8], [-0.2, 0.1]], [[0.7, -0.4, 0.2]]],
                                [[0.1, -0.1, 0.2], [0.05]], activation=[TANH, LOGISTIC])
    return [("StepPlayer(): a step", StepPlayer, lambda p: ["step"]),
            ("StepPlayer(): a setting", StepPlayer, lambda p: [n for n in p.controls if n != "step"]),
            ("NetworkPanel(2-3-1)", lambda: NetworkPanel(typed, [0.5, -1.0], [0.2], 0.1), lambda p: list(p.controls)),
            ("StepSizePanel()", StepSizePanel, lambda p: ["s"])]


def measure(moves: int = 60, max_steps: int = 20_000, seed: int = 2026) -> dict:
    """Every panel's latencies (ms) and the explorer's one-off costs (s); JSON-friendly."""
    import numpy as np

    from bp_helpers.widgets import SectionPanel, TrainingExplorer

    rng = np.random.default_rng(seed)
    report = {"panels": [], "load_before": os.getloadavg()}
    for key in SECTIONS:
        start = time.perf_counter()
        panel = SectionPanel(key)
        built = time.perf_counter() - start
        sliders = list(panel.controls)
        _moves(panel, sliders, 3, rng)  # warm-up: first use of fonts and caches
        ms, cpu = _moves(panel, sliders, moves, rng)
        report["panels"].append({"name": f"SectionPanel({key!r})", "target": SECTION_TARGET_MS,
                                 "construct_s": built, "ms": ms, "cpu_ms": cpu})
    for name, make, sliders in _other_panels():
        start = time.perf_counter()
        panel = make()
        built = time.perf_counter() - start
        _moves(panel, sliders(panel), 3, rng)
        ms, cpu = _moves(panel, sliders(panel), moves, rng)
        report["panels"].append({"name": name, "target": SECTION_TARGET_MS, "construct_s": built, "ms": ms,
                                 "cpu_ms": cpu})
    start = time.perf_counter()
    explorer = TrainingExplorer(max_steps=max_steps)
    built = time.perf_counter() - start
    for future in explorer.cache.prepare():  # the other combinations, in the background process
        future.result()
    ready = time.perf_counter() - start
    _moves(explorer, ["eta", "steps"], 3, rng)
    times, cpu = _moves(explorer, ["eta", "steps"], moves, rng)
    start = time.perf_counter()
    explorer.controls["order"].value = "output_first"  # first use of a combination the background made
    toggle_new = time.perf_counter() - start
    start = time.perf_counter()
    explorer.controls["order"].value = "simultaneous"  # cached
    toggle_cached = (time.perf_counter() - start) * 1e3
    report["panels"].append({"name": "TrainingExplorer", "target": EXPLORER_TARGET_MS, "construct_s": built,
                             "ms": times, "cpu_ms": cpu})
    report["explorer"] = {"rates": len(explorer.cache.rates), "max_steps": max_steps,
                          "construct_s": built, "ready_s": ready, "toggle_new_ms": toggle_new * 1e3,
                          "toggle_cached_ms": toggle_cached}
    report["load_after"] = os.getloadavg()
    return report


def measure_in_kernel(moves: int, max_steps: int) -> dict:
    """Run :func:`measure` in a fresh ipykernel of this Python and return its report."""
    from jupyter_client.manager import start_new_kernel

    code = (f"import sys, json\n"
            f"sys.path[:0] = [{str(ROOT / 'benchmarks')!r}, {str(ROOT)!r}]\n"
            f"import bench_panels\n"
            f"print('REPORT ' + json.dumps(bench_panels.measure({moves}, {max_steps})))")
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        lines, errors = [], []

        def hook(msg):
            content = msg["content"]
            if msg["msg_type"] == "stream":
                lines.append(content["text"])
            elif msg["msg_type"] == "error":
                errors.append("\n".join(content["traceback"]))

        kc.execute_interactive("import sys; print('KERNEL ' + sys.executable)", output_hook=hook, timeout=60)
        reply = kc.execute_interactive(code, output_hook=hook, timeout=1800)
        if errors or reply["content"]["status"] != "ok":
            raise RuntimeError("the benchmark failed in the kernel:\n" + "\n".join(errors))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    text = "".join(lines)
    kernel_python = text.split("KERNEL ", 1)[1].split("\n", 1)[0]
    if Path(kernel_python).resolve() != Path(sys.executable).resolve():
        raise RuntimeError(f"kernel 'python3' runs {kernel_python}, not {sys.executable}")
    return json.loads(text.split("REPORT ", 1)[1].split("\n", 1)[0])


def table(report: dict, where: str) -> str:
    import numpy as np

    rows = [f"Slider move -> re-render complete (computation + figure as SVG + views updated), {where}",
            (f"{'panel':<26}{'moves':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'target p95':>12}  result"
            f"{'CPU p50/p95 ms':>18}"),
            "-" * 96]
    passed = True
    for p in report["panels"]:
        ms = np.array(p["ms"])
        p50, p95 = np.percentile(ms, 50), np.percentile(ms, 95)
        ok = p95 < p["target"]
        passed &= ok
        cpu = np.array(p["cpu_ms"])
        rows.append(f"{p['name']:<26}{len(ms):>6}{p50:>9.1f}{p95:>9.1f}{ms.max():>9.1f}"
                    f"{'< ' + format(p['target'], '.0f'):>12}  {'PASS' if ok else 'MISS'}"
                    f"{np.percentile(cpu, 50):>11.1f} /{np.percentile(cpu, 95):>5.1f}")
    e = report["explorer"]
    rows += ["-" * 96,
             (f"not slider moves: explorer construction (first sweep, {e['rates']} rates x {e['max_steps']:,} "
             f"updates, and first render) {e['construct_s']:.2f} s;"),
             f"  the other three sweeps ready (background process) {e['ready_s']:.2f} s after construction began;",
             (f"  toggling to a combination the background computed {e['toggle_new_ms']:.0f} ms; "
              f"toggling back {e['toggle_cached_ms']:.0f} ms"),
             "construction: " + ", ".join(f"{p['name']} {p['construct_s']:.2f} s" for p in report["panels"][:-1]),
             (f"load average before/after: {report['load_before'][0]:.2f} / {report['load_after'][0]:.2f} "
             f"({os.cpu_count()} CPUs; {platform.python_implementation()} {platform.python_version()}, "
             f"{platform.machine()})"),
             f"overall: {'PASS' if passed else 'MISS'}"]
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=60, help="slider moves per panel (default 60)")
    parser.add_argument("--max-steps", type=int, default=20_000, help="explorer's max_steps (default 20,000)")
    parser.add_argument("--in-process", action="store_true", help="measure here instead of in a kernel")
    args = parser.parse_args()
    os.environ.pop("MPLBACKEND", None)
    if args.in_process:
        import matplotlib

        matplotlib.use("Agg")
        report, where = measure(args.moves, args.max_steps), "in this process"
    else:
        report, where = measure_in_kernel(args.moves, args.max_steps), "in an ipykernel"
    print(table(report, where))


if __name__ == "__main__":
    main()
