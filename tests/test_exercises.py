"""The exercise table: right answers pass, each typical mistake gets its own hint, copying a printed
value is never right, and every expected answer comes from the core. (The checking machinery, its
precision rule and hostile answers: test_checker.py; the time limit: test_learner_code.py.)"""

import ast
import dataclasses
import functools
import math
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pytest

from bp_helpers import article, checker, exercises
from bp_helpers import article_network, forward, quantities, step
from bp_helpers.article import ARTICLE_SETTINGS, INPUTS, PARAMETERS, TARGETS
from bp_helpers.exercises import ASKS, EXERCISES, Exercise, Feedback, check
from bp_helpers.functions import Logistic
from bp_helpers.names import parameters as named_parameters
from bp_helpers import backward, train, worked_example  # notebooks 06, 07
from bp_helpers.published import FIQLAB, SGHOSH  # notebook 06

MARKS = {"right": "✔", "close": "✘", "wrong": "✘", "unanswered": "…"}


def _weight(source, target):
    (name,) = [p.name for p in named_parameters((2, 2, 2)) if (p.source, p.target) == (source, target)]
    return name


def _fb(exercise_id, answer) -> Feedback:
    """check(), and what holds for every feedback: a mark, at most three lines of at most 52."""
    fb = check(exercise_id, answer)
    assert isinstance(fb, Feedback) and fb.exercise == exercise_id
    shown = repr(fb)
    assert shown == "\n".join(fb.lines) == str(fb)
    assert shown.startswith(f"{MARKS[fb.verdict]} {exercise_id} ")
    assert 1 <= len(fb.lines) <= 3 and all(len(line) <= 52 for line in fb.lines), shown
    return fb


def _text(fb):
    return " ".join(repr(fb).split())


def _delta(out, target):
    return (out - target) * out * (1 - out)


def _sigmoid(x):
    return 1 / (1 + math.exp(-x))


def _sghosh_by_hand(*, update_bias=True, target=None):
    """Sghosh's neuron worked by hand from its page's data (or another target): gradients, update, loss after it."""
    ((w11, w12),), (b,), (x1, x2), eta = SGHOSH.weights[0], SGHOSH.biases[0], SGHOSH.inputs, SGHOSH.learning_rate
    y = SGHOSH.targets[0] if target is None else target
    out = _sigmoid(w11 * x1 + w12 * x2 + b)
    dz = (out - y) * out * (1 - out)
    w11n, w12n, bn = w11 - eta * dz * x1, w12 - eta * dz * x2, b - eta * dz if update_bias else b
    after = _sigmoid(w11n * x1 + w12n * x2 + bn)
    return {"E": 0.5 * (y - out) ** 2, "dE_dout": out - y, "dz": dz, "dE_dw1": dz * x1, "dE_dw2": dz * x2,
            "E_new": 0.5 * (y - after) ** 2}


def _fiqlab_by_hand():
    """fiqlab's 2-2-1 network by hand: h1's one road to the error, through o1."""
    ((w1, w2), (w3, w4)), ((w5, w6),) = FIQLAB.weights
    (bh,), (bo,) = FIQLAB.biases
    (i1, i2), (t,) = FIQLAB.inputs, FIQLAB.targets
    h1, h2 = _sigmoid(w1 * i1 + w2 * i2 + bh), _sigmoid(w3 * i1 + w4 * i2 + bh)
    o = _sigmoid(w5 * h1 + w6 * h2 + bo)
    d_o = (o - t) * o * (1 - o)
    return {"d_o": d_o, "w5": w5, "w6": w6, "slope_h1": h1 * (1 - h1), "i1": i1, "i2": i2,
            "dE_dw1": d_o * w5 * h1 * (1 - h1) * i1}


def _forward_by_hand(q, i1, i2):
    """The article's forward pass by hand, for other inputs: the hidden and the output outs."""
    h1 = _sigmoid(q["w1"] * i1 + q["w2"] * i2 + q["b1"])
    h2 = _sigmoid(q["w3"] * i1 + q["w4"] * i2 + q["b1"])
    return h1, h2, _sigmoid(q["w5"] * h1 + q["w6"] * h2 + q["b2"]), _sigmoid(q["w7"] * h1 + q["w8"] * h2 + q["b2"])


