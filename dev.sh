#!/usr/bin/env bash
# The project's two commands, and the one place that sets up a machine for them.
#
#   ./dev.sh demo [--reset]    install what is missing, build, start the reference
#                              server with demo data on loopback, open the app on it
#                              (--reset: start from fresh demo data)
#   ./dev.sh test [--sanitize] install what is missing, build (warnings are errors),
#                              run every test suite headless
#   ./dev.sh clock +21d        move the running demo's test clock on (+N or -N
#                              days d, hours h, minutes m; reset: the real time;
#                              nothing: show it); the demo's AutoPay runs every 5 s
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
  x11-apps imagemagick librsvg2-bin fonts-cantarell xdotool
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

# Is something listening on this loopback port?
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# CP_DEMO_BUILD_DIR and CP_DEMO_NO_APP=1 (start the server, print, do not
# open the app) are for tests/data/check-dev-sh.sh.
cmd_demo() {
  local reset=0
  if [ "${1:-}" = "--reset" ]; then reset=1; shift; fi
  local port=${CP_DEMO_PORT:-8088}
  # Before installing or building anything: a demo (or something else) that
  # already has the port would only end in "Address already in use".
  if port_in_use "$port"; then
    log "port $port is already in use: is a demo already running? Use that one, stop it" \
        "(close the app, then Ctrl+C in its terminal), or run a second one on another port:" \
        "CP_DEMO_PORT=$((port + 1)) ./dev.sh demo"
    exit 1
  fi
  ensure_packages
  local dir=${CP_DEMO_BUILD_DIR:-_build}
  # The demo needs only the app and the server: no tests (a _build made
  # before this option is switched over once).
  if [ -f "$dir/build.ninja" ] && meson introspect "$dir" --buildoptions 2>/dev/null \
       | python3 -c 'import json,sys; sys.exit(0 if any(o["name"] == "tests" and o["value"] for o in json.load(sys.stdin)) else 1)'; then
    meson configure "$dir" -Dtests=false >/dev/null
  fi
  setup_build "$dir" -Ddevelopment=true -Dtests=false
  local data=$dir/demo
  if [ $reset -eq 1 ] && [ -e "$data" ]; then
    log "--reset: removing the demo data in $data/"
    rm -rf "$data"
  fi
  # Demo data from before the processor kept its cards in the server's own
  # vault, which is gone: start again from fresh demo data.
  if [ $reset -eq 0 ] && [ -e "$data/portal.db" ] && [ ! -e "$data/processor.db" ]; then
    log "the demo data in $data/ is from before the payment processor; starting from fresh demo data"
    rm -rf "$data"
  fi
  mkdir -p "$data/mail"
  # The payment processor is a process of its own, as a real one would be:
  # its own database and key file (numbers sealed with it), a secret key
  # that only the portal has (made once, kept beside the data, mode 0600,
  # handed over in the environment rather than on the command line).
  if [ ! -s "$data/processor-api-key" ]; then
    (umask 077; od -An -N24 -tx1 /dev/urandom | tr -d ' \n' | sed 's/^/sk_demo_/' \
      > "$data/processor-api-key")
  fi
  CP_PROCESSOR_API_KEY=$(cat "$data/processor-api-key")
  export CP_PROCESSOR_API_KEY
  log "starting customer-portal-processor (database $data/processor.db," \
      "bank debits settle after ${CP_DEMO_ACH_DELAY:-20} s)"
  : > "$data/processor.out"
  # The demo's test clock (./dev.sh clock): an offset in seconds from the
  # real time, read by both the processor and the portal.
  [ -e "$data/clock" ] || echo 0 > "$data/clock"
  CP_SERVER_CLOCK_FILE="$(cd "$data" && pwd)/clock"
  export CP_SERVER_CLOCK_FILE
  if [ "$(clock_offset "$data/clock")" != 0 ]; then
    log "the demo's clock is $(clock_describe "$(clock_offset "$data/clock")")" \
        "(./dev.sh clock reset: the real time)"
  fi
  "$dir/server/customer-portal-processor" --db "$data/processor.db" \
    --key-file "$data/processor.key" --listen 127.0.0.1:0 \
    --ach-delay "${CP_DEMO_ACH_DELAY:-20}" > "$data/processor.out" &
  demo_processor_pid=$!
  trap 'kill "$demo_processor_pid" 2>/dev/null; wait "$demo_processor_pid" 2>/dev/null' EXIT
  local processor_url=
  for _ in $(seq 100); do
    processor_url=$(sed -n 's/^listening on //p' "$data/processor.out")
    [ -n "$processor_url" ] && break
    kill -0 "$demo_processor_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$processor_url" ]; then
    log "customer-portal-processor did not start (see its message above)"
    exit 1
  fi
  log "starting customer-portal-server on 127.0.0.1:$port (database $data/portal.db," \
      "charging through $processor_url)"
  # The server prints the demo logins (once, from the one place that knows them).
  "$dir/server/customer-portal-server" --db "$data/portal.db" --listen "127.0.0.1:$port" \
    --mail-dir "$data/mail" --processor "$processor_url" \
    --verify-interval "${CP_DEMO_VERIFY_INTERVAL:-10}" \
    --autopay-interval "${CP_DEMO_AUTOPAY_INTERVAL:-5}" --demo &
  # Global, not local: the EXIT trap runs after this function has returned.
  demo_server_pid=$!
  trap 'kill "$demo_server_pid" "$demo_processor_pid" 2>/dev/null
        wait "$demo_server_pid" "$demo_processor_pid" 2>/dev/null' EXIT
  local up=0
  for _ in $(seq 300); do
    kill -0 "$demo_server_pid" 2>/dev/null || break
    if port_in_use "$port"; then up=1; break; fi
    sleep 0.1
  done
  if [ $up -eq 0 ]; then
    log "customer-portal-server did not start on port $port (see its message above)"
    exit 1
  fi
  log "mail sent by the server (verification codes) lands in $data/mail/;" \
      "./dev.sh demo --reset starts again from fresh demo data"
  if [ "${CP_DEMO_NO_APP:-}" = 1 ]; then
    sleep 0.5  # the server's greeting (the logins) follows its first line
    return 0
  fi
  GSETTINGS_SCHEMA_DIR="$dir/data" CP_HELP_DIR="$root/help" "$dir/src/customer-portal" --server "http://127.0.0.1:$port" "$@"
}

