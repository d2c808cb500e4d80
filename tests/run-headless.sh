#!/usr/bin/env bash
# Runs a command as the UI tests need it, with nothing running beforehand:
# a virtual X display (Xvfb), a private D-Bus session bus inside it, and an
# unlocked gnome-keyring on that bus; private HOME and XDG folders so nothing
# touches the real home. Everything started here stops when the command ends.
set -euo pipefail

if [ -z "${CP_HEADLESS_INNER:-}" ]; then
  export CP_HEADLESS_INNER=1
  # Xvfb outside, the session bus inside: the other order leaves the
  # accessibility registry without a display.
  exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d)
keyring_pid=
cleanup() {
  if [ -n "$keyring_pid" ]; then
    kill "$keyring_pid" 2>/dev/null || true
    wait "$keyring_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

export HOME=$scratch/home XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config
export XDG_CACHE_HOME=$scratch/cache XDG_RUNTIME_DIR=$scratch/runtime
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# Creates and unlocks the "login" collection: the default one, no prompt.
# In the foreground, so that we hold its PID and it ends with this script
# (daemonized, it outlives the private bus).
printf 'test-password' | gnome-keyring-daemon --foreground --unlock --components=secrets \
  >"$scratch/keyring.log" 2>&1 &
keyring_pid=$!
for _ in $(seq 100); do
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null \
    | grep -q true && break
  sleep 0.05
done
export GSK_RENDERER=cairo

"$@"
