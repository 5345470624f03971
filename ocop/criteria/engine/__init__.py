"""Pure OCOP scoring engine: no Django, no other ``ocop`` imports; ``Decimal`` points.

See README.md beside this file for the policies it applies.
"""

from .gap import Change, Gap, GapError, apply_gap, next_star_gap
from .score import (
    DossierFlags,
    MemberScore,
    MissingAnswer,
    OptionOutOfRange,
    Outcome,
    ScoringError,
    UnknownCriterion,
    UnmetMinimum,
    WrongCase,
    score,
    score_council,
    score_member,
)
from .sheet import (
    Band,
    Criterion,
    Edition,
    Group,
    Option,
    Part,
    Sheet,
    SheetError,
    load_all_sheets,
    load_edition,
    load_sheet,
    validate,
)
from .version import ENGINE_VERSION

__all__ = [
    "ENGINE_VERSION",
    "Band",
    "Change",
    "Criterion",
    "DossierFlags",
    "Edition",
    "Gap",
    "GapError",
    "Group",
    "MemberScore",
    "MissingAnswer",
    "Option",
    "OptionOutOfRange",
    "Outcome",
    "Part",
    "ScoringError",
    "Sheet",
    "SheetError",
    "UnknownCriterion",
    "UnmetMinimum",
    "WrongCase",
    "apply_gap",
    "load_all_sheets",
    "load_edition",
    "load_sheet",
    "next_star_gap",
    "score",
    "score_council",
    "score_member",
    "validate",
]
