#!/usr/bin/env bash
# Make sure the programs the test suite starts itself are present (each checked with
# `command -v`): redis-server for the Redis tests (tests/conftest.py's redis_server), and
# pg_dump/pg_restore for the backup round trip when DATABASE_URL points at PostgreSQL.
# chromium is scripts/ensure-browser.sh's, java and npm scripts/ensure-vnu.sh's. Installs
# with apt-get when root; otherwise fails with a clear message. Prints nothing when all is there.
set -euo pipefail
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
case "${DATABASE_URL:-}" in
  postgres://* | postgresql://*)
    { command -v pg_dump >/dev/null && command -v pg_restore >/dev/null; } || missing+=(postgresql-client)
    ;;
esac
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} with apt-get for the tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "ERROR: the tests need ${missing[*]} (redis-server for the Redis tests, pg_dump and" >&2
echo "pg_restore for the PostgreSQL backup test). Install as root: apt-get install ${missing[*]}" >&2
exit 1
