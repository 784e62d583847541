"""The slider panels, driven without a browser: set a control, check the numbers and the output.

Every expected number comes from the core (``quantities``, ``train``), never from the panel.
"""

from __future__ import annotations

import base64
import io
import itertools
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from bp_helpers import article_network, quantities, train
from bp_helpers import panels as panels_module
from bp_helpers.article import INPUTS, LEARNING_RATE, PRINTED, START, TARGETS
from bp_helpers.display import DIFFER, MATCH
from bp_helpers.panels import (ARTICLE_SETTINGS, FIGURE_KEYS, PANEL_RC, LiveFigure, SweepCache,
                               TrainingFigure, decimate, diagram, encode_png, section_result)
from bp_helpers.steps import SECTIONS, number
from bp_helpers.widgets import LEARNING_RATES, SectionPanel, TrainingExplorer

SECTION_KEYS = list(SECTIONS)
EXPLORER_STEPS = 2000  # the notebook's explorer trains 20,000 updates; 2,000 keep this module quick


def core(**settings: float) -> dict[str, float]:
    """Every quantity, straight from the core, at the article's settings with some changed."""
    s = {**ARTICLE_SETTINGS, **settings}
    return quantities(article_network(**{k: s[k] for k in START}), (s["i1"], s["i2"]),
                      (s["target_o1"], s["target_o2"]), s["eta"])


def data(panel, kind: str) -> list:
    """Every output of the panel's Output holding ``kind`` (a MIME type)."""
    return [o["data"][kind] for o in panel.out.outputs if kind in o["data"]]


def steps_text(panel) -> str:
    return data(panel, "text/plain")[-1]


def png(panel) -> np.ndarray:
    (encoded,) = data(panel, "image/png")
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(encoded))))


@pytest.fixture(scope="module")
def section_panels():
    return {key: SectionPanel(key) for key in SECTION_KEYS}


@pytest.fixture
def panel(request, section_panels):
    p = section_panels[request.param]
    p.reset()
    return p


# --- construction and validation ------------------------------------------------------------

def test_unknown_section_is_refused_naming_the_argument_and_the_choices():
    with pytest.raises(ValueError, match=r"section: expected one of 'forward', 'error', 'output', 'hidden', "
                                         r"'update', got 'backward'"):
        SectionPanel("backward")
    with pytest.raises(ValueError, match="section"):
        SectionPanel(3)


@pytest.mark.parametrize("kwargs, message", [
    ({"w9": 0.1}, "settings: section 'forward' has sliders"),
    ({"w5": 7.0}, r"w5: expected a value in \[-5.0, 5.0\]"),
    ({"i1": -0.1}, r"i1: expected a value in \[0.0, 1.0\]"),
    ({"eta": 0.5}, "section 'forward' has sliders"),  # the forward pass has no learning rate
    ({"w5": float("nan")}, "w5: expected a finite number"),
])
def test_bad_starting_settings_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        SectionPanel("forward", **kwargs)


def test_a_learning_rate_off_the_slider_is_refused():
    with pytest.raises(ValueError, match="eta: expected one of the slider's rates"):
        SectionPanel("update", eta=0.7)


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_each_section_has_its_sliders_with_their_ranges(section_panels, key):
    p = section_panels[key]
    uses_eta = key in ("output", "hidden", "update")
    expected = [*(f"w{k}" for k in range(1, 9)), "b1", "b2", "i1", "i2", "target_o1", "target_o2"]
    assert sorted(p.controls) == sorted(expected + ["eta"] * uses_eta)
    assert p.sliders is p.controls
    for name in expected:
        assert p.bounds(name) == ((-5.0, 5.0) if name[0] in "wb" else (0.0, 1.0))
        assert p.controls[name].readout_format == ".2f"
    if uses_eta:
        assert p.bounds("eta") == (0.01, 10.0)
        assert p.controls["eta"].value == LEARNING_RATE
        assert [v for _, v in p.controls["eta"].options] == list(LEARNING_RATES)


def test_the_learning_rate_grid_is_log_spaced_and_holds_the_article_rate():
    rates = np.array(LEARNING_RATES)
    assert rates[0] == 0.01 and rates[-1] == 10.0 and 0.5 in LEARNING_RATES
    ratios = rates[1:] / rates[:-1]
    assert np.all(ratios > 1.15) and np.all(ratios < 1.35)


# --- what a section panel shows ---------------------------------------------------------------

