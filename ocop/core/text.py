"""Vietnamese text utilities: normalisation, search folding, sorting, duplicate keys.

Pure Python, no Django imports.  Every value these functions produce is computed
in Python and stored in ordinary columns, so behaviour is identical on SQLite
and PostgreSQL (no database collation, ``unaccent`` or ICU is involved).

Conventions
-----------
* **Canonical tone placement** (:func:`normalize_tone_placement`): the *new
  style* ("kiểu mới"), which puts the tone mark on the main vowel of the
  rhyme: ``hoà``, ``hoè``, ``thuỷ``, ``khoẻ``, ``uỷ``.  Old-style spellings
  (``hòa``, ``thủy``, ``khỏe``) and plain misplacements (``qúy``, ``gìa``)
  are rewritten to it; already-canonical text is left unchanged.
* **Search folding** (:func:`fold`): case-folded, every diacritic removed,
  ``đ``/``Đ`` → ``d``, anything that is not a letter or digit → one space.
* **Sort order** (:func:`sort_key`): the rules of the Vietnam Lexicography
  Centre (Vũ Xuân Lương, "Quy tắc sắp xếp ABC", used for Vietlex / Hoàng Phê
  dictionaries): letters ``a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t
  u ư v w x y z``; tones ``ngang < huyền < hỏi < ngã < sắc < nặng``; compared
  syllable by syllable, letters first and the tone only between syllables
  with the same letters.  Case is ignored.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "duplicate_key",
    "expand_legal_abbreviations",
    "fold",
    "matches",
    "nfc",
    "normalize_tone_placement",
    "search_tokens",
    "sort_key",
]

# Combining marks used by Vietnamese.
_GRAVE = "\u0300"  # huyền
_ACUTE = "\u0301"  # sắc
_TILDE = "\u0303"  # ngã
_HOOK = "\u0309"  # hỏi
_DOT = "\u0323"  # nặng
_CIRCUMFLEX = "\u0302"  # â ê ô
_BREVE = "\u0306"  # ă
_HORN = "\u031b"  # ơ ư

_TONE_MARKS = frozenset({_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT})
# Tone rank in dictionary order: ngang (0) < huyền < hỏi < ngã < sắc < nặng (5).
_TONE_RANK: dict[str, int] = {_GRAVE: 1, _HOOK: 2, _TILDE: 3, _ACUTE: 4, _DOT: 5}

# (base letter, vowel modifier) -> Vietnamese letter.
_MODIFIED: dict[tuple[str, str], str] = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}
_VOWELS = frozenset("aeiouy")

# Vowel clusters (nuclei incl. glides, tone-less, lower case, initial "qu"/"gi"
# already removed) that occur in Vietnamese, mapped to the index of the letter
# that carries the tone in the new style.  Clusters with a final consonant put
# the tone on the last vowel unless a modified vowel (ă â ê ô ơ ư) is present.
_OPEN_TONE_INDEX: dict[str, int] = {
    # two vowels, no modified letter: first vowel, except the new-style oa/oe/uy
    "ai": 0,
    "ao": 0,
    "au": 0,
    "ay": 0,
    "eo": 0,
    "ia": 0,
    "iu": 0,
    "oi": 0,
    "ua": 0,
    "ui": 0,
    "oa": 1,
    "oe": 1,
    "uy": 1,
    # three vowels, no modified letter: middle vowel
    "oai": 1,
    "oay": 1,
    "oeo": 1,
    "uya": 1,
    "uyu": 1,
}
_CLUSTERS_WITH_MODIFIER = frozenset(
    {
        "ă", "â", "ê", "ô", "ơ", "ư",
        "âu", "ây", "êu", "iê", "oă", "ôi", "ơi", "uâ", "uê", "uô", "uơ", "ưa",
        "ưi", "ươ", "ưu", "yê",
        "iêu", "uây", "uôi", "uyê", "ươi", "ươu", "yêu",
    }
)  # fmt: skip
_CLUSTERS_CLOSED_PLAIN = frozenset({"a", "e", "i", "o", "u", "y", "oa", "oe", "uy", "oo"})

# A word is letters plus any combining marks left uncomposed by NFC (e.g. a second tone mark),
# so that stray marks stay inside the word they belong to.
_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


def nfc(s: str) -> str:
    """Return *s* in Unicode Normalization Form C (composed)."""
    return unicodedata.normalize("NFC", s)


# ---------------------------------------------------------------------------
# Tone placement
# ---------------------------------------------------------------------------


class _Letter:
    """One letter of a syllable split into base letter, vowel modifier and tone."""

    __slots__ = ("base", "modifier", "tone", "upper")

    def __init__(self, base: str, modifier: str, tone: str, upper: bool) -> None:
        self.base = base  # lower-case ASCII letter, or "đ"
        self.modifier = modifier  # "" or one of _CIRCUMFLEX/_BREVE/_HORN
        self.tone = tone  # "" or one of _TONE_MARKS
        self.upper = upper

    @property
    def is_vowel(self) -> bool:
        return self.base in _VOWELS

    @property
    def letter(self) -> str:
        """Lower-case letter without tone (``ư``, ``a``, ``đ``...)."""
        return _MODIFIED[(self.base, self.modifier)] if self.modifier else self.base

    def render(self, tone: str) -> str:
        base = self.base.upper() if self.upper else self.base
        return nfc(base + self.modifier + tone)


def _split_letter(ch: str) -> _Letter | None:
    """Decompose one NFC character; ``None`` if it is not a Vietnamese letter."""
    if ch in "đĐ":
        return _Letter("đ", "", "", ch == "Đ")
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if not ("a" <= base.lower() <= "z") or not base.isascii():
        return None
    modifier = tone = ""
    for mark in marks:
        if mark in _TONE_MARKS and not tone:
            tone = mark
        elif mark in (_CIRCUMFLEX, _BREVE, _HORN) and not modifier:
            modifier = mark
        else:
            return None
    lower = base.lower()
    if modifier and (lower, modifier) not in _MODIFIED:
        return None
    if tone and lower not in _VOWELS:
        return None
    return _Letter(lower, modifier, tone, base.isupper())


def _normalize_word(word: str) -> str:
    letters: list[_Letter] = []
    for ch in word:
        letter = _split_letter(ch)
        if letter is None:
            return word
        letters.append(letter)
    toned = [letter for letter in letters if letter.tone]
    if len(toned) != 1:
        return word
    tone = toned[0].tone

    vowel_positions = [i for i, letter in enumerate(letters) if letter.is_vowel]
    start, end = vowel_positions[0], vowel_positions[-1] + 1
    if end - start != len(vowel_positions):
        return word  # vowels not contiguous: not a single syllable
    initial = "".join(letter.base for letter in letters[:start])
    # "qu" and "gi" (before another vowel) are consonants: u / i is not in the rhyme.
    glide = letters[start].base if end - start > 1 and not letters[start].modifier else ""
    if (initial, glide) in {("q", "u"), ("g", "i")}:
        start += 1
    cluster = letters[start:end]
    key = "".join(letter.letter for letter in cluster)
    has_final = end < len(letters)

    modified = [i for i, letter in enumerate(cluster) if letter.modifier]
    if modified:
        if key not in _CLUSTERS_WITH_MODIFIER:
            return word
        index = modified[-1]  # ươ → ơ
    elif has_final:
        if key not in _CLUSTERS_CLOSED_PLAIN:
            return word
        index = len(cluster) - 1
    elif len(cluster) == 1:
        index = 0
    elif key in _OPEN_TONE_INDEX:
        index = _OPEN_TONE_INDEX[key]
    else:
        return word

    target = cluster[index]
    out: list[str] = []
    for letter in letters:
        out.append(letter.render(tone if letter is target else ""))
    return "".join(out)


def normalize_tone_placement(s: str) -> str:
    """Rewrite every Vietnamese syllable of *s* with the tone mark in canonical place.

    Canonical form is the **new style** (tone on the main vowel of the rhyme):
    ``Hòa → Hoà``, ``thủy → thuỷ``, ``hóa → hoá``, ``khỏe → khoẻ``; misplaced
    marks are fixed too (``qúy → quý``, ``gìa → già``).  Rules, per syllable:

    1. ``qu`` and ``gi`` followed by another vowel belong to the initial;
    2. if the rhyme has a modified vowel (ă â ê ô ơ ư) the tone goes on it
       (on the second of ``ươ``);
    3. otherwise, with a final consonant, on the last vowel (``hoàng``);
    4. otherwise on the middle one of three vowels (``ngoài``, ``khuỷu``), on
       the second of ``oa``/``oe``/``uy`` and on the first of any other pair.

    Case is preserved letter by letter (``HÒA → HOÀ``).  Words that are not a
    single well-formed Vietnamese syllable with exactly one tone mark
    (``café``, ``Hué``, ``Farm``) are returned unchanged.  The output is NFC.
    """
    return nfc(_WORD_RE.sub(lambda m: _normalize_word(m.group()), nfc(s)))


# ---------------------------------------------------------------------------
# Search folding
# ---------------------------------------------------------------------------

# U+00D0/U+00F0 (Icelandic eth) is a common legacy-encoding stand-in for Đ/đ.
_D_LIKE = str.maketrans({"đ": "d", "ð": "d"})


def _strip_marks(s: str) -> str:
    decomposed = unicodedata.normalize("NFD", s)
    return "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))


def fold(s: str) -> str:
    """Return the accent- and case-insensitive search key of *s*.

    NFC, case-folded, all diacritics removed (which subsumes tone-placement
    normalisation: ``Hoà`` and ``Hòa`` both give ``hoa``), ``đ``/``Đ`` → ``d``,
    every character that is not a letter or digit → space, whitespace
    collapsed and stripped.  ``fold("Bánh tét Trà Cuôn") == "banh tet tra cuon"``.
    Idempotent: ``fold(fold(s)) == fold(s)``.
    """
    s = _strip_marks(nfc(s).casefold()).translate(_D_LIKE)
    s = nfc(s)
    return " ".join("".join(ch if ch.isalnum() else " " for ch in s).split())


def search_tokens(q: str) -> list[str]:
    """Folded, de-duplicated tokens of a search query (empty list for a blank query).

    The database layer filters with one ``folded__contains=token`` per token.
    """
    return list(dict.fromkeys(fold(q).split()))


def matches(folded_text: str, q: str) -> bool:
    """True when every token of *q* occurs (as a substring) in *folded_text*.

    *folded_text* must already be ``fold(...)``-ed (as stored in the database).
    A blank query matches everything, like a filter with no conditions.
    """
    return all(token in folded_text for token in search_tokens(q))


# ---------------------------------------------------------------------------
# Sorting
# ---------------------------------------------------------------------------

_ALPHABET36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_LETTER_ORDER = [
    *"0123456789",
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k",
    "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w",
    "x", "y", "z",
]  # fmt: skip


def _code(n: int) -> str:
    return _ALPHABET36[n // 36] + _ALPHABET36[n % 36]


# Two-character codes.  Tone codes "00".."05" are the lowest so that a syllable
# that ends sorts before a longer one whatever the tones ("ác" < "ách");
# "06" separates syllables and is only ever compared with another "06".
_TONE_CODES = [_code(i) for i in range(6)]
_SYLLABLE_SEP = _code(6)
_UNIT_CODES: dict[str, str] = {ch: _code(10 + i) for i, ch in enumerate(_LETTER_ORDER)}
_ESCAPE = "zz"  # other letters/digits: "zz" + 4 base-36 digits of the code point


def _escape(ch: str) -> str:
    n = ord(ch)
    digits = ""
    for _ in range(4):
        n, r = divmod(n, 36)
        digits = _ALPHABET36[r] + digits
    return _ESCAPE + digits


def sort_key(s: str) -> str:
    """Return an ASCII key (``[0-9a-z]`` only) that sorts *s* in Vietnamese order.

    Compare keys as plain strings (Python ``<``, ``ORDER BY`` with ``COLLATE "C"``
    on PostgreSQL, the default ``BINARY`` collation on SQLite).

    Convention: Vietnam Lexicography Centre (Vũ Xuân Lương, "Quy tắc sắp xếp
    ABC"), as used by the Hoàng Phê *Từ điển tiếng Việt*:

    * letters ``a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y
      z`` (f, j, w, z where the Latin alphabet has them), compared letter by
      letter (``ch`` is c + h: ``Chả`` < ``Cốm``); digits before letters;
      other letters/digits after ``z`` by code point;
    * tones ``ngang < huyền < hỏi < ngã < sắc < nặng``;
    * syllable by syllable (words split on anything not a letter or digit):
      first the letters of the syllable, then its tone, then the next syllable,
      so ``ác < ách`` (letters decide) and ``ma túy < mà`` (the first syllables
      differ only by tone);
    * a shorter sequence of syllables sorts before a longer one it prefixes;
    * case-insensitive; punctuation only separates syllables.

    Encoding: every letter/digit is a 2-char code, each syllable is closed by
    its 2-char tone code (lower than any letter), syllables are joined by a
    2-char separator.
    """
    syllables: list[str] = []
    units: list[str] = []
    tone = 0
    letter = ""  # the pending letter, waiting for its combining marks
    modifier = ""

    def flush_letter() -> None:
        nonlocal letter, modifier
        if letter:
            full = _MODIFIED.get((letter, modifier), letter)
            code = _UNIT_CODES.get(full)
            units.append(code if code is not None else _escape(full))
        letter = modifier = ""

    def flush_syllable() -> None:
        nonlocal tone
        flush_letter()
        if units:
            syllables.append("".join(units) + _TONE_CODES[tone])
            units.clear()
        tone = 0

    for ch in unicodedata.normalize("NFD", nfc(s).casefold()):
        if unicodedata.category(ch).startswith("M"):
            if not letter:
                continue
            if ch in _TONE_RANK:
                tone = tone or _TONE_RANK[ch]
            elif (letter, ch) in _MODIFIED and not modifier:
                modifier = ch
            continue
        flush_letter()
        if ch.isalnum():
            letter = "đ" if ch in "đð" else ch
        else:
            flush_syllable()
    flush_syllable()
    return _SYLLABLE_SEP.join(syllables)


# ---------------------------------------------------------------------------
# Legal-form abbreviations and duplicate detection
# ---------------------------------------------------------------------------

# Abbreviation (as a tuple of folded tokens) -> full words.  Longest first.
_ABBREVIATIONS: list[tuple[tuple[str, ...], tuple[str, ...]]] = sorted(
    [
        (("lh", "htx"), ("lien", "hiep", "hop", "tac", "xa")),
        (("lhhtx",), ("lien", "hiep", "hop", "tac", "xa")),
        (("lh", "hop", "tac", "xa"), ("lien", "hiep", "hop", "tac", "xa")),
        (("tnhh",), ("trach", "nhiem", "huu", "han")),
        (("mtv",), ("mot", "thanh", "vien")),
        (("1tv",), ("mot", "thanh", "vien")),
        (("1", "thanh", "vien"), ("mot", "thanh", "vien")),
        (("htx",), ("hop", "tac", "xa")),
        (("cty",), ("cong", "ty")),
        (("congty",), ("cong", "ty")),
        (("dntn",), ("doanh", "nghiep", "tu", "nhan")),
        (("cp",), ("co", "phan")),
        (("tht",), ("to", "hop", "tac")),
        (("hkd",), ("ho", "kinh", "doanh")),
        (("dn",), ("doanh", "nghiep")),
    ],
    key=lambda item: -len(item[0]),
)


def _join_initials(tokens: list[str]) -> list[str]:
    """Join runs of 2+ single-letter tokens: ``t n h h`` (from ``T.N.H.H``) → ``tnhh``."""
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        if len(run) >= 2:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if token:
            out.append(token)
    return out


def expand_legal_abbreviations(folded: str) -> str:
    """Expand legal-form abbreviations in an already :func:`fold`-ed string.

    The canonical form is the full words: ``tnhh`` → ``trach nhiem huu han``,
    ``mtv``/``1tv`` → ``mot thanh vien``, ``htx`` → ``hop tac xa``,
    ``lh htx`` → ``lien hiep hop tac xa``, ``cty`` → ``cong ty``,
    ``dntn`` → ``doanh nghiep tu nhan``, ``dn`` → ``doanh nghiep``,
    ``cp`` → ``co phan``, ``tht`` → ``to hop tac``, ``hkd`` → ``ho kinh doanh``.
    Whole tokens only (``dna`` is left alone).  Runs of single letters, as
    left by folding dotted initials (``T.N.H.H`` → ``t n h h``), are joined
    first.  Idempotent.
    """
    tokens = _join_initials(folded.split())
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for abbreviation, expansion in _ABBREVIATIONS:
            if tuple(tokens[i : i + len(abbreviation)]) == abbreviation:
                out.extend(expansion)
                i += len(abbreviation)
                break
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


def duplicate_key(name: str) -> str:
    """Key used to flag probable duplicate producer names.

    :func:`fold`, :func:`expand_legal_abbreviations`, then all spaces and
    punctuation dropped, so ``Công ty TNHH Trà Vinh Farm``,
    ``CTY TNHH TRÀ VINH FARM`` and ``Cty. T.N.H.H Trà Vinh Farm`` share the key
    ``congtytrachnhiemhuuhantravinhfarm``.
    """
    return expand_legal_abbreviations(fold(name)).replace(" ", "")
