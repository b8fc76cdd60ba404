/* ranah-csv.h — RFC 4180 CSV, and the registry's CSV import and export
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ranah-model.h"

G_BEGIN_DECLS

typedef struct {
  guint  line;     /* 1-based line where the row starts */
  GStrv  fields;
} RanahCsvRow;

void       ranah_csv_row_free   (RanahCsvRow *row);
/* Parses RFC 4180 CSV (quotes, doubled quotes, CRLF or LF, a UTF-8 BOM skipped; ',' or ';'
 * detected from the first line, as spreadsheets in Indonesian locales write ';').
 * Invalid UTF-8 or an unterminated quote is an error naming the line. */
GPtrArray *ranah_csv_parse      (const char  *data,
                                 gsize        len,
                                 GError     **error);
/* Appends one row, quoting fields that need it, ending with CRLF. Fields that start with
 * '=', '+', '-' or '@' are prefixed with a quote (') so a spreadsheet never runs them. */
void       ranah_csv_append_row (GString            *out,
                                 const char * const *fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahCsvRow, ranah_csv_row_free)

/* Registry columns, by the header names of the export (also accepted on import). */
#define RANAH_REGISTRY_CSV_COLUMNS \
  "name", "fqdn", "opd", "purpose", "type", "target", "ttl", "contact_name", \
  "contact_phone", "contact_email", "status", "activated_on"

typedef struct {
  guint  line;
  char  *reason;   /* one sentence naming the column and the rule */
} RanahImportProblem;

void       ranah_import_problem_free (RanahImportProblem *problem);

/* Reads the agency's existing list. @mapping maps our column names to the file's header
 * names, as "name=Subdomain,opd=Pemilik,target=IP" (NULL: the headers are ours). Columns
 * "name", "opd" and "target" are required; "type" defaults to A/AAAA by the target's form
 * or CNAME for a name. Rows with the same name merge into one entry with several records.
 * Every bad row goes to *@problems (RanahImportProblem*); *@entries gets RanahEntry* with
 * opd_name set and opd_id 0 (the store resolves OPDs), and ->id the line the entry was
 * first read from (it is no store's row yet). Returns FALSE only when the file
 * itself cannot be read (bad CSV, unknown mapping column); then nothing is returned. */
gboolean   ranah_registry_csv_read   (const char         *data,
                                      gsize               len,
                                      const char         *mapping,
                                      const char         *parent_domain,
                                      GPtrArray         **entries,
                                      GPtrArray         **problems,
                                      GError            **error);

/* The registry as CSV (header line, then one line per record of each entry). */
char      *ranah_registry_csv_write  (GPtrArray          *entries);

G_END_DECLS
