"""The training plots: readable log axes, one line per history, and the explorer's two layers."""

import numpy as np
import pytest

from bp_helpers import style
from bp_helpers.explorer import SweepCache, decimate
from bp_helpers.plots import ExplorerFigure, plot_loss_curve, plot_outputs, plot_sweep, power_of_ten
from bp_helpers.rendering import svg_of


def test_log_ticks_are_plain_text():
    assert [power_of_ten(v) for v in (1e-4, 0.1, 1, 10, 1e4, 1e5)] == ["1e-4", "0.1", "1", "10", "10000", "1e5"]


def test_loss_curve_plots_from_the_first_update_on_log_axes():
    fig = plot_loss_curve({"a": [0.3, 0.2, 0.1], "b": [0.3, 0.25, 0.2]}, marks={"article": (2, 0.1)})
    (ax,) = fig.axes
    assert ax.get_xscale() == ax.get_yscale() == "log"
    lines = {ln.get_gid(): ln for ln in ax.lines}
    assert list(lines["history:a"].get_xdata()) == [1, 2]
    assert "$" not in svg_of(fig)  # no mathtext: labels are plain text
    with pytest.raises(ValueError, match=r"histories\['c'\]: expected at least one update"):
        plot_loss_curve({"c": [0.3]})


def test_outputs_and_sweep():
    fig = plot_outputs([0.7514, 0.7729], [0.01, 0.99])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["0.7514", "0.01", "0.7729", "0.99"]
    legend = fig.axes[0].get_legend()  # which marker is the output and which the target
    assert legend is not None and [t.get_text() for t in legend.get_texts()] == ["target", "output"]
    fig.canvas.draw()
    box = legend.get_window_extent()
    for line in fig.axes[0].lines:  # no marker under the legend
        for x, y in line.get_transform().transform(line.get_xydata()):
            assert not box.contains(x, y), f"{line.get_gid()} at {x:.0f},{y:.0f} under the legend"
    with pytest.raises(ValueError, match="outputs, targets, labels: expected the same length"):
        plot_outputs([0.1], [0.1, 0.2])
    fig = plot_sweep([0.1, 1, 10], [1e-2, 1e-4, 1e-9], current=1)
    assert fig.axes[0].get_xscale() == "log"
    with pytest.raises(ValueError, match="rates, current: expected positive"):
        plot_sweep([0, 1], [1, 1])


def test_every_plot_is_within_the_column_and_its_text_large_enough():
    for fig in (plot_loss_curve({"a": [0.3, 0.2]}), plot_outputs([0.5], [0.1], labels=["o1"]),
                plot_sweep([0.1, 1], [0.1, 0.01])):
        fig.canvas.draw()
        assert fig.get_figwidth() <= style.WIDTH_IN
        for text in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text")):
            if text.get_text():
                assert text.get_fontsize() >= style.LABEL_PT, text.get_text()


def test_the_explorer_figure_draws_its_frame_once_and_its_data_every_time():
    cache = SweepCache((0.1, 0.5, 2.0), 300)
    fig = ExplorerFigure(cache.rates, 300, cache.lowest("simultaneous", False), compare=(0.1,))
    shown = []
    for steps in (300, 1, 0, 150):
        p = cache.point(0.5, steps, "simultaneous", False)
        fig.draw(learning_rate=0.5, steps=steps, history=p.history, others={0.1: cache.history(0.1, steps, "simultaneous",
                 False)}, rates=p.rates, sweep_errors=p.sweep_errors, outputs=p.outputs, targets=p.targets,
                 decimate=decimate)
        shown.append(fig.svg())
    assert fig.frames_drawn == 1 and len(set(shown)) == 4
    assert "after 1 update<" in shown[1] and "after 0 updates<" in shown[2]
    fig.lower_to(1e-40)
    fig.svg()
    assert fig.frames_drawn == 2 and fig.loss.get_ylim()[0] == pytest.approx(1e-40)


def test_decimate_keeps_the_last_step_and_every_runs_extremes():
    values = np.abs(np.sin(np.arange(20_001))) + 1e-3
    steps, kept = decimate(values)
    assert steps[0] == 1 and steps[-1] == 20_000 and len(steps) < 2_000
    assert np.array_equal(kept, values[steps])
    assert kept.max() == values[1:].max() and kept.min() == values[1:].min()
    assert decimate(np.array([0.3]))[0].size == 0