def _right_numbers():
    """Each number worked out by hand in the test, from the core's settings and forward pass."""
    q = quantities()
    i1, t1, t2 = exercises.OTHER_I1, exercises.OTHER_TARGET_O1, exercises.OTHER_TARGET_O2  # what ASKS asks
    d1 = _delta(q["out_o1"], q["target_o1"])
    d1_other, d2_other = _delta(q["out_o1"], t1), _delta(q["out_o2"], t2)  # the outputs don't depend on targets
    dE_dout_h2 = d1 * q["w6"] + d2_other * q["w8"]
    delta_h2 = dE_dout_h2 * q["out_h2"] * (1 - q["out_h2"])
    dE_dw6 = d1_other * q["out_h2"]
    weights = [w for w in PARAMETERS if w.startswith("w")]
    long_step = {w: q[w] - exercises.OTHER_RATE * q[f"dE_d{w}"] for w in weights}
    after = forward(article_network(**{w: q[f"{w}_new"] for w in weights}), INPUTS, TARGETS).outputs[0]
    return {
        "00.2": len(PARAMETERS),
        "00.3": q[_weight("i2", "h1")],
        "01.1": q["w3"] * i1 + q["w4"] * q["i2"] + q["b1"],
        "01.2": _forward_by_hand(q, i1, q["i2"])[3],
        "02.1": 0.5 * (t2 - q["out_o2"]) ** 2,
        "02.2": 0.5 * (exercises.NEW_TARGET_O1 - q["out_o1"]) ** 2 + q["E_o2"],
        "03.1": dE_dw6,
        "03.2": q["w6"] - q["eta"] * dE_dw6,
        "04.1": dE_dout_h2,
        "04.2": delta_h2 * q["i1"],
        "04.3": q["w4"] - q["eta"] * delta_h2 * q["i2"],
        "05.1": float(forward(article_network(**long_step), INPUTS, TARGETS).total),
        "05.3": _delta(after[0], q["target_o1"]) + _delta(after[1], q["target_o2"]),
        "07.1": float(backward(article_network(), forward(article_network(), [INPUTS, INPUTS[::-1]],
                                                          [TARGETS, TARGETS[::-1]])).dE_dw[0][0, 0]),
        "07.2": (q["out_o2"] - q["target_o2"]) * q["out_h1"],
        "07.3": q["E_total"] - exercises.FIRST_ORDER_STEP * sum(q[f"dE_dw{k}"] ** 2 for k in range(1, 9)),
        "06.1": _sghosh_by_hand(target=exercises.OTHER_SGHOSH_TARGET)["dE_dw2"],
        "06.2": _fiqlab_by_hand()["dE_dw1"],
        "06.3": _sghosh_by_hand()["E_new"],
    }


RIGHT_FUNCTIONS = {
    "01.3": lambda net: 1 / (1 + math.exp(-net)),
    "02.3": lambda out, target: 0.5 * (target - out) ** 2,
    "03.3": lambda out: out * (1 - out),
    "03.4": _delta,
    "05.2": lambda w, grad, eta: w - eta * grad,
}


def _right_answers():
    return {"00.1": _weight("h2", "o1"), **_right_numbers(), **RIGHT_FUNCTIONS}


