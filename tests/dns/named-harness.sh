#!/usr/bin/env bash
# named-harness.sh — runs a program beside a private BIND named on 127.0.0.1
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: named-harness.sh [--zone-records PROGRAM] PROGRAM [ARGS…]
#
# Starts named on 127.0.0.1 at a free high port with a temporary directory holding its
# configuration, the zone tarakankota.go.id (dynamic: a TSIG key may update and transfer
# it) and the zone luar.test (static, standing in for the rest of the world), runs
# PROGRAM with the server described in RANAH_TEST_DNS_* variables, then stops named.
# With --zone-records, the standard output of "PROGRAM --zone-records" is appended to the
# dynamic zone before named starts (the benchmark loads 10,000 records that way).
# Runs as root (named keeps root: no -u) or as any user who can write $TMPDIR.
set -euo pipefail

zone_records=""
if [[ "${1:-}" == "--zone-records" ]]; then
  zone_records=$2
  shift 2
fi
if (($# == 0)); then
  echo "usage: $0 [--zone-records PROGRAM] PROGRAM [ARGS…]" >&2
  exit 2
fi

named_bin=$(command -v named || true)
[[ -n "$named_bin" ]] || named_bin=/usr/sbin/named
tsig_keygen=$(command -v tsig-keygen || true)
[[ -n "$tsig_keygen" ]] || tsig_keygen=/usr/sbin/tsig-keygen
if [[ ! -x "$named_bin" || ! -x "$tsig_keygen" ]]; then
  echo "Bail out! BIND 9 (named, tsig-keygen) is not installed" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/ranah-named.XXXXXX")
named_pid=""

cleanup ()
{
  if [[ -n "$named_pid" ]] && kill -0 "$named_pid" 2>/dev/null; then
    kill "$named_pid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$named_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$named_pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

zone=tarakankota.go.id
key_name=ranah-test
"$tsig_keygen" -a hmac-sha256 "$key_name" > "$dir/ranah.key"
secret=$(sed -n 's/.*secret "\(.*\)";.*/\1/p' "$dir/ranah.key")

cat > "$dir/$zone.db" <<EOF
\$TTL 3600
@        IN SOA  ns1.$zone. hostmaster.$zone. 2026010101 3600 900 604800 300
@        IN NS   ns1.$zone.
@        IN NS   ns2.$zone.
ns1      IN A    127.0.0.1
ns2      IN A    127.0.0.2
ns2      IN AAAA ::1
EOF
if [[ -n "$zone_records" ]]; then
  "$zone_records" --zone-records >> "$dir/$zone.db"
fi

cat > "$dir/luar.test.db" <<EOF
\$TTL 3600
@        IN SOA  ns.luar.test. hostmaster.luar.test. 1 3600 900 604800 300
@        IN NS   ns.luar.test.
ns       IN A    127.0.0.1
hosting  IN A    127.0.0.1
cdn      IN CNAME hosting.luar.test.
EOF

port_in_use ()
{
  ss -Hlntu 2>/dev/null | awk '{print $5}' | grep -q -E "[:.]$1\$"
}

start_named ()
{
  local port=$1
  cat > "$dir/named.conf" <<EOF
options {
  directory "$dir";
  pid-file "$dir/named.pid";
  session-keyfile "$dir/session.key";
  managed-keys-directory "$dir";
  dump-file "$dir/named.dump";
  statistics-file "$dir/named.stats";
  listen-on port $port { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  allow-query { 127.0.0.1; };
  notify no;
  dnssec-validation no;
};
controls { };
include "$dir/ranah.key";
zone "$zone" {
  type primary;
  file "$dir/$zone.db";
  update-policy { grant $key_name zonesub ANY; };
  allow-transfer { key $key_name; };
};
zone "luar.test" {
  type primary;
  file "$dir/luar.test.db";
};
EOF
  : > "$dir/named.log"
  "$named_bin" -4 -g -c "$dir/named.conf" > "$dir/named.log" 2>&1 &
  named_pid=$!
  for _ in $(seq 150); do
    if ! kill -0 "$named_pid" 2>/dev/null; then
      named_pid=""
      return 1
    fi
    if grep -q -E "address in use|could not listen" "$dir/named.log"; then
      return 1
    fi
    if grep -q -E "^.* running$" "$dir/named.log"; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

port=""
base=$((20000 + ($$ * 37) % 40000))
for i in $(seq 0 19); do
  candidate=$((base + i * 101))
  if ((candidate > 65000)); then
    candidate=$((candidate - 45000))
  fi
  port_in_use "$candidate" && continue
  if start_named "$candidate"; then
    port=$candidate
    break
  fi
  if [[ -n "$named_pid" ]]; then
    kill "$named_pid" 2>/dev/null || true
    wait "$named_pid" 2>/dev/null || true
    named_pid=""
  fi
done
if [[ -z "$port" ]]; then
  echo "Bail out! named did not start:" >&2
  cat "$dir/named.log" >&2 || true
  exit 1
fi

export RANAH_TEST_DNS_SERVER=127.0.0.1
export RANAH_TEST_DNS_PORT=$port
export RANAH_TEST_DNS_ZONE=$zone
export RANAH_TEST_TSIG_NAME=$key_name
export RANAH_TEST_TSIG_ALGORITHM=hmac-sha256
export RANAH_TEST_TSIG_SECRET=$secret
export RANAH_TEST_DNS_DIR=$dir
export RANAH_TEST_DNS_LOG=$dir/named.log

set +e
"$@"
status=$?
set -e
if ((status != 0)) && [[ -n "${RANAH_TEST_SHOW_NAMED_LOG:-}" ]]; then
  tail -n 50 "$dir/named.log" >&2
fi
exit $status
