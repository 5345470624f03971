"""Producers: registration, duplicates, sensitive fields, scope and the permission matrix."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from ocop.core.audit import acting_as
from ocop.core.errors import DomainError, PermissionDenied
from ocop.producers.models import Producer, ProducerAccount
from ocop.producers.policy import MASK, producer_as_dict, producer_sensitive_visible
from ocop.producers.selectors import producer_duplicates, producer_list
from ocop.producers.services import (
    DuplicateFound,
    ProducerData,
    producer_link_account,
    producer_register,
    producer_update,
)
from ocop.testing import current_unit, legacy_unit, make_producer

pytestmark = pytest.mark.django_db

CAU_KE = "29308"  # xã Cầu Kè, province 86
TRA_CU = "29461"  # xã Trà Cú, province 86
HANOI_COMMUNE = "00004"  # phường Ba Đình, Hà Nội (01)


def form_data(**over):
    data = {
        "name": "Hợp tác xã Bưởi da xanh Chợ Lách",
        "legal_form": "cooperative",
        "enterprise_size": "not_applicable",
        "tax_code": "0300588569",
        "address_unit_code": CAU_KE,
        "address_unit_map": "current",
        "address_detail": "Ấp 3",
        "phone": "0294 3855 123",
        "email": "",
        "founded_on": "",
        "registered_on": "",
        "representative_name": "Trần Thị Thủy",
        "representative_title": "Giám đốc",
        "representative_gender": "female",
        "representative_ethnicity": "Khmer",
        "representative_has_disability": "false",
        "representative_personal_id": "",
    }
    data.update(over)
    return data


# --- duplicates ------------------------------------------------------------------------------


def test_abbreviated_legal_form_is_flagged_against_the_full_words():
    existing = make_producer("Công ty trách nhiệm hữu hạn Trà Vinh Farm", legal_form="company_llc")
    found = producer_duplicates(
        name="Công ty TNHH Trà Vinh Farm", tax_code="", address_unit=current_unit("commune", CAU_KE)
    )
    assert [(c.producer.pk, c.reason) for c in found] == [(existing.pk, "same_commune")]


def test_old_tone_placement_and_case_are_flagged_in_the_same_province():
    existing = make_producer("HTX Thủy sản Hòa Minh", unit=current_unit("commune", TRA_CU))
    found = producer_duplicates(
        name="hợp tác xã THUỶ SẢN HOÀ MINH",
        tax_code="",
        address_unit=current_unit("commune", CAU_KE),
    )
    assert [(c.producer.pk, c.reason) for c in found] == [(existing.pk, "same_province")]


def test_same_name_in_another_province_is_not_a_duplicate():
    make_producer("HTX Thủy sản Hòa Minh", unit=current_unit("commune", HANOI_COMMUNE))
    assert (
        producer_duplicates(
            name="HTX Thủy sản Hòa Minh", tax_code="", address_unit=current_unit("commune", CAU_KE)
        )
        == []
    )


def test_legacy_unit_counts_in_its_successor_province():
    # Legacy Trà Vinh (84) passed into the new Vĩnh Long (86).
    legacy_commune = legacy_unit("province", "84").children.first().children.first()
    existing = make_producer("HTX Dừa Cầu Kè", unit=legacy_commune)
    assert existing.address_province == current_unit("province", "86")
    found = producer_duplicates(
        name="Hợp tác xã Dừa Cầu Kè", tax_code="", address_unit=current_unit("commune", CAU_KE)
    )
    assert [c.producer.pk for c in found] == [existing.pk]


def test_unconfirmed_duplicate_is_refused_and_nothing_is_saved(client, province_office):
    make_producer("Công ty trách nhiệm hữu hạn Trà Vinh Farm", legal_form="company_llc")
    client.force_login(province_office)
    response = client.post(
        reverse("producers:producer_create"),
        form_data(name="Công ty TNHH Trà Vinh Farm", legal_form="company_llc", tax_code=""),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Chủ thể này có thể đã được đăng ký" in body
    assert "Tôi xác nhận đây không phải trùng lặp" in body
    assert Producer.objects.count() == 1


def test_confirmed_duplicate_is_saved(client, province_office):
    make_producer("Công ty trách nhiệm hữu hạn Trà Vinh Farm", legal_form="company_llc")
    client.force_login(province_office)
    response = client.post(
        reverse("producers:producer_create"),
        form_data(
            name="Công ty TNHH Trà Vinh Farm",
            legal_form="company_llc",
            tax_code="",
            confirm_not_duplicate="on",
        ),
    )
    created = Producer.objects.get(name="Công ty TNHH Trà Vinh Farm")
    assert response.status_code == 302
    assert response["Location"] == reverse("producers:producer_detail", args=[created.pk])


def test_same_tax_number_is_refused_even_when_confirmed(province_office):
    make_producer("HTX A", tax_code="0300588569")
    data = ProducerData(
        name="HTX B", legal_form="cooperative", address_unit=current_unit("commune", CAU_KE),
        tax_code="0300588569",
    )  # fmt: skip
    with pytest.raises(DomainError) as err:
        producer_register(actor=province_office, data=data, confirm_not_duplicate=True)
    assert err.value.message == "Mã số thuế 0300588569 đã thuộc về một chủ thể khác."
    assert Producer.objects.count() == 1


def test_tax_number_is_unique_in_the_database():
    from django.db import IntegrityError, transaction

    make_producer("HTX A", tax_code="0300588569")
    make_producer("HTX B", tax_code="")
    make_producer("HTX C", tax_code="")  # empty numbers do not collide
    with pytest.raises(IntegrityError), transaction.atomic():
        make_producer("HTX D", tax_code="0300588569")


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"tax_code": "0300588568"}, "Mã số thuế 0300588568 không hợp lệ: sai chữ số kiểm tra."),
        ({"tax_code": "12345"}, "Mã số thuế gồm 10 chữ số"),
        ({"address_unit_code": "99999"}, "Không có xã/phường nào mang mã “99999”"),
        ({"address_unit_code": HANOI_COMMUNE}, "nằm ngoài địa bàn bạn phụ trách"),
    ],
)
def test_bad_input_gives_a_vietnamese_message_and_saves_nothing(
    client, province_office, over, message
):
    client.force_login(province_office)
    response = client.post(reverse("producers:producer_create"), form_data(**over))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Producer.objects.exists()


def test_registration_is_audited_with_the_official(client, province_office):
    client.force_login(province_office)
    client.post(reverse("producers:producer_create"), form_data())
    producer = Producer.objects.get()
    entry = LogEntry.objects.get_for_object(producer).get()
    assert entry.actor == province_office
    assert entry.action == LogEntry.Action.CREATE
    assert producer.name_folded == "hop tac xa buoi da xanh cho lach"
    assert producer.duplicate_key == "hoptacxabuoidaxanhcholach"
    assert producer.address_province == current_unit("province", "86")


def test_large_enterprise_is_saved_with_a_warning(client, province_office):
    client.force_login(province_office)
    response = client.post(
        reverse("producers:producer_create"),
        form_data(legal_form="company_jsc", enterprise_size="large", name="Công ty CP Lớn"),
        follow=True,
    )
    assert Producer.objects.get().size_not_admitted
    assert "chỉ doanh nghiệp nhỏ và vừa là chủ thể OCOP" in response.content.decode()


# --- sensitive fields --------------------------------------------------------------------------


@pytest.fixture
def sensitive_producer(producer_user):
    return make_producer(
        "Hộ kinh doanh Thạch Thị Hạnh",
        legal_form="business_household",
        tax_code="086190012345",
        representative_name="Thạch Thị Hạnh",
        representative_gender="female",
        representative_ethnicity="Khmer",
        representative_has_disability=True,
        representative_personal_id="086190012345",
        accounts=[producer_user],
    )


def test_policy_allows_office_roles_and_the_producer_itself_only(
    sensitive_producer,
    producer_user,
    neighbour_user,
    province_office,
    national_office,
    council_member,
):
    from django.contrib.auth.models import AnonymousUser

    assert producer_sensitive_visible(province_office, sensitive_producer)
    assert producer_sensitive_visible(national_office, sensitive_producer)
    assert producer_sensitive_visible(producer_user, sensitive_producer)
    assert not producer_sensitive_visible(neighbour_user, sensitive_producer)
    assert not producer_sensitive_visible(council_member, sensitive_producer)
    assert not producer_sensitive_visible(AnonymousUser(), sensitive_producer)
    assert not producer_sensitive_visible(None, sensitive_producer)


def test_serialisation_drops_sensitive_fields_without_the_role(
    sensitive_producer, producer_user, council_member
):
    public = producer_as_dict(sensitive_producer, user=None)
    assert "representative_gender" not in public
    assert "representative_ethnicity" not in public
    assert "representative_has_disability" not in public
    assert "representative_personal_id" not in public
    assert public["tax_code"] == MASK
    assert producer_as_dict(sensitive_producer, user=council_member)["tax_code"] == MASK
    own = producer_as_dict(sensitive_producer, user=producer_user)
    assert own["representative_gender"] == "female"
    assert own["representative_ethnicity"] == "Khmer"
    assert own["representative_has_disability"] is True
    assert own["tax_code"] == "086190012345"


def test_detail_page_shows_sensitive_fields_to_the_office(
    client, sensitive_producer, province_office
):
    client.force_login(province_office)
    body = client.get(reverse("producers:producer_detail", args=[sensitive_producer.pk])).content
    text = body.decode()
    assert "Khmer" in text
    assert text.count("086190012345") == 2  # tax number and representative's ID


def test_ethnic_minority_and_gender_flags(sensitive_producer):
    assert sensitive_producer.representative_is_ethnic_minority is True
    assert (
        make_producer("HTX Kinh", representative_ethnicity="Kinh").representative_is_ethnic_minority
        is False
    )
    assert make_producer("HTX Trống").representative_is_ethnic_minority is None


# --- scope, list, sorting ------------------------------------------------------------------------


def test_scope_of_each_role(
    province_office, other_province_office, commune_officer, national_office, producer_user
):
    mine = make_producer("HTX Cầu Kè", accounts=[producer_user])
    tra_cu = make_producer("HTX Trà Cú", unit=current_unit("commune", TRA_CU))
    hanoi = make_producer("HTX Ba Đình", unit=current_unit("commune", HANOI_COMMUNE))
    seen = {
        user.username: set(producer_list(user=user).values_list("pk", flat=True))
        for user in (
            province_office, other_province_office, commune_officer, national_office, producer_user
        )
    }  # fmt: skip
    assert seen == {
        "tinh": {mine.pk, tra_cu.pk},
        "hanoi": {hanoi.pk},
        "xa": {mine.pk},
        "quocgia": {mine.pk, tra_cu.pk, hanoi.pk},
        "chuthe": {mine.pk},
    }


def test_list_sorts_in_vietnamese_order_and_searches_without_diacritics(
    client, province_office, django_assert_max_num_queries
):
    # Hand-written Vietnamese order: a < ă < â … d < đ;
    # tones ngang < huyền < hỏi < ngã < sắc < nặng.
    expected = [
        "HTX An Phú",
        "HTX Ăn Uống",
        "HTX Ấp Mới",
        "HTX Dừa",
        "HTX Đường",
        "HTX Ma",
        "HTX Mà",
        "HTX Mả",
        "HTX Mã",
        "HTX Má",
        "HTX Mạ",
    ]
    for name in reversed(expected):
        make_producer(name)
    client.force_login(province_office)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("producers:producer_list"))
    names = [p.name for p in response.context["page"]]
    assert names == expected
    response = client.get(reverse("producers:producer_list"), {"q": "duong"})
    assert [p.name for p in response.context["page"]] == ["HTX Đường"]
    response = client.get(reverse("producers:producer_list"), {"q": "DUA"})
    assert [p.name for p in response.context["page"]] == ["HTX Dừa"]


def test_list_query_count_does_not_grow_with_rows(
    client, province_office, django_assert_max_num_queries
):
    for i in range(30):
        make_producer(f"HTX số {i}")
    client.force_login(province_office)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("producers:producer_list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert len(response.context["page"]) == 25


# --- permission matrix on every data-changing view ----------------------------------------------


def test_create_permission_matrix(
    client, producer_user, national_office, other_province_office, province_office
):
    url = reverse("producers:producer_create")
    response = client.post(url, form_data())
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    for wrong_role in (producer_user, national_office):
        client.force_login(wrong_role)
        assert client.post(url, form_data()).status_code == 403
    client.force_login(other_province_office)  # right role, out of scope
    response = client.post(url, form_data())
    assert "nằm ngoài địa bàn bạn phụ trách" in response.content.decode()
    assert not Producer.objects.exists()
    client.force_login(province_office)
    assert client.post(url, form_data()).status_code == 302
    assert Producer.objects.count() == 1


def test_update_permission_matrix(
    client, producer_user, neighbour_user, national_office, other_province_office, province_office
):
    producer = make_producer("HTX Cũ", accounts=[producer_user])
    url = reverse("producers:producer_update", args=[producer.pk])
    data = form_data(name="HTX Mới", tax_code="")
    assert client.post(url, data).status_code == 302  # anonymous → login
    client.force_login(national_office)
    assert client.post(url, data).status_code == 403
    for out_of_scope in (other_province_office, neighbour_user):
        client.force_login(out_of_scope)
        assert client.post(url, data).status_code == 404
    producer.refresh_from_db()
    assert producer.name == "HTX Cũ"
    for allowed, name in ((province_office, "HTX Mới"), (producer_user, "HTX Mới nữa")):
        client.force_login(allowed)
        assert client.post(url, {**data, "name": name}).status_code == 302
        producer.refresh_from_db()
        assert producer.name == name


def test_update_keeps_unchanged_name_without_duplicate_confirmation(province_office):
    make_producer("HTX Trà Cuôn", unit=current_unit("commune", TRA_CU))
    twin = make_producer("Hợp tác xã Trà Cuôn")  # registered earlier, confirmed
    data = ProducerData(
        name="Hợp tác xã Trà Cuôn", legal_form="cooperative", address_unit=twin.address_unit,
        phone="0294 1234 567",
    )  # fmt: skip
    updated = producer_update(actor=province_office, producer=twin, data=data)
    assert updated.phone == "0294 1234 567"
    with pytest.raises(DuplicateFound):
        producer_update(
            actor=province_office,
            producer=twin,
            data=ProducerData(
                name="HTX Trà Cuôn", legal_form="cooperative", address_unit=twin.address_unit
            ),
        )


def test_account_link_permission_matrix(
    client, producer_user, national_office, other_province_office, province_office
):
    producer = make_producer("HTX Liên kết")
    url = reverse("producers:producer_account_link", args=[producer.pk])
    assert client.post(url, {"username": "chuthe"}).status_code == 302
    client.force_login(producer_user)
    assert client.post(url, {"username": "chuthe"}).status_code == 403
    client.force_login(national_office)
    assert client.post(url, {"username": "chuthe"}).status_code == 403
    client.force_login(other_province_office)
    assert client.post(url, {"username": "chuthe"}).status_code == 404
    assert not ProducerAccount.objects.exists()
    client.force_login(province_office)
    client.post(url, {"username": "chuthe"})
    assert list(ProducerAccount.objects.values_list("producer", "user")) == [
        (producer.pk, producer_user.pk)
    ]


def test_only_producer_accounts_can_be_linked(province_office, national_office):
    producer = make_producer("HTX X")
    with pytest.raises(DomainError):
        producer_link_account(actor=province_office, producer=producer, user=national_office)
    with pytest.raises(PermissionDenied):
        producer_link_account(actor=national_office, producer=producer, user=province_office)
    assert not ProducerAccount.objects.exists()


def test_history_is_visible_to_whoever_sees_the_producer(client, province_office, neighbour_user):
    with acting_as(province_office):
        producer = producer_register(
            actor=province_office,
            data=ProducerData(
                name="HTX Lịch sử", legal_form="cooperative",
                address_unit=current_unit("commune", CAU_KE),
            ),
        )  # fmt: skip
    url = reverse("core:object_history", args=["producers.producer", producer.pk])
    client.force_login(neighbour_user)
    assert client.get(url).status_code == 404
    client.force_login(province_office)
    response = client.get(url)
    assert "Nguyễn Thị Lan" in response.content.decode()
