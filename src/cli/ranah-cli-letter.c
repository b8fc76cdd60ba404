/* ranah-cli-letter.c — ranah-cli letter: the Surat Tanggapan and the Lembar Disposisi as
 * PDF files, and the verification of a letter someone hands in
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ranah-cli.h"
#include "ranah-letter.h"

typedef GBytes *(*RenderFromStore) (RanahStore *store, gint64 request_id, GError **error);

/* Shared by "pdf" and "disposition-sheet": the same drawing the app previews and prints,
 * written to a file. */
static gboolean
write_request_pdf (RanahCli         *cli,
                   int               argc,
                   char            **argv,
                   const char       *summary,
                   RenderFromStore   render,
                   gboolean          say_lacking,
                   GError          **error)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the PDF (“-” for standard output)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = ranah_cli_context (cli, "ID", summary, entries);
  g_autoptr(GBytes) pdf = NULL;
  gint64 id;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_parse_id (argv[1], _("The request ID"), &id, error))
    return FALSE;
  if (output == NULL)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Say where to write the PDF with -o FILE."));
      return FALSE;
    }
  /* Fonts load while the store opens and the user signs in: from the snapshot of the
   * system's font configuration, since this process only writes a PDF. */
  ranah_letter_fonts_use_snapshot ();
  ranah_letter_prepare_fonts ();
  if (!ranah_cli_sign_in (cli, error)
      || (pdf = render (cli->store, id, error)) == NULL
      || !ranah_cli_write_output (output, pdf, error))
    return FALSE;
  if (!g_str_equal (output, "-") && !cli->json)
    g_print (_("Wrote %s (%zu bytes).\n"), output, g_bytes_get_size (pdf));
  /* A draft says what it still lacks before it can be signed (ranah-letter-check.h). */
  if (say_lacking)
    {
      g_autoptr(GError) lacking = NULL;

      if (!ranah_letter_check_from_store (cli->store, id, &lacking))
        {
          if (!g_error_matches (lacking, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE))
            {
              g_propagate_error (error, g_steal_pointer (&lacking));
              return FALSE;
            }
          g_printerr ("%s\n", lacking->message);
        }
    }
  return TRUE;
}

static gboolean
letter_pdf (RanahCli  *cli,
            int        argc,
            char     **argv,
            GError   **error)
{
  return write_request_pdf (cli, argc, argv,
                            N_("Writes the Surat Tanggapan of a request: the frozen PDF once "
                               "it is signed, otherwise the current draft."),
                            ranah_letter_render_from_store, TRUE, error);
}

static gboolean
letter_disposition_sheet (RanahCli  *cli,
                          int        argc,
                          char     **argv,
                          GError   **error)
{
  return write_request_pdf (cli, argc, argv,
                            N_("Writes the Lembar Disposisi of a request: the incoming letter "
                               "and every disposition with its instructions."),
                            ranah_disposition_sheet_from_store, FALSE, error);
}

static gboolean
letter_verify (RanahCli  *cli,
               int        argc,
               char     **argv,
               GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "FILE.pdf",
                       N_("Says whether a PDF is a genuine, unaltered letter signed in this "
                          "store, which request it answers, and that the store still holds "
                          "the audit event the letter names; exits with 6 when the store "
                          "signed no such file (an altered or foreign copy) or no longer holds "
                          "that event, and 3 when it is not a PDF."), NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(RanahLetter) letter = NULL;
  g_autoptr(RanahRequest) request = NULL;
  g_autofree char *sentence = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error))
    return FALSE;
  if ((pdf = ranah_cli_read_input (argv[1], RANAH_ATTACHMENT_MAX_BYTES, error)) == NULL
      || !ranah_cli_sign_in (cli, error)
      || !ranah_letter_verify_pdf (cli->store, pdf, &letter, &request, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_bool (json, "genuine", TRUE);
      ranah_cli_json_member_string (json, "number", letter->number);
      ranah_cli_json_member_string (json, "date", letter->letter_date);
      ranah_cli_json_member_string (json, "sha256", letter->pdf_sha256);
      ranah_cli_json_member_int (json, "request_id", request->id);
      ranah_cli_json_member_string (json, "fqdn", request->fqdn);
      ranah_cli_json_member_string (json, "opd", request->opd_name);
      ranah_cli_json_member_string (json, "outcome", ranah_outcome_to_string (letter->kind));
      /* The event of the request's audit chain the letter names, found in the store; null
       * for a letter signed before letters named one. */
      ranah_cli_json_key (json, "audit_event");
      if (letter->audit_seq > 0 && letter->audit_hash != NULL)
        {
          ranah_cli_json_begin_object (json);
          ranah_cli_json_member_int (json, "chain", letter->request_id);
          ranah_cli_json_member_int (json, "chain_seq", letter->audit_seq);
          ranah_cli_json_member_string (json, "hash", letter->audit_hash);
          ranah_cli_json_end_object (json);
        }
      else
        ranah_cli_json_null (json);
      ranah_cli_json_end_object (json);
      ranah_cli_print_json (json);
      return TRUE;
    }
  sentence = ranah_letter_describe_verified (letter, request);
  g_print ("%s\n", sentence);
  g_free (sentence);
  sentence = ranah_letter_describe_audit_head (letter);
  g_print ("%s\n", sentence);
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "pdf", N_("Write a request's Surat Tanggapan as PDF"), letter_pdf },
  { "disposition-sheet", N_("Write a request's Lembar Disposisi as PDF"),
    letter_disposition_sheet },
  { "verify", N_("Check that a PDF is a genuine, unaltered signed letter"), letter_verify },
};

gboolean
ranah_cli_letter_main (RanahCli  *cli,
                       int        argc,
                       char     **argv,
                       GError   **error)
{
  return ranah_cli_dispatch (cli, "letter",
                             N_("The Surat Tanggapan and the Lembar Disposisi as PDF, and "
                                "verifying a signed letter."),
                             subcommands, G_N_ELEMENTS (subcommands), argc, argv, error);
}
