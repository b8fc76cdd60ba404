/* ranah-cli-json.c — a small JSON writer for ranah-cli's --json output
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "ranah-cli-json.h"
#include "ranah-escalation.h"

struct _RanahCliJson
{
  GString *out;
  GArray  *first;       /* per open container: nothing written in it yet */
  gboolean after_key;   /* the next value belongs to a key just written */
};

RanahCliJson *
ranah_cli_json_new (void)
{
  RanahCliJson *json = g_new0 (RanahCliJson, 1);

  json->out = g_string_new (NULL);
  json->first = g_array_new (FALSE, FALSE, sizeof (gboolean));
  return json;
}

void
ranah_cli_json_free (RanahCliJson *json)
{
  if (json == NULL)
    return;
  g_string_free (json->out, TRUE);
  g_array_unref (json->first);
  g_free (json);
}

const char *
ranah_cli_json_get_text (RanahCliJson *json)
{
  g_return_val_if_fail (json != NULL, NULL);
  return json->out->str;
}

void
ranah_cli_json_escape (GString    *out,
                   const char *value)
{
  const char *p = value;
  const char *end = value + strlen (value);

  g_string_append_c (out, '"');
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* A byte that is not UTF-8: keep the document valid rather than fail. */
          g_string_append (out, "\\ufffd");
          p++;
          continue;
        }
      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          /* Control characters, the two separators JavaScript cannot hold in a string
           * literal, and the characters that change the text direction (which would
           * reorder the document on a terminal) are written as escapes. */
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
              || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
              || c == 0x200e || c == 0x200f || c == 0x061c)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_unichar (out, c);
          break;
        }
      p = g_utf8_next_char (p);
    }
  g_string_append_c (out, '"');
}

static void
before_value (RanahCliJson *json)
{
  if (json->after_key)
    {
      json->after_key = FALSE;
      return;
    }
  if (json->first->len > 0)
    {
      gboolean *first = &g_array_index (json->first, gboolean, json->first->len - 1);
      if (!*first)
        g_string_append_c (json->out, ',');
      *first = FALSE;
    }
}

static void
open_container (RanahCliJson *json,
                char       c)
{
  gboolean first = TRUE;

  before_value (json);
  g_string_append_c (json->out, c);
  g_array_append_val (json->first, first);
}

static void
close_container (RanahCliJson *json,
                 char       c)
{
  g_return_if_fail (json->first->len > 0);
  g_array_set_size (json->first, json->first->len - 1);
  g_string_append_c (json->out, c);
  if (json->first->len == 0)
    g_string_append_c (json->out, '\n');
}

void
ranah_cli_json_begin_object (RanahCliJson *json)
{
  open_container (json, '{');
}

void
ranah_cli_json_end_object (RanahCliJson *json)
{
  close_container (json, '}');
}

void
ranah_cli_json_begin_array (RanahCliJson *json)
{
  open_container (json, '[');
}

void
ranah_cli_json_end_array (RanahCliJson *json)
{
  close_container (json, ']');
}

void
ranah_cli_json_key (RanahCliJson  *json,
                const char *key)
{
  g_return_if_fail (key != NULL);
  before_value (json);
  ranah_cli_json_escape (json->out, key);
  g_string_append_c (json->out, ':');
  json->after_key = TRUE;
}

void
ranah_cli_json_string (RanahCliJson  *json,
                   const char *value)
{
  if (value == NULL)
    {
      ranah_cli_json_null (json);
      return;
    }
  before_value (json);
  ranah_cli_json_escape (json->out, value);
}

void
ranah_cli_json_int (RanahCliJson *json,
                gint64     value)
{
  before_value (json);
  g_string_append_printf (json->out, "%" G_GINT64_FORMAT, value);
}

void
ranah_cli_json_double (RanahCliJson *json,
                   double     value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      ranah_cli_json_null (json);
      return;
    }
  before_value (json);
  g_string_append (json->out, g_ascii_formatd (buf, sizeof buf, "%.3f", value));
}

void
ranah_cli_json_bool (RanahCliJson *json,
                 gboolean   value)
{
  before_value (json);
  g_string_append (json->out, value ? "true" : "false");
}

void
ranah_cli_json_null (RanahCliJson *json)
{
  before_value (json);
  g_string_append (json->out, "null");
}

void
ranah_cli_json_member_string (RanahCliJson  *json,
                          const char *key,
                          const char *value)
{
  ranah_cli_json_key (json, key);
  ranah_cli_json_string (json, value);
}

void
ranah_cli_json_member_int (RanahCliJson  *json,
                       const char *key,
                       gint64      value)
{
  ranah_cli_json_key (json, key);
  ranah_cli_json_int (json, value);
}