def _mistakes():
    """(exercise, wrong answer, a piece of that mistake's own hint)."""
    q = quantities()
    right = _right_numbers()
    i1, t1, t2 = exercises.OTHER_I1, exercises.OTHER_TARGET_O1, exercises.OTHER_TARGET_O2
    d1, d2 = _delta(q["out_o1"], q["target_o1"]), _delta(q["out_o2"], q["target_o2"])
    d1_other, d2_other = _delta(q["out_o1"], t1), _delta(q["out_o2"], t2)
    slope_h2 = q["out_h2"] * (1 - q["out_h2"])
    w6_new, w8_new = q["w6"] - q["eta"] * d1 * q["out_h2"], q["w8"] - q["eta"] * d2_other * q["out_h2"]
    rate = exercises.OTHER_RATE
    output_first = step(article_network(), INPUTS, TARGETS, rate, order="output_first")
    with_biases = step(article_network(), INPUTS, TARGETS, rate, update_biases=True)
    weights = [w for w in PARAMETERS if w.startswith("w")]
    after_net = article_network(**{w: q[f"{w}_new"] for w in weights})
    after = forward(after_net, INPUTS, TARGETS)
    a1, a2 = (_delta(after.outputs[0][k], TARGETS[k]) for k in range(2))
    two_roads = "two roads, through o1 and o2: add both"
    copied = "that is the value printed above"
    s = exercises.FIRST_ORDER_STEP  # notebook 07
    g2 = sum(q[f"dE_dw{k}"] ** 2 for k in range(1, 9))
    net_h2 = right["01.1"]
    h1, h2, _, _ = _forward_by_hand(q, i1, q["i2"])
    return [
        ("00.1", _weight("h1", "o2"), "numbered by the neuron they feed into"),
        ("00.1", _weight("h1", "o1"), "w5 comes from h1"),
        ("00.2", sum(kind == "weights" for kind, _, _ in PARAMETERS.values()), "biases are parameters too"),
        ("00.3", q[_weight("i1", "h2")], "w2 runs from i2 into h1"),
        ("01.1", q["w2"] * i1 + q["w4"] * q["i2"] + q["b1"], "w3 runs from i1 into h2"),
        ("01.1", q["w3"] * i1 + q["w4"] * q["i2"], "add the bias b1"),
        ("01.1", 1 / (1 + math.exp(-net_h2)), "that is out_h2"),
        ("01.1", q["net_h2"], copied),
        ("01.2", q["w7"] * h1 + q["w8"] * h2 + q["b2"], "squash net_o2"),
        ("01.2", 1 / (1 + math.exp(-(q["w7"] * i1 + q["w8"] * q["i2"] + q["b2"]))), "out_h1 and out_h2, not i1"),
        ("01.2", q["out_o2"], copied),
        ("01.3", lambda net: 1 / (1 + math.exp(net)), "e to the minus net"),
        ("01.3", lambda net: 1 - 1 / (1 + math.exp(-net)), "e to the minus net"),
        ("02.1", (t2 - q["out_o2"]) ** 2, "factor 1/2"),
        ("02.1", t2 - q["out_o2"], "square the difference"),
        ("02.1", q["E_o2"], copied),
        ("02.2", 0.5 * (exercises.NEW_TARGET_O1 - q["out_o1"]) ** 2, "sums the errors of both outputs"),
        ("02.2", q["E_total"], "recompute E_o1 with the new target"),
        ("02.3", lambda out, target: (target - out) ** 2, "factor 1/2"),
        ("03.1", -right["03.1"], "check the sign"),
        ("03.1", d1_other * q["out_h1"], "w6 comes from h2"),
        ("03.1", (q["out_o1"] - t1) * q["net_o1"] * (1 - q["net_o1"]) * q["out_h2"], "not net"),
        ("03.1", q["dE_dw6"], copied),
        ("03.2", q["w6"] - right["03.1"], "learning rate η"),
        ("03.2", q["w6"] + q["eta"] * right["03.1"], "step against the gradient"),
        ("03.2", q["w6_new"], copied),
        ("03.3", lambda out: out, "out(1 - out)"),
        ("03.3", lambda out: 1 - out, "out(1 - out)"),
        ("03.4", lambda out, target: (target - out) * out * (1 - out), "check the sign"),
        ("03.4", lambda out, target: out - target, "multiply by the slope"),
        ("04.1", d1 * q["w6"], two_roads),
        ("04.1", d2_other * q["w8"], two_roads),
        ("04.1", d1 * w6_new + d2_other * w8_new, "use the original weights"),
        ("04.1", d1 * q["w5"] + d2_other * q["w7"], "through w6 and w8"),
        ("04.1", q["dE_dout_h2"], copied),
        ("04.2", right["04.1"] * slope_h2 * q["i2"], "w3 runs from i1 into h2"),
        ("04.2", d1 * q["w6"] * slope_h2 * q["i1"], two_roads),
        ("04.2", d2_other * q["w8"] * slope_h2 * q["i1"], two_roads),
        ("04.2", (d1 * w6_new + d2_other * w8_new) * slope_h2 * q["i1"], "use the original weights"),
        ("04.2", -right["04.2"], "check the sign"),
        ("04.2", q["dE_dw3"], copied),
        ("04.3", q["w4"] - right["04.2"] / q["i1"] * q["i2"], "learning rate η"),
        ("04.3", q["w4"] + q["eta"] * right["04.2"] / q["i1"] * q["i2"], "step against the gradient"),
        ("04.3", q["w4_new"], copied),
        ("05.1", float(forward(output_first, INPUTS, TARGETS).total), "original w5..w8, before updating"),
        ("05.1", q["E_total"], "forward pass again"),
        ("05.1", float(forward(with_biases, INPUTS, TARGETS).total), "keeps the biases b1, b2 fixed"),
        ("05.1", q["E_total_new"], copied),
        ("05.2", lambda w, grad, eta: w + eta * grad, "step against the gradient"),
        ("05.2", lambda w, grad, eta: w - grad, "multiply by η"),
        ("05.3", a1, "collects both deltas"),
        ("05.3", a2, "collects both deltas"),
        ("05.3", a1 * _sigmoid(sum(q[f"{w}_new"] * x for w, x in zip(("w1", "w2"), INPUTS)) + q["b1"]),
         "input is always 1"),
        ("05.3", d1 + d2, "before the update"),
        ("07.1", right["07.1"] / 2, "add, don't average"),
        ("07.1", q["dE_dw1"], "add the mirrored one's gradient"),
        ("07.1", right["07.1"] - q["dE_dw1"], "add the article's one's gradient"),
        ("07.2", q["dE_dw7"], "the slope cancels: delta_o2 = out - target"),
        ("07.2", (q["out_o2"] - q["target_o2"]) / (q["out_o2"] * (1 - q["out_o2"])) * q["out_h1"],
         "multiply dE/dout_o2 by the slope"),
        ("07.2", (q["out_o2"] - q["target_o2"]) * q["out_h2"], "w7 comes from h1"),
        ("07.2", -right["07.2"], "delta_o2 = out_o2 - target_o2"),
        ("07.3", q["E_total"] - s * sum(q[f"dE_dw{k}"] for k in range(1, 9)), "square each gradient"),
        ("07.3", q["E_total"] - q["eta"] * g2, "not the article's learning rate"),
        ("07.3", q["E_total"] - s * (g2 + q["dE_db1"] ** 2 + q["dE_db2"] ** 2), "the biases stay fixed"),
        ("07.3", q["E_total"] + s * g2, "lowers E"),
        ("07.3", s * g2, "the predicted drop"),
        ("07.3", float(train(article_network(), INPUTS, TARGETS, s, 1).errors[1]), "the error after the real step"),
        *_mistakes_06(q),
    ]


