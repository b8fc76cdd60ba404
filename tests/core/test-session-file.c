/* test-session-file.c — the kept session token: where, with which rights, what is ignored
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ranah-session-file.h"

#define URI "sqlite:/srv/ranah/kantor.db"
#define TOKEN "rnh1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define NOW 1800000000

static char *runtime_dir;

static char *
session_dir (void)
{
  return g_build_filename (runtime_dir, "ranah", NULL);
}

static mode_t
mode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (lstat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* TRUE when a session for @uri may be used at @now. */
static gboolean
loads (const char *uri,
       gint64      now)
{
  g_autoptr(RanahSessionFile) file = ranah_session_file_load (uri, now);

  return file != NULL;
}

static void
test_save_load_remove (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahSessionFile) file = NULL;
  g_autofree char *path = ranah_session_file_path (URI);
  g_autofree char *dir = session_dir ();
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpstr (parent, ==, dir);
  g_assert_true (g_str_has_prefix (base, "session-"));
  g_assert_cmpuint (strlen (base), ==, strlen ("session-") + 32);

  umask (022);
  g_assert_true (ranah_session_file_save (URI, "kadis", TOKEN, NOW + 60, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mode_of (dir), ==, 0700);
  g_assert_cmpint (mode_of (path), ==, 0600);

  file = ranah_session_file_load (URI, NOW);
  g_assert_nonnull (file);
  g_assert_cmpstr (file->store_uri, ==, URI);
  g_assert_cmpstr (file->username, ==, "kadis");
  g_assert_cmpstr (file->token, ==, TOKEN);
  g_assert_cmpint (file->expires_at, ==, NOW + 60);

  /* Saved again (a new login): replaced whole, rights unchanged. */
  g_assert_true (ranah_session_file_save (URI, "kabid", TOKEN, NOW + 120, &error));
  g_assert_cmpint (mode_of (path), ==, 0600);
  g_clear_pointer (&file, ranah_session_file_free);
  file = ranah_session_file_load (URI, NOW);
  g_assert_cmpstr (file->username, ==, "kabid");

  g_assert_true (ranah_session_file_remove (URI, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (loads (URI, NOW));
  /* Removing what is not there is no error. */
  g_assert_true (ranah_session_file_remove (URI, &error));
  g_assert_no_error (error);
}

static void
test_one_file_per_store (void)
{
  g_autofree char *a = ranah_session_file_path ("sqlite:/a.db");
  g_autofree char *b = ranah_session_file_path ("postgresql://db.kantor.local/ranah");
  g_autoptr(RanahSessionFile) file = NULL;

  g_assert_cmpstr (a, !=, b);
  g_assert_true (ranah_session_file_save ("sqlite:/a.db", "kadis", TOKEN, NOW + 60, NULL));
  g_assert_false (loads ("postgresql://db.kantor.local/ranah", NOW));
  file = ranah_session_file_load ("sqlite:/a.db", NOW);
  g_assert_nonnull (file);
  ranah_session_file_remove ("sqlite:/a.db", NULL);
}

static void
test_expired_ignored (void)
{
  g_assert_true (ranah_session_file_save (URI, "kadis", TOKEN, NOW, NULL));
  g_assert_false (loads (URI, NOW));
  g_assert_false (loads (URI, NOW + 1));
  g_assert_true (loads (URI, NOW - 1));
  ranah_session_file_remove (URI, NULL);
}

static void
test_open_file_ignored (void)
{
  g_autofree char *path = ranah_session_file_path (URI);
  g_autofree char *dir = session_dir ();
  g_autofree char *elsewhere = g_build_filename (runtime_dir, "planted", NULL);
  g_autoptr(RanahSessionFile) file = NULL;

  g_assert_true (ranah_session_file_save (URI, "kadis", TOKEN, NOW + 60, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_false (loads (URI, NOW));
  g_assert_cmpint (g_chmod (path, 0604), ==, 0);
  g_assert_false (loads (URI, NOW));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  file = ranah_session_file_load (URI, NOW);
  g_assert_nonnull (file);

  /* A folder of ours left open (a umask): closed again; the file's own checks still hold. */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_true (loads (URI, NOW));
  g_assert_cmpint (mode_of (dir), ==, 0700);

  /* A symbolic link in its place is not followed. */
  ranah_session_file_remove (URI, NULL);
  g_assert_true (g_file_set_contents (elsewhere, "[session]\nstore=" URI "\nuser=kadis\n"
                                      "token=" TOKEN "\nexpires-at=1900000000\n", -1, NULL));
  g_assert_cmpint (g_chmod (elsewhere, 0600), ==, 0);
  g_assert_cmpint (symlink (elsewhere, path), ==, 0);
  g_assert_false (loads (URI, NOW));
  g_unlink (path);
  g_unlink (elsewhere);

  /* A file naming another store, or half a file, is not a session. */
  g_assert_true (g_file_set_contents (path, "[session]\nstore=sqlite:/other.db\nuser=kadis\n"
                                      "token=" TOKEN "\nexpires-at=1900000000\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_false (loads (URI, NOW));
  g_assert_true (g_file_set_contents (path, "[session]\nstore=" URI "\nuser=kadis\n", -1, NULL));
  g_assert_false (loads (URI, NOW));
  g_assert_true (g_file_set_contents (path, "not a key file", -1, NULL));
  g_assert_false (loads (URI, NOW));
  ranah_session_file_remove (URI, NULL);
}

static void
test_open_folder_ignored (void)
{
  g_autofree char *dir = session_dir ();

  g_assert_true (ranah_session_file_save (URI, "kadis", TOKEN, NOW + 60, NULL));
  /* The folder replaced by a link to a folder elsewhere: nothing read through it. */
  {
    g_autofree char *real = g_build_filename (runtime_dir, "real", NULL);

    g_assert_cmpint (g_rename (dir, real), ==, 0);
    g_assert_cmpint (symlink (real, dir), ==, 0);
    g_assert_false (loads (URI, NOW));
    g_assert_false (ranah_session_file_save (URI, "kadis", TOKEN, NOW + 60, NULL));
    g_unlink (dir);
    g_assert_cmpint (g_rename (real, dir), ==, 0);
  }
  g_assert_true (loads (URI, NOW));
  ranah_session_file_remove (URI, NULL);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before GLib reads it: a runtime folder of the test's own. */
  runtime_dir = g_dir_make_tmp ("ranah-session-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ranah/core/session-file/save-load-remove", test_save_load_remove);
  g_test_add_func ("/ranah/core/session-file/one-file-per-store", test_one_file_per_store);
  g_test_add_func ("/ranah/core/session-file/expired-ignored", test_expired_ignored);
  g_test_add_func ("/ranah/core/session-file/open-file-ignored", test_open_file_ignored);
  g_test_add_func ("/ranah/core/session-file/open-folder-ignored", test_open_folder_ignored);

  status = g_test_run ();
  {
    g_autofree char *dir = session_dir ();
    g_rmdir (dir);
    g_rmdir (runtime_dir);
  }
  g_free (runtime_dir);
  return status;
}