@pytest.mark.parametrize("panel", SECTION_KEYS, indirect=True)
def test_at_the_article_settings_every_printed_value_is_matched(panel):
    assert panel.last.article_settings
    assert panel.last.quantities == core()
    banner, figure, steps = panel.out.outputs
    assert "At the article's settings" in banner["data"]["text/plain"]
    assert figure["data"]["text/plain"].startswith(f"<{panel.section.figure} figure")
    assert png(panel).ndim == 3
    text = steps["data"]["text/plain"]
    assert "$$" in steps["data"]["text/markdown"]
    for step in panel.last.steps:
        assert step.equation_text() in text
        if step.printed is not None:
            assert f"article: {step.printed} {MATCH if step.match else DIFFER}" in text
    assert "not these" not in text


@pytest.mark.parametrize("panel", SECTION_KEYS, indirect=True)
def test_moving_a_slider_recomputes_every_number_with_the_core(panel):
    before = png(panel)
    panel.controls["w5"].value = 0.9
    expected = core(w5=0.9)
    assert panel.last.settings["w5"] == 0.9
    assert panel.last.quantities == expected
    for step in panel.last.steps:
        assert step.value == expected[step.name]
    assert panel.last.figure == {k: expected[k] for k in FIGURE_KEYS[panel.section.figure]}
    text = steps_text(panel)
    for step in panel.last.steps:  # the substituted formula and the new result, as shown
        assert step.equation_text() in text
        assert number(expected[step.name]) in text
    if any(s.printed for s in panel.last.steps):
        assert "at the article's settings, not these" in text
    banner = data(panel, "text/plain")[0]
    assert "Settings differ from the article's: w5 = 0.9 (article: 0.4)" in banner
    assert "**⚠" in data(panel, "text/markdown")[0]
    assert not np.array_equal(png(panel), before)


@pytest.mark.parametrize("panel", ["output", "update"], indirect=True)
def test_every_slider_drives_its_own_setting(panel):
    moves = {"w1": -1.25, "w2": 2.5, "w3": 0.01, "w4": -4.99, "w5": 3.3, "w6": -0.07, "w7": 1.0, "w8": -2.0,
             "b1": 4.5, "b2": -0.6, "i1": 0.73, "i2": 0.0, "target_o1": 1.0, "target_o2": 0.42, "eta": 2.5}
    changed = {}
    for name, value in moves.items():
        panel.controls[name].value = value
        changed[name] = value
        assert panel.last.quantities == core(**changed), name


@pytest.mark.parametrize("panel", ["hidden"], indirect=True)
def test_reset_restores_the_article_and_its_check_marks_in_one_render(panel):
    panel.set(w1=-3.0, i2=0.9, target_o2=0.2, eta=8.0)
    assert not panel.last.article_settings
    assert MATCH not in steps_text(panel)
    renders = panel.renders
    panel.reset_button.click()
    assert panel.renders == renders + 1
    assert panel.settings == {n: ARTICLE_SETTINGS[n] for n in panel.controls}
    assert panel.last.article_settings and panel.last.quantities == core()
    assert f"article: {PRINTED['dE_dw1']} {MATCH}" in steps_text(panel)
    assert "At the article's settings" in data(panel, "text/plain")[0]


def test_set_changes_several_sliders_with_one_render(section_panels):
    p = section_panels["output"]
    p.reset()
    renders = p.renders
    p.set(w5=1.5, w6=-1.5, eta=0.1)
    assert p.renders == renders + 1
    assert p.last.quantities == core(w5=1.5, w6=-1.5, eta=0.1)
    with pytest.raises(ValueError, match="values: expected names among"):
        p.set(w0=1.0)


def test_a_dragged_slider_value_reads_as_the_number_it_shows(section_panels):
    p = section_panels["forward"]
    p.reset()
    p.controls["w1"].value = -1.0
    p.controls["w1"].value = 0.1 + 0.05  # 0.15000000000000002, as a slider step can produce
    assert p.last.settings["w1"] == 0.15
    assert p.last.article_settings
    renders = p.renders
    p.controls["w1"].value = 0.15000000000000036  # what the browser sends back on first display
    assert p.renders == renders  # nothing shown would change: no re-render


