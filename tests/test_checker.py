"""The checker's machinery: the precision rule and its exact boundary, the close reply, every
one-number form, and hostile answers (a property test over random ones): a verdict every time,
never a traceback, never a hang. (The exercise table: test_exercises.py.)"""

import faulthandler
import math
import sys
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bp_helpers import checker, exercises, learner_code
from bp_helpers.checker import Exercise, Feedback, agreement, agrees, rounds_to, unit, written_digits
from bp_helpers.exercises import EXERCISES, check

HANG_GUARD = 300  # seconds: a hang ends the run with a traceback instead of stalling it
RIGHT_03_1 = float(EXERCISES["03.1"].expected(exercises.asked("03.1")))


@pytest.fixture
def short_limit(monkeypatch):
    """Learner code that never returns is stopped after 0.05 s, and a hang cannot stall the run."""
    monkeypatch.setattr(learner_code, "TIME_LIMIT", 0.05)
    faulthandler.dump_traceback_later(HANG_GUARD, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def _text(fb):
    return " ".join(repr(fb).split())


def _one(expected, *mistakes, hint="GENERAL"):
    """A one-number exercise expecting ``expected``, with mistakes giving the given values."""
    return Exercise("99.1", "number", "?", "x", lambda q: expected, hint,
                    tuple((lambda q, m=m: m, f"MISTAKE {m}") for m in mistakes))


def _verdict(exercise, answer):
    fb = checker.verdict(exercise, answer, lambda: [None])
    assert isinstance(fb, Feedback) and 1 <= len(fb.lines) <= 3 and all(len(line) <= 52 for line in fb.lines)
    return fb


# --- the precision rule ------------------------------------------------------------------------

def test_a_unit_in_the_6th_significant_digit():
    assert unit(0.3925) == Decimal("1e-6") and unit(-0.00542315) == Decimal("1e-8")
    assert unit(10) == Decimal("1e-4") and unit(0.1) == Decimal("1e-6") and unit(0.0999999) == Decimal("1e-7")
    assert unit(123456.7, 3) == Decimal(1000)


def test_the_boundary_is_one_unit_exactly():
    # an expected value with 6 digits or fewer: one unit either side, compared as the decimals typed
    assert agrees(0.392501, 0.3925) and agrees(0.392499, 0.3925)
    assert not agrees(0.3925011, 0.3925) and not agrees(0.3924989, 0.3925)
    # between two 6-digit neighbours: both are right, the next ones out are not
    assert agrees(0.123456, 0.1234564) and agrees(0.123457, 0.1234564)
    assert not agrees(0.123455, 0.1234564) and not agrees(0.123458, 0.1234564)
    # negative values, and across a power of ten
    assert agrees(-0.00542316, -0.005423154) and not agrees(0.00542315, -0.005423154)
    assert agrees(0.1, 0.0999999) and not agrees(0.1000001, 0.0999999)
    assert agrees(0.099999, 0.1) and not agrees(0.0999989, 0.1)
    # an expected 0 has no significant digits
    assert agrees(1e-13, 0.0) and not agrees(1e-11, 0.0)


def test_the_rule_in_digits():
    assert [agreement(a, 0.3925) for a in (0.3925, 0.392501, 0.39251, 0.3926, 0.392, 0.385, 0.3, 0.2, -0.3925)] == \
        [6, 6, 5, 4, 3, 2, 1, 0, 0]
    assert written_digits(0.39) == 2 and written_digits(10.0) == 1 and written_digits(0.3925) == 4
    assert rounds_to(0.39, 0.3925, 2) and rounds_to(0.4, 0.3925, 2) and not rounds_to(0.38, 0.3925, 2)
    assert rounds_to(0.3, 0.3925, 1) and rounds_to(0.4, 0.3925, 1) and not rounds_to(9, 10, 1)


def test_the_rule_is_stated_where_it_is_kept_and_where_it_is_shown():
    assert "one unit in the 6th significant digit of the expected value" in " ".join(checker.__doc__.split())
    assert checker.DIGITS == 6 and checker.right_to_digits("x") == "right: x, to 6 significant digits"
    assert "rounding either way" in checker.__doc__


# --- right, close, a mistake, wrong --------------------------------------------------------------

def test_close_answers_are_told_to_keep_more_digits():
    exercise = _one(0.3925)
    for answer, digits in ((0.39251, 5), (0.3926, 4), (0.392, 3), (0.39, 2), (0.4, 1)):
        fb = _verdict(exercise, answer)
        assert (fb.verdict, fb.right) == ("close", False), answer
        assert _text(fb) == (f"✘ 99.1 close: right to {digits} significant digit{'s' * (digits > 1)}, not 6: "
                             "keep more digits, don't round along the way"), answer
    # right to 2 digits but written with more: no rounding of the right value, so not close
    assert _text(_verdict(exercise, 0.3912)) == "✘ 99.1 not yet: GENERAL"
    assert _text(_verdict(_one(10), 9)) == "✘ 99.1 not yet: GENERAL"  # 9 is no rounding of 10


def test_a_mistake_fires_only_at_its_own_value_and_never_near_the_right_one():
    exercise = _one(0.3925, 0.39, 0.2990046, 0.3925004)
    assert _text(_verdict(exercise, 0.2990046)) == "✘ 99.1 not yet: MISTAKE 0.2990046"
    assert _text(_verdict(exercise, 0.299005)) == "✘ 99.1 not yet: MISTAKE 0.2990046"  # the mistake, to 6 digits
    assert _text(_verdict(exercise, 0.3900004)) == "✘ 99.1 not yet: MISTAKE 0.39"  # 7 digits: not a rounding
    assert _verdict(exercise, 0.39).verdict == "close"  # the right value to 2 digits, though the mistake is 0.39
    assert _verdict(exercise, 0.3925004).right  # a mistake that is right never fires
    assert _text(_verdict(exercise, 0.2990035)) == "✘ 99.1 not yet: GENERAL"


def test_a_function_is_judged_on_every_case():
    cases = [{"x": x} for x in (0.5, -2.0, 3.0)]
    exercise = Exercise("99.2", "function", "?", "double", lambda c: 2 * c["x"], "GENERAL",
                        ((lambda c: -2 * c["x"], "SIGN"),), ("x",))

    def judge(answer):
        return _text(checker.verdict(exercise, answer, lambda: cases))

    assert judge(lambda x: 2 * x).startswith("✔ 99.2 right: double agrees with the core on 3 random networks")
    assert judge(lambda x: 2 * x * (1 + 1e-6)) == judge(lambda x: 2 * x)
    assert judge(lambda x: -2 * x) == "✘ 99.2 not yet: SIGN"
    assert judge(lambda x: 2 * x * (1 + 3e-4)).startswith("✘ 99.2 close: right to 3 significant digits")
    assert judge(lambda x: 2 * x if x > 0 else -2 * x) == "✘ 99.2 not yet: GENERAL"  # a mistake on every case only


# --- one number, in any form ---------------------------------------------------------------------

def _forms(x):
    return [x, float(x), np.float64(x), np.float32(x), Decimal(repr(x)), Fraction(repr(x)), [x], (x,), [[x]],
            [np.float64(x)], np.array(x), np.array([x]), np.array([[x]]), np.array([x], dtype=object),
            complex(x, 0), np.complex128(x), [Decimal(repr(x))]]


@pytest.mark.parametrize("form", range(len(_forms(0.5))))
def test_one_number_in_any_form_is_read(form):
    answer = _forms(float(f"{RIGHT_03_1:.9g}"))[form]
    assert check("03.1", answer).right, repr(answer)
    assert check("01.3", lambda net, form=form: _forms(1 / (1 + math.exp(-net)))[form]).right
    assert check("00.2", _forms(len(exercises.PARAMETERS))[form]).right


def test_integers_in_any_form_count():
    for answer in (10, np.int64(10), np.uint8(10), Fraction(10), Decimal(10), [10], np.array([10]), 10.0):
        assert check("00.2", answer).right, repr(answer)


@pytest.mark.parametrize("answer, message", [
    ("abc", "expected one number, got a str 'abc'"),
    ("0.08", "expected one number, got a str '0.08': drop the quotes"),
    ([1, 2], "expected one number, got a list [1, 2]"),
    ([], "expected one number, got a list []"),
    ((), "expected one number, got a tuple ()"),
    (np.array([1.0, 2.0]), "expected one number, got an array of shape (2,)"),
    (np.array([], dtype=float), "expected one number, got an array of shape (0,)"),
    (np.array([True]), "expected one number, got an array of shape (1,)"),
    (np.array(["0.1"]), "expected one number, got an array of shape (1,)"),
    (True, "expected one number, got a bool True"),
    (np.bool_(False), "expected one number, got a bool"),
    (1 + 2j, "expected one number, got a complex (1+2j)"),
    (b"0.1", "expected one number, got a bytes b'0.1'"),
    ({0.1}, "expected one number, got a set {0.1}"),
    (None, "expected one number, got None"),
    (float("nan"), "expected a finite number, got nan"),
    (Decimal("NaN"), "expected a finite number, got a Decimal Decimal('NaN')"),
    (Decimal("sNaN"), "expected a finite number, got a Decimal Decimal('sNaN')"),
    (Decimal("-Infinity"), "expected a finite number"),
    (Fraction(10**400), "expected a finite number, got a Fraction"),
    (10**400, "expected a finite number, got an int"),
    ([[[[[[[[[[[0.1]]]]]]]]]]], "expected one number, got a list"),
], ids=lambda v: repr(v)[:20])
def test_anything_else_is_told_what_was_expected(answer, message):
    fb = check("03.1", answer)
    assert fb.verdict == "wrong" and _text(fb).startswith(f"✘ 03.1 {message}"), repr(fb)


def test_a_list_that_contains_itself_is_no_number():
    endless = []
    endless.append(endless)
    assert _text(check("03.1", endless)).startswith("✘ 03.1 expected one number, got a list [[[")


# --- hostile answers -----------------------------------------------------------------------------

class FloatRaises(float):
    def __float__(self):
        raise RuntimeError("no")


class FloatLoops:
    def __float__(self):
        while True:
            pass


class FloatExits:
    def __float__(self):
        raise SystemExit


class ReprRaises:
    def __repr__(self):
        raise ValueError("no repr")


class ReprExits:
    def __repr__(self):
        raise SystemExit(1)


class ReprLoops:
    def __repr__(self):
        while True:
            pass


class ClassRaises:
    @property
    def __class__(self):
        raise RuntimeError("no class")


class SignatureRaises:
    @property
    def __signature__(self):
        raise RuntimeError("no signature")

    def __call__(self, net):
        return 1 / (1 + math.exp(-net))


class SignatureLoops:
    @property
    def __signature__(self):
        while True:
            pass

    def __call__(self, *args):
        return 0.5


class StrRaises(Exception):
    def __str__(self):
        raise RuntimeError("no str")


class LenRaises(list):
    def __len__(self):
        raise RuntimeError("no len")


class NameLike(str):
    def strip(self, *args):
        raise RuntimeError("no strip")

    def __eq__(self, other):
        raise RuntimeError("no eq")

    __hash__ = str.__hash__


def _exits(*args):
    sys.exit("bye")


def _raises_unprintable(*args):
    raise StrRaises


def _recurses(*args):
    return _recurses(*args)


def _loops(*args):
    while True:
        pass


def _returns_loop(*args):
    return FloatLoops()


def _generator(*args):
    yield 0.5


def _keyword_only(*, net):
    return net


HOSTILE = [FloatRaises(0.1), FloatLoops(), FloatExits(), ReprRaises(), ReprExits(), ReprLoops(), ClassRaises(),
           SignatureRaises(), SignatureLoops(), LenRaises([0.1]), NameLike("w6"), _exits, _raises_unprintable,
           _recurses, _loops, _returns_loop, _generator, _keyword_only, FloatLoops, lambda *a: ReprLoops(),
           lambda *a: FloatExits(), lambda *a: [FloatRaises(0.1)]]


@pytest.mark.parametrize("exercise_id", ["00.1", "03.1", "01.3", "03.4"])
@pytest.mark.parametrize("index", range(len(HOSTILE)), ids=[type(a).__name__ if type(a).__name__ != "function"
                                                              else a.__name__ for a in HOSTILE])
def test_a_hostile_answer_gets_a_verdict(exercise_id, index, short_limit):
    fb = check(exercise_id, HOSTILE[index])  # by index: pytest itself would trip over some of them
    assert fb.verdict in ("wrong", "right") and 1 <= len(fb.lines) <= 3, repr(fb)


def test_what_hostile_answers_are_told():
    # the default time limit: a stalled machine must not turn a quick answer into "did not return"
    assert _text(check("01.3", _exits)).startswith("✘ 01.3 your function raised SystemExit: bye when called with "
                                                    "net=")
    assert "your function raised StrRaises when called" in _text(check("01.3", _raises_unprintable))
    assert "your function raised RecursionError" in _text(check("01.3", _recurses))
    assert check("01.3", SignatureRaises()).right  # no signature to read: called, and it is right
    assert _text(check("03.1", ReprRaises())) == "✘ 03.1 expected one number, got a ReprRaises"
    assert "your function returned a generator" in _text(check("01.3", _generator))
    assert _text(check("01.3", _keyword_only)) == "✘ 01.3 expected a function of (net), got one of (*, net)"
    assert _text(check("00.1", NameLike("w6"))) == "✔ 00.1 right: the weight from h2 to o1 is w6"


def test_what_answers_that_never_finish_are_told(short_limit):
    assert _text(check("01.3", _loops)).startswith("✘ 01.3 your function did not return within 0.05 s for net=")
    assert _text(check("01.3", _loops)).endswith(": an endless loop?")
    assert "did not return within 0.05 s" in _text(check("01.3", SignatureLoops()))
    assert _text(check("03.1", FloatLoops())).startswith("✘ 03.1 expected one number, got ")
    assert _text(check("03.1", ReprLoops())) == "✘ 03.1 expected one number, got an answer that cannot be shown"


def test_ctrl_c_in_the_learners_function_still_interrupts():
    def interrupted(net):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check("01.3", interrupted)


# --- a property test: random answers, a verdict every time ---------------------------------------

# By index: hypothesis shows its strategies, and some of these cannot be shown. Not ClassRaises:
# hypothesis itself asks the generated objects for their class (test_a_hostile_answer_gets_a_verdict has it).
_IN_PROPERTY_TEST = [i for i, a in enumerate(HOSTILE) if type(a) is not ClassRaises]


def _hostile(index):
    return HOSTILE[index]


_NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**30, 10**400),
                     st.decimals(allow_nan=True), st.fractions(), st.complex_numbers(), st.booleans())
