"""Tests for ocop.core.text (pure Python: run with ``-p no:django``)."""

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.core.text import (
    duplicate_key,
    expand_legal_abbreviations,
    fold,
    matches,
    nfc,
    normalize_tone_placement,
    search_tokens,
    sort_key,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --- nfc ---------------------------------------------------------------------


def test_nfc_composes():
    assert nfc(nfd("Hợp tác xã")) == "Hợp tác xã"
    assert len(nfc("e\u0302\u0301")) == 1  # ế


# --- tone placement ----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Hòa", "Hoà"),
        ("hòa", "hoà"),
        ("Thủy", "Thuỷ"),
        ("hóa", "hoá"),
        ("khỏe", "khoẻ"),
        ("qúy", "quý"),
        ("gìa", "già"),
        ("HÒA", "HOÀ"),
        ("THỦY", "THUỶ"),
        ("Ủy ban", "Uỷ ban"),
        ("Hợp tác xã Hòa Thuận", "Hợp tác xã Hoà Thuận"),
    ],
)
def test_old_style_becomes_new_style(old, new):
    assert normalize_tone_placement(old) == new
    assert normalize_tone_placement(new) == new


@pytest.mark.parametrize(
    ("a", "b"),
    [("Hoà", "Hòa"), ("Thuỷ", "Thủy"), ("hoá", "hóa"), ("khoẻ", "khỏe"), ("quý", "qúy")],
)
def test_tone_placement_pairs_compare_equal(a, b):
    assert normalize_tone_placement(a) == normalize_tone_placement(b)


@pytest.mark.parametrize(
    "word",
    [
        "Hoàng",
        "hoạch",
        "người",
        "Nguyễn",
        "khuỷu",
        "ngoài",
        "rượu",
        "quốc",
        "quyển",
        "giữ",
        "gìn",
        "thuyền",
        "của",
        "mía",
        "Trà Vinh",
        "Farm",
        "café",
        "Hué",
    ],
)
def test_canonical_or_foreign_words_unchanged(word):
    assert normalize_tone_placement(word) == word


def test_tone_placement_accepts_nfd_and_returns_nfc():
    assert normalize_tone_placement(nfd("Thủy Hòa")) == "Thuỷ Hoà"


# --- fold / search -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Bánh tét Trà Cuôn", "banh tet tra cuon"),
        ("Đường", "duong"),
        ("Dừa", "dua"),
        ("  Mật ong—rừng,  U Minh!  ", "mat ong rung u minh"),
        ("ĐẶC SẢN Hòa/Hoà", "dac san hoa hoa"),
        ("Thuỷ", "thuy"),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_nfd_equals_nfc():
    for s in ["Bánh tét Trà Cuôn", "Đường thốt nốt", "Hợp tác xã Hoà Thuận", "Ếch Ốc Ớt"]:
        assert fold(nfd(s)) == fold(s)
        assert nfd(s) != s


def test_search_tokens():
    assert search_tokens("  Bánh   TÉT bánh ") == ["banh", "tet"]
    assert search_tokens(" ,. ") == []


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Bánh tét Trà Cuôn", "banh tet tra cuon"),
        ("Bánh tét Trà Cuôn", "Trà Cuôn bánh"),
        ("Bánh tét Trà Cuôn", "cuo"),
        ("Dừa", "dua"),
        ("Đường", "duong"),
        ("Đường", "Đường"),
        ("Thủy sản", "thuỷ"),
        ("Anything", ""),
    ],
)
def test_matches(text, query):
    assert matches(fold(text), query)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Bánh tét Trà Cuôn", "banh chung"),
        ("Dừa sáp", "dua xiem"),
        ("Đường", "dong"),
    ],
)
def test_does_not_match(text, query):
    assert not matches(fold(text), query)


# --- abbreviations / duplicate keys ------------------------------------------


@pytest.mark.parametrize(
    ("folded", "expanded"),
    [
        ("cong ty tnhh tra vinh farm", "cong ty trach nhiem huu han tra vinh farm"),
        ("cty tnhh mtv a", "cong ty trach nhiem huu han mot thanh vien a"),
        ("htx hoa thuan", "hop tac xa hoa thuan"),
        ("lh htx ben tre", "lien hiep hop tac xa ben tre"),
        ("dntn minh chau", "doanh nghiep tu nhan minh chau"),
        ("cty cp vinamilk", "cong ty co phan vinamilk"),
        ("tht rau sach", "to hop tac rau sach"),
        ("hkd nguyen van a", "ho kinh doanh nguyen van a"),
        ("dn an phu", "doanh nghiep an phu"),
        ("cty t n h h tra vinh", "cong ty trach nhiem huu han tra vinh"),
        ("dna htxa", "dna htxa"),
    ],
)
def test_expand_legal_abbreviations(folded, expanded):
    assert expand_legal_abbreviations(folded) == expanded
    assert expand_legal_abbreviations(expanded) == expanded


@pytest.mark.parametrize(
    "variant",
    [
        "Công ty trách nhiệm hữu hạn Trà Vinh Farm",
        "CTY TNHH TRÀ VINH FARM",
        "Cty. T.N.H.H Trà Vinh Farm",
        "Công ty TNHH  Trà Vinh Farm.",
        nfd("Công ty TNHH Trà Vinh Farm"),
    ],
)
def test_duplicate_key_same(variant):
    assert duplicate_key(variant) == duplicate_key("Công ty TNHH Trà Vinh Farm")


