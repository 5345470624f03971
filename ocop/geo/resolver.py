"""Address resolution from free text: "ấp Chợ, xã Phong Phú, huyện Cầu Kè, tỉnh Trà Vinh" → units.

Used by spreadsheet imports and ``ocop geo resolve``. The text is split into parts (commas, then
unit-type words: "xã", "H.", "TP", "P.7" …), each part is matched by its folded name (no
diacritics, either tone placement) against every unit of both maps, and each candidate is scored by
how many other parts name one of its parents (on its own map, or across the 2025 reform through
lineage). Nothing is guessed: when several places fit equally the result is ``ambiguous`` and lists
every candidate.

The index is an immutable snapshot of the unit tables (:class:`ResolverIndex`), built with three
queries and cached per process under the loaded data version (``ReferenceDataVersion``: content
hash and load time), so a reload in another process is picked up on the next
:func:`resolver_index` call. An import builds one :class:`Resolver` and reuses it for every row.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ocop.core.text import fold, nfc, normalize_tone_placement

# Confidence thresholds (fixed by ocop/geo/tests/test_resolver.py).
ACCEPT = 0.85  # an import may take the single best match without asking
REVIEW = 0.5  # below this a candidate is not returned
AMBIGUITY_MARGIN = 0.1  # two matches less than this apart: ambiguous, a person chooses
CANDIDATE = 0.3  # confidence of the units offered when a part names no known unit

NOTE_NOT_IN_LEGACY = "not_in_pre_2025_list"
NOTE_NOT_IN_CURRENT = "not_in_current_list"

REFORM_DATE = dt.date(2025, 7, 1)
LEGACY = "legacy"
CURRENT = "current"

# Unit-type words (folded tokens) → the folded unit type they stand for.
_TYPE_PHRASES: dict[tuple[str, ...], str] = {
    ("tinh",): "tinh",
    ("t",): "tinh",
    ("thanh", "pho"): "thanh pho",
    ("tp",): "thanh pho",
    ("thanhpho",): "thanh pho",
    ("huyen",): "huyen",
    ("h",): "huyen",
    ("quan",): "quan",
    ("q",): "quan",
    ("thi", "xa"): "thi xa",
    ("tx",): "thi xa",
    ("thi", "tran"): "thi tran",
    ("tt",): "thi tran",
    ("xa",): "xa",
    ("x",): "xa",
    ("phuong",): "phuong",
    ("p",): "phuong",
    ("f",): "phuong",
    ("dac", "khu"): "dac khu",
}
# Full type words as written with diacritics: a token with diacritics is a type word only in this
# spelling ("Phương Thạnh" is a name, "phường Thạnh …" is not).
_ACCENTED_TYPE_WORDS = frozenset(
    normalize_tone_placement(w)
    for w in ("tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "trấn", "phường", "đặc", "khu")
)
_MAX_TYPE_LEN = max(len(k) for k in _TYPE_PHRASES)
_TYPE_LEVELS: dict[str, frozenset[str]] = {
    "tinh": frozenset({"province"}),
    "thanh pho": frozenset({"province", "district"}),
    "huyen": frozenset({"district"}),
    "quan": frozenset({"district"}),
    "thi xa": frozenset({"district"}),
    "thi tran": frozenset({"commune"}),
    "xa": frozenset({"commune"}),
    "phuong": frozenset({"commune"}),
    "dac khu": frozenset({"commune"}),
}
# Parts that describe a place below the commune: hamlet, quarter, street, house number.
_SUBCOMMUNE_PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "ap",
        "khom",
        "thon",
        "xom",
        "ban",
        "buon",
        "soc",
        "to",
        "to dan pho",
        "khu pho",
        "kp",
        "khu",
        "khu vuc",
        "kv",
        "lang",
        "doi",
        "cum",
        "so",
        "so nha",
        "sn",
        "duong",
        "hem",
        "ngo",
        "ngach",
        "kiet",
        "quoc lo",
        "ql",
        "tinh lo",
        "tl",
        "dia chi",
    )
)
# Common names of places that are not their official names.
_ALIASES: dict[str, str] = {
    "hcm": "ho chi minh",
    "tphcm": "ho chi minh",
    "sai gon": "ho chi minh",
    "sg": "ho chi minh",
    "hn": "ha noi",
}
_SPLIT_RE = re.compile(r"[,;|\n]+")
_TOKEN_RE = re.compile(r"[^\W_]+")
_LETTER_DIGITS_RE = re.compile(r"^(p|q|f|h|x)(\d+)$")


# ---------------------------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitEntry:
    id: int
    code: str
    name: str
    unit_type: str
    level: str
    era: str
    parent_id: int | None
    province_id: int | None
    name_key: str  # folded name, numbers without leading zeros
    name_accented: str  # lower case, canonical tone placement
    type_key: str  # folded unit type ("xa", "thi tran", …)
    current_ids: tuple[int, ...]  # today's unit(s): itself when current
    current_province_ids: frozenset[int]

    @property
    def full_name(self) -> str:
        return f"{self.unit_type} {self.name}".strip()


@dataclass(frozen=True)
class ResolverIndex:
    """An immutable snapshot of both maps and their lineage, for matching names."""

    version: tuple[Any, ...]
    units: Mapping[int, UnitEntry]
    by_name: Mapping[str, tuple[int, ...]]
    province_by_code: Mapping[tuple[str, str], int]  # (era, code) → id
    max_name_tokens: int

    def ancestors(self, unit: UnitEntry) -> tuple[int, ...]:
        out: list[int] = []
        parent_id = unit.parent_id
        while parent_id is not None and len(out) < 3:
            out.append(parent_id)
            parent_id = self.units[parent_id].parent_id
        return tuple(out)


def _name_key(folded: str) -> str:
    tokens = [str(int(t)) if t.isdigit() else t for t in folded.split()]
    key = " ".join(tokens)
    return _ALIASES.get(key, key)


def _accented(text: str) -> str:
    return " ".join(normalize_tone_placement(nfc(text)).lower().split())


def build_index(version: tuple[Any, ...] = ()) -> ResolverIndex:
    """Read both maps and the lineage (three queries) into an immutable index."""
    from ocop.geo.models import AdminUnit, UnitLineage

    rows = list(
        AdminUnit.objects.values_list(
            "pk", "code", "name", "unit_type", "level", "map__code", "parent_id", "province_id"
        ).order_by("pk")
    )
    successors: dict[int, set[int]] = {}
    for source_id, target_id in UnitLineage.objects.values_list("source_id", "target_id"):
        successors.setdefault(source_id, set()).add(target_id)
    parent_of = {row[0]: row[6] for row in rows}
    # A legacy district → the current units of its communes (+ its own island rows).
    for source_id, targets in list(successors.items()):
        district = parent_of.get(source_id)
        if district is not None:
            successors.setdefault(district, set()).update(targets)
    province_of = {row[0]: row[7] for row in rows}
    units: dict[int, UnitEntry] = {}
    by_name: dict[str, list[int]] = {}
    province_by_code: dict[tuple[str, str], int] = {}
    max_tokens = 1
    for pk, code, name, unit_type, level, map_code, parent_id, province_id in rows:
        era = LEGACY if map_code == LEGACY else CURRENT
        current_ids = (pk,) if era == CURRENT else tuple(sorted(successors.get(pk, ())))
        entry = UnitEntry(
            id=pk,
            code=code,
            name=name,
            unit_type=unit_type,
            level=level,
            era=era,
            parent_id=parent_id,
            province_id=province_id,
            name_key=_name_key(fold(name)),
            name_accented=_accented(name),
            type_key=fold(unit_type),
            current_ids=current_ids,
            current_province_ids=frozenset(
                p for p in (province_of.get(c) for c in current_ids) if p is not None
            ),
        )
        units[pk] = entry
        by_name.setdefault(entry.name_key, []).append(pk)
        max_tokens = max(max_tokens, len(entry.name_key.split()))
        if level == "province":
            province_by_code[(era, code)] = pk
    return ResolverIndex(
        version=version,
        units=MappingProxyType(units),
        by_name=MappingProxyType({k: tuple(v) for k, v in by_name.items()}),
        province_by_code=MappingProxyType(province_by_code),
        max_name_tokens=max_tokens,
    )


@functools.lru_cache(maxsize=4)
def _cached_index(version: tuple[Any, ...]) -> ResolverIndex:
    return build_index(version)


def resolver_index() -> ResolverIndex:
    """The index for the data loaded in the current database (one query to check the version)."""
    from django.db import connection

    from ocop.geo.models import ReferenceDataVersion

    loaded = (
        ReferenceDataVersion.objects.filter(dataset="geo")
        .values_list("pk", "content_hash", "loaded_at")
        .first()
    )
    if loaded is None:
        return build_index(())
    return _cached_index((connection.alias, connection.settings_dict["NAME"], *loaded))


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One part of an address: an optional unit type and a name."""

    raw: str
    type_key: str | None
    name_key: str
    name_accented: str | None  # None when written without diacritics
    subcommune: bool = False


