"""A synthetic national registry (≈ 9,000 producers, ≈ 20,000 products over the 34 provinces).

Deterministic from ``seed``; written in bulk (``bulk_create`` skips ``save()`` and the audit
signals, so the stored text columns and the audit rows are written here explicitly). Every row
is marked ``is_demo``. Used by ``ocop demo --scale national`` and the benchmarks.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from ocop.core.audit import current_actor
from ocop.geo.models import AdminUnit
from ocop.producers.choices import EnterpriseSize, Gender, LegalForm
from ocop.producers.models import Producer
from ocop.producers.taxcode import make_valid
from ocop.products.choices import ChannelKind, IPKind, ProductStatus
from ocop.products.models import Channel, IPTitle, Product, ProductSet

PRODUCERS = 9_000
PRODUCTS = 20_000
BATCH = 1_000

# Product words per set number (Annex II numbering), combined with place names.
SET_WORDS: dict[int, tuple[str, ...]] = {
    1: ("Bưởi da xanh", "Xoài cát Hòa Lộc", "Cam sành", "Dừa xiêm", "Thanh long ruột đỏ",
        "Vải thiều", "Nhãn lồng", "Rau an toàn", "Sầu riêng Ri6", "Khoai lang tím", "Chuối già"),
    2: ("Thịt lợn đen", "Gà đồi", "Trứng gà ác", "Tôm càng xanh", "Cá lăng", "Sữa bò tươi"),
    3: ("Gạo ST25", "Gạo nếp cái hoa vàng", "Gạo lứt đỏ", "Đậu xanh", "Lạc đỏ"),
    4: ("Mật ong bạc hà", "Mật ong hoa cà phê", "Mật hoa dừa", "Mật mía"),
    5: ("Bánh mì que", "Xúc xích tươi", "Chả giò"),
    6: ("Bánh tét", "Bánh phồng tôm", "Bún khô", "Bánh đa nem", "Cốm dẹp", "Miến dong",
        "Bánh tráng phơi sương", "Phở khô"),
    7: ("Kẹo dừa", "Mứt gừng", "Chuối sấy", "Mít sấy", "Măng khô", "Hạt điều rang muối"),
    8: ("Chả cá", "Khô cá lóc", "Lạp xưởng", "Nem chua", "Tôm khô", "Ruốc tôm", "Mắm tép"),
    9: ("Nước mắm", "Tương bần", "Mắm tôm", "Nước tương"),
    10: ("Muối ớt", "Tỏi đen", "Hạt tiêu đen", "Hành tím"),
    11: ("Chè Shan tuyết", "Trà xanh Thái Nguyên", "Chè búp"),
    12: ("Trà hoa cúc", "Trà atiso", "Trà mãng cầu", "Trà lá sen"),
    13: ("Cà phê Robusta", "Cà phê Arabica", "Bột cacao"),
    14: ("Rượu nếp cái", "Rượu ngô men lá", "Rượu gạo"),
    15: ("Rượu vang sim", "Rượu mơ", "Rượu chuối hột"),
    16: ("Nước khoáng thiên nhiên", "Nước uống đóng chai"),
    17: ("Nước dừa đóng chai", "Nước ép chanh dây", "Siro gừng"),
    18: ("Cao đinh lăng", "Viên tỏi đen", "Trà giảo cổ lam"),
    19: ("Dầu gội bồ kết", "Xà phòng nghệ", "Son dầu dừa"),
    20: ("Tinh dầu sả chanh", "Tinh dầu quế", "Tinh dầu bưởi"),
    21: ("Gốm", "Mây tre đan", "Thổ cẩm dệt tay", "Nón lá", "Chiếu cói"),
    22: ("Áo bà ba", "Khăn lụa", "Vải lanh"),
    23: ("Hoa lan", "Hoa cúc", "Hoa hồng"),
    24: ("Mai vàng", "Bonsai sanh", "Cây kiểng lá"),
    25: ("Cá Koi", "Chim cảnh", "Cá bảy màu"),
    26: ("Du lịch cộng đồng", "Du lịch sinh thái miệt vườn", "Điểm du lịch làng nghề"),
}  # fmt: skip
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Thạch", "Kim")  # fmt: skip
MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu", "Thu")
GIVEN = ("An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khánh",
         "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thủy",
         "Trang", "Tuấn", "Út", "Xuân", "Yến")  # fmt: skip
LEGAL_MIX = (
    (LegalForm.COOPERATIVE, "Hợp tác xã", 30),
    (LegalForm.COOPERATIVE, "HTX", 4),
    (LegalForm.COMPANY_LLC, "Công ty TNHH", 14),
    (LegalForm.COMPANY_LLC, "Công ty TNHH MTV", 4),
    (LegalForm.COMPANY_JSC, "Công ty cổ phần", 6),
    (LegalForm.PRIVATE_ENTERPRISE, "Doanh nghiệp tư nhân", 2),
    (LegalForm.COOPERATIVE_GROUP, "Tổ hợp tác", 3),
    (LegalForm.FARM, "Trang trại", 3),
    (LegalForm.PRODUCTION_HOUSEHOLD, "Hộ sản xuất", 14),
    (LegalForm.BUSINESS_HOUSEHOLD, "Hộ kinh doanh", 20),
)
ENTERPRISES = (LegalForm.COMPANY_LLC, LegalForm.COMPANY_JSC, LegalForm.PRIVATE_ENTERPRISE)
HOUSEHOLDS = (LegalForm.PRODUCTION_HOUSEHOLD, LegalForm.BUSINESS_HOUSEHOLD, LegalForm.FARM)
ETHNICITIES = ("Kinh",) * 8 + ("Tày", "Thái", "Mường", "Khmer", "H'Mông", "Nùng", "Hoa")


@dataclass(frozen=True)
class NationalResult:
    producers: int
    products: int
    channels: int
    ip_titles: int
    log_entries: int
    skipped: bool = False


def marker(seed: int) -> str:
    return f"DEMO-N{seed}-000001"


def _person(rng: random.Random) -> tuple[str, str]:
    middle = rng.choice(MIDDLE)
    gender = Gender.FEMALE if middle == "Thị" or rng.random() < 0.3 else Gender.MALE
    return f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}", gender


def _log_entries(
    objects: Sequence[models.Model], fields: Iterable[str], actor: Any, when: dt.datetime
) -> list[LogEntry]:
    fields = tuple(fields)
    if not objects:
        return []
    ct = ContentType.objects.get_for_model(objects[0])
    return [
        LogEntry(
            content_type=ct,
            object_pk=str(obj.pk),
            object_id=obj.pk,
            object_repr=str(obj)[:200],
            action=LogEntry.Action.CREATE,
            changes={f: ["None", str(getattr(obj, f))] for f in fields},
            changes_text="",
            actor=actor,
            timestamp=when,
        )
        for obj in objects
    ]


def national_registry_create(*, seed: int) -> NationalResult:
    """Generate the national data set for ``seed`` once (a second call changes nothing)."""
    if Product.objects.filter(legacy_code=marker(seed)).exists():
        return NationalResult(0, 0, 0, 0, 0, skipped=True)
    actor = current_actor()
    rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible from the seed
    now = timezone.now()
    communes: dict[int, list[AdminUnit]] = defaultdict(list)
    provinces = {
        p.pk: p for p in AdminUnit.objects.filter(level="province", map__valid_to__isnull=True)
    }
    commune_qs = AdminUnit.objects.filter(level="commune", map__valid_to__isnull=True)
    for unit in commune_qs.select_related("province").order_by("code"):
        communes[unit.province_id or unit.parent_id or 0].append(unit)
    province_ids = sorted(pid for pid in communes if pid in provinces)
    weights = [len(communes[pid]) * rng.uniform(0.6, 1.4) for pid in province_ids]
    sets = {s.number: s for s in ProductSet.objects.all()}
    set_numbers = sorted(SET_WORDS)
    set_weights = [8 if n <= 13 else 3 for n in set_numbers]
    legal_weights = [w for _, _, w in LEGAL_MIX]

    # How many products each producer makes: 1 each, the rest spread at random.
    per_producer = [1] * PRODUCERS
    for _ in range(PRODUCTS - PRODUCERS):
        per_producer[rng.randrange(PRODUCERS)] += 1

    producers: list[Producer] = []
    seed_digit = seed % 10
    for i in range(PRODUCERS):
        pid = rng.choices(province_ids, weights)[0]
        unit = rng.choice(communes[pid])
        form, prefix, _w = rng.choices(LEGAL_MIX, legal_weights)[0]
        person, gender = _person(rng)
        place = unit.name
        words = rng.choice(SET_WORDS[rng.choice(set_numbers)])
        if form in HOUSEHOLDS:
            name = f"{prefix} {person}" if rng.random() < 0.5 else f"{prefix} {words} {place}"
        else:
            name = f"{prefix} {words} {place}"
        if form in HOUSEHOLDS and rng.random() < 0.6:
            tax_code = f"0{int(unit.province.code if unit.province else 1):02d}{i:09d}"[:12]
        else:
            n = i
            while (code := make_valid(f"97{seed_digit}{n:06d}")) is None:
                n += 10_000
            tax_code = code
        producer = Producer(
            name=name,
            legal_form=form,
            enterprise_size=(
                rng.choice((EnterpriseSize.MICRO, EnterpriseSize.SMALL, EnterpriseSize.MEDIUM))
                if form in ENTERPRISES
                else EnterpriseSize.NOT_APPLICABLE
            ),
            tax_code=tax_code,
            representative_name=person,
            representative_title="Chủ hộ" if form in HOUSEHOLDS else "Giám đốc",
            representative_gender=gender,
            representative_ethnicity=rng.choice(ETHNICITIES),
            representative_has_disability=rng.random() < 0.02,
            address_unit=unit,
            address_province=provinces[pid],
            address_detail=f"Ấp {rng.randint(1, 12)}",
            phone=f"0{rng.randint(200, 299)} {rng.randint(1000, 9999)} {rng.randint(100, 999)}",
            founded_on=dt.date(rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28)),
            is_demo=True,
            created_at=now,
            updated_at=now,
        )
        producer.compute_text_columns()
        producers.append(producer)

    with transaction.atomic():
        created_producers = Producer.objects.bulk_create(producers, batch_size=BATCH)
        logs = _log_entries(created_producers, ("name", "legal_form", "tax_code"), actor, now)

        products: list[Product] = []
        serial = 0
        statuses = (ProductStatus.ACTIVE,) * 8 + (ProductStatus.DRAFT, ProductStatus.DISCONTINUED)
        for producer, count in zip(created_producers, per_producer, strict=True):
            for _ in range(count):
                serial += 1
                number = rng.choices(set_numbers, set_weights)[0]
                place = producer.address_unit.name
                name = f"{rng.choice(SET_WORDS[number])} {place}"
                if rng.random() < 0.3:
                    name = f"{name} {rng.choice(('loại 1', 'đặc biệt', 'hộp quà', 'túi 500 g'))}"
                product = Product(
                    name=name,
                    producer=producer,
                    origin_unit=producer.address_unit,
                    product_set=sets[number],
                    status=rng.choice(statuses),
                    description=f"{name}: sản phẩm của {producer.name}.",
                    legacy_code=f"DEMO-N{seed}-{serial:06d}",
                    is_demo=True,
                    created_at=now,
                    updated_at=now,
                )
                product.compute_text_columns()
                products.append(product)
        created_products = Product.objects.bulk_create(products, batch_size=BATCH)
        logs += _log_entries(created_products, ("name", "product_set", "status"), actor, now)

        channels: list[Channel] = []
        kinds = list(ChannelKind.values)
        for product in created_products:
            if rng.random() < 0.35:
                start = dt.date(rng.randint(2022, 2026), rng.randint(1, 12), 1)
                channels.append(
                    Channel(
                        product=product,
                        kind=rng.choice(kinds),
                        partner_name=rng.choice(
                            ("Co.opmart", "WinMart", "Lotte Mart", "Shopee", "Đại lý tỉnh")
                        ),
                        contract_start=start,
                        contract_end=start + dt.timedelta(days=365 * rng.randint(1, 3)),
                        created_at=now,
                        updated_at=now,
                    )
                )
        created_channels = Channel.objects.bulk_create(channels, batch_size=BATCH)
        logs += _log_entries(created_channels, ("kind", "partner_name"), actor, now)

        titles: list[IPTitle] = []
        for producer in created_producers:
            if rng.random() < 0.3:
                granted = dt.date(rng.randint(2012, 2025), rng.randint(1, 12), 1)
                titles.append(
                    IPTitle(
                        producer=producer,
                        kind=rng.choice(
                            (IPKind.TRADEMARK_REGISTRATION,) * 3
                            + (IPKind.TRADEMARK_APPLICATION, IPKind.GI_USE_RIGHT)
                        ),
                        title=producer.name[-40:],
                        number=f"4-0{rng.randint(100000, 599999)}-000",
                        granted_on=granted,
                        valid_until=granted + dt.timedelta(days=3652),
                        created_at=now,
                        updated_at=now,
                    )
                )
        created_titles = IPTitle.objects.bulk_create(titles, batch_size=BATCH)
        logs += _log_entries(created_titles, ("kind", "number"), actor, now)
        LogEntry.objects.bulk_create(logs, batch_size=BATCH)
    return NationalResult(
        producers=len(created_producers),
        products=len(created_products),
        channels=len(created_channels),
        ip_titles=len(created_titles),
        log_entries=len(logs),
    )
