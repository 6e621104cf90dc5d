#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Check that every language of po/LINGUAS is complete: msgfmt --check passes, no
# message is untranslated or fuzzy, and no string of the CURRENT sources is missing
# (the template is extracted afresh from po/POTFILES.in, as the -pot target does,
# and merged into each .po in a temporary folder; the sources are not touched).
#
#   po-check.sh SOURCE_ROOT GETTEXT_PACKAGE
set -u

src=$1 package=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hk-po-check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# The keywords of meson's i18n 'glib' preset.
if ! xgettext --package-name="$package" --from-code=UTF-8 -D "$src" -f "$src/po/POTFILES.in" \
       -o "$tmp/$package.pot" -k_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       2>"$tmp/xgettext.log"; then
  cat "$tmp/xgettext.log" >&2
  echo "FAIL: xgettext could not extract the template" >&2
  exit 1
fi
total=$(msgattrib --no-obsolete "$tmp/$package.pot" | grep -c '^msgid ')
echo "$((total - 1)) messages in the sources"

status=0
for lang in $(sed 's/#.*//' "$src/po/LINGUAS"); do
  po=$src/po/$lang.po
  if [ ! -f "$po" ]; then
    echo "FAIL: po/LINGUAS lists $lang but po/$lang.po does not exist"
    status=1
    continue
  fi
  if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    echo "$stats"
    echo "FAIL: msgfmt --check rejects po/$lang.po"
    status=1
    continue
  fi
  echo "$lang: $stats"
  case $stats in
    *untranslated*|*fuzzy*)
      echo "FAIL: po/$lang.po has untranslated or fuzzy messages"
      status=1 ;;
  esac
  if ! grep -q '^"Plural-Forms: nplurals=[0-9]*; plural=' "$po"; then
    echo "FAIL: po/$lang.po has no Plural-Forms header"
    status=1
  fi

  msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/$lang.po" "$po" "$tmp/$package.pot" || status=1
  merged=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  case $merged in
    *untranslated*|*fuzzy*)
      echo "FAIL: against the current sources po/$lang.po has $merged"
      echo "Run meson compile -C build $package-update-po and translate these:"
      msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | sed -n '/^#:/,$p'
      status=1 ;;
  esac
done
exit $status