def _mistakes_06(q):
    """Notebook 06's exercises: a published page's own figures, and the usual slips."""
    sg, f = _sghosh_by_hand(target=exercises.OTHER_SGHOSH_TARGET), _fiqlab_by_hand()
    page = {p.ours: float(p.printed) for p in SGHOSH.printed}
    return [
        ("06.1", page["dE_dw2"], "that is the page's"),
        ("06.1", _sghosh_by_hand()["dE_dw2"], "that is the page's"),
        ("06.1", sg["dE_dout"] * SGHOSH.inputs[1], "the sigmoid's slope"),
        ("06.1", sg["dE_dw1"], "w12 carries x2"),
        ("06.1", -sg["dE_dw2"], "check the sign"),
        ("06.2", q["dE_dw1"], "that is the article's"),
        ("06.2", f["d_o"] * f["w5"] * f["i1"], "h1's slope"),
        ("06.2", f["d_o"] * f["w6"] * f["slope_h1"] * f["i1"], "runs through w5"),
        ("06.2", f["d_o"] * f["w5"] * f["slope_h1"] * f["i2"], "w1 carries i1"),
        ("06.3", _sghosh_by_hand()["E"], "run the forward pass again"),
        ("06.3", _sghosh_by_hand(update_bias=False)["E_new"], "the page updates b too"),
    ]


def _raises(*args):
    raise ZeroDivisionError("float division by zero")


def _wrong_parameters(a, b, c, d):
    return 0.0


GARBAGE = [  # [[1]] was here: it is one number now, and gets a verdict on its value (test_checker.py)
    "abc", None, [1, 2], float("nan"), float("inf"), True, object(), _raises,
    lambda *args: "0.5", lambda *args: float("nan"), _wrong_parameters, lambda *args: [1, 2],
    np.array([1.0, 2.0]), np.bool_(True), 1 + 2j, 10**400, {"w6": 1},
]


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_the_right_answer_is_right(exercise_id):
    fb = _fb(exercise_id, _right_answers()[exercise_id])
    assert (fb.verdict, fb.right) == ("right", True), repr(fb)
    assert len(fb.lines) == 1 or EXERCISES[exercise_id].kind == "function"
    if EXERCISES[exercise_id].kind != "name":
        assert "to 6 significant digits" in _text(fb)


def test_what_a_right_answer_looks_like():
    assert repr(check("03.1", _right_numbers()["03.1"])) == "✔ 03.1 right: dE_dw6, to 6 significant digits"
    assert repr(check("00.1", "  W6 ")) == "✔ 00.1 right: the weight from h2 to o1 is w6"
    assert repr(check("03.4", _delta)) == ("✔ 03.4 right: delta agrees with the core on 25\n"
                                           "  random networks, to 6 significant digits")


@pytest.mark.parametrize("exercise_id, answer, hint", _mistakes(),
                         ids=[f"{m[0]}-{i}" for i, m in enumerate(_mistakes())])
def test_a_typical_mistake_gets_its_own_hint(exercise_id, answer, hint):
    fb = _fb(exercise_id, answer)
    assert fb.verdict == "wrong" and repr(fb).startswith(f"✘ {exercise_id} not yet: ")
    own = [h for _, h in EXERCISES[exercise_id].mistakes if hint in h]
    assert own and any(f"not yet: {h}" in _text(fb) for h in own), repr(fb)  # whole, not cut short
    assert EXERCISES[exercise_id].hint not in _text(fb)