def test_messages_on_two_threads_render_one_at_a_time_from_the_latest_values(section_panels):
    import threading

    p = section_panels["output"]
    p.reset()
    start = threading.Barrier(2)

    def move(name, values):
        start.wait()
        for v in values:
            p.controls[name].value = v

    threads = [threading.Thread(target=move, args=("w5", [0.5, 0.6, 0.7, 0.8])),
               threading.Thread(target=move, args=("target_o1", [0.2, 0.3, 0.4, 0.5]))]
    for t in threads:
        t.start()
    p.reset_button.click()
    for t in threads:
        t.join()
    p.refresh()  # a no-op if the last render already saw the final values
    assert p.last.quantities == core(**{n: p.controls[n].value for n in ("w5", "target_o1")})
    assert np.array_equal(png(p), _fresh_pixels(diagram(p.section)[0], p.last.quantities, 72))


def test_starting_elsewhere_and_the_summary_text():
    p = SectionPanel("output", w5=0.9)
    assert p.last.quantities == core(w5=0.9)
    text = p.summary()
    assert text == str(p)
    lines = text.split("\n")
    assert lines[0] == "The backward pass: output layer ('output' panel), settings differ from the article's"
    assert lines[1].startswith("settings: w1 = 0.15, w2 = 0.2, w3 = 0.25") and "w5 = 0.9" in lines[1]
    assert lines[-1].startswith("figure chain_w5: w5 = 0.9, out_h1 = 0.593269992")
    assert f"dE_dw5 = {number(core(w5=0.9)['dE_dw5'])}" in lines[-1]
    p.reset()
    assert p.summary().split("\n")[0].endswith("at the article's settings")
    assert f"article: {PRINTED['w5_new']} {MATCH}" in p.summary()


def test_the_panel_displays_as_a_widget_with_a_short_text_fallback(section_panels):
    bundle = section_panels["error"]._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("SectionPanel: The total error")


def test_rendering_writes_nothing_to_the_cell_output(section_panels, capsys):
    p = section_panels["forward"]
    p.controls["b1"].value = -1.0
    p.reset()
    assert capsys.readouterr() == ("", "")


# --- extreme settings ---------------------------------------------------------------------------

def _finite(p) -> None:
    assert all(np.isfinite(v) for v in p.last.quantities.values())
    assert png(p).size > 0


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_every_slider_at_its_bounds_computes_finite_numbers_without_warnings(section_panels, key):
    p = section_panels[key]
    with np.errstate(all="raise"):
        for name in p.controls:
            for bound in p.bounds(name):
                r = section_result(key, {name: bound})
                assert all(np.isfinite(v) for v in r.quantities.values()), (name, bound)
        p.set(**{n: p.bounds(n)[0] for n in p.controls})  # through the panel: all at min, all at max
        _finite(p)
        p.set(**{n: p.bounds(n)[1] for n in p.controls})
        _finite(p)
    p.reset()


@pytest.mark.parametrize("panel", ["update"], indirect=True)
def test_every_slider_moved_to_its_bounds_through_the_panel_renders(panel):
    with np.errstate(all="raise"):
        for name in panel.controls:
            for bound in panel.bounds(name):
                panel.controls[name].value = bound
                _finite(panel)
                assert panel.last.settings[name] == bound


@pytest.mark.parametrize("panel", ["hidden"], indirect=True)
def test_every_min_max_combination_of_five_sliders_renders(panel):
    names = ("w5", "w7", "i1", "target_o1", "eta")
    with np.errstate(all="raise"):
        for corner in itertools.product(*(panel.bounds(n) for n in names)):
            panel.set(**dict(zip(names, corner)))
            _finite(panel)
            assert panel.last.quantities == core(**dict(zip(names, corner)))


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_every_min_max_combination_of_eight_settings_computes_finite_steps(key):
    names = ("w1", "w5", "w7", "b2", "i1", "target_o1", "target_o2", "eta")
    bounds = {n: (-5.0, 5.0) if n[0] in "wb" else (0.01, 10.0) if n == "eta" else (0.0, 1.0) for n in names}
    with np.errstate(all="raise"):
        for corner in itertools.product(*(bounds[n] for n in names)):
            r = section_result(key, dict(zip(names, corner)))
            assert all(np.isfinite(s.value) for s in r.steps)
            assert "nan" not in repr(r.steps) and "inf" not in repr(r.steps)


# --- the figure: fast redraws give the same pixels as a fresh figure ----------------------------

def _fresh_pixels(draw, values, dpi: int) -> np.ndarray:
    with matplotlib.rc_context(PANEL_RC):
        fig = draw(values)
        fig.set_dpi(dpi)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].copy()


