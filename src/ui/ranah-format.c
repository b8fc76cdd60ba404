/* ranah-format.c — how times, waits, people and errors read in the window
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ranah-format.h"
#include "ranah-store.h"

char *
ranah_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time <= 0)
    return g_strdup ("—");
  dt = g_date_time_new_from_unix_local (unix_time);
  /* Translators: a date and time, see the strftime manual */
  return g_date_time_format (dt, _("%e %b %Y, %H:%M"));
}

char *
ranah_format_date (const char *iso_date)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup ("—");
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return g_strdup (iso_date);
  /* Translators: a date, see the strftime manual */
  return g_date_time_format (dt, _("%e %b %Y"));
}

char *
ranah_format_days (double working_days)
{
  if (working_days < 1.0 / 24.0)
    return g_strdup (_("under an hour"));
  if (working_days < 1.0)
    {
      guint hours = (guint) (working_days * 24.0 + 0.5);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
    }
  return g_strdup_printf (_("%.1f working days"), working_days);
}

/* Office time spent: hours within a working day, else working days. */
static char *
format_spent (gint64 office_seconds,
              double working_days)
{
  if (working_days < 1.0)
    {
      guint hours = (guint) ((office_seconds + 1800) / 3600);

      if (office_seconds < 3600)
        return g_strdup (_("under an hour"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
    }
  return g_strdup_printf (_("%.1f working days"), working_days);
}

char *
ranah_format_wait (RanahCalendar *calendar,
                   gint64         since,
                   gint64         until,
                   guint          standard_days,
                   gboolean      *late)
{
  double days;
  g_autofree char *spent = NULL;

  if (calendar == NULL)
    {
      days = MAX (0.0, (double) (until - since) / 86400.0);
      if (late != NULL)
        *late = standard_days > 0 && days > (double) standard_days;
      spent = ranah_format_days (days);
    }
  else
    {
      days = ranah_calendar_working_days (calendar, since, until);
      if (late != NULL)
        *late = standard_days > 0
                && until > ranah_calendar_add_working_days (calendar, since, standard_days);
      spent = format_spent (ranah_calendar_working_seconds (calendar, since, until), days);
    }
  if (standard_days == 0)
    return g_steal_pointer (&spent);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %u working day",
                                       "%s of %u working days", standard_days),
                          spent, standard_days);
}

char *
ranah_format_clock (const RanahClock *clock)
{
  g_autofree char *spent = NULL;
  g_autofree char *against = NULL;
  int percent;

  g_return_val_if_fail (clock != NULL, NULL);

  spent = format_spent (clock->waited_seconds, clock->waited_days);
  if (clock->standard_days == 0 || clock->due_at == 0)
    return g_steal_pointer (&spent);
  against = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %u working day",
                                          "%s of %u working days", clock->standard_days),
                             spent, clock->standard_days);
  percent = (int) (clock->used * 100.0 + 0.5);
  /* Translators: the share of a step's standard its wait has used, after the wait */
  return g_strdup_printf (_("%s · %d%% used"), against, percent);
}

char *
ranah_format_due (const RanahClock *clock,
                  gint64            now)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (clock != NULL, NULL);

  if (clock->standard_days == 0 || clock->due_at == 0)
    return NULL;
  /* Without the blank a one-digit day leaves ("%e"), in the middle of a sentence. */
  when = g_strstrip (ranah_format_time (clock->due_at));
  if (now >= clock->due_at)
    return g_strdup_printf (_("was due %s"), when);
  return g_strdup_printf (_("due %s"), when);
}

char *
ranah_format_user (const RanahUser *user)
{
  if (user == NULL)
    return g_strdup ("—");
  return g_strdup_printf ("%s (%s)", user->full_name && *user->full_name ? user->full_name
                                                                        : user->username,
                          ranah_role_title (user->role));
}

const char *
ranah_error_sentence (const GError *error)
{
  if (error == NULL)
    return "";
  if (error->domain == RANAH_STORE_ERROR && error->code == RANAH_STORE_ERROR_CONFLICT)
    return error->message && *error->message
           ? error->message : _("Someone else changed this request first; it has been reloaded.");
  return error->message;
}

char *
ranah_format_records (GPtrArray *records)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      RanahRecord *record = g_ptr_array_index (records, i);
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s %s%s%s", ranah_record_type_to_string (record->type),
                              record->host && *record->host && !g_str_equal (record->host, "@")
                              ? record->host : "",
                              record->host && *record->host && !g_str_equal (record->host, "@")
                              ? " → " : "",
                              record->target);
    }
  return g_string_free (out, FALSE);
}
