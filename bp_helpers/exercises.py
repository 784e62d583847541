"""The notebooks' exercises, and ``check("03.1", answer)``, their one-line verdict.

Each exercise's expected answer and typical mistakes are computed at check time from the
core (``quantities``, ``article_network``, ``names.parameters``, ``training.step`` ...), never
typed here, from a set of **settings**: every weight, bias, input and target and the learning
rate by name (``article.ARTICLE_SETTINGS``); the article's by default. A number exercise asks
about something the notebook does not print: its own change to the settings (:data:`ASKS`:
another input, target or learning rate), a step the page leaves out, or another page's
network. Copying a value printed above is never right, and gets a hint saying so. The
exercises of notebook 00 (:data:`READ_OFF_THE_PAGE`) are the exception: finding the right
value on the page (which weight is which) is what they ask.

What counts as right, close or a mistake, and how an answer is read, is
:mod:`bp_helpers.checker`'s precision rule: a number is right when it agrees with the expected
value to 6 significant digits, rounding either way. Function exercises are called on
N_CASES random networks of the article's shape. ``check`` never raises for an answer and
stops a learner's function that does not return (:mod:`bp_helpers.learner_code`); ``...``
(the student edition's stubs) means "not answered yet".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import numpy as np

from . import names
from .article import ARTICLE_SETTINGS, PARAMETERS, article_network, quantities
from .checker import Exercise, Feedback, verdict
from .formats import setting
from .functions import CROSS_ENTROPY, LOGISTIC
from .network import Network, forward
from .published import EXAMPLES as PUBLISHED
from .training import step
from .validation import check_choice
from .worked import worked_example

__all__ = ["ASKS", "EXERCISES", "READ_OFF_THE_PAGE", "Asked", "Exercise", "Feedback", "asked", "asking", "check",
           "random_cases", "settings_of"]

Settings = Mapping[str, float]  # every setting by name, as article.ARTICLE_SETTINGS
N_CASES = 25
SEED = 2024

# Each exercise's own change to the page's settings: what it asks about is printed nowhere.
OTHER_I1 = 0.8  # notebook 01: the forward pass for another first input
OTHER_TARGET_O2 = 0.7  # notebooks 02 and 04: another target for o2
NEW_TARGET_O1 = 0.5  # exercise 02.2's "what if": target_o1 were 0.5
OTHER_TARGET_O1 = 0.8  # notebook 03: another target for o1
OTHER_RATE = 10.0  # exercise 05.1: one update with a long step
ASKS: Mapping[str, Mapping[str, float]] = MappingProxyType({
    "01.1": {"i1": OTHER_I1}, "01.2": {"i1": OTHER_I1},
    "02.1": {"target_o2": OTHER_TARGET_O2}, "02.2": {"target_o1": NEW_TARGET_O1},
    "03.1": {"target_o1": OTHER_TARGET_O1}, "03.2": {"target_o1": OTHER_TARGET_O1},
    "04.1": {"target_o2": OTHER_TARGET_O2}, "04.2": {"target_o2": OTHER_TARGET_O2},
    "04.3": {"target_o2": OTHER_TARGET_O2},
    "05.1": {"eta": OTHER_RATE},
})
OTHER_SGHOSH_TARGET = 0.0  # exercise 06.1: Sghosh's neuron aiming at another target
FIRST_ORDER_STEP = 2.0  # exercise 07.3's step size s
# Notebook 00's exercises ask the reader to find a value on the page: the value is printed.
READ_OFF_THE_PAGE = frozenset({"00.1", "00.2", "00.3"})


def settings_of(values: Mapping[str, float]) -> dict[str, float]:
    """The settings in a ``quantities()`` dictionary (it holds them under the same names)."""
    return {name: float(values[name]) for name in ARTICLE_SETTINGS}


def quantities_at(settings: Settings) -> dict[str, float]:
    """Every quantity of the worked example at ``settings`` (article.quantities)."""
    s = {**ARTICLE_SETTINGS, **settings}
    return quantities(article_network(**{name: s[name] for name in PARAMETERS}), (s["i1"], s["i2"]),
                      (s["target_o1"], s["target_o2"]), s["eta"])


class Asked(Mapping[str, float]):
    """What a number exercise computes from: the quantities at the settings it asks about
    (``q["net_h2"]``), those settings (``q.settings``), and the quantities the page prints, at
    the page's settings (``q.page``)."""

    def __init__(self, page_settings: Settings, changes: Mapping[str, float] = MappingProxyType({})) -> None:
        self.page = MappingProxyType(quantities_at(page_settings))
        self.settings = MappingProxyType({**settings_of(self.page), **changes})
        self._values = MappingProxyType(quantities_at(self.settings) if changes else dict(self.page))
        self._derived: dict[Callable[[Asked], Mapping[str, float]], Mapping[str, float]] = {}

    def derived(self, compute: Callable[[Asked], Mapping[str, float]]) -> Mapping[str, float]:
        """``compute(self)``, computed once for all of a check's mistakes: the quantities of another
        situation derived from this one (the example mirrored, the network after its update ...)."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return self._derived[compute]

    def __getitem__(self, name: str) -> float:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def asked(exercise_id: str, page_settings: Settings | None = None) -> Asked:
    """What exercise ``exercise_id`` computes from, for a page at ``page_settings`` (the article's by default)."""
    check_choice("exercise", exercise_id, tuple(EXERCISES))
    page = settings_of(quantities()) if page_settings is None else page_settings  # follows article.START
    return Asked(page, ASKS.get(exercise_id, {}))


def _weight(source: str, target: str) -> str:
    """The article's name of the weight from ``source`` into ``target`` (bp_helpers.names)."""
    (name,) = (p.name for p in names.parameters((2, 2, 2)) if (p.source, p.target) == (source, target))
    return name


def _runs(source: str, target: str) -> str:
    return f"{_weight(source, target)} runs from {source} into {target}; the figure's labels mislead, " \
           "the arithmetic decides"


def asking(exercise_id: str) -> str:
    """What an exercise of :data:`ASKS` changes, as its question and the notebook write it: 'i1 = 0.80', 'η = 10'."""
    return ", ".join(f"η = {value:g}" if name == "eta" else f"{name} = {setting(value)}"
                     for name, value in ASKS[exercise_id].items())


def _copied(exercise_id: str) -> str:
    """The hint for a value copied from the page, which is at the page's settings, not the exercise's."""
    return f"that is the value printed above; this asks for {asking(exercise_id)}"


def _logistic(net: float) -> float:
    return float(LOGISTIC(np.array(net)))


def _network(s: Settings) -> Network:
    return article_network(**{name: s[name] for name in PARAMETERS})


def _example(s: Settings) -> tuple[tuple[float, float], tuple[float, float]]:
    return (s["i1"], s["i2"]), (s["target_o1"], s["target_o2"])


def _error_after_step(q: Asked, **options: Any) -> float:
    """E_total after one update at the asked settings (``options``: training.step's order, update_biases)."""
    inputs, targets = _example(q.settings)
    updated = step(_network(q.settings), inputs, targets, q.settings["eta"], **options)
    return float(forward(updated, inputs, targets).total)


def _after_update(q: Asked) -> dict[str, float]:
    """The quantities once every weight has taken its update (the next update's starting point)."""
    return quantities_at({**q.settings, **{n: q[f"{n}_new"] for n, (kind, _, _) in PARAMETERS.items()
                                           if kind == "weights"}})


def _mirrored(q: Asked) -> dict[str, float]:
    """The example mirrored: inputs swapped, targets swapped."""
    s = q.settings
    return quantities_at({**s, "i1": s["i2"], "i2": s["i1"], "target_o1": s["target_o2"], "target_o2": s["target_o1"]})


def _cross_entropy(q: Asked) -> dict[str, float]:
    """The network and example with the cross-entropy error instead of the squared one."""
    net = _network(q.settings)
    return quantities(Network(net.weights, net.biases, net.activations, CROSS_ENTROPY), *_example(q.settings),
                      q.settings["eta"])


def _first_order_step_taken(q: Asked) -> dict[str, float]:
    """Exercise 07.3's step taken for real: one update with the learning rate s."""
    return quantities_at({**q.settings, "eta": FIRST_ORDER_STEP})


def _squared_gradient(q: Mapping[str, float], *, biases: bool = False) -> float:
    """|g|²: the sum of every weight's squared gradient (and the biases', on request)."""
    names_ = [n for n, (kind, _, _) in PARAMETERS.items() if kind == "weights" or biases]
    return sum(q[f"dE_d{n}"] ** 2 for n in names_)


def _page(key: str, *, targets: tuple[float, ...] | None = None, **options: bool) -> dict[str, float]:
    """Every value of a published example's worked example (notebook 06), by our names; optionally
    with other targets than the page's."""
    example = PUBLISHED[key]
    return dict(worked_example(example.network(), example.inputs, example.targets if targets is None else targets,
                               example.rate, update_biases=options.get("update_biases", example.update_biases)).values)


def _printed(key: str, name: str) -> float:
    """The number a published page prints for our quantity ``name``, read from its digits."""
    (text,) = (p.printed for p in PUBLISHED[key].printed if p.ours == name)
    return float(text)


def _in(situation: Callable[[Asked], Mapping[str, float]],
        formula: Callable[[Mapping[str, float]], float]) -> Callable[[Asked], float]:
    """A computation in another situation derived from the asked one (computed once a check)."""
    return lambda q: formula(q.derived(situation))


def _sghosh(q: Asked) -> dict[str, float]:
    return _page("sghosh")


def _sghosh_other(q: Asked) -> dict[str, float]:
    """Sghosh's neuron aiming at exercise 06.1's target instead of its page's."""
    return _page("sghosh", targets=(OTHER_SGHOSH_TARGET,))


def _sghosh_bias_fixed(q: Asked) -> dict[str, float]:
    return _page("sghosh", update_biases=False)


def _fiqlab(q: Asked) -> dict[str, float]:
    return _page("fiqlab")


_SGHOSH_COPIED = (f"that is the page's, for y = {PUBLISHED['sghosh'].targets[0]:g}; "
                  f"this asks for y = {OTHER_SGHOSH_TARGET:g}")


def random_cases() -> list[dict[str, float]]:
    """N_CASES random networks of the article's shape (seeded), each with one output neuron
    and one weight picked at random; the core's values under the function exercises' names."""
    rng = np.random.default_rng(SEED)
    weights = [n for n, (kind, _, _) in PARAMETERS.items() if kind == "weights"]
    cases = []
    for _ in range(N_CASES):
        network = article_network(**{n: float(rng.uniform(-3, 3)) for n in PARAMETERS})
        q = quantities(network, rng.uniform(-1, 1, 2), rng.uniform(0, 1, 2), float(rng.uniform(0.125, 2)))
        o, w = f"o{rng.integers(1, 3)}", weights[rng.integers(len(weights))]
        cases.append({"net": q[f"net_{o}"], "out": q[f"out_{o}"], "target": q[f"target_{o}"],
                      "E": q[f"E_{o}"], "dE_dout": q[f"dE_dout_{o}"], "slope": q[f"dout_{o}_dnet_{o}"],
                      "delta": q[f"delta_{o}"], "w": q[w], "grad": q[f"dE_d{w}"], "eta": q["eta"],
                      "w_new": q[f"{w}_new"]})
    return cases


SIGN_O1 = "check the sign: dE/dout_o1 = -(target_o1 - out_o1)"
SIGN = "check the sign: the error's slope dE/dout is out - target"
HALF = "the article's error has a factor 1/2"
NO_ETA = "multiply the gradient by the learning rate η"
AGAINST = "step against the gradient: subtract, w - η·dE/dw"
SLOPE = "the slope is out(1 - out)"
ROADS = "h2 reaches the error along two roads, through o1 and o2: add both"
ORIGINAL = "use the original weights: every gradient comes from the weights the forward pass used"
BOTH_DELTAS = "b2 feeds both outputs: its gradient collects both deltas"

_TABLE = (
    Exercise("00.1", "name", "Which weight joins h2 to o1? Answer e.g. 'w1'.",
             "the weight from h2 to o1", lambda q: _weight("h2", "o1"),
             "find the line from h2 to o1; weights feeding o1 come after those feeding h1, h2", (
                 (lambda q: _weight("h1", "o2"),
                  "weights are numbered by the neuron they feed into: o1 is fed by w5 and w6"),
                 (lambda q: _weight("h1", "o1"), "w5 comes from h1; h2 is the lower hidden neuron"))),
    Exercise("00.2", "number", "How many numbers can training change in the network?",
             "parameters", lambda q: len(PARAMETERS), "count every weight and every bias", (
                 (lambda q: sum(kind == "weights" for kind, _, _ in PARAMETERS.values()),
                  "the two biases are parameters too"),)),
    Exercise("00.3", "number", "Starting value of the weight from i2 into h1?",
             "that weight", lambda q: q[_weight("i2", "h1")],
             "read the weight from i2 into h1 off the article's numbers", (
                 (lambda q: q[_weight("i1", "h2")], _runs("i2", "h1")),)),
    Exercise("01.1", "number", f"What is net_h2 for {asking('01.1')}?", "net_h2", lambda q: q["net_h2"],
             "net_h2 = w3·i1 + w4·i2 + b1: each input times the weight from it, plus the bias", (
                 (lambda q: q["w2"] * q["i1"] + q["w4"] * q["i2"] + q["b1"], _runs("i1", "h2")),
                 (lambda q: q["net_h2"] - q["b1"], "add the bias b1: a weight whose input is always 1"),
                 (lambda q: q["out_h2"], "that is out_h2: net is the sum before squashing"),
                 (lambda q: q.page["net_h2"], _copied("01.1")))),
    Exercise("01.2", "number", f"What is out_o2 for {asking('01.2')}?", "out_o2", lambda q: q["out_o2"],
             "the hidden outputs first, then out_o2 = 1/(1 + e^-net_o2), net_o2 = w7·out_h1 + w8·out_h2 + b2", (
                 (lambda q: q["net_o2"], "squash net_o2 with the logistic function"),
                 (lambda q: _logistic(q["w7"] * q["i1"] + q["w8"] * q["i2"] + q["b2"]),
                  "the output layer's inputs are out_h1 and out_h2, not i1 and i2"),
                 (lambda q: q.page["out_o2"], _copied("01.2")))),
    Exercise("01.3", "function", "Write logistic(net), the squashing function.",
             "logistic", lambda c: c["out"], "logistic(net) = 1/(1 + e^-net); math.exp gives e^x", (
                 # 1 - logistic(net) is the same function, so it gets the same hint
                 (lambda c: _logistic(-c["net"]), "e to the minus net: 1/(1 + e^-net)"),),
             ("net",)),
    Exercise("02.1", "number", f"What is E_o2 for {asking('02.1')}?", "E_o2",
             lambda q: q["E_o2"], "E_o2 = 1/2 (target_o2 - out_o2)^2", (
                 (lambda q: 2 * q["E_o2"], HALF),
                 (lambda q: q["target_o2"] - q["out_o2"], "square the difference"),
                 (lambda q: q["out_o2"] - q["target_o2"], "square the difference"),
                 (lambda q: q.page["E_o2"], _copied("02.1")))),
    Exercise("02.2", "number", f"What is E_total for {asking('02.2')}?", "E_total",
             lambda q: q["E_total"], "only E_o1 changes: 1/2 (new target - out_o1)^2, then add E_o2", (
                 (lambda q: q["E_o1"], "E_total sums the errors of both outputs"),
                 (lambda q: q.page["E_total"], "recompute E_o1 with the new target"))),
    Exercise("02.3", "function", "Write half_squared_error(out, target): E_o.",
             "half_squared_error", lambda c: c["E"], "E = 1/2 (target - out)^2", (
                 (lambda c: 2 * c["E"], HALF),), ("out", "target")),
    Exercise("03.1", "number", f"What is dE_total/dw6 for {asking('03.1')}?", "dE_dw6",
             lambda q: q["dE_dw6"], "chain rule: dE/dout_o1 · dout_o1/dnet_o1 · dnet_o1/dw6", (
                 (lambda q: -q["dE_dw6"], SIGN_O1),
                 (lambda q: q["delta_o1"] * q["out_h1"], "w6 comes from h2: dnet_o1/dw6 = out_h2"),
                 (lambda q: q["dE_dout_o1"] * q["net_o1"] * (1 - q["net_o1"]) * q["out_h2"],
                  "the logistic slope is out(1 - out), with out, not net"),
                 (lambda q: q.page["dE_dw6"], _copied("03.1")))),
    Exercise("03.2", "number", f"w6 after one update for {asking('03.2')}?", "w6_new",
             lambda q: q["w6_new"], "w6_new = w6 - η·dE/dw6", (
                 (lambda q: q["w6"] - q["dE_dw6"], NO_ETA),
                 (lambda q: q["w6"] + q["eta"] * q["dE_dw6"], AGAINST),
                 (lambda q: q.page["w6_new"], _copied("03.2")))),
    Exercise("03.3", "function", "Write slope(out): dout/dnet written with out.",
             "slope", lambda c: c["slope"], "differentiate 1/(1 + e^-net), then write it with out", (
                 (lambda c: c["out"], SLOPE),
                 (lambda c: 1 - c["out"], SLOPE)), ("out",)),
    Exercise("03.4", "function", "Write delta(out, target) of an output neuron.",
             "delta", lambda c: c["delta"], "delta = dE/dout · dout/dnet, both written with out and target", (
                 (lambda c: -c["delta"], SIGN),
                 (lambda c: c["dE_dout"], "multiply by the slope out(1 - out)")), ("out", "target")),
    Exercise("04.1", "number", f"dE_total/dout_h2 for {asking('04.1')}?", "dE_dout_h2",
             lambda q: q["dE_dout_h2"], "dE/dout_h2 = delta_o1·w6 + delta_o2·w8", (
                 (lambda q: q["delta_o1"] * q["w6"], ROADS),
                 (lambda q: q["delta_o2"] * q["w8"], ROADS),
                 (lambda q: q["delta_o1"] * q["w6_new"] + q["delta_o2"] * q["w8_new"], ORIGINAL),
                 (lambda q: q["delta_o1"] * q["w5"] + q["delta_o2"] * q["w7"], "h2's roads run through w6 and w8"),
                 (lambda q: q.page["dE_dout_h2"], _copied("04.1")))),
    Exercise("04.2", "number", f"What is dE_total/dw3 for {asking('04.2')}?", "dE_dw3",
             lambda q: q["dE_dw3"], "dE/dw3 = delta_h2 · i1, where delta_h2 = dE/dout_h2 · out_h2(1 - out_h2)", (
                 (lambda q: q["delta_h2"] * q["i2"], _runs("i1", "h2")),
                 (lambda q: q["dE_o1_dout_h2"] * q["dout_h2_dnet_h2"] * q["i1"], ROADS),
                 (lambda q: q["dE_o2_dout_h2"] * q["dout_h2_dnet_h2"] * q["i1"], ROADS),
                 (lambda q: (q["delta_o1"] * q["w6_new"] + q["delta_o2"] * q["w8_new"])
                  * q["dout_h2_dnet_h2"] * q["i1"], ORIGINAL),
                 (lambda q: -q["dE_dw3"], SIGN_O1),
                 (lambda q: q.page["dE_dw3"], _copied("04.2")))),
    Exercise("04.3", "number", f"w4 after one update for {asking('04.3')}?", "w4_new",
             lambda q: q["w4_new"], "w4_new = w4 - η·dE/dw4", (
                 (lambda q: q["w4"] - q["dE_dw4"], NO_ETA),
                 (lambda q: q["w4"] + q["eta"] * q["dE_dw4"], AGAINST),
                 (lambda q: q.page["w4_new"], _copied("04.3")))),
    Exercise("05.1", "number", f"E_total after one update with {asking('05.1')}?", "E_total_new",
             lambda q: q["E_total_new"], "update w1..w8 (biases stay), then run the forward pass again", (
                 (lambda q: _error_after_step(q, order="output_first"),
                  "compute the hidden gradients with the original w5..w8, before updating"),
                 (lambda q: q["E_total"], "run the forward pass again with the new weights"),
                 (lambda q: _error_after_step(q, update_biases=True), "the article keeps the biases b1, b2 fixed"),
                 (lambda q: q.page["E_total_new"], _copied("05.1")))),
    Exercise("05.2", "function", "Write gradient_step(w, grad, eta): one step.",
             "gradient_step", lambda c: c["w_new"], "w_new = w - eta·grad", (
                 (lambda c: c["w"] + c["eta"] * c["grad"], "step against the gradient"),
                 (lambda c: c["w"] - c["grad"], "multiply by η")), ("w", "grad", "eta")),
    Exercise("05.3", "number", "dE_total/db2 once the weights are updated?", "dE_db2",
             _in(_after_update, lambda a: a["dE_db2"]),
             "dE/db2 = delta_o1·1 + delta_o2·1, with out_o1, out_o2 after the update", (
                 (_in(_after_update, lambda a: a["delta_o1"]), BOTH_DELTAS),
                 (_in(_after_update, lambda a: a["delta_o2"]), BOTH_DELTAS),
                 (_in(_after_update, lambda a: a["delta_o1"] * a["out_h1"]), "a bias's input is always 1"),
                 (lambda q: q["dE_db2"], "that is dE/db2 before the update: use out_o1_new and out_o2_new"))),
    Exercise("06.1", "number", f"Sghosh's neuron: dL/dw12 if y were {OTHER_SGHOSH_TARGET:g}?", "dL/dw12",
             _in(_sghosh_other, lambda s: s["dE_dw2"]), "dL/dw12 = (y_pred - y) · y_pred(1 - y_pred) · x2", (
                 (_in(_sghosh, lambda s: s["dE_dw2"]), _SGHOSH_COPIED),
                 (lambda q: _printed("sghosh", "dE_dw2"), _SGHOSH_COPIED),
                 (_in(_sghosh_other, lambda s: s["dE_dout_o1"] * s["i2"]),
                  "multiply by the sigmoid's slope y_pred(1 - y_pred)"),
                 (_in(_sghosh_other, lambda s: s["dE_dw1"]), "w12 carries x2: dL/dw12 = dL/dz · x2"),
                 (_in(_sghosh_other, lambda s: -s["dE_dw2"]), "check the sign: dL/dy_pred = y_pred - y"))),
    Exercise("06.2", "number", "fiqlab's 2-2-1 network: dE_total/dw1?", "dE_dw1",
             _in(_fiqlab, lambda f: f["dE_dw1"]), "dE/dw1 = delta_o1 · w5 · out_h1(1 - out_h1) · i1", (
                 (lambda q: q["dE_dw1"],
                  "that is the article's: with one output, h1 reaches the error through o1 only"),
                 (_in(_fiqlab, lambda f: f["delta_o1"] * f["w5"] * f["i1"]),
                  "multiply by h1's slope out_h1(1 - out_h1)"),
                 (_in(_fiqlab, lambda f: f["delta_o1"] * f["w6"] * f["dout_h1_dnet_h1"] * f["i1"]),
                  "h1's road to o1 runs through w5; w6 comes from h2"),
                 (_in(_fiqlab, lambda f: f["delta_h1"] * f["i2"]), "w1 carries i1, not i2"))),
    Exercise("06.3", "number", "Sghosh's neuron: its loss after the update?", "the new loss",
             _in(_sghosh, lambda s: s["E_total_new"]),
             "update w11, w12 and b, then z, y_pred and 1/2 (y - y_pred)^2 again", (
                 (_in(_sghosh, lambda s: s["E_total"]), "run the forward pass again with the new w11, w12 and b"),
                 (_in(_sghosh_bias_fixed, lambda s: s["E_total_new"]),
                  "the page updates b too: b_new = b - η·dL/db"))),
    Exercise("07.1", "number", "dE_total/dw1 on a batch: the example and its mirror?",
             "batch dE_dw1", lambda q: q["dE_dw1"] + q.derived(_mirrored)["dE_dw1"],
             "compute dE/dw1 for each example alone, then add the two", (
                 (lambda q: (q["dE_dw1"] + q.derived(_mirrored)["dE_dw1"]) / 2,
                  "a batch's error is the sum of its examples' errors, and so is its gradient: add, don't average"),
                 (lambda q: q["dE_dw1"], "the batch has two examples: add the mirrored one's gradient"),
                 (_in(_mirrored, lambda m: m["dE_dw1"]),
                  "the batch has two examples: add the article's one's gradient"))),
    Exercise("07.2", "number", "With cross-entropy error, what is dE_total/dw7?", "dE_dw7",
             _in(_cross_entropy, lambda c: c["dE_dw7"]),
             "dE/dw7 = delta_o2 · out_h1, with the cross-entropy's delta_o2 = out_o2 - target_o2", (
                 (lambda q: q["dE_dw7"],
                  "that is the squared error's; with cross-entropy the slope cancels: delta_o2 = out - target"),
                 (_in(_cross_entropy, lambda c: c["dE_dout_o2"] * c["out_h1"]),
                  "multiply dE/dout_o2 by the slope out_o2(1 - out_o2)"),
                 (_in(_cross_entropy, lambda c: c["delta_o2"] * c["out_h2"]), "w7 comes from h1: dnet_o2/dw7 = out_h1"),
                 (_in(_cross_entropy, lambda c: -c["dE_dw7"]), "check the sign: delta_o2 = out_o2 - target_o2"))),
    Exercise("07.3", "number", f"To first order, E_total after a step s = {FIRST_ORDER_STEP:g}?",
             "prediction", lambda q: q["E_total"] - FIRST_ORDER_STEP * _squared_gradient(q),
             "E_total - s·|g|², |g|² the sum of the eight squared weight gradients", (
                 (lambda q: q["E_total"] - FIRST_ORDER_STEP * sum(q[f"dE_d{n}"] for n, (kind, _, _)
                                                                  in PARAMETERS.items() if kind == "weights"),
                  "square each gradient: the change is -s·|g|², a sum of squares"),
                 (lambda q: q["E_total"] - q["eta"] * _squared_gradient(q),
                  f"take the step s = {FIRST_ORDER_STEP:g}, not the article's learning rate"),
                 (lambda q: q["E_total"] - FIRST_ORDER_STEP * _squared_gradient(q, biases=True),
                  "the biases stay fixed: only w1..w8's gradients count"),
                 (lambda q: q["E_total"] + FIRST_ORDER_STEP * _squared_gradient(q),
                  "a step against the gradient lowers E: E_total - s·|g|²"),
                 (lambda q: FIRST_ORDER_STEP * _squared_gradient(q),
                  "that is the predicted drop: subtract it from E_total"),
                 (_in(_first_order_step_taken, lambda t: t["E_total_new"]),
                  "that is the error after the real step; to first order it is E_total - s·|g|²"))),
)
EXERCISES: Mapping[str, Exercise] = MappingProxyType({e.id: e for e in _TABLE})


def check(exercise_id: str, answer: object) -> Feedback:
    """The verdict on ``answer`` to exercise ``exercise_id``; never raises for an answer, never hangs
    on a learner's function where a time limit can be kept (bp_helpers.learner_code)."""
    check_choice("exercise", exercise_id, tuple(EXERCISES))
    exercise = EXERCISES[exercise_id]
    if exercise.kind == "function":
        return verdict(exercise, answer, random_cases)
    return verdict(exercise, answer, lambda: [asked(exercise_id)], names=tuple(PARAMETERS))
