"""``ocop demo``: fill a realistic demo province (the new Vĩnh Long, 86); idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from ocop.core.commands import SystemCommand
from ocop.demo.users import DEMO_PASSWORD, demo_users_create
from ocop.geo.models import AdminUnit


class Command(SystemCommand):
    help = "Load demo data (clearly marked as demo) into the demo province"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            choices=["province", "national"],
            default="province",
            help="province: a few dozen records; national: ≈20,000 synthetic products",
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        if not AdminUnit.objects.exists():
            raise CommandError("Run `ocop geo load` first: no administrative units are loaded.")
        with transaction.atomic():
            users = demo_users_create()
        self.stdout.write(f"demo users: {', '.join(u.username for u in users)}")
        self.stdout.write(f"demo password: {DEMO_PASSWORD}")
