/* ranah-cli-json.h — a small JSON writer for ranah-cli's --json output
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ranah-cli writes JSON but never reads it, so a writer with proper string escaping is all
 * it needs (json-glib is not a dependency). Calls must nest properly; keys only inside
 * objects.
 */
#pragma once

#include <glib.h>

#include "ranah-core.h"

G_BEGIN_DECLS

typedef struct _RanahCliJson RanahCliJson;

RanahCliJson *ranah_cli_json_new           (void);
void       ranah_cli_json_free          (RanahCliJson *json);
/* The document so far; complete once every object and array is closed. */
const char *ranah_cli_json_get_text     (RanahCliJson *json);

void       ranah_cli_json_begin_object  (RanahCliJson *json);
void       ranah_cli_json_end_object    (RanahCliJson *json);
void       ranah_cli_json_begin_array   (RanahCliJson *json);
void       ranah_cli_json_end_array     (RanahCliJson *json);
void       ranah_cli_json_key           (RanahCliJson *json, const char *key);
void       ranah_cli_json_string        (RanahCliJson *json, const char *value); /* NULL = null */
void       ranah_cli_json_int           (RanahCliJson *json, gint64 value);
void       ranah_cli_json_double        (RanahCliJson *json, double value);
void       ranah_cli_json_bool          (RanahCliJson *json, gboolean value);
void       ranah_cli_json_null          (RanahCliJson *json);

void       ranah_cli_json_member_string (RanahCliJson *json, const char *key, const char *value);
void       ranah_cli_json_member_int    (RanahCliJson *json, const char *key, gint64 value);
void       ranah_cli_json_member_double (RanahCliJson *json, const char *key, double value);
void       ranah_cli_json_member_bool   (RanahCliJson *json, const char *key, gboolean value);
/* A Unix time as an ISO 8601 UTC string, null for 0. */
void       ranah_cli_json_member_time   (RanahCliJson *json, const char *key, gint64 when);
void       ranah_cli_json_member_strv   (RanahCliJson *json, const char *key, const char * const *strv);

/* Appends @value as a quoted JSON string (RFC 8259 escapes; invalid UTF-8 replaced). */
void       ranah_cli_json_escape        (GString *out, const char *value);

/* The records Ranah keeps, as objects. */
void       ranah_cli_json_user          (RanahCliJson *json, const RanahUser *user);
void       ranah_cli_json_opd           (RanahCliJson *json, const RanahOpd *opd);
void       ranah_cli_json_record        (RanahCliJson *json, const RanahRecord *record);
/* A request with its clock at @now by @calendar as it is (ranah_escalation_clock ()):
 * "due_at", "overdue", "used", "clock_started" and "received_at" are computed, never the
 * store's cached due time; null (false) without a calendar. */
void       ranah_cli_json_request       (RanahCliJson *json, const RanahRequest *request,
                                         RanahCalendar *calendar, gint64 now);
/* "due_at": the due time of the step it handed over, by @calendar as it is
 * (ranah_escalation_disposition_due ()); null without a calendar. */
void       ranah_cli_json_disposition   (RanahCliJson *json, const RanahDisposition *disposition,
                                         RanahCalendar *calendar);
void       ranah_cli_json_entry         (RanahCliJson *json, const RanahEntry *entry);
void       ranah_cli_json_letter        (RanahCliJson *json, const RanahLetter *letter);
void       ranah_cli_json_event         (RanahCliJson *json, const RanahEvent *event);
void       ranah_cli_json_holiday       (RanahCliJson *json, const RanahHoliday *holiday);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RanahCliJson, ranah_cli_json_free)

G_END_DECLS
