#!/usr/bin/env bash
# Fails when a source or .ui file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu
root=$1
cd "$root"
potfiles=po/POTFILES.in
fail=0
listed=$(grep -vE '^\s*(#|$)' "$potfiles" | sort -u)

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "POTFILES.in lists $f, which does not exist" >&2
    fail=1
  fi
done

candidates=$( { grep -rlE '\b(N?_|C_|NC_|g_dngettext|ngettext)\s*\(' src server --include='*.c' 2>/dev/null || true
                grep -rl 'translatable="yes"' data --include='*.ui' 2>/dev/null || true
                ls data/*.desktop.in.in data/*.gschema.xml.in data/*.metainfo.xml.in.in 2>/dev/null || true; } | sort -u)
for f in $candidates; do
  if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
    echo "$f has translatable strings but is missing from $potfiles" >&2
    fail=1
  fi
done

exit $fail