def _tokens(text: str) -> list[tuple[str, str]]:
    """(original lower-case token, folded token) pairs; "P7" → "p", "7"."""
    out: list[tuple[str, str]] = []
    for raw in _TOKEN_RE.findall(nfc(text).lower()):
        folded = fold(raw)
        m = _LETTER_DIGITS_RE.match(folded)
        if m and raw.isascii():
            out.extend([(m.group(1), m.group(1)), (m.group(2), m.group(2))])
        elif folded == "tphcm":
            out.extend([("tp", "tp"), ("hcm", "hcm")])
        elif folded:
            out.append((raw, folded))
    return out


def _type_at(tokens: list[tuple[str, str]], i: int) -> tuple[str, int] | None:
    """The unit type written at ``tokens[i]`` (and its length in tokens), if any."""
    for length in range(_MAX_TYPE_LEN, 0, -1):
        chunk = tokens[i : i + length]
        if len(chunk) < length:
            continue
        key = tuple(folded for _raw, folded in chunk)
        type_key = _TYPE_PHRASES.get(key)
        if type_key is None:
            continue
        # A word written with diacritics counts only in its own spelling.
        if any(
            raw != folded and normalize_tone_placement(raw) not in _ACCENTED_TYPE_WORDS
            for raw, folded in chunk
        ):
            continue
        return type_key, length
    return None