void
ranah_cli_json_member_double (RanahCliJson  *json,
                          const char *key,
                          double      value)
{
  ranah_cli_json_key (json, key);
  ranah_cli_json_double (json, value);
}

void
ranah_cli_json_member_bool (RanahCliJson  *json,
                        const char *key,
                        gboolean    value)
{
  ranah_cli_json_key (json, key);
  ranah_cli_json_bool (json, value);
}

void
ranah_cli_json_member_time (RanahCliJson  *json,
                        const char *key,
                        gint64      when)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  ranah_cli_json_key (json, key);
  if (when == 0 || (dt = g_date_time_new_from_unix_utc (when)) == NULL)
    {
      ranah_cli_json_null (json);
      return;
    }
  text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
  ranah_cli_json_string (json, text);
}

void
ranah_cli_json_member_strv (RanahCliJson          *json,
                        const char         *key,
                        const char * const *strv)
{
  ranah_cli_json_key (json, key);
  ranah_cli_json_begin_array (json);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    ranah_cli_json_string (json, strv[i]);
  ranah_cli_json_end_array (json);
}

void
ranah_cli_json_user (RanahCliJson       *json,
                 const RanahUser *user)
{
  ranah_cli_json_begin_object (json);
  ranah_cli_json_member_int (json, "id", user->id);
  ranah_cli_json_member_string (json, "username", user->username);
  ranah_cli_json_member_string (json, "full_name", user->full_name);
  ranah_cli_json_member_string (json, "role", ranah_role_to_string (user->role));
  ranah_cli_json_member_int (json, "opd_id", user->opd_id);
  ranah_cli_json_member_string (json, "nip", user->nip);
  ranah_cli_json_member_string (json, "position", user->position);
  ranah_cli_json_member_string (json, "rank", user->rank);
  ranah_cli_json_member_string (json, "email", user->email);
  ranah_cli_json_member_bool (json, "active", user->active);
  ranah_cli_json_end_object (json);
}

void
ranah_cli_json_opd (RanahCliJson      *json,
                const RanahOpd *opd)
{
  ranah_cli_json_begin_object (json);
  ranah_cli_json_member_int (json, "id", opd->id);
  ranah_cli_json_member_string (json, "code", opd->code);
  ranah_cli_json_member_string (json, "name", opd->name);
  ranah_cli_json_member_string (json, "head_title", opd->head_title);
  ranah_cli_json_member_string (json, "address", opd->address);
  ranah_cli_json_member_string (json, "email", opd->email);
  ranah_cli_json_member_bool (json, "active", opd->active);
  ranah_cli_json_end_object (json);
}

void
ranah_cli_json_record (RanahCliJson         *json,
                   const RanahRecord *record)
{
  ranah_cli_json_begin_object (json);
  ranah_cli_json_member_int (json, "id", record->id);
  ranah_cli_json_member_string (json, "type", ranah_record_type_to_string (record->type));
  ranah_cli_json_member_string (json, "host", record->host);
  ranah_cli_json_member_string (json, "target", record->target);
  ranah_cli_json_member_int (json, "ttl", record->ttl);
  if (record->type == RANAH_RECORD_MX)
    ranah_cli_json_member_int (json, "priority", record->priority);
  ranah_cli_json_member_bool (json, "internal", record->internal);
  ranah_cli_json_member_bool (json, "created", record->created);
  ranah_cli_json_member_string (json, "verified", record->verified);
  /* The proof that DNS serves it, null while there is none. */
  ranah_cli_json_key (json, "proof");
  if (record->proof_at != 0)
    {
      ranah_cli_json_begin_object (json);
      ranah_cli_json_member_string (json, "server", record->proof_server);
      ranah_cli_json_member_int (json, "serial", record->proof_serial);
      ranah_cli_json_member_string (json, "answer", record->proof_answer);
      ranah_cli_json_member_time (json, "at", record->proof_at);
      ranah_cli_json_member_bool (json, "matches", ranah_record_is_proven (record));
      ranah_cli_json_end_object (json);
    }
  else
    ranah_cli_json_null (json);
  ranah_cli_json_end_object (json);
}

static void
json_records (RanahCliJson *json,
              GPtrArray *records)
{
  ranah_cli_json_key (json, "records");
  ranah_cli_json_begin_array (json);
  for (guint i = 0; records != NULL && i < records->len; i++)
    ranah_cli_json_record (json, g_ptr_array_index (records, i));
  ranah_cli_json_end_array (json);
}

