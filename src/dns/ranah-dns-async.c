/* ranah-dns-async.c — the _async/_finish pairs: the synchronous calls run in a GTask
 * thread, for the UI
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ranah-dns-private.h"

typedef RanahDnsResult *(*ResultFunc) (RanahDnsServer *server,
                                       const char     *fqdn,
                                       GPtrArray      *records,
                                       GError        **error);

typedef struct {
  RanahDnsServer *server;
  ResultFunc      func;      /* remove or restore */
  char           *fqdn;
  GPtrArray      *records;   /* a copy: the caller may change its own meanwhile */
  GPtrArray      *entries;   /* a copy */
  RanahEntry     *entry;     /* a copy */
  RanahDnsCheckOptions options;
  char           *resolver;  /* options.resolver points here */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  ranah_dns_server_unref (job->server);
  g_free (job->fqdn);
  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_clear_pointer (&job->entries, g_ptr_array_unref);
  g_clear_pointer (&job->entry, ranah_entry_free);
  g_free (job->resolver);
  g_free (job);
}

static Job *
job_new (RanahDnsServer *server,
         const char     *fqdn,
         GPtrArray      *records,
         GPtrArray      *entries)
{
  Job *job = g_new0 (Job, 1);

  job->server = ranah_dns_server_ref (server);
  job->fqdn = g_strdup (fqdn);
  if (records != NULL)
    job->records = ranah_records_copy (records);
  if (entries != NULL)
    {
      job->entries = g_ptr_array_new_full (entries->len, (GDestroyNotify) ranah_entry_free);
      for (guint i = 0; i < entries->len; i++)
        g_ptr_array_add (job->entries, ranah_entry_copy (g_ptr_array_index (entries, i)));
    }
  return job;
}

static void
provision_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  RanahDnsResult *result;

  result = ranah_dns_provision (job->server, job->fqdn, job->records, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) ranah_dns_result_free);
}

static void
result_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  RanahDnsResult *result;

  result = job->func (job->server, job->fqdn, job->records, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) ranah_dns_result_free);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  RanahDnsResult *result;

  result = ranah_dns_verify (job->server, job->fqdn, job->records, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) ranah_dns_result_free);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  RanahDnsHealth *health;

  health = ranah_dns_check_entry (job->server, job->entry, &job->options, &error);
  if (health == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, health, (GDestroyNotify) ranah_dns_health_free);
}

static void
audit_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  RanahDnsAudit *audit;

  audit = ranah_dns_audit (job->server, job->entries, &error);
  if (audit == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, audit, (GDestroyNotify) ranah_dns_audit_free);
}

void
ranah_dns_provision_async (RanahDnsServer      *server,
                           const char          *fqdn,
                           GPtrArray           *records,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server != NULL);
  g_return_if_fail (fqdn != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ranah_dns_provision_async);
  /* Once the update is sent it is not taken back: cancelling only drops the result. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, job_new (server, fqdn, records, NULL), job_free);
  g_task_run_in_thread (task, provision_thread);
}

RanahDnsResult *
ranah_dns_provision_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ranah_dns_provision_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ranah_dns_verify_async (RanahDnsServer      *server,
                        const char          *fqdn,
                        GPtrArray           *records,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server != NULL);
  g_return_if_fail (fqdn != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ranah_dns_verify_async);
  g_task_set_task_data (task, job_new (server, fqdn, records, NULL), job_free);
  g_task_run_in_thread (task, verify_thread);
}

RanahDnsResult *
ranah_dns_verify_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ranah_dns_verify_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ranah_dns_audit_async (RanahDnsServer      *server,
                       GPtrArray           *entries,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ranah_dns_audit_async);
  g_task_set_task_data (task, job_new (server, NULL, NULL, entries), job_free);
  g_task_run_in_thread (task, audit_thread);
}

RanahDnsAudit *
ranah_dns_audit_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ranah_dns_audit_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ranah_dns_check_entry_async (RanahDnsServer             *server,
                             const RanahEntry           *entry,
                             const RanahDnsCheckOptions *options,
                             GCancellable               *cancellable,
                             GAsyncReadyCallback         callback,
                             gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (server != NULL);
  g_return_if_fail (entry != NULL);

  job = job_new (server, NULL, NULL, NULL);
  job->entry = ranah_entry_copy (entry);
  if (options != NULL)
    {
      job->options = *options;
      job->resolver = g_strdup (options->resolver);
      job->options.resolver = job->resolver;
    }
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ranah_dns_check_entry_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, check_thread);
}

RanahDnsHealth *
ranah_dns_check_entry_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ranah_dns_check_entry_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ranah_dns_remove_async (RanahDnsServer      *server,
                        const char          *fqdn,
                        GPtrArray           *records,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (server != NULL);
  g_return_if_fail (fqdn != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ranah_dns_remove_async);
  job = job_new (server, fqdn, records, NULL);
  job->func = ranah_dns_remove;
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, result_thread);
}

RanahDnsResult *
ranah_dns_remove_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ranah_dns_remove_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ranah_dns_restore_async (RanahDnsServer      *server,
                         const char          *fqdn,
                         GPtrArray           *records,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (server != NULL);
  g_return_if_fail (fqdn != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ranah_dns_restore_async);
  job = job_new (server, fqdn, records, NULL);
  job->func = ranah_dns_restore;
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, result_thread);
}

RanahDnsResult *
ranah_dns_restore_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ranah_dns_restore_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
