/* test-validate-corpus-pg.c — every case of the shared validation corpus, through the server
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (under pg-harness.sh): test-validate-corpus-pg CORPUS VALIDATE_SQL
 *
 * Makes a database owned by the harness's owner role, gives it the schema ranah and loads
 * src/store/sql/validate.sql into it on its own, with libpq, then runs every case of
 * tests/core/cases/validate-corpus.txt through ranah.check_label (), ranah.check_fqdn (),
 * ranah.check_record (), ranah.check_records () and ranah.format_letter_number (),
 * asserting what the corpus expects (tests/core/test-validate-corpus.c asserts the same of
 * core). A refusal must be SQLSTATE RN004 (or 22021 for bytes that are not UTF-8, which
 * the server refuses by itself); where core refuses too, the server's sentence must be
 * core's, word for word, unless the two differ by design (validate.sql's top says where).
 * Beyond the corpus: the character tables and the U-label rule against GLib and core on
 * every code point, and the Punycode coder against an independent one.
 */
#include <libpq-fe.h>
#include <locale.h>
#include <unistd.h>

#include "ranah-error.h"
#include "ranah-validate.h"
#include "validate-corpus.h"

static PGconn *conn;
static const char *validate_sql_path;

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  g_assert_nonnull (value);
  return value;
}

static PGconn *
connect_to (const char *dbname)
{
  const char *const keys[] = { "host", "port", "user", "password", "dbname",
                               "client_encoding", NULL };
  const char *const values[] = { env ("RANAH_TEST_PG_HOST"), env ("RANAH_TEST_PG_PORT"),
                                 env ("RANAH_TEST_PG_OWNER"),
                                 env ("RANAH_TEST_PG_OWNER_PASSWORD"), dbname, "UTF8", NULL };
  PGconn *c = PQconnectdbParams (keys, values, 0);

  if (PQstatus (c) != CONNECTION_OK)
    g_error ("cannot connect to %s: %s", dbname, PQerrorMessage (c));
  return c;
}

static void
exec_ok (PGconn     *c,
         const char *sql)
{
  PGresult *res = PQexec (c, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%.60s…: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
}

/* A fresh database of the harness's owner with the schema ranah and validate.sql in it. */
static PGconn *
new_database (void)
{
  PGconn *postgres = connect_to ("postgres");
  g_autofree char *name = g_strdup_printf ("ranah_vc%d_%08x", (int) getpid (), g_random_int ());
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *c;

  exec_ok (postgres, create);
  PQfinish (postgres);
  c = connect_to (name);
  exec_ok (c, "CREATE SCHEMA IF NOT EXISTS ranah");
  g_file_get_contents (validate_sql_path, &sql, NULL, &error);
  g_assert_no_error (error);
  exec_ok (c, sql);
  return c;
}

/* ---- the file ----------------------------------------------------------------------------- */

/* validate.sql loads on its own, again over itself, and holds to its promises: plain
 * functions with a fixed search_path, the five signatures the store calls. */
static void
test_loads_alone (void)
{
  PGconn *c = new_database ();
  g_autofree char *sql = NULL;
  PGresult *res;
  static const char *const signatures[][2] = {
    { "ranah.check_label(text)", "text" },
    { "ranah.check_fqdn(text,boolean)", "text" },
    { "ranah.check_record(text,text,text,integer,integer,boolean)", "void" },
    { "ranah.check_records(jsonb)", "void" },
    { "ranah.format_letter_number(text,text,integer,text,integer,integer)", "text" },
  };

  g_assert_true (g_file_get_contents (validate_sql_path, &sql, NULL, NULL));
  exec_ok (c, sql);

  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++)
    {
      const char *params[] = { signatures[i][0] };

      res = PQexecParams (c, "SELECT pg_get_function_result ($1::regprocedure), "
                             "       p.provolatile "
                             "  FROM pg_proc p WHERE p.oid = $1::regprocedure",
                          1, NULL, params, NULL, NULL, 0);
      g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
      g_assert_cmpint (PQntuples (res), ==, 1);
      g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, signatures[i][1]);
      g_assert_cmpstr (PQgetvalue (res, 0, 1), ==, "i");
      PQclear (res);
    }

  res = PQexec (c, "SELECT p.oid::regprocedure, p.prosecdef, p.proconfig::text "
                   "  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                   " WHERE n.nspname = 'ranah' ORDER BY 1");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (res), >=, 20);
  for (int r = 0; r < PQntuples (res); r++)
    {
      g_test_message ("%s", PQgetvalue (res, r, 0));
      g_assert_cmpstr (PQgetvalue (res, r, 1), ==, "f");
      g_assert_cmpstr (PQgetvalue (res, r, 2), ==, "{\"search_path=pg_catalog, pg_temp\"}");
    }
  PQclear (res);
  PQfinish (c);
}

