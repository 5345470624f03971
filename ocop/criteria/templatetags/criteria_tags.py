"""Template helpers for criteria sheets: star markers as printed in Phụ lục II."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def star_marker(star: int | None) -> str:
    """3 → "***" (the legend: *** 3 sao, **** 4 sao, ***** 5 sao)."""
    return "*" * star if star else ""


@register.filter
def stars(star: int | None) -> str:
    """An awarded star as ★ characters."""
    return "★" * star if star else ""


@register.filter
def get_item(mapping: Mapping[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.filter
def option_text(criterion: Any, position: int) -> str:
    """The law's wording of option ``position`` of an engine criterion."""
    return str(criterion.option(position).text)
