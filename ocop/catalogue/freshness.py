"""A data version every write bumps, and the public answers cached under it.

Why: the public search (the catalogue's home page and ``/api/v1/products``) is read far more
often than the data changes; the same query on the same data gives the same answer. Each
server process keeps the answers it rendered (``CACHES["public"]``, per process) under a key
made of the request and the **data version** — a token in one database row
(:class:`~ocop.catalogue.models.DataVersion`) that every server process reads, one indexed
``SELECT`` per request. Nothing is ever served from the cache after a write has committed.

On PostgreSQL the version is a sequence instead of the row (see :func:`_bump_sequence`).

How every write bumps the version: an execute wrapper on every database connection
(``connection_created``) watches the statements; after an ``INSERT``/``UPDATE``/``DELETE`` (or
any other statement that is not a plain read) on a table that is not purely technical
(:data:`IGNORED_TABLES`: sessions, login attempts, the API's rate counters, task queue, the
version row itself), it writes a new random token **in the same transaction**. So the token
and the data commit together — a reader can never see the new data under the old token — and a
rolled-back write takes its token with it. Bulk writes (``bulk_create``, ``update()``), raw SQL
through Django's cursor, imports, the background worker and management commands are all seen;
only a write made outside Django (``psql``, ``sqlite3``) is not: run ``ocop migrate`` or any
write through ocop after one, or wait for the cache timeout (``OCOP_PUBLIC_CACHE_SECONDS``).

The token is bumped after every write statement, not once per transaction: a request served
inside the writing transaction (a test's client, a service that reads after it writes) sees its
own writes too. The bump is one tiny upsert on a one-row table.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

TABLE = "catalogue_dataversion"  # SQLite (writers are serialised there anyway)
SEQUENCE = "catalogue_data_version_seq"  # PostgreSQL
ROW_ID = 1
CACHE_ALIAS = "public"

# Tables whose writes change nothing the public sees (and are written on plain reads: a
# session saved on every staff request, the API's per-address counter on every API request).
IGNORED_TABLES = frozenset(
    {
        TABLE,
        "django_session",
        "api_ratecounter",
        "axes_accessattempt",
        "axes_accessfailurelog",
        "axes_accesslog",
        "django_tasks_database_dbtaskresult",
        "ops_workerheartbeat",  # the worker's sign of life, every few seconds
    }
)

# Statements that never change data (schema changes come from migrations, which bump once they
# are done: ``post_migrate``). Anything else counts as a write (the safe side).
_READ = re.compile(
    r"\s*(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|PRAGMA|SET|SHOW|EXPLAIN|VALUES"
    r"|CREATE|ALTER|DROP)\b",
    re.IGNORECASE,
)
_WRITE_TABLE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
    r"\s+[\"`]?([\w.]+)",
    re.IGNORECASE,
)

_state = threading.local()


def _is_data_write(sql: Any) -> bool:
    if not isinstance(sql, str):
        return True
    if _READ.match(sql):
        return False
    match = _WRITE_TABLE.match(sql)
    return not (match and match.group(1).lower() in IGNORED_TABLES)


def bump(connection: BaseDatabaseWrapper) -> None:
    """Move the data version on (inside the current transaction, if any)."""
    _state.busy = True
    try:
        if connection.vendor == "postgresql":
            _bump_sequence(connection)
        else:
            q = connection.ops.quote_name
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {q(TABLE)} ({q('id')}, {q('token')}) VALUES (%s, %s) "  # noqa: S608 - constant names
                    f"ON CONFLICT ({q('id')}) DO UPDATE SET {q('token')} = EXCLUDED.{q('token')}",
                    [ROW_ID, secrets.token_hex(16)],
                )
    finally:
        _state.busy = False


def _bump_sequence(connection: BaseDatabaseWrapper) -> None:
    """PostgreSQL: a sequence, never a row — writers running side by side must not queue on
    one row lock (or deadlock on it against their own row locks). ``nextval`` is not
    transactional: the version moves at once (the writing transaction sees it; others may
    cache the old data under it meanwhile), so it moves once more after the commit."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [SEQUENCE])
    if not connection.in_atomic_block:
        return
    after_commit = getattr(connection, "_ocop_after_commit", None)
    if after_commit is None:

        def after_commit() -> None:
            bump(connection)

        connection._ocop_after_commit = after_commit  # type: ignore[attr-defined]
    alive = set(connection.savepoint_ids)
    if not any(e[1] is after_commit and e[0] <= alive for e in connection.run_on_commit):
        connection.on_commit(after_commit)


