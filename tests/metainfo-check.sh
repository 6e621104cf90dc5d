#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Validate the metainfo: appstreamcli validate --no-net --strict (fails on
# warnings and infos as well as errors).
#
#   metainfo-check.sh APPSTREAMCLI METAINFO
#
# AppStream 1.0 replaced <developer_name> with <developer id=…><name>, which we
# use; AppStream 0.16 (Debian 12) does not know it yet and reports
# "unknown-tag developer" as an info. With a 0.x appstreamcli that one info is
# allowed, and nothing else.
set -u
appstreamcli=$1 metainfo=$2

out=$("$appstreamcli" validate --no-net --strict --explain "$metainfo" 2>&1)
status=$?
printf '%s\n' "$out"
[ "$status" -eq 0 ] && exit 0

version=$("$appstreamcli" --version | sed -n 's/^AppStream version: *//p')
case $version in
  0.*) ;;
  *) exit 1 ;;
esac
issues=$(printf '%s\n' "$out" | grep -E '^[EWI]: ')
others=$(printf '%s\n' "$issues" | grep -vE '^I: [^ ]*:[0-9]+: unknown-tag developer$')
if [ -n "$others" ]; then
  echo "FAIL: issues other than the <developer> tag AppStream $version does not know yet"
  exit 1
fi
echo "ok: valid but for <developer>, which AppStream $version predates (1.0 knows it)"
