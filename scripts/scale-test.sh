#!/usr/bin/env bash
# Scale-out test: PostgreSQL + Redis + two gunicorn instances of the portal on two loopback
# ports, sharing DATABASE_URL and REDIS_URL, behind deploy/nginx.conf run by Debian's nginx
# (scripts/local_nginx.py); then scripts/scale_test.py drives them. Stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
REDIS_PORT=${SCALE_REDIS_PORT:-8110}
PORT_A=${SCALE_PORT_A:-8101}
PORT_B=${SCALE_PORT_B:-8102}
NGINX_PORT=${SCALE_NGINX_PORT:-8100}
work=$(mktemp -d /tmp/bijiang-scale.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  $PY scripts/local_nginx.py stop --dir "$work/nginx" || true
  rm -rf "$work"
}
trap cleanup EXIT

base_url=$(bash scripts/start-postgres.sh)
runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS bijiang_scale" >/dev/null
runuser -u postgres -- createdb -O bijiang bijiang_scale
export DATABASE_URL="${base_url%/*}/bijiang_scale"

if ! command -v redis-server >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "ERROR: redis-server missing; apt-get install redis-server" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
# scale_test.py stops Redis (the fault check) and starts it again with this same command.
export SCALE_REDIS_START="redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' \
--appendonly no --daemonize yes --pidfile $work/redis.pid --logfile $work/redis.log"
export SCALE_REDIS_PORT=$REDIS_PORT
eval "$SCALE_REDIS_START"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

export SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')
eval "$($PY -m bijiang_social.crypto)"  # fresh encryption keys
export DEBUG=0 HTTPS=0 ALLOWED_HOSTS=127.0.0.1,localhost WEB_CONCURRENCY=2 GUNICORN_ACCESS_LOG=
# nginx is the one proxy in front, as in compose.yaml.
export TRUSTED_PROXY_COUNT=1
export STATIC_ROOT="$work/static" PRIVATE_MEDIA_ROOT="$work/documents"
$PY manage.py migrate --noinput >/dev/null
$PY manage.py createcachetable
$PY manage.py load_guide >/dev/null
$PY manage.py collectstatic --noinput --verbosity 0
export SCALE_STAFF_USER=scale-hub SCALE_STAFF_PASSWORD=$($PY -c 'import secrets; print(secrets.token_urlsafe(16))')
export SCALE_CLERK_USER=scale-clerk-huanbei
# Staff pass a second factor after the password: each gets a phone app (so the code page asks
# for a code) and these recovery codes, which scale_test.py types in, one per log-in
# (8 of a-z and 2-7, as accounts.forms.SecondFactorForm takes them).
export SCALE_RECOVERY_CODES=$($PY -c 'import base64, secrets
print(" ".join("k" + base64.b32encode(secrets.token_bytes(5)).decode().lower()[:7] for _ in range(10)))')
ids=$($PY manage.py shell -c "
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from accounts import access
from accounts.models import StaffProfile, Street
from services.models import ServicePoint
User = get_user_model()
street = Street.objects.get(slug='huanbei')
def staff(username, role, **profile):
    user = User.objects.create_user(username, password='$SCALE_STAFF_PASSWORD', is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    StaffProfile.objects.create(user=user, **profile)
    TOTPDevice.objects.create(user=user, name='scale-test', confirmed=True)
    codes = StaticDevice.objects.create(user=user, name='recovery', confirmed=True)
    for code in '$SCALE_RECOVERY_CODES'.split():
        StaticToken.objects.create(device=codes, token=code)
staff('$SCALE_STAFF_USER', access.DISTRICT_HUB, is_district_hub=True)
staff('$SCALE_CLERK_USER', access.STREET_CLERK, street=street)
community = ServicePoint.objects.filter(street=street, level='community').first()
print(street.pk, community.pk)
" | tail -1)
export SCALE_STREET=${ids% *} SCALE_COMMUNITY=${ids#* }

for port in "$PORT_A" "$PORT_B"; do
  GUNICORN_BIND=127.0.0.1:$port setsid .venv/bin/gunicorn bijiang_social.wsgi \
    >"$work/gunicorn-$port.log" 2>&1 &
  pids+=($!)
done
for port in "$PORT_A" "$PORT_B"; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "instance on $port did not start"; cat "$work/gunicorn-$port.log"; exit 1; }
done
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then :; else
  [ "$(id -u)" -eq 0 ] || { echo "ERROR: nginx missing; apt-get install nginx" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
$PY scripts/local_nginx.py start --dir "$work/nginx" --listen "127.0.0.1:$NGINX_PORT" \
  --upstream "127.0.0.1:$PORT_A" --upstream "127.0.0.1:$PORT_B"
echo "nginx :$NGINX_PORT → instances A=:$PORT_A B=:$PORT_B on $DATABASE_URL and $REDIS_URL"
SCALE_A=http://127.0.0.1:$PORT_A SCALE_B=http://127.0.0.1:$PORT_B \
SCALE_NGINX=http://127.0.0.1:$NGINX_PORT $PY scripts/scale_test.py
