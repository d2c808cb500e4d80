#!/bin/sh
# The app icons: the release and the .Devel one differ, and both, rendered at
# 128 px, keep their content inside the GNOME icon grid (the 104 px keyline
# circle: 12-116 px across and down).
#
# usage: check-icons.sh ICON_DIR BASE_ID
set -eu
dir=$1 id=$2
release=$dir/$id.svg devel=$dir/$id.Devel.svg
problems=0

for f in "$release" "$devel"; do
  [ -s "$f" ] || { echo "not ok: $f is missing" >&2; exit 1; }
done
if cmp -s "$release" "$devel"; then
  echo "not ok: the .Devel icon is the release icon" >&2; problems=$((problems + 1))
else
  echo "ok: the .Devel icon differs from the release icon" >&2
fi

if ! command -v rsvg-convert >/dev/null || [ ! -x /usr/bin/convert ]; then
  echo "skip: rsvg-convert or ImageMagick missing, the grid is not checked" >&2
  exit $((problems > 0))
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$release" "$devel"; do
  rsvg-convert -w 128 -h 128 "$f" -o "$tmp/icon.png"
  # WxH+X+Y of what is not transparent
  box=$(/usr/bin/convert "$tmp/icon.png" -trim -format '%w %h %X %Y' info:)
  set -- $box
  w=$1 h=$2 x=${3#+} y=${4#+}
  if [ "$x" -ge 12 ] && [ "$y" -ge 12 ] && [ $((x + w)) -le 116 ] && [ $((y + h)) -le 116 ]; then
    echo "ok: $(basename "$f") spans x $x-$((x + w)), y $y-$((y + h)) of 128" >&2
  else
    echo "not ok: $(basename "$f") spans x $x-$((x + w)), y $y-$((y + h)) of 128, outside 12-116" >&2
    problems=$((problems + 1))
  fi
done
exit $((problems > 0))