_ACCENTED_SUBCOMMUNE_WORDS = frozenset(
    normalize_tone_placement(w)
    for w in (
        "ấp", "khóm", "thôn", "xóm", "bản", "buôn", "sóc", "tổ", "khu", "làng", "đội", "cụm",
        "số", "đường", "hẻm", "ngõ", "ngách", "kiệt", "quốc", "tỉnh", "địa", "kv", "kp", "sn",
        "ql", "tl",
    )
)  # fmt: skip


def _is_subcommune(tokens: list[tuple[str, str]]) -> bool:
    """A hamlet, quarter, street or house number ("ấp Chợ", "khóm 3", "số 12 đường …")."""
    folded = tuple(f for _r, f in tokens)
    prefixes = [p for p in _SUBCOMMUNE_PREFIXES if folded[: len(p)] == p and len(folded) > len(p)]
    if not prefixes:
        return False
    first_raw, first_folded = tokens[0]
    return first_raw == first_folded or (
        normalize_tone_placement(first_raw) in _ACCENTED_SUBCOMMUNE_WORDS
    )


def parse(text: str) -> list[Part]:
    """Split an address into parts, smallest place first as written."""
    parts: list[Part] = []
    for chunk in _SPLIT_RE.split(text):
        tokens = _tokens(chunk)
        if not tokens:
            continue
        # Cut before every unit-type word that follows at least one name token.
        pieces: list[tuple[str | None, list[tuple[str, str]]]] = []
        current_type: str | None = None
        current: list[tuple[str, str]] = []
        i = 0
        while i < len(tokens):
            found = _type_at(tokens, i)
            if found and i + found[1] < len(tokens):
                if current or current_type is not None:
                    pieces.append((current_type, current))
                current_type, current = found[0], []
                i += found[1]
                # the name after a type word may itself begin like a type word ("huyện Quan Hóa")
                current.append(tokens[i])
                i += 1
                continue
            current.append(tokens[i])
            i += 1
        pieces.append((current_type, current))
        for type_key, name_tokens in pieces:
            if not name_tokens:
                continue
            folded = [f for _r, f in name_tokens]
            raw = " ".join(r for r, _f in name_tokens)
            if type_key is None and _is_subcommune(name_tokens):
                parts.append(Part(raw, None, " ".join(folded), None, subcommune=True))
                continue
            has_marks = any(r != f for r, f in name_tokens)
            parts.append(
                Part(
                    raw=raw,
                    type_key=type_key,
                    name_key=_name_key(" ".join(folded)),
                    name_accented=_accented(raw) if has_marks else None,
                )
            )
    return parts


# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------


def _close(top: float, other: float) -> bool:
    """Two confidences less than AMBIGUITY_MARGIN apart (in hundredths: no float surprises)."""
    return round(top * 100) - round(other * 100) < round(AMBIGUITY_MARGIN * 100)


