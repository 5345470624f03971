"""The public catalogue in real Chromium: a visitor finds a demo product typed without diacritics,
filters it by star and province, opens it and checks its certificate; axe-core finds no serious
or critical accessibility violation on the five public pages; focus is visible."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ocop.catalogue.tests.conftest import recognise
from ocop.certification.models import Certificate
from ocop.core.audit import acting_as_system
from ocop.demo.registry import demo_registry_create
from ocop.producers.models import Producer
from ocop.products.models import Product

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture
def demo_catalogue(reference_data):
    """The demo registry, with two of its coconut sweets recognised (4★ and 3★)."""
    with acting_as_system():
        demo_registry_create()
    signed = dt.date.today() - dt.timedelta(days=30)  # noqa: DTZ011 - a calendar date for the live server
    durian = Product.objects.get(is_demo=True, name="Kẹo dừa sầu riêng")
    pandan = Product.objects.get(is_demo=True, name="Kẹo dừa lá dứa")
    recognise(durian, star=4, signed_on=signed)
    recognise(pandan, star=3, signed_on=signed - dt.timedelta(days=1))
    return durian


def test_visitor_finds_filters_opens_and_verifies_a_demo_product(page, demo_catalogue):
    page.goto("/")
    page.get_by_label("Tên sản phẩm").fill("keo dua")
    page.get_by_role("button", name="Tìm kiếm", exact=True).click()
    results = page.locator("#results h3")
    expect(results).to_have_count(2)
    page.get_by_label("Hạng sao").select_option(label="★★★★")
    page.get_by_label("Tỉnh/thành phố").select_option(label="Tỉnh Vĩnh Long")
    page.get_by_role("button", name="Lọc").click()
    expect(results).to_have_count(1)
    assert "sao=4" in page.url
    page.get_by_role("link", name="Kẹo dừa sầu riêng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kẹo dừa sầu riêng")
    page.get_by_role("link", name="Xác thực giấy chứng nhận này").click()
    assert "/xac-thuc/" in page.url
    expect(page.get_by_text("còn hiệu lực").first).to_be_visible()


def _axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def test_public_pages_have_no_serious_accessibility_violation(browser, live_server, demo_catalogue):
    # axe is injected as an inline script: this context bypasses the site's CSP for it only.
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    certificate = Certificate.objects.get(product=demo_catalogue)
    producer = Producer.objects.get(pk=demo_catalogue.producer_id)
    from ocop.catalogue.seo import producer_url, product_url

    pages = {
        "home": "/",
        "search results": "/?q=keo+dua&sao=4",
        "product": product_url(demo_catalogue),
        "producer": producer_url(producer),
        "verification": f"/xac-thuc/{certificate.number}",
    }
    found = {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response is not None
        assert response.status == 200, (name, url)
        violations = _axe_violations(page)
        if violations:
            found[name] = violations
    context.close()
    assert found == {}


def test_keyboard_reaches_the_search_and_focus_is_visible(page, demo_catalogue):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua đến nội dung")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["x"] >= 0  # the skip link comes on screen when focused
    page.keyboard.press("Enter")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q":
            break
    expect(page.get_by_label("Tên sản phẩm")).to_be_focused()
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
    )
    assert outline[0] != "none" or outline[2] != "none", outline
