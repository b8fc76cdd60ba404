/* test-csv.c — the CSV parser and writer, and the registry's import and export
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ranah-core.h"

#define PARENT "tarakankota.go.id"

static GPtrArray *
parse (const char *data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = ranah_csv_parse (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
assert_row (GPtrArray   *rows,
            guint        index,
            guint        line,
            const char  *joined)
{
  RanahCsvRow *row;
  g_autofree char *got = NULL;

  g_assert_cmpuint (index, <, rows->len);
  row = g_ptr_array_index (rows, index);
  got = g_strjoinv ("|", row->fields);
  g_assert_cmpstr (got, ==, joined);
  g_assert_cmpuint (row->line, ==, line);
}

static void
test_parse_basic (void)
{
  g_autoptr(GPtrArray) crlf = parse ("a,b,c\r\n1,2,3\r\n");
  g_autoptr(GPtrArray) no_final = parse ("a,b\n1,2");
  g_autoptr(GPtrArray) empty_fields = parse (",,\n,\n");
  g_autoptr(GPtrArray) blank = parse ("a\n\n\r\nb\n\n");
  g_autoptr(GPtrArray) cr_only = parse ("a,b\rc,d\r");
  g_autoptr(GPtrArray) nothing = parse ("");
  g_autoptr(GPtrArray) bom = parse ("\xef\xbb\xbfname,opd\nx,y\n");
  g_autoptr(GPtrArray) unicode = parse ("nama,pemilik\ndinkes,Dinas Kesehatan — Tarakan\n");

  g_assert_cmpuint (crlf->len, ==, 2);
  assert_row (crlf, 0, 1, "a|b|c");
  assert_row (crlf, 1, 2, "1|2|3");

  g_assert_cmpuint (no_final->len, ==, 2);
  assert_row (no_final, 1, 2, "1|2");

  assert_row (empty_fields, 0, 1, "||");
  assert_row (empty_fields, 1, 2, "|");

  g_assert_cmpuint (blank->len, ==, 2);
  assert_row (blank, 0, 1, "a");
  assert_row (blank, 1, 4, "b");

  g_assert_cmpuint (cr_only->len, ==, 2);
  assert_row (cr_only, 1, 2, "c|d");

  g_assert_cmpuint (nothing->len, ==, 0);

  assert_row (bom, 0, 1, "name|opd");
  assert_row (unicode, 1, 2, "dinkes|Dinas Kesehatan — Tarakan");
}

static void
test_parse_quotes (void)
{
  g_autoptr(GPtrArray) rows =
    parse ("a,\"he said \"\"hi\"\"\nand left\",c\r\n\"\",\"x,y\",\"\"\"\"\nlast,\"\r\n\",end\n");

  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, 1, "a|he said \"hi\"\nand left|c");
  assert_row (rows, 1, 3, "|x,y|\"");
  assert_row (rows, 2, 4, "last|\r\n|end");

  {
    /* A quote inside an unquoted field is kept as it is. */
    g_autoptr(GPtrArray) loose = parse ("5\" disk,b\n");
    assert_row (loose, 0, 1, "5\" disk|b");
  }
}

static void
test_parse_separator (void)
{
  g_autoptr(GPtrArray) semi = parse ("name;opd;target\ndinkes;Dinas Kesehatan, Kota;103.10.20.30\n");
  g_autoptr(GPtrArray) quoted_commas = parse ("\"a,b,c\";d;e\n1;2;3\n");
  g_autoptr(GPtrArray) comma = parse ("a,b;c\n");

  assert_row (semi, 0, 1, "name|opd|target");
  assert_row (semi, 1, 2, "dinkes|Dinas Kesehatan, Kota|103.10.20.30");
  assert_row (quoted_commas, 0, 1, "a,b,c|d|e");
  assert_row (quoted_commas, 1, 2, "1|2|3");
  assert_row (comma, 0, 1, "a|b;c");
}

