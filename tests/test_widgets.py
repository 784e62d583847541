"""The slider panels, driven without a browser: set a control, check the numbers and the views.

Every expected number comes from the core (``quantities``, ``train``), never from the panel.
"""

from __future__ import annotations

import itertools
import re
import threading

import numpy as np
import pytest

from bp_helpers import article_network, quantities, train
from bp_helpers import explorer as explorer_module
from bp_helpers.article import ARTICLE_SETTINGS, INPUTS, LEARNING_RATE, PRINTED, START, TARGETS
from bp_helpers.diagrams import NetworkDiagram
from bp_helpers.explorer import SweepCache
from bp_helpers.formats import number
from bp_helpers.rendering import svg_of
from bp_helpers.sections import KEY_STEPS, diagram, section_result
from bp_helpers.steps import SECTIONS
from bp_helpers.verdicts import DIFFER, MATCH
from bp_helpers.widgets import LEARNING_RATES, SectionPanel, TrainingExplorer

SECTION_KEYS = list(SECTIONS)
EXPLORER_STEPS = 2000  # the notebook's explorer trains 20,000 updates; 2,000 keep this module quick


def core(**settings: float) -> dict[str, float]:
    """Every quantity, straight from the core, at the article's settings with some changed."""
    s = {**ARTICLE_SETTINGS, **settings}
    return quantities(article_network(**{k: s[k] for k in START}), (s["i1"], s["i2"]),
                      (s["target_o1"], s["target_o2"]), s["eta"])


def svg(panel) -> str:
    return bytes(panel.figure_view.value).decode()


def equations(panel) -> str:
    panel.settle()  # the equations follow the figure a moment later
    (output,) = panel.equations.outputs
    return output["data"]["text/plain"]


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
        SectionPanel(3)  # type: ignore[arg-type]


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


def test_sliders_sit_in_three_groups_that_wrap_and_the_figure_comes_before_the_steps(section_panels):
    p = section_panels["output"]
    heading, sliders, banner, figure, eqs, table = p.widget.children
    assert sliders.layout.flex_flow == "row wrap"  # a narrow column gets fewer groups to a row
    assert [len(group.children) - 1 for group in sliders.children] == [5, 5, 5]
    assert heading.layout.flex_flow == "row wrap"  # the reset button moves below rather than shrinking
    assert (banner, figure, eqs, table) == (p.banner, p.figure_view, p.equations, p.table)
    assert "bp-panel" in p.widget._dom_classes


# --- what a section panel shows ---------------------------------------------------------------

@pytest.mark.parametrize("panel", SECTION_KEYS, indirect=True)
def test_at_the_article_settings_the_panel_shows_the_article_values_and_their_marks(panel):
    assert panel.last.article_settings
    assert panel.last.quantities == core()
    assert "At the article's settings" in panel.banner.value
    assert svg(panel).startswith("<?xml")
    assert panel.figure_view.layout.max_width == "100%"  # never wider than the column
    text = equations(panel)
    assert [s.name for s in panel.last.key_steps()] == list(KEY_STEPS[panel.section.key])
    for step in panel.last.key_steps():
        assert step.equation_text() in text
    for step in panel.last.steps:  # every step in the table, with its mark
        assert f"<td><code>{step.name}</code></td><td>{number(step.value)}</td>" in panel.table.value
        if step.printed is not None:
            assert f"<td>{step.printed} {MATCH if step.match else DIFFER}</td>" in panel.table.value


@pytest.mark.parametrize("panel", SECTION_KEYS, indirect=True)
def test_moving_a_slider_recomputes_every_number_with_the_core_and_the_figure_follows(panel):
    before = svg(panel)
    panel.controls["w5"].value = 0.9
    expected = core(w5=0.9)
    assert panel.last.settings["w5"] == 0.9
    assert panel.last.quantities == expected
    for step in panel.last.steps:
        assert step.value == expected[step.name]
    # the figure is the one a fresh drawing at these values would give, text for text
    d = diagram(panel.section.key)
    assert svg(panel) == svg_of(d.draw(expected))
    assert svg(panel) != before
    for step in panel.last.key_steps():
        assert number(expected[step.name]) in equations(panel)
    assert "Settings differ from the article's: w5 = 0.90 (article: 0.40)" in panel.banner.value
    if any(s.printed for s in panel.last.steps):
        assert " n/a</td>" in panel.table.value


