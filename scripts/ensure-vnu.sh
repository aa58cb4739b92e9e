#!/usr/bin/env bash
# The W3C Nu HTML Checker for tests/bijiang_social/test_valid_html.py: the npm package vnu-jar
# into .vnu/ (git-ignored), run with Debian's Java. Installs Java and npm with apt-get when
# root; otherwise fails with a clear message. Prints nothing when everything is in place.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="${VNU_VERSION:-26.9.27}"
DIR=.vnu
PACKAGE="$DIR/node_modules/vnu-jar/package.json"

installed() { [ -f "$PACKAGE" ] && grep -q "\"version\": \"$VERSION\"" "$PACKAGE"; }

missing=()
command -v java >/dev/null || missing+=(default-jre-headless)
installed || command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} with apt-get for the HTML validity test..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "ERROR: the HTML validity test needs ${missing[*]}." >&2
    echo "Install as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
if ! installed; then
  echo "Installing the Nu HTML Checker (vnu-jar $VERSION) from npm into $DIR/..."
  npm install --prefix "$DIR" --no-audit --no-fund --silent "vnu-jar@$VERSION" || {
    echo "ERROR: npm could not install vnu-jar@$VERSION (no network or registry?)." >&2
    echo "Install it by hand: npm install --prefix $DIR vnu-jar@$VERSION" >&2
    exit 1
  }
fi
