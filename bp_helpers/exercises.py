"""Check a learner's answer to a notebook exercise: ``check("03.1", answer)``.

Every expected answer is computed at check time from the core (``article.quantities()``,
``article_network``, ``names.parameters``, ``training.step`` ...), never typed here, and so is
every typical mistake: an answer equal to a mistake gets that mistake's own hint, any other
wrong answer the exercise's general hint. A number is right to 6 significant digits, i.e.
when |answer - expected| <= 5e-7 * |expected| (1e-12 at the least). A function is called
with floats, one case at a time, on 25 random networks of the article's shape, and compared
with the core's values to the same tolerance.

``check`` never raises for a bad answer (text, None, NaN, a function that raises ...): it
says what it expected. ``...`` (the student edition's stubs) means "not answered yet".
Pure: the core and plain text only (no IPython, no matplotlib, no widgets).
"""

from __future__ import annotations

import inspect
import math
import reprlib
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Real
from types import MappingProxyType
from typing import Any, Literal

import numpy as np

from . import names
from .article import INPUTS, LEARNING_RATE, PARAMETERS, TARGETS, article_network, quantities
from .formats import short
from .functions import CROSS_ENTROPY, LOGISTIC
from .network import Network, forward
from .published import EXAMPLES as PUBLISHED
from .training import step
from .worked import worked_example
from .validation import check_choice

Kind = Literal["number", "function", "name"]
Verdict = Literal["right", "wrong", "unanswered"]
Values = Mapping[str, float]  # the article's quantities(), or one random case of a function exercise

RELATIVE_TOLERANCE = 5e-7  # "to 6 significant digits"
ABSOLUTE_FLOOR = 1e-12  # for an expected value of 0
N_CASES = 25
SEED = 2024
NEW_TARGET_O1 = 0.5  # exercise 02.2's "what if": target_o1 were 0.5
WIDTH, LINES = 52, 3  # a notebook's narrow column: a verdict line and at most two of hint
_MARKS: Mapping[str, str] = MappingProxyType({"right": "✔", "wrong": "✘", "unanswered": "…"})
_WRAP = textwrap.TextWrapper(WIDTH, subsequent_indent="  ", max_lines=LINES, placeholder=" …",
                             break_on_hyphens=False)


@dataclass(frozen=True, repr=False)
class Feedback:
    """The verdict on one answer; its repr is what the notebook shows."""

    exercise: str
    verdict: Verdict
    message: str  # after the mark and the id: "right: ...", "not yet: <hint>", "expected ..."

    @property
    def right(self) -> bool:
        return self.verdict == "right"

    @property
    def lines(self) -> tuple[str, ...]:
        """The verdict line, then the message wrapped to at most two more lines of 52 characters."""
        return tuple(_WRAP.wrap(f"{_MARKS[self.verdict]} {self.exercise} {self.message}"))

    def __repr__(self) -> str:
        return "\n".join(self.lines)


Mistake = tuple[Callable[[Values], Any], str]  # (the mistaken computation, its hint)


@dataclass(frozen=True)
class Exercise:
    """One exercise. ``expected`` and each mistake compute from the article's quantities
    (number and name exercises) or from one random case (function exercises: the keys of
    :func:`random_cases`, among them the parameters)."""

    id: str
    kind: Kind
    question: str
    label: str  # what the ✔ line names
    expected: Callable[[Values], Any]
    hint: str  # for a wrong answer that is no typical mistake
    mistakes: tuple[Mistake, ...] = ()
    params: tuple[str, ...] = ()  # function exercises: the function's parameters


def _weight(source: str, target: str) -> str:
    """The article's name of the weight from ``source`` into ``target`` (bp_helpers.names)."""
    (name,) = (p.name for p in names.parameters((2, 2, 2)) if (p.source, p.target) == (source, target))
    return name


def _runs(source: str, target: str) -> str:
    return f"{_weight(source, target)} runs from {source} into {target}; the figure's labels mislead, " \
           "the arithmetic decides"


