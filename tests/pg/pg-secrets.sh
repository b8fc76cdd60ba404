#!/bin/bash
# pg-secrets.sh — ranah-cli pg keeps the owner's password off command lines and out of
# pg_dump's environment, and its backups are 0600 (TAP)
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage (under pg-harness.sh): pg-secrets.sh PATH/TO/ranah-cli
#
# A pg_dump of our own goes first in $PATH: it writes down what it was given (its
# arguments, its environment, the mode of the passfile it was told about, and its parent's
# command line, which is ranah-cli's as `ps` shows it at that moment), then runs the real
# one.
set -u
cli=$1
tmp=$(mktemp -d /tmp/ranah-pg-secrets.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export RANAH_TEST_FAST_PWHASH=1 LC_ALL=C.UTF-8 HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run"
unset RANAH_STORE RANAH_USER RANAH_PASSWORD RANAH_NEW_PASSWORD PGPASSWORD PGPASSFILE PGUSER
mkdir -m 700 "$tmp/run" "$tmp/home" "$tmp/bin"
n=0
fails=0
result () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else
    echo "not ok $n - $2"; sed 's/^/# /' "$tmp/err" 2>/dev/null | head -5; fails=$((fails + 1)); fi
}
# lacks FILE TEXT: FILE exists and does not hold TEXT.
lacks () { [ -e "$1" ] && ! grep -qF -- "$2" "$1"; }

real_pg_dump=$(command -v pg_dump)
[ -n "$real_pg_dump" ] || { echo "1..0 # SKIP pg_dump is not installed"; exit 0; }
cat >"$tmp/bin/pg_dump" <<EOF
#!/bin/bash
printf '%s\n' "\$@" >"$tmp/dump-args"
env >"$tmp/dump-env"
tr '\0' ' ' </proc/\$PPID/cmdline >"$tmp/parent-cmdline"
tr '\0' '\n' </proc/\$PPID/environ >"$tmp/parent-environ" 2>/dev/null || true
if [ -n "\${PGPASSFILE:-}" ]; then stat -c %a "\$PGPASSFILE" >"$tmp/passfile-mode";
  echo "\$PGPASSFILE" >"$tmp/passfile-path"; fi
exec "$real_pg_dump" "\$@"
EOF
chmod +x "$tmp/bin/pg_dump"

db_uri=$("$(dirname "$0")/pg-newdb.sh")
db=${db_uri##*/}
pw=$RANAH_TEST_PG_OWNER_PASSWORD
hp="$RANAH_TEST_PG_HOST:$RANAH_TEST_PG_PORT"
owner="postgresql://$RANAH_TEST_PG_OWNER@$hp/$db"
with_pw="postgresql://$RANAH_TEST_PG_OWNER:$pw@$hp/$db"
clean () { rm -f "$tmp"/dump-* "$tmp/parent-cmdline" "$tmp/parent-environ" "$tmp"/passfile-*; }

echo "1..24"

# The owner's password from $RANAH_PASSWORD: no $PGPASSWORD, no ~/.pgpass, none in the address.
RANAH_PASSWORD=$pw setsid -w "$cli" --store "$owner" pg install </dev/null >"$tmp/out" 2>"$tmp/err"
result $? "pg install takes the owner's password from \$RANAH_PASSWORD"
[ ! -s "$tmp/err" ]
result $? "… and warns about nothing"
setsid -w "$cli" --store "$owner" pg install </dev/null >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "RANAH_PASSWORD" "$tmp/err" && [ "$(wc -l <"$tmp/err")" -eq 1 ]
result $? "without any password and no terminal: exit 2, one sentence naming \$RANAH_PASSWORD"
if command -v script >/dev/null; then
  # Typed once the prompt is up: the prompt flushes what was typed before it.
  (sleep 2; printf '%s\n' "$pw") | script -qec "'$cli' --store '$owner' pg install" /dev/null \
    >"$tmp/out" 2>"$tmp/err"
  grep -q "Password of the database owner" "$tmp/out" && grep -q "has the Ranah schema" "$tmp/out" \
    && ! grep -qF -- "$pw" "$tmp/out"
  result $? "on a terminal: asked without echo"
else
  n=$((n + 1)); echo "ok $n - on a terminal: asked without echo # SKIP no script(1)"
fi

# A password in the address anyway: wiped from the command line at once, one warning.
clean
PATH="$tmp/bin:$PATH" RANAH_PASSWORD=ranah-rahasia-1 RANAH_NEW_PASSWORD=ranah-rahasia-2 \
  "$cli" --store "$with_pw" pg backup "$tmp/a.dump" >"$tmp/out" 2>"$tmp/err"
result $? "pg backup with the password in the address"
[ "$(grep -c "shows in the process list" "$tmp/err")" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ]
result $? "… warns in one sentence"
lacks "$tmp/parent-cmdline" "$pw" && grep -qF "$RANAH_TEST_PG_OWNER@$hp/$db" "$tmp/parent-cmdline"
result $? "… ranah-cli's command line no longer holds the password"
lacks "$tmp/dump-args" "$pw" && grep -q -- "--no-password" "$tmp/dump-args"
result $? "pg_dump's arguments hold no password"
lacks "$tmp/dump-env" "$pw"
result $? "pg_dump's environment holds no password"
! grep -q "^RANAH_" "$tmp/dump-env" && ! grep -q "^PGPASSWORD=" "$tmp/dump-env"
result $? "pg_dump inherits no RANAH_* variable and no \$PGPASSWORD"
[ "$(cat "$tmp/passfile-mode" 2>/dev/null)" = 600 ] && [ ! -e "$(cat "$tmp/passfile-path")" ]
result $? "it got a passfile of its own, 0600, removed afterwards"
[ "$(stat -c %a "$tmp/a.dump")" = 600 ] && [ -s "$tmp/a.dump" ]
result $? "the backup is 0600"
pg_restore --list "$tmp/a.dump" >/dev/null 2>"$tmp/err"
result $? "the backup is a pg_dump archive"

# $PGPASSWORD: used, and handed on in a passfile, not in the environment.
clean
PATH="$tmp/bin:$PATH" PGPASSWORD=$pw "$cli" --store "$owner" pg backup "$tmp/b.dump" \
  >"$tmp/out" 2>"$tmp/err"
result $? "pg backup with \$PGPASSWORD"
[ ! -s "$tmp/err" ] && ! grep -q "^PGPASSWORD=" "$tmp/dump-env" \
  && [ "$(cat "$tmp/passfile-mode" 2>/dev/null)" = 600 ]
result $? "… no warning, and pg_dump gets it in a passfile"
(umask 022; PGPASSWORD=$pw "$cli" --store "$owner" pg backup "$tmp/c.dump" >/dev/null 2>&1)
[ "$(stat -c %a "$tmp/c.dump")" = 600 ]
result $? "0600 whatever the umask"
PGPASSWORD=$pw "$cli" --store "$owner" pg backup "$tmp/b.dump" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 3 ] && grep -q "already exists" "$tmp/err" && pg_restore --list "$tmp/b.dump" >/dev/null
result $? "an existing backup is never overwritten (exit 3)"

