#!/usr/bin/env bash
# test-cli-session.sh — ranah-cli login / logout: one password, then commands without it (TAP)
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-session.sh PATH/TO/ranah-cli — on a temporary SQLite store, or, under
# tests/pg/pg-harness.sh (RANAH_TEST_PG_HOST set), on a fresh PostgreSQL database reached
# as a desk does (no credentials in the address). Every command runs without a controlling
# terminal (setsid), so a password it would ask for fails instead of waiting.
set -u
cli=$1
tmp=$(mktemp -d /tmp/ranah-cli-session.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export RANAH_TEST_FAST_PWHASH=1 XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/data"
unset RANAH_PASSWORD RANAH_USER RANAH_NEW_PASSWORD
mkdir -m 700 "$tmp/run"
pw=rahasia-sesi-2026
n=0
fails=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () {
  n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"
  sed 's/^/# out: /' "$tmp/out"; sed 's/^/# err: /' "$tmp/err"
}
check () { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
# Runs ranah-cli detached from any terminal; output in $tmp/out and $tmp/err.
run () { setsid -w "$cli" --store "$store" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"; }
run_pw () { RANAH_PASSWORD=$pw run "$@"; }
session_file () { ls "$tmp/run/ranah/"session-* 2>/dev/null | head -1; }
err_has () { grep -q -- "$1" "$tmp/err"; }
out_has () { grep -q -- "$1" "$tmp/out"; }

echo "1..22"

if [ -n "${RANAH_TEST_PG_HOST:-}" ]; then
  db_uri=$("$(dirname "$0")/../pg/pg-newdb.sh")
  db=${db_uri##*/}
  # Set up as the schema owner, whose credentials the fixture's address carries.
  store=$db_uri
  RANAH_USER=admin run_pw store init --full-name "Admin Ranah"
  # From here on, as a desk: no credentials in the address.
  store="postgresql://$RANAH_TEST_PG_HOST:$RANAH_TEST_PG_PORT/$db"
else
  store="sqlite:$tmp/kantor.db"
  RANAH_USER=admin run_pw store init --full-name "Admin Ranah"
fi
check "a store with an administrator" test $? -eq 0
RANAH_NEW_PASSWORD=$pw RANAH_USER=admin run_pw user add kadis --role kadis \
  && RANAH_NEW_PASSWORD=$pw RANAH_USER=admin run_pw user add kabid --role kabid
check "two more users" test $? -eq 0

# Without a session, a command needs the password.
RANAH_USER=kadis run inbox
rc=$?
check "no session: a command without \$RANAH_PASSWORD fails, asking for it (exit 2)" \
  test $rc -eq 2 -a "$(grep -c RANAH_PASSWORD "$tmp/err")" -eq 1

RANAH_USER=kadis run_pw login
check "login prints who and until when" out_has "Signed in as kadis until"
file=$(session_file)
check "the session file is 0600, its folder 0700" test -n "$file" \
  -a "$(stat -c %a "$file")" = 600 -a "$(stat -c %a "$tmp/run/ranah")" = 700
check "the file holds the token, not the password" \
  test -n "$(grep '^token=rnh1\.' "$file")" -a -z "$(grep -- "$pw" "$file")"

RANAH_USER=kadis run inbox
check "login, then a command without \$RANAH_PASSWORD works" test $? -eq 0
run --json inbox
check "without --user either: the session's user" test $? -eq 0
RANAH_USER=kabid run inbox
check "another user's command does not ride on kadis's session" test $? -eq 2
RANAH_USER=admin run_pw audit list
check "the audit trail has the session's start" out_has "auth:session-started"

run logout
check "logout ends it" out_has "Signed out"
check "logout removes the file" test -z "$(session_file)"
RANAH_USER=kadis run inbox
check "logout, then the same command fails asking for a password" \
  test $? -eq 2 -a -n "$(grep RANAH_PASSWORD "$tmp/err")"
run logout
check "logout without a session says so and succeeds" out_has "no session"

# A stale file (its session revoked by a password change) falls back to the password.
RANAH_USER=kadis run_pw login --json
check "login --json" test $? -eq 0 -a -n "$(grep '"user":"kadis"' "$tmp/out")" \
  -a -n "$(grep '"expires_at":' "$tmp/out")"
RANAH_NEW_PASSWORD=$pw RANAH_USER=admin run_pw user set-password kadis
check "the administrator sets kadis's password" test $? -eq 0
RANAH_USER=kadis run_pw inbox
check "a revoked session falls back to the password" test $? -eq 0
check "… and its file is removed" test -z "$(session_file)"

# A file someone else could read is not used.
RANAH_USER=kadis run_pw login
chmod 644 "$(session_file)"
RANAH_USER=kadis run inbox
check "a session file readable by others is ignored" test $? -eq 2

# A file with a token the store does not know falls back to the password.
chmod 600 "$(session_file)"
sed -i 's/^token=rnh1\.\(.\)/token=rnh1.X\1/; s/^token=\(.\{48\}\).*/token=\1/' "$(session_file)"
RANAH_USER=kadis run_pw inbox
check "a stale token falls back to the password and is forgotten" \
  test $? -eq 0 -a -z "$(session_file)"

# Logging in again (the user taken from the last session) ends the session it replaces.
RANAH_USER=kadis run_pw login
cp "$(session_file)" "$tmp/first"
run_pw login
check "login again without --user: the last session's user" out_has "Signed in as kadis"
cp "$tmp/first" "$(session_file)"
RANAH_USER=kadis run inbox
check "the replaced session no longer works" test $? -eq 2 -a -z "$(session_file)"

exit $fails
