"""Main navigation by role. Apps add their entries here; entries whose URL is missing are hidden."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

OFFICE = ("province_office", "commune_officer", "national_office")
EVERYONE = (*OFFICE, "council_member", "advisory_member", "producer")


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    roles: tuple[str, ...]


NAV: list[NavEntry] = [
    NavEntry("producers:producer_list", _("Producers"), (*OFFICE, "producer")),
    NavEntry("products:product_list", _("Products"), (*OFFICE, "producer")),
    NavEntry("certification:certificate_list", _("Certificates"), (*OFFICE, "producer")),
    NavEntry("certification:decision_list", _("Decisions"), OFFICE),
    NavEntry("criteria:self_assessment_list", _("Self-assessment"), (*OFFICE, "producer")),
    NavEntry("dossiers:dossier_list", _("Dossiers"), (*OFFICE, "producer")),
    NavEntry("criteria:edition_list", _("Criteria"), EVERYONE),
    NavEntry("geo:unit_list", _("Administrative units"), OFFICE),
    NavEntry("accounts:user_list", _("Users"), ("province_office", "national_office")),
    NavEntry("reports:products_by_unit", _("Reports"), OFFICE),
    NavEntry("imports:batch_list", _("Import"), ("province_office", "commune_officer")),
    NavEntry("reports:programme_dashboard", _("Programme"), OFFICE),
    NavEntry("programme:target_list", _("Targets"), OFFICE),
    NavEntry("programme:key_product_list", _("Key products"), OFFICE),
    NavEntry("evaluation:round_current", _("Rounds"), OFFICE),
    NavEntry("evaluation:calendar_current", _("Working calendar"), OFFICE),
    NavEntry(
        "council:round_list",
        _("Councils"),
        ("province_office", "national_office", "council_member", "advisory_member"),
    ),
    NavEntry(
        "council:calibration",
        _("Calibration of the members"),
        ("province_office", "national_office"),
    ),
]