static void
test_parse_errors (void)
{
  struct { const char *data; gsize len; const char *needle; } cases[] = {
    { "a,b\nc,\"open\nstill open", 0, "Line 2" },
    { "a\nb\n\xff\xfe\n", 0, "Line 3" },
    { "a\nb,c\xc3\n", 0, "Line 2" },
    { "a,b\nc,d\0e\n", 11, "NUL" },
    { "\"a\"b,c\n", 0, "Line 1" },
    { "x\n\"a\nb\"c\n", 0, "Line 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize len = cases[i].len != 0 ? cases[i].len : strlen (cases[i].data);
      g_autoptr(GPtrArray) rows = ranah_csv_parse (cases[i].data, len, &error);

      g_assert_null (rows);
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].needle);
    }
}

static void
test_write (void)
{
  const char *fields[] = {
    "plain", "a,b", "a;b", "he said \"x\"", "line\nbreak", " lead", "trail ", "=SUM(A1:A9)",
    "-5", "+62812", "@cmd", "", "ok", NULL,
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  RanahCsvRow *row;

  ranah_csv_append_row (out, fields);
  g_assert_cmpstr (out->str, ==,
                   "plain,\"a,b\",\"a;b\",\"he said \"\"x\"\"\",\"line\nbreak\",\" lead\","
                   "\"trail \",'=SUM(A1:A9),'-5,'+62812,'@cmd,,ok\r\n");

  /* What it writes reads back as it was, but for the guard against formulas. */
  ranah_csv_append_row (out, fields);
  rows = parse (out->str);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (row->line, ==, 3);
  g_assert_cmpuint (g_strv_length (row->fields), ==, g_strv_length ((GStrv) fields));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (strchr ("=+-@", fields[i][0]) != NULL && fields[i][0] != '\0')
        {
          g_assert_cmpint (row->fields[i][0], ==, '\'');
          g_assert_cmpstr (row->fields[i] + 1, ==, fields[i]);
        }
      else
        g_assert_cmpstr (row->fields[i], ==, fields[i]);
    }
}

typedef struct {
  GPtrArray *entries;
  GPtrArray *problems;
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->entries, g_ptr_array_unref);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static void
import (Import     *import,
        const char *data,
        const char *mapping)
{
  g_autoptr(GError) error = NULL;

  if (!ranah_registry_csv_read (data, strlen (data), mapping, PARENT, &import->entries,
                                &import->problems, &error))
    g_error ("import failed: %s", error->message);
  g_assert_nonnull (import->entries);
  g_assert_nonnull (import->problems);
}

static RanahEntry *
entry_named (GPtrArray  *entries,
             const char *name)
{
  for (guint i = 0; i < entries->len; i++)
    {
      RanahEntry *entry = g_ptr_array_index (entries, i);
      if (g_str_equal (entry->name, name))
        return entry;
    }
  g_error ("no entry “%s”", name);
}

static RanahRecord *
record_at (RanahEntry *entry,
           guint       i)
{
  g_assert_cmpuint (i, <, entry->records->len);
  return g_ptr_array_index (entry->records, i);
}

