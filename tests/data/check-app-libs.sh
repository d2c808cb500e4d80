#!/usr/bin/env bash
# The app links neither SQLite nor libsodium (the server's libraries): the
# client wipes secrets with explicit_bzero(), and every library it loads
# costs start-up time. Checks the app's own NEEDED entries; libsoup's
# dependencies (sqlite3 for its HSTS and cookie databases, krb5) are
# Debian's libsoup's, not ours.
set -euo pipefail
app=$1
needed=$(readelf -d "$app" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || { echo "no NEEDED entries read from $app" >&2; exit 1; }
status=0
for lib in libsqlite3 libsodium; do
  if grep -q "^$lib" <<<"$needed"; then
    echo "the app links $lib" >&2
    status=1
  fi
done
echo "$needed"
exit $status