def _watch(execute: Callable[..., Any], sql: Any, params: Any, many: bool, context: Any) -> Any:
    result = execute(sql, params, many, context)
    if getattr(_state, "busy", False) or getattr(_state, "migrating", False):
        return result
    if _is_data_write(sql) and _version_kept(context["connection"]):
        bump(context["connection"])
    return result


def _version_kept(connection: BaseDatabaseWrapper) -> bool:
    """Whether this database has the version table or sequence (known once per connection; a
    database restored at an older schema, before ``ocop migrate``, has none yet)."""
    ready = getattr(connection, "_ocop_version_ready", None)
    if ready is None:
        _state.busy = True
        try:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT to_regclass(%s)", [SEQUENCE])
                    ready = cursor.fetchone()[0] is not None
            else:
                ready = TABLE in connection.introspection.table_names()
        finally:
            _state.busy = False
        connection._ocop_version_ready = ready  # type: ignore[attr-defined]
    return bool(ready)


def watch_connection(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created``: watch the new connection's statements (once per wrapper)."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def migrating(using: str = "default", **kwargs: Any) -> None:
    """``pre_migrate``: migrations create the version table themselves; bump after them."""
    _state.migrating = True
    connections[using]._ocop_version_ready = None  # type: ignore[attr-defined]


def migrated(using: str = "default", **kwargs: Any) -> None:
    """``post_migrate``: whatever migrations changed, the version moves on."""
    _state.migrating = False
    connection = connections[using]
    connection._ocop_version_ready = None  # type: ignore[attr-defined]
    if _version_kept(connection):
        bump(connection)


def current_token(using: str | None = None) -> str:
    """The data version every server process shares (one indexed read).

    Read, by default, where the page's own reads go (``router.db_for_read``): with a replica the
    version and the rows come from the same database, so an answer is never cached under a newer
    version than the rows it was built from (replication lag)."""
    if using is None:
        from ocop.catalogue.models import DataVersion

        using = router.db_for_read(DataVersion)
    connection = connections[using]
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT last_value, is_called FROM {q(SEQUENCE)}")  # noqa: S608 - constant name
        else:
            cursor.execute(
                f"SELECT {q('token')} FROM {q(TABLE)} WHERE {q('id')} = %s",  # noqa: S608 - constant names
                [ROW_ID],
            )
        row = cursor.fetchone()
    return str(row[0]) if row else "-"


def clear_cache(**kwargs: Any) -> None:
    """Forget every cached answer (``setting_changed``: settings shape the answers too)."""
    caches[CACHE_ALIAS].clear()
    _memo.clear()


_memo: dict[str, tuple[str, Any]] = {}


def per_version(name: str, build: Callable[[], Any]) -> Any:
    """``build()``, kept in this process until the data version changes (reference lists)."""
    token = current_token()
    kept = _memo.get(name)
    if kept is not None and kept[0] == token:
        return kept[1]
    value = build()
    _memo[name] = (token, value)
    return value


# --- cached public answers --------------------------------------------------------------------

KEPT_HEADERS = ("Content-Type", "Last-Modified", "Content-Disposition")


def cacheable(request: HttpRequest) -> bool:
    """Only what every anonymous visitor gets alike: a GET with no session and no messages."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def cache_key(request: HttpRequest, name: str, token: str) -> str:
    return "|".join(
        (
            name,
            token,
            timezone.localdate().isoformat(),  # live statuses change with the day
            translation.get_language() or "",
            request.scheme or "",
            request.get_host(),
            request.get_full_path(),
        )
    )


def cached_response(
    request: HttpRequest, name: str, build: Callable[[], HttpResponse]
) -> HttpResponse:
    """The answer ``build`` gives for this request, from this process's cache when the data
    version, the day, the language and the URL are the same; only 200 answers are kept."""
    if not cacheable(request):
        return build()
    key = cache_key(request, name, current_token())
    cache = caches[CACHE_ALIAS]
    hit = cache.get(key)
    if hit is not None:
        content, headers = hit
        response = HttpResponse(content)
        for header, value in headers:
            response[header] = value
        return response
    response = build()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        headers = [(h, response[h]) for h in KEPT_HEADERS if response.has_header(h)]
        cache.set(key, (response.content, headers), settings.OCOP_PUBLIC_CACHE_SECONDS)
    return response