clock_offset() {
  local value=0
  [ -s "$1" ] && value=$(tr -d ' \n' < "$1")
  [[ $value =~ ^[+-]?[0-9]+$ ]] || value=0
  echo $((value))
}

# "+21 days 0 h 0 min (2026-12-23 14:05 UTC)"
clock_describe() {
  local offset=$1 sign=+ abs
  [ "$offset" -lt 0 ] && sign=-
  abs=${offset#-}
  printf '%s%d days %d h %d min (%s)' "$sign" $((abs / 86400)) $((abs % 86400 / 3600)) \
    $((abs % 3600 / 60)) "$(date -u -d "@$(( $(date +%s) + offset ))" '+%Y-%m-%d %H:%M UTC')"
}

# The running demo's test clock: the portal and the processor read the
# offset file again within a second; the next AutoPay run (every 5 s in the
# demo) pays what fell due by then.
cmd_clock() {
  local dir=${CP_DEMO_BUILD_DIR:-_build}
  local file=$dir/demo/clock
  local arg=${1:-} offset n
  if [ ! -d "$dir/demo" ]; then
    log "no demo data in $dir/demo/: start the demo first (./dev.sh demo)"
    exit 1
  fi
  offset=$(clock_offset "$file")
  case "$arg" in
    "") log "the demo's clock is $(clock_describe "$offset")"; return 0 ;;
    reset) offset=0 ;;
    *)
      if [[ ! $arg =~ ^([+-]?)([0-9]+)([dhm])$ ]]; then
        log "usage: ./dev.sh clock +21d | +12h | +30m | -1d | reset"
        exit 2
      fi
      n=$((10#${BASH_REMATCH[2]}))
      case ${BASH_REMATCH[3]} in d) n=$((n * 86400)) ;; h) n=$((n * 3600)) ;; m) n=$((n * 60)) ;; esac
      [ "${BASH_REMATCH[1]}" = - ] && n=$((-n))
      offset=$((offset + n))
      ;;
  esac
  printf '%d\n' "$offset" > "$file.tmp"
  mv "$file.tmp" "$file"
  log "the demo's clock is now $(clock_describe "$offset"); AutoPay pays what fell due" \
      "within ${CP_DEMO_AUTOPAY_INTERVAL:-5} s (receipts in $dir/demo/mail/)"
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
  clock) shift; cmd_clock "$@" ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
