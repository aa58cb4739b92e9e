#!/usr/bin/env bash
# Install (Debian's postgresql) and start a local PostgreSQL, and create the role and
# database the test suite uses. Idempotent. Prints the DATABASE_URL to use.
set -euo pipefail
PGVER=15
ROLE=bijiang
PASSWORD=bijiang
if ! command -v pg_ctlcluster >/dev/null || [ ! -d /usr/lib/postgresql/$PGVER ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ERROR: PostgreSQL $PGVER is not installed and we are not root to apt-get it." >&2
    exit 1
  fi
  echo "Installing postgresql with apt-get..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pg_ctlcluster $PGVER main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >&2
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 <<SQL >&2
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='$ROLE'" | grep -q 1 \
  || runuser -u postgres -- createdb -O $ROLE $ROLE
echo "postgres://$ROLE:$PASSWORD@127.0.0.1:5432/$ROLE"
