/* ranah-cli-opd.c — ranah-cli opd: the requesting agencies (Organisasi Perangkat Daerah)
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "ranah-cli.h"

typedef struct {
  char    *name;
  char    *head_title;
  char    *address;
  char    *email;
  char    *code;
  gboolean inactive;
  gboolean active;
} OpdOptions;

static void
opd_options_clear (OpdOptions *o)
{
  g_free (o->name);
  g_free (o->head_title);
  g_free (o->address);
  g_free (o->email);
  g_free (o->code);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OpdOptions, opd_options_clear)

#define OPD_OPTION_ENTRIES(o)                                                              \
  { "name", 0, 0, G_OPTION_ARG_STRING, &(o).name, N_("Name, e.g. “Dinas Kesehatan”"),      \
    N_("TEXT") },                                                                          \
  { "head-title", 0, 0, G_OPTION_ARG_STRING, &(o).head_title,                              \
    N_("Addressee of letters, e.g. “Kepala Dinas Kesehatan Kota Tarakan”"), N_("TEXT") },  \
  { "address", 0, 0, G_OPTION_ARG_STRING, &(o).address, N_("The “di” place line"),         \
    N_("TEXT") },                                                                          \
  { "email", 0, 0, G_OPTION_ARG_STRING, &(o).email, N_("E-mail address"), N_("ADDRESS") }

static void
apply_options (OpdOptions *o,
               RanahOpd   *opd)
{
  ranah_cli_take (&opd->name, g_steal_pointer (&o->name));
  ranah_cli_take (&opd->head_title, g_steal_pointer (&o->head_title));
  ranah_cli_take (&opd->address, g_steal_pointer (&o->address));
  ranah_cli_take (&opd->email, g_steal_pointer (&o->email));
  ranah_cli_take (&opd->code, g_steal_pointer (&o->code));
  if (o->active)
    opd->active = TRUE;
  if (o->inactive)
    opd->active = FALSE;
}

static void
print_opd (RanahCli *cli,
           RanahOpd *opd,
           gboolean  added)
{
  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_opd (json, opd);
      ranah_cli_print_json (json);
    }
  else if (added)
    g_print (_("Added the OPD %s, id %" PRId64 ".\n"), opd->code, opd->id);
  else
    g_print (_("Updated the OPD %s, id %" PRId64 ".\n"), opd->code, opd->id);
}

static gboolean
opd_add (RanahCli  *cli,
         int        argc,
         char     **argv,
         GError   **error)
{
  g_auto(OpdOptions) o = { 0 };
  const GOptionEntry entries[] = { OPD_OPTION_ENTRIES (o), { NULL } };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "CODE", N_("Adds an OPD (administrators only)."), entries);
  g_autoptr(RanahOpd) opd = ranah_opd_new ();

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  ranah_cli_take (&opd->code, g_ascii_strup (argv[1], -1));
  if (o.name == NULL)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("A new OPD needs --name TEXT."));
      return FALSE;
    }
  if (o.head_title == NULL)
    o.head_title = g_strdup_printf ("Kepala %s", o.name);
  apply_options (&o, opd);
  opd->id = ranah_store_add_opd (cli->store, opd, error);
  if (opd->id == 0)
    return FALSE;
  print_opd (cli, opd, TRUE);
  return TRUE;
}

static gboolean
opd_edit (RanahCli  *cli,
          int        argc,
          char     **argv,
          GError   **error)
{
  g_auto(OpdOptions) o = { 0 };
  const GOptionEntry entries[] = {
    OPD_OPTION_ENTRIES (o),
    { "code", 0, 0, G_OPTION_ARG_STRING, &o.code, N_("A new code"), N_("CODE") },
    { "inactive", 0, 0, G_OPTION_ARG_NONE, &o.inactive,
      N_("No new requests from this OPD"), NULL },
    { "active", 0, 0, G_OPTION_ARG_NONE, &o.active, N_("Active again"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, "CODE", N_("Changes an OPD (administrators only)."), entries);
  g_autoptr(RanahOpd) opd = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 1, 1, error)
      || !ranah_cli_sign_in (cli, error))
    return FALSE;
  if (o.active && o.inactive)
    {
      g_set_error (error, RANAH_CLI_ERROR, RANAH_CLI_ERROR_USAGE,
                   _("Use either --active or --inactive."));
      return FALSE;
    }
  if ((opd = ranah_cli_find_opd (cli, argv[1], error)) == NULL)
    return FALSE;
  if (o.code != NULL)
    ranah_cli_take (&o.code, g_ascii_strup (o.code, -1));
  apply_options (&o, opd);
  if (!ranah_store_update_opd (cli->store, opd, error))
    return FALSE;
  print_opd (cli, opd, FALSE);
  return TRUE;
}

static gboolean
opd_list (RanahCli  *cli,
          int        argc,
          char     **argv,
          GError   **error)
{
  g_autoptr(GOptionContext) context =
    ranah_cli_context (cli, NULL, N_("Lists the OPDs."), NULL);
  g_autoptr(GPtrArray) opds = NULL;

  if (!ranah_cli_parse (cli, context, &argc, &argv, 0, 0, error)
      || !ranah_cli_sign_in (cli, error)
      || (opds = ranah_store_list_opds (cli->store, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
      ranah_cli_json_begin_array (json);
      for (guint i = 0; i < opds->len; i++)
        ranah_cli_json_opd (json, g_ptr_array_index (opds, i));
      ranah_cli_json_end_array (json);
      ranah_cli_print_json (json);
      return TRUE;
    }
  g_print ("%-5s %-12s %-8s %s\n", _("ID"), _("CODE"), _("ACTIVE"), _("NAME"));
  for (guint i = 0; i < opds->len; i++)
    {
      RanahOpd *opd = g_ptr_array_index (opds, i);
      g_autofree char *code = ranah_cli_cell (opd->code, 12);
      g_print ("%-5" G_GINT64_FORMAT " %s %-8s %s\n", opd->id, code,
               opd->active ? _("yes") : _("no"), opd->name);
    }
  return TRUE;
}

static const RanahCliCommand subcommands[] = {
  { "add", N_("Add an OPD"), opd_add },
  { "list", N_("List the OPDs"), opd_list },
  { "edit", N_("Change an OPD"), opd_edit },
};

gboolean
ranah_cli_opd_main (RanahCli  *cli,
                    int        argc,
                    char     **argv,
                    GError   **error)
{
  return ranah_cli_dispatch (cli, "opd", N_("Manage the OPDs (requesting agencies)."),
                             subcommands, G_N_ELEMENTS (subcommands), argc, argv, error);
}