static void
test_registry_read (void)
{
  g_auto(Import) imp = { NULL, NULL };
  RanahEntry *entry;

  import (&imp,
          "name,opd,target,type,ttl,purpose,contact_name,contact_phone,contact_email,status,activated_on\n"
          "dinkes,Dinas Kesehatan,103.10.20.30,,,Portal kesehatan,Budi,0812-3456-7890,budi@dinkes.go.id,active,2024-03-01\n"
          "dinkes,dinas kesehatan,2400:cb00::10,,3600,,,,,,\n"
          "\n"
          ",,,,,,,,,,\n"
          "DISDUKCAPIL." PARENT ".,Disdukcapil,web.hosting.co.id,,,,,,,,\n"
          "mail-dinkes,Dinas Kesehatan,10 mx1.example.co.id,MX,,,,,,suspended,\n"
          "spf,Dinas Kesehatan,v=spf1 -all,txt,,,,,,,\n"
          "münchen,Sister City,103.10.20.31,A,,,,,,aktif,17/08/2025\n",
          NULL);

  g_assert_cmpuint (imp.problems->len, ==, 0);
  g_assert_cmpuint (imp.entries->len, ==, 5);

  entry = entry_named (imp.entries, "dinkes");
  g_assert_cmpstr (entry->fqdn, ==, "dinkes." PARENT);
  g_assert_cmpstr (entry->opd_name, ==, "Dinas Kesehatan");
  g_assert_cmpint (entry->opd_id, ==, 0);
  g_assert_cmpstr (entry->purpose, ==, "Portal kesehatan");
  g_assert_cmpstr (entry->contact_email, ==, "budi@dinkes.go.id");
  g_assert_cmpstr (entry->activated_on, ==, "2024-03-01");
  g_assert_cmpint (entry->status, ==, RANAH_ENTRY_ACTIVE);
  /* Two rows merged into one entry with two records. */
  g_assert_cmpuint (entry->records->len, ==, 2);
  g_assert_cmpint (record_at (entry, 0)->type, ==, RANAH_RECORD_A);
  g_assert_cmpstr (record_at (entry, 0)->target, ==, "103.10.20.30");
  g_assert_cmpint (record_at (entry, 1)->type, ==, RANAH_RECORD_AAAA);
  g_assert_cmpuint (record_at (entry, 1)->ttl, ==, 3600);

  /* Not yet a row of any store, an entry carries the line it was first read from. */
  g_assert_cmpint (entry_named (imp.entries, "dinkes")->id, ==, 2);

  entry = entry_named (imp.entries, "disdukcapil");
  g_assert_cmpint (entry->id, ==, 6);
  g_assert_cmpstr (entry->fqdn, ==, "disdukcapil." PARENT);
  g_assert_cmpint (record_at (entry, 0)->type, ==, RANAH_RECORD_CNAME);

  entry = entry_named (imp.entries, "mail-dinkes");
  g_assert_cmpint (record_at (entry, 0)->type, ==, RANAH_RECORD_MX);
  g_assert_cmpuint (record_at (entry, 0)->priority, ==, 10);
  g_assert_cmpstr (record_at (entry, 0)->target, ==, "mx1.example.co.id");
  g_assert_cmpint (entry->status, ==, RANAH_ENTRY_SUSPENDED);

  entry = entry_named (imp.entries, "spf");
  g_assert_cmpint (record_at (entry, 0)->type, ==, RANAH_RECORD_TXT);
  g_assert_cmpstr (record_at (entry, 0)->target, ==, "v=spf1 -all");

  entry = entry_named (imp.entries, "xn--mnchen-3ya");
  g_assert_cmpstr (entry->activated_on, ==, "2025-08-17");
}

static void
test_registry_mapping (void)
{
  g_auto(Import) imp = { NULL, NULL };
  RanahEntry *entry;

  /* A spreadsheet saved in an Indonesian locale: ';' and the agency's own headers. */
  import (&imp,
          "\xef\xbb\xbfNo;Subdomain;Pemilik;Alamat IP;Keterangan;Tanggal Aktif\r\n"
          "1;sipd;Bappeda;103.10.20.40;Sistem informasi, perencanaan;01/02/2023\r\n"
          "2;jdih;Bagian Hukum;103.10.20.41;;\r\n",
          "name=Subdomain, opd=Pemilik, target=Alamat IP, purpose=keterangan, activated_on=Tanggal Aktif");
  g_assert_cmpuint (imp.problems->len, ==, 0);
  g_assert_cmpuint (imp.entries->len, ==, 2);
  entry = entry_named (imp.entries, "sipd");
  g_assert_cmpstr (entry->opd_name, ==, "Bappeda");
  g_assert_cmpstr (entry->purpose, ==, "Sistem informasi, perencanaan");
  g_assert_cmpstr (entry->activated_on, ==, "2023-02-01");
  g_assert_cmpstr (record_at (entry, 0)->target, ==, "103.10.20.40");
}

