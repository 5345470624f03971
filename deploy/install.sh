#!/usr/bin/env bash
# Install or upgrade ocop on one Debian server, without containers. Idempotent: run it again
# after `git pull` to upgrade (the release procedure is in README.md, "Deployment").
#
#   sudo deploy/install.sh            # from a checkout of the release to install
#
# What it does, each step skipped when already done:
#   1. Debian packages the app needs at run time (PDF rendering, fonts, gettext);
#   2. a system user `ocop` and the directories:
#        /opt/ocop/app      the code (copied from this checkout)
#        /opt/ocop/venv     Python 3.12 virtualenv with the pinned requirements
#        /var/lib/ocop      data: SQLite database, media/, staticfiles/, backups/ (owner ocop)
#        /etc/ocop/ocop.env settings (written once from deploy/ocop.env.example with a fresh
#                           secret key; never overwritten — edit it by hand)
#   3. compiled message catalogues, collected static files, database migrations;
#   4. the systemd units (ocop-web, ocop-worker, ocop-daily.timer), enabled and (re)started.
# nginx is not configured for you: deploy/nginx-ocop.conf is the example to adapt.
#
# Variables: PYTHON (default python3.12), PREFIX (/opt/ocop), DATA (/var/lib/ocop),
# ETC (/etc/ocop), NO_START=1 to install the units without starting them.
set -euo pipefail

SRC=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3.12}
PREFIX=${PREFIX:-/opt/ocop}
DATA=${DATA:-/var/lib/ocop}
ETC=${ETC:-/etc/ocop}
APP=$PREFIX/app
VENV=$PREFIX/venv
UNITS=(ocop-web.service ocop-worker.service ocop-daily.service ocop-daily.timer)
DEB_PACKAGES=(gettext fonts-dejavu fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0
  libharfbuzz-subset0 rsync)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
[ "$(id -u)" = 0 ] || { echo "Run as root (sudo $0)"; exit 1; }
command -v "$PYTHON" >/dev/null || { echo "$PYTHON is required"; exit 1; }

say "Debian packages"
missing=()
for p in "${DEB_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

say "user and directories"
id ocop >/dev/null 2>&1 || useradd --system --home-dir "$DATA" --shell /usr/sbin/nologin ocop
install -d -o root -g root -m 0755 "$PREFIX" "$APP"
install -d -o ocop -g ocop -m 0750 "$DATA" "$DATA/media" "$DATA/staticfiles" "$DATA/backups"
install -d -o root -g ocop -m 0750 "$ETC"

say "code → $APP"
if [ "$SRC" != "$APP" ]; then
  rsync -a --delete --exclude .git --exclude .venv --exclude var --exclude '__pycache__' \
    "$SRC/" "$APP/"
fi

say "virtualenv → $VENV"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
want=$(cat "$APP"/requirements/base.txt "$APP"/pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$VENV/.ocop-stamp" 2>/dev/null)" != "$want" ]; then
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q -r "$APP/requirements/base.txt"
  "$VENV/bin/pip" install -q --no-deps -e "$APP"
  echo "$want" > "$VENV/.ocop-stamp"
fi

say "settings → $ETC/ocop.env"
if [ ! -f "$ETC/ocop.env" ]; then
  secret=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')
  sed "s|^OCOP_SECRET_KEY=.*|OCOP_SECRET_KEY=$secret|" "$APP/deploy/ocop.env.example" \
    > "$ETC/ocop.env"
  echo "    wrote $ETC/ocop.env — set OCOP_ALLOWED_HOSTS and the addresses, then run again"
fi
chown root:ocop "$ETC/ocop.env"
chmod 0640 "$ETC/ocop.env"

as_ocop() {
  (cd "$APP" && set -a && . "$ETC/ocop.env" && set +a && runuser -u ocop -- "$VENV/bin/ocop" "$@")
}
say "catalogues, static files, migrations"
(cd "$APP" && "$VENV/bin/ocop" compilemessages --ignore=.venv -v 0)
as_ocop collectstatic --no-input -v 0
as_ocop migrate --no-input -v 1
as_ocop check --deploy --fail-level ERROR

say "systemd units"
for unit in "${UNITS[@]}"; do
  install -m 0644 "$APP/deploy/$unit" "/etc/systemd/system/$unit"
done
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable ocop-web.service ocop-worker.service ocop-daily.timer
  if [ "${NO_START:-0}" != 1 ]; then
    systemctl restart ocop-web.service ocop-worker.service
    systemctl start ocop-daily.timer
  fi
else
  echo "    systemd is not running here: units copied, not enabled"
fi

say "done"
echo "    nginx: adapt $APP/deploy/nginx-ocop.conf into /etc/nginx/sites-available/ocop"
echo "    check: curl --unix-socket /run/ocop/gunicorn.sock http://localhost/readyz"