def test_the_sign_mistake_reads_as_in_the_notebook():
    assert repr(check("03.1", -_right_numbers()["03.1"])) == ("✘ 03.1 not yet: check the sign: dE/dout_o1 =\n"
                                                              "  -(target_o1 - out_o1)")


def test_every_exercise_has_a_test_of_each_of_its_mistakes():
    tested = {}
    for exercise_id, _, hint in _mistakes():
        tested.setdefault(exercise_id, set()).add(hint)
    for exercise in EXERCISES.values():
        for _, hint in exercise.mistakes:
            assert any(piece in hint for piece in tested.get(exercise.id, ())), (exercise.id, hint)


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_any_other_wrong_answer_gets_the_general_hint(exercise_id):
    kind = EXERCISES[exercise_id].kind
    if kind == "number":
        answer = _right_answers()[exercise_id] * 1.1 + 0.01
    else:
        answer = "b1" if kind == "name" else lambda *args: 0.123
    fb = _fb(exercise_id, answer)
    assert fb.verdict == "wrong" and f"not yet: {EXERCISES[exercise_id].hint}" in _text(fb), repr(fb)


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
@pytest.mark.parametrize("answer", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_is_wrong_and_says_what_was_expected(exercise_id, answer):
    fb = _fb(exercise_id, answer)
    assert fb.verdict == "wrong"
    assert "expected" in _text(fb) or "your function raised" in _text(fb), repr(fb)


def test_garbage_messages_name_what_came_instead():
    messages = [
        ("03.1", "abc", "✘ 03.1 expected one number, got a str 'abc'"),
        ("03.1", None, "✘ 03.1 expected one number, got None"),
        ("03.1", [1, 2], "✘ 03.1 expected one number, got a list [1, 2]"),
        ("03.1", float("nan"), "✘ 03.1 expected a finite number, got nan"),
        ("03.1", True, "✘ 03.1 expected one number, got a bool True"),
        ("03.1", object(), "✘ 03.1 expected one number, got an object"),
        ("03.1", _raises, "✘ 03.1 expected one number, got a function"),
        ("03.1", "0.08", "✘ 03.1 expected one number, got a str '0.08': drop the quotes"),
        ("03.4", 0.5, "✘ 03.4 expected a function of (out, target), got 0.5"),
        ("03.4", _wrong_parameters, "✘ 03.4 expected a function of (out, target), got one of (a, b, c, d)"),
        ("03.4", lambda out, target: "x", "your function returned a str 'x' for out="),
        ("03.4", lambda out, target: float("nan"), "expected a finite number"),
        ("03.4", lambda out, target: None, "is a return missing?"),
        ("03.4", lambda out, target: [1, 2], "returned a list [1, 2] for out="),  # [1] is one number now
        ("03.4", _raises, "✘ 03.4 your function raised ZeroDivisionError: float division by zero when called with out="),
        ("00.1", 6, "✘ 00.1 expected a name in quotes, one of w1, w2"),
        ("00.1", "w9", "got a str 'w9'"),
    ]
    for exercise_id, answer, message in messages:
        assert message in _text(_fb(exercise_id, answer)), (exercise_id, answer)


def test_numbers_in_numpy_clothes_are_numbers():
    right = _right_numbers()["03.1"]
    for answer in (np.float64(right), np.float32(right), np.array(right), np.array([right]), np.array([[right]])):
        assert check("03.1", answer).right, answer
    assert check("00.2", np.int64(len(PARAMETERS))).right
    assert check("01.3", lambda net: np.float64(1 / (1 + np.exp(-net)))).right


def test_the_tolerance_is_six_significant_digits():
    # the rule itself and its boundary: test_checker.py; here, that every exercise goes by it
    right = _right_numbers()["03.1"]
    step = 10.0 ** (math.floor(math.log10(abs(right))) - 5)  # one unit in the 6th significant digit
    assert check("03.1", right + 0.9 * step).right and check("03.1", right - 0.9 * step).right
    assert not check("03.1", right + 1.1 * step).right and not check("03.1", right - 1.1 * step).right
    assert "to 6 significant digits" in exercises.__doc__ and "one unit in the 6th significant digit" in checker.__doc__


def test_functions_are_called_with_plain_floats_one_case_at_a_time():
    def only_floats(net):
        if type(net) is not float:  # a learner's code may loop or fail on anything else
            raise TypeError(f"got a {type(net).__name__}")
        return 1 / (1 + math.exp(-net))

    assert check("01.3", only_floats).right
    assert check("01.3", math.exp).verdict == "wrong"
    assert check("01.3", np.exp).verdict == "wrong"  # a ufunc: no signature to read
    assert check("01.3", float).verdict == "wrong"


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_ellipsis_is_not_answered_yet(exercise_id):
    fb = _fb(exercise_id, ...)
    assert fb.verdict == "unanswered" and not fb.right
    assert repr(fb) == f"… {exercise_id} not answered yet: replace ... by your answer"
    if EXERCISES[exercise_id].kind == "function":
        def stub(*args):
            return ...

        assert repr(_fb(exercise_id, stub)) == repr(fb)


def test_an_unknown_exercise_is_the_authors_error():
    with pytest.raises(ValueError, match=r"^exercise: expected one of '00\.1', '00\.2', .*got '9\.9'$"):
        check("9.9", 1.0)


def test_feedback_is_a_frozen_value():
    fb = check("03.1", ...)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fb.verdict = "right"
    assert fb == check("03.1", ...)


def test_the_registry_covers_every_notebook():
    ids = list(EXERCISES)
    assert ids == sorted(ids)
    for section in ("00", "01", "02", "03", "04", "05"):
        assert sum(i.startswith(f"{section}.") for i in ids) >= 3, section
    case_keys = set(exercises.random_cases()[0])
    for exercise in EXERCISES.values():
        assert exercise.kind in ("number", "function", "name")
        assert exercise.question and exercise.hint and exercise.label
        assert len(exercise.question) <= 52, exercise.question  # printable in a notebook's column
        assert bool(exercise.params) == (exercise.kind == "function")
        assert set(exercise.params) <= case_keys


def test_expected_answers_follow_the_articles_start_weights(monkeypatch):
    before = _right_numbers()
    changed = {"w2": article.START["w2"] + 0.1, "w6": article.START["w6"] - 0.2}
    monkeypatch.setattr(article, "START", MappingProxyType({**article.START, **changed}))
    after = _right_numbers()
    for exercise_id in ("00.3", "03.1", "03.2", "04.2", "05.1"):
        assert after[exercise_id] != pytest.approx(before[exercise_id], rel=1e-6), exercise_id
        assert not check(exercise_id, before[exercise_id]).right, exercise_id
        assert check(exercise_id, after[exercise_id]).right, exercise_id


def test_expected_answers_follow_the_cores_logistic(monkeypatch):
    before = _right_numbers()["01.2"]
    monkeypatch.setattr(Logistic, "__call__", lambda self, net: 1 / (1 + np.exp(-2 * net)))
    after = quantities(inputs=(exercises.OTHER_I1, INPUTS[1]))["out_o2"]
    assert after != pytest.approx(before, rel=1e-6)
    assert not check("01.2", before).right and check("01.2", after).right
    assert not check("01.3", RIGHT_FUNCTIONS["01.3"]).right  # the cases come from the core too


def test_a_wrong_core_slope_turns_the_right_answers_red(monkeypatch):
    right = _right_answers()
    monkeypatch.setattr(Logistic, "derivative", lambda self, net, out: out * (1 + out))
    for exercise_id in ("03.1", "03.3", "03.4", "04.1", "04.2", "05.3"):
        assert check(exercise_id, right[exercise_id]).verdict == "wrong", exercise_id


def test_the_right_answer_wins_over_a_mistake_that_coincides_with_it(monkeypatch):
    monkeypatch.setattr(article, "START", MappingProxyType({**article.START, "b1": 0.0}))
    q = quantities()
    assert check("01.1", q["w3"] * exercises.OTHER_I1 + q["w4"] * q["i2"]).right  # "no bias" is right here
    # a mistake within the tolerance of the right answer never fires, even for an answer near it
    # (the tolerance was 5e-7 relative; it is one unit in the 6th significant digit, 1e-5 for 1.0)
    near = Exercise("99.1", "number", "?", "x", lambda q: 1.0, "GENERAL", ((lambda q: 1.0 + 4e-6, "MISTAKE"),))
    monkeypatch.setattr(exercises, "EXERCISES", {**EXERCISES, "99.1": near})
    assert check("99.1", 1.0).right and check("99.1", 1.0 + 4e-6).right
    assert _text(check("99.1", 1.0 + 1.2e-5)).startswith("✘ 99.1 close: right to 5 significant digits")


@pytest.mark.parametrize("module", [exercises, checker], ids=lambda m: m.__name__)
def test_no_article_setting_is_typed_into_the_module(module):
    source = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    literals = [node.value for node in ast.walk(source)
                if isinstance(node, ast.Constant) and type(node.value) in (int, float)]
    settings = set(ARTICLE_SETTINGS.values())
    # the one exception: exercise 02.2's "what if target_o1 were 0.5", which happens to equal eta
    assert [v for v in literals if v in settings] == ([exercises.NEW_TARGET_O1] if module is exercises else [])


def test_notebook_06_has_its_exercises_on_published_pages():
    assert [i for i in EXERCISES if i.startswith("06.")] == ["06.1", "06.2", "06.3"]
    # each expected answer comes from the page's data through the core: change the data, the answer follows
    other = worked_example(SGHOSH.network(), SGHOSH.inputs, (exercises.OTHER_SGHOSH_TARGET,), SGHOSH.rate,
                           update_biases=SGHOSH.update_biases)
    assert check("06.1", other["dE_dw2"].value).right
    assert not check("06.1", SGHOSH.worked()["dE_dw2"].value).right  # printed in the notebook: for y = 1
    assert check("06.2", FIQLAB.worked()["dE_dw1"].value).right
    assert check("06.3", SGHOSH.worked()["E_total_new"].value).right
    assert not check("06.2", quantities()["dE_dw1"]).right  # the article's two roads are not fiqlab's one


# --- the precision rule on every number exercise (the rule itself: test_checker.py) ------------

NUMBER_IDS = [i for i, e in EXERCISES.items() if e.kind == "number"]


def _rounded(value, digits, rounding=ROUND_HALF_EVEN):
    """``value`` rounded to ``digits`` significant digits, the way a learner writes it down."""
    d = Decimal(repr(float(value)))
    return float(d.quantize(Decimal(1).scaleb(d.adjusted() - digits + 1), rounding=rounding))


def _mistake_hints(exercise_id):
    return [h for _, h in EXERCISES[exercise_id].mistakes]


@pytest.mark.parametrize("exercise_id", NUMBER_IDS)
def test_the_right_value_to_6_or_more_significant_digits_is_right_rounded_either_way(exercise_id):
    right = _right_numbers()[exercise_id]
    for digits in (6, 7, 9, 12):
        for rounding in (ROUND_HALF_EVEN, ROUND_FLOOR, ROUND_CEILING):
            answer = _rounded(right, digits, rounding)
            assert check(exercise_id, answer).right, (digits, rounding, answer)
            assert check(exercise_id, Decimal(repr(answer))).right and check(exercise_id, [answer]).right


def _printed(name):
    return float(article.PRINTED[name])


def _by_hand_from_the_articles_digits():
    """Exercises worked the way a reader with the article open works them: its printed values
    (nine decimals) where it prints one, every other step rounded to nine decimals."""
    r9 = functools.partial(round, ndigits=9)
    q = quantities()
    t1, t2, eta = exercises.OTHER_TARGET_O1, exercises.OTHER_TARGET_O2, q["eta"]
    out_o1, out_o2, out_h1, out_h2 = (_printed(n) for n in ("out_o1", "out_o2", "out_h1", "out_h2"))
    dE_dw6 = r9(r9(out_o1 - t1) * _printed("dout_o1_dnet_o1") * out_h2)
    delta_o2 = r9(r9(out_o2 - t2) * r9(out_o2 * (1 - out_o2)))
    dE_dout_h2 = r9(_printed("delta_o1") * q["w6"] + r9(delta_o2 * q["w8"]))
    delta_h2 = r9(dE_dout_h2 * r9(out_h2 * (1 - out_h2)))
    return {
        "02.1": r9(0.5 * (t2 - out_o2) ** 2),
        "02.2": r9(0.5 * (exercises.NEW_TARGET_O1 - out_o1) ** 2) + _printed("E_o2"),
        "03.1": dE_dw6,
        "03.2": r9(q["w6"] - eta * dE_dw6),
        "04.1": dE_dout_h2,
        "04.2": r9(delta_h2 * q["i1"]),
        "04.3": r9(q["w4"] - eta * r9(delta_h2 * q["i2"])),
        "07.2": r9(r9(out_o2 - q["target_o2"]) * out_h1),
    }


@pytest.mark.parametrize("exercise_id", sorted(_by_hand_from_the_articles_digits()))
def test_a_hand_calculation_carrying_the_articles_nine_digits_is_right(exercise_id):
    carried = _by_hand_from_the_articles_digits()[exercise_id]
    assert carried != _right_numbers()[exercise_id]  # the rounding along the way did change something
    for answer in (carried, _rounded(carried, 6), _rounded(carried, 6, ROUND_DOWN)):
        assert check(exercise_id, answer).right, answer


@pytest.mark.parametrize("exercise_id", NUMBER_IDS)
def test_values_near_the_right_one_never_get_a_misconception(exercise_id):
    right = _right_numbers()[exercise_id]
    near = [right * (1 + sign * 10.0 ** -j) for j in range(5, 13) for sign in (-1, 1)]  # right to 5 digits
    shorter = [_rounded(right, digits, rounding) for digits in range(1, 13)
               for rounding in (ROUND_HALF_EVEN, ROUND_FLOOR, ROUND_CEILING)]
    for answer in near + shorter:
        fb = check(exercise_id, answer)
        assert fb.verdict in ("right", "close"), (answer, repr(fb))
        assert not any(h in _text(fb) for h in _mistake_hints(exercise_id)), (answer, repr(fb))


@pytest.mark.parametrize("exercise_id", NUMBER_IDS)
def test_a_mistake_rounded_to_6_digits_still_gets_its_own_hint(exercise_id):
    for exercise_id_, answer, piece in _mistakes():
        if exercise_id_ == exercise_id:
            fb = check(exercise_id, _rounded(answer, 6))
            assert fb.verdict == "wrong" and piece in _text(fb), repr(fb)


@pytest.mark.parametrize("exercise_id", NUMBER_IDS)
def test_every_mistake_is_farther_from_the_right_value_than_5_significant_digits(exercise_id):
    # so that no answer agreeing with the right value to 5 digits can agree with a mistake to 6
    q, exercise = exercises.asked(exercise_id), EXERCISES[exercise_id]
    right = float(exercise.expected(q))
    for mistake, hint in exercise.mistakes:
        wrong = float(mistake(q))
        assert abs(wrong - right) > checker.unit(right, 5) + checker.unit(wrong, 6), hint


def test_the_issues_examples():
    # 05.1 asked for the value printed above it; 0.291028 is that value to 6 digits: a copy, not a misconception
    assert "printed above" in _text(check("05.1", 0.291028))
    assert check("05.1", _rounded(_right_numbers()["05.1"], 6)).right
    # 0.1004: dE_db2 before the update, to four digits; 05.3 asks for it after the update
    assert check("05.3", 0.1004).verdict == "wrong" and check("05.3", _rounded(_right_numbers()["05.3"], 6)).right
    # the right value to 2 digits is close, even where a mistake gives exactly that number
    near = Exercise("99.2", "number", "?", "x", lambda q: 0.3925, "GENERAL", ((lambda q: 0.39, "MIX-UP"),))
    assert repr(checker.verdict(near, 0.39, lambda: [None])).startswith("✘ 99.2 close: right to 2 significant")
    assert _text(checker.verdict(near, 0.390000, lambda: [None])) == _text(checker.verdict(near, 0.39, lambda: [None]))
    assert _text(checker.verdict(near, 0.3900001, lambda: [None])) == "✘ 99.2 not yet: MIX-UP"


# --- nothing printed on the page is the answer -------------------------------------------------

def test_each_exercise_that_asks_another_setting_says_which_and_catches_a_copy():
    page = exercises.Asked(exercises.settings_of(quantities()))
    for exercise_id, changes in ASKS.items():
        exercise = EXERCISES[exercise_id]
        assert exercise.kind == "number" and exercise_id not in exercises.READ_OFF_THE_PAGE
        assert changes and set(changes) <= set(ARTICLE_SETTINGS)
        for name, value in changes.items():
            assert value != ARTICLE_SETTINGS[name], (exercise_id, name)
        assert exercises.asking(exercise_id) in exercise.question and len(exercise.question) <= 52
        copied = float(exercise.expected(page))  # what the notebook prints, at the article's settings
        fb = check(exercise_id, copied)
        assert fb.verdict == "wrong" and exercise.hint not in _text(fb), repr(fb)


def test_an_exercise_is_computed_from_the_page_settings_it_is_given():
    # a student's own numbers later: the page's settings are a parameter, the exercise's change applies on top
    settings = {**ARTICLE_SETTINGS, "w6": 0.5, "i2": 0.2}
    asked = exercises.asked("03.1", settings)
    assert dict(asked.settings) == {**settings, **ASKS["03.1"]}
    net, inputs = article_network(w6=0.5), (settings["i1"], 0.2)
    other_target = (ASKS["03.1"]["target_o1"], settings["target_o2"])
    assert asked["dE_dw6"] == pytest.approx(quantities(net, inputs, other_target)["dE_dw6"], rel=1e-12)
    assert asked.page["dE_dw6"] == pytest.approx(quantities(net, inputs, TARGETS)["dE_dw6"], rel=1e-12)
    exercise = EXERCISES["03.1"]
    assert checker.verdict(exercise, asked["dE_dw6"], lambda: [asked]).right
    copied = checker.verdict(exercise, asked.page["dE_dw6"], lambda: [asked])
    assert "that is the value printed above" in _text(copied)
    assert not check("03.1", asked["dE_dw6"]).right  # the article's page asks about the article's settings