def _logistic(net: float) -> float:
    return float(LOGISTIC(np.array(net)))


def _with_new_target() -> dict[str, float]:
    return quantities(targets=(NEW_TARGET_O1, TARGETS[1]))


def _output_first_error() -> float:
    """E_total after one update that moves the output layer first (the older order)."""
    updated = step(article_network(), INPUTS, TARGETS, LEARNING_RATE, order="output_first")
    return float(forward(updated, INPUTS, TARGETS).total)


FIRST_ORDER_STEP = 2.0  # exercise 07.3's step size s


def _mirrored() -> dict[str, float]:
    """The article's network on its example mirrored: inputs swapped, targets swapped."""
    return quantities(inputs=INPUTS[::-1], targets=TARGETS[::-1])


def _cross_entropy() -> dict[str, float]:
    """The article's network and example with the cross-entropy error instead of the squared one."""
    net = article_network()
    return quantities(Network(net.weights, net.biases, net.activations, CROSS_ENTROPY))


def _squared_gradient(q: Values, *, biases: bool = False) -> float:
    """|g|²: the sum of every weight's squared gradient (and the biases', on request)."""
    names_ = [n for n, (kind, _, _) in PARAMETERS.items() if kind == "weights" or biases]
    return sum(q[f"dE_d{n}"] ** 2 for n in names_)


def _page(key: str, **options: bool) -> dict[str, float]:
    """Every value of a published example's worked example (notebook 06), by our names."""
    example = PUBLISHED[key]
    return dict(worked_example(example.network(), example.inputs, example.targets, example.rate,
                               update_biases=options.get("update_biases", example.update_biases)).values)


def _printed(key: str, name: str) -> float:
    """The number a published page prints for our quantity ``name``, read from its digits."""
    (text,) = (p.printed for p in PUBLISHED[key].printed if p.ours == name)
    return float(text)


