#!/bin/bash
# pg-newdb.sh — creates an empty database on the harness's server and prints its URI
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The store fixture's RANAH_TEST_STORE_URI_FACTORY under pg-harness.sh: one fresh
# database per store, owned by the harness's owner role; the printed URI carries the
# owner's credentials so that ranah_store_initialize() can install the schema.
set -eu
name="ranah_t$$_${RANDOM}${RANDOM}"
PGPASSWORD="$RANAH_TEST_PG_OWNER_PASSWORD" "$RANAH_TEST_PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 \
  -h "$RANAH_TEST_PG_HOST" -p "$RANAH_TEST_PG_PORT" -U "$RANAH_TEST_PG_OWNER" -d postgres \
  -c "CREATE DATABASE $name" >/dev/null
echo "postgresql://$RANAH_TEST_PG_OWNER:$RANAH_TEST_PG_OWNER_PASSWORD@$RANAH_TEST_PG_HOST:$RANAH_TEST_PG_PORT/$name"
