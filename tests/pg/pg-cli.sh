#!/bin/bash
# pg-cli.sh — ranah-cli pg: install, move an office up from SQLite, back up (TAP)
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage (under pg-harness.sh): pg-cli.sh PATH/TO/ranah-cli
set -u
cli=$1
tmp=$(mktemp -d /tmp/ranah-pg-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0
check () {
  local name=$1; shift
  n=$((n + 1))
  if "$@" >"$tmp/out" 2>"$tmp/err"; then
    echo "ok $n $name"
  else
    echo "not ok $n $name"
    sed 's/^/# /' "$tmp/err"
    fails=$((fails + 1))
  fi
}
check_fails () {
  local name=$1 code=$2; shift 2
  n=$((n + 1))
  "$@" >"$tmp/out" 2>"$tmp/err"
  local status=$?
  if [ $status -eq "$code" ]; then
    echo "ok $n $name"
  else
    echo "not ok $n $name (exit $status, wanted $code)"
    sed 's/^/# /' "$tmp/err"
    fails=$((fails + 1))
  fi
}

echo "1..10"
db_uri=$("$(dirname "$0")/pg-newdb.sh")
db=${db_uri##*/}
# The owner's password travels in $PGPASSWORD, not in the address.
export PGPASSWORD=$RANAH_TEST_PG_OWNER_PASSWORD
owner="postgresql://$RANAH_TEST_PG_OWNER@$RANAH_TEST_PG_HOST:$RANAH_TEST_PG_PORT/$db"
desk="postgresql://$RANAH_TEST_PG_HOST:$RANAH_TEST_PG_PORT/$db"

check "an office on SQLite (ranah-cli demo)" "$cli" --store "sqlite:$tmp/kantor.db" demo
check "pg install" "$cli" --store "$owner" pg install
check "pg install again changes nothing" "$cli" --store "$owner" pg install
check "pg migrate-from sqlite" env RANAH_PASSWORD=ranah-demo-2026 \
  RANAH_INITIAL_PASSWORD=mulai-baru-2026 "$cli" --store "$owner" --user admin \
  pg migrate-from "sqlite:$tmp/kantor.db"
check "a desk signs in with the initial password; the chain verifies" env -u PGPASSWORD \
  RANAH_PASSWORD=mulai-baru-2026 "$cli" --store "$desk" --user admin audit verify
check_fails "moving into a database that is not empty is refused" 5 env \
  RANAH_PASSWORD=ranah-demo-2026 RANAH_INITIAL_PASSWORD=mulai-baru-2026 "$cli" \
  --store "$owner" --user admin pg migrate-from "sqlite:$tmp/kantor.db"
check "pg backup" "$cli" --store "$owner" pg backup "$tmp/ranah.dump"
check "the backup is a pg_dump archive" test -s "$tmp/ranah.dump"
# The whole workflow straight on PostgreSQL, signing with the real letter renderer.
db2_uri=$("$(dirname "$0")/pg-newdb.sh")
check "ranah-cli demo on PostgreSQL (every state, letters signed)" env -u PGPASSWORD \
  "$cli" --store "$db2_uri" demo
check "its audit chain verifies at a desk" env -u PGPASSWORD RANAH_PASSWORD=ranah-demo-2026 \
  "$cli" --store "postgresql://$RANAH_TEST_PG_HOST:$RANAH_TEST_PG_PORT/${db2_uri##*/}" \
  --user admin audit verify
[ $fails -eq 0 ]
