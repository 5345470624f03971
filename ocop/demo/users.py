"""Demo accounts, one per role, in the demo province (the new Vĩnh Long, code 86)."""

from __future__ import annotations

from dataclasses import dataclass

from ocop.accounts.choices import Role
from ocop.accounts.models import User
from ocop.geo.models import AdminUnit

DEMO_PASSWORD = "ocop-demo-2026"  # noqa: S105 - published demo password, README lists it
DEMO_PROVINCE_CODE = "86"
DEMO_COMMUNE_CODE = "29308"  # xã Cầu Kè (2025 map)


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    unit_codes: tuple[tuple[str, str], ...] = ()  # (level, code) on the 2025 map


DEMO_USERS = (
    DemoUser(
        "canbo.tinh",
        "Nguyễn Thị Lan (demo)",
        Role.PROVINCE_OFFICE,
        (("province", DEMO_PROVINCE_CODE),),
    ),
    DemoUser(
        "canbo.xa", "Trần Văn Hùng (demo)", Role.COMMUNE_OFFICER, (("commune", DEMO_COMMUNE_CODE),)
    ),
    DemoUser("hoidong.1", "Lê Minh Tâm (demo)", Role.COUNCIL_MEMBER),
    DemoUser("hoidong.2", "Huỳnh Thị Mai (demo)", Role.COUNCIL_MEMBER),
    DemoUser("hoidong.3", "Sơn Văn Rô (demo)", Role.COUNCIL_MEMBER),
    DemoUser("hoidong.4", "Ngô Thanh Phong (demo)", Role.COUNCIL_MEMBER),
    DemoUser("totuvan.1", "Phạm Thu Hà (demo)", Role.ADVISORY_MEMBER),
    DemoUser("chuthe.1", "Võ Thanh Bình (demo)", Role.PRODUCER),
    DemoUser("quocgia", "Đỗ Quốc Việt (demo)", Role.NATIONAL_OFFICE),
)


def demo_users_create() -> list[User]:
    """Create (idempotently) one account per role; caller provides the audit actor."""
    users = []
    for spec in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=spec.username, defaults={"full_name": spec.full_name, "role": spec.role}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            units = [
                AdminUnit.objects.get(map__code="2025", level=level, code=code)
                for level, code in spec.unit_codes
            ]
            user.units.set(units)
        users.append(user)
    return users
