#!/usr/bin/env bash
# Make sure Debian's chromium (and CJK fonts for readable screenshots) is present for the
# browser tests. Installs with apt-get when root; otherwise fails with a clear message.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} with apt-get for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
if [[ " ${missing[*]} " == *" chromium "* ]]; then
  echo "ERROR: the browser tests need Debian's chromium at /usr/bin/chromium." >&2
  echo "Install it as root: apt-get install chromium fonts-noto-cjk" >&2
  exit 1
fi
echo "Note: fonts-noto-cjk is missing; Chinese shows as boxes in screenshots (tests still run)." >&2
