#!/usr/bin/env bash
# ocop daily jobs (run by ocop-daily.timer as the ocop user; safe to run by hand):
#   1. the re-rating reminders due today (idempotent: a re-run sends nothing twice);
#   2. a backup into $OCOP_BACKUP_DIR/ocop-YYYYmmdd-HHMMSS (`ocop backup --output DIR`);
#   3. retention: keep the newest $OCOP_BACKUP_KEEP backups, delete older ones — only after
#      today's backup succeeded, and only directories this script named.
# Settings (environment, /etc/ocop/ocop.env): OCOP_BACKUP_DIR (default /var/lib/ocop/backups),
# OCOP_BACKUP_KEEP (default 14), OCOP (the ocop command, default: `ocop` on PATH).
set -euo pipefail

OCOP=${OCOP:-ocop}
BACKUP_DIR=${OCOP_BACKUP_DIR:-/var/lib/ocop/backups}
KEEP=${OCOP_BACKUP_KEEP:-14}

log() { printf '%s ocop-daily %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }

case "$KEEP" in
  '' | *[!0-9]* | 0) log "OCOP_BACKUP_KEEP must be a whole number ≥ 1 (got '$KEEP')"; exit 2 ;;
esac

log "reminders"
"$OCOP" reminders send

mkdir -p "$BACKUP_DIR"
target="$BACKUP_DIR/ocop-$(date +%Y%m%d-%H%M%S)"
log "backup → $target"
# Written under a temporary name and renamed when complete: a failed or interrupted backup
# never counts as one of the kept ones.
"$OCOP" backup --output "$target.partial"
mv "$target.partial" "$target"

log "retention: keep the newest $KEEP"
mapfile -t backups < <(find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d \
  -regextype posix-extended -regex '.*/ocop-[0-9]{8}-[0-9]{6}' -printf '%f\n' | sort -r)
for old in "${backups[@]:$KEEP}"; do
  log "delete $old"
  rm -rf -- "${BACKUP_DIR:?}/$old"
done
# Leftovers of interrupted runs older than a day.
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name 'ocop-*.partial' -mtime +0 \
  -exec rm -rf -- {} +
log "done"
