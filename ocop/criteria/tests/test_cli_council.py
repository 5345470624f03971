"""``ocop score`` with a council document: quorum, recusal, spread — output and refusals.

Member totals are worked by hand in test_engine_golden.py / test_engine_council.py from the
points printed in QĐ 26/2026 Phụ lục II, bộ 7 (63, 70, 69, 59).
"""

from __future__ import annotations

import json

import pytest

from .test_cli import refused, run, write
from .test_engine_council import FIFTY_NINE
from .test_engine_golden import SET7_MID, SEVENTY, SIXTY_NINE

pytestmark = pytest.mark.django_db

ARGS = ("score", "--edition", "26-2026", "--set", "7")


def test_council_document_with_roles_recusal_and_appointed(tmp_path):
    payload = {
        "appointed": 5,
        "members": [
            {"answers": SEVENTY, "role": "chair"},
            {"answers": SIXTY_NINE, "role": "member"},
            {"role": "member", "recused": True},
            {"answers": SET7_MID, "role": "secretary", "recused": False},
            {"answers": FIFTY_NINE, "role": "vice_chair"},
        ],
    }
    data = json.loads(run(*ARGS, write(tmp_path, payload)))
    assert data["members"] == 5
    assert data["member_totals"] == ["70.00", "69.00", None, "63.00", "59.00"]
    assert data["quorum"] == {"appointed": 5, "counted": 4, "required": 4, "met": True}
    # (70 + 69 + 63 + 59) / 4 = 261 / 4 = 65.25 → 3★; spread 70 − 59 = 11 > 10.
    assert (data["total"], data["status"], data["star"]) == ("65.25", "rated", 3)
    assert (data["spread"], data["spread_limit"], data["needs_rescore"]) == (
        "11.00",
        "10.00",
        True,
    )


def test_council_document_without_quorum(tmp_path):
    payload = {
        "appointed": 4,
        "members": [
            {"answers": SEVENTY, "role": "chair", "recused": True},
            {"answers": SEVENTY, "role": "member"},
            {"answers": SIXTY_NINE, "role": "member"},
            {"answers": SET7_MID, "role": "member"},
        ],
    }
    data = json.loads(run(*ARGS, write(tmp_path, payload)))
    # 3 counted of 4 (3 required) but the chair is recused.
    assert data["quorum"] == {"appointed": 4, "counted": 3, "required": 3, "met": False}
    assert (data["status"], data["star"]) == ("no_quorum", None)
    assert data["member_totals"] == [None, "70.00", "69.00", "63.00"]


def test_council_overrides_share_and_limit(tmp_path):
    payload = {
        "appointed": 3,
        "quorum_share": 0.5,
        "spread_limit": "11",
        "members": [{"answers": SEVENTY}, {"answers": FIFTY_NINE}],
    }
    data = json.loads(run(*ARGS, write(tmp_path, payload)))
    # 0.5 × 3 = 1.5 → 2 required; spread 11 is not above 11.
    assert data["quorum"] == {"appointed": 3, "counted": 2, "required": 2, "met": True}
    assert (data["spread"], data["spread_limit"], data["needs_rescore"]) == (
        "11.00",
        "11.00",
        False,
    )
    assert (data["status"], data["star"], data["total"]) == ("rated", 3, "64.50")


def test_every_member_recused(tmp_path):
    payload = {"members": [{"recused": True}]}
    data = json.loads(run(*ARGS, write(tmp_path, payload)))
    assert data["quorum"] == {"appointed": 1, "counted": 0, "required": 1, "met": False}
    assert (data["status"], data["star"], data["total"], data["spread"]) == (
        "no_quorum",
        None,
        None,
        None,
    )
    assert data["member_totals"] == [None]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (
            {"members": [{"answers": SEVENTY, "role": "president"}]},
            "Thành viên 1: “role” phải là một trong chair, vice_chair, member, secretary.",
        ),
        (
            {"members": [{"answers": SEVENTY, "recused": "yes"}]},
            "Thành viên 1: “recused” phải là true hoặc false.",
        ),
        (
            {"members": [{"answers": SEVENTY, "vote": 1}]},
            "Thành viên 1: khóa không hợp lệ vote",
        ),
        (
            {"appointed": 1, "members": [{"answers": SEVENTY}, {"answers": SEVENTY}]},
            "“appointed” (1) nhỏ hơn số thành viên được nhập (2).",
        ),
        ({"appointed": 0, "members": [{"answers": SEVENTY}]}, "“appointed” phải là số nguyên"),
        (
            {"quorum_share": 1.5, "members": [{"answers": SEVENTY}]},
            "“quorum_share” phải lớn hơn 0 và không quá 1",
        ),
        ({"spread_limit": -1, "members": [{"answers": SEVENTY}]}, "“spread_limit” không được âm"),
        ({"spread_limit": True, "members": [{"answers": SEVENTY}]}, "“spread_limit” phải là số"),
        ({"answers": SEVENTY, "appointed": 3}, "Khóa không hợp lệ trong dữ liệu vào: appointed"),
    ],
)
def test_council_refuses_bad_input_in_vietnamese(tmp_path, payload, expected):
    message = refused(*ARGS, write(tmp_path, payload))
    assert message.startswith(expected)
