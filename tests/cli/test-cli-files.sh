#!/usr/bin/env bash
# test-cli-files.sh — every file ranah-cli reads is a regular file of a sensible size: a FIFO,
# a device, a folder or a socket is refused at once (exit 3, one sentence), an oversized file
# after its limit, a missing one with exit 6 (TAP)
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-files.sh PATH/TO/ranah-cli
set -u
cli=$1
tmp=$(mktemp -d /tmp/ranah-cli-files.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export RANAH_TEST_FAST_PWHASH=1 RANAH_PASSWORD=ranah-demo-2026 LC_ALL=C.UTF-8
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run"
export RANAH_STORE="sqlite:$tmp/office.db"
unset RANAH_USER
mkdir -m 700 "$tmp/run"
n=0
fails=0

# expect NAME CODE PATTERN COMMAND…: exits CODE within 10 seconds (a FIFO would hang
# forever), with one line "ranah-cli: …" matching PATTERN on stderr.
expect () {
  local name=$1 code=$2 pattern=$3; shift 3
  n=$((n + 1))
  timeout 10 "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  local status=$?
  if [ $status -eq "$code" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] \
     && grep -q "^ranah-cli: .*$pattern" "$tmp/err"; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name (exit $status, wanted $code)"
    sed 's/^/# /' "$tmp/err"
    fails=$((fails + 1))
  fi
}

"$cli" demo >/dev/null 2>&1 || { echo "Bail out! ranah-cli demo failed"; exit 1; }
mkfifo "$tmp/fifo"
mkdir "$tmp/folder"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$tmp/sock"
truncate -s 64M "$tmp/huge.pdf"     # sparse: reading it whole would take 64 MiB
truncate -s 40M "$tmp/huge.csv"
id=$("$cli" --user admin --json request list | python3 -c \
  'import json, sys; print(json.load(sys.stdin)[0]["id"])')

# A script of its own, so that timeout can run it.
submit=$tmp/submit
cat >"$submit" <<END
#!/usr/bin/env bash
exec "$cli" --user dinkes request submit --name "coba\$RANDOM" --record A:103.10.20.30 \\
  --purpose "Uji berkas." --contact-name Budi --contact-phone 081234567890 \\
  --contact-email budi@dinkes.tarakankota.go.id --letter-number 800/1/2026 \\
  --letter-date 2026-11-20 --letter "\$1"
END
chmod +x "$submit"

echo "1..20"
expect "request submit --letter /dev/zero fails at once" 3 "“/dev/zero” is not a regular file." \
  "$submit" /dev/zero
expect "request submit --letter FIFO fails at once" 3 "fifo” is not a regular file." \
  "$submit" "$tmp/fifo"
expect "request submit --letter FOLDER" 3 "folder” is not a regular file." "$submit" "$tmp/folder"
expect "request submit --letter SOCKET" 3 "sock” is not a regular file." "$submit" "$tmp/sock"
expect "request submit --letter with a 64 MiB file" 3 "huge.pdf” is larger than 20 MB." \
  "$submit" "$tmp/huge.pdf"
expect "request submit --letter with a missing file (exit 6)" 6 "missing.pdf" \
  "$submit" "$tmp/missing.pdf"
expect "request attach FIFO" 3 "is not a regular file." \
  "$cli" --user dinkes request attach "$id" "$tmp/fifo"
expect "request attach /dev/urandom" 3 "is not a regular file." \
  "$cli" --user dinkes request attach "$id" /dev/urandom
expect "request attach a 64 MiB file" 3 "is larger than 20 MB." \
  "$cli" --user dinkes request attach "$id" "$tmp/huge.pdf"
expect "registry import FIFO" 3 "is not a regular file." \
  "$cli" --user staf registry import "$tmp/fifo"
expect "registry import /dev/zero" 3 "is not a regular file." \
  "$cli" --user staf registry import /dev/zero
expect "registry import a 40 MiB file" 3 "is larger than 32 MB." \
  "$cli" --user staf registry import "$tmp/huge.csv"
expect "letter verify FIFO" 3 "is not a regular file." \
  "$cli" --user admin letter verify "$tmp/fifo"
expect "letter verify /dev/zero" 3 "is not a regular file." \
  "$cli" --user admin letter verify /dev/zero
expect "letter verify a folder" 3 "is not a regular file." \
  "$cli" --user admin letter verify "$tmp/folder"
expect "report escalations --once FIFO" 3 "is not a regular file." \
  "$cli" --user admin report escalations --once "$tmp/fifo"

# Standard input may be a pipe, but not an endless one.
n=$((n + 1))
head -c 12000000 /dev/zero | tr '\0' A | timeout 10 "$cli" --user admin profile set logo - \
  >"$tmp/out" 2>"$tmp/err"
status=$?
if [ $status -eq 3 ] && grep -q "“standard input” is larger than 9 MB." "$tmp/err"; then
  echo "ok $n - profile set logo - refuses 12 MB on standard input"
else
  echo "not ok $n - profile set logo - refuses 12 MB on standard input (exit $status)"
  sed 's/^/# /' "$tmp/err"; fails=$((fails + 1))
fi

# Nothing was stored by any of these: the request count is what the demo made.
n=$((n + 1))
if [ "$("$cli" --user admin --json request list | python3 -c \
      'import json, sys; print(len([r for r in json.load(sys.stdin) if r["name"].startswith("coba")]))')" = 0 ]; then
  echo "ok $n - no request was stored"
else
  echo "not ok $n - no request was stored"; fails=$((fails + 1))
fi

# And a good file still goes in.
printf '%%PDF-1.4\n%%%%EOF\n' >"$tmp/good.pdf"
n=$((n + 1))
if timeout 10 "$submit" "$tmp/good.pdf" >/dev/null 2>"$tmp/err"; then
  echo "ok $n - a request with a regular PDF is submitted"
else
  echo "not ok $n - a request with a regular PDF is submitted"; sed 's/^/# /' "$tmp/err"
  fails=$((fails + 1))
fi
printf 'name,opd,target\nberkas-baik,DINKES,103.10.20.70\n' >"$tmp/good.csv"
n=$((n + 1))
if timeout 10 "$cli" --user staf registry import "$tmp/good.csv" >/dev/null 2>"$tmp/err"; then
  echo "ok $n - a regular CSV is imported"
else
  echo "not ok $n - a regular CSV is imported"; sed 's/^/# /' "$tmp/err"; fails=$((fails + 1))
fi
[ $fails -eq 0 ]
