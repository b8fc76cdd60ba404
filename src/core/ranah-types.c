/* ranah-types.c — stable nicks and labels of the SOP vocabulary
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "ranah-types.h"

static const char *role_nicks[] = { "none", "opd", "kadis", "kabid", "subkoor", "staf", "admin" };
static const char *role_titles[] = {
  "-", "Kepala OPD Pemohon", "Kepala Dinas", "Kepala Bidang", "Sub Koordinator", "Staf",
  "Administrator",
};
static const char *state_nicks[] = {
  "none", "submitted", "at_kabid", "at_subkoor", "at_staf", "created", "drafting", "drafted",
  "reviewed", "sent", "done", "withdrawn",
};
static const char *state_labels[] = {
  N_("New"),
  N_("Waiting for Kepala Dinas"),
  N_("Disposed to Kepala Bidang"),
  N_("Disposed to Sub Koordinator"),
  N_("Disposed to Staff"),
  N_("Subdomain created"),
  N_("Waiting for the draft letter"),
  N_("Draft letter under review"),
  N_("Waiting for signature"),
  N_("Letter sent"),
  N_("Done"),
  N_("Withdrawn"),
};
static const char *action_nicks[] = {
  "none", "submit", "dispose-to-kabid", "dispose-to-subkoor", "dispose-to-staf", "create",
  "report", "draft", "review", "sign", "receive", "return-draft", "decline", "withdraw",
  "recall-disposition",
};
static const char *action_labels[] = {
  N_("None"),
  N_("Submit request"),
  N_("Dispose to Kepala Bidang"),
  N_("Dispose to Sub Koordinator"),
  N_("Dispose to Staff"),
  N_("Mark subdomain created"),
  N_("Report creation"),
  N_("Update registry and draft letter"),
  N_("Approve draft for signature"),
  N_("Sign and send letter"),
  N_("Confirm letter received"),
  N_("Return draft for revision"),
  N_("Decline request"),
  N_("Withdraw request"),
  N_("Recall disposition"),
};
static const char *output_nicks[] = {
  "none", "request-letter", "disposition", "created-records", "creation-report",
  "registry-and-draft", "draft-letter", "refusal", "reviewed-draft", "signed-letter", "receipt",
  "note",
};
static const char *output_labels[] = {
  "-", "Surat Permohonan", "Surat Disposisi", "Pembuatan Subdomain",
  "Laporan pembuatan subdomain", "Daftar subdomain terbaru dan konsep Surat Tanggapan",
  "Konsep Surat Tanggapan", "Alasan penolakan", "Surat Tanggapan atas Permohonan Pembuatan Subdomain",
  "Surat Tanggapan terkirim", "Surat Tanggapan diterima", "Catatan",
};
static const char *outcome_nicks[] = { "pending", "approved", "refused" };
static const char *urgency_nicks[] = { "biasa", "segera", "sangat-segera" };
static const char *urgency_labels[] = { "Biasa", "Segera", "Sangat Segera" };
static const char *record_type_nicks[] = { "A", "AAAA", "CNAME", "TXT", "MX" };
static const char *entry_status_nicks[] = { "active", "suspended", "revoked" };

G_STATIC_ASSERT (G_N_ELEMENTS (role_nicks) == RANAH_N_ROLES);
G_STATIC_ASSERT (G_N_ELEMENTS (role_titles) == RANAH_N_ROLES);
G_STATIC_ASSERT (G_N_ELEMENTS (state_nicks) == RANAH_N_STATES);
G_STATIC_ASSERT (G_N_ELEMENTS (state_labels) == RANAH_N_STATES);
G_STATIC_ASSERT (G_N_ELEMENTS (action_nicks) == RANAH_N_ACTIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (action_labels) == RANAH_N_ACTIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (output_nicks) == RANAH_N_OUTPUTS);
G_STATIC_ASSERT (G_N_ELEMENTS (output_labels) == RANAH_N_OUTPUTS);
G_STATIC_ASSERT (G_N_ELEMENTS (record_type_nicks) == RANAH_N_RECORD_TYPES);

static int
nick_index (const char *const *nicks,
            guint              n,
            const char        *nick,
            gboolean           ignore_case)
{
  if (nick == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    if (ignore_case ? g_ascii_strcasecmp (nicks[i], nick) == 0 : g_str_equal (nicks[i], nick))
      return (int) i;
  return -1;
}

#define TO_STRING(table, value) \
  ((guint) (value) < G_N_ELEMENTS (table) ? table[(value)] : NULL)

const char *
ranah_role_to_string (RanahRole role)
{
  return TO_STRING (role_nicks, role);
}

RanahRole
ranah_role_from_string (const char *nick)
{
  int i = nick_index (role_nicks, G_N_ELEMENTS (role_nicks), nick, TRUE);
  return i < 0 ? RANAH_ROLE_NONE : (RanahRole) i;
}

const char *
ranah_role_title (RanahRole role)
{
  return TO_STRING (role_titles, role);
}

const char *
ranah_state_to_string (RanahState state)
{
  return TO_STRING (state_nicks, state);
}

RanahState
ranah_state_from_string (const char *nick)
{
  int i = nick_index (state_nicks, G_N_ELEMENTS (state_nicks), nick, FALSE);
  return i < 0 ? RANAH_STATE_NONE : (RanahState) i;
}

const char *
ranah_state_label (RanahState state)
{
  const char *label = TO_STRING (state_labels, state);
  return label != NULL ? _(label) : NULL;
}

gboolean
ranah_state_is_open (RanahState state)
{
  return state != RANAH_STATE_NONE && state != RANAH_STATE_DONE
         && state != RANAH_STATE_WITHDRAWN && state < RANAH_N_STATES;
}

const char *
ranah_action_to_string (RanahAction action)
{
  return TO_STRING (action_nicks, action);
}

RanahAction
ranah_action_from_string (const char *nick)
{
  int i = nick_index (action_nicks, G_N_ELEMENTS (action_nicks), nick, FALSE);
  return i < 0 ? RANAH_ACTION_NONE : (RanahAction) i;
}

const char *
ranah_action_label (RanahAction action)
{
  const char *label = TO_STRING (action_labels, action);
  return label != NULL ? _(label) : NULL;
}

const char *
ranah_output_to_string (RanahOutput output)
{
  return TO_STRING (output_nicks, output);
}

const char *
ranah_output_label (RanahOutput output)
{
  return TO_STRING (output_labels, output);
}

const char *
ranah_outcome_to_string (RanahOutcome outcome)
{
  return TO_STRING (outcome_nicks, outcome);
}

RanahOutcome
ranah_outcome_from_string (const char *nick)
{
  int i = nick_index (outcome_nicks, G_N_ELEMENTS (outcome_nicks), nick, FALSE);
  return i < 0 ? RANAH_OUTCOME_PENDING : (RanahOutcome) i;
}

const char *
ranah_urgency_to_string (RanahUrgency urgency)
{
  return TO_STRING (urgency_nicks, urgency);
}

RanahUrgency
ranah_urgency_from_string (const char *nick,
                           gboolean   *ok)
{
  int i = nick_index (urgency_nicks, G_N_ELEMENTS (urgency_nicks), nick, TRUE);
  if (ok != NULL)
    *ok = i >= 0;
  return i < 0 ? RANAH_URGENCY_BIASA : (RanahUrgency) i;
}

const char *
ranah_urgency_label (RanahUrgency urgency)
{
  return TO_STRING (urgency_labels, urgency);
}

const char *
ranah_record_type_to_string (RanahRecordType type)
{
  return TO_STRING (record_type_nicks, type);
}

gboolean
ranah_record_type_from_string (const char      *nick,
                               RanahRecordType *out)
{
  int i = nick_index (record_type_nicks, G_N_ELEMENTS (record_type_nicks), nick, TRUE);
  if (i >= 0 && out != NULL)
    *out = (RanahRecordType) i;
  return i >= 0;
}

const char *
ranah_entry_status_to_string (RanahEntryStatus status)
{
  return TO_STRING (entry_status_nicks, status);
}

gboolean
ranah_entry_status_from_string (const char       *nick,
                                RanahEntryStatus *out)
{
  int i = nick_index (entry_status_nicks, G_N_ELEMENTS (entry_status_nicks), nick, TRUE);
  if (i >= 0 && out != NULL)
    *out = (RanahEntryStatus) i;
  return i >= 0;
}

static const RanahInstruction instructions[] = {
  { "tindaklanjuti", "Untuk ditindaklanjuti" },
  { "proses", "Proses sesuai ketentuan" },
  { "koordinasikan", "Koordinasikan" },
  { "laporkan", "Laporkan hasilnya" },
  { "pelajari", "Pelajari dan telaah" },
  { "siapkan-jawaban", "Siapkan jawaban" },
  { "arsipkan", "Untuk diarsipkan" },
  { "diketahui", "Untuk diketahui" },
};

const RanahInstruction *
ranah_instructions (guint *n_instructions)
{
  g_return_val_if_fail (n_instructions != NULL, NULL);
  *n_instructions = G_N_ELEMENTS (instructions);
  return instructions;
}

const char *
ranah_instruction_text (const char *nick)
{
  g_return_val_if_fail (nick != NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (instructions); i++)
    if (g_str_equal (instructions[i].nick, nick))
      return instructions[i].text;
  return NULL;
}