@pytest.mark.parametrize("key", ["forward", "output", "hidden"])
def test_incremental_redraws_match_a_fresh_figure_pixel_for_pixel(key):
    rng = np.random.default_rng(7)
    draw, texts = diagram(SECTIONS[key])
    live = LiveFigure(draw, texts, core(), dpi=72)
    settings = {}
    for _ in range(6):
        name = str(rng.choice(list(ARTICLE_SETTINGS)))
        low, high = (-5, 5) if name[0] in "wb" else (0, 1)
        settings[name] = (float(rng.choice(LEARNING_RATES)) if name == "eta" else
                          round(float(rng.uniform(low, high)), 2))
        values = core(**settings)
        shown = np.asarray(Image.open(io.BytesIO(live.render(values))))
        assert np.array_equal(shown, _fresh_pixels(draw, values, 72)), settings
    assert live.texts_redrawn < 6 * len(live.figure.axes[0].texts)  # only live texts were redrawn


def test_a_live_text_next_to_a_changed_one_is_redrawn_too():
    def texts(v):
        return {"a": f"{v['a']:g}", "b": f"{v['b']:g}"}

    def draw(v):
        fig = Figure(figsize=(2.0, 0.5))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, 2)
        ax.set_axis_off()
        words = texts(v)  # b starts where a ends: restoring a's box cuts into b's pixels
        ax.text(1.0, 0.5, words["a"], ha="right", va="center", gid="a")
        ax.text(1.01, 0.5, words["b"], ha="left", va="center", gid="b")
        return fig

    live = LiveFigure(draw, texts, {"a": 1, "b": 2})
    for values in ({"a": 123456, "b": 2}, {"a": 7, "b": 2}, {"a": 7, "b": 9.5}):
        shown = np.asarray(Image.open(io.BytesIO(live.render(values))))
        assert np.array_equal(shown, _fresh_pixels(draw, values, 72)), values
    assert live.texts_redrawn == 2 + 2 + 2 + 2  # the first drawing, then each change with its neighbour


def test_live_figure_refuses_a_diagram_without_its_live_texts_and_other_quantities():
    draw, texts = diagram(SECTIONS["forward"])
    with pytest.raises(ValueError, match=r"draw: expected a text with each live gid .* missing \['extra'\]"):
        LiveFigure(draw, lambda v: {**texts(v), "extra": "1"}, core())
    live = LiveFigure(draw, texts, {k: v for k, v in core().items() if k != "E_o1"})
    with pytest.raises(ValueError, match="values: expected the quantities the diagram was built with"):
        live.render(core())


def test_many_renders_keep_one_figure_and_a_constant_number_of_artists(section_panels):
    import matplotlib.pyplot as plt

    p = section_panels["forward"]
    p.reset()
    counts = len(p.figure.figure.axes[0].get_children())
    for k in range(50):
        p.controls["target_o2"].value = k / 50
    assert len(p.figure.figure.axes[0].get_children()) == counts
    assert plt.get_fignums() == []  # nothing registered with pyplot: nothing to leak


def test_decimate_keeps_the_ends_and_every_bucket_extreme():
    y = np.cos(np.arange(20_001) * 2.9) * np.exp(-np.arange(20_001) / 5000)
    x, kept = decimate(y, 1000)
    assert x[0] == 0 and x[-1] == 20_000 and len(x) <= 2_003
    assert np.array_equal(kept, y[x])
    assert kept.max() == y.max() and kept.min() == y.min()
    assert np.array_equal(decimate(y[:50], 1000)[1], y[:50])


# --- the training explorer ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def explorer():
    return TrainingExplorer(max_steps=EXPLORER_STEPS)


@pytest.fixture
def fresh(explorer):
    explorer.reset()
    return explorer


def _check_against_train(p, steps: int, rate: float, order: str = "simultaneous", biases: bool = False):
    run = train(article_network(), INPUTS, TARGETS, rate, steps, order=order, update_biases=biases)
    last = p.last
    assert (last.learning_rate, last.steps, last.order, last.update_biases) == (rate, steps, order, biases)
    np.testing.assert_allclose(last.error, run.errors[-1], rtol=1e-12, atol=0)
    np.testing.assert_allclose(last.outputs, run.outputs[0], rtol=1e-12, atol=0)
    np.testing.assert_allclose(last.history, run.errors, rtol=1e-12, atol=0)


