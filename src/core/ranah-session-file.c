/* ranah-session-file.c — where a desktop session keeps its store session token
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ranah-session-file.h"

#define GROUP "session"
/* A session file is a few hundred bytes; anything much larger is not one. */
#define MAX_FILE_SIZE 65536

static char *
session_dir (void)
{
  return g_build_filename (g_get_user_runtime_dir (), "ranah", NULL);
}

/* TRUE when @st is ours and closed to group and others. */
static gboolean
private_to_me (const struct stat *st)
{
  return st->st_uid == getuid () && (st->st_mode & 077) == 0;
}

/* The folder, made 0700 when missing; FALSE when it is not a real folder of ours that
 * nobody else may enter (a symbolic link planted there, a shared folder). */
static gboolean
check_dir (const char  *dir,
           gboolean     create,
           GError     **error)
{
  struct stat st;

  if (create && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The folder “%s” for the session cannot be created: %s."), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (lstat (dir, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid ())
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _("The folder “%s” for the session is not a folder of yours."), dir);
      return FALSE;
    }
  /* g_mkdir_with_parents() is subject to the umask; a folder of ours left open by
   * someone's umask is closed rather than refused. */
  if ((st.st_mode & 077) != 0 && chmod (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _("The folder “%s” for the session is open to others."), dir);
      return FALSE;
    }
  return TRUE;
}

void
ranah_session_file_free (RanahSessionFile *file)
{
  if (file == NULL)
    return;
  g_free (file->store_uri);
  g_free (file->username);
  if (file->token != NULL)
    memset (file->token, 0, strlen (file->token));
  g_free (file->token);
  g_free (file);
}

char *
ranah_session_file_path (const char *store_uri)
{
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = session_dir ();

  g_return_val_if_fail (store_uri != NULL, NULL);

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, store_uri, -1);
  name = g_strdup_printf ("session-%.32s", digest);
  return g_build_filename (dir, name, NULL);
}

gboolean
ranah_session_file_save (const char  *store_uri,
                         const char  *username,
                         const char  *token,
                         gint64       expires_at,
                         GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *dir = session_dir ();
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  gboolean ok;

  g_return_val_if_fail (store_uri != NULL, FALSE);
  g_return_val_if_fail (username != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_dir (dir, TRUE, error))
    return FALSE;
  path = ranah_session_file_path (store_uri);
  g_key_file_set_string (key_file, GROUP, "store", store_uri);
  g_key_file_set_string (key_file, GROUP, "user", username);
  g_key_file_set_string (key_file, GROUP, "token", token);
  g_key_file_set_int64 (key_file, GROUP, "expires-at", expires_at);
  data = g_key_file_to_data (key_file, &len, NULL);
  /* A temporary file created 0600 and renamed over the old one: a reader sees the old
   * session or the new one, never half of one, and never a moment of wider rights. */
  ok = g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  memset (data, 0, len);
  return ok;
}

static char *
read_private_file (const char *path)
{
  struct stat st;
  char *data;
  gssize n;
  int fd;

  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || !private_to_me (&st)
      || st.st_size <= 0 || st.st_size > MAX_FILE_SIZE)
    {
      close (fd);
      return NULL;
    }
  data = g_malloc0 (st.st_size + 1);
  n = read (fd, data, st.st_size);
  close (fd);
  if (n != st.st_size)
    {
      g_free (data);
      return NULL;
    }
  return data;
}

RanahSessionFile *
ranah_session_file_load (const char *store_uri,
                         gint64      now)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(RanahSessionFile) file = NULL;
  g_autofree char *dir = session_dir ();
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_return_val_if_fail (store_uri != NULL, NULL);

  if (!check_dir (dir, FALSE, NULL))
    return NULL;
  path = ranah_session_file_path (store_uri);
  if ((data = read_private_file (path)) == NULL)
    return NULL;
  len = strlen (data);
  if (!g_key_file_load_from_data (key_file, data, len, G_KEY_FILE_NONE, NULL))
    {
      memset (data, 0, len);
      return NULL;
    }
  memset (data, 0, len);

  file = g_new0 (RanahSessionFile, 1);
  file->store_uri = g_key_file_get_string (key_file, GROUP, "store", NULL);
  file->username = g_key_file_get_string (key_file, GROUP, "user", NULL);
  file->token = g_key_file_get_string (key_file, GROUP, "token", NULL);
  file->expires_at = g_key_file_get_int64 (key_file, GROUP, "expires-at", &error);
  if (error != NULL || file->store_uri == NULL || file->username == NULL
      || file->token == NULL || *file->username == '\0' || *file->token == '\0'
      || !g_str_equal (file->store_uri, store_uri) || file->expires_at <= now)
    return NULL;
  return g_steal_pointer (&file);
}

gboolean
ranah_session_file_remove (const char  *store_uri,
                           GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (store_uri != NULL, FALSE);

  path = ranah_session_file_path (store_uri);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The session file “%s” cannot be removed: %s."), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
