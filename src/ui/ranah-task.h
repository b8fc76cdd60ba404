/* ranah-task.h — running store work off the main loop
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs in a worker thread. Returns the result (owned; freed with the run's
 * @result_free if nobody takes it), or NULL with @error set. Work whose only result is
 * success returns GINT_TO_POINTER (TRUE). */
typedef gpointer (*RanahTaskFunc) (gpointer       data,
                                   GCancellable  *cancellable,
                                   GError       **error);

void     ranah_task_run     (gpointer             source_object,
                             GCancellable        *cancellable,
                             RanahTaskFunc        func,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             GDestroyNotify       result_free,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
/* Cancelled when @widget is destroyed; runs whose source is a widget use it, and their
 * callbacks are skipped once it is cancelled. */
GCancellable *ranah_task_cancellable_for (gpointer widget);
gpointer ranah_task_finish  (GAsyncResult        *result,
                             GError             **error);
/* How many runs have not yet delivered their result to the main loop: tests wait for 0. */
guint    ranah_task_pending (void);
/* Iterates the default main context until every run has delivered its result. */
void     ranah_task_wait_idle (void);

G_END_DECLS
