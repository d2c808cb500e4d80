#!/bin/sh
# D-Bus activation as the desktop does it, on a private session bus that
# knows only our service file (pointed at the built binary): the bus starts
# the app as a GApplication service, Activate opens one window, a second
# launch hands over to the running instance (and says so when it had
# --server), and Quit ends it.
#
# usage: check-dbus-activation.sh APP_BINARY APP_ID SERVICE_FILE DESKTOP_FILE
set -eu
app=$1 id=$2 service=$3 desktop=$4

fail() { echo "not ok: $*" >&2; exit 1; }

# The window needs a display: tests/run-headless.sh gives one.
[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || { echo "skip: no display" >&2; exit 77; }

grep -qx 'DBusActivatable=true' "$desktop" || fail "$desktop is not DBusActivatable=true"
grep -qx "Name=$id" "$service" || fail "$service does not name $id"
grep -q '^Exec=/.* --gapplication-service$' "$service" \
  || fail "$service does not Exec an absolute path with --gapplication-service"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/services"
sed "s|^Exec=[^ ]*|Exec=$app|" "$service" > "$tmp/services/$id.service"
cat > "$tmp/session.conf" <<XML
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=$tmp</listen>
  <servicedir>$tmp/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
XML

export LC_ALL=C LANGUAGE= CP_ERR="$tmp/second.err" CP_ID="$id" CP_APP="$app" CP_PATH="/$(echo "$id" | tr . /)"
dbus-run-session --config-file="$tmp/session.conf" -- sh -eu -c '
  fail() { echo "not ok: $*" >&2; exit 1; }
  owned() {
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner "$CP_ID" | grep -q true
  }
  windows() {
    gdbus introspect --session --dest "$CP_ID" --object-path "$CP_PATH/window" \
      | grep -c "node [0-9]" || true
  }

  owned && fail "$CP_ID runs before anything started it"
  timeout 20 gdbus call --session --dest "$CP_ID" --object-path "$CP_PATH" \
    --method org.freedesktop.Application.Activate "{}" >/dev/null \
    || fail "Activate did not start the app through its service file"
  owned || fail "the activated app is not on the bus"
  [ "$(windows)" = 1 ] || fail "Activate opened $(windows) windows, not 1"
  echo "ok: the bus started the app and Activate opened its window" >&2

  timeout 20 "$CP_APP" || fail "a second launch failed"
  [ "$(windows)" = 1 ] || fail "a second launch made $(windows) windows, not 1"
  echo "ok: a second launch went to the running instance" >&2

  timeout 20 "$CP_APP" --server http://127.0.0.1:1 2>"$CP_ERR" \
    || fail "a second launch with --server failed"
  grep -q "already running" "$CP_ERR" || fail "a second --server launch did not say why it was ignored"
  echo "ok: a second launch with --server says it was not used" >&2

  gdbus call --session --dest "$CP_ID" --object-path "$CP_PATH" \
    --method org.freedesktop.Application.ActivateAction quit "[]" "{}" >/dev/null
  for _ in $(seq 100); do
    if ! owned; then echo "ok: quit over D-Bus" >&2; exit 0; fi
    sleep 0.1
  done
  fail "the app did not quit"
'