static void
test_registry_file_errors (void)
{
  struct { const char *data; const char *mapping; const char *needle; } cases[] = {
    { "", NULL, "empty" },
    { "name,opd\nx,y\n", NULL, "“target”" },
    { "nama,opd,target\nx,y,z\n", NULL, "“name”" },
    { "name,opd,target\nx,y,z\n", "nama=Nama", "“nama”" },
    { "name,opd,target\nx,y,z\n", "name=Subdomain", "“Subdomain”" },
    { "name,opd,target\nx,y,z\n", "name", "column=Header" },
    { "name,opd,target\nx,\"y,z\n", NULL, "Line 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *entries = (GPtrArray *) 0x1, *problems = (GPtrArray *) 0x1;

      g_assert_false (ranah_registry_csv_read (cases[i].data, strlen (cases[i].data),
                                               cases[i].mapping, PARENT, &entries, &problems,
                                               &error));
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      g_assert_null (entries);
      g_assert_null (problems);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].needle);
    }
}

static void
test_registry_bad_rows (void)
{
  struct { guint line; const char *needles[3]; } expected[] = {
    { 3, { "Column “Subdomain” (name)", "hyphen", NULL } },
    { 4, { "Column “IP” (target)", "private range", NULL } },
    { 5, { "Column “contact_email”", "e-mail", NULL } },
    { 6, { "Column “type”", "“SRV”", NULL } },
    { 7, { "Column “ttl”", "TTL", NULL } },
    { 8, { "Column “activated_on”", "activation date", NULL } },
    { 9, { "Column “IP” (target)", "CNAME", NULL } },
    { 10, { "Column “Pemilik” (opd)", "line 2", NULL } },
    { 11, { "Column “Pemilik” (opd)", "empty", NULL } },
    { 12, { "Column “IP” (target)", "empty", NULL } },
    { 13, { "Column “status”", "active, suspended or revoked", NULL } },
    { 14, { "Column “Subdomain” (name)", "single label", NULL } },
    { 15, { "fields", NULL, NULL } },
  };
  g_auto(Import) imp = { NULL, NULL };
  guint n_problems = 0;

  import (&imp,
          "Subdomain,Pemilik,IP,type,ttl,contact_email,status,activated_on\n"
          "good,Dinas A,103.10.20.30,,,,,\n"                      /* 2 */
          "-bad,Dinas A,103.10.20.31,,,,,\n"                      /* 3 */
          "lan,Dinas A,192.168.1.10,,,,,\n"                       /* 4 */
          "mailx,Dinas A,103.10.20.32,,,not-an-address,,\n"       /* 5 */
          "srv,Dinas A,103.10.20.33,SRV,,,,\n"                    /* 6 */
          "ttl,Dinas A,103.10.20.34,,30,,,\n"                     /* 7 */
          "date,Dinas A,103.10.20.35,,,,,2025-02-30\n"            /* 8 */
          "good,Dinas A,portal.tarakankota.go.id,,,,,\n"          /* 9: CNAME beside the A */
          "good,Dinas B,103.10.20.36,,,,,\n"                      /* 10: another owner */
          "noowner,,103.10.20.37,,,,,\n"                          /* 11 */
          "notarget,Dinas A,,,,,,\n"                              /* 12 */
          "status,Dinas A,103.10.20.38,,,,gone,\n"                /* 13 */
          "a.b,Dinas A,103.10.20.39,,,,,\n"                       /* 14 */
          "extra,Dinas A,103.10.20.40,,,,,,surplus\n"             /* 15 */
          "good,Dinas A,103.10.20.41,,,,,\n",                     /* 16: merges */
          "name=Subdomain,opd=Pemilik,target=IP");

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;

      for (guint p = 0; p < imp.problems->len; p++)
        {
          RanahImportProblem *problem = g_ptr_array_index (imp.problems, p);
          gboolean all = TRUE;

          if (problem->line != expected[i].line)
            continue;
          for (guint n = 0; n < 3 && expected[i].needles[n] != NULL; n++)
            if (strstr (problem->reason, expected[i].needles[n]) == NULL)
              all = FALSE;
          found = found || all;
          n_problems++;
        }
      if (!found)
        {
          for (guint p = 0; p < imp.problems->len; p++)
            {
              RanahImportProblem *problem = g_ptr_array_index (imp.problems, p);
              g_printerr ("line %u: %s\n", problem->line, problem->reason);
            }
          g_error ("no problem on line %u mentions “%s”", expected[i].line, expected[i].needles[0]);
        }
    }
  /* Exactly one problem on each bad row, none on the good ones. */
  g_assert_cmpuint (n_problems, ==, imp.problems->len);
  g_assert_cmpuint (imp.problems->len, ==, G_N_ELEMENTS (expected));

  /* The good rows are still read, so that the caller can show the whole picture. */
  g_assert_cmpuint (imp.entries->len, ==, 1);
  g_assert_cmpuint (entry_named (imp.entries, "good")->records->len, ==, 2);
}

