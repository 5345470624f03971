"""Dossier pages: the permission matrix of every view that changes data, and the list's queries.

anonymous → login page; wrong role → 403; right role out of scope → 404 (the dossier is not
visible); right role in scope → 302 and the change is made.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from ocop.evaluation.dossiers.choices import DossierStatus
from ocop.evaluation.dossiers.models import CommuneAssessment, Dossier, SupplementItem
from ocop.evaluation.dossiers.services import (
    ReturnItemInput,
    commune_assessment_save,
    dossier_document_add,
    dossier_forward,
    dossier_receive,
    dossier_return,
    dossier_submit,
)
from ocop.evaluation.tests.dossier_kit import (
    PDF_BYTES,
    D,
    commune_officer,
    doc,
    on_day,
    producer_with_product,
    province_office,
    ready_dossier,
)
from ocop.evaluation.tests.test_dossier_workflow import ASSESSMENT
from ocop.geo.models import AdminUnit
from ocop.testing import make_user

pytestmark = pytest.mark.django_db
TODAY = D(2026, 10, 1)


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with on_day(TODAY):
        yield


@pytest.fixture
def people():
    own_user, product = producer_with_product("chuthe", "Mứt gừng")
    other_user, _other_product = producer_with_product("chuthe.khac", "Kẹo dừa")
    other_commune = (
        AdminUnit.objects.filter(map__code="2025", level="commune", province__code="86")
        .exclude(code="29308")
        .order_by("code")
        .first()
    )
    return {
        "own": own_user,
        "product": product,
        "other_producer": other_user,
        "xa": commune_officer(),
        "xa_other": commune_officer("xa.khac", other_commune.code),
        "tinh": province_office(),
        "tinh_other": province_office("tinh.hanoi", "01"),
        "national": make_user("quocgia", role="national_office"),
        "council": make_user("hoidong", role="council_member"),
    }


def stage(people, upto: str) -> Dossier:
    """A dossier of ``people['product']`` moved through the services up to ``upto``."""
    own, xa = people["own"], people["xa"]
    dossier = ready_dossier(own, people["product"])
    if upto == "empty_draft":
        return dossier
    dossier_document_add(actor=own, dossier=dossier, document=doc())
    if upto == "draft":
        return dossier
    dossier = dossier_submit(actor=own, dossier=dossier)
    if upto == "submitted":
        return dossier
    dossier = dossier_receive(actor=xa, dossier=dossier, samples_received=5)
    if upto == "review":
        return dossier
    if upto == "returned":
        dossier_return(
            actor=xa,
            dossier=dossier,
            items=[ReturnItemInput(target="missing_document", document_kind="lab_test",
                                   reason="Thiếu phiếu kiểm nghiệm")],
        )  # fmt: skip
        dossier.refresh_from_db()
        return dossier
    commune_assessment_save(actor=xa, dossier=dossier, data=ASSESSMENT)
    if upto == "assessed":
        return dossier
    return dossier_forward(actor=xa, dossier=dossier)


def _matrix(client, url, data, *, denied, out_of_scope, allowed, changed):
    """``data`` may be a function, for a fresh upload on every request."""
    payload = data if callable(data) else lambda: data
    assert changed() == 0
    response = client.post(url, payload())
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]
    for user in denied:
        client.force_login(user)
        assert client.post(url, payload()).status_code == 403, user.username
    for user in out_of_scope:
        client.force_login(user)
        assert client.post(url, payload()).status_code == 404, user.username
    assert changed() == 0
    client.force_login(allowed)
    response = client.post(url, payload())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert changed() == 1


def _status(dossier, status):
    return lambda: int(Dossier.objects.get(pk=dossier.pk).status == status)


def _file(name="kiem-nghiem.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_create_matrix(client, people):
    p = people
    data = {"product": p["product"].pk, "kind": "first", "unit_name": "HTX Mứt gừng",
            "representative_name": "Trần Văn Gừng"}  # fmt: skip
    client.force_login(p["other_producer"])
    assert client.post(reverse("dossiers:dossier_create"), data).status_code == 200  # not a choice
    client.logout()
    _matrix(
        client, reverse("dossiers:dossier_create"), data,
        denied=[p["xa"], p["tinh"], p["council"]], out_of_scope=[], allowed=p["own"],
        changed=lambda: Dossier.objects.count(),
    )  # fmt: skip


def test_document_add_matrix(client, people):
    p = people
    dossier = stage(p, "empty_draft")
    url = reverse("dossiers:document_add", args=[dossier.pk])

    def data():
        return {"kind": "lab_test", "issued_on": "01/09/2026", "expires_on": "01/09/2027",
                "file": _file()}  # fmt: skip

    assert client.post(url, data()).status_code == 302
    for user in (p["xa"], p["tinh"]):
        client.force_login(user)
        assert client.post(url, data()).status_code == 403
    client.force_login(p["other_producer"])
    assert client.post(url, data()).status_code == 404
    assert dossier.documents.count() == 0
    client.force_login(p["own"])
    assert client.post(url, data()).status_code == 302
    assert dossier.documents.get().kind == "lab_test"


def test_a_renamed_file_is_refused_on_the_page(client, people):
    dossier = stage(people, "empty_draft")
    client.force_login(people["own"])
    response = client.post(
        reverse("dossiers:document_add", args=[dossier.pk]),
        {"kind": "lab_test", "issued_on": "01/09/2026",
         "file": SimpleUploadedFile("kiem-nghiem.pdf", b"not a pdf at all")},
    )  # fmt: skip
    assert response.status_code == 200
    assert (
        "“kiem-nghiem.pdf” không phải là tệp PDF thật: nội dung không khớp với tên tệp."
        in response.content.decode()
    )
    assert dossier.documents.count() == 0


def test_submit_matrix(client, people):
    p = people
    dossier = stage(p, "draft")
    _matrix(
        client, reverse("dossiers:dossier_submit", args=[dossier.pk]), {},
        denied=[p["xa"], p["tinh"]], out_of_scope=[p["other_producer"]], allowed=p["own"],
        changed=_status(dossier, DossierStatus.SUBMITTED),
    )  # fmt: skip


def test_receive_matrix(client, people):
    p = people
    dossier = stage(p, "submitted")
    _matrix(
        client, reverse("dossiers:dossier_receive", args=[dossier.pk]), {"samples_received": 5},
        denied=[p["own"], p["tinh"], p["national"]], out_of_scope=[p["xa_other"]],
        allowed=p["xa"], changed=_status(dossier, DossierStatus.COMMUNE_REVIEW),
    )  # fmt: skip


def test_return_matrix(client, people):
    p = people
    dossier = stage(p, "review")
    data = {"target_1": "missing_document", "document_kind_1": "lab_test",
            "reason_1": "Thiếu phiếu kiểm nghiệm"}  # fmt: skip
    _matrix(
        client, reverse("dossiers:dossier_return", args=[dossier.pk]), data,
        denied=[p["own"], p["national"]], out_of_scope=[p["xa_other"], p["tinh_other"]],
        allowed=p["xa"], changed=_status(dossier, DossierStatus.RETURNED_BY_COMMUNE),
    )  # fmt: skip
    assert SupplementItem.objects.get().reason == "Thiếu phiếu kiểm nghiệm"


def test_answer_and_resubmit_matrix(client, people):
    p = people
    dossier = stage(p, "returned")
    item = SupplementItem.objects.get()
    _matrix(
        client, reverse("dossiers:item_answer", args=[item.pk]),
        lambda: {"answer": "Đã bổ sung", "kind": "lab_test", "issued_on": "01/09/2026",
                 "expires_on": "01/09/2027", "file": _file()},
        denied=[p["xa"], p["tinh"]], out_of_scope=[p["other_producer"]], allowed=p["own"],
        changed=lambda: SupplementItem.objects.filter(answered_at__isnull=False).count(),
    )  # fmt: skip
    client.logout()
    _matrix(
        client, reverse("dossiers:dossier_resubmit", args=[dossier.pk]), {},
        denied=[p["xa"], p["tinh"]], out_of_scope=[p["other_producer"]], allowed=p["own"],
        changed=_status(dossier, DossierStatus.COMMUNE_REVIEW),
    )  # fmt: skip


def test_assessment_matrix(client, people):
    p = people
    dossier = stage(p, "review")
    data = {"raw_material": "a", "local_labour": "b", "idea_origin": "c", "local_identity": "d"}
    _matrix(
        client, reverse("dossiers:dossier_assessment", args=[dossier.pk]), data,
        denied=[p["own"], p["tinh"]], out_of_scope=[p["xa_other"]], allowed=p["xa"],
        changed=lambda: CommuneAssessment.objects.count(),
    )  # fmt: skip


def test_forward_matrix_and_refusal_without_mau_03(client, people):
    p = people
    dossier = stage(p, "review")
    url = reverse("dossiers:dossier_forward", args=[dossier.pk])
    client.force_login(p["xa"])
    response = client.post(url, follow=True)
    assert (
        "Hãy ban hành báo cáo đánh giá của UBND xã (Mẫu 03) trước khi chuyển hồ sơ lên tỉnh."
        in response.content.decode()
    )
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.COMMUNE_REVIEW
    commune_assessment_save(actor=p["xa"], dossier=dossier, data=ASSESSMENT)
    client.logout()
    _matrix(
        client, url, {},
        denied=[p["own"], p["tinh"]], out_of_scope=[p["xa_other"]], allowed=p["xa"],
        changed=_status(dossier, DossierStatus.FORWARDED),
    )  # fmt: skip


def test_assign_matrix(client, people):
    p = people
    dossier = stage(p, "forwarded")
    _matrix(
        client, reverse("dossiers:dossier_assign", args=[dossier.pk]), {"round": ""},
        denied=[p["own"], p["xa"]], out_of_scope=[p["tinh_other"]], allowed=p["tinh"],
        changed=_status(dossier, DossierStatus.IN_ROUND),
    )  # fmt: skip
    dossier.refresh_from_db()
    assert (dossier.round.number, dossier.round.year) == ("02", 2026)


def test_documents_are_served_only_to_those_who_see_the_dossier(client, people):
    p = people
    dossier = stage(p, "submitted")
    url = reverse("dossiers:document_download", args=[dossier.documents.get().pk])
    assert client.get(url).status_code == 302
    for user, expected in (
        (p["other_producer"], 404), (p["xa_other"], 404), (p["tinh_other"], 404),
        (p["council"], 403), (p["own"], 200), (p["xa"], 200), (p["tinh"], 200),
    ):  # fmt: skip
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected, user.username
        if expected == 200:
            assert b"".join(response.streaming_content) == PDF_BYTES


def test_list_view_queries_do_not_grow_with_dossiers(client, people, django_assert_num_queries):
    p = people
    stage(p, "submitted")
    client.force_login(p["xa"])
    url = reverse("dossiers:dossier_list")
    with django_assert_num_queries(8):  # + the rounds of the round filter
        response = client.get(url)
    assert len(re.findall(r'href="/ho-so/\d+/"', response.content.decode())) == 1
    for i in range(3):
        user, _product = producer_with_product(f"chuthe{i}", f"Sản phẩm {i}")
        dossier = ready_dossier(user, _product)
        dossier_document_add(actor=user, dossier=dossier, document=doc())
        dossier_submit(actor=user, dossier=dossier)
    with django_assert_num_queries(8):  # + the rounds of the round filter
        response = client.get(url)
    assert len(re.findall(r'href="/ho-so/\d+/"', response.content.decode())) == 4


def test_mau_03_and_letter_docx(client, people):
    p = people
    dossier = stage(p, "assessed")
    client.force_login(p["xa"])
    response = client.get(reverse("dossiers:mau03_docx", args=[dossier.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    texts = [para.text for para in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert "1. Tên chủ thể: HTX Mứt gừng dẻo" in texts
    assert "1. Về sử dụng nguyên liệu địa phương: Gừng mua của 12 hộ trong xã" in texts
    header = document.tables[0]
    assert header.cell(0, 0).paragraphs[1].text == "XÃ CẦU KÈ"
    assert header.cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert header.cell(1, 1).paragraphs[0].text == "Cầu Kè, ngày 01 tháng 10 năm 2026"
    section = document.sections[0]
    assert (section.left_margin.mm, section.right_margin.mm, section.top_margin.mm) == (
        pytest.approx(30, abs=0.1), pytest.approx(15, abs=0.1), pytest.approx(20, abs=0.1),
    )  # fmt: skip
    runs = [run for para in document.paragraphs for run in para.runs]
    assert {run.font.name for run in runs} == {"Times New Roman"}
    letter = client.get(reverse("dossiers:letter_docx", args=[dossier.pk]))
    letter_doc = Document(io.BytesIO(letter.content))
    letter_texts = [para.text for para in letter_doc.paragraphs]
    assert "Kính gửi: Ủy ban nhân dân tỉnh Vĩnh Long." in letter_texts
    assert letter_doc.tables[0].cell(1, 0).paragraphs[1].text == (
        "V/v đề nghị đánh giá, phân hạng sản phẩm OCOP"
    )
    client.force_login(p["other_producer"])
    assert client.get(reverse("dossiers:mau03_docx", args=[dossier.pk])).status_code == 404
