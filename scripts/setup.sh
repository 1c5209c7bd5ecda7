#!/usr/bin/env bash
# Idempotent provisioning for a fresh Debian machine: npm packages, FerretDB (built from its Go
# module into .tools/), and Debian's redis-server. Takes about a second when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

FERRETDB_VERSION=v1.24.2
FERRETDB_MODULE=github.com/FerretDB/FerretDB
TOOLS="$PWD/.tools"
say() { printf '[setup] %s\n' "$*"; }

# 1. npm packages, when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  # Some npm 11 releases leave platform-specific optional packages (msgpackr-extract's prebuilds,
  # via bullmq) out of the lock file and then refuse `npm ci`; `npm install` honours the same lock.
  npm ci --no-fund --no-audit --loglevel=error 2>/dev/null ||
    npm install --no-fund --no-audit --loglevel=error
fi

# 2. FerretDB. `go install $FERRETDB_MODULE/cmd/ferretdb@$FERRETDB_VERSION` is the obvious route,
# but the published module zip lacks build/version/version.txt and such a binary panics at
# start-up, so we build the same module source with that one file written in.
if [ ! -x "$TOOLS/bin/ferretdb" ] || [ "$(cat "$TOOLS/bin/ferretdb.version" 2>/dev/null)" != "$FERRETDB_VERSION" ]; then
  command -v go >/dev/null || { say "Go is required to build FerretDB (apt-get install golang-go)"; exit 1; }
  say "building FerretDB $FERRETDB_VERSION (first run only, about a minute)"
  export GOFLAGS=-mod=mod
  moddir=$(go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$moddir" ] || { say "could not download $FERRETDB_MODULE@$FERRETDB_VERSION"; exit 1; }
  src="$TOOLS/src/ferretdb-$FERRETDB_VERSION"
  rm -rf "$src"; mkdir -p "$TOOLS/src" "$TOOLS/bin"
  cp -R "$moddir" "$src"; chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" > "$src/build/version/version.txt"
  (cd "$src" && go build -trimpath -o "$TOOLS/bin/ferretdb.new" ./cmd/ferretdb)
  mv "$TOOLS/bin/ferretdb.new" "$TOOLS/bin/ferretdb"
  echo "$FERRETDB_VERSION" > "$TOOLS/bin/ferretdb.version"
  rm -rf "$src"
fi

apt_install() {
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || true
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 3. redis-server from Debian's package.
if ! command -v redis-server >/dev/null && [ ! -x /usr/bin/redis-server ]; then
  say "installing redis-server"
  apt_install redis-server
  # The Debian package enables a system service; the bot runs its own, so stop that one.
  ${SUDO:-} systemctl disable --now redis-server >/dev/null 2>&1 || true
fi

# 4. Tests only (`setup.sh --test`, run by `npm test`): the draft tests render .docx to PDF with
# LibreOffice and read it back with poppler; without a CJK font the Chinese would not render.
if [ "${1:-}" = "--test" ]; then
  missing=()
  command -v soffice >/dev/null || missing+=(libreoffice-writer)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} for the draft tests (first run only, a few minutes)"
    apt_install "${missing[@]}"
  fi
fi
