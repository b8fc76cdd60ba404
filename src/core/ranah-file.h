/* ranah-file.h — reading a file someone named: regular files only, never more than a limit
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file argument of ranah-cli (a scanned letter, a CSV to import, a PDF to verify…)
 * is read through ranah_file_read_limited(): the path is opened without blocking
 * (O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY), so that a FIFO nobody writes to cannot
 * hang the command; anything but a regular file (a FIFO, a device such as /dev/zero, a
 * folder, a socket) is refused at once; and at most @limit + 1 bytes are read, so that an
 * oversized file is refused after that many bytes instead of being read whole.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The contents of the regular file @path, at most @limit bytes, in *@bytes. FALSE with
 * RANAH_CORE_ERROR_VALIDATION when @path is not a regular file ("… is not a regular
 * file.") or holds more than @limit bytes ("… is larger than N MB."), or with a
 * G_FILE_ERROR when it cannot be opened or read (G_FILE_ERROR_NOENT when it is missing). */
gboolean ranah_file_read_limited (const char  *path,
                                  gsize        limit,
                                  GBytes     **bytes,
                                  GError     **error);

/* The same for an open descriptor (standard input, "-"), which may be a pipe: at most
 * @limit bytes; @name (e.g. "standard input") is what the messages call it. */
gboolean ranah_file_read_fd_limited (int          fd,
                                     const char  *name,
                                     gsize        limit,
                                     GBytes     **bytes,
                                     GError     **error);

G_END_DECLS
