"""Demo registry data for the demo province (the new Vĩnh Long, 86): idempotent, marked demo.

Names are plausible, not real registrations; tax numbers are synthetic (valid check digit, in a
range starting with 98). The caller provides the audit actor (``SystemCommand``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ocop.accounts.models import User
from ocop.geo.models import AdminUnit
from ocop.producers.choices import EnterpriseSize, Gender, LegalForm
from ocop.producers.models import Producer, ProducerAccount
from ocop.producers.selectors import unit_current_province
from ocop.producers.taxcode import make_valid
from ocop.products.choices import ChannelKind, IPKind, ProductStatus
from ocop.products.models import Channel, IPTitle, Product, ProductSet

DEMO_PRODUCER_USERNAME = "chuthe.1"


@dataclass(frozen=True)
class DemoProducer:
    name: str
    legal_form: str
    commune: str  # commune code on the 2025 map (province 86)
    representative: str
    gender: str
    ethnicity: str
    products: tuple[tuple[str, int, str], ...]  # (name, product set number, status)
    size: str = EnterpriseSize.NOT_APPLICABLE
    trademark: str = ""
    channel: tuple[str, str] | None = None  # (kind, partner)


A, D = ProductStatus.ACTIVE, ProductStatus.DRAFT
HTX, LLC, JSC = LegalForm.COOPERATIVE, LegalForm.COMPANY_LLC, LegalForm.COMPANY_JSC
HKD, HSX, TRT = LegalForm.BUSINESS_HOUSEHOLD, LegalForm.PRODUCTION_HOUSEHOLD, LegalForm.FARM
F, M = Gender.FEMALE, Gender.MALE
SMALL, MICRO = EnterpriseSize.SMALL, EnterpriseSize.MICRO
SM = ChannelKind.SUPERMARKET
EC = ChannelKind.ECOMMERCE
SH = ChannelKind.OCOP_SHOWROOM

DEMO_PRODUCERS: tuple[DemoProducer, ...] = (
    DemoProducer(
        "Hợp tác xã Dừa sáp Cầu Kè", HTX, "29308", "Võ Thanh Bình", M, "Kinh",
        (("Dừa sáp Cầu Kè", 1, A), ("Kem dừa sáp", 7, A), ("Dầu dừa nguyên chất", 19, D)),
        trademark="Dừa sáp Cầu Kè", channel=(SM, "Hệ thống siêu thị Co.opmart"),
    ),
    DemoProducer(
        "Cơ sở bánh tét Trà Cuôn Út Hạnh", HKD, "29416", "Thạch Thị Hạnh", F, "Khmer",
        (("Bánh tét Trà Cuôn", 6, A), ("Bánh ít lá gai", 6, A)),
        channel=(EC, "Sàn thương mại điện tử (demo)"),
    ),
    DemoProducer(
        "Công ty TNHH Trà Vinh Farm", LLC, "29242", "Nguyễn Minh Tâm", M, "Kinh",
        (("Mật hoa dừa Trà Vinh", 4, A), ("Đường hoa dừa", 4, A)),
        size=SMALL, trademark="Trà Vinh Farm", channel=(SM, "Siêu thị GO! Trà Vinh"),
    ),
    DemoProducer(
        "HTX Nông nghiệp Cốm dẹp Ba So", HTX, "29461", "Kim Sóc Phia", M, "Khmer",
        (("Cốm dẹp Ba So", 6, A),), channel=(SH, "Điểm bán OCOP tỉnh Vĩnh Long"),
    ),
    DemoProducer(
        "Cơ sở kẹo dừa Thanh Long", HKD, "28903", "Lê Thị Thanh", F, "Kinh",
        (("Kẹo dừa sầu riêng", 7, A), ("Kẹo dừa lá dứa", 7, A), ("Bánh tráng dừa", 6, D)),
        trademark="Thanh Long", channel=(SM, "Hệ thống siêu thị Co.opmart"),
    ),
    DemoProducer(
        "Hợp tác xã Bưởi da xanh Chợ Lách", HTX, "28870", "Trần Văn Thủy", M, "Kinh",
        (("Bưởi da xanh Chợ Lách", 1, A), ("Tinh dầu vỏ bưởi", 20, A)),
        trademark="Bưởi da xanh Chợ Lách", channel=(SM, "Hệ thống siêu thị Lotte Mart"),
    ),
    DemoProducer(
        "Hộ kinh doanh Bánh phồng Sơn Đốc Tư Hòa", HKD, "29044", "Nguyễn Thị Hòa", F, "Kinh",
        (("Bánh phồng Sơn Đốc", 6, A), ("Bánh phồng sữa", 6, A)),
    ),
    DemoProducer(
        "Công ty cổ phần Thực phẩm Cửu Long Xanh", JSC, "29557", "Phạm Quốc Đạt", M, "Kinh",
        (("Khô cá lóc", 8, A), ("Chả cá thát lát", 8, D), ("Nước mắm cá cơm", 9, A)),
        size=SMALL, channel=(EC, "Sàn thương mại điện tử (demo)"),
    ),
    DemoProducer(
        "Trang trại Khoai lang Bình Tân", TRT, "29800", "Đỗ Văn Lợi", M, "Kinh",
        (("Khoai lang tím Nhật Bình Tân", 1, A),),
    ),
    DemoProducer(
        "HTX Gốm đỏ Mang Thít", HTX, "29641", "Huỳnh Thị Ngọc", F, "Kinh",
        (("Bình gốm đỏ Mang Thít", 21, A), ("Chậu gốm trang trí", 21, A)),
        trademark="Gốm đỏ Mang Thít",
    ),
    DemoProducer(
        "Cơ sở sản xuất Rượu Xuân Thạnh", HKD, "29263", "Trương Văn Xuân", M, "Hoa",
        (("Rượu Xuân Thạnh 40 độ", 14, A), ("Rượu nếp than", 14, D)),
        trademark="Xuân Thạnh",
    ),
    DemoProducer(
        "HTX Du lịch cộng đồng Cù lao An Bình", HTX, "29584", "Lê Văn Mười", M, "Kinh",
        (("Du lịch miệt vườn Cù lao An Bình", 26, A),),
    ),
    DemoProducer(
        "Hộ sản xuất Chôm chôm Bình Hòa Phước", HSX, "29584", "Nguyễn Thị Út", F, "Kinh",
        (("Chôm chôm Java", 1, A),),
    ),
    DemoProducer(
        "HTX Hoa kiểng Cái Mơn", HTX, "28894", "Trần Thị Kiều", F, "Kinh",
        (("Mai vàng Cái Mơn", 24, A), ("Hoa giấy ghép", 23, A), ("Cây giống sầu riêng", 24, D)),
    ),
    DemoProducer(
        "Công ty TNHH MTV Lục bình Trà Ôn", LLC, "29821", "Võ Thị Mỹ", F, "Kinh",
        (("Giỏ lục bình đan tay", 21, A), ("Thảm xơ dừa", 21, A)),
        size=MICRO, channel=(ChannelKind.EXPORT, "Đối tác nhập khẩu (demo)"),
    ),
    DemoProducer(
        "HTX Gạo sạch Tam Bình", HTX, "29719", "Phan Văn Hiền", M, "Kinh",
        (("Gạo ST25 Tam Bình", 3, A), ("Bột gạo lứt", 6, D)),
    ),
    DemoProducer(
        "Hộ kinh doanh Trà mãng cầu Cô Năm", HKD, "29374", "Sơn Thị Năm", F, "Khmer",
        (("Trà mãng cầu xiêm", 12, A), ("Trà lá sen", 12, A)),
    ),
    DemoProducer(
        "HTX Thủy sản Duyên Hải", HTX, "29512", "Lâm Văn Sáu", M, "Kinh",
        (("Nghêu Duyên Hải", 2, A), ("Tôm khô Đông Hải", 8, A), ("Mắm tôm chua", 9, D)),
        trademark="Thủy sản Duyên Hải",
    ),
    DemoProducer(
        "Cơ sở Mật ong Cù lao Minh", HKD, "28981", "Nguyễn Văn Mật", M, "Kinh",
        (("Mật ong hoa dừa", 4, A),),
    ),
    DemoProducer(
        "Công ty TNHH Nước giải khát Dừa Xiêm Xanh", LLC, "28777", "Đặng Thị Yến", F, "Kinh",
        (("Nước dừa xiêm đóng chai", 17, A), ("Thạch dừa", 7, A)),
        size=SMALL, channel=(ChannelKind.CONVENIENCE_STORE, "Chuỗi cửa hàng tiện lợi (demo)"),
    ),
    DemoProducer(
        "HTX Dược liệu Tiểu Cần", HTX, "29341", "Thạch Sa Rươne", M, "Khmer",
        (("Cao đinh lăng", 18, A), ("Trà gừng mật ong", 12, D)),
    ),
    DemoProducer(
        "Hộ sản xuất Bánh canh Bến Có", HSX, "29506", "Kiên Thị Sa", F, "Khmer",
        (("Bánh canh Bến Có khô", 6, A),),
    ),
    DemoProducer(
        "Cơ sở Chuối sấy Giồng Trôm", HKD, "28984", "Phạm Thị Lệ", F, "Kinh",
        (("Chuối sấy dẻo", 7, A), ("Mít sấy giòn", 7, A)),
    ),
    DemoProducer(
        "HTX Cá cảnh Long Hồ", HTX, "29602", "Nguyễn Văn Khải", M, "Kinh",
        (("Cá Koi Long Hồ", 25, D),),
    ),
    DemoProducer(
        "Công ty TNHH Thời trang Tơ sen Mekong", LLC, "29593", "Hồ Thị Sen", F, "Kinh",
        (("Khăn lụa tơ sen", 22, A),), size=MICRO,
    ),
    DemoProducer(
        "HTX Nước khoáng Suối Mekong", HTX, "29830", "Đinh Văn Nguyên", M, "Kinh",
        (("Nước uống tinh khiết đóng bình", 16, D),),
    ),
    DemoProducer(
        "Hộ kinh doanh Bò khô Cầu Ngang", HKD, "29416", "Thạch Văn Rết", M, "Khmer",
        (("Khô bò một nắng", 8, A),),
    ),
    DemoProducer(
        "HTX Cà phê cacao Mỏ Cày", HTX, "28903", "Lê Văn Ca", M, "Kinh",
        (("Bột cacao nguyên chất", 13, A), ("Socola cacao Bến Tre", 13, D)),
    ),
    DemoProducer(
        "Cơ sở Hành tím Vĩnh Châu Trà Vinh", HKD, "29461", "Kim Thị Sóc", F, "Khmer",
        (("Hành tím sấy", 10, A), ("Tiêu xanh ngâm", 10, D)),
    ),
    DemoProducer(
        "Hộ sản xuất Vú sữa Lò Rèn Vĩnh Kim", HSX, "29431", "Trần Văn Rèn", M, "Kinh",
        (("Vú sữa Lò Rèn", 1, A),),
    ),
)  # fmt: skip


def _unit(code: str) -> AdminUnit:
    return AdminUnit.objects.select_related("map", "province").get(
        map__valid_to__isnull=True, level="commune", code=code
    )


def demo_tax_code(index: int) -> str:
    """A synthetic, check-digit-valid number from the 98… range (never a real registration)."""
    n = index
    while True:
        code = make_valid(f"98{n:07d}")
        if code is not None:
            return code
        n += 100_000


def demo_personal_id(index: int, gender: str) -> str:
    """A fictitious 12-digit personal ID for a demo household's representative (never a real
    person: the serial starts with 99 99), so the sensitive-field policy shows on demo data."""
    century_gender = "1" if gender == Gender.FEMALE else "0"
    return f"084{century_gender}{75 + index % 20:02d}99{index:04d}"


def demo_registry_create() -> tuple[int, int]:
    """Create the demo producers and products (idempotently); return the counts."""
    sets = {s.number: s for s in ProductSet.objects.all()}
    producers = products = 0
    for index, spec in enumerate(DEMO_PRODUCERS, start=1):
        unit = _unit(spec.commune)
        producer = Producer.objects.filter(is_demo=True, name=spec.name).first()
        if producer is None:
            producer = Producer(
                name=spec.name,
                legal_form=spec.legal_form,
                enterprise_size=spec.size,
                tax_code=demo_tax_code(index),
                representative_name=spec.representative,
                representative_title="Giám đốc" if spec.legal_form in (HTX, LLC, JSC) else "Chủ hộ",
                representative_gender=spec.gender,
                representative_ethnicity=spec.ethnicity,
                representative_has_disability=index % 9 == 0,
                representative_personal_id=(
                    demo_personal_id(index, spec.gender)
                    if spec.legal_form in (HKD, HSX, TRT)
                    else ""
                ),
                address_unit=unit,
                address_province=unit_current_province(unit),
                address_detail=f"Ấp {index}",
                phone=f"0294 38{index:02d} 123",
                founded_on=dt.date(2010 + index % 12, 1 + index % 12, 1 + index % 27),
                registered_on=dt.date(2012 + index % 12, 1 + index % 12, 1 + index % 27),
                is_demo=True,
            )
            producer.save()
            producers += 1
            if spec.trademark:
                IPTitle.objects.create(
                    producer=producer,
                    kind=IPKind.TRADEMARK_REGISTRATION,
                    title=spec.trademark,
                    number=f"4-0{300000 + index * 137}-000",
                    filed_on=dt.date(2018 + index % 5, 3, 1),
                    granted_on=dt.date(2020 + index % 5, 6, 1),
                    valid_until=dt.date(2028 + index % 5, 3, 1),
                )
        for p_index, (name, set_number, status) in enumerate(spec.products, start=1):
            if Product.objects.filter(is_demo=True, producer=producer, name=name).exists():
                continue
            product = Product(
                name=name,
                producer=producer,
                origin_unit=unit,
                product_set=sets[set_number],
                status=status,
                description=f"{name} — sản phẩm demo của {spec.name}.",
                legacy_code=f"DEMO-86-{index:02d}{p_index}",
                is_demo=True,
            )
            product.save()
            products += 1
            if spec.channel and p_index == 1:
                Channel.objects.create(
                    product=product,
                    kind=spec.channel[0],
                    partner_name=spec.channel[1],
                    contract_start=dt.date(2025, 1, 1),
                    contract_end=dt.date(2027, 12, 31),
                )
    owner = User.objects.filter(username=DEMO_PRODUCER_USERNAME).first()
    first = Producer.objects.filter(is_demo=True, name=DEMO_PRODUCERS[0].name).first()
    if owner is not None and first is not None:
        ProducerAccount.objects.get_or_create(producer=first, user=owner)
    return producers, products
