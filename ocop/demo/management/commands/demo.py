"""``ocop demo``: fill a realistic demo province (the new Vĩnh Long, 86); idempotent.

``--scale national`` adds a synthetic national registry (≈ 9,000 producers, ≈ 20,000 products
over the 34 provinces), deterministic from ``--seed``, for benchmarks.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from ocop.core.commands import SystemCommand
from ocop.demo.certificates import demo_certificates_create, national_certificates_create
from ocop.demo.dossiers import demo_dossiers_create
from ocop.demo.national import national_registry_create
from ocop.demo.programme import demo_targets_create
from ocop.demo.registry import demo_registry_create
from ocop.demo.users import DEMO_PASSWORD, demo_users_create
from ocop.geo.models import AdminUnit
from ocop.products.models import ProductSet


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
        if not ProductSet.objects.exists():
            raise CommandError("Run `ocop migrate` first: the product sets are not loaded.")
        with transaction.atomic():
            users = demo_users_create()
            producers, products = demo_registry_create()
            office = next(u for u in users if u.username == "canbo.tinh")
            register = demo_certificates_create(today=timezone.localdate(), actor=office)
            targets = demo_targets_create(actor=office)
            cycle = demo_dossiers_create(users={u.username: u for u in users})
        self.stdout.write(f"demo users: {', '.join(u.username for u in users)}")
        self.stdout.write(f"demo password: {DEMO_PASSWORD}")
        self.stdout.write(f"demo registry: {producers} producers and {products} products added")
        self.stdout.write(
            f"demo register: {register.decisions} decisions, {register.certificates} certificates"
            " (dated from today)"
        )
        self.stdout.write(f"demo programme targets: {targets}")
        if cycle.skipped:
            self.stdout.write("demo dossiers and council: already present")
        else:
            self.stdout.write(
                f"demo dossiers: {cycle.dossiers} (draft to council), "
                f"{cycle.scorecards} council scorecards"
            )
        if options["scale"] == "national":
            started = time.perf_counter()
            result = national_registry_create(seed=options["seed"])
            if result.skipped:
                self.stdout.write(f"national data set (seed {options['seed']}) already present")
            else:
                self.stdout.write(
                    f"national data set (seed {options['seed']}): {result.producers} producers, "
                    f"{result.products} products, {result.channels} channels, "
                    f"{result.ip_titles} IP titles, {result.log_entries} audit rows "
                    f"in {time.perf_counter() - started:.1f} s"
                )
            with transaction.atomic():
                certificates = national_certificates_create(
                    seed=options["seed"], today=timezone.localdate()
                )
            self.stdout.write(f"national certificates: {certificates} added")
