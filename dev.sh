#!/usr/bin/env bash
# The project's two commands, and the one place that sets up a machine for them.
#
#   ./dev.sh demo              install what is missing, build, start the reference
#                              server with demo data on loopback, open the app on it
#   ./dev.sh test [--sanitize] install what is missing, build (warnings are errors),
#                              run every test suite headless
#
# Extra arguments after `test` go to `meson test` (e.g. a suite: --suite client).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"

packages=(
  gcc pkg-config meson ninja-build gettext python3
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libsqlite3-dev libsodium-dev
  desktop-file-utils appstream libgtk-4-bin flatpak-builder
  xvfb xauth dbus-daemon dbus-x11 gnome-keyring libsecret-tools at-spi2-core python3-pyatspi
  x11-apps imagemagick xdotool
)

log() { printf '==> %s\n' "$*" >&2; }

ensure_packages() {
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# setup_build DIR [meson options...]: configure once, then just build.
setup_build() {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    log "configuring $dir"
    meson setup "$dir" "$@" >/dev/null
  fi
  log "building $dir"
  ninja -C "$dir" >&2
}

# Prints the closing line that CI reads ("N passed, N failed") from the log.
summarize() {
  local json=$1/meson-logs/testlog.json
  [ -f "$json" ] || return 0
  python3 - "$json" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    r = json.loads(line).get("result")
    if r in ("OK", "EXPECTEDFAIL"): passed += 1
    elif r == "SKIP": skipped += 1
    else: failed += 1
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
}

cmd_demo() {
  ensure_packages
  local dir=_build
  setup_build "$dir" -Ddevelopment=true
  local data=$dir/demo
  mkdir -p "$data/mail"
  local port=${CP_DEMO_PORT:-8088}
  log "starting customer-portal-server on 127.0.0.1:$port (database $data/portal.db)"
  "$dir/server/customer-portal-server" --db "$data/portal.db" --listen "127.0.0.1:$port" \
    --mail-dir "$data/mail" --demo &
  # Global, not local: the EXIT trap runs after this function has returned.
  demo_server_pid=$!
  trap 'kill "$demo_server_pid" 2>/dev/null; wait "$demo_server_pid" 2>/dev/null' EXIT
  local up=0
  for _ in $(seq 300); do
    kill -0 "$demo_server_pid" 2>/dev/null || break
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then up=1; break; fi
    sleep 0.1
  done
  if [ $up -eq 0 ]; then
    log "customer-portal-server did not start on port $port (is the port taken? set CP_DEMO_PORT)"
    exit 1
  fi
  cat >&2 <<TXT

Demo logins (demo data only; never for a real deployment):
  admin@example.com   demo-admin-password     admin
  staff@example.com   demo-staff-password     office staff
  ada@example.com     demo-customer-password  customer, two saved cards
  grace@example.com   demo-customer-password  customer, one card, an open invoice
  harbor@example.com  demo-customer-password  property manager, 100,000 visits
Mail sent by the server (verification codes) lands in $data/mail/

TXT
  GSETTINGS_SCHEMA_DIR="$dir/data" "$dir/src/customer-portal" --server "http://127.0.0.1:$port" "$@"
}

cmd_test() {
  local sanitize=0
  if [ "${1:-}" = "--sanitize" ]; then sanitize=1; shift; fi
  [ -n "${CP_SANITIZE:-}" ] && sanitize=1
  ensure_packages
  local dir=_build-test opts=(--werror -Ddevelopment=false)
  if [ $sanitize -eq 1 ]; then
    dir=_build-sanitize
    opts+=(-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug)
  fi
  setup_build "$dir" "${opts[@]}"
  local rc=0
  tests/run-headless.sh meson test -C "$dir" --print-errorlogs --num-processes 2 "$@" || rc=$?
  summarize "$dir"
  log "screenshots: $dir/tests/screenshots/"
  return $rc
}

case "${1:-}" in
  demo) shift; cmd_demo "$@" ;;
  test) shift; cmd_test "$@" ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