def test_duplicate_key_htx():
    assert duplicate_key("Hợp tác xã Hoà Thuận") == duplicate_key("HTX Hòa Thuận")
    assert duplicate_key("Liên hiệp HTX Bến Tre") == duplicate_key("LH HTX Bến Tre")
    assert duplicate_key("Công ty TNHH MTV Gạo") == duplicate_key("Cty TNHH 1TV Gạo")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Công ty TNHH Trà Vinh Farm", "Công ty TNHH Vĩnh Long Farm"),
        ("Công ty TNHH Trà Vinh Farm", "Công ty CP Trà Vinh Farm"),
        ("HTX Hòa Thuận", "THT Hòa Thuận"),
        ("Công ty TNHH Trà Vinh Farm", "HTX Trà Vinh Farm"),
    ],
)
def test_duplicate_key_different(a, b):
    assert duplicate_key(a) != duplicate_key(b)


# --- sort key ------------------------------------------------------------------

# Hand-written, in Vietnamese dictionary order (Vietlex rules: letters a ă â b c d đ
# e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z; tones ngang < huyền < hỏi <
# ngã < sắc < nặng; syllable by syllable; digits first; case ignored).
VIETNAMESE_ORDER = [
    "3 Miền",
    "An Giang",
    "Anh đào",
    "Ăn vặt",
    "Ấm chén",
    "Bánh canh",
    "BÁNH ĐA",
    "Bánh tét",
    "Bánh tráng",
    "Bưởi da xanh",
    "Ca cao",
    "Cà phê",
    "Cá",
    "Cá khô",
    "Chà là",
    "Chả cá",
    "Cốm",
    "Dầu lạc",
    "Dưa lưới",
    "Dừa sáp",
    "Đậu phộng",
    "Đường thốt nốt",
    "Eo biển",
    "Ếch",
    "Farm",
    "Gà ri",
    "Gạo",
    "Hoa hồi",
    "Hoà Thuận",
    "Ích mẫu",
    "Jam",
    "Khô gà",
    "Lô 2",
    "Lô A",
    "ma",
    "mà",
    "mả",
    "mã",
    "má",
    "mạ",
    "Mắm tôm",
    "Mật ong",
    "Nấm linh chi",
    "Nem chua",
    "Ong",
    "Ốc",
    "Ớt",
    "Phở",
    "Quế",
    "Rượu",
    "Sữa",
    "Tép khô",
    "Thanh long",
    "Trà",
    "U Minh",
    "Ưu đãi",
    "Vải thiều",
    "Wagyu",
    "Xoài",
    "Yến sào",
    "Zalo",
]


def test_sort_order_matches_hand_written_list():
    assert len(set(map(sort_key, VIETNAMESE_ORDER))) == len(VIETNAMESE_ORDER)
    rng = random.Random(20240601)
    for _ in range(20):
        shuffled = VIETNAMESE_ORDER[:]
        rng.shuffle(shuffled)
        assert sorted(shuffled, key=sort_key) == VIETNAMESE_ORDER


def test_sort_keys_compare_as_plain_ascii_strings():
    keys = [sort_key(w) for w in VIETNAMESE_ORDER]
    assert keys == sorted(keys)
    assert all(k.isascii() for k in keys)
    # byte order (PostgreSQL COLLATE "C", SQLite BINARY) equals str order
    assert sorted(k.encode() for k in keys) == [k.encode() for k in keys]


@pytest.mark.parametrize(
    ("smaller", "larger"),
    [
        ("ác", "ách"),  # letters decide before tones
        ("cha", "chan"),
        ("ma túy", "mà"),  # syllable by syllable
        ("a", "ă"),
        ("ă", "â"),
        ("d", "đ"),
        ("e", "ê"),
        ("o", "ô"),
        ("ô", "ơ"),
        ("u", "ư"),
        ("9", "a"),
        ("z", "中"),
    ],
)
def test_sort_key_pairs(smaller, larger):
    assert sort_key(smaller) < sort_key(larger)


def test_sort_key_case_placement_and_normalisation_insensitive():
    assert sort_key("BÁNH TÉT") == sort_key("bánh tét")
    assert sort_key("Hòa") == sort_key("Hoà")
    assert sort_key("Thủy") == sort_key("Thuỷ")
    assert sort_key(nfd("Đường thốt nốt")) == sort_key("Đường thốt nốt")
    assert sort_key("Bánh-tét") == sort_key("Bánh tét")


# --- properties ------------------------------------------------------------------

vietnamese_text = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ .,-/()0123456789\u0300\u0301\u0303\u0309\u0323")
    )
)


@given(st.text())
def test_fold_is_idempotent(s):
    assert fold(fold(s)) == fold(s)


@given(vietnamese_text)
def test_fold_is_idempotent_vietnamese(s):
    assert fold(fold(s)) == fold(s)


@given(st.text())
def test_fold_nfd_invariant(s):
    assert fold(nfd(s)) == fold(s)


@given(vietnamese_text)
def test_fold_nfd_invariant_vietnamese(s):
    assert fold(nfd(s)) == fold(s)


@given(st.text())
def test_sort_key_is_ascii(s):
    key = sort_key(s)
    assert key.isascii()
    assert all(c in "0123456789abcdefghijklmnopqrstuvwxyz" for c in key)


@given(vietnamese_text)
def test_tone_placement_idempotent_and_fold_preserving(s):
    once = normalize_tone_placement(s)
    assert normalize_tone_placement(once) == once
    assert fold(once) == fold(s)
    assert sort_key(once) == sort_key(s)


@given(st.text(), st.text())
def test_text_matches_its_own_substrings(s, t):
    text = fold(s + " " + t)
    assert matches(text, t)


def test_two_tone_marks_on_one_word_are_left_alone():
    # Found by hypothesis: "Ay" + two grave accents; the stray second mark stays in the word.
    s = "Ay\u0300\u0300"
    once = normalize_tone_placement(s)
    assert once == nfc(s)
    assert normalize_tone_placement(once) == once