def test_explorer_starts_at_the_article_learning_rate(fresh):
    assert fresh.settings == {"eta": 0.5, "steps": EXPLORER_STEPS, "order": "simultaneous",
                              "update_biases": False}
    _check_against_train(fresh, EXPLORER_STEPS, 0.5)
    text, figure = fresh.out.outputs
    shown = text["data"]["text/plain"]
    assert f"E_total after {EXPLORER_STEPS:,} updates = {number(fresh.last.error)}" in shown
    assert "image/png" in figure["data"]
    assert fresh.summary().startswith("Training explorer\nlearning rate 0.5, 2,000 updates")


def test_learning_rate_and_steps_are_lookups_that_match_train(fresh, monkeypatch):
    calls = []
    real = panels_module.sweep_learning_rates
    monkeypatch.setattr(panels_module, "sweep_learning_rates",
                        lambda *a, **k: calls.append(a) or real(*a, **k))
    computed = fresh.cache.computed
    fresh.controls["eta"].value = 2.0
    _check_against_train(fresh, EXPLORER_STEPS, 2.0)
    fresh.controls["steps"].value = 137
    _check_against_train(fresh, 137, 2.0)
    fresh.controls["eta"].value = 0.012
    _check_against_train(fresh, 137, 0.012)
    assert calls == [] and fresh.cache.computed == computed
    sweep = fresh.last.sweep_errors  # the whole sweep at this step count, one value per rate
    for rate in (0.01, 1.0, 10.0):
        run = train(article_network(), INPUTS, TARGETS, rate, 137)
        np.testing.assert_allclose(sweep[LEARNING_RATES.index(rate)], run.errors[-1], rtol=1e-12)


@pytest.mark.parametrize("order, biases", [("output_first", False), ("simultaneous", True),
                                           ("output_first", True)])
def test_order_and_bias_toggles_match_train_and_are_computed_once(fresh, order, biases):
    fresh.set(steps=500, eta=1.5)
    before = fresh.last.error
    fresh.set(order=order, update_biases=biases)
    computed = fresh.cache.computed
    _check_against_train(fresh, 500, 1.5, order, biases)
    assert fresh.last.error != before
    fresh.set(order="simultaneous", update_biases=False)
    fresh.set(order=order, update_biases=biases)
    assert fresh.cache.computed == computed  # cached


def test_after_one_update_the_article_figure_is_the_output_first_order(fresh):
    fresh.set(steps=1)
    ((name, _, printed, match, note),) = fresh.last.comparisons()
    assert (name, printed, match) == ("E_total_after_1", "0.291027924", False)
    assert note == "known erratum: the article's value is what order 'output layer first' gives after 1 update"
    assert f"article: E_total_after_1 = 0.291027924 ✗ (computed {number(fresh.last.error)}; {note})" \
        in fresh.summary()
    fresh.set(order="output_first")
    assert fresh.last.comparisons()[0][3:] == (True, "")
    fresh.set(eta=2.0)
    assert fresh.last.comparisons() == []


@pytest.fixture(scope="module")
def article_run():
    return SweepCache((0.5,), 10_000)


@pytest.mark.parametrize("order, steps, expected", [
    # NOTES.md 2.4: the printed outputs come from the output-first order, the printed error
    # from the all-at-once order after 9,999 updates; the described run reproduces none.
    ("simultaneous", 10_000, {"E_total_after_10000": ("all at once", 9_999),
                              "out_o1_after_10000": ("output layer first", 10_000),
                              "out_o2_after_10000": ("output layer first", 10_000)}),
    ("output_first", 10_000, {"E_total_after_10000": ("all at once", 9_999), "out_o1_after_10000": None,
                              "out_o2_after_10000": None}),
    ("simultaneous", 9_999, {"E_total_after_10000": "one update short"}),
    ("output_first", 9_999, {"E_total_after_10000": ("all at once", 9_999)}),
    ("simultaneous", 5_000, {}),
])
def test_each_closing_figure_names_the_run_that_reproduces_it(article_run, order, steps, expected):
    point = article_run.point(0.5, steps, order, False)
    rows = {name: (match, note) for name, _, _, match, note in point.comparisons()}
    assert rows.keys() == expected.keys()
    for name, want in expected.items():
        match, note = rows[name]
        if want is None:
            assert (match, note) == (True, "")
        elif isinstance(want, str):
            assert match and want in note
        else:
            assert not match and note.endswith(f"order '{want[0]}' gives after {want[1]:,} updates")


