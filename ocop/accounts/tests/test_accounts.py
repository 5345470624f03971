from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.urls import reverse

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.core.audit import acting_as
from ocop.core.errors import MissingActorError
from ocop.testing import TEST_PASSWORD, current_unit, legacy_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_office():
    return make_user("tinh", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "86")])


@pytest.fixture
def other_province_office():
    return make_user("hanoi", role=Role.PROVINCE_OFFICE, units=[current_unit("province", "01")])


@pytest.fixture
def commune_officer():
    return make_user("xa", role=Role.COMMUNE_OFFICER, units=[current_unit("commune", "29308")])


@pytest.fixture
def producer():
    return make_user("chuthe", role=Role.PRODUCER)


def test_save_without_actor_fails_and_saves_nothing(producer):
    producer.full_name = "Không ai ghi nhận"
    with pytest.raises(MissingActorError):
        producer.save()
    producer.refresh_from_db()
    assert producer.full_name == ""


def test_save_with_actor_records_before_and_after(producer, province_office):
    with acting_as(province_office):
        producer.full_name = "Võ Văn A"
        producer.save()
    entry = LogEntry.objects.get_for_object(producer).latest("timestamp")
    assert entry.actor == province_office
    assert entry.changes_dict["full_name"] == ["", "Võ Văn A"]


def test_password_is_never_in_the_audit(producer):
    with acting_as(producer):
        producer.set_password("another-long-password-1")
        producer.save()
    assert all("password" not in e.changes_dict for e in LogEntry.objects.get_for_object(producer))


# --- login, throttling, CSRF -----------------------------------------------------------------