# ~/.pgpass: libpq's own, left to it.
clean
printf '%s:%s:*:%s:%s\n' "$RANAH_TEST_PG_HOST" "$RANAH_TEST_PG_PORT" "$RANAH_TEST_PG_OWNER" "$pw" \
  >"$HOME/.pgpass"
chmod 600 "$HOME/.pgpass"
PATH="$tmp/bin:$PATH" setsid -w "$cli" --store "$owner" pg backup "$tmp/d.dump" </dev/null \
  >"$tmp/out" 2>"$tmp/err"
result $? "pg backup with ~/.pgpass"
[ ! -e "$tmp/passfile-mode" ] && lacks "$tmp/dump-env" "$pw"
result $? "… pg_dump reads ~/.pgpass itself"
rm -f "$HOME/.pgpass"

# No secret in any message.
"$cli" --store "postgresql://$RANAH_TEST_PG_OWNER:salah-$pw@$hp/$db" pg backup "$tmp/e.dump" \
  >"$tmp/out" 2>"$tmp/err"
[ $? -ne 0 ] && ! grep -qF "salah-$pw" "$tmp/err" && [ ! -e "$tmp/e.dump" ]
result $? "a wrong password: the message does not repeat it, no file is left"
"$cli" --store "postgresq://$RANAH_TEST_PG_OWNER:$pw@$hp/$db" pg install >"$tmp/out" 2>"$tmp/err"
[ $? -ne 0 ] && lacks "$tmp/err" "$pw"
result $? "a mistyped scheme: the message does not show the password"
"$cli" --store "postgresq://$RANAH_TEST_PG_OWNER:$pw@$hp/$db" --user admin inbox >"$tmp/out" \
  2>"$tmp/err"
[ $? -eq 7 ] && lacks "$tmp/err" "$pw"
result $? "… nor does any other command's"
"$cli" --store "host=$RANAH_TEST_PG_HOST port=$RANAH_TEST_PG_PORT password=$pw dbname" \
  --user admin inbox >"$tmp/out" 2>"$tmp/err"
[ $? -ne 0 ] && lacks "$tmp/err" "$pw"
result $? "a malformed conninfo: the message does not show the password"
"$cli" --store "host=$RANAH_TEST_PG_HOST port=$RANAH_TEST_PG_PORT user=$RANAH_TEST_PG_OWNER password=$pw dbname=$db" \
  store info >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && lacks "$tmp/out" "$pw" && grep -q "password=…" "$tmp/out" \
  && grep -q "shows in the process list" "$tmp/err"
result $? "store info with password=… in a conninfo: wiped, warned, shown without it"
[ $fails -eq 0 ]
