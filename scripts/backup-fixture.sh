#!/usr/bin/env bash
# Make the upgrade fixture (issue 14 item 6): a backup of a database at this release's schema
# holding every kind of record (`ocop demo` and the programme cycle of tests/backup_seed.py).
# Run it when a release is tagged, replace the previous ocop/core/tests/fixtures/backup-*.tar.xz
# with the new one and commit: ocop/core/tests/test_backup_upgrade.py then restores it and
# migrates it to the next release's schema (docs/adr/0006-backup-restore.md).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(.venv/bin/python -c "from importlib.metadata import version; print(version('ocop'))")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DATABASE_URL="sqlite:///$tmp/ocop.sqlite3" OCOP_MEDIA_ROOT="$tmp/media" \
  OCOP_VAR_DIR="$tmp/var" PYTHONPATH="$PWD"
.venv/bin/ocop migrate --no-input -v 0
.venv/bin/ocop shell -c "from tests.backup_seed import build; build()"
.venv/bin/ocop backup --output "$tmp/backup-$version"
rm -f ocop/core/tests/fixtures/backup-*.tar.xz
XZ_OPT=-9e tar -C "$tmp" --sort=name --owner=0 --group=0 --numeric-owner \
  -cJf "ocop/core/tests/fixtures/backup-$version.tar.xz" "backup-$version"
ls -l ocop/core/tests/fixtures/backup-"$version".tar.xz
