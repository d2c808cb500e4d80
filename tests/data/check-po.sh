#!/usr/bin/env bash
# Every language in po/LINGUAS has a .po file that msgfmt accepts with all its
# checks (format strings, header, mnemonics), and no .po is left out of LINGUAS.
set -eu
root=$1
cd "$root/po"
fail=0
langs=$(grep -vE '^\s*(#|$)' LINGUAS | tr -s ' \t' '\n' | sort -u)
[ -n "$langs" ] || { echo "po/LINGUAS lists no language" >&2; exit 1; }
for l in $langs; do
  if [ ! -f "$l.po" ]; then
    echo "po/LINGUAS lists $l, but po/$l.po does not exist" >&2
    fail=1
    continue
  fi
  if ! msgfmt --check --check-accelerators=_ --statistics -o /dev/null "$l.po"; then
    echo "po/$l.po does not pass msgfmt --check" >&2
    fail=1
  fi
  if grep -q '^#, fuzzy' "$l.po"; then
    echo "po/$l.po has fuzzy entries" >&2
    fail=1
  fi
done
for f in *.po; do
  [ -e "$f" ] || continue
  printf '%s\n' "$langs" | grep -qxF "${f%.po}" || { echo "po/$f is missing from po/LINGUAS" >&2; fail=1; }
done
exit $fail
