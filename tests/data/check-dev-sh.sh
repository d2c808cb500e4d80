#!/usr/bin/env bash
# The demo's first minutes, as `./dev.sh demo` runs them, without installing
# packages, building or opening a window: dpkg-query, apt-get, sudo, meson and
# ninja are stand-ins that log their calls, the build folder is a scratch one
# (CP_DEMO_BUILD_DIR) whose "server" is the real customer-portal-server, and
# CP_DEMO_NO_APP=1 stops before the app.
#
#   - a port already taken: a plain message, before anything is installed or built
#   - the demo logins are printed once
#   - demo data is kept between runs, and --reset starts from fresh data
#   - a demo build configured with the tests is switched to -Dtests=false
#   - the demo runs on a test clock that ./dev.sh clock moves
#
# usage: check-dev-sh.sh SOURCE_ROOT SERVER_BINARY
set -euo pipefail
root=$1 server=$2 processor=$3

tmp=$(mktemp -d)
listener=
cleanup() { [ -n "$listener" ] && kill "$listener" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
failures=0
ok() { echo "ok: $*" >&2; }
not_ok() { echo "not ok: $*" >&2; failures=$((failures + 1)); }

mkdir "$tmp/bin"
calls=$tmp/calls.log
: > "$calls"
stub() { printf '#!/bin/sh\necho "%s $*" >> "%s"\n%s\n' "$1" "$calls" "$2" > "$tmp/bin/$1"; chmod +x "$tmp/bin/$1"; }
stub dpkg-query "printf 'install ok installed'"
stub apt-get 'exit 1'
stub sudo 'exit 1'
stub ninja 'exit 0'
# The scratch build was configured with the tests until `meson configure` says otherwise.
stub meson "case \$1 in
  introspect) if [ -f '$tmp/notests' ]; then v=false; else v=true; fi
              echo \"[{\\\"name\\\": \\\"tests\\\", \\\"value\\\": \$v}]\" ;;
  configure) touch '$tmp/notests' ;;
  *) exit 1 ;;
esac"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

demo() {
  PATH="$tmp/bin:$PATH" CP_DEMO_BUILD_DIR="$tmp/build" CP_DEMO_NO_APP=1 CP_DEMO_PORT=$port \
    timeout 60 "$root/dev.sh" demo "$@"
}

# 1. The port is taken (here by a bare listener, as by a demo already running).
port=$(free_port)
python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); print("up", flush=True); time.sleep(120)' \
  "$port" > "$tmp/listener.out" &
listener=$!
for _ in $(seq 50); do grep -q up "$tmp/listener.out" 2>/dev/null && break; sleep 0.1; done
rc=0
demo > "$tmp/out" 2>&1 || rc=$?
cat "$tmp/out" >&2
[ $rc -ne 0 ] && ok "a taken port fails ($rc)" || not_ok "a taken port did not fail"
grep -q "port $port is already in use: is a demo already running?" "$tmp/out" \
  && ok "a taken port is said plainly" || not_ok "no plain message for the taken port"
grep -qi "address already in use" "$tmp/out" && not_ok "the raw 'Address already in use' shows"
[ -s "$calls" ] && not_ok "dev.sh installed or built before checking the port: $(cat "$calls")" \
  || ok "nothing installed or built"
[ -e "$tmp/build" ] && not_ok "dev.sh made the build folder before checking the port"
kill "$listener"; wait "$listener" 2>/dev/null || true; listener=

# 2. A demo run: the scratch build's server is the real one, noting whether
# the database was there when it started.
mkdir -p "$tmp/build/server"
touch "$tmp/build/build.ninja"
cat > "$tmp/build/server/customer-portal-server" <<SH
#!/bin/sh
db=\$2
if [ -e "\$db" ]; then echo existed >> "$tmp/db.log"; else echo fresh >> "$tmp/db.log"; fi
exec "$server" "\$@"
SH
chmod +x "$tmp/build/server/customer-portal-server"
ln -s "$processor" "$tmp/build/server/customer-portal-processor"

port=$(free_port)
demo > "$tmp/out" 2>&1 || not_ok "the first demo run failed: $(cat "$tmp/out")"
n=$(grep -c "Demo logins" "$tmp/out" || true)
[ "$n" = 1 ] && ok "the demo logins are printed once" || not_ok "the demo logins are printed $n times"
grep -q "configure" "$calls" && [ -e "$tmp/notests" ] \
  && ok "a demo build with the tests is reconfigured with -Dtests=false" \
  || not_ok "the demo build was not switched to -Dtests=false"
grep -q "apt-get\|sudo" "$calls" && not_ok "dev.sh tried to install packages"

touch "$tmp/build/demo/mail/earlier.eml"
port=$(free_port)
demo > "$tmp/out" 2>&1 || not_ok "the second demo run failed: $(cat "$tmp/out")"
[ -e "$tmp/build/demo/mail/earlier.eml" ] && [ "$(sed -n 2p "$tmp/db.log")" = existed ] \
  && ok "a second run keeps the demo data" || not_ok "a second run lost the demo data"

port=$(free_port)
demo --reset > "$tmp/out" 2>&1 || not_ok "demo --reset failed: $(cat "$tmp/out")"
[ ! -e "$tmp/build/demo/mail/earlier.eml" ] && [ "$(sed -n 3p "$tmp/db.log")" = fresh ] \
  && ok "--reset starts from fresh demo data" || not_ok "--reset kept the old demo data"
grep -q "Demo logins" "$tmp/out" && ok "--reset seeds the demo again" || not_ok "--reset did not seed"

# 3. The demo's test clock: the server runs on it, ./dev.sh clock moves it.
grep -q "Test clock: the time is offset by the seconds in $tmp/build/demo/clock" "$tmp/out" \
  && ok "the demo server runs on the test clock" || not_ok "the demo server has no test clock"
clock() { CP_DEMO_BUILD_DIR="$tmp/build" "$root/dev.sh" clock "$@" 2>> "$tmp/clock.out"; }
clock +21d && clock +2h && clock -30m || not_ok "./dev.sh clock failed: $(cat "$tmp/clock.out")"
[ "$(cat "$tmp/build/demo/clock")" = $((21 * 86400 + 2 * 3600 - 30 * 60)) ] \
  && ok "./dev.sh clock +21d, +2h, -30m add up" || not_ok "the clock file holds $(cat "$tmp/build/demo/clock")"
rc=0; clock tomorrow || rc=$?
[ $rc = 2 ] && ok "a bad clock argument is refused" || not_ok "./dev.sh clock tomorrow gave $rc"
clock reset && [ "$(cat "$tmp/build/demo/clock")" = 0 ] \
  && ok "./dev.sh clock reset" || not_ok "./dev.sh clock reset left $(cat "$tmp/build/demo/clock")"

exit $((failures > 0))