@pytest.mark.parametrize("key, slider, shown", [
    ("output", "eta", "update"),  # the learning rate moves w5's update, on the figure
    ("hidden", "eta", "update"),
    ("hidden", "w7", "road:o2"),  # the lower road, through o2
    ("update", "eta", "new:w5"),  # the updated weights and error are on the figure
    ("update", "w1", "new:E_total"),
    ("error", "target_o2", "error:o2"),
])
def test_each_figure_shows_what_its_sliders_change(section_panels, key, slider, shown):
    p = section_panels[key]
    p.reset()
    texts = p.diagram.texts(p.last.quantities)
    lo, hi = p.bounds(slider)
    p.controls[slider].value = hi if p.controls[slider].value != hi else lo
    moved = p.diagram.texts(p.last.quantities)
    changed = {gid for gid in texts if texts[gid] != moved[gid]}
    assert shown in changed, f"moving {slider} does not change {shown} on the {key} figure"
    p.reset()


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_every_slider_changes_something_on_its_panels_figure(section_panels, key):
    p = section_panels[key]
    p.reset()
    start = p.diagram.texts(p.last.quantities)
    for name in p.controls:
        value = p.controls[name].value
        p.controls[name].value = p.bounds(name)[1] if value != p.bounds(name)[1] else p.bounds(name)[0]
        # targets show in the forward pass too (the output boxes), the learning rate on the update lines
        assert p.diagram.texts(p.last.quantities) != start, name
        p.controls[name].value = value


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
    assert MATCH not in equations(panel)
    renders = panel.renders
    panel.reset_button.click()
    assert panel.renders == renders + 1
    assert panel.settings == {n: ARTICLE_SETTINGS[n] for n in panel.controls}
    assert panel.last.article_settings and panel.last.quantities == core()
    assert f"article: {PRINTED['dE_dw1']} {MATCH}" in equations(panel)
    assert "At the article's settings" in panel.banner.value


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
    final = core(**{n: p.controls[n].value for n in ("w5", "target_o1")})
    assert p.last.quantities == final
    assert svg(p) == svg_of(p.diagram.draw(final))


def test_the_starting_point_prints_the_key_values_beside_the_article(section_panels):
    text = section_panels["output"].starting_point()
    lines = text.split("\n")
    assert lines[0] == "The panel starts at the article's settings:"
    assert lines[1] == f"dE_dw5 = {number(core()['dE_dw5'])}"
    assert lines[2] == f"  article: {PRINTED['dE_dw5']} {MATCH}"
    assert lines[-1] == "Moving a slider changes the panel, not this text."
    section_panels["output"].set(w5=2.0)
    assert section_panels["output"].starting_point() == text  # the start, whatever the sliders say now
    section_panels["output"].reset()
    assert all(len(line) <= 52 for p in section_panels.values() for line in p.starting_point().split("\n"))


def test_the_summary_follows_the_current_settings():
    p = SectionPanel("output", w5=0.9)
    assert p.last.quantities == core(w5=0.9)
    text = p.summary()
    assert text == str(p)
    assert text.split("\n")[0] == "The backward pass: output layer ('output' panel), settings differ from the article's"
    assert f"= {number(core(w5=0.9)['dE_dw5'])}" in text
    p.reset()
    assert p.summary().split("\n")[0].endswith("at the article's settings")
    assert f"article: {PRINTED['w5_new']} {MATCH}" in p.summary()


