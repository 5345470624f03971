"""Records built by hand for the programme figures (issue 12 "Done when", first point).

Trà Vinh before the merger (legacy province 84), period 2019–2021. Producers and products:

====  ==========================  =================  ===========================================
 P    product                     producer (form)    recognitions (decision date, star, kind)
====  ==========================  =================  ===========================================
 P1   Dừa sáp                     A coop, Phong Phú  15/06/2020 3★ first
 P2   Kẹo dừa                     A                  20/12/2019 3★ first; 10/09/2021 4★ upgrade
 P3   Mắm ba khía                 B LLC, Cầu Quan    01/11/2018 3★ first; 15/07/2020 4★ upgrade
 P4   Bánh tét lá cẩm             B                  30/03/2021 4★ + potential 5★ (QĐ 1048)
 P5   Trà mãng cầu                C household        01/05/2018 3★ first; 01/05/2021 3★ rerating
 P6   Bánh canh                   C                  01/08/2020 3★ first; revoked 01/10/2021
 P7   Chuối sấy                   C                  01/04/2021 3★ first; revoked 01/03/2022
 P8   Cốm dẹp                     D private ent.     decision known only to 2021, 3★
 P9   Rượu Xuân Thạnh             D                  decision known only to 2019–2021, 3★
 P10  Mật hoa dừa                 E coop, Hòa Ân     round year 2021, decision 15/01/2022, 3★
 P11  Tôm khô                     E                  round year 2021, decision 10/03/2022, 3★
 P12  Khô cá lóc                  E                  decision 20/01/2022 (no round year), 3★
 P15  Dừa sáp cao cấp             A                  15/06/2019 4★ + potential 5★; 01/12/2020 5★
                                                     (ministry, upgrade)
 P13  Nem Lai Vung (VL legacy)    F coop, Vĩnh Long  01/06/2020 3★ first
 P14  Kẹo dừa Bến Tre             G LLC, Bến Tre     01/06/2020 3★ first
====  ==========================  =================  ===========================================
"""

from __future__ import annotations

import datetime as dt
import itertools

from ocop.certification.models import Certificate
from ocop.certification.services import ResultInput, certificate_revoke, decision_record
from ocop.geo.models import Authority
from ocop.testing import legacy_unit, make_producer, make_product

D = dt.date
_numbers = itertools.count(1)


def record(
    actor,
    product,
    star,
    day,
    *,
    kind="first",
    potential_5=False,
    round_year=None,
    precision="day",
    until=None,
    authority=None,
):
    authority = authority or Authority.objects.get(
        name="UBND tỉnh Trà Vinh", unit=legacy_unit("province", "84")
    )
    return decision_record(
        actor=actor,
        kind="recognition",
        number=f"{next(_numbers)}/QĐ-UBND",
        signed_on=day,
        date_precision=precision,
        date_until=until,
        authority=authority,
        province=legacy_unit("province", "84"),
        items=[
            ResultInput(
                product=product,
                star=star,
                potential_5=potential_5,
                edition="1048-2019",
                process="1048-2019",
                rating_kind=kind,
                round_year=round_year,
            )
        ],
        is_legacy=True,
    )


def revoke(actor, product, day):
    cert = Certificate.objects.filter(product=product).order_by("-pk").first()
    return certificate_revoke(
        actor=actor,
        certificates=[cert],
        number=f"{next(_numbers)}/QĐ-UBND",
        signed_on=day,
        ground="b",
        reason="Không còn đáp ứng tiêu chí",
        concluded_on=day,
        province=legacy_unit("province", "84"),
    )