def _page_after_its_rounded_update(key: str) -> float:
    """E_total of a 2-1 page's neuron after the update, from its new w1, w2, b1 as the page prints them."""
    example, values = PUBLISHED[key], _page(key)
    rounded = {n: _printed(key, f"{n}_new") if any(p.ours == f"{n}_new" for p in example.printed) else values[n]
               for n in ("w1", "w2", "b1")}
    network = Network.from_layers([[[rounded["w1"], rounded["w2"]]]], [[rounded["b1"]]], example.activation,
                                  example.error)
    return float(forward(network, example.inputs, example.targets).total)


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
    Exercise("01.1", "number", "What is net_h2?", "net_h2", lambda q: q["net_h2"],
             "net_h2 = w3·i1 + w4·i2 + b1: each input times the weight from it, plus the bias", (
                 (lambda q: q["w2"] * q["i1"] + q["w4"] * q["i2"] + q["b1"], _runs("i1", "h2")),
                 (lambda q: q["net_h2"] - q["b1"], "add the bias b1: a weight whose input is always 1"),
                 (lambda q: q["out_h2"], "that is out_h2: net is the sum before squashing"))),
    Exercise("01.2", "number", "What is out_o2?", "out_o2", lambda q: q["out_o2"],
             "out_o2 = 1/(1 + e^-net_o2), net_o2 = w7·out_h1 + w8·out_h2 + b2", (
                 (lambda q: q["net_o2"], "squash net_o2 with the logistic function"),
                 (lambda q: _logistic(q["w7"] * q["i1"] + q["w8"] * q["i2"] + q["b2"]),
                  "the output layer's inputs are out_h1 and out_h2, not i1 and i2"))),
    Exercise("01.3", "function", "Write logistic(net), the squashing function.",
             "logistic", lambda c: c["out"], "logistic(net) = 1/(1 + e^-net); math.exp gives e^x", (
                 # 1 - logistic(net) is the same function, so it gets the same hint
                 (lambda c: _logistic(-c["net"]), "e to the minus net: 1/(1 + e^-net)"),),
             ("net",)),
    Exercise("02.1", "number", "What is E_o2?", "E_o2", lambda q: q["E_o2"],
             "E_o2 = 1/2 (target_o2 - out_o2)^2", (
                 (lambda q: 2 * q["E_o2"], HALF),
                 (lambda q: q["target_o2"] - q["out_o2"], "square the difference"),
                 (lambda q: q["out_o2"] - q["target_o2"], "square the difference"))),
    Exercise("02.2", "number", f"What would E_total be if target_o1 were {NEW_TARGET_O1}?", "E_total",
             lambda q: _with_new_target()["E_total"],
             "only E_o1 changes: 1/2 (new target - out_o1)^2, then add E_o2", (
                 (lambda q: _with_new_target()["E_o1"], "E_total sums the errors of both outputs"),
                 (lambda q: q["E_total"], "recompute E_o1 with the new target"))),
    Exercise("02.3", "function", "Write half_squared_error(out, target): E_o.",
             "half_squared_error", lambda c: c["E"], "E = 1/2 (target - out)^2", (
                 (lambda c: 2 * c["E"], HALF),), ("out", "target")),
    Exercise("03.1", "number", "What is dE_total/dw6?", "dE_dw6", lambda q: q["dE_dw6"],
             "chain rule: dE/dout_o1 · dout_o1/dnet_o1 · dnet_o1/dw6", (
                 (lambda q: -q["dE_dw6"], SIGN_O1),
                 (lambda q: q["delta_o1"] * q["out_h1"], "w6 comes from h2: dnet_o1/dw6 = out_h2"),
                 (lambda q: q["dE_dout_o1"] * q["net_o1"] * (1 - q["net_o1"]) * q["out_h2"],
                  "the logistic slope is out(1 - out), with out, not net"))),
    Exercise("03.2", "number", "What is w6 after one update?", "w6_new", lambda q: q["w6_new"],
             "w6_new = w6 - η·dE/dw6", (
                 (lambda q: q["w6"] - q["dE_dw6"], NO_ETA),
                 (lambda q: q["w6"] + q["eta"] * q["dE_dw6"], AGAINST))),
    Exercise("03.3", "function", "Write slope(out): dout/dnet written with out.",
             "slope", lambda c: c["slope"], "differentiate 1/(1 + e^-net), then write it with out", (
                 (lambda c: c["out"], SLOPE),
                 (lambda c: 1 - c["out"], SLOPE)), ("out",)),
    Exercise("03.4", "function", "Write delta(out, target) of an output neuron.",
             "delta", lambda c: c["delta"], "delta = dE/dout · dout/dnet, both written with out and target", (
                 (lambda c: -c["delta"], SIGN),
                 (lambda c: c["dE_dout"], "multiply by the slope out(1 - out)")), ("out", "target")),
    Exercise("04.1", "number", "What is dE_total/dout_h2?", "dE_dout_h2", lambda q: q["dE_dout_h2"],
             "dE/dout_h2 = delta_o1·w6 + delta_o2·w8", (
                 (lambda q: q["delta_o1"] * q["w6"], ROADS),
                 (lambda q: q["delta_o2"] * q["w8"], ROADS),
                 (lambda q: q["delta_o1"] * q["w6_new"] + q["delta_o2"] * q["w8_new"], ORIGINAL),
                 (lambda q: q["delta_o1"] * q["w5"] + q["delta_o2"] * q["w7"], "h2's roads run through w6 and w8"))),
    Exercise("04.2", "number", "What is dE_total/dw3?", "dE_dw3", lambda q: q["dE_dw3"],
             "dE/dw3 = delta_h2 · i1, where delta_h2 = dE/dout_h2 · out_h2(1 - out_h2)", (
                 (lambda q: q["delta_h2"] * q["i2"], _runs("i1", "h2")),
                 (lambda q: q["dE_o1_dout_h2"] * q["dout_h2_dnet_h2"] * q["i1"], ROADS),
                 (lambda q: q["dE_o2_dout_h2"] * q["dout_h2_dnet_h2"] * q["i1"], ROADS),
                 (lambda q: (q["delta_o1"] * q["w6_new"] + q["delta_o2"] * q["w8_new"])
                  * q["dout_h2_dnet_h2"] * q["i1"], ORIGINAL),
                 (lambda q: -q["dE_dw3"], SIGN_O1))),
    Exercise("04.3", "number", "What is w4 after one update?", "w4_new", lambda q: q["w4_new"],
             "w4_new = w4 - η·dE/dw4", (
                 (lambda q: q["w4"] - q["dE_dw4"], NO_ETA),
                 (lambda q: q["w4"] + q["eta"] * q["dE_dw4"], AGAINST))),
    Exercise("05.1", "number", "What is E_total after one update of every weight?", "E_total_new",
             lambda q: q["E_total_new"], "update w1..w8 (biases stay), then run the forward pass again", (
                 (lambda q: _output_first_error(),
                  "compute the hidden gradients with the original w5..w8, before updating"),
                 (lambda q: q["E_total"], "run the forward pass again with the new weights"))),
    Exercise("05.2", "function", "Write gradient_step(w, grad, eta): one step.",
             "gradient_step", lambda c: c["w_new"], "w_new = w - eta·grad", (
                 (lambda c: c["w"] + c["eta"] * c["grad"], "step against the gradient"),
                 (lambda c: c["w"] - c["grad"], "multiply by η")), ("w", "grad", "eta")),
    Exercise("05.3", "number", "What is dE_total/db2 (b2 feeds o1 and o2)?", "dE_db2",
             lambda q: q["dE_db2"], "dE/db2 = delta_o1·1 + delta_o2·1", (
                 (lambda q: q["delta_o1"], BOTH_DELTAS),
                 (lambda q: q["delta_o2"], BOTH_DELTAS),
                 (lambda q: q["delta_o1"] * q["out_h1"], "a bias's input is always 1"))),
    Exercise("06.1", "number", "Sghosh's neuron: dL/dw12, to 6 digits?", "dL/dw12",
             lambda q: _page("sghosh")["dE_dw2"], "dL/dw12 = (y_pred - y) · y_pred(1 - y_pred) · x2", (
                 (lambda q: _printed("sghosh", "dE_dw2"),
                  "that is the page's figure, from a dL/dz cut to four decimals: keep every digit"),
                 (lambda q: _page("sghosh")["dE_dout_o1"] * _page("sghosh")["i2"],
                  "multiply by the sigmoid's slope y_pred(1 - y_pred)"),
                 (lambda q: _page("sghosh")["dE_dw1"], "w12 carries x2: dL/dw12 = dL/dz · x2"),
                 (lambda q: -_page("sghosh")["dE_dw2"], "check the sign: dL/dy_pred = y_pred - y"))),
    Exercise("06.2", "number", "fiqlab's 2-2-1 network: dE_total/dw1?", "dE_dw1",
             lambda q: _page("fiqlab")["dE_dw1"], "dE/dw1 = delta_o1 · w5 · out_h1(1 - out_h1) · i1", (
                 (lambda q: q["dE_dw1"],
                  "that is the article's: with one output, h1 reaches the error through o1 only"),
                 (lambda q: _page("fiqlab")["delta_o1"] * _page("fiqlab")["w5"] * _page("fiqlab")["i1"],
                  "multiply by h1's slope out_h1(1 - out_h1)"),
                 (lambda q: _page("fiqlab")["delta_o1"] * _page("fiqlab")["w6"] * _page("fiqlab")["dout_h1_dnet_h1"]
                  * _page("fiqlab")["i1"], "h1's road to o1 runs through w5; w6 comes from h2"),
                 (lambda q: _page("fiqlab")["delta_h1"] * _page("fiqlab")["i2"], "w1 carries i1, not i2"))),
    Exercise("06.3", "number", "Sghosh's neuron: its loss after the update?", "the new loss",
             lambda q: _page("sghosh")["E_total_new"],
             "update w11, w12 and b, then z, y_pred and 1/2 (y - y_pred)^2 again", (
                 (lambda q: _page("sghosh")["E_total"], "run the forward pass again with the new w11, w12 and b"),
                 (lambda q: _page("sghosh", update_biases=False)["E_total_new"],
                  "the page updates b too: b_new = b - η·dL/db"),
                 (lambda q: _page_after_its_rounded_update("sghosh"),
                  "that is from the page's new weights rounded to four decimals: keep every digit"))),
    Exercise("07.1", "number", "dE_total/dw1 on a batch: the example and its mirror?",
             "batch dE_dw1", lambda q: q["dE_dw1"] + _mirrored()["dE_dw1"],
             "compute dE/dw1 for each example alone, then add the two", (
                 (lambda q: (q["dE_dw1"] + _mirrored()["dE_dw1"]) / 2,
                  "a batch's error is the sum of its examples' errors, and so is its gradient: add, don't average"),
                 (lambda q: q["dE_dw1"], "the batch has two examples: add the mirrored one's gradient"),
                 (lambda q: _mirrored()["dE_dw1"], "the batch has two examples: add the article's one's gradient"))),
    Exercise("07.2", "number", "With cross-entropy error, what is delta_o1?", "delta_o1",
             lambda q: _cross_entropy()["delta_o1"],
             "delta_o1 = dE/dout_o1 · out_o1(1 - out_o1), with the cross-entropy's dE/dout", (
                 (lambda q: q["delta_o1"],
                  "that is the squared error's delta; with cross-entropy the slope cancels: out - target"),
                 (lambda q: _cross_entropy()["dE_dout_o1"], "multiply dE/dout_o1 by the slope out_o1(1 - out_o1)"),
                 (lambda q: -_cross_entropy()["delta_o1"], "check the sign: delta_o1 = out_o1 - target_o1"))),
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
                 (lambda q: FIRST_ORDER_STEP * _squared_gradient(q), "that is the predicted drop: subtract it from E_total"),
                 (lambda q: quantities(learning_rate=FIRST_ORDER_STEP)["E_total_new"],
                  "that is the error after the real step; to first order it is E_total - s·|g|²"))),
)
EXERCISES: Mapping[str, Exercise] = MappingProxyType({e.id: e for e in _TABLE})


