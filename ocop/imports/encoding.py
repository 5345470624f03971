"""Text typed in the legacy Vietnamese encodings TCVN3 (ABC, ".VnTime" fonts) and VNI → Unicode.

Before Unicode (Quyết định 72/2002/QĐ-TTg made TCVN 6909:2001 the standard for state bodies),
offices typed with 8-bit fonts: the spreadsheet stores the font's bytes, which Excel shows as
Latin-1 characters ("Hîp t¸c x·" is "Hợp tác xã" in .VnTime). Such text survives in files that
were copied forward for years, often in one column only.

Detection is per cell, with the column as a tie-breaker: a cell that contains no character
proper to Unicode Vietnamese (ă, ơ, ư, đ, the precomposed letters U+1EA0–U+1EF9 …) and some
Latin-1 letters or signs is read three ways — as is, as TCVN3, as VNI — and the reading with the
fewest impossible Vietnamese words wins (a sign that is not a letter, two tone marks in a word, a
tone mark on a consonant). When the two legacy readings are equally good and better than the
text as is, the column's majority decides. The tables are data: ``data/tcvn3.json`` and
``data/vni.json``.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

AS_IS = "unicode"
TCVN3 = "tcvn3"
VNI = "vni"

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aeiouyAEIOUY")
# Letters of Vietnamese that Latin-1 also has: seeing them proves nothing.
_LATIN1_VIETNAMESE = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_UNICODE_ONLY = frozenset("ăĂđĐĩĨũŨơƠưƯ")
_WORD_RE = re.compile(r"\S+")
# Vowel sequences a Vietnamese syllable may have (tone marks removed, quality marks kept).
_NUCLEI = frozenset(
    {
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa",
        "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ",
        "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây",
        "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu",
    }
)  # fmt: skip
_VOWEL_RUN_RE = re.compile(r"[aăâeêioôơuưy]+")


@functools.cache
def _tcvn3_table() -> dict[int, str]:
    data = json.loads((DATA_DIR / "tcvn3.json").read_text(encoding="utf-8"))
    return {ord(k): v for k, v in data["map"].items()}


@functools.cache
def _vni_tables() -> tuple[re.Pattern[str], dict[str, str]]:
    data = json.loads((DATA_DIR / "vni.json").read_text(encoding="utf-8"))
    table: dict[str, str] = {**data["singles"], **data["sequences"]}
    keys = sorted(table, key=len, reverse=True)  # longest first: "oâù" before "oâ" before "ô"
    return re.compile("|".join(re.escape(k) for k in keys)), table


def _is_unicode_vietnamese(text: str) -> bool:
    return any(
        ch in _UNICODE_ONLY or "\u1ea0" <= ch <= "\u1ef9" or "\u0300" <= ch <= "\u036f"
        for ch in text
    )


def _has_high_latin1(text: str) -> bool:
    return any("\u00a0" < ch <= "\u00ff" for ch in text)


def _upper_words(source: str, converted: str) -> str:
    """.VnTimeH draws the small letters' codes as capitals: a text typed in capitals stays so."""
    ascii_letters = [c for c in source if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
        return converted.upper()
    return converted


def tcvn3_to_unicode(text: str) -> str:
    converted = text.translate(_tcvn3_table())
    return unicodedata.normalize("NFC", _upper_words(text, converted))


def vni_to_unicode(text: str) -> str:
    pattern, table = _vni_tables()
    return unicodedata.normalize("NFC", pattern.sub(lambda m: table[m.group(0)], text))


def impossible_words(text: str) -> int:
    """How many words of ``text`` cannot be Vietnamese (or plain Latin) words."""
    bad = 0
    for word in _WORD_RE.findall(text):
        if any("\u00a0" <= ch <= "\u00ff" and ch not in _LATIN1_VIETNAMESE for ch in word):
            bad += 1
            continue
        decomposed = unicodedata.normalize("NFD", word)
        plain = unicodedata.normalize(
            "NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
        ).lower()
        runs = _VOWEL_RUN_RE.findall(plain)
        if any(run not in _NUCLEI for run in runs) or (not runs and not word.isascii()):
            bad += 1
            continue
        tones = sum(1 for ch in decomposed if ch in _TONE_MARKS)
        if tones > 1:
            bad += 1
            continue
        previous = ""
        for ch in decomposed:
            if ch in _TONE_MARKS and previous not in _VOWELS:
                bad += 1
                break
            if not unicodedata.combining(ch):
                previous = ch
    return bad


def detect(text: str) -> tuple[str, bool]:
    """(encoding, decisive): which reading of ``text`` makes sense, and whether it is clear-cut."""
    if not text or _is_unicode_vietnamese(text) or not _has_high_latin1(text):
        return AS_IS, True
    scores = {
        AS_IS: impossible_words(text),
        TCVN3: impossible_words(tcvn3_to_unicode(text)),
        VNI: impossible_words(vni_to_unicode(text)),
    }
    best = min(scores.values())
    winners = [k for k in (AS_IS, TCVN3, VNI) if scores[k] == best]
    if winners[0] == AS_IS:
        # As is reads fine; a legacy reading that is just as good keeps the column's vote open.
        return AS_IS, len(winners) == 1
    return winners[0], len(winners) == 1


def convert(text: str, encoding: str) -> str:
    if encoding == TCVN3:
        return tcvn3_to_unicode(text)
    if encoding == VNI:
        return vni_to_unicode(text)
    return unicodedata.normalize("NFC", text)


def column_encoding(values: Sequence[str]) -> str:
    """The encoding most of a column's clear-cut legacy cells were typed in (or as is)."""
    votes = Counter(enc for enc, decisive in map(detect, values) if decisive and enc != AS_IS)
    return votes.most_common(1)[0][0] if votes else AS_IS


def to_unicode_column(values: Sequence[str]) -> list[str]:
    """Convert a column's text cells to NFC Unicode, cell by cell with the column's vote."""
    column = column_encoding(values)
    out: list[str] = []
    for value in values:
        encoding, decisive = detect(value)
        if not decisive and column != AS_IS and _has_high_latin1(value):
            # "Phó" reads as Unicode and as TCVN3 ("Phú"): the column decides.
            encoding = column if impossible_words(convert(value, column)) == 0 else encoding
        out.append(convert(value, encoding))
    return out