static void
test_registry_edges (void)
{
  g_auto(Import) header_only = { NULL, NULL };
  g_auto(Import) bom_header = { NULL, NULL };
  g_auto(Import) no_name = { NULL, NULL };
  g_auto(Import) order = { NULL, NULL };
  RanahImportProblem *problem;

  /* A header and nothing else is an empty registry, not an error. */
  import (&header_only, "name,opd,target\r\n", NULL);
  g_assert_cmpuint (header_only.entries->len, ==, 0);
  g_assert_cmpuint (header_only.problems->len, ==, 0);

  /* Headers match whatever their case and surrounding spaces. */
  import (&bom_header, "\xef\xbb\xbf NAME ; Opd ;TARGET\n dinkes ; Dinas Kesehatan ; 103.10.20.30 \n", NULL);
  g_assert_cmpuint (bom_header.problems->len, ==, 0);
  g_assert_cmpuint (bom_header.entries->len, ==, 1);
  g_assert_cmpstr (entry_named (bom_header.entries, "dinkes")->opd_name, ==, "Dinas Kesehatan");

  import (&no_name, "name,opd,target\n,Dinas A,103.10.20.30\n", NULL);
  g_assert_cmpuint (no_name.problems->len, ==, 1);
  problem = g_ptr_array_index (no_name.problems, 0);
  g_assert_cmpuint (problem->line, ==, 2);
  g_assert_cmpstr (problem->reason, ==, "Column “name”: The name may not be empty.");

  /* Entries come in the order their names first appear. */
  import (&order, "name,opd,target\nb,X,103.10.20.1\na,X,103.10.20.2\nb,X,103.10.20.3\n", NULL);
  g_assert_cmpuint (order.entries->len, ==, 2);
  g_assert_cmpstr (((RanahEntry *) g_ptr_array_index (order.entries, 0))->name, ==, "b");
  g_assert_cmpstr (((RanahEntry *) g_ptr_array_index (order.entries, 1))->name, ==, "a");
  g_assert_cmpuint (((RanahEntry *) g_ptr_array_index (order.entries, 0))->records->len, ==, 2);
}