def check(exercise_id: str, answer: object) -> Feedback:
    """The verdict on ``answer`` to exercise ``exercise_id``; never raises for a bad answer."""
    check_choice("exercise", exercise_id, tuple(EXERCISES))
    exercise = EXERCISES[exercise_id]
    if answer is Ellipsis:
        return Feedback(exercise.id, "unanswered", UNANSWERED)
    verdict, message = {"number": _check_number, "name": _check_name, "function": _check_function}[
        exercise.kind](exercise, answer)
    return Feedback(exercise.id, verdict, message)


UNANSWERED = "not answered yet: replace ... by your answer"
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 24
_REPR.maxlist = _REPR.maxtuple = 4


def _describe(value: object) -> str:
    """A short account of a wrong kind of answer: "a str 'abc'", "an array of shape (2,)"."""
    try:
        if value is None or isinstance(value, (float, np.floating)):
            return repr(float(value)) if value is not None else "None"
        if isinstance(value, np.ndarray):
            return f"an array of shape {value.shape}"
        if inspect.isroutine(value) or isinstance(value, type):
            return "a function"
        kind = type(value).__name__
        shown = "" if type(value).__repr__ is object.__repr__ else f" {_REPR.repr(value)}"  # not a bare address
        return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}{shown}"
    except Exception:  # noqa: BLE001  # a type of the learner's own that fails to describe itself
        return f"a {type(value).__name__}"