void
ranah_cli_json_request (RanahCliJson       *json,
                        const RanahRequest *request,
                        RanahCalendar      *calendar,
                        gint64              now)
{
  RanahClock clock = { 0 };
  gboolean timed = calendar != NULL
                   && ranah_escalation_clock (calendar, request, now, &clock);

  ranah_cli_json_begin_object (json);
  ranah_cli_json_member_int (json, "id", request->id);
  ranah_cli_json_member_int (json, "version", request->version);
  ranah_cli_json_member_string (json, "state", ranah_state_to_string (request->state));
  ranah_cli_json_member_string (json, "state_label", ranah_state_label (request->state));
  ranah_cli_json_member_int (json, "pending_step", ranah_workflow_pending_step (request->state));
  ranah_cli_json_member_string (json, "outcome", ranah_outcome_to_string (request->outcome));
  ranah_cli_json_member_int (json, "agenda_year", request->agenda_year);
  ranah_cli_json_member_int (json, "agenda_number", request->agenda_number);
  ranah_cli_json_member_int (json, "opd_id", request->opd_id);
  ranah_cli_json_member_string (json, "opd_name", request->opd_name);
  ranah_cli_json_member_string (json, "letter_number", request->letter_number);
  ranah_cli_json_member_string (json, "letter_date", request->letter_date);
  ranah_cli_json_member_string (json, "received_date", request->received_date);
  ranah_cli_json_member_time (json, "received_at",
                              calendar != NULL ? ranah_escalation_received_at (calendar, request)
                                               : request->received_at);
  ranah_cli_json_member_string (json, "hal", request->hal);
  ranah_cli_json_member_string (json, "classification", request->classification);
  ranah_cli_json_member_string (json, "sifat", request->sifat);
  ranah_cli_json_member_string (json, "name", request->name);
  ranah_cli_json_member_string (json, "fqdn", request->fqdn);
  ranah_cli_json_member_string (json, "purpose", request->purpose);
  ranah_cli_json_member_string (json, "contact_name", request->contact_name);
  ranah_cli_json_member_string (json, "contact_phone", request->contact_phone);
  ranah_cli_json_member_string (json, "contact_email", request->contact_email);
  json_records (json, request->records);
  ranah_cli_json_member_string (json, "attachment_sha256", request->attachment_sha256);
  ranah_cli_json_member_int (json, "attachment_size", request->attachment_size);
  ranah_cli_json_member_int (json, "created_by", request->created_by);
  ranah_cli_json_member_int (json, "assignee_id", request->assignee_id);
  ranah_cli_json_member_string (json, "assignee_name", request->assignee_name);
  ranah_cli_json_member_time (json, "state_since", request->state_since);
  /* The clock by the calendar as it is now; the stored due_at is a cache never shown. */
  ranah_cli_json_member_time (json, "clock_started", clock.started);
  ranah_cli_json_member_time (json, "due_at", timed ? clock.due_at : 0);
  ranah_cli_json_member_bool (json, "overdue", timed && clock.overdue);
  if (timed)
    ranah_cli_json_member_double (json, "used", clock.used);
  else
    {
      ranah_cli_json_key (json, "used");
      ranah_cli_json_null (json);
    }
  ranah_cli_json_member_time (json, "created_at", request->created_at);
  ranah_cli_json_member_string (json, "note", request->note);
  ranah_cli_json_end_object (json);
}

void
ranah_cli_json_disposition (RanahCliJson           *json,
                            const RanahDisposition *d,
                            RanahCalendar          *calendar)
{
  ranah_cli_json_begin_object (json);
  ranah_cli_json_member_int (json, "id", d->id);
  ranah_cli_json_member_int (json, "request_id", d->request_id);
  ranah_cli_json_member_int (json, "step", d->step);
  ranah_cli_json_member_int (json, "from_user_id", d->from_user_id);
  ranah_cli_json_member_string (json, "from_name", d->from_name);
  ranah_cli_json_member_string (json, "from_role", ranah_role_to_string (d->from_role));
  ranah_cli_json_member_int (json, "to_user_id", d->to_user_id);
  ranah_cli_json_member_string (json, "to_name", d->to_name);
  ranah_cli_json_member_string (json, "to_role", ranah_role_to_string (d->to_role));
  ranah_cli_json_member_strv (json, "instructions", (const char * const *) d->instructions);
  ranah_cli_json_member_string (json, "note", d->note);
  ranah_cli_json_member_string (json, "urgency", ranah_urgency_to_string (d->urgency));
  ranah_cli_json_member_time (json, "due_at", calendar != NULL
                                             ? ranah_escalation_disposition_due (calendar, d)
                                             : 0);
  ranah_cli_json_member_time (json, "created_at", d->created_at);
  ranah_cli_json_member_time (json, "read_at", d->read_at);
  ranah_cli_json_member_bool (json, "recalled", d->recalled);
  ranah_cli_json_end_object (json);
}

