/* ranah-task.c — running store work off the main loop
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's calls are synchronous and thread-safe; every page hands them to a GTask
 * thread through this one helper, so the window never waits on the disk or the network.
 */
#include <gtk/gtk.h>

#include "ranah-store-banner.h"
#include "ranah-task.h"

typedef struct
{
  RanahTaskFunc       func;
  gpointer            data;
  GDestroyNotify      data_free;
  GDestroyNotify      result_free;
  GAsyncReadyCallback callback;
  gpointer            user_data;
  GError             *error;       /* a copy for the store banner, read on the main loop */
} RunData;

static guint pending_runs;

static void
run_data_free (RunData *run)
{
  if (run->data_free != NULL && run->data != NULL)
    run->data_free (run->data);
  g_clear_error (&run->error);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *run = task_data;
  GError *error = NULL;
  gpointer result = run->func (run->data, cancellable, &error);

  if (result == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "no result");
      run->error = g_error_copy (error);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, run->result_free);
}

static void
run_done (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  RunData *run = g_task_get_task_data (G_TASK (result));

  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  g_assert (pending_runs > 0);
  pending_runs--;
  /* A widget destroyed while its work ran gets no answer: its children are gone. */
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable)
      && g_object_get_data (G_OBJECT (cancellable), "ranah-widget") != NULL)
    return;
  /* The one place every page's failed store call passes: an unreachable store shows the
   * window's banner, which retries, instead of leaving the view silently empty. */
  if (run->error != NULL && GTK_IS_WIDGET (source_object))
    ranah_store_banner_notice (GTK_WIDGET (source_object), run->error);
  if (run->callback != NULL)
    run->callback (source_object, result, run->user_data);
}

void
ranah_task_run (gpointer             source_object,
                GCancellable        *cancellable,
                RanahTaskFunc        func,
                gpointer             data,
                GDestroyNotify       data_free,
                GDestroyNotify       result_free,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (func != NULL);

  run = g_new0 (RunData, 1);
  run->func = func;
  run->data = data;
  run->data_free = data_free;
  run->result_free = result_free;
  run->callback = callback;
  run->user_data = user_data;

  if (cancellable == NULL && GTK_IS_WIDGET (source_object))
    cancellable = ranah_task_cancellable_for (source_object);

  pending_runs++;
  task = g_task_new (source_object, cancellable, run_done, NULL);
  g_task_set_source_tag (task, ranah_task_run);
  g_task_set_task_data (task, run, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

GCancellable *
ranah_task_cancellable_for (gpointer widget)
{
  GCancellable *cancellable;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  cancellable = g_object_get_data (G_OBJECT (widget), "ranah-task-cancellable");
  if (cancellable == NULL)
    {
      cancellable = g_cancellable_new ();
      g_object_set_data (G_OBJECT (cancellable), "ranah-widget", GINT_TO_POINTER (TRUE));
      g_object_set_data_full (G_OBJECT (widget), "ranah-task-cancellable", cancellable,
                              g_object_unref);
      g_signal_connect_swapped (widget, "destroy", G_CALLBACK (g_cancellable_cancel), cancellable);
    }
  return cancellable;
}

gpointer
ranah_task_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
ranah_task_pending (void)
{
  return pending_runs;
}

void
ranah_task_wait_idle (void)
{
  /* A result's callback may start more work: wait until nothing is left either way. */
  do
    {
      while (pending_runs > 0)
        g_main_context_iteration (NULL, TRUE);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
  while (pending_runs > 0);
}