@pytest.mark.parametrize("order, biases", [("simultaneous", False), ("output_first", True)])
def test_explorer_extremes_are_finite_without_warnings(fresh, order, biases):
    with np.errstate(all="raise"):
        fresh.set(order=order, update_biases=biases)
        for eta, steps in itertools.product((LEARNING_RATES[0], LEARNING_RATES[-1]), (0, 1, EXPLORER_STEPS)):
            fresh.set(eta=eta, steps=steps)
            assert np.isfinite(fresh.last.error) and np.all(np.isfinite(fresh.last.outputs))
            assert np.all(np.isfinite(fresh.last.sweep_errors))
            assert "image/png" in fresh.out.outputs[-1]["data"]


@pytest.mark.parametrize("kwargs, error, message", [
    ({"learning_rate": 0.7}, ValueError, "learning_rate: expected one of the grid's rates"),
    ({"steps": EXPLORER_STEPS + 1}, ValueError, "steps: expected at most max_steps"),
    ({"max_steps": 0}, ValueError, "max_steps: expected a whole number >= 1"),
    ({"max_steps": 2.5}, TypeError, "max_steps: expected a whole number"),
    ({"order": "backwards"}, ValueError, "order: expected one of"),
    ({"update_biases": "yes"}, TypeError, "update_biases: expected True or False"),
    ({"compare": (0.7,)}, ValueError, r"compare: expected rates of the grid .* got \[0.7\]"),
    ({"rates": (1.0, 0.5)}, ValueError, "rates: expected increasing positive learning rates"),
])
def test_explorer_arguments_are_checked(kwargs, error, message):
    with pytest.raises(error, match=message):
        TrainingExplorer(**{"max_steps": EXPLORER_STEPS, **kwargs})


def test_png_encoding_is_lossless_and_refuses_a_transparent_figure():
    fig = diagram(SECTIONS["hidden"])[0](core())
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    decoded = np.asarray(Image.open(io.BytesIO(encode_png(canvas))))
    assert np.array_equal(decoded, np.asarray(canvas.buffer_rgba())[..., :3])
    fig.patch.set_alpha(0.0)
    canvas.draw()
    with pytest.raises(ValueError, match="canvas: expected an opaque figure"):
        encode_png(canvas)


def test_training_figure_redraws_match_full_redraws_pixel_for_pixel():
    cache = SweepCache(LEARNING_RATES, 300)
    fast, full = TrainingFigure(), TrainingFigure()
    kw = {"max_steps": 300, "lowest_error": cache.lowest("simultaneous", False)}
    for rate, steps in ((0.5, 300), (10.0, 0), (0.012, 17), (2.0, 150)):
        point = cache.point(rate, steps, "simultaneous", False)
        others = {r: cache.history(r, steps, "simultaneous", False) for r in (0.1, 2.0)}
        a = np.asarray(Image.open(io.BytesIO(fast.render(point, others, **kw))))
        b = np.asarray(Image.open(io.BytesIO(full.render(point, others, full=True, **kw))))
        assert np.array_equal(a, b), (rate, steps)
    assert fast.full_redraws == 1  # fixed axes: the frames were drawn once


def test_a_move_the_figure_does_not_show_reuses_its_picture(section_panels):
    p = section_panels["hidden"]  # the w1 chain shows no learning rate
    p.reset()
    before, redraws = png(p), p.figure.texts_redrawn
    p.controls["eta"].value = 2.0
    assert p.last.quantities == core(eta=2.0)
    assert np.array_equal(png(p), before) and p.figure.texts_redrawn == redraws
    assert "w1_new = w1 - eta*dE_dw1 = 0.15 - 2*" in steps_text(p)


def test_garbage_collection_is_deferred_during_a_render_and_restored(section_panels):
    import gc

    p = section_panels["error"]
    seen = []
    real = p._render
    p._render = lambda result: seen.append(gc.isenabled()) or real(result)
    try:
        p.controls["w5"].value = -1.0
        assert seen == [False] and gc.isenabled()
        gc.disable()
        try:
            p.controls["w5"].value = 1.0
            assert not gc.isenabled()  # left as the caller had it
        finally:
            gc.enable()
    finally:
        del p._render


def test_the_latency_benchmark_runs_and_reports_every_panel():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_panels.py"
    spec = importlib.util.spec_from_file_location("bench_panels", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    report = bench.measure(moves=2, max_steps=50)  # a smoke test: no timing is checked
    text = bench.table(report, "in this process")
    for name in [*(f"SectionPanel({k!r})" for k in SECTION_KEYS), "TrainingExplorer"]:
        assert re.search(rf"^{re.escape(name)}\s+2\s", text, re.MULTILINE), name
    assert "overall:" in text and "toggling" in text
