"""Post-certification monitoring (QĐ 26/2026 Điều 9): plans, records, follow-up actions, and a
revocation opened from a finding with the conclusion's date (Điều 8.1.b, 8.4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from ocop.certification.models import Certificate, CertificateEvent, Decision
from ocop.certification.monitoring.models import (
    FollowUpAction,
    Inspection,
    InspectionFinding,
    InspectionPlan,
)
from ocop.certification.monitoring.selectors import findings_for_certificate, inspection_list
from ocop.certification.monitoring.services import (
    FindingInput,
    finding_revoke,
    follow_up_close,
    inspection_record,
    plan_create,
)
from ocop.certification.services import ResultInput, decision_record
from ocop.core.errors import DomainError, PermissionDenied
from ocop.testing import current_unit, make_producer, make_product, make_user

from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def certs(office, ubnd_vinh_long, province):
    producer = make_producer("Hợp tác xã Kẹo dừa Cầu Kè")
    keo = make_product("Kẹo dừa sáp Cầu Kè", producer=producer, set_number=7)
    mam = make_product("Mắm tép Trà Cuôn", producer=producer)
    decision_record(
        actor=office,
        kind="recognition",
        number="15/QĐ-UBND",
        signed_on=D(2026, 6, 20),
        authority=ubnd_vinh_long,
        province=province,
        items=[
            ResultInput(product=keo, star=4, score=Decimal("85.5")),
            ResultInput(product=mam, star=3, score=Decimal("62")),
        ],
    )
    return Certificate.objects.get(product=keo), Certificate.objects.get(product=mam)


@pytest.fixture
def plan(office, province, certs):
    return plan_create(
        actor=office,
        province=province,
        kind="periodic",
        title="Kiểm tra định kỳ năm 2026",
        scope="Duy trì tiêu chí, sử dụng nhãn hiệu OCOP",
        period_start=D(2026, 9, 1),
        period_end=D(2026, 11, 30),
        certificates=list(certs),
    )


def record(office, plan, certs):
    keo, mam = certs
    return inspection_record(
        actor=office,
        plan=plan,
        inspected_on=D(2026, 10, 1),
        inspectors="Lê Văn C; Phạm Thị D",
        conclusion="Mắm tép không còn đáp ứng tiêu chí an toàn thực phẩm.",
        concluded_on=D(2026, 10, 3),
        findings=[
            FindingInput(
                keo, "to_remedy", "Nhãn chưa cập nhật", ((("Cập nhật nhãn"), D(2026, 11, 1)),)
            ),
            FindingInput(mam, "not_maintained", "Không duy trì điều kiện ATTP"),
        ],
    )


def state():
    return (
        InspectionPlan.objects.count(),
        Inspection.objects.count(),
        InspectionFinding.objects.count(),
        list(FollowUpAction.objects.values_list("status", "done_on")),
        Decision.objects.count(),
        list(Certificate.objects.values_list("revocation_decision_id", flat=True)),
    )


def refused(call, message, kind=DomainError):
    before = state()
    with translation.override("vi"), pytest.raises(kind) as info:
        call()
    assert info.value.message == message
    assert state() == before


def test_inspection_to_revocation(office, plan, certs):
    keo, mam = certs
    inspection = record(office, plan, certs)
    finding = inspection.findings.get(certificate=mam)
    action = FollowUpAction.objects.get(finding__certificate=keo)
    assert (action.due_on, action.status) == (D(2026, 11, 1), "open")
    follow_up_close(actor=office, action=action, status="done", on=D(2026, 10, 20))
    decision = finding_revoke(
        actor=office,
        finding=finding,
        number="40/QĐ-UBND",
        signed_on=D(2026, 10, 15),
        reason="Không còn đáp ứng tiêu chí theo kết luận kiểm tra ngày 03/10/2026",
    )
    mam.refresh_from_db()
    # The revocation rests on the inspection's conclusion (Điều 8.4: within 15 days of it).
    assert (mam.revocation_decision, mam.revocation_ground, mam.revocation_concluded_on) == (
        decision,
        "b",
        D(2026, 10, 3),
    )
    assert InspectionFinding.objects.get(pk=finding.pk).revocation_decision == decision
    event = CertificateEvent.objects.get(certificate=mam, kind="revoked")
    assert event.note == "40/QĐ-UBND"  # 12 days after the conclusion: no late mark (Điều 8.4)
    # The certificate's page lists its inspections (office only).
    assert [f.inspection for f in findings_for_certificate(user=office, certificate=keo)] == [
        inspection
    ]
    assert inspection_list(user=office).get().finding_count == 2
    refused(
        lambda: finding_revoke(
            actor=office,
            finding=finding,
            number="41/QĐ-UBND",
            signed_on=D(2026, 10, 16),
            reason="x",
        ),
        "Kết quả kiểm tra này đã dẫn đến quyết định thu hồi.",
    )
    keo_finding = inspection.findings.get(certificate=keo)
    refused(
        lambda: finding_revoke(
            actor=office,
            finding=keo_finding,
            number="42/QĐ-UBND",
            signed_on=D(2026, 10, 16),
            reason="x",
        ),
        "Chỉ khi kết luận sản phẩm không còn đáp ứng tiêu chí mới dẫn đến thu hồi.",
    )


def test_bad_inspection_input_is_refused(office, plan, certs, province):
    keo, _mam = certs

    def attempt(**overrides):
        values = {
            "actor": office,
            "plan": plan,
            "inspected_on": D(2026, 10, 1),
            "inspectors": "Lê Văn C",
            "conclusion": "Đạt",
            "concluded_on": D(2026, 10, 3),
            "findings": [FindingInput(keo, "maintained", "Duy trì")],
        }
        values.update(overrides)
        return lambda: inspection_record(**values)

    refused(attempt(inspectors=" "), "Hãy ghi tên người kiểm tra.")
    refused(
        attempt(inspected_on=D(2026, 12, 5), concluded_on=D(2026, 12, 6)),
        "Ngày kiểm tra nằm ngoài thời gian của kế hoạch (01/09/2026 – 30/11/2026).",
    )
    refused(attempt(concluded_on=D(2026, 9, 30)), "Ngày kết luận không thể trước ngày kiểm tra.")
    refused(
        attempt(findings=[FindingInput(keo, "to_remedy", "x", (("Sửa", D(2026, 10, 2)),))]),
        "Hạn khắc phục không thể trước ngày kết luận.",
    )
    refused(
        lambda: plan_create(
            actor=office,
            province=province,
            kind="periodic",
            title="X",
            scope="",
            period_start=D(2026, 9, 2),
            period_end=D(2026, 9, 1),
            certificates=[keo],
        ),
        "Ngày kết thúc trước ngày bắt đầu.",
    )
    stranger = make_user("hanoi", role="province_office", units=[current_unit("province", "01")])
    refused(
        attempt(actor=stranger), "Tỉnh Vĩnh Long nằm ngoài địa bàn bạn phụ trách.", PermissionDenied
    )
    producer_user = make_user("chuthe", role="producer")
    refused(
        attempt(actor=producer_user),
        "Chỉ cơ quan quản lý OCOP lập kế hoạch và ghi nhận kiểm tra.",
        PermissionDenied,
    )


def test_inspection_pages_permissions_and_revocation(client, office, plan, certs):
    import io

    import openpyxl
    from django.urls import reverse

    _keo, mam = certs
    inspection = record(office, plan, certs)
    finding = inspection.findings.get(certificate=mam)
    register = reverse("certification:inspection_list")
    detail = reverse("certification:inspection_detail", args=[inspection.pk])
    assert client.get(register).status_code == 302  # anonymous → login
    for user in (
        make_user("chuthe", role="producer"),
        make_user("xa", role="commune_officer", units=[current_unit("commune", "29308")]),
    ):
        client.force_login(user)
        assert client.get(register).status_code == 403
        assert client.get(detail).status_code == 403
    client.force_login(
        make_user("hanoi", role="province_office", units=[current_unit("province", "01")])
    )
    assert b"inspection-table" in client.get(register).content
    assert client.get(detail).status_code == 403  # another province's inspection
    client.force_login(office)
    response = client.get(register)
    assert response.status_code == 200
    assert b"01/10/2026" in response.content
    export = client.get(register, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == (
        "Ngày kiểm tra",
        "Kế hoạch kiểm tra",
        "Hình thức kiểm tra",
        "Người kiểm tra",
        "Số sản phẩm được kiểm tra",
    )
    assert rows[1][1:5] == ("Kiểm tra định kỳ năm 2026", "Định kỳ", "Lê Văn C; Phạm Thị D", 2)
    # The certificate's page shows its inspections.
    page = client.get(reverse("certification:certificate_detail", args=[mam.pk]))
    assert b'id="inspections"' in page.content
    # Bad input on the revocation form changes nothing; a good one revokes.
    revoke = reverse("certification:finding_revoke", args=[finding.pk])
    before = state()
    client.post(revoke, {"number": "", "signed_on": "15/10/2026", "reason": "x"})
    assert state() == before
    client.post(
        revoke,
        {"number": "40/QĐ-UBND", "signed_on": "15/10/2026", "reason": "Không duy trì ATTP"},
    )
    mam.refresh_from_db()
    assert mam.revocation_decision.number == "40/QĐ-UBND"
    assert mam.revocation_concluded_on == D(2026, 10, 3)
