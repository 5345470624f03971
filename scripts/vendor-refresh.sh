#!/usr/bin/env bash
# Refresh vendored front-end files from the npm registry (run by a developer, never at run time).
# Versions are pinned here; commit the result under static/vendor/.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fetch() { # package@version, file inside package, destination
  (cd "$tmp" && npm pack --silent "$1" >/dev/null)
  tgz=$(ls "$tmp"/*.tgz | head -1)
  mkdir -p "$tmp/x" && tar -xzf "$tgz" -C "$tmp/x"
  mkdir -p "$(dirname "$3")"
  cp "$tmp/x/package/$2" "$3"
  cp "$tmp/x/package/LICENSE"* "$(dirname "$3")/" 2>/dev/null || true
  rm -rf "$tmp/x" "$tgz"
}
fetch htmx.org@2.0.8 dist/htmx.min.js static/vendor/htmx/htmx.min.js
fetch @picocss/pico@2.1.1 css/pico.min.css static/vendor/pico/pico.min.css
fetch chart.js@4.5.1 dist/chart.umd.min.js static/vendor/chartjs/chart.umd.min.js
# The source map is not vendored: its comment would make production's collectstatic (manifest
# storage) fail looking for it.
sed -i '/^\/\/# sourceMappingURL=/d' static/vendor/chartjs/chart.umd.min.js
# Tests only (accessibility checks of the public pages), never served:
fetch axe-core@4.14.1 axe.min.js tests/browser/vendor/axe-core/axe.min.js
echo "vendored files refreshed:"; find static/vendor -type f | sort
