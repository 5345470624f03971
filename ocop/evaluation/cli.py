"""Argument checks shared by the read-only rule commands: Vietnamese messages, exit non-zero.

The options are taken as plain strings and checked here rather than by argparse (``type=`` or
``choices=``), whose messages are English.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

FORMATS = ("json", "text")


def required(value: str | None, option: str) -> str:
    if value is None or not value.strip():
        raise CommandError(_("Missing %(option)s.") % {"option": option})
    return value.strip()


def action(value: str | None, command: str, expected: str) -> None:
    if value != expected:
        raise CommandError(
            _("Unknown action “%(value)s”: write “ocop %(command)s %(expected)s …”.")
            % {"value": value or "", "command": command, "expected": expected}
        )


def iso_date(value: str | None, option: str) -> dt.date:
    text = required(value, option)
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(
            _("%(option)s must be a date written YYYY-MM-DD, e.g. 2026-05-22 (got “%(value)s”).")
            % {"option": option, "value": text}
        ) from exc


def one_of(value: str | None, option: str, allowed: Sequence[str]) -> str:
    text = required(value, option)
    if text not in allowed:
        raise CommandError(
            _("%(option)s must be one of %(allowed)s (got “%(value)s”).")
            % {"option": option, "allowed": ", ".join(allowed), "value": text}
        )
    return text


def whole_number(value: str | None, option: str) -> int:
    text = required(value, option)
    if not text.isdigit():
        raise CommandError(
            _("%(option)s must be a whole number, 0 or more (got “%(value)s”).")
            % {"option": option, "value": text}
        )
    return int(text)


def output_format(value: str | None) -> str:
    return one_of(value or "text", "--format", FORMATS)


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