def test_the_panel_displays_as_a_widget_with_its_starting_figure_and_a_short_text_as_fallbacks(section_panels):
    import base64

    from bp_helpers.rendering import png_of

    p = section_panels["error"]
    p.controls["w5"].value = 0.9  # what it prints is its start, wherever the sliders are
    bundle, metadata = p._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("SectionPanel: The total error")
    start = p.diagram.draw(section_result("error", {}).quantities)
    assert base64.b64decode(bundle["image/png"]) == png_of(start)  # 2x density, shown at the figure's width
    assert metadata["image/png"]["width"] == round(start.get_figwidth() * start.dpi)
    p.reset()


def test_rendering_writes_nothing_to_the_cell_output(section_panels, capsys):
    p = section_panels["forward"]
    p.controls["b1"].value = -1.0
    p.reset()
    assert capsys.readouterr() == ("", "")


def test_a_failed_render_says_so_where_the_reader_looks_and_raises(section_panels, monkeypatch):
    p = section_panels["error"]
    p.reset()
    monkeypatch.setattr(p, "_compute", lambda settings: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        p.controls["w1"].value = 1.0
    assert p.banner.value.startswith("The panel could not update: ZeroDivisionError")


# --- extreme settings ---------------------------------------------------------------------------

def _finite(p) -> None:
    assert all(np.isfinite(v) for v in p.last.quantities.values())
    assert "nan" not in svg(p) and "inf" not in svg(p)


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


@pytest.mark.parametrize("panel", ["hidden"], indirect=True)
def test_every_min_max_combination_of_five_sliders_renders(panel):
    names = ("w5", "w7", "i1", "target_o1", "eta")
    with np.errstate(all="raise"):
        for corner in itertools.product(*(panel.bounds(n) for n in names)):
            panel.set(**dict(zip(names, corner, strict=True)))
            _finite(panel)
            assert panel.last.quantities == core(**dict(zip(names, corner, strict=True)))


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_every_min_max_combination_of_eight_settings_computes_finite_steps(key):
    names = ("w1", "w5", "w7", "b2", "i1", "target_o1", "target_o2", "eta")
    bounds = {n: (-5.0, 5.0) if n[0] in "wb" else (0.01, 10.0) if n == "eta" else (0.0, 1.0) for n in names}
    with np.errstate(all="raise"):
        for corner in itertools.product(*(bounds[n] for n in names)):
            r = section_result(key, dict(zip(names, corner, strict=True)))
            assert all(np.isfinite(s.value) for s in r.steps)
            assert "nan" not in repr(r.steps) and "inf" not in repr(r.steps)


@pytest.mark.parametrize("panel", ["update"], indirect=True)
def test_the_figure_keeps_its_room_for_the_longest_numbers(panel):
    # extreme settings give the longest texts (signs, scientific notation); they must stay in their boxes
    panel.set(**{n: panel.bounds(n)[0] for n in panel.controls})
    texts = panel.diagram.texts(panel.last.quantities)
    assert max(len(t) for t in texts.values()) <= 13, texts


# --- the training explorer ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def explorer():
    return TrainingExplorer(max_steps=EXPLORER_STEPS, background=False)


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


def test_explorer_starts_at_the_article_learning_rate_plots_first(fresh):
    assert fresh.settings == {"eta": 0.5, "steps": EXPLORER_STEPS, "order": "simultaneous", "update_biases": False}
    _check_against_train(fresh, EXPLORER_STEPS, 0.5)
    _heading, _controls, figure, text = fresh.widget.children
    assert (figure, text) == (fresh.figure_view, fresh.text)  # plots first: text below cannot move them
    assert fresh.text.layout.min_height  # room for the longest text, so nothing below jumps
    assert f"E_total = {number(fresh.last.error)}" in fresh.text.value
    assert bytes(fresh.figure_view.value).startswith(b"<?xml")
    assert fresh.summary().startswith("Training explorer\nη = 0.5, after 2,000 updates")


def test_learning_rate_and_steps_are_lookups_that_match_train(fresh, monkeypatch):
    calls = []
    real = explorer_module.sweep_learning_rates
    monkeypatch.setattr(explorer_module, "sweep_learning_rates", lambda *a, **k: calls.append(a) or real(*a, **k))
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


def test_one_update_at_a_time_with_the_buttons(fresh):
    fresh.set(steps=1000)
    fresh.fewer.click()
    _check_against_train(fresh, 999, 0.5)
    fresh.more.click()
    fresh.more.click()
    assert fresh.last.steps == 1001
    fresh.set(steps=0)
    fresh.fewer.click()  # stays at the slider's bounds
    assert fresh.last.steps == 0
    fresh.set(steps=EXPLORER_STEPS)
    fresh.more.click()
    assert fresh.last.steps == EXPLORER_STEPS


@pytest.mark.parametrize("order, biases", [("output_first", False), ("simultaneous", True), ("output_first", True)])
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


def test_the_frame_is_drawn_once_and_again_only_when_an_error_axis_grows(fresh):
    frames = fresh.plot.frames_drawn
    for steps in (10, 100, 1000):
        fresh.set(steps=steps)
    assert fresh.plot.frames_drawn == frames
    low = fresh.plot.low
    fresh.set(update_biases=True, eta=10.0)  # trained biases reach far lower errors
    if fresh.cache.lowest("simultaneous", True) < low:
        assert fresh.plot.frames_drawn == frames + 1 and fresh.plot.low < low


def test_the_background_process_computes_the_same_sweeps():
    cache = SweepCache((0.5, 2.0), 300)
    futures = cache.prepare()
    assert len(futures) == 4 and cache.prepare() == futures  # started once
    here = SweepCache((0.5, 2.0), 300)
    for order, biases in itertools.product(("simultaneous", "output_first"), (False, True)):
        a, b = cache.get(order, biases), here.get(order, biases)
        assert np.array_equal(a.errors, b.errors) and np.array_equal(a.output_history, b.output_history)


def test_after_one_update_the_article_figure_is_the_output_first_order(fresh):
    fresh.set(steps=1)
    ((name, _value, verdict),) = fresh.last.comparisons()
    assert (name, verdict.printed, verdict.match) == ("E_total_after_1", "0.291027924", False)
    assert verdict.note == "known erratum: the article's figure is 'output layer first' after 1 update"
    assert f"article: E_total = 0.291027924 {DIFFER} (here {verdict.rounded})" in fresh.last.lines()
    fresh.set(order="output_first")
    assert fresh.last.comparisons()[0][2].match and not fresh.last.comparisons()[0][2].note
    fresh.set(eta=2.0)
    assert fresh.last.comparisons() == []


@pytest.fixture(scope="module")
def article_run():
    return SweepCache((0.5,), 10_000)


@pytest.mark.parametrize("order, steps, expected", [
    # docs/errata.md, erratum 4: the printed outputs come from the output-first order, the
    # printed error from the all-at-once order after 9,999 updates; the described run gives none.
    ("simultaneous", 10_000, {"E_total_after_10000": ("all at once", "9,999 updates"),
                              "out_o1_after_10000": ("output layer first", "10,000 updates"),
                              "out_o2_after_10000": ("output layer first", "10,000 updates")}),
    ("output_first", 10_000, {"E_total_after_10000": ("all at once", "9,999 updates"), "out_o1_after_10000": None,
                              "out_o2_after_10000": None}),
    ("simultaneous", 9_999, {"E_total_after_10000": "one update short"}),
    ("output_first", 9_999, {"E_total_after_10000": ("all at once", "9,999 updates")}),
    ("simultaneous", 5_000, {}),
])
def test_each_closing_figure_names_the_run_that_reproduces_it(article_run, order, steps, expected):
    point = article_run.point(0.5, steps, order, False)
    rows = {name: verdict for name, _, verdict in point.comparisons()}
    assert rows.keys() == expected.keys()
    for name, want in expected.items():
        verdict = rows[name]
        if want is None:
            assert (verdict.match, verdict.note) == (True, "")
        elif isinstance(want, str):
            assert verdict.match and want in verdict.note
        else:
            assert not verdict.match and verdict.note.endswith(f"'{want[0]}' after {want[1]}")


def test_the_explorer_text_fits_a_narrow_column(article_run):
    text = article_run.point(0.5, 10_000, "simultaneous", False).summary()
    assert all(len(line) <= 52 for line in text.split("\n")), text
    point = article_run.point(0.5, 10_000, "simultaneous", False)
    assert text.split() == " ".join(point.lines()).split()  # wrapped only at spaces: no number is cut
    assert "1 updates" not in text and "after 1 update" in article_run.point(0.5, 1, "simultaneous", False).summary()


@pytest.mark.parametrize("order, biases", [("simultaneous", False), ("output_first", True)])
def test_explorer_extremes_are_finite_without_warnings(fresh, order, biases):
    with np.errstate(all="raise"):
        fresh.set(order=order, update_biases=biases)
        for eta, steps in itertools.product((LEARNING_RATES[0], LEARNING_RATES[-1]), (0, 1, EXPLORER_STEPS)):
            fresh.set(eta=eta, steps=steps)
            assert np.isfinite(fresh.last.error) and np.all(np.isfinite(fresh.last.outputs))
            assert np.all(np.isfinite(fresh.last.sweep_errors))
            assert bytes(fresh.figure_view.value).startswith(b"<?xml")


@pytest.mark.parametrize("kwargs, error, message", [
    ({"learning_rate": 0.7}, ValueError, "learning_rate: expected one of the grid's rates"),
    ({"steps": EXPLORER_STEPS + 1}, ValueError, "steps: expected at most max_steps"),
    ({"max_steps": 0}, ValueError, "max_steps: expected a whole number >= 1"),
    ({"max_steps": 2.5}, TypeError, "max_steps: expected a whole number"),
    ({"order": "backwards"}, ValueError, "order: expected one of"),
    ({"update_biases": "yes"}, TypeError, "update_biases: expected True or False"),
    ({"background": 1}, TypeError, "background: expected True or False"),
    ({"compare": (0.7,)}, ValueError, r"compare: expected rates of the grid .* got \[0.7\]"),
    ({"rates": (1.0, 0.5)}, ValueError, "rates: expected increasing positive learning rates"),
])
def test_explorer_arguments_are_checked(kwargs, error, message):
    with pytest.raises(error, match=message):
        TrainingExplorer(**{"max_steps": EXPLORER_STEPS, "background": False, **kwargs})


def test_a_numpy_bool_is_a_bool_for_the_cache_as_for_train(article_run):
    # one validation path: np.True_ is accepted wherever True is
    assert article_run.has("simultaneous", np.False_)
    article_run.point(0.5, 3, "simultaneous", np.False_)
    train(article_network(), INPUTS, TARGETS, 0.5, 1, update_biases=np.True_)


def test_a_network_diagram_refuses_an_unknown_highlight():
    with pytest.raises(ValueError, match=r"highlight: cannot highlight \['h3'\]"):
        NetworkDiagram(highlight=["h3"])


def test_the_latency_benchmark_runs_and_reports_every_panel():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_panels.py"
    spec = importlib.util.spec_from_file_location("bench_panels", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    report = bench.measure(moves=2, max_steps=50)  # a smoke test: no timing is checked
    text = bench.table(report, "in this process")
    others = ["StepPlayer(): a step", "StepPlayer(): a setting", "NetworkPanel(2-3-1)", "StepSizePanel()"]
    for name in [*(f"SectionPanel({k!r})" for k in SECTION_KEYS), *others, "TrainingExplorer"]:
        assert re.search(rf"^{re.escape(name)}\s+2\s", text, re.MULTILINE), name
    assert "overall:" in text and "toggling" in text
