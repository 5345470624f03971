"""The programme report as DOCX, laid out as an administrative report (Nghị định 30/2020/NĐ-CP).

Built by the shared ``ocop.core.documents`` layer (A4, margins, Times New Roman, header, title,
body, signature, "Nơi nhận", annex on its own pages — NĐ 30/2020 Phụ lục I); this module turns the
figures into an ``AdminDocument``: a draft report of the unit's People's Committee (no number and
no day yet — the office completes and the chairman signs), the narrative by section, the charts,
and one annex with the tables of figures and the counting rules beside each figure.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.core.documents.admin_docx import (
    AdminDocument,
    Annex,
    Lead,
    Picture,
    Signature,
    TableBlock,
    build_docx,
)
from ocop.programme.selectors import ProgrammeFigures
from ocop.reports.charts import bar_chart_png
from ocop.reports.programme import (
    OFFICE_PLACEHOLDER,
    OFFICE_SECTIONS,
    grouped_tables,
    narrative,
    number,
)

CHART_GROUPS = (
    ("by_star", gettext_lazy("Products by star")),
    ("by_legal_form", gettext_lazy("Producers by legal form")),
)


def render_docx(result: ProgrammeFigures) -> bytes:
    p = result.params
    text = narrative(result)
    headings = (
        ("results", _("I. RESULTS")),
        ("structure", _("II. STRUCTURE BY STAR, LEGAL FORM, PRODUCT SET AND PLACE")),
        ("progress", _("III. PROGRESS AGAINST TARGETS")),
    )
    body: list[str | Lead | Picture] = []
    for key, heading in headings:
        body.append(Lead(heading))
        body.extend(text[key])
    for group, chart_title in CHART_GROUPS:
        figures = result.group(group)
        if figures:
            body.append(Picture(bar_chart_png(figures), width_cm=15, title=str(chart_title)))
    for roman, office_heading in zip(("IV", "V"), OFFICE_SECTIONS, strict=True):
        body.append(Lead(f"{roman}. {str(office_heading).upper()}"))
        body.append(str(OFFICE_PLACEHOLDER))
    columns = (_("Indicator"), _("Value"), _("Counting rule"))
    annex = Annex(
        title=_("Tables of figures and counting rules"),
        tables=tuple(
            TableBlock(
                title=title,
                columns=columns,
                rows=tuple((f.label, number(f.value), f.rule) for f in figures),
                widths_cm=(8, 2.5, 5),
                centred_columns=frozenset({1}),
            )
            for title, figures in grouped_tables(result)
        ),
        paragraphs_after=tuple(
            f"{rule.ref} — {rule.name}: {rule.description}"
            for rule in sorted(result.rules.values(), key=lambda r: r.code)
        ),
    )
    document = AdminDocument(
        issuer=("ỦY BAN NHÂN DÂN", p.unit.full_name.upper()),
        number="/BC-UBND",
        place=p.unit.name,
        signed_on=None,
        year=p.as_of.year,
        signature=Signature.for_signer(name="", title="Chủ tịch", collective="Ủy ban nhân dân"),
        kind_title=_("REPORT"),
        summary=_("Results of the OCOP programme, %(period)s, %(unit)s")
        % {"period": p.period.name, "unit": p.unit.full_name},
        body=tuple(body),
        recipients=(_("Filed: VT, OCOP."),),
        annexes=(annex,),
        issuer_name=f"Ủy ban nhân dân {p.unit.full_name}",
        kind_name=_("Report"),
    )
    return build_docx(document)
