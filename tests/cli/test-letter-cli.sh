#!/usr/bin/env bash
# test-letter-cli.sh — ranah-cli letter: the Surat Tanggapan and the Lembar Disposisi of a
# request as PDF (what pdftotext reads back), and verify telling a genuine signed letter
# from an altered copy and from a file that is no PDF.
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export RANAH_TEST_FAST_PWHASH=1 RANAH_PASSWORD=ranah-demo-2026 RANAH_STORE="sqlite:$tmp/s.db"
n=0
fail=0
check () { local name=$1; shift; n=$((n + 1)); if "$@"; then echo "ok $n - $name"; else fail=1; echo "not ok $n - $name"; fi; }
state_id () {  # the id of the first request in state $1
  "$cli" --user kadis --json request list --state "$1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])'
}

echo "1..16"
"$cli" demo --walkthrough >/dev/null 2>&1
sent=$(state_id sent)
drafted=$(state_id drafted)

"$cli" --user kadis letter pdf "$sent" -o "$tmp/signed.pdf" >/dev/null
text=$(pdftotext -layout "$tmp/signed.pdf" - 2>/dev/null)
has () { grep -q "$1" <<<"$text"; }
check "the signed letter has its number" has "Nomor *: *000.5.2/[0-9]\{4\}/DKISP/"
check "the signed letter answers in Indonesian" has "Menindaklanjuti surat"

"$cli" --user kadis letter pdf "$drafted" -o "$tmp/draft.pdf" >/dev/null
text=$(pdftotext -layout "$tmp/draft.pdf" - 2>/dev/null)
check "a draft has no number yet" has "konsep, belum bernomor"

"$cli" --user kadis letter disposition-sheet "$sent" -o "$tmp/sheet.pdf" >/dev/null
text=$(pdftotext -layout "$tmp/sheet.pdf" - 2>/dev/null)
check "the disposition sheet lists the dispositions" has "DISPOSISI 1"

genuine () { "$cli" --user kadis letter verify "$tmp/signed.pdf" | grep -q "Genuine and unaltered"; }
check "the signed original verifies" genuine
holds () { "$cli" --user kadis letter verify "$tmp/signed.pdf" \
             | grep -q "The store still holds the audit event #[0-9]* · [0-9a-f]\{8\}…[0-9a-f]\{8\}"; }
check "and the store still holds the audit event it names" holds
text=$(pdftotext -layout "$tmp/signed.pdf" - 2>/dev/null)
check "the letter prints that event" has "Jejak audit:"

# The event the letter names taken out of the trail (its trigger dropped): verify says so.
cp "$tmp/s.db" "$tmp/tampered.db"
python3 - "$tmp/tampered.db" "$sent" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
seq, = db.execute("SELECT audit_seq FROM letters WHERE request_id = ?", (int(sys.argv[2]),)).fetchone()
db.executescript("DROP TRIGGER events_no_delete;")
db.execute("DELETE FROM events WHERE chain = ? AND chain_seq = ?", (int(sys.argv[2]), seq))
db.commit()
PY
"$cli" --store "sqlite:$tmp/tampered.db" --user kadis letter verify "$tmp/signed.pdf" \
  >/dev/null 2>"$tmp/err"
check "a store without that event fails verify (exit 6)" test $? -eq 6
check "and says the audit event is gone" grep -q "no longer holds the audit event #" "$tmp/err"

cp "$tmp/signed.pdf" "$tmp/altered.pdf"
printf 'X' | dd of="$tmp/altered.pdf" bs=1 seek=1500 conv=notrunc 2>/dev/null
"$cli" --user kadis letter verify "$tmp/altered.pdf" 2>"$tmp/err"
check "one changed byte is caught (exit 6)" test $? -eq 6
check "and said in one sentence" test "$(wc -l <"$tmp/err")" -eq 1

# A draft whose signer lacks a NIP and a rank is written, and says what it lacks.
"$cli" --user admin user edit kadis --nip "" --rank "" >/dev/null
"$cli" --user kabid letter pdf "$drafted" -o "$tmp/draft.pdf" >/dev/null 2>"$tmp/err"
check "a draft names what its signer lacks" grep -q \
  "This letter cannot be signed yet: the signer’s NIP and the signer’s rank are not filled in." \
  "$tmp/err"
"$cli" --user admin user edit kadis --nip 197003152000032001 --rank "Pembina Utama Muda (IV/c)" \
  >/dev/null

echo "not a pdf" >"$tmp/text.pdf"
"$cli" --user kadis letter verify "$tmp/text.pdf" 2>/dev/null
check "a file that is no PDF is refused (exit 3)" test $? -eq 3

"$cli" --user kadis letter pdf "$sent" 2>/dev/null
check "no -o is a usage error (exit 2)" test $? -eq 2

# A pipe named as the output is written into, never replaced by a regular file (as root,
# replacing /dev/null made it one).
mkfifo "$tmp/pipe"
head -c 5 <"$tmp/pipe" >"$tmp/from-pipe" &
reader=$!
"$cli" --user kadis letter pdf "$sent" -o "$tmp/pipe" >/dev/null 2>&1
wait "$reader"
check "-o PIPE writes the PDF into the pipe" test "$(cat "$tmp/from-pipe")" = "%PDF-"
check "and leaves it a pipe" test -p "$tmp/pipe"
exit $fail
