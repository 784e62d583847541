"""The step-through player, driven without a browser: frames in the worked example's order,
each highlighting what it computes, every value blank until its step, the last frame the
updated network."""

from __future__ import annotations

import re

import pytest

from bp_helpers import LOGISTIC, TANH, Network, article_network
from bp_helpers.article import INPUTS, TARGETS
from bp_helpers.diagrams import NetworkDiagram
from bp_helpers.player import base_name, elements, frames
from bp_helpers.player_panel import StepPlayer, blank, highlight_css
from bp_helpers.worked import worked_example

EXAMPLE = worked_example(article_network(), INPUTS, TARGETS, 0.5)


@pytest.fixture(scope="module")
def player():
    return StepPlayer()


def test_elements_follow_the_names():
    sizes = (2, 2, 2)
    assert elements("net_h1", sizes) == ("h1",)
    assert elements("dout_o1_dnet_o1", sizes) == ("o1",)
    assert elements("dE_dout_o1", sizes) == ("o1", "E_o1")  # the output's own error
    assert elements("dE_dout_h1", sizes) == ("h1", "w5", "w7")  # both roads out of h1
    assert elements("dnet_o1_dw5", sizes) == ("w5", "h1")  # what w5 carries: out_h1
    assert elements("delta_h2", sizes) == ("h2",)
    assert elements("E_o2", sizes) == ("E_o2",)
    assert elements("E_total_new", sizes) == ("E_total",)
    assert elements("dE_o2_dout_h1", sizes) == ("h1", "w7", "o2")  # the road through o2, along w7
    assert elements("dE_dw3", sizes) == ("w3",) and elements("w3_new", sizes) == ("w3",)
    assert elements("dE_db1", sizes) == ("b1",)
    assert elements("dE_db2", (2, 3, 1), shared_bias=False) == ("h2",)  # per-neuron: its neuron
    assert elements("net_h1[2]", sizes) == ("h1",) and base_name("dE_dw5[2]") == "dE_dw5"
    assert elements("eta", sizes) == ()


def test_every_frame_is_one_step_of_the_worked_example_in_its_order(player):
    shown = []
    for k in range(1, len(EXAMPLE.steps) + 1):
        player.set(step=k)
        frame = player.last
        shown.append(frame.step.name)
        assert frame.caption == f"step {k} of {len(EXAMPLE.steps)}: {frame.step.name}"
        assert frame.highlight == elements(frame.step.name, (2, 2, 2))
    assert shown == [s.name for s in EXAMPLE.steps]
    player.set(step=1)


def test_a_value_is_blank_until_its_step_and_stays_after(player):
    diagram = NetworkDiagram(updates=True, backward=True)
    full = diagram.texts(EXAMPLE.values)
    for k in (1, 9, 20, 35, len(EXAMPLE.steps)):
        player.set(step=k)
        texts = player.texts(player.last)
        known = {s.name for s in EXAMPLE.steps[:k]}
        assert texts["net:h1"] == full["net:h1"]  # the first step is always shown
        assert (texts["delta:o1"] == full["delta:o1"]) == ("delta_o1" in known)
        assert (texts["grad:w5"] == full["grad:w5"]) == ("dE_dw5" in known)
        assert (texts["new:w1"] == full["new:w1"]) == ("w1_new" in known)
        assert (texts["new:E_total"] == full["new:E_total"]) == ("E_total_new" in known)
        if "delta_o1" not in known:
            assert texts["delta:o1"] == "δ"
        assert texts["weight:w5"] == full["weight:w5"]  # a setting is known from the start
    assert player.texts(player.last) == full  # the last frame: the whole updated network
    player.set(step=1)


def test_the_figure_highlights_the_current_step_and_the_formula_follows(player):
    player.set(step=[s.name for s in EXAMPLE.steps].index("dE_o2_dout_h1") + 1)
    player.settle()
    svg = bytes(player.figure_view.value).decode()
    assert "#edge\\:w7 path" in svg and "#node\\:h1 path" in svg and "#node\\:o2 path" in svg
    plain = player.formula.outputs[0]["data"]["text/plain"]
    assert plain.startswith("dE_o2_dout_h1 = delta_o2*w7")
    assert "article: -0.019049119 ✗" in " ".join(plain.split())  # the known erratum, beside it
    player.set(step=1)


