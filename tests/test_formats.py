"""One way of writing each kind of number, and counts with their plurals."""

import pytest

from bp_helpers.formats import count, number, setting, short


@pytest.mark.parametrize("value, shown", [
    (0.298371108760, "0.298371109"), (0.3775, "0.3775"), (-0.019049118258, "-0.019049118"), (1.0, "1"),
    (0.0, "0"), (-0.0, "0"), (3.5101877830e-05, "3.51018778e-05"), (-2e-7, "-2e-07"), (12345.678, "12345.678"),
])
def test_number_writes_nine_decimals_or_nine_significant_digits_when_small(value, shown):
    assert number(value) == shown


def test_short_and_setting():
    assert short(0.5932699921) == "0.5933"
    assert short(1.1059059, 6) == "1.10591"
    assert short(3.5e-9) == "3.5e-09"
    assert short(0) == "0"
    assert setting(0.15) == "0.15" and setting(-5) == "-5.00" and setting(0.001234) == "0.00123"
    # two decimals from 0.005 up to 10,000; beyond, three significant digits
    assert setting(0.005) == "0.01" and setting(9999.5) == "9999.50"
    assert setting(10_000) == "10000" and setting(-12_345.6) == "-12300"
    assert short(12_345.6) == "12350" and short(999_999.0) == "1000000" and short(1e6) == "1.0e+06"


def test_count_says_one_update_and_many_updates():
    assert count(1, "update") == "1 update"
    assert count(0, "update") == "0 updates"
    assert count(10_000, "update") == "10,000 updates"


@pytest.mark.parametrize("call, error, message", [
    (lambda: number("0.1"), TypeError, "value: expected a number"),
    (lambda: number(float("nan")), ValueError, "value: expected a finite number"),
    (lambda: short(0.1, 0), ValueError, "digits: expected a whole number >= 1"),
    (lambda: count(-1, "update"), ValueError, "n: expected a whole number >= 0"),
    (lambda: count(2, ""), TypeError, "noun: expected a word"),
])
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