/* ---- the corpus --------------------------------------------------------------------------- */

static gboolean
has_unknown_type (const CorpusCase *c)
{
  if (c->kind != CORPUS_RECORD && c->kind != CORPUS_RECORDS)
    return FALSE;
  for (guint i = 0; i < c->items->len; i++)
    {
      g_autoptr(RanahRecord) record = corpus_record_new (c->items->pdata[i]);

      if ((guint) record->type >= RANAH_N_RECORD_TYPES)
        return TRUE;
    }
  return FALSE;
}

static gboolean
all_utf8 (const CorpusCase *c)
{
  if (c->input != NULL && !g_utf8_validate (c->input, -1, NULL))
    return FALSE;
  for (guint i = 0; c->items != NULL && i < c->items->len; i++)
    {
      GPtrArray *fields = c->items->pdata[i];

      for (guint j = 0; j < fields->len; j++)
        if (!g_utf8_validate (fields->pdata[j], -1, NULL))
          return FALSE;
    }
  return TRUE;
}

/* Runs @c through the SQL: TRUE with its answer ("ok", the A-label, the number), or FALSE
 * with the refusal's SQLSTATE and sentence. */
static gboolean
run_sql (const CorpusCase *c,
         char            **answer,
         char            **sqlstate,
         char            **message)
{
  g_autofree char *json = NULL;
  const char *values[6] = { NULL };
  const char *sql = NULL;
  int n = 0;
  PGresult *res;
  gboolean ok;

  switch (c->kind)
    {
    case CORPUS_LABEL:
      sql = "SELECT ranah.check_label ($1)";
      values[n++] = c->input;
      break;
    case CORPUS_FQDN:
      sql = "SELECT ranah.check_fqdn ($1, false)";
      values[n++] = c->input;
      break;
    case CORPUS_FQDN_UNDERSCORE:
      sql = "SELECT ranah.check_fqdn ($1, true)";
      values[n++] = c->input;
      break;
    case CORPUS_RECORD:
      {
        GPtrArray *f = c->items->pdata[0];

        sql = "SELECT ranah.check_record ($1, $2, $3, $4::integer, $5::integer, $6::boolean)";
        for (n = 0; n < 5; n++)
          values[n] = f->pdata[n];
        values[n++] = g_str_equal (f->pdata[5], "1") ? "true" : "false";
        break;
      }
    case CORPUS_RECORDS:
      sql = "SELECT ranah.check_records ($1::jsonb)";
      json = corpus_records_json (c);
      values[n++] = json;
      break;
    case CORPUS_JSON:
      sql = "SELECT ranah.check_records ($1::jsonb)";
      values[n++] = c->input;
      break;
    case CORPUS_NUMBER:
      {
        GPtrArray *f = c->items->pdata[0];

        sql = "SELECT ranah.format_letter_number ($1, $2, $3::integer, $4, $5::integer, "
              "$6::integer)";
        for (n = 0; n < 6; n++)
          values[n] = f->pdata[n];
        break;
      }
    default:
      g_assert_not_reached ();
    }

  res = PQexecParams (conn, sql, n, NULL, values, NULL, NULL, 0);
  ok = PQresultStatus (res) == PGRES_TUPLES_OK;
  if (ok)
    {
      g_assert_cmpint (PQntuples (res), ==, 1);
      if (c->kind == CORPUS_LABEL || c->kind == CORPUS_NUMBER)
        *answer = g_strdup (PQgetvalue (res, 0, 0));
      else
        {
          /* check_fqdn () returns the name as it is. */
          if (c->kind == CORPUS_FQDN || c->kind == CORPUS_FQDN_UNDERSCORE)
            g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, c->input);
          *answer = g_strdup ("ok");
        }
    }
  else
    {
      *sqlstate = g_strdup (PQresultErrorField (res, PG_DIAG_SQLSTATE));
      *message = g_strdup (PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY));
      *answer = g_strdup ("!");
    }
  PQclear (res);
  return ok;
}

