#!/usr/bin/env bash
# The app's command line, as a person types it in a terminal:
# 1. `--help` and `--version` work with no schema anywhere (not installed,
#    GSETTINGS_SCHEMA_DIR unset): they must not need GSettings.
# 2. A second launch with --server while the app runs says on its stderr
#    why the address was not used (and the running window shows a toast).
#    Needs the display and session bus of tests/run-headless.sh; skipped
#    without them.
# Arguments: the app binary, the build tree's schema folder.
set -u
app=$1
schemas=$2
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# An empty XDG_DATA_DIRS: no installed schema can be found either.
no_schemas=(env -u GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS="$tmp/empty" LC_ALL=C LANGUAGE=)

"${no_schemas[@]}" "$app" --help >"$tmp/help.out" 2>"$tmp/help.err"
rc=$?
if [ $rc -ne 0 ] || ! grep -q '^Usage:' "$tmp/help.out" || ! grep -q -- '--server=URL' "$tmp/help.out"; then
  echo "FAIL: customer-portal --help without schemas: exit $rc" >&2
  cat "$tmp/help.out" "$tmp/help.err" >&2
  fail=1
else
  echo "ok: --help without schemas: exit 0, $(head -2 "$tmp/help.out" | tr -s ' \n' ' ')"
fi

"${no_schemas[@]}" "$app" --version >"$tmp/version.out" 2>"$tmp/version.err"
rc=$?
if [ $rc -ne 0 ] || ! grep -q '^customer-portal [0-9]' "$tmp/version.out"; then
  echo "FAIL: customer-portal --version without schemas: exit $rc" >&2
  cat "$tmp/version.out" "$tmp/version.err" >&2
  fail=1
else
  echo "ok: --version without schemas: $(cat "$tmp/version.out")"
fi

if [ -z "${DISPLAY:-}" ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "skip: a second instance needs a display and a session bus (tests/run-headless.sh)"
  exit $fail
fi

# The bus name is the app ID, which names the schema file too.
app_id=$(basename "$(ls "$schemas"/*.gschema.xml | head -1)" .gschema.xml)
export GSETTINGS_SCHEMA_DIR=$schemas LC_ALL=C LANGUAGE=
"$app" --server http://127.0.0.1:9 >"$tmp/first.out" 2>"$tmp/first.err" &
first=$!
owned=0
for _ in $(seq 100); do
  if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
       --method org.freedesktop.DBus.NameHasOwner "$app_id" 2>/dev/null | grep -q true; then
    owned=1
    break
  fi
  sleep 0.1
done
if [ $owned -eq 0 ]; then
  echo "FAIL: the first instance never owned $app_id on the bus" >&2
  cat "$tmp/first.err" >&2
  kill $first 2>/dev/null
  exit 1
fi

timeout 20 "$app" --server http://127.0.0.1:8 >"$tmp/second.out" 2>"$tmp/second.err"
rc=$?
if [ $rc -ne 0 ] || ! grep -q 'already running.*--server was not used' "$tmp/second.err"; then
  echo "FAIL: a second instance with --server: exit $rc, stderr:" >&2
  cat "$tmp/second.err" >&2
  fail=1
else
  echo "ok: second instance: exit 0, stderr: $(cat "$tmp/second.err")"
fi
if ! kill -0 $first 2>/dev/null; then
  echo "FAIL: the first instance did not survive the second launch" >&2
  fail=1
fi

# The toast in the running window, for the record.
if [ -n "${CP_SCREENSHOT_DIR:-}" ] && [ -x /usr/bin/import ]; then
  sleep 1
  mkdir -p "$CP_SCREENSHOT_DIR"
  /usr/bin/import -window root "$CP_SCREENSHOT_DIR/second-instance-toast.png" 2>/dev/null &&
    echo "screenshot: $CP_SCREENSHOT_DIR/second-instance-toast.png"
fi

kill $first 2>/dev/null
wait $first 2>/dev/null
exit $fail