def build_records(national):
    """The products of the table above, by their label (P1 … P15); ``national`` records them."""
    phong_phu = legacy_unit("commune", "29326")  # huyện Cầu Kè
    hoa_an = legacy_unit("commune", "29311")  # huyện Cầu Kè
    cau_quan = legacy_unit("commune", "29344")  # huyện Tiểu Cần
    cang_long = legacy_unit("commune", "29266")  # huyện Càng Long
    a = make_producer("Hợp tác xã Dừa sáp Phong Phú", unit=phong_phu, legal_form="cooperative")
    b = make_producer("Công ty TNHH Cầu Quan", unit=cau_quan, legal_form="company_llc")
    c = make_producer("Hộ kinh doanh Năm Lành", unit=cang_long, legal_form="business_household")
    d = make_producer("DNTN Xuân Thạnh", unit=cang_long, legal_form="private_enterprise")
    e = make_producer("Hợp tác xã Hòa Ân", unit=hoa_an, legal_form="cooperative")
    f = make_producer(
        "Hợp tác xã Vĩnh Long", unit=legacy_unit("commune", "29542"), legal_form="cooperative"
    )
    g = make_producer(
        "Công ty TNHH Bến Tre", unit=legacy_unit("commune", "28756"), legal_form="company_llc"
    )
    p = {
        "P1": make_product("Dừa sáp", producer=a),
        "P2": make_product("Kẹo dừa", producer=a, set_number=7),
        "P3": make_product("Mắm ba khía", producer=b),
        "P4": make_product("Bánh tét lá cẩm", producer=b, set_number=7),
        "P5": make_product("Trà mãng cầu", producer=c),
        "P6": make_product("Bánh canh", producer=c),
        "P7": make_product("Chuối sấy", producer=c),
        "P8": make_product("Cốm dẹp", producer=d),
        "P9": make_product("Rượu Xuân Thạnh", producer=d),
        "P10": make_product("Mật hoa dừa", producer=e),
        "P11": make_product("Tôm khô", producer=e),
        "P12": make_product("Khô cá lóc", producer=e),
        "P13": make_product("Nem Lai Vung", producer=f),
        "P14": make_product("Kẹo dừa Bến Tre", producer=g),
        "P15": make_product("Dừa sáp cao cấp", producer=a),
    }
    x = national
    record(x, p["P1"], 3, D(2020, 6, 15))
    record(x, p["P2"], 3, D(2019, 12, 20))
    record(x, p["P2"], 4, D(2021, 9, 10), kind="upgrade")
    record(x, p["P3"], 3, D(2018, 11, 1))
    record(x, p["P3"], 4, D(2020, 7, 15), kind="upgrade")
    record(x, p["P4"], 4, D(2021, 3, 30), potential_5=True)
    record(x, p["P5"], 3, D(2018, 5, 1))
    record(x, p["P5"], 3, D(2021, 5, 1), kind="rerating")
    record(x, p["P6"], 3, D(2020, 8, 1))
    revoke(x, p["P6"], D(2021, 10, 1))
    record(x, p["P7"], 3, D(2021, 4, 1))
    revoke(x, p["P7"], D(2022, 3, 1))
    record(x, p["P8"], 3, D(2021, 1, 1), precision="year")
    record(x, p["P9"], 3, D(2019, 1, 1), precision="period", until=D(2021, 12, 31))
    record(x, p["P10"], 3, D(2022, 1, 15), round_year=2021)
    record(x, p["P11"], 3, D(2022, 3, 10), round_year=2021)
    record(x, p["P12"], 3, D(2022, 1, 20))
    record(x, p["P15"], 4, D(2019, 6, 15), potential_5=True)
    record(
        x,
        p["P15"],
        5,
        D(2020, 12, 1),
        kind="upgrade",
        authority=Authority.objects.get(name="Bộ Nông nghiệp và Phát triển nông thôn"),
    )
    vinh_long = Authority.objects.get(
        name="UBND tỉnh Vĩnh Long", unit=legacy_unit("province", "86")
    )
    ben_tre = Authority.objects.get(name="UBND tỉnh Bến Tre", unit=legacy_unit("province", "83"))
    record(x, p["P13"], 3, D(2020, 6, 1), authority=vinh_long)
    record(x, p["P14"], 3, D(2020, 6, 1), authority=ben_tre)
    return p