@dataclass(frozen=True)
class Match:
    unit: UnitEntry
    confidence: float
    parents: tuple[UnitEntry, ...]
    current: tuple[UnitEntry, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.unit.code,
            "name": self.unit.full_name,
            "level": self.unit.level,
            "era": self.unit.era,
            "parents": [
                {"code": p.code, "name": p.full_name, "level": p.level} for p in self.parents
            ],
            "current": [{"code": c.code, "name": c.full_name} for c in self.current],
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Resolution:
    matches: tuple[Match, ...]
    ambiguous: bool
    note: str = ""
    unmatched: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def best(self) -> Match | None:
        """The match an import may take without asking, or ``None``."""
        if self.ambiguous or not self.matches or self.note:
            return None
        top = self.matches[0]
        return top if top.confidence >= ACCEPT else None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "matches": [m.as_dict() for m in self.matches],
            "ambiguous": self.ambiguous,
        }
        if self.note:
            out["note"] = self.note
            out["unmatched"] = self.unmatched
        return out


@dataclass
class _Scored:
    unit: UnitEntry
    part: int
    covered: frozenset[int]
    confidence: float


class Resolver:
    """Resolves addresses against one :class:`ResolverIndex` (build once, use for every row)."""

    def __init__(self, index: ResolverIndex | None = None) -> None:
        self.index = index if index is not None else resolver_index()

    # -- candidates -------------------------------------------------------------------------

    def _candidates(self, part: Part) -> list[tuple[UnitEntry, float]]:
        """Units named by ``part`` with a penalty for a looser match."""
        out: list[tuple[UnitEntry, float]] = []
        for pk in self.index.by_name.get(part.name_key, ()):
            unit = self.index.units[pk]
            penalty = 0.0
            if part.type_key is not None and unit.type_key != part.type_key:
                if unit.level not in _TYPE_LEVELS[part.type_key]:
                    continue
                penalty += 0.2  # "huyện Duyên Hải" is not "thị xã Duyên Hải"
            if part.name_accented is not None and part.name_accented != unit.name_accented:
                penalty += 0.2  # written with other diacritics: "Nậm Cắn" is not "Nậm Càn"
            out.append((unit, penalty))
        return out

    def _supports(self, unit: UnitEntry, other: UnitEntry) -> bool:
        """Does ``other`` (named elsewhere in the text) contain ``unit``?"""
        if other.level == "commune" or other.id == unit.id:
            return False
        if other.era == unit.era:
            return other.id in self.index.ancestors(unit)
        if other.level == "province":
            return bool(unit.current_province_ids & other.current_province_ids)
        # A legacy district named beside a current commune that took part of its territory.
        return other.era == LEGACY and unit.era == CURRENT and unit.id in other.current_ids

    # -- resolution -------------------------------------------------------------------------

    def resolve(
        self, text: str, *, province: str | None = None, as_of: dt.date | None = None
    ) -> Resolution:
        parts = parse(text)
        preferred_era = LEGACY if as_of is not None and as_of < REFORM_DATE else CURRENT
        context = self._context_provinces(province)
        candidates = [[] if p.subcommune else self._candidates(p) for p in parts]

        scored: list[_Scored] = []
        for i, part_candidates in enumerate(candidates):
            for unit, penalty in part_candidates:
                scored.append(self._score(unit, i, penalty, parts, candidates, context, as_of))
        # Keep the candidates that explain the most: drop one whose covered parts are a strict
        # subset of another's (the district Cầu Kè when "xã Phong Phú, huyện Cầu Kè" matched).
        kept = [
            s
            for s in scored
            if s.confidence >= REVIEW
            and not any(o.covered > s.covered and o.confidence >= REVIEW for o in scored)
        ]
        kept = self._collapse_eras(kept, preferred_era)
        kept.sort(key=lambda s: (-s.confidence, s.unit.era != preferred_era, s.unit.id))

        note, unmatched = "", ""
        if kept:
            top = kept[0]
            missing = [
                i
                for i, p in enumerate(parts)
                if i < top.part
                and not p.subcommune
                and p.type_key is not None
                and "commune" in _TYPE_LEVELS[p.type_key]
                and top.unit.level != "commune"
            ]
            if missing:
                note = NOTE_NOT_IN_LEGACY if top.unit.era == LEGACY else NOTE_NOT_IN_CURRENT
                unmatched = parts[missing[-1]].raw
                tops = [s for s in kept if _close(top.confidence, s.confidence)]
                matches = [self._match(s.unit, s.confidence) for s in tops]
                for s in tops:
                    children = sorted(
                        (
                            u
                            for u in self.index.units.values()
                            if u.parent_id == s.unit.id and u.level == "commune"
                        ),
                        key=lambda u: u.name_key,
                    )
                    matches.extend(self._match(u, CANDIDATE) for u in children)
                return Resolution(tuple(matches), True, note, unmatched)

        found = tuple(self._match(s.unit, s.confidence) for s in kept)
        ambiguous = len(kept) > 1 and _close(kept[0].confidence, kept[1].confidence)
        return Resolution(found, ambiguous)

    def _context_provinces(self, code: str | None) -> tuple[UnitEntry, ...]:
        """The provinces a ``--province`` code names: on both maps when both use the code.

        The 2025 codes were taken from one of the merged provinces (86 = the old Vĩnh Long, now
        also Bến Tre and Trà Vinh), so the two readings overlap and either may contain the unit.
        """
        if not code:
            return ()
        return tuple(
            self.index.units[pk]
            for era in (CURRENT, LEGACY)
            if (pk := self.index.province_by_code.get((era, code.zfill(2)))) is not None
        )

    def _score(
        self,
        unit: UnitEntry,
        i: int,
        penalty: float,
        parts: list[Part],
        candidates: list[list[tuple[UnitEntry, float]]],
        context: tuple[UnitEntry, ...],
        as_of: dt.date | None,
    ) -> _Scored:
        confidence = 1.0 - penalty
        covered = {i}
        levels_seen: set[str] = set()
        cross_era = False
        for j, others in enumerate(candidates):
            if j == i or not others:
                continue
            support = [(o, p) for o, p in others if self._supports(unit, o)]
            if support:
                covered.add(j)
                best, best_penalty = min(
                    support, key=lambda item: item[1] + (0.05 if item[0].era != unit.era else 0)
                )
                levels_seen.add(best.level)
                cross_era = cross_era or best.era != unit.era
                confidence -= best_penalty
            elif j > i and not parts[j].subcommune:
                confidence -= 0.25  # a larger place named that does not contain this unit
        if context:
            fitting = [c for c in context if c.id == unit.id or self._supports(unit, c)]
            if fitting:
                levels_seen.add("province")
                cross_era = cross_era or all(c.era != unit.era for c in fitting)
            else:
                confidence -= 0.3
        if cross_era:
            confidence -= 0.05
        if parts[i].type_key is None:
            confidence -= 0.05
        if unit.level == "commune":
            if not levels_seen:
                confidence -= 0.2
            elif unit.era == LEGACY and "district" not in levels_seen:
                confidence -= 0.1  # pre-2025 addresses name the district
        elif unit.level == "district" and "province" not in levels_seen:
            confidence -= 0.1
        if as_of is not None and (unit.era == LEGACY) != (as_of < REFORM_DATE):
            confidence -= 0.1
        return _Scored(unit, i, frozenset(covered), round(max(confidence, 0.0), 2))

    def _collapse_eras(self, kept: list[_Scored], preferred_era: str) -> list[_Scored]:
        """The same place on both maps (same name and level, linked by lineage) is one match.

        The better-supported one stays; on a tie, the one of the map in force on ``as_of``.
        """

        def rank(s: _Scored) -> tuple[float, bool]:
            return (s.confidence, s.unit.era == preferred_era)

        out = []
        for s in kept:
            twin = any(
                o.unit.era != s.unit.era
                and o.unit.name_key == s.unit.name_key
                and o.unit.level == s.unit.level
                and (o.unit.id in s.unit.current_ids or s.unit.id in o.unit.current_ids)
                and rank(o) > rank(s)
                for o in kept
            )
            if not twin:
                out.append(s)
        return out

    def _match(self, unit: UnitEntry, confidence: float) -> Match:
        parents = tuple(self.index.units[p] for p in self.index.ancestors(unit))
        current = tuple(
            sorted(
                (self.index.units[c] for c in unit.current_ids),
                key=lambda u: (u.level, u.name_key),
            )
        )
        return Match(unit, confidence, parents, current)


def resolve(text: str, *, province: str | None = None, as_of: dt.date | None = None) -> Resolution:
    """Resolve one address (builds or reuses the process's index for the loaded data)."""
    return Resolver().resolve(text, province=province, as_of=as_of)
