#!/usr/bin/env bash
# test-cli-text.sh — characters that change the text direction are refused in free text over
# several lines too (purpose, note, reason), and whatever a store holds, ranah-cli's printers
# show control and direction characters written out as <U+202E>, JSON as \u202e (TAP)
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-text.sh PATH/TO/ranah-cli
set -u
cli=$1
tmp=$(mktemp -d /tmp/ranah-cli-text.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export RANAH_TEST_FAST_PWHASH=1 RANAH_PASSWORD=ranah-demo-2026 LC_ALL=C.UTF-8
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run"
export RANAH_STORE="sqlite:$tmp/office.db"
unset RANAH_USER
mkdir -m 700 "$tmp/run"
n=0
fails=0
RLO=$(printf '\342\200\256')     # U+202E RIGHT-TO-LEFT OVERRIDE
ESC=$(printf '\033')
result () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else
    echo "not ok $n - $2"; sed 's/^/# /' "$tmp/err" "$tmp/out" | head -20; fails=$((fails + 1)); fi
}
refused () {
  local name=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local status=$?
  [ $status -eq 3 ] && grep -q "direction" "$tmp/err" && ! grep -q "$RLO" "$tmp/err"
  result $? "$name (exit $status)"
}
# shows NAME COMMAND…: the output holds <U+202E> and never the character itself.
shows () {
  local name=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local status=$?
  [ $status -eq 0 ] && grep -q "<U+202E>" "$tmp/out" && ! grep -q "$RLO" "$tmp/out" \
    && ! grep -q "$ESC" "$tmp/out"
  result $? "$name (exit $status)"
}

echo "1..11"
"$cli" demo >/dev/null 2>&1 || { echo "Bail out! ranah-cli demo failed"; exit 1; }
id=$("$cli" --user kadis --json inbox | python3 -c \
  'import json, sys; print(json.load(sys.stdin)[0]["request"]["id"])')
entry=$("$cli" --user staf --json registry list | python3 -c \
  'import json, sys; print(json.load(sys.stdin)[0]["id"])')

refused "a purpose with U+202E is refused" "$cli" --user dinkes request submit --name arah \
  --record A:103.10.20.30 --purpose "Baris satu.
laporan${RLO}fdp.exe" --contact-name Budi --contact-phone 081234567890 \
  --contact-email budi@dinkes.tarakankota.go.id --letter-number 800/1/2026 \
  --letter-date 2026-11-20
refused "a disposition note with U+202E is refused" "$cli" --user kadis act "$id" dispose \
  --note "Segera.
${RLO}lanjutkan" --instruction tindaklanjuti
refused "a reason with U+202E is refused" "$cli" --user staf registry suspend "$entry" \
  --reason "Diretas ${RLO}"

# What an older Ranah, or someone with the file, left in the store.
python3 - "$tmp/office.db" "$id" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rid = int(sys.argv[2])
evil = "laporan\u202efdp.exe \x1b[31mmerah\x1b[0m"
db.execute("UPDATE requests SET purpose = ?, note = ? WHERE id = ?",
           ("Baris satu.\n" + evil, evil, rid))
db.execute("UPDATE opds SET name = ? WHERE id = (SELECT opd_id FROM requests WHERE id = ?)",
           ("Dinas \u202eXY", rid))
db.execute("UPDATE requests SET fqdn = ? WHERE id = ?", ("exe.\u202egp", rid))
db.execute("DROP TRIGGER events_no_update")
db.execute("UPDATE events SET note = ? WHERE seq = (SELECT max (seq) FROM events "
           "WHERE request_id = ?)", ("Catatan\n" + evil, rid))
db.commit()
EOF

shows "request show writes the characters out" "$cli" --user kadis request show "$id"
n=$((n + 1))
if grep -q "^Purpose  *Baris satu.$" "$tmp/out" \
   && grep -q "^                   laporan<U+202E>fdp.exe <U+001B>\[31mmerah" "$tmp/out"; then
  echo "ok $n - a purpose over two lines keeps to its column"
else
  echo "not ok $n - a purpose over two lines keeps to its column"; fails=$((fails + 1))
fi
shows "inbox writes the characters out" "$cli" --user kadis inbox
shows "request list writes the characters out" "$cli" --user admin request list
shows "audit list writes the characters out" "$cli" --user admin audit list
n=$((n + 1))
if [ "$(grep -c "Catatan" "$tmp/out")" = 1 ] && grep -q "Catatan<U+000A>laporan" "$tmp/out"; then
  echo "ok $n - an audit note stays on its event's line"
else
  echo "not ok $n - an audit note stays on its event's line"; fails=$((fails + 1))
fi
shows "opd list writes the characters out" "$cli" --user admin opd list

"$cli" --user kadis --json request show "$id" >"$tmp/out" 2>"$tmp/err"
! grep -q "$RLO" "$tmp/out" && grep -q '\\u202e' "$tmp/out" \
  && python3 -c 'import json, sys; d = json.load(open(sys.argv[1]));
assert "\u202e" in d["request"]["purpose"]' "$tmp/out"
result $? "--json escapes U+202E as \\u202e and keeps it in the data"
[ $fails -eq 0 ]
