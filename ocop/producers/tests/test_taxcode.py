"""Tax / registration numbers: the check digit against real published numbers, and the rules."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop.core.errors import DomainError
from ocop.producers import taxcode
from ocop.producers.validation import personal_id_clean, tax_code_clean

# Published tax numbers of well-known enterprises (company websites, national business
# registration portal): the check-digit rule must accept every one of them.
REAL_NUMBERS = [
    "0300588569",  # Vinamilk
    "0100109106",  # Viettel
    "0101248141",  # FPT
    "0100684378",  # VNPT
    "0100112437",  # Vietcombank
    "0100107370",  # Petrolimex
    "0303576603",  # Masan Group
    "0900189284",  # Hoà Phát
    "0101245486",  # Vingroup
]


@pytest.mark.parametrize("number", REAL_NUMBERS)
def test_real_numbers_pass_the_check_digit(number):
    assert taxcode.classify(number) == taxcode.TaxCodeKind.ENTERPRISE


@pytest.mark.parametrize("number", REAL_NUMBERS)
def test_changing_the_last_digit_breaks_the_check(number):
    wrong = number[:9] + str((int(number[9]) + 1) % 10)
    assert taxcode.classify(wrong) == taxcode.TaxCodeError("check_digit")


def test_check_digit_by_hand():
    # 0300588569: 0·31+3·29+0·23+0·19+5·17+8·13+8·7+5·5+6·3 = 375; 375 mod 11 = 1; 10-1 = 9
    assert taxcode.check_digit("030058856") == 9


def test_a_sum_giving_ten_is_never_a_valid_number():
    # 000000001: 1·3 = 3 → 10 - 3 = 7; 100000000: 31 → 31 mod 11 = 9 → 1;
    # 000000000: 0 mod 11 = 0 → 10, never issued.
    assert taxcode.check_digit("000000000") is None
    assert taxcode.make_valid("000000000") is None
    assert not any(taxcode.is_valid(f"000000000{d}") for d in range(10))


def test_branch_numbers():
    assert taxcode.classify("0100109106-001") == taxcode.TaxCodeKind.BRANCH
    assert taxcode.classify("0100109106-000") == taxcode.TaxCodeError("branch_serial")
    assert taxcode.classify("0100109107-001") == taxcode.TaxCodeError("check_digit")


@pytest.mark.parametrize(
    "value", ["12345", "01001091060", "0100109106-01", "abcdefghij", "0100-109106"]
)
def test_malformed_numbers(value):
    assert taxcode.classify(value) == taxcode.TaxCodeError("format")


def test_personal_id_is_twelve_digits():
    assert taxcode.classify("086190012345") == taxcode.TaxCodeKind.PERSONAL_ID


def test_spaces_and_dots_are_ignored():
    assert tax_code_clean(
        tax_code=" 0300 588.569 ", legal_form="company_jsc", registered_on=None
    ) == ("0300588569")


def test_wrong_check_digit_message_is_vietnamese():
    with pytest.raises(DomainError) as err:
        tax_code_clean(tax_code="0300588568", legal_form="company_jsc", registered_on=None)
    assert err.value.message == "Mã số thuế 0300588568 không hợp lệ: sai chữ số kiểm tra."


def test_organisations_cannot_use_a_personal_id():
    with pytest.raises(DomainError):
        tax_code_clean(tax_code="086190012345", legal_form="cooperative", registered_on=None)


def test_households_use_the_personal_id_from_july_2025():
    assert (
        tax_code_clean(
            tax_code="086190012345",
            legal_form="business_household",
            registered_on=dt.date(2025, 8, 1),
        )
        == "086190012345"
    )
    with pytest.raises(DomainError):
        tax_code_clean(
            tax_code="0300588569",
            legal_form="business_household",
            registered_on=dt.date(2025, 7, 1),
        )


def test_legacy_ten_digit_household_numbers_stay_valid_on_old_records():
    for registered_on in (dt.date(2025, 6, 30), None):
        assert (
            tax_code_clean(
                tax_code="0300588569",
                legal_form="business_household",
                registered_on=registered_on,
            )
            == "0300588569"
        )


def test_personal_id_of_the_representative():
    assert personal_id_clean("086 190 012 345") == "086190012345"
    with pytest.raises(DomainError):
        personal_id_clean("08619001234")