_LEAVES = st.one_of(_NUMBERS, st.text(max_size=8), st.none(), st.binary(max_size=4),
                    _NUMBERS.map(lambda x: np.array(x) if not isinstance(x, (Decimal, Fraction, int)) else [x]),
                    st.sampled_from(_IN_PROPERTY_TEST).map(_hostile))
_ANSWERS = st.recursive(_LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.lists(inner, max_size=3).map(tuple),
                                                         st.dictionaries(st.text(max_size=3), inner, max_size=2)),
                        max_leaves=6)


def _function_returning(value, arity):
    def answer(*args):
        if len(args) != arity:
            raise TypeError("wrong number of arguments")
        if isinstance(value, BaseException):
            raise value
        return value
    return answer


_FUNCTIONS = st.builds(_function_returning, st.one_of(_ANSWERS, st.sampled_from(
    [SystemExit(), ValueError("v"), StrRaises(), GeneratorExit(), ArithmeticError()])), st.integers(0, 3))


@settings(max_examples=150, deadline=None)
@given(exercise_id=st.sampled_from(list(EXERCISES)), answer=st.one_of(_ANSWERS, _FUNCTIONS))
def test_any_answer_gets_a_verdict_and_no_traceback(exercise_id, answer):
    saved = learner_code.TIME_LIMIT
    learner_code.TIME_LIMIT = 0.05  # a hostile answer that loops is stopped quickly
    faulthandler.dump_traceback_later(HANG_GUARD, exit=True)
    try:
        fb = check(exercise_id, answer)
    finally:
        faulthandler.cancel_dump_traceback_later()
        learner_code.TIME_LIMIT = saved
    assert isinstance(fb, Feedback) and fb.exercise == exercise_id
    assert fb.verdict in ("right", "close", "wrong", "unanswered")
    assert 1 <= len(fb.lines) <= 3 and all(len(line) <= 52 for line in fb.lines), repr(fb)
