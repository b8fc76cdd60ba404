/* ranah-file.c — reading a file someone named: regular files only, never more than a limit
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

#include "ranah-error.h"
#include "ranah-file.h"
#include "ranah-validate.h"

#define MIB (1024 * 1024)
#define CHUNK 65536

/* @path as a sentence shows it: in the locale's idea of a file name, every control or
 * direction character written out, not too long to read. */
static char *
shown_path (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  return ranah_text_shown (display, 120, FALSE);
}

static void
set_not_regular (GError    **error,
                 const char *name)
{
  g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
               _("“%s” is not a regular file."), name);
}

static void
set_too_large (GError    **error,
               const char *name,
               gsize       limit)
{
  if (limit >= MIB)
    g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                 _("“%s” is larger than %lu MB."), name, (unsigned long) (limit / MIB));
  else
    g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                 _("“%s” is larger than %lu bytes."), name, (unsigned long) limit);
}

/* Reads @fd to its end or to @limit + 1 bytes, whichever comes first. */
static gboolean
read_upto (int          fd,
           const char  *name,
           gsize        limit,
           gsize        size_hint,
           GBytes     **bytes,
           GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_sized_new (MIN (size_hint, limit) + 1);

  for (;;)
    {
      gsize want = MIN ((gsize) CHUNK, limit + 1 - data->len);
      guint8 buf[CHUNK];
      gssize got;

      if (want == 0)
        break;
      got = read (fd, buf, want);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("“%s” could not be read: %s."), name, g_strerror (saved));
          return FALSE;
        }
      if (got == 0)
        break;
      g_byte_array_append (data, buf, (guint) got);
    }
  if (data->len > limit)
    {
      set_too_large (error, name, limit);
      return FALSE;
    }
  *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return TRUE;
}

gboolean
ranah_file_read_fd_limited (int          fd,
                            const char  *name,
                            gsize        limit,
                            GBytes     **bytes,
                            GError     **error)
{
  g_return_val_if_fail (fd >= 0 && name != NULL && bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (limit < G_MAXSIZE - CHUNK, FALSE);

  *bytes = NULL;
  return read_upto (fd, name, limit, 0, bytes, error);
}

gboolean
ranah_file_read_limited (const char  *path,
                         gsize        limit,
                         GBytes     **bytes,
                         GError     **error)
{
  g_autofree char *name = NULL;
  struct stat st;
  int fd, flags;
  gboolean ok;

  g_return_val_if_fail (path != NULL && bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (limit < G_MAXSIZE - CHUNK, FALSE);

  *bytes = NULL;
  name = shown_path (path);
  /* Without blocking: opening a FIFO for reading otherwise waits for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;

      /* A socket cannot be opened at all (ENXIO): it is not a regular file either. */
      if (saved == ENXIO || saved == ENODEV || saved == EOPNOTSUPP)
        set_not_regular (error, name);
      else
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("“%s” could not be opened: %s."), name, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      set_not_regular (error, name);
      g_close (fd, NULL);
      return FALSE;
    }
  /* A regular file: reads block again, as they should (a file on a slow disk). */
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  ok = read_upto (fd, name, limit, st.st_size > 0 ? (gsize) st.st_size : 0, bytes, error);
  g_close (fd, NULL);
  return ok;
}