static void
test_registry_round_trip (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  g_auto(Import) imp = { NULL, NULL };
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;
  RanahEntry *entry;
  RanahRecord *record;

  entry = ranah_entry_new ();
  g_free (entry->name);
  entry->name = g_strdup ("simpeg");
  g_free (entry->fqdn);
  entry->fqdn = g_strdup ("simpeg." PARENT);
  g_free (entry->opd_name);
  entry->opd_name = g_strdup ("Badan Kepegawaian, Pendidikan dan Pelatihan");
  g_free (entry->purpose);
  entry->purpose = g_strdup ("-Sistem \"kepegawaian\"\nbaris kedua");
  g_free (entry->contact_phone);
  entry->contact_phone = g_strdup ("+62 812 3456 7890");
  g_free (entry->activated_on);
  entry->activated_on = g_strdup ("2026-11-27");
  entry->status = RANAH_ENTRY_REVOKED;
  g_ptr_array_add (entry->records, ranah_record_new (RANAH_RECORD_A, "", "103.10.20.30"));
  record = ranah_record_new (RANAH_RECORD_A, "intra", "10.0.0.5");
  record->internal = TRUE;
  record->ttl = 300;
  g_ptr_array_add (entry->records, record);
  record = ranah_record_new (RANAH_RECORD_MX, "", "mail." PARENT);
  record->priority = 20;
  g_ptr_array_add (entry->records, record);
  g_ptr_array_add (entries, entry);

  entry = ranah_entry_new ();
  g_free (entry->name);
  entry->name = g_strdup ("=cmd");  /* never valid, but must not run as a formula */
  g_ptr_array_add (entries, entry);

  csv = ranah_registry_csv_write (entries);
  g_assert_true (g_str_has_prefix (csv, "name,fqdn,opd,purpose,type,target,ttl,contact_name,"
                                        "contact_phone,contact_email,status,activated_on"));
  g_assert_nonnull (strstr (csv, "\r\n'=cmd,"));
  g_assert_nonnull (strstr (csv, "'+62 812"));
  g_assert_null (strstr (csv, "\r\n=cmd"));

  /* Drop the unreadable entry and read the rest back. */
  g_ptr_array_remove_index (entries, 1);
  g_clear_pointer (&csv, g_free);
  csv = ranah_registry_csv_write (entries);
  import (&imp, csv, NULL);
  g_assert_cmpuint (imp.problems->len, ==, 0);
  g_assert_cmpuint (imp.entries->len, ==, 1);
  again = ranah_registry_csv_write (imp.entries);
  g_assert_cmpstr (again, ==, csv);

  entry = entry_named (imp.entries, "simpeg");
  g_assert_cmpstr (entry->purpose, ==, "-Sistem \"kepegawaian\"\nbaris kedua");
  g_assert_cmpstr (entry->contact_phone, ==, "+62 812 3456 7890");
  g_assert_cmpint (entry->status, ==, RANAH_ENTRY_REVOKED);
  g_assert_cmpuint (entry->records->len, ==, 3);
  record = record_at (entry, 1);
  g_assert_cmpstr (record->host, ==, "intra");
  g_assert_true (record->internal);
  g_assert_cmpuint (record->ttl, ==, 300);
  record = record_at (entry, 2);
  g_assert_cmpuint (record->priority, ==, 20);
  g_assert_cmpstr (record->target, ==, "mail." PARENT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/core/csv/parse-basic", test_parse_basic);
  g_test_add_func ("/ranah/core/csv/parse-quotes", test_parse_quotes);
  g_test_add_func ("/ranah/core/csv/parse-separator", test_parse_separator);
  g_test_add_func ("/ranah/core/csv/parse-errors", test_parse_errors);
  g_test_add_func ("/ranah/core/csv/write", test_write);
  g_test_add_func ("/ranah/core/csv/registry-read", test_registry_read);
  g_test_add_func ("/ranah/core/csv/registry-mapping", test_registry_mapping);
  g_test_add_func ("/ranah/core/csv/registry-file-errors", test_registry_file_errors);
  g_test_add_func ("/ranah/core/csv/registry-bad-rows", test_registry_bad_rows);
  g_test_add_func ("/ranah/core/csv/registry-edges", test_registry_edges);
  g_test_add_func ("/ranah/core/csv/registry-round-trip", test_registry_round_trip);

  return g_test_run ();
}