def test_wrong_password_gives_vietnamese_message(client, producer):
    response = client.post(reverse("accounts:login"), {"username": "chuthe", "password": "wrong"})
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_are_throttled(client, producer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "chuthe", "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": "chuthe", "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_without_csrf_token_is_refused(producer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:login"), {"username": "chuthe", "password": TEST_PASSWORD}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_session_expires(client, producer, settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    client.force_login(producer)
    session = client.session
    session.set_expiry(-1)
    session.save()
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- the profile view: anonymous / own account / someone else -------------------------------


def test_profile_anonymous_is_sent_to_login(client):
    response = client.post(reverse("accounts:profile"), {"full_name": "X"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_profile_edit_is_audited_with_the_user(client, commune_officer):
    client.force_login(commune_officer)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Trần Văn Hùng", "phone": "0901 234 567", "email": "hung@example.vn"},
    )
    assert response.status_code == 302
    commune_officer.refresh_from_db()
    assert commune_officer.full_name == "Trần Văn Hùng"
    entry = LogEntry.objects.get_for_object(commune_officer).latest("timestamp")
    assert entry.actor == commune_officer


def test_profile_rejects_bad_phone_and_saves_nothing(client, commune_officer):
    client.force_login(commune_officer)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Tên mới", "phone": "abc", "email": ""}
    )
    assert response.status_code == 200
    assert "Nhập số điện thoại" in response.content.decode()
    commune_officer.refresh_from_db()
    assert commune_officer.full_name == ""


def test_profile_ignores_tampered_fields(client, producer):
    client.force_login(producer)
    client.post(
        reverse("accounts:profile"),
        {
            "full_name": "A",
            "phone": "",
            "email": "",
            "role": "national_office",
            "is_superuser": "1",
        },
    )
    producer.refresh_from_db()
    assert producer.role == Role.PRODUCER
    assert not producer.is_superuser


# --- user list: anonymous / wrong role / out of scope / in scope ------------------------------


def test_user_list_permissions(client, producer, province_office, other_province_office):
    url = reverse("accounts:user_list")
    assert client.get(url).status_code == 302
    client.force_login(producer)
    assert client.get(url).status_code == 403
    client.force_login(province_office)
    body = client.get(url).content.decode()
    assert "tinh" in body
    assert "hanoi" not in body


# --- history page: anonymous / out of scope / in scope ---------------------------------------


def test_history_permissions(client, producer, province_office, commune_officer):
    url = reverse("core:object_history", args=["accounts.user", commune_officer.pk])
    assert client.get(url).status_code == 302
    client.force_login(producer)
    assert client.get(url).status_code == 404
    client.force_login(province_office)
    assert client.get(url).status_code == 200
    client.force_login(commune_officer)
    assert client.get(url).status_code == 200


def test_history_of_unknown_model_is_404(client, province_office):
    client.force_login(province_office)
    url = reverse("core:object_history", args=["auth.permission", 1])
    assert client.get(url).status_code == 404


# --- scope -----------------------------------------------------------------------------------


def test_province_scope_includes_legacy_units_that_passed_into_it(province_office):
    from ocop.accounts.selectors import user_scope_units

    scope = user_scope_units(province_office)
    assert scope.filter(pk=legacy_unit("province", "84").pk).exists()  # Trà Vinh
    assert scope.filter(pk=legacy_unit("district", "845").pk).exists()  # huyện Cầu Kè
    assert not scope.filter(pk=legacy_unit("province", "01").pk).exists()
    assert not scope.filter(pk=current_unit("province", "01").pk).exists()


def test_superuser_and_national_office_see_everything():
    from ocop.accounts.selectors import user_scope_units
    from ocop.geo.models import AdminUnit

    national = make_user("qg", role=Role.NATIONAL_OFFICE)
    superuser = make_user("root1", is_superuser=True)
    total = AdminUnit.objects.count()
    assert user_scope_units(national).count() == total
    assert user_scope_units(superuser).count() == total


# --- person-acting commands require --actor --------------------------------------------------


def test_person_acting_command_without_actor_fails_and_saves_nothing(producer):
    with pytest.raises(CommandError, match="--actor"):
        call_command(
            "user",
            "grant",
            "chuthe",
            "--role",
            "province_office",
            "--unit",
            "86",
            "--map",
            "current",
        )
    producer.refresh_from_db()
    assert producer.role == Role.PRODUCER


def test_ambiguous_unit_code_is_refused(producer, province_office):
    with pytest.raises(CommandError, match="--map"):
        call_command(
            "user",
            "grant",
            "chuthe",
            "--role",
            "province_office",
            "--unit",
            "86",
            "--actor",
            "tinh",
        )
    producer.refresh_from_db()
    assert producer.role == Role.PRODUCER
    assert producer.units.count() == 0


def test_grant_with_actor_and_map_is_audited(producer, province_office):
    call_command(
        "user",
        "grant",
        "chuthe",
        "--role",
        "commune_officer",
        "--unit",
        "29308",
        "--level",
        "commune",
        "--map",
        "current",
        "--actor",
        "tinh",
    )
    producer.refresh_from_db()
    assert producer.role == Role.COMMUNE_OFFICER
    assert list(producer.units.values_list("code", flat=True)) == ["29308"]
    assert LogEntry.objects.get_for_object(producer).latest("timestamp").actor == province_office


def test_user_model_is_custom():
    assert User._meta.label == "accounts.User"


# --- password change and logout --------------------------------------------------------------


def test_password_change_requires_login(client):
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "x", "new_password1": "y", "new_password2": "y"},
    )
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_password_change_with_wrong_old_password_changes_nothing(client, producer):
    client.force_login(producer)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "not-the-password",
            "new_password1": "a-new-long-passphrase-42",
            "new_password2": "a-new-long-passphrase-42",
        },
    )
    assert response.status_code == 200
    assert "Mật khẩu cũ" in response.content.decode()
    producer.refresh_from_db()
    assert producer.check_password(TEST_PASSWORD)


def test_password_change_works_and_is_audited_without_the_hash(client, producer):
    client.force_login(producer)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a-new-long-passphrase-42",
            "new_password2": "a-new-long-passphrase-42",
        },
    )
    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.check_password("a-new-long-passphrase-42")


def test_logout_ends_the_session(client, producer):
    client.force_login(producer)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("core:home")).status_code == 302


def test_unknown_unit_code_is_refused(producer, province_office):
    with pytest.raises(CommandError, match="99999"):
        call_command(
            "user", "grant", "chuthe", "--role", "commune_officer", "--unit", "99999",
            "--level", "commune", "--actor", "tinh",
        )  # fmt: skip
    producer.refresh_from_db()
    assert producer.role == Role.PRODUCER


def test_system_actor_is_created_without_an_actor_and_is_inactive():
    from auditlog.context import disable_auditlog

    from ocop.core.audit import acting_as_system

    with disable_auditlog():  # as after a flush: no system user yet
        User.objects.filter(username="system").delete()
    with acting_as_system() as system:
        assert system.username == "system"
    assert not User.objects.get(username="system").is_active


def test_history_page_names_the_action_in_vietnamese(client, commune_officer):
    client.force_login(commune_officer)
    client.post(
        reverse("accounts:profile"), {"full_name": "Trần Văn Hùng", "phone": "", "email": ""}
    )
    url = reverse("core:object_history", args=["accounts.user", commune_officer.pk])
    body = client.get(url).content.decode()
    assert "cập nhật" in body
    assert "tạo mới" in body
