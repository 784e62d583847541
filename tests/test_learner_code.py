"""Running a learner's code: anything it raises is an outcome, an endless loop is stopped (in the main
thread, as in a Jupyter kernel, where SIGALRM exists), a Ctrl-C still gets through, and whoever used
SIGALRM before gets their handler and timer back."""

import faulthandler
import signal
import threading
import time

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from bp_helpers import learner_code
from bp_helpers.learner_code import TimeLimit

HANG_GUARD = 120  # seconds: a stop that fails ends the test run with a traceback instead of hanging it


@pytest.fixture
def no_hang():
    faulthandler.dump_traceback_later(HANG_GUARD, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def _endless(*args):
    while True:
        pass


def _stubborn(*args):
    while True:
        try:
            while True:
                pass
        except Exception:  # noqa: BLE001, S110  # a learner's catch-all must not swallow the stop
            pass


class Boom(BaseException):
    """A learner's own BaseException."""


@pytest.mark.parametrize("code", [_endless, _stubborn, lambda: time.sleep(3600)], ids=["loop", "catch-all", "sleep"])
def test_code_that_does_not_return_is_stopped(code, no_hang):
    assert learner_code.can_stop()  # pytest runs tests in the main thread, as ipykernel runs cells
    outcome = TimeLimit(0.05).run(code)
    assert outcome.timed_out and not outcome.returned and outcome.raised is None


def test_one_budget_for_every_call_of_a_check(no_hang):
    calls = []
    limit = TimeLimit(0.05)
    assert limit.run(_endless).timed_out
    assert limit.run(calls.append, 1).timed_out and calls == []  # spent: not called at all


@pytest.mark.parametrize("exc", [SystemExit(3), GeneratorExit(), ZeroDivisionError("x"), Boom(), RecursionError(),
                                 StopIteration(), MemoryError()], ids=lambda e: type(e).__name__)
def test_whatever_the_code_raises_is_an_outcome(exc):
    def raising():
        raise exc

    outcome = TimeLimit().run(raising)
    assert outcome.raised is exc and not outcome.returned and not outcome.timed_out


def test_a_returned_value_is_the_outcome():
    outcome = TimeLimit().run(divmod, 7, 2)
    assert outcome.returned and outcome.value == (3, 1)


def test_ctrl_c_still_interrupts():
    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        TimeLimit().run(interrupted)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # and the alarm is off again


def test_the_previous_handler_and_timer_are_put_back():
    def theirs(signum, frame):
        raise AssertionError("their alarm went off during the test")

    before = signal.signal(signal.SIGALRM, theirs)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100, 7)
        assert TimeLimit().run(sum, [1, 2]).value == 3
        assert signal.getsignal(signal.SIGALRM) is theirs
        delay, interval = signal.getitimer(signal.ITIMER_REAL)
        assert 90 < delay <= 100 and interval == 7
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_a_timer_due_first_stops_the_code_then_fires(no_hang):
    fired = []
    before = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        assert TimeLimit(3600).run(_endless).timed_out
        while not fired:  # re-armed to fire at once: wait for that state (handled between instructions)
            pass
        assert fired == [signal.SIGALRM] and signal.getsignal(signal.SIGALRM) is not None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_no_limit_where_the_platform_does_not_allow_one(monkeypatch):
    results = []

    def in_a_thread():
        results.append((learner_code.can_stop(), TimeLimit(0.01).run(lambda: time.sleep(0.05) or "done")))

    worker = threading.Thread(target=in_a_thread)
    worker.start()
    worker.join()
    (stoppable, outcome), = results
    assert not stoppable and outcome.value == "done"  # ran past the budget: nothing could stop it
    monkeypatch.delattr(signal, "SIGALRM")
    assert not learner_code.can_stop() and TimeLimit().run(abs, -2).value == 2


def test_no_limit_when_sigalrm_is_handled_outside_python(monkeypatch):
    monkeypatch.setattr(signal, "getsignal", lambda signum: None)  # a handler Python could not put back
    assert not learner_code.can_stop()
    assert TimeLimit().run(abs, -2).value == 2


def test_an_endless_function_is_stopped_in_a_jupyter_kernel(tmp_path):
    cells = [
        ("import signal\nfrom bp_helpers import learner_code\nfrom bp_helpers.exercises import check\n"
         "learner_code.TIME_LIMIT = 0.5\nbefore = signal.getsignal(signal.SIGALRM)"),
        "def logistic(net):\n    while True:\n        pass\n\ncheck('01.3', logistic)",
        "print(signal.getsignal(signal.SIGALRM) is before, signal.getitimer(signal.ITIMER_REAL))",
    ]
    nb = new_notebook(cells=[new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", timeout=HANG_GUARD, resources={"metadata": {"path": str(tmp_path)}}
                   ).execute()
    verdict = nb.cells[1].outputs[0]["data"]["text/plain"]
    assert verdict.startswith("✘ 01.3 your function did not return within 0.5 s"), verdict
    assert "an endless loop?" in verdict
    restored = nb.cells[2].outputs[0]["text"]
    assert restored == "True (0.0, 0.0)\n", restored  # the kernel's handler back, no timer left behind
    assert nbformat.validate(nb) is None
