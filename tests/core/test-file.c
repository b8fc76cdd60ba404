/* test-file.c — ranah_file_read_limited(): regular files only, never more than the limit
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ranah-error.h"
#include "ranah-file.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ranah-file-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      if (g_rmdir (path) != 0)
        g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Bytes this process has read with read(2) and friends so far (Linux's rchar). */
static guint64
bytes_read_so_far (void)
{
  g_autofree char *io = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/io", &io, NULL, NULL)
      || (line = strstr (io, "rchar:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("rchar:"), NULL, 10);
}

static void
test_regular (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "letter.pdf", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "%PDF-1.4 kecil", -1, &error));
  g_assert_true (ranah_file_read_limited (path, 1024, &bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "%PDF-1.4 kecil", 14);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Exactly the limit is fine; one byte more is not. */
  g_assert_true (ranah_file_read_limited (path, 14, &bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 14);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_false (ranah_file_read_limited (path, 13, &bytes, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_assert_cmpstr (strstr (error->message, "is larger than 13 bytes."), !=, NULL);
  g_assert_null (bytes);
  g_clear_error (&error);

  /* An empty file is a file. */
  g_assert_true (g_file_set_contents (path, "", 0, &error));
  g_assert_true (ranah_file_read_limited (path, 10, &bytes, &error));
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
}

static void
test_missing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "tidak-ada.pdf", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ranah_file_read_limited (path, 10, &bytes, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_null (strchr (error->message, '\n'));
}

/* A FIFO nobody writes to, a device that never ends, a folder, a socket: refused at once
 * (the test would hang on the FIFO otherwise), with one sentence. */
static void
assert_not_regular (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (ranah_file_read_limited (path, 20 * 1024 * 1024, &bytes, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_assert_true (g_str_has_suffix (error->message, "is not a regular file."));
  g_assert_null (bytes);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_not_regular (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "fifo", NULL);
  g_autofree char *sock = g_build_filename (f->dir, "sock", NULL);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_not_regular (fifo);
  assert_not_regular ("/dev/zero");
  assert_not_regular ("/dev/null");
  assert_not_regular (f->dir);

  fd = socket (AF_UNIX, SOCK_STREAM, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (strlen (sock), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, sock);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  assert_not_regular (sock);
  close (fd);

  /* A symbolic link to a FIFO is a FIFO. */
  {
    g_autofree char *link = g_build_filename (f->dir, "link", NULL);
    g_assert_cmpint (symlink (fifo, link), ==, 0);
    assert_not_regular (link);
  }
}

/* A huge file is refused after the limit and one byte, never read whole. */
static void
test_oversized (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "besar.pdf", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint64 before, after;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 256 * 1024 * 1024), ==, 0);  /* sparse */
  close (fd);

  before = bytes_read_so_far ();
  g_assert_false (ranah_file_read_limited (path, 2 * 1024 * 1024, &bytes, &error));
  after = bytes_read_so_far ();
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_assert_true (g_str_has_suffix (error->message, "is larger than 2 MB."));
  g_assert_null (bytes);
  if (before == 0 && after == 0)
    g_test_message ("no /proc/self/io: cannot count the bytes read");
  else
    g_assert_cmpuint (after - before, <=, 2 * 1024 * 1024 + 65536);
}

static void
test_fd (void)
{
  int fds[2];
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* Standard input may be a pipe: it is read, up to its limit. */
  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], "abcdef", 6), ==, 6);
  close (fds[1]);
  g_assert_false (ranah_file_read_fd_limited (fds[0], "standard input", 5, &bytes, &error));
  g_assert_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, ==, "“standard input” is larger than 5 bytes.");
  close (fds[0]);
  g_clear_error (&error);

  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], "abcdef", 6), ==, 6);
  close (fds[1]);
  g_assert_true (ranah_file_read_fd_limited (fds[0], "standard input", 6, &bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 6);
  close (fds[0]);
}

/* A name with control or direction characters shows them written out. */
static void
test_shown_name (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "laporan\xe2\x80\xae" "fdp.exe", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (ranah_file_read_limited (path, 10, &bytes, &error));
  g_assert_null (strstr (error->message, "\xe2\x80\xae"));
  g_assert_nonnull (strstr (error->message, "<U+202E>"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ranah/core/file/regular", Fixture, NULL, fixture_set_up, test_regular,
              fixture_tear_down);
  g_test_add ("/ranah/core/file/missing", Fixture, NULL, fixture_set_up, test_missing,
              fixture_tear_down);
  g_test_add ("/ranah/core/file/not-regular-refused-at-once", Fixture, NULL, fixture_set_up,
              test_not_regular, fixture_tear_down);
  g_test_add ("/ranah/core/file/oversized-read-to-limit-only", Fixture, NULL, fixture_set_up,
              test_oversized, fixture_tear_down);
  g_test_add_func ("/ranah/core/file/descriptor", test_fd);
  g_test_add ("/ranah/core/file/name-shown-safely", Fixture, NULL, fixture_set_up,
              test_shown_name, fixture_tear_down);

  return g_test_run ();
}
