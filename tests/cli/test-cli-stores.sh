#!/usr/bin/env bash
# test-cli-stores.sh — only "store init" (and the demo) creates an SQLite store: a mistyped
# path fails with exit 6 and leaves nothing behind; store info tells an empty store from a
# set-up one; store backup writes a 0600 copy (TAP)
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-stores.sh PATH/TO/ranah-cli
set -u
cli=$1
tmp=$(mktemp -d /tmp/ranah-cli-stores.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export RANAH_TEST_FAST_PWHASH=1 RANAH_PASSWORD=ranah-demo-2026 LC_ALL=C.UTF-8
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run"
unset RANAH_STORE RANAH_USER
mkdir -m 700 "$tmp/run"
n=0
fails=0
result () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else
    echo "not ok $n - $2"; sed 's/^/# /' "$tmp/out" "$tmp/err" | head -8; fails=$((fails + 1)); fi
}
nope="$tmp/nope/dir/x.db"
# missing NAME COMMAND…: exit 6, the one sentence, and no folder or file made.
missing () {
  local name=$1; shift
  "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  local status=$?
  [ $status -eq 6 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] \
    && grep -qF "ranah-cli: There is no store at $nope; create one with “ranah-cli store init”." \
         "$tmp/err" \
    && [ ! -e "$tmp/nope" ]
  result $? "$name (exit $status)"
}

echo "1..16"
missing "inbox on a mistyped path" "$cli" --store "sqlite:$nope" --user admin inbox
missing "store info on a mistyped path" "$cli" --store "sqlite:$nope" store info
missing "user list on a mistyped path" "$cli" --store "sqlite:$nope" --user admin user list
missing "login on a mistyped path" "$cli" --store "sqlite:$nope" --user admin login
missing "store backup from a mistyped path" "$cli" --store "sqlite:$nope" --user admin \
  store backup "$tmp/copy.db"
missing "\$RANAH_STORE mistyped" env RANAH_STORE="sqlite:$nope" "$cli" --user admin inbox
missing "pg migrate-from a mistyped SQLite path" env RANAH_INITIAL_PASSWORD=mulai-baru-2026 \
  "$cli" --store "postgresql://127.0.0.1:1/none" --user admin pg migrate-from "sqlite:$nope"
"$cli" --store "sqlite:$tmp/here.db" --user admin inbox >"$tmp/out" 2>"$tmp/err"
[ $? -eq 6 ] && [ ! -e "$tmp/here.db" ]
result $? "a missing file in a folder that exists is not created either"

# A folder in the way is not "no store": the store cannot be opened (exit 7), as before.
: >"$tmp/file"
"$cli" --store "sqlite:$tmp/file/x.db" --user admin inbox >"$tmp/out" 2>"$tmp/err"
result $(( $? == 7 ? 0 : 1 )) "a file where the folder should be: exit 7"

# store init creates, folders and all; then store info says set up.
"$cli" --store "sqlite:$tmp/new/kantor.db" --user admin store init >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && [ -s "$tmp/new/kantor.db" ]
result $? "store init creates the store and its folder"
"$cli" --store "sqlite:$tmp/new/kantor.db" --json store info >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && grep -q '"status":"set-up"' "$tmp/out" && grep -q '"initialized":true' "$tmp/out"
result $? "store info: set up"
# An empty file (left by an older ranah-cli): a store without users.
: >"$tmp/empty.db"
"$cli" --store "sqlite:$tmp/empty.db" store info >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && grep -q "no: run ranah-cli store init" "$tmp/out"
result $? "store info on an empty store: not set up, run store init"
"$cli" --store "sqlite:$tmp/empty.db" --user admin store init >"$tmp/out" 2>"$tmp/err"
result $? "store init sets up the empty store"

# The demo makes its own store.
"$cli" --store "sqlite:$tmp/demo/demo.db" demo >/dev/null 2>"$tmp/err"
[ $? -eq 0 ] && [ -s "$tmp/demo/demo.db" ]
result $? "demo still creates its store"

# store backup: 0600 whatever the umask, the journal too.
(umask 022; "$cli" --store "sqlite:$tmp/demo/demo.db" --user admin store backup "$tmp/copy.db" \
   >"$tmp/out" 2>"$tmp/err")
[ $? -eq 0 ] && [ "$(stat -c %a "$tmp/copy.db")" = 600 ]
result $? "store backup writes a 0600 copy under umask 022"
"$cli" --store "sqlite:$tmp/copy.db" --user admin audit verify >"$tmp/out" 2>"$tmp/err"
result $? "the copy opens and its audit chain verifies"
[ $fails -eq 0 ]
