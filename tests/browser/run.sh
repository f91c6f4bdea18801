#!/usr/bin/env bash
# Browser tests of the demo site in headless Chromium. Run from anywhere:
#   bash tests/browser/run.sh
# Installs what it needs (Debian's chromium if /usr/bin/chromium is missing, the Node packages
# in package-lock.json), builds the demo site three times into a temporary folder (served over
# http://127.0.0.1:<port>/repo/, a --file-urls build opened from disk, and a copy with
# `[publish] compact = true`, served like the first), then runs every
# tests/browser/*.test.mjs with Node's test runner. Before the tests, the Nu HTML checker
# (vnu.sh; installs a Java runtime if there is none) must find 0 errors in every build.
# Exits non-zero if any check or test fails.
#
# Environment:
#   GLOSS_BIN=path        use this gloss binary instead of `cargo run --release`
#   GLOSS_SCREENSHOT_DIR  where screenshots go (default: ${TMPDIR:-/tmp}/gloss-browser-screenshots)
#   GLOSS_BROWSER_TESTS   only run these test files (space-separated paths)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

say() { printf '[browser] %s\n' "$*"; }

if [[ ! -x /usr/bin/chromium ]]; then
  say "installing Debian's chromium"
  sudo=""
  if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends chromium
fi

if ! command -v java >/dev/null; then
  say "installing a Java runtime for the Nu HTML checker"
  sudo=""
  if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends default-jre-headless
fi

say "installing Node packages (npm ci)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

work="$(mktemp -d "${TMPDIR:-/tmp}/gloss-browser.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# A free port for the server, known before the build so the site's base URL names it.
port="$(node -e '
  const s = require("net").createServer();
  s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
')"

gloss() {
  gloss_at "$repo" "$@"
}

# gloss on the site at $1 (the demo, or its copy with compact pages).
gloss_at() {
  local root="$1"
  shift
  if [[ -n "${GLOSS_BIN:-}" ]]; then
    "$GLOSS_BIN" --root "$root" "$@"
  else
    cargo run --release --quiet -- --root "$root" "$@"
  fi
}

say "building the demo site for http://127.0.0.1:$port/repo/"
gloss build --output-dir "$work/repo" --base-url "http://127.0.0.1:$port/repo/"
say "building the demo site with --file-urls"
gloss build --file-urls --output-dir "$work/disk"
say "building a copy of the demo site with compact pages ([publish] compact = true)"
mkdir -p "$work/compact-site"
cp -r "$repo/content" "$repo/templates" "$repo/static" "$work/compact-site/"
{ cat "$repo/config.toml"; printf '\n[publish]\ncompact = true\n'; } > "$work/compact-site/config.toml"
gloss_at "$work/compact-site" build --output-dir "$work/compact" --base-url "http://127.0.0.1:$port/repo/"

say "checking every page with the Nu HTML checker (vnu-jar)"
bash "$here/vnu.sh" "$work/repo"
bash "$here/vnu.sh" "$work/disk"
bash "$here/vnu.sh" "$work/compact"

export GLOSS_SITE_DIR="$work/repo"
export GLOSS_FILE_SITE_DIR="$work/disk"
export GLOSS_COMPACT_SITE_DIR="$work/compact"
export GLOSS_PORT="$port"
export GLOSS_SCREENSHOT_DIR="${GLOSS_SCREENSHOT_DIR:-${TMPDIR:-/tmp}/gloss-browser-screenshots}"
mkdir -p "$GLOSS_SCREENSHOT_DIR"

# shellcheck disable=SC2206
targets=(${GLOSS_BROWSER_TESTS:-tests/browser/})
say "running ${targets[*]} (screenshots in $GLOSS_SCREENSHOT_DIR)"
# One file at a time (they share the port); a hard bound on the whole run (10 minutes: the
# phone checks run axe on 7 pages in 2 colour schemes at 2 widths, and 5 minutes was already
# tight on a loaded machine).
status=0
timeout --kill-after=10 600 node --test --test-concurrency=1 "${targets[@]}" || status=$?
if [[ $status == 124 || $status == 137 ]]; then
  say "the browser tests did not finish within 10 minutes"
fi
exit "$status"
