/* test-validate-corpus.c — every case of the shared validation corpus, through core
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-validate-corpus CORPUS (tests/core/cases/validate-corpus.txt, whose top says
 * what a case is). tests/pg/test-validate-corpus-pg.c runs the same cases through the
 * PostgreSQL server's functions (src/store/sql/validate.sql). A case noted core=ANSWER is
 * one where core answers against the RFCs: reported as TODO while core answers ANSWER,
 * failed once it answers what the corpus expects (the note must go then).
 */
#include <locale.h>

#include "ranah-error.h"
#include "validate-corpus.h"

static void
test_case (gconstpointer data)
{
  const CorpusCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const char *answer;

  if (c->kind == CORPUS_JSON)
    {
      g_test_skip ("JSON is what only the server receives");
      return;
    }
  if (c->kind == CORPUS_NUMBER && corpus_has_negative (c))
    {
      g_test_skip ("core's letter numbers are unsigned");
      return;
    }

  if (corpus_run_core (c, &output, &error))
    answer = output;
  else
    {
      g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
      g_test_message ("core: %s", error->message);
      answer = "!";
    }

  if (c->core_answer != NULL)
    {
      if (g_str_equal (answer, c->expected))
        g_test_fail_printf ("line %u: core now answers “%s” as the corpus expects; remove the "
                            "line's core= note", c->line, answer);
      else if (!g_str_equal (answer, c->core_answer))
        g_test_fail_printf ("line %u: core answers “%s”, neither “%s” (expected) nor “%s” "
                            "(noted)", c->line, answer, c->expected, c->core_answer);
      else
        g_test_incomplete_printf ("line %u: core answers “%s” where the RFCs answer “%s”",
                                  c->line, answer, c->expected);
      return;
    }
  if (!g_str_equal (answer, c->expected))
    g_test_fail_printf ("line %u (%s): core answers “%s”%s%s; the corpus expects “%s”", c->line,
                        c->kind_name, answer, error != NULL ? ": " : "",
                        error != NULL ? error->message : "", c->expected);
}

/* Every kind is there, every rule in more than a case or two. */
static void
test_size (gconstpointer data)
{
  GPtrArray *cases = (GPtrArray *) data;
  guint per_kind[CORPUS_NUMBER + 1] = { 0 };

  for (guint i = 0; i < cases->len; i++)
    per_kind[((CorpusCase *) cases->pdata[i])->kind]++;
  g_assert_cmpuint (cases->len, >=, 150);
  for (guint k = 0; k < G_N_ELEMENTS (per_kind); k++)
    g_assert_cmpuint (per_kind[k], >=, 8);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (argc != 2)
    g_error ("usage: %s CORPUS", argv[0]);
  cases = corpus_load (argv[1], &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/ranah/core/validate-corpus/size", cases, test_size);
  for (guint i = 0; i < cases->len; i++)
    {
      const CorpusCase *c = cases->pdata[i];
      g_autofree char *path = g_strconcat ("/ranah/core/validate-corpus/", c->path, NULL);

      g_test_add_data_func (path, c, test_case);
    }
  return g_test_run ();
}