static void
test_case (gconstpointer data)
{
  const CorpusCase *c = data;
  g_autofree char *answer = NULL;
  g_autofree char *sqlstate = NULL;
  g_autofree char *message = NULL;
  g_autofree char *core_output = NULL;
  g_autoptr(GError) core_error = NULL;
  gboolean utf8 = all_utf8 (c);
  gboolean u_label = c->kind == CORPUS_LABEL && !corpus_is_ascii (c->input);

  if (!run_sql (c, &answer, &sqlstate, &message))
    {
      g_test_message ("server: %s %s", sqlstate, message);
      if (!utf8)
        g_assert_cmpstr (sqlstate, ==, "22021");
      else
        g_assert_cmpstr (sqlstate, ==, "RN004");
    }

  if (u_label && utf8)
    {
      /* The desktop converts; the server wants the A-label, and takes the one core makes. */
      g_assert_cmpstr (answer, ==, "!");
      if (!g_str_equal (c->expected, "!"))
        {
          CorpusCase a_label = *c;
          g_autofree char *again = NULL;
          g_autofree char *again_state = NULL;
          g_autofree char *again_message = NULL;

          a_label.input = c->expected;
          run_sql (&a_label, &again, &again_state, &again_message);
          g_assert_cmpstr (again, ==, c->expected);
        }
      if (g_str_has_suffix (message, " must be sent in its internationalised (xn--) form."))
        return;
    }
  else
    g_assert_cmpstr (answer, ==, c->expected);

  /* Both refuse: in the same words, where they can be. */
  if (!g_str_equal (answer, "!") || !utf8 || c->kind == CORPUS_JSON || c->core_answer != NULL
      || corpus_has_negative (c) || has_unknown_type (c))
    return;
  g_assert_false (corpus_run_core (c, &core_output, &core_error));
  g_assert_error (core_error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_assert_cmpstr (message, ==, core_error->message);
}

/* ---- every code point --------------------------------------------------------------------- */

/* The bracket ranges of validate.sql's character tables, as GLib has them. */
static gboolean
in_table (gunichar c,
          guint    table)
{
  GUnicodeType t = g_unichar_type (c);

  switch (table)
    {
    case 0:
      return t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK
             || t == G_UNICODE_ENCLOSING_MARK;
    case 1:
      return t == G_UNICODE_LETTER_NUMBER || t == G_UNICODE_OTHER_NUMBER;
    default:
      return t == G_UNICODE_FORMAT;
    }
}

static void
append_escape (GString  *out,
               gunichar  c)
{
  if (c <= 0xFFFF)
    g_string_append_printf (out, "\\u%04X", c);
  else
    g_string_append_printf (out, "\\U%08X", c);
}

static char *
glib_table (guint table)
{
  GString *out = g_string_new (NULL);

  for (gunichar c = 0x80; c <= 0x10FFFF; c++)
    {
      gunichar last = c;

      if (!in_table (c, table))
        continue;
      while (last < 0x10FFFF && in_table (last + 1, table))
        last++;
      append_escape (out, c);
      if (last > c + 1)
        g_string_append_c (out, '-');
      if (last > c)
        append_escape (out, last);
      c = last;
    }
  return g_string_free (out, FALSE);
}

/* ranah.unicode_marks (), unicode_other_numbers () and unicode_format_chars () are GLib's
 * Mn/Mc/Me, Nl/No and Cf; when they are not, the message gives the ranges anew. */
static void
test_unicode_tables (void)
{
  static const char *const functions[] = { "ranah.unicode_marks ()",
                                           "ranah.unicode_other_numbers ()",
                                           "ranah.unicode_format_chars ()" };

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      g_autofree char *expected = glib_table (i);
      g_autofree char *sql = g_strdup_printf ("SELECT %s", functions[i]);
      PGresult *res = PQexec (conn, sql);

      g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
      if (!g_str_equal (PQgetvalue (res, 0, 0), expected))
        g_test_fail_printf ("%s is not GLib %u.%u.%u's; it should return '%s'", functions[i],
                            glib_major_version, glib_minor_version, glib_micro_version,
                            expected);
      PQclear (res);
    }
}

/* For every code point c above U+007F, whether the server's U-label rule takes "0c"
 * (ranah.idna_u_label_ok (), which ranah.check_label () asks of every xn-- label) as core
 * takes the A-label of "0c". They differ only on the titlecase letters NFKC keeps
 * (U+1F88 …), which core accepts and nameprep's case folding does not (see the corpus). */
