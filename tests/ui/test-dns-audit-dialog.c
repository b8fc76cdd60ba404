/* test-dns-audit-dialog.c — "Check DNS" on the registry page against a real BIND server
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under named-harness.sh (a private named on 127.0.0.1) and xvfb-run.sh.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ranah-application.h"
#include "ranah-dns-audit-dialog.h"
#include "ranah-dns.h"
#include "ranah-screenshots.h"
#include "ranah-task.h"

#define PASSWORD "rahasia-123"

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_error ("%s is not set: run this test through tests/dns/named-harness.sh", name);
  return value;
}

static void
count (guint *counter)
{
  (*counter)++;
}

static void
set_profile (RanahStore *store,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ranah_store_set_profile (store, key, value, &error));
  g_assert_no_error (error);
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autofree char *path = NULL;

  if (g_getenv ("RANAH_TEST_SCREENSHOT_DIR") == NULL)
    return;
  path = g_build_filename (g_getenv ("RANAH_TEST_SCREENSHOT_DIR"), name, NULL);
  ranah_screenshots_settle (400);
  g_assert_true (ranah_screenshot_widget (widget, path, NULL));
}

/* The first button under @widget that carries an "fqdn": the Adopt buttons do. */
static GtkWidget *
find_adopt_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "fqdn") != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_adopt_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_window (const char *title)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }
  return NULL;
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ranah-ui-dns-XXXXXX", &error);
  g_autofree char *uri = g_strconcat ("sqlite:", dir, "/store.db", NULL);
  g_autoptr(RanahStore) store = ranah_store_open (uri, &error);
  g_autoptr(RanahUser) admin = ranah_user_new ();
  RanahDnsAuditDialog *dialog;

  g_assert_no_error (error);
  admin->username = g_strdup ("admin");
  admin->role = RANAH_ROLE_ADMIN;
  g_assert_true (ranah_store_initialize (store, admin, PASSWORD, &error));
  g_assert_true (ranah_store_sign_in (store, "admin", PASSWORD, &error));
  g_assert_no_error (error);

  dialog = ranah_dns_audit_dialog_new (NULL, store, NULL, NULL);
  ranah_task_wait_idle ();
  g_assert_cmpuint (ranah_dns_audit_dialog_get_n_items (dialog), ==, 0);
  /* The profile's defaults point at port 53 here, where nothing answers. */
  g_assert_nonnull (strstr (ranah_dns_audit_dialog_get_status (dialog), "cannot be reached"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ranah_task_wait_idle ();
}

static void
test_adopt_unrecorded (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ranah-ui-dns-XXXXXX", &error);
  g_autofree char *uri = g_strconcat ("sqlite:", dir, "/store.db", NULL);
  g_autoptr(RanahStore) store = ranah_store_open (uri, &error);
  g_autoptr(RanahUser) admin = ranah_user_new ();
  g_autoptr(RanahOpd) opd = ranah_opd_new ();
  g_autoptr(RanahDnsServer) server = NULL;
  g_autoptr(RanahDnsResult) planted = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_record_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *fqdn = g_strconcat ("warisan.", env ("RANAH_TEST_DNS_ZONE"), NULL);
  RanahEntryFilter filter = { NULL, 0, -1 };
  RanahDnsAuditDialog *dialog;
  gint64 opd_id;
  guint changes = 0;
  gboolean listed = FALSE;

  g_assert_no_error (error);
  admin->username = g_strdup ("admin");
  admin->role = RANAH_ROLE_ADMIN;
  g_assert_true (ranah_store_initialize (store, admin, PASSWORD, &error));
  g_assert_true (ranah_store_sign_in (store, "admin", PASSWORD, &error));
  g_assert_no_error (error);
  opd->code = g_strdup ("DINKES");
  opd->name = g_strdup ("Dinas Kesehatan");
  opd->head_title = g_strdup ("Kepala");
  opd_id = ranah_store_add_opd (store, opd, &error);
  g_assert_no_error (error);
  set_profile (store, "dns-server", env ("RANAH_TEST_DNS_SERVER"));
  set_profile (store, "dns-port", env ("RANAH_TEST_DNS_PORT"));
  set_profile (store, "dns-zone", env ("RANAH_TEST_DNS_ZONE"));
  set_profile (store, "tsig-name", env ("RANAH_TEST_TSIG_NAME"));
  set_profile (store, "tsig-algorithm", env ("RANAH_TEST_TSIG_ALGORITHM"));
  set_profile (store, "tsig-secret", env ("RANAH_TEST_TSIG_SECRET"));

  /* A name someone made by hand on the server, which the registry does not know. */
  server = ranah_dns_server_new (env ("RANAH_TEST_DNS_SERVER"),
                                 (guint) g_ascii_strtoull (env ("RANAH_TEST_DNS_PORT"), NULL, 10),
                                 env ("RANAH_TEST_DNS_ZONE"), env ("RANAH_TEST_TSIG_NAME"),
                                 env ("RANAH_TEST_TSIG_ALGORITHM"), env ("RANAH_TEST_TSIG_SECRET"),
                                 &error);
  g_assert_no_error (error);
  g_ptr_array_add (records, ranah_record_new (RANAH_RECORD_A, "", "103.47.132.10"));
  planted = ranah_dns_provision (server, fqdn, records, &error);
  g_assert_no_error (error);

  dialog = ranah_dns_audit_dialog_new (NULL, store, G_CALLBACK (count), &changes);
  ranah_task_wait_idle ();
  g_assert_cmpuint (ranah_dns_audit_dialog_get_n_items (dialog), >=, 1);
  g_assert_nonnull (strstr (ranah_dns_audit_dialog_get_status (dialog), "differs"));
  shoot (GTK_WIDGET (dialog), "dns-audit-dialog.png");

  /* Adopt… asks for the OPD and the purpose; adopting enters the name into the registry
   * with the record DNS serves. */
  {
    GtkWidget *adopt = find_adopt_button (GTK_WIDGET (dialog));
    GtkWindow *form;
    GtkWidget *confirm;
    GtkWidget *purpose;

    g_assert_nonnull (adopt);
    g_assert_cmpstr (g_object_get_data (G_OBJECT (adopt), "fqdn"), ==, fqdn);
    g_signal_emit_by_name (adopt, "clicked");
    form = find_window ("Adopt a Name");
    g_assert_nonnull (form);
    confirm = find_adopt_button (GTK_WIDGET (form));
    g_assert_nonnull (confirm);
    purpose = g_object_get_data (G_OBJECT (confirm), "purpose");
    gtk_editable_set_text (GTK_EDITABLE (purpose), "Portal lama");
    shoot (GTK_WIDGET (form), "dns-adopt-form.png");
    g_signal_emit_by_name (confirm, "clicked");
    ranah_task_wait_idle ();
    g_assert_null (find_window ("Adopt a Name"));
  }
  g_test_message ("%s", ranah_dns_audit_dialog_get_status (dialog));
  g_assert_cmpuint (changes, ==, 1);
  entries = ranah_store_list_entries (store, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      RanahEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->fqdn, fqdn))
        {
          listed = TRUE;
          g_assert_cmpint (entry->opd_id, ==, opd_id);
          g_assert_cmpstr (entry->purpose, ==, "Portal lama");
          g_assert_cmpuint (entry->records->len, ==, 1);
        }
    }
  g_assert_true (listed);
  /* The dialog checked again: the name is no longer drift. */
  g_assert_cmpuint (ranah_dns_audit_dialog_get_n_items (dialog), ==, 0);
  shoot (GTK_WIDGET (dialog), "dns-audit-dialog-after.png");

  gtk_window_destroy (GTK_WINDOW (dialog));
  ranah_task_wait_idle ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ranah_ui_init ();
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/ranah/ui/dns-audit/server-unreachable", test_unreachable);
  g_test_add_func ("/ranah/ui/dns-audit/adopt-unrecorded", test_adopt_unrecorded);
  return g_test_run ();
}
