/* ranah-postgres-libpq.h — libpq, opened the first time a PostgreSQL store is opened
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libpq brings Kerberos, LDAP, SASL and GnuTLS with it: some eighteen libraries whose loading
 * cost every process that links them about 11 ms and several MiB at start, although most
 * offices use the embedded SQLite store. So no program links libpq: the store library is
 * compiled against its header only, and ranah_libpq_load() opens the library by its soname
 * (RANAH_LIBPQ_SONAME, found by meson) the first time a PostgreSQL store is opened.
 *
 * Include this after <libpq-fe.h> (ranah-postgres-private.h does). The backend keeps calling
 * PQexec (…) and friends as written: each name becomes its pointer in the table that
 * ranah_libpq_load() fills (PQexec is ranah_libpq.exec). The macros are object-like so that
 * a name passed as a value (g_clear_pointer (&res, PQclear), the autoptr cleanup) maps too;
 * <libpq-fe.h>'s own prototypes, read before them, give each pointer its exact type.
 *
 * Calling one of them before ranah_libpq_load() succeeded would jump to NULL. Every libpq
 * object comes from PQconnectdbParams or PQconninfoParse, so those two go through loading
 * wrappers instead, and a path that forgot to load first fails like a refused connection
 * rather than crashing; the store's open and connect paths load first to tell the person why.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Every libpq function the backend calls, without its PQ prefix; one line more here and one
 * mapping below when it calls another (until then the link fails with "undefined reference
 * to PQ…", since nothing links libpq). */
#define RANAH_LIBPQ_FUNCTIONS(F) \
  F (backendPID)               \
  F (clear)                    \
  F (cmdTuples)                \
  F (connectdbParams)          \
  F (conninfoFree)             \
  F (conninfoParse)            \
  F (connectionNeedsPassword)  \
  F (consumeInput)             \
  F (encryptPasswordConn)      \
  F (errorMessage)             \
  F (escapeByteaConn)          \
  F (escapeIdentifier)         \
  F (escapeLiteral)            \
  F (exec)                     \
  F (execParams)               \
  F (finish)                   \
  F (freemem)                  \
  F (getisnull)                \
  F (getlength)                \
  F (getvalue)                 \
  F (nfields)                  \
  F (notifies)                 \
  F (ntuples)                  \
  F (parameterStatus)          \
  F (reset)                    \
  F (resultErrorField)         \
  F (resultErrorMessage)       \
  F (resultStatus)             \
  F (serverVersion)            \
  F (setClientEncoding)        \
  F (setNoticeProcessor)       \
  F (socket)                   \
  F (status)                   \
  F (transactionStatus)        \
  F (unescapeBytea)

#define RANAH_LIBPQ_MEMBER(name) __typeof__ (PQ##name) *name;
typedef struct {
  RANAH_LIBPQ_FUNCTIONS (RANAH_LIBPQ_MEMBER)
} RanahLibpq;
#undef RANAH_LIBPQ_MEMBER

/* Filled once by ranah_libpq_load(); read only after it returned TRUE. */
extern RanahLibpq ranah_libpq;

/* Opens libpq once per process, thread-safely; FALSE with RANAH_STORE_ERROR_UNAVAILABLE and
 * one sentence naming the library when it is not installed (or lacks a function). */
gboolean    ranah_libpq_load                 (GError **error);

/* The two ways to a first libpq object, loading first (see above). */
PGconn     *ranah_libpq_connectdb_params     (const char * const *keywords,
                                              const char * const *values,
                                              int                 expand_dbname);
PQconninfoOption *ranah_libpq_conninfo_parse (const char  *conninfo,
                                              char       **errmsg);

#define PQbackendPID          ranah_libpq.backendPID
#define PQclear               ranah_libpq.clear
#define PQcmdTuples           ranah_libpq.cmdTuples
#define PQconnectdbParams     ranah_libpq_connectdb_params
#define PQconninfoFree        ranah_libpq.conninfoFree
#define PQconninfoParse       ranah_libpq_conninfo_parse
#define PQconnectionNeedsPassword ranah_libpq.connectionNeedsPassword
#define PQconsumeInput        ranah_libpq.consumeInput
#define PQencryptPasswordConn ranah_libpq.encryptPasswordConn
#define PQerrorMessage        ranah_libpq.errorMessage
#define PQescapeByteaConn     ranah_libpq.escapeByteaConn
#define PQescapeIdentifier    ranah_libpq.escapeIdentifier
#define PQescapeLiteral       ranah_libpq.escapeLiteral
#define PQexec                ranah_libpq.exec
#define PQexecParams          ranah_libpq.execParams
#define PQfinish              ranah_libpq.finish
#define PQfreemem             ranah_libpq.freemem
#define PQgetisnull           ranah_libpq.getisnull
#define PQgetlength           ranah_libpq.getlength
#define PQgetvalue            ranah_libpq.getvalue
#define PQnfields             ranah_libpq.nfields
#define PQnotifies            ranah_libpq.notifies
#define PQntuples             ranah_libpq.ntuples
#define PQparameterStatus     ranah_libpq.parameterStatus
#define PQreset               ranah_libpq.reset
#define PQresultErrorField    ranah_libpq.resultErrorField
#define PQresultErrorMessage  ranah_libpq.resultErrorMessage
#define PQresultStatus        ranah_libpq.resultStatus
#define PQserverVersion       ranah_libpq.serverVersion
#define PQsetClientEncoding   ranah_libpq.setClientEncoding
#define PQsetNoticeProcessor  ranah_libpq.setNoticeProcessor
#define PQsocket              ranah_libpq.socket
#define PQstatus              ranah_libpq.status
#define PQtransactionStatus   ranah_libpq.transactionStatus
#define PQunescapeBytea       ranah_libpq.unescapeBytea

G_END_DECLS
