#!/bin/bash
# pg-cli-store.sh — ranah-cli store info and store init on PostgreSQL: an unreachable server,
# an empty database, one without users and a set-up store told apart (TAP)
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage (under pg-harness.sh): pg-cli-store.sh PATH/TO/ranah-cli
set -u
cli=$1
tmp=$(mktemp -d /tmp/ranah-pg-cli-store.XXXXXX)
ctl=$RANAH_TEST_PG_CTL
trap '"$ctl" start >/dev/null 2>&1; rm -rf "$tmp"' EXIT
export RANAH_TEST_FAST_PWHASH=1 LC_ALL=C.UTF-8 HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run"
unset RANAH_STORE RANAH_USER RANAH_PASSWORD RANAH_NEW_PASSWORD PGPASSWORD PGPASSFILE PGUSER
mkdir -m 700 "$tmp/run" "$tmp/home"
n=0
fails=0
result () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else
    echo "not ok $n - $2"; sed 's/^/# /' "$tmp/out" "$tmp/err" | head -8; fails=$((fails + 1)); fi
}
run () { setsid -w "$cli" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"; }
status_is () {
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1]));
sys.exit(0 if d["status"] == sys.argv[2] and d["initialized"] == (sys.argv[2] == "set-up") else 1)' \
    "$tmp/out" "$1"
}

db_uri=$("$(dirname "$0")/pg-newdb.sh")
db=${db_uri##*/}
pw=$RANAH_TEST_PG_OWNER_PASSWORD
hp="$RANAH_TEST_PG_HOST:$RANAH_TEST_PG_PORT"
owner="postgresql://$RANAH_TEST_PG_OWNER@$hp/$db"
desk="postgresql://$hp/$db"
admin_pw=admin-rahasia-2026

echo "1..14"

PGPASSWORD=$pw run --store "$owner" --json store info
[ $? -eq 0 ] && status_is no-schema && grep -q '"schema_version":0' "$tmp/out"
result $? "an empty database: no schema"
run --store "$desk" --json store info
[ $? -eq 0 ] && status_is unknown
result $? "a desk's address on a server that wants a login: reachable, cannot tell"

PGPASSWORD=$pw run --store "$owner" pg install
result $? "pg install"
PGPASSWORD=$pw run --store "$owner" --json store info
[ $? -eq 0 ] && status_is no-users
result $? "installed, no user yet: no users"
PGPASSWORD=$pw run --store "$owner" store info
grep -q "run ranah-cli store init" "$tmp/out"
result $? "… and the text says what to run"

# store init on a database without users sets it up; a desk's address says what is missing.
RANAH_PASSWORD=$admin_pw run --store "$desk" --user admin store init
[ $? -eq 2 ] && grep -q "postgresql://OWNER@HOST/DATABASE" "$tmp/err" \
  && ! grep -q "already set up" "$tmp/err"
result $? "store init with a desk's address: names the owner it needs, not \"already set up\""
RANAH_PASSWORD=$admin_pw PGPASSWORD=$pw run --store "$owner" --user admin store init
[ $? -eq 0 ] && grep -q "Created the store" "$tmp/out"
result $? "store init as the owner (password in \$PGPASSWORD) on a database without users"
RANAH_PASSWORD=$admin_pw PGPASSWORD=$pw run --store "$owner" --user admin store init
[ $? -eq 3 ] && grep -q "already set up" "$tmp/err"
result $? "… and only once"
PGPASSWORD=$pw run --store "$owner" --json store info
[ $? -eq 0 ] && status_is set-up
result $? "set up, seen by the owner"
RANAH_PASSWORD=$admin_pw run --store "$desk" --user admin --json store info
[ $? -eq 0 ] && status_is set-up
result $? "set up, seen by a desk that signs in"
RANAH_PASSWORD=$admin_pw run --store "$desk" --user admin audit verify
result $? "the administrator signs in at a desk"

# The server away: exit 7 and the sentence, never "set up: yes, schema version 0".
"$ctl" stop
run --store "$desk" store info
[ $? -eq 7 ] && grep -q "cannot be reached" "$tmp/err" && ! grep -q "Schema version" "$tmp/out"
result $? "store info on a stopped server (desk's address): exit 7"
PGPASSWORD=$pw run --store "$owner" --json store info
[ $? -eq 7 ] && grep -q "cannot be reached" "$tmp/err" && [ ! -s "$tmp/out" ]
result $? "store info on a stopped server (owner's address): exit 7"
RANAH_PASSWORD=$admin_pw PGPASSWORD=$pw run --store "$owner" --user admin store init
[ $? -eq 7 ] && ! grep -q "already set up" "$tmp/err"
result $? "store init on a stopped server: exit 7"
"$ctl" start
[ $fails -eq 0 ]