@pytest.mark.parametrize("make", [
    lambda: StepPlayer(),
    lambda: StepPlayer(Network.random((2, 3, 2), seed=1, shared_bias=False), [0.3, 0.6], [0.2, 0.7], 0.5),
    lambda: StepPlayer(Network.random((3, 2, 2, 1), seed=2, activation=TANH), [0.1, 0.5, 0.9], [0.4], 0.2,
                       order="output_first", update_biases=True),
], ids=["article", "2-3-2 per-neuron biases", "3-2-2-1 tanh"])
def test_every_frame_changes_the_figure(make):
    p = make()
    figures = []
    for k in range(1, len(p.example.steps) + 1):
        p.set(step=k)
        figures.append(bytes(p.figure_view.value))
    repeats = [p.example.steps[k].name for k in range(1, len(figures)) if figures[k] == figures[k - 1]]
    assert repeats == []


def test_previous_next_and_play(player):
    player.set(step=5)
    player.next.click()
    assert player.last.index == 5
    player.previous.click()
    player.previous.click()
    assert player.last.index == 3
    player.set(step=1)
    player.previous.click()  # never before the first step
    assert player.last.index == 0
    player.play_button.value = True
    assert player.play_button.description == "Pause"
    player.play_button.value = False
    assert player.play_button.description == "Play"
    player.speed.value = 150
    assert player.play.interval == 150


def test_a_changed_setting_replays_from_the_new_values():
    p = StepPlayer(step=20)
    before = p.last
    p.set(w5=0.9)
    assert p.last.index == before.index
    assert p.example.values["w5"] == 0.9
    assert p.example.values == worked_example(article_network(w5=0.9), INPUTS, TARGETS, 0.5).values
    p.set(step=len(p.example.steps))
    assert "article" not in p.summary()  # away from the article's settings nothing is compared
    p.reset()
    assert p.last.index == 0 and p.example.values["w5"] == 0.4


def test_any_network_plays_to_its_updated_network():
    net = Network.from_layers([[[0.5, -1.0], [0.3, 0.8], [-0.2, 0.1]], [[0.7, -0.4, 0.2]]],
                              [[0.1, -0.1, 0.2], [0.05]], activation=[TANH, LOGISTIC])
    p = StepPlayer(net, [0.5, -1.0], [0.2], 0.1)
    assert not p.setting_names and set(p.controls) == {"step"}
    example = worked_example(net, [0.5, -1.0], [0.2], 0.1)
    p.set(step=len(example.steps))
    assert p.last.step.name == example.steps[-1].name
    assert p.texts(p.last) == p.diagram.texts(example.values)
    assert p.reset_button.description == "Back to step 1"
    p.reset()
    assert p.last.index == 0


def test_static_readers_get_every_step_in_order(player):
    text = repr(player.sequence())
    names = [line.split()[0] for line in text.splitlines()[1:]]
    assert names == [s.name for s in EXAMPLE.steps]
    assert player.starting_point().startswith("The player starts at step 1 of ")


def test_blanks_and_highlight_css():
    assert blank("net 0.3775") == "net" and blank("→ 0.1498") == "→" and blank("0.2748") == ""
    css = highlight_css(["h1", "w5"], ["grad:w5"])
    assert "#node\\:h1 path" in css and "#edge\\:w5 path" in css and "#grad\\:w5 text" in css
    assert re.search(r"stroke: #[0-9A-F]{6} !important", css)


def test_frames_refuse_what_is_not_a_step():
    with pytest.raises(TypeError, match="steps: expected a non-empty sequence of Step"):
        frames([], {}, (2, 2, 2))
    with pytest.raises(TypeError, match="steps: expected"):
        frames(["net_h1"], {}, (2, 2, 2))


def test_bad_networks_are_named():
    with pytest.raises(TypeError, match="network"):
        StepPlayer("not a network")