def _read_number(value: object) -> float | str:
    """``value`` as a finite float, or what was expected instead: "one number", "a finite number"."""
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        value = value.reshape(-1)[0]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        return "one number"
    number = _float(value)
    return number if number is not None and math.isfinite(number) else "a finite number"


def _float(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]  # anything: a failure is an answer too
    except OverflowError:  # an int beyond float range
        return math.inf
    except Exception:  # noqa: BLE001  # a number type of the learner's own that fails to convert
        return None


def _close(answer: float, expected: float) -> bool:
    return abs(answer - expected) <= max(RELATIVE_TOLERANCE * abs(expected), ABSOLUTE_FLOOR)


def _judge(exercise: Exercise, answers: Sequence[Any], values: Sequence[Values],
           same: Callable[[Any, Any], bool], right: str) -> tuple[Verdict, str]:
    """Right, or the first typical mistake the answers match on every case, or the general hint."""
    expected = [exercise.expected(v) for v in values]

    def agrees(xs: Sequence[Any], ys: Sequence[Any]) -> bool:
        return all(same(x, y) for x, y in zip(xs, ys, strict=True))

    if agrees(answers, expected):
        return "right", right
    for mistake, hint in exercise.mistakes:
        wrong = [mistake(v) for v in values]
        if not agrees(wrong, expected) and agrees(answers, wrong):  # a mistake that is right never fires
            return "wrong", f"not yet: {hint}"
    return "wrong", f"not yet: {exercise.hint}"


