#!/bin/sh
# meson install of this build into a scratch DESTDIR, as a package build
# does: every file a distribution or the Flatpak needs is there, under the
# app ID, and the man pages render without warnings.
#
# usage: check-install.sh BUILD_ROOT PREFIX BINDIR DATADIR MANDIR APP_ID SERVER(true|false)
set -eu
build=$1 prefix=$2 bindir=$3 datadir=$4 mandir=$5 id=$6 server=$7

dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >/dev/null

root=$dest$prefix
problems=0
want() {
  if [ -s "$root/$1" ]; then echo "ok: $1" >&2
  else echo "not ok: $1 is not installed" >&2; problems=$((problems + 1)); fi
}
unwanted() {
  if [ -e "$root/$1" ]; then echo "not ok: $1 is installed" >&2; problems=$((problems + 1))
  else echo "ok: no $1" >&2; fi
}

want "$bindir/customer-portal"
want "$mandir/man1/customer-portal.1"
if [ "$server" = true ]; then
  want "$bindir/customer-portal-server"
  want "$mandir/man1/customer-portal-server.1"
  want "$bindir/customer-portal-processor"
  want "$mandir/man1/customer-portal-processor.1"
else
  unwanted "$bindir/customer-portal-server"
  unwanted "$mandir/man1/customer-portal-server.1"
  unwanted "$bindir/customer-portal-processor"
  unwanted "$mandir/man1/customer-portal-processor.1"
fi
want "$datadir/applications/$id.desktop"
want "$datadir/metainfo/$id.metainfo.xml"
want "$datadir/dbus-1/services/$id.service"
want "$datadir/icons/hicolor/scalable/apps/$id.svg"
want "$datadir/icons/hicolor/symbolic/apps/$id-symbolic.svg"
want "$datadir/glib-2.0/schemas/$id.gschema.xml"
want "$datadir/locale/de/LC_MESSAGES/customer-portal.mo"
want "$datadir/help/C/customer-portal/index.html"

# The user guide covers the customer's and the office's tasks.
guide=$root/$datadir/help/C/customer-portal/index.html
for task in "Add Card" "Set as Primary" "Delete" "Pay" "View History" "AutoPay" "Call Booking" "Settings"; do
  if grep -q "$task" "$guide" 2>/dev/null; then echo "ok: the guide covers $task" >&2
  else echo "not ok: the guide does not cover $task" >&2; problems=$((problems + 1)); fi
done

# The service file starts the installed binary.
if ! grep -qx "Exec=$prefix/$bindir/customer-portal --gapplication-service" \
       "$root/$datadir/dbus-1/services/$id.service" 2>/dev/null; then
  echo "not ok: the D-Bus service does not Exec $prefix/$bindir/customer-portal" >&2
  problems=$((problems + 1))
fi

# Man pages: groff's warnings (-ww) on stderr are problems too.
if command -v groff >/dev/null; then
  for page in "$root/$mandir"/man1/*.1; do
    out=$(LC_ALL=C.UTF-8 groff -man -ww -z "$page" 2>&1) || true
    if [ -n "$out" ]; then echo "not ok: $page: $out" >&2; problems=$((problems + 1))
    else echo "ok: $(basename "$page") renders cleanly" >&2; fi
  done
fi

exit $((problems > 0))
