#!/usr/bin/env bash
# Extract every app's translatable strings into its Vietnamese catalogue (ocop/<app>/locale/vi).
# Translate the new entries, then `make check` fails while any entry is untranslated or fuzzy.
set -euo pipefail
cd "$(dirname "$0")/.."
for app in ocop/*/; do
  [ -f "$app/apps.py" ] || continue
  grep -rqE "gettext|translate|_\(" "$app" --include=*.py --include=*.html || continue
  mkdir -p "$app/locale"
  (cd "$app" && ../../.venv/bin/django-admin makemessages -l vi --no-location --no-obsolete -v 0)
done