def _check_number(exercise: Exercise, answer: object) -> tuple[Verdict, str]:
    value = _read_number(answer)
    if isinstance(value, str):
        quoted = isinstance(answer, str) and isinstance(_read_number(_float(answer)), float)
        return "wrong", f"expected {value}, got {_describe(answer)}" + (": drop the quotes" if quoted else "")
    return _judge(exercise, [value], [quantities()], lambda a, e: _close(a, float(e)),
                  f"right: {exercise.label}, to 6 significant digits")


def _check_name(exercise: Exercise, answer: object) -> tuple[Verdict, str]:
    name = answer.strip().lower() if isinstance(answer, str) else None
    if name not in PARAMETERS:
        return "wrong", f"expected a name in quotes, one of {', '.join(PARAMETERS)}; got {_describe(answer)}"
    q = quantities()
    return _judge(exercise, [name], [q], lambda a, e: bool(a == e), f"right: {exercise.label} is {exercise.expected(q)}")


def _check_function(exercise: Exercise, answer: object) -> tuple[Verdict, str]:
    expected = f"expected a function of ({', '.join(exercise.params)})"
    if not callable(answer):
        return "wrong", f"{expected}, got {_describe(answer)}"
    try:
        signature: inspect.Signature | None = inspect.signature(answer)
    except (TypeError, ValueError):  # some builtins have none: call it and see
        signature = None
    try:
        if signature is not None:
            signature.bind(*exercise.params)
    except TypeError:
        return "wrong", f"{expected}, got one of {signature}"
    cases, answers = random_cases(), []
    for case in cases:
        args = tuple(float(case[p]) for p in exercise.params)
        called = ", ".join(f"{p}={short(a, 3)}" for p, a in zip(exercise.params, args, strict=True))
        try:
            result = answer(*args)
        except Exception as exc:  # noqa: BLE001  # whatever the learner's code raises is feedback
            raised = textwrap.shorten(f"{type(exc).__name__}: {exc}".rstrip(": "), 60, placeholder="…")
            return "wrong", f"your function raised {raised} when called with {called}"
        if result is Ellipsis:
            return "unanswered", UNANSWERED
        value = _read_number(result)
        if isinstance(value, str):
            wanted = "is a return missing?" if result is None else f"expected {value}"
            return "wrong", f"your function returned {_describe(result)} for {called}: {wanted}"
        answers.append(value)
    return _judge(exercise, answers, cases, lambda a, e: _close(a, float(e)),
                  f"right: {exercise.label} agrees with the core on {N_CASES} random networks, "
                  "to 6 significant digits")
