#!/usr/bin/env bash
# Idempotent provisioning for a fresh Debian machine: npm packages, FerretDB (built from its Go
# module into .tools/), and Debian's redis-server. Takes about a second when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

FERRETDB_VERSION=v1.24.2
FERRETDB_MODULE=github.com/FerretDB/FerretDB
# What the built binary is: rebuilt when this changes.
FERRETDB_BUILD="$FERRETDB_VERSION sqlite-only"
TOOLS="$PWD/.tools"
say() { printf '[setup] %s\n' "$*"; }

apt_install() {
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || true
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  # The redis-server package enables a system service; the bot runs its own, so stop that one.
  $SUDO systemctl disable --now redis-server >/dev/null 2>&1 || true
}

# On a first run the downloads (npm, apt) run in the background while FerretDB compiles, which
# keeps the first `npm start` under 2 minutes; each background step is waited for at the end.
pids=()

# 1. npm packages, when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  # Some npm 11 releases leave platform-specific optional packages (msgpackr-extract's prebuilds,
  # via bullmq) out of the lock file and then refuse `npm ci`; `npm install` honours the same lock.
  (npm ci --no-fund --no-audit --loglevel=error 2>/dev/null ||
    npm install --no-fund --no-audit --loglevel=error) &
  pids+=($!)
fi

# 2. Debian packages: redis-server; with --test (run by `npm test`) also what the draft tests
# use to render .docx to PDF and read it back (LibreOffice, poppler, a CJK font).
packages=()
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || packages+=(redis-server)
# The chart images (src/charts/) are drawn with a CJK font loaded by file path, subset per chart
# with HarfBuzz's hb-subset (without it, charts are drawn with the whole font: much slower).
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || packages+=(fonts-noto-cjk)
command -v hb-subset >/dev/null || packages+=(libharfbuzz-bin)
if [ "${1:-}" = "--test" ]; then
  command -v soffice >/dev/null || packages+=(libreoffice-writer)
  command -v pdftotext >/dev/null || packages+=(poppler-utils)
  # The dashboard test opens the pages in headless Chromium (tests/support/chromium.ts).
  command -v chromium >/dev/null || packages+=(chromium)
  # A 楷体 stand-in, so page images tell the （一） headings from the body (see step 4).
  [ -f /usr/share/fonts/truetype/arphic/ukai.ttc ] || packages+=(fonts-arphic-ukai)
fi
if [ ${#packages[@]} -gt 0 ]; then
  say "installing ${packages[*]} with apt (first run only)"
  apt_install "${packages[@]}" &
  pids+=($!)
fi

# 3. FerretDB. `go install $FERRETDB_MODULE/cmd/ferretdb@$FERRETDB_VERSION` is the obvious route,
# but the published module zip lacks build/version/version.txt and such a binary panics at
# start-up, so we build the same module source with that one file written in.
if [ ! -x "$TOOLS/bin/ferretdb" ] || [ "$(cat "$TOOLS/bin/ferretdb.version" 2>/dev/null)" != "$FERRETDB_BUILD" ]; then
  command -v go >/dev/null || { say "Go is required to build FerretDB (apt-get install golang-go)"; exit 1; }
  say "building FerretDB $FERRETDB_VERSION (first run only, about a minute and a half)"
  export GOFLAGS=-mod=mod
  moddir=$(go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$moddir" ] || { say "could not download $FERRETDB_MODULE@$FERRETDB_VERSION"; exit 1; }
  src="$TOOLS/src/ferretdb-$FERRETDB_VERSION"
  rm -rf "$src"; mkdir -p "$TOOLS/src" "$TOOLS/bin"
  cp -R "$moddir" "$src"; chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" > "$src/build/version/version.txt"
  # SQLite is the only backend we run (production uses MongoDB itself): leaving PostgreSQL's out
  # saves a fifth of the compile.
  (cd "$src" && go build -trimpath -tags ferretdb_no_postgresql -o "$TOOLS/bin/ferretdb.new" ./cmd/ferretdb)
  mv "$TOOLS/bin/ferretdb.new" "$TOOLS/bin/ferretdb"
  echo "$FERRETDB_BUILD" > "$TOOLS/bin/ferretdb.version"
  rm -rf "$src"
fi

for pid in "${pids[@]}"; do
  wait "$pid" || { say "an install step failed (see the messages above)"; exit 1; }
done

# 4. Compiled JavaScript for bin/report-bot (see scripts/build.sh); a no-op while dist/ is fresh.
if [ ! -f dist/.build-stamp ] || [ -n "$(find src config -newer dist/.build-stamp -print -quit)" ]; then
  say "compiling src/ to dist/ for the command line"
  # Not fatal: without a fresh dist/, bin/report-bot runs the TypeScript sources instead.
  bash scripts/build.sh || say "compiling failed; bin/report-bot will run the TypeScript sources"
fi

# 4. With --test: fontconfig maps 宋体/仿宋, 黑体 and 楷体 to three different free faces, so a
# rendered page shows the heading hierarchy (config/fontconfig/65-gbt9704-cjk.conf says which).
if [ "${1:-}" = "--test" ]; then
  conf=config/fontconfig/65-gbt9704-cjk.conf
  target=/etc/fonts/conf.d/65-gbt9704-cjk.conf
  if [ -d /etc/fonts/conf.d ] && ! cmp -s "$conf" "$target"; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    say "installing the fontconfig aliases for rendering checks"
    $SUDO cp "$conf" "$target" && { command -v fc-cache >/dev/null && $SUDO fc-cache -f >/dev/null || true; }
  fi
fi
