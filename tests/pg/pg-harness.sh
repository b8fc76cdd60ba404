#!/bin/bash
# pg-harness.sh — runs a command against a throwaway PostgreSQL 15 server on 127.0.0.1
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: pg-harness.sh COMMAND [ARGS…]
#
# Starts a fresh cluster in a temporary directory (initdb, scram-sha-256 in pg_hba, TLS
# with a certificate from a throwaway CA), creates the non-superuser owner role that
# installs Ranah schemas, runs COMMAND with the RANAH_TEST_PG_* variables below, and
# stops the server and removes the directory on exit, whatever happens.
#
# PostgreSQL refuses to run as root: as root, the server runs as the system user
# "ranahtest" (created when missing); COMMAND itself runs as the caller.
#
#   RANAH_TEST_PG_HOST, RANAH_TEST_PG_PORT   where the server listens (127.0.0.1, free port)
#   RANAH_TEST_PG_OWNER, RANAH_TEST_PG_OWNER_PASSWORD
#                                            a LOGIN CREATEDB CREATEROLE role: the fixture
#                                            creates one database per store with it
#   RANAH_TEST_PG_SUPERUSER, RANAH_TEST_PG_SUPERUSER_PASSWORD
#   RANAH_TEST_PG_SSLROOTCERT                the throwaway CA's certificate
#   RANAH_TEST_PG_CTL                        "$RANAH_TEST_PG_CTL restart|stop|start"
#   RANAH_TEST_PG_BINDIR                     the server's bin directory (psql, pgbench…)
#   RANAH_TEST_STORE_BACKEND=postgres        tells the store fixture to use PostgreSQL
set -eu

BINDIR=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
if [ ! -x "$BINDIR/initdb" ]; then
  echo "Bail out! PostgreSQL 15 server binaries not found in $BINDIR"
  exit 99
fi
if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS…]" >&2
  exit 2
fi

if [ "$(id -u)" = 0 ]; then
  if ! id ranahtest >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin ranahtest 2>/dev/null \
      || id ranahtest >/dev/null
  fi
  AS_SERVER=(runuser -u ranahtest --)
else
  AS_SERVER=()
fi

TMP=$(mktemp -d /tmp/ranah-pg.XXXXXX)
chmod 755 "$TMP"
DATA="$TMP/data"
LOG="$TMP/server.log"

cleanup () {
  status=$?
  if [ -f "$DATA/postmaster.pid" ]; then
    "${AS_SERVER[@]}" "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ $status -ne 0 ] && [ -f "$LOG" ] && [ -n "${PG_HARNESS_SHOW_LOG:-}" ]; then
    sed 's/^/# server: /' "$LOG" >&2 || true
  fi
  rm -rf "$TMP"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port () {
  python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

SUPERUSER=ranahtest
SUPERPASS=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
OWNER=ranah_owner
OWNERPASS=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$SUPERPASS" > "$TMP/pwfile"

# A throwaway CA and a server certificate for 127.0.0.1 / localhost.
(
  cd "$TMP"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Ranah Test CA" \
    -keyout ca.key -out ca.crt >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout server.key -out server.csr >/dev/null 2>&1
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > san.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
    -extfile san.ext -out server.crt >/dev/null 2>&1
  chmod 600 server.key ca.key
)

if [ ${#AS_SERVER[@]} -gt 0 ]; then
  chown -R ranahtest "$TMP"
fi

"${AS_SERVER[@]}" "$BINDIR/initdb" -D "$DATA" -U "$SUPERUSER" --pwfile="$TMP/pwfile" \
  --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$TMP/initdb.log" 2>&1 \
  || { cat "$TMP/initdb.log" >&2; exit 99; }
"${AS_SERVER[@]}" cp "$TMP/server.crt" "$TMP/server.key" "$DATA/"

PORT=$(free_port)
cat >>"$DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$TMP'
max_connections = 150
password_encryption = 'scram-sha-256'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
fsync = off
full_page_writes = off
shared_buffers = 64MB
log_min_messages = warning
EOF
cat >"$DATA/pg_hba.conf" <<EOF
local all all scram-sha-256
host  all all 127.0.0.1/32 scram-sha-256
EOF

start_server () {
  "${AS_SERVER[@]}" "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null
}
start_server

# A control script so that tests can restart the server under an open store.
cat >"$TMP/ctl.sh" <<EOF
#!/bin/bash
case "\$1" in
  restart) exec ${AS_SERVER[*]} "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -m fast -w -t 60 restart >/dev/null ;;
  stop)    exec ${AS_SERVER[*]} "$BINDIR/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null ;;
  start)   exec ${AS_SERVER[*]} "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null ;;
  *) echo "usage: \$0 restart|stop|start" >&2; exit 2 ;;
esac
EOF
chmod 755 "$TMP/ctl.sh"

PGPASSWORD="$SUPERPASS" "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" \
  -U "$SUPERUSER" -d postgres \
  -c "CREATE ROLE $OWNER LOGIN CREATEDB CREATEROLE PASSWORD '$OWNERPASS'" >/dev/null

export RANAH_TEST_PG_HOST=127.0.0.1
export RANAH_TEST_PG_PORT=$PORT
export RANAH_TEST_PG_OWNER=$OWNER
export RANAH_TEST_PG_OWNER_PASSWORD=$OWNERPASS
export RANAH_TEST_PG_SUPERUSER=$SUPERUSER
export RANAH_TEST_PG_SUPERUSER_PASSWORD=$SUPERPASS
export RANAH_TEST_PG_SSLROOTCERT=$TMP/ca.crt
export RANAH_TEST_PG_CTL=$TMP/ctl.sh
export RANAH_TEST_PG_BINDIR=$BINDIR
export RANAH_TEST_STORE_BACKEND=postgres
chmod 644 "$TMP/ca.crt"

set +e
"$@"
status=$?
set -e
exit $status
