"""Golden sheets worked out by hand from the printed text of QĐ 26/2026 Annex II.

Each expected figure below comes from the option points printed in
``qd-26-2026-QD-TTg.txt`` (after the corrections listed in corrections.json), added by hand in
the comments — never from the engine's output.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from ocop.criteria.engine import (
    DossierFlags,
    MissingAnswer,
    OptionOutOfRange,
    ScoringError,
    UnknownCriterion,
    WrongCase,
    score,
    score_council,
)
from ocop.criteria.engine.sheet import Sheet

from .conftest import sheet_26, sheet_148, top_answers


def unmet(outcome_unmet: tuple[object, ...]) -> set[str]:
    return {u.code for u in outcome_unmet}  # type: ignore[attr-defined]


# Set 7 "Chế biến từ rau, củ, quả, hạt" — a fully worked mid-level sheet (position: points).
SET7_MID = {
    # 1. Tổ chức sản xuất: 2 + 1 + 2 + 2 + 2 + 1 + 1 = 11
    "1.1": 2,  # 50–<75% in-province raw material: 2
    "1.2": 2,  # national certificate (VietGAP, hữu cơ): 1
    "1.3": 2,  # "Chế biến": 2
    "1.4": 2,  # medium capacity: 2
    "1.5": 3,  # contracts > 75% ****: 2
    "1.6": 1,  # environmental dossier ****: 1
    "1.7": 2,  # sustainable technology: 1
    # 2. Phát triển sản phẩm: 2 + 2 + 2 + 1 = 7
    "2.1": 3,  # provincial signature product: 2
    "2.2": 3,  # creative packaging ***: 2
    "2.3": 2,  # label with the story's message: 2
    "2.4": 2,  # bilingual label "Có": 1
    # 3. Sức mạnh cộng đồng: 2 + 0 + 3 + 2 + 2 = 9      → Part A = 11 + 7 + 9 = 27
    "3.1": 2,  # LLC: 2 (printed 1, corrected)
    "3.2": 1,  # representative not in the listed groups: 0
    "3.3": 3,  # ≥ 75% local workers: 3
    "3.4": 2,  # two years of profit growth ****: 2
    "3.5": 2,  # registered trademark + origin sign ****: 2
    # 4. Tiếp thị: 3 + 2 + 2 = 7
    "4.1": 3,  # ≥ 5 agents outside the commune ****: 3
    "4.2": 3,  # distribution unit: 2
    "4.3": 3,  # > 3 activities, website, in-province fairs: 2
    # 5. Câu chuyện sản phẩm: 3 + 2 + 3 = 8             → Part B = 7 + 8 = 15
    "5.1": 4,  # story on leaflet and website: 3
    "5.2": 3,  # concise, narrative style: 2
    "5.3": 3,  # traditional, cultural character: 3
    # 6. Cảm quan: 2 + 1 + 2 + 2 + 3 = 10
    "6.1": 3,  # clean ****: 2
    "6.2": 2,  # fairly even: 1
    "6.3": 3,  # suitable colour ****: 2
    "6.4": 2,  # natural smell ****: 2
    "6.5": 3,  # characteristic taste ****: 3
    # 7–11: 3 + 2 + 3 + 2 + 1 = 11                      → Part C = 10 + 11 = 21
    "7": 3,  # unique ****: 3
    "8": 1,  # quality declaration ***: 2
    "9": 2,  # national QMS (ISO, HACCP) ****: 3
    "10": 2,  # detailed instructions: 2
    "11": 1,  # ASEAN: 1
}
# Total 27 + 15 + 21 = 63 → 3★ band (50 ≤ 63 < 70).
# 3★ markers: 1.1≥1 (2), 2.2≥2 (2), 2.3≥1 (2), 3.5≥1 (2), 4.1≥2 (3), 5.3≥1 (3), 8≥2 (2), 9≥1 (3):
# all met → 3★.
# 4★ (cumulative) misses: 2.1 needs 3 (has 2), 2.3 needs 3 (2), 5.1 needs 5 (3).
# 5★ adds: 1.5 needs 3 (2), 4.1 needs 5 (3), 6.3 needs 3 (2), 6.4 needs 3 (2), 6.5 needs 5 (3),
# 7 needs 5 (3).
SET7_UNMET_4 = {"2.1", "2.3", "5.1"}
SET7_UNMET_5 = SET7_UNMET_4 | {"1.5", "4.1", "6.3", "6.4", "6.5", "7"}


def test_food_set_7_fully_worked() -> None:
    outcome = score(sheet_26(7), SET7_MID)
    assert outcome.total == Decimal(63)
    assert dict(outcome.by_part) == {"A": 27, "B": 15, "C": 21}
    assert outcome.by_group["1"] == 11
    assert outcome.by_group["6"] == 10
    assert outcome.band_star == 3
    assert outcome.star == 3
    assert unmet(outcome.unmet_minimums[3]) == set()
    assert unmet(outcome.unmet_minimums[4]) == SET7_UNMET_4
    assert unmet(outcome.unmet_minimums[5]) == SET7_UNMET_5
    assert outcome.total_display == "63.00"
    assert outcome.policies["minimum_shortfall"] == "highest_star_with_minimums_met"


def test_drinks_set_16_band_5_but_4_star_minimum_missed() -> None:
    sheet = sheet_26(16)
    answers = top_answers(sheet)  # the printed maxima add up to 100 ("TỔNG CỘNG 100")
    answers |= {
        "6.3": 2,  # Mùi: "Có mùi nhẹ, tự nhiên" 2 instead of 4  (−2)
        "4.1": 3,  # ≥ 5 agents **** 3 instead of 5            (−2)
        "2.4": 1,  # bilingual label "Không" 0 instead of 1     (−1)
        "5.1": 4,  # story on leaflet and website 3 instead of 5 (−2)
    }
    # 100 − 7 = 93 → 5★ band. 5★ needs 4.1 = 5 (*****); 4★ needs 5.1 = 5 (****); 3★ markers
    # (1.1, 2.2, 2.3, 3.5, 4.1 ≥ 2, 5.3, 8) all met → awarded 3★ under the default policy.
    outcome = score(sheet, answers)
    assert outcome.total == Decimal(93)
    assert outcome.band_star == 5
    assert unmet(outcome.unmet_minimums[3]) == set()
    assert unmet(outcome.unmet_minimums[4]) == {"5.1"}
    assert unmet(outcome.unmet_minimums[5]) == {"4.1", "5.1"}
    assert outcome.star == 3


def test_drinks_shortfall_policy_not_rated() -> None:
    sheet = sheet_26(16)
    policies = dict(sheet.edition.policies)
    policies["minimum_shortfall"] = {"value": "not_rated"}
    edition = dataclasses.replace(sheet.edition, policies=policies)
    sheet = dataclasses.replace(sheet, edition=edition)
    answers = top_answers(sheet) | {"4.1": 3}  # 98 → 5★ band, 4.1 misses its ***** minimum
    outcome = score(sheet, answers)
    assert (outcome.total, outcome.band_star, outcome.star) == (Decimal(98), 5, None)


def test_herbal_set_19() -> None:
    sheet = sheet_26(19)
    # Top everywhere except 1.1 "dưới 50%***" (1 instead of 4: −3) and 3.2 "không phải nữ…" (0
    # instead of 1: −1) → 96; the only marker touched is 1.1's *** (needs 1, has 1) → 5★.
    outcome = score(sheet, top_answers(sheet) | {"1.1": 1, "3.2": 1})
    assert outcome.total == Decimal(96)
    assert outcome.star == 5
    assert all(not v for v in outcome.unmet_minimums.values())


def test_handicraft_set_21() -> None:
    sheet = sheet_26(21)
    answers = top_answers(sheet) | {
        "6.2": 2,  # "Phong cách độc đáo riêng, nhưng là dạng thông thường" 3 instead of 5 (−2)
        "1.1": 2,  # in-province raw material 50–<75%: 2 instead of 4            (−2)
        "9": 1,  # ASEAN export: 1 instead of 5                                   (−4)
        "4.3": 1,  # no promotion: 0 instead of 5                                  (−5)
        "5.2": 1,  # simple story structure: 0 instead of 2                        (−2)
    }
    # 100 − 15 = 85 → 4★ band; 6.2's ***** needs 5 → 5★ missed; 4★ markers all at top → 4★.
    outcome = score(sheet, answers)
    assert outcome.total == Decimal(85)
    assert outcome.band_star == 4
    assert outcome.star == 4
    assert unmet(outcome.unmet_minimums[4]) == set()
    assert unmet(outcome.unmet_minimums[5]) == {"6.2"}


def test_ornamental_set_23() -> None:
    sheet = sheet_26(23)
    answers = top_answers(sheet) | {
        "7": 3,  # "Độc đáo, mang tính đặc trưng****" 6 instead of 8   (−2)
        "6.2": 3,  # "Đẹp, bắt mắt …****" 3 instead of 5              (−2)
    }
    # 96 → 5★ band; 5★ needs 7 = 8 and 6.2 = 5; 4★ needs 7 ≥ 6 and 6.2 ≥ 3 (met) → 4★.
    outcome = score(sheet, answers)
    assert outcome.total == Decimal(96)
    assert outcome.band_star == 5
    assert unmet(outcome.unmet_minimums[5]) == {"6.2", "7"}
    assert outcome.star == 4


def test_tourism_set_26_case_1() -> None:
    sheet = sheet_26(26)
    flags = DossierFlags(case=1)
    answers = top_answers(sheet, case=1) | {
        "3.4": 1,  # one year of profit growth: 1 instead of 3 (−2); option 2 is ****
        "8": 1,  # case 1, business registration only: 1 instead of 3 (−2)
        "1.2": 2,  # management rules with clear duties: 3 instead of 5 (−2)
    }
    # 100 − 6 = 94 → 5★ band; 4★ needs 3.4 = 3 → missed; the only *** (3.5 ≥ 1) met → 3★.
    outcome = score(sheet, answers, flags)
    assert outcome.total == Decimal(94)
    assert outcome.band_star == 5
    assert unmet(outcome.unmet_minimums[4]) == {"3.4"}
    assert outcome.star == 3


def test_tourism_refuses_an_answer_from_the_other_case() -> None:
    sheet = sheet_26(26)
    answers = top_answers(sheet, case=1) | {"8": 3}  # option 3 is case 2's first option
    with pytest.raises(WrongCase, match="criterion 8: option 3 belongs to case 2"):
        score(sheet, answers, DossierFlags(case=1))
    # Under case 2 the same answer scores 1 point: 100 − (3 − 1) = 98.
    case2 = top_answers(sheet, case=2) | {"8": 3}
    assert score(sheet, case2, DossierFlags(case=2)).total == Decimal(98)
    with pytest.raises(WrongCase, match=r"flags\.case"):
        score(sheet, case2)


def test_148_set_7_top_is_100_and_criterion_level_marker() -> None:
    sheet = sheet_148(7)
    assert score(sheet, top_answers(sheet)).total == Decimal(100)
    # "e) Sở hữu trí tuệ****" is starred on the criterion: 4★ needs its lowest option (1 point).
    answers = top_answers(sheet) | {"3.e": 0}
    outcome = score(sheet, answers)
    assert outcome.total == Decimal(98)
    assert unmet(outcome.unmet_minimums[4]) == {"3.e"}
    assert outcome.star == 3


# ----- bands and the council mean ------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "star"),
    [
        ("0", 1),
        ("29.99", 1),
        ("30", 2),
        ("49.99", 2),
        ("50", 3),
        ("69.99", 3),
        ("70", 4),
        ("89.99", 4),
        ("90", 5),
        ("100", 5),
    ],
)
def test_bands_of_article_3_3(total: str, star: int) -> None:
    assert sheet_26(1).edition.band_star(Decimal(total)) == star
    # QĐ 148 prints integer bands 50–69 / 70–89 / 90–100; fractions fall below the next band.
    assert sheet_148(1).edition.band_star(Decimal(total)) == star


def test_148_fractional_rule() -> None:
    assert sheet_148(1).edition.band_star(Decimal("69.5")) == 3
    assert sheet_148(1).edition.band_star(Decimal("89.999")) == 4


def set7_with(total_delta: dict[str, int]) -> dict[str, int]:
    return SET7_MID | total_delta


# From the 63-point sheet: 1.1 → 3 (+1), 1.2 → 3 (+1), 5.1 → 5 (+2), 6.2 → 3 (+1), 11 → 3 (+2)
# gives 70; with 11 → 2 (+1) instead it gives 69.
SEVENTY = set7_with({"1.1": 3, "1.2": 3, "5.1": 5, "6.2": 3, "11": 3})
SIXTY_NINE = set7_with({"1.1": 3, "1.2": 3, "5.1": 5, "6.2": 3, "11": 2})


def test_council_70_70_69_is_3_stars() -> None:
    sheet = sheet_26(7)
    outcome = score_council(sheet, [SEVENTY, SEVENTY, SIXTY_NINE])
    # (70 + 70 + 69) / 3 = 209 / 3 = 69.666… → 3★ unrounded, shown 69.67.
    assert [m.total for m in outcome.members] == [70, 70, 69]
    assert abs(outcome.total * 3 - 209) < Decimal("1e-50")
    assert outcome.total < 70
    assert outcome.band_star == 3
    assert outcome.total_display == "69.67"
    assert outcome.star == 3


def test_council_mean_exactly_70_is_4_band() -> None:
    outcome = score_council(sheet_26(7), [SEVENTY, SEVENTY])
    assert outcome.total == Decimal(70)
    assert outcome.band_star == 4
    # 4★ minimums: 2.1 (2 < 3) and 2.3 (2 < 3) still missed → 3★ awarded.
    assert unmet(outcome.unmet_minimums[4]) == {"2.1", "2.3"}
    assert outcome.star == 3


def test_minimum_rule_mean_vs_every_member() -> None:
    sheet = sheet_26(7)
    # 4.1 has *** on 2 points. Members answer 3, 3, 1 points → mean 7/3 ≥ 2: met under "mean",
    # not under "every_member".
    members = [SET7_MID, SET7_MID, SET7_MID | {"4.1": 1}]
    assert "4.1" not in unmet(score_council(sheet, members).unmet_minimums[3])
    policies = dict(sheet.edition.policies)
    policies["minimum_rule"] = {"value": "every_member"}
    strict: Sheet = dataclasses.replace(
        sheet, edition=dataclasses.replace(sheet.edition, policies=policies)
    )
    outcome = score_council(strict, members)
    assert "4.1" in unmet(outcome.unmet_minimums[3])
    # (63 + 63 + 61) / 3 = 62.33 → 3★ band, but 4.1's 3★ minimum is missed under every_member.
    assert outcome.band_star == 3
    assert outcome.star == 2
    assert outcome.policies["minimum_rule"] == "every_member"


# ----- flags ---------------------------------------------------------------------------------


def test_eliminated_dossier_gets_no_star() -> None:
    outcome = score(sheet_26(7), SET7_MID, DossierFlags(eliminated=True))
    assert (outcome.total, outcome.status, outcome.star) == (Decimal(63), "eliminated", None)


def test_disqualified_dossier_gets_no_star() -> None:
    outcome = score(sheet_26(7), SET7_MID, DossierFlags(disqualified=True))
    assert (outcome.status, outcome.star) == ("disqualified", None)


def test_halt_stops_scoring_after_the_criterion() -> None:
    sheet = sheet_26(7)
    codes = [c.code for c in sheet.criteria]
    before = {k: v for k, v in SET7_MID.items() if codes.index(k) <= codes.index("6.1")}
    # Part A 27 + Part B 15 + 6.1 (2) = 44; nothing after 6.1 needs an answer.
    outcome = score(sheet, before, DossierFlags(halted_at="6.1"))
    assert outcome.total == Decimal(44)
    assert dict(outcome.by_part) == {"A": 27, "B": 15, "C": 2}
    assert (outcome.status, outcome.star) == ("halted", None)


def test_halt_needs_a_criterion_with_a_stop_note() -> None:
    with pytest.raises(ScoringError, match="no stop note"):
        score(sheet_26(7), SET7_MID, DossierFlags(halted_at="4.1"))


def test_no_story_needs_no_story_answers() -> None:
    sheet = sheet_26(7)
    answers = {k: v for k, v in SET7_MID.items() if k not in ("5.2", "5.3")}
    # 5.1 option 1 "Không có câu chuyện sản phẩm" (0 points): the product has no story, so 5.2
    # and 5.3 need no answer. 63 − 5.1 (3) − 5.2 (2) − 5.3 (3) = 55 → 3★ band; 5.3's ***
    # ("Có câu chuyện riêng…", 1 point) cannot be met without a story → 2★ (default policy).
    outcome = score(sheet, answers | {"5.1": 1})
    assert outcome.total == Decimal(55)
    assert unmet(outcome.unmet_minimums[3]) == {"5.3"}
    assert outcome.star == 2
    # 5.1 option 4 (story on leaflet and website) says the product has a story: 5.2, 5.3 apply.
    with pytest.raises(MissingAnswer, match=r"5\.2, 5\.3"):
        score(sheet, answers)


def test_missing_unknown_and_out_of_range_answers_raise() -> None:
    sheet = sheet_26(7)
    without = {k: v for k, v in SET7_MID.items() if k != "4.2"}
    with pytest.raises(MissingAnswer, match=r"4\.2"):
        score(sheet, without)
    with pytest.raises(UnknownCriterion, match=r"9\.9"):
        score(sheet, SET7_MID | {"9.9": 1})
    with pytest.raises(OptionOutOfRange, match="option 5 out of range"):
        score(sheet, SET7_MID | {"4.2": 5})
    # 1.2 prints an option worth 0 ("Không được cấp…"): 0 is refused there …
    with pytest.raises(OptionOutOfRange, match="not allowed"):
        score(sheet, SET7_MID | {"1.2": 0})
    # … but allowed on 1.1, whose lowest option is 1 point: 63 − 2 = 61.
    assert score(sheet, SET7_MID | {"1.1": 0}).total == Decimal(61)
