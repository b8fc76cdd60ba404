/* validate-corpus.h — the case corpus core and the PostgreSQL server both answer
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads tests/core/cases/validate-corpus.txt (its format is described at its top) for
 * tests/core/test-validate-corpus.c, which runs every case through core, and
 * tests/pg/test-validate-corpus-pg.c, which runs every case through
 * src/store/sql/validate.sql.
 */
#pragma once

#include <glib.h>

#include "ranah-model.h"

G_BEGIN_DECLS

typedef enum {
  CORPUS_LABEL,            /* ranah_validate_label () / ranah.check_label () */
  CORPUS_FQDN,             /* ranah_validate_fqdn (…, FALSE) / ranah.check_fqdn (…, false) */
  CORPUS_FQDN_UNDERSCORE,  /* … with underscores allowed */
  CORPUS_RECORD,           /* ranah_validate_record () / ranah.check_record () */
  CORPUS_RECORDS,          /* ranah_validate_records () / ranah.check_records () */
  CORPUS_JSON,             /* ranah.check_records () only: JSON core never receives */
  CORPUS_NUMBER,           /* ranah_letter_number_format () / ranah.format_letter_number () */
} CorpusKind;

typedef struct {
  guint       line;
  CorpusKind  kind;
  const char *kind_name;
  char       *input;       /* unescaped, for label, fqdn and json */
  GPtrArray  *items;       /* record(s) and number: GPtrArray of fields (char *), unescaped */
  char       *expected;    /* "!" (refused), "ok" (accepted) or the normalised output */
  char       *core_answer; /* what core is known to answer instead (the "core=" note), or NULL */
  char       *path;        /* the GTest path's last part: "<line>-<kind>" */
} CorpusCase;

/* The cases of @path, in order (CorpusCase *, freed with the array). Fails on the first
 * line it does not understand, naming it. */
GPtrArray   *corpus_load           (const char  *path,
                                    GError     **error);

/* The record of @fields (type|host|target|ttl|priority|internal); a type that is no nick
 * of ranah_record_type_to_string () becomes RANAH_N_RECORD_TYPES, which core refuses. */
RanahRecord *corpus_record_new     (GPtrArray   *fields);

/* The JSON array ranah_json_records () would send for the records of @c. */
char        *corpus_records_json   (const CorpusCase *c);

/* A decimal field as the signed 32-bit number the SQL takes (core's unsigned fields see
 * it modulo 2^32). */
gint32       corpus_int            (const char  *field);

/* Whether any number of @c is negative: core reads it modulo 2^32, and its sentences then
 * show another number than the server's. */
gboolean     corpus_has_negative   (const CorpusCase *c);

/* Whether @s is ASCII only. */
gboolean     corpus_is_ascii       (const char  *s);

/* Runs @c through core: TRUE with *@output (the A-label, the letter number, or "ok") or
 * FALSE with @error. Not for CORPUS_JSON. */
gboolean     corpus_run_core       (const CorpusCase *c,
                                    char            **output,
                                    GError          **error);

/* The Punycode A-label ("xn--…") of @n code points, without any mapping (RFC 3492 §6.3,
 * basic code points lowercased as GLib writes them). */
char        *corpus_punycode_label (const gunichar *code_points,
                                    guint           n);

G_END_DECLS
