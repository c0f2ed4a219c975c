#!/usr/bin/env bash
# check-po.sh — every translatable string of the sources is in po/zh_CN.po, translated, not
# fuzzy, and every source file with translatable strings is listed in po/POTFILES.in.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
top=${1:?usage: check-po.sh SOURCE_ROOT}
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

unlisted=$(git ls-files 'src/*.c' 'src/*.ui' 'data/*.in' 2>/dev/null | while read -r f; do
  if grep -qE '(_\(|N_\(|C_\(|translatable="yes")' "$f" && ! grep -qxF "$f" po/POTFILES.in; then
    echo "$f"
  fi
done)
if [ -n "$unlisted" ]; then
  echo "not in po/POTFILES.in: $unlisted"
  status=1
fi

(cd po && xgettext --from-code=UTF-8 -f POTFILES.in -D .. -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 \
  -kg_dngettext:2,3 -o "$tmp/new.pot")
msgmerge -q --no-fuzzy-matching po/zh_CN.po "$tmp/new.pot" -o "$tmp/merged.po"
untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/merged.po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry too when it prints anything.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
  echo "po/zh_CN.po: $untranslated untranslated, $fuzzy fuzzy against the sources:"
  msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep -A1 '^msgid ' | head -40
  status=1
fi
exit $status