static void
test_every_code_point (void)
{
  g_autofree guint8 *sql_ok = g_new0 (guint8, 0x110000);
  g_autoptr(GString) unexpected = g_string_new (NULL);
  guint titlecase = 0, differ = 0, accepted = 0;
  PGresult *res;

  res = PQexec (conn, "SELECT c FROM generate_series (128, 1114111) AS c "
                      " WHERE (c < 55296 OR c > 57343) AND ranah.idna_u_label_ok ('0' || chr (c))");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  for (int r = 0; r < PQntuples (res); r++)
    sql_ok[g_ascii_strtoull (PQgetvalue (res, r, 0), NULL, 10)] = 1;
  PQclear (res);

  for (gunichar c = 0x80; c <= 0x10FFFF; c++)
    {
      gunichar label[2] = { '0', c };
      g_autofree char *a_label = NULL;
      gboolean core_ok;

      if (c >= 0xD800 && c <= 0xDFFF)
        continue;
      a_label = corpus_punycode_label (label, 2);
      core_ok = ranah_validate_label (a_label, NULL, NULL, NULL);
      accepted += core_ok;
      if (core_ok == (sql_ok[c] != 0))
        continue;
      if (core_ok && g_unichar_type (c) == G_UNICODE_TITLECASE_LETTER)
        {
          titlecase++;
          continue;
        }
      if (differ++ < 40)
        g_string_append_printf (unexpected, " U+%04X (core %s)", c, core_ok ? "takes it" : "not");
    }
  g_test_message ("core takes %u code points; the server refuses %u titlecase letters of them",
                  accepted, titlecase);
  g_assert_cmpuint (accepted, >, 100000);
  if (differ > 0)
    g_test_fail_printf ("the server and core differ on %u code points:%s", differ,
                        unexpected->str);
}

/* ranah.punycode_decode () and ranah.punycode_encode () against this file's own encoder,
 * on random strings of one to twelve code points of every plane. */
static void
test_punycode (void)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) labels_array = g_string_new ("{");
  g_autoptr(GString) texts_array = g_string_new ("{");
  const char *params[2];
  PGresult *res;

  for (guint i = 0; i < 3000; i++)
    {
      gunichar in[12];
      guint len = g_test_rand_int_range (1, 13);
      GString *text = g_string_new (NULL);

      for (guint j = 0; j < len; j++)
        {
          do
            in[j] = g_test_rand_bit () ? (gunichar) g_test_rand_int_range ('a', 'z' + 1)
                    : g_test_rand_bit () ? (gunichar) g_test_rand_int_range (0x80, 0x3000)
                                         : (gunichar) g_test_rand_int_range (0x80, 0x110000);
          while (in[j] >= 0xD800 && in[j] <= 0xDFFF);
          g_string_append_unichar (text, in[j]);
        }
      g_ptr_array_add (labels, corpus_punycode_label (in, len));
      g_ptr_array_add (texts, g_string_free (text, FALSE));
      g_string_append_printf (labels_array, "%s\"%s\"", i > 0 ? "," : "",
                              (char *) labels->pdata[i]);
      g_string_append_printf (texts_array, "%s\"%s\"", i > 0 ? "," : "",
                              (char *) texts->pdata[i]);
    }
  g_string_append_c (labels_array, '}');
  g_string_append_c (texts_array, '}');
  params[0] = labels_array->str;
  params[1] = texts_array->str;
  res = PQexecParams (conn, "SELECT ranah.punycode_decode (substr (l, 5)), "
                            "       'xn--' || ranah.punycode_encode (t) "
                            "  FROM unnest ($1::text[], $2::text[]) WITH ORDINALITY AS u (l, t, o) "
                            " ORDER BY o",
                      2, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (res), ==, (int) labels->len);
  for (guint i = 0; i < labels->len; i++)
    {
      g_assert_cmpstr (PQgetvalue (res, i, 0), ==, texts->pdata[i]);
      g_assert_cmpstr (PQgetvalue (res, i, 1), ==, labels->pdata[i]);
    }
  PQclear (res);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (argc != 3)
    g_error ("usage: %s CORPUS VALIDATE_SQL", argv[0]);
  cases = corpus_load (argv[1], &error);
  g_assert_no_error (error);
  validate_sql_path = argv[2];
  conn = new_database ();

  g_test_add_func ("/ranah/store-pg/validate-corpus/loads-alone", test_loads_alone);
  g_test_add_func ("/ranah/store-pg/validate-corpus/unicode-tables", test_unicode_tables);
  g_test_add_func ("/ranah/store-pg/validate-corpus/every-code-point", test_every_code_point);
  g_test_add_func ("/ranah/store-pg/validate-corpus/punycode", test_punycode);
  for (guint i = 0; i < cases->len; i++)
    {
      const CorpusCase *c = cases->pdata[i];
      g_autofree char *path = g_strconcat ("/ranah/store-pg/validate-corpus/", c->path, NULL);

      g_test_add_data_func (path, c, test_case);
    }
  status = g_test_run ();
  PQfinish (conn);
  return status;
}
