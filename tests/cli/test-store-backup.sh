#!/usr/bin/env bash
# test-store-backup.sh — ranah-cli store backup copies a live SQLite store; the copy opens,
# holds the same requests and its audit chain verifies; bad uses fail with their exit codes;
# store check passes an intact store and reports a damaged one.
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export RANAH_TEST_FAST_PWHASH=1 RANAH_PASSWORD=ranah-demo-2026
n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check () { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }

echo "1..9"
"$cli" --store "sqlite:$tmp/office.db" demo --walkthrough >/dev/null 2>&1
check "demo store created" test -s "$tmp/office.db"

"$cli" --store "sqlite:$tmp/office.db" --user admin store backup "$tmp/copy.db" >/dev/null
check "backup as admin succeeds" test -s "$tmp/copy.db"

orig=$("$cli" --store "sqlite:$tmp/office.db" --user kadis --json request list)
copy=$("$cli" --store "sqlite:$tmp/copy.db" --user kadis --json request list)
check "the copy holds the same requests" test -n "$orig" -a "$orig" = "$copy"

copy_verifies () { "$cli" --store "sqlite:$tmp/copy.db" --user admin audit verify >/dev/null; }
check "the copy's audit chain verifies" copy_verifies

"$cli" --store "sqlite:$tmp/office.db" --user admin store backup "$tmp/copy.db" 2>/dev/null
check "an existing backup is never overwritten (exit 3)" test $? -eq 3

"$cli" --store "sqlite:$tmp/office.db" --user kadis store backup "$tmp/other.db" 2>/dev/null
rc=$?
check "only an administrator may back up (exit 4)" test $rc -eq 4 -a ! -e "$tmp/other.db"

"$cli" --store "sqlite:$tmp/office.db" --user admin store backup 2>/dev/null
check "a missing file name is a usage error (exit 2)" test $? -eq 2
"$cli" --store "sqlite:$tmp/copy.db" --user admin store check >"$tmp/check.out" 2>&1
check "store check passes an intact store" test $? -eq 0

# Every page after the first overwritten: the check (or opening, if it needs one of them)
# must call the store damaged.
size=$(stat -c %s "$tmp/copy.db")
dd if=/dev/zero bs=4096 seek=1 count=$(( size / 4096 - 1 )) conv=notrunc of="$tmp/copy.db" 2>/dev/null
"$cli" --store "sqlite:$tmp/copy.db" --user admin store check >"$tmp/check.out" 2>&1
rc=$?
check "store check reports a damaged store" test $rc -ne 0 -a -n "$(grep -i damaged "$tmp/check.out")"
exit $fail