void
ranah_cli_json_entry (RanahCliJson        *json,
                  const RanahEntry *entry)
{
  ranah_cli_json_begin_object (json);
  ranah_cli_json_member_int (json, "id", entry->id);
  ranah_cli_json_member_int (json, "version", entry->version);
  ranah_cli_json_member_string (json, "name", entry->name);
  ranah_cli_json_member_string (json, "fqdn", entry->fqdn);
  ranah_cli_json_member_int (json, "opd_id", entry->opd_id);
  ranah_cli_json_member_string (json, "opd_name", entry->opd_name);
  ranah_cli_json_member_string (json, "purpose", entry->purpose);
  json_records (json, entry->records);
  ranah_cli_json_member_string (json, "contact_name", entry->contact_name);
  ranah_cli_json_member_string (json, "contact_phone", entry->contact_phone);
  ranah_cli_json_member_string (json, "contact_email", entry->contact_email);
  ranah_cli_json_member_string (json, "status", ranah_entry_status_to_string (entry->status));
  ranah_cli_json_member_string (json, "activated_on", entry->activated_on);
  ranah_cli_json_member_int (json, "request_id", entry->request_id);
  ranah_cli_json_member_time (json, "last_check_at", entry->last_check_at);
  ranah_cli_json_member_string (json, "last_check", entry->last_check);
  /* null while never checked: not passing, but not failing either */
  ranah_cli_json_key (json, "last_check_ok");
  if (entry->last_check_at == 0)
    ranah_cli_json_null (json);
  else
    ranah_cli_json_bool (json, entry->last_check_ok);
  ranah_cli_json_end_object (json);
}

void
ranah_cli_json_letter (RanahCliJson         *json,
                   const RanahLetter *letter)
{
  ranah_cli_json_begin_object (json);
  ranah_cli_json_member_int (json, "id", letter->id);
  ranah_cli_json_member_int (json, "request_id", letter->request_id);
  ranah_cli_json_member_string (json, "kind", ranah_outcome_to_string (letter->kind));
  ranah_cli_json_member_string (json, "state",
                            letter->state == RANAH_LETTER_SIGNED ? "signed" : "draft");
  ranah_cli_json_member_string (json, "number", letter->number);
  ranah_cli_json_member_string (json, "sifat", letter->sifat);
  ranah_cli_json_member_string (json, "lampiran", letter->lampiran);
  ranah_cli_json_member_string (json, "hal", letter->hal);
  ranah_cli_json_member_string (json, "body", letter->body);
  ranah_cli_json_member_strv (json, "tembusan", (const char * const *) letter->tembusan);
  ranah_cli_json_member_string (json, "letter_date", letter->letter_date);
  ranah_cli_json_member_string (json, "verification_code", letter->verification_code);
  ranah_cli_json_member_string (json, "pdf_sha256", letter->pdf_sha256);
  ranah_cli_json_member_int (json, "signed_by", letter->signed_by);
  ranah_cli_json_member_time (json, "signed_at", letter->signed_at);
  ranah_cli_json_member_int (json, "revision", letter->revision);
  ranah_cli_json_end_object (json);
}

void
ranah_cli_json_event (RanahCliJson        *json,
                  const RanahEvent *event)
{
  ranah_cli_json_begin_object (json);
  ranah_cli_json_member_int (json, "seq", event->seq);
  ranah_cli_json_member_time (json, "at", event->at);
  ranah_cli_json_member_int (json, "user_id", event->user_id);
  ranah_cli_json_member_string (json, "username", event->username);
  ranah_cli_json_member_int (json, "request_id", event->request_id);
  ranah_cli_json_member_int (json, "step", event->step);
  ranah_cli_json_member_string (json, "action", event->action);
  ranah_cli_json_member_string (json, "from_state", event->from_state);
  ranah_cli_json_member_string (json, "to_state", event->to_state);
  ranah_cli_json_member_string (json, "note", event->note);
  ranah_cli_json_member_string (json, "prev_hash", event->prev_hash);
  ranah_cli_json_member_string (json, "hash", event->hash);
  ranah_cli_json_end_object (json);
}

void
ranah_cli_json_holiday (RanahCliJson          *json,
                    const RanahHoliday *holiday)
{
  ranah_cli_json_begin_object (json);
  ranah_cli_json_member_string (json, "date", holiday->date);
  ranah_cli_json_member_string (json, "name", holiday->name);
  ranah_cli_json_member_bool (json, "cuti_bersama", holiday->cuti_bersama);
  ranah_cli_json_end_object (json);
}
