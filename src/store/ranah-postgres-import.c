/* ranah-postgres-import.c — moving an office up from SQLite to PostgreSQL; backups
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The copy runs as the schema owner in one transaction: rows keep their ids, signed PDFs
 * and attachments their bytes, and audit events are written verbatim (seq, time, actor,
 * hashes), so the chain that verified in SQLite verifies here. Users become login roles
 * in their group with the initial password the administrator chose; SQLite's argon2id
 * hashes cannot become SCRAM verifiers, so each user changes it at first sign-in.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ranah-postgres-private.h"

static gboolean
run (RanahPostgresStore  *self,
     const char          *sql,
     RanahPgParams       *p,
     GError             **error)
{
  g_autoptr(PGresult) res = ranah_pg_query (self, sql, p, error);

  return res != NULL;
}

static const char *
or_empty (const char *s)
{
  return s != NULL ? s : "";
}

static char *
nz (gint64 id)
{
  return id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

static gboolean
copy_records (RanahPostgresStore  *self,
              const char          *table,
              gint64               owner,
              GPtrArray           *records,
              GError             **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO ranah.%s (id, %s, type, host, target, ttl, "
                                          "priority, internal, created, verified, proof_server, "
                                          "proof_serial, proof_answer, proof_at) "
                                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                                          "$12, $13, $14)",
                                          table, g_str_equal (table, "records") ? "request_id"
                                                                                : "entry_id");

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const RanahRecord *r = g_ptr_array_index (records, i);
      g_auto(RanahPgParams) p = { 0 };

      ranah_pg_params_init (&p);
      ranah_pg_param_int (&p, r->id);
      ranah_pg_param_int (&p, owner);
      ranah_pg_param_text (&p, ranah_record_type_to_string (r->type));
      ranah_pg_param_text (&p, or_empty (r->host));
      ranah_pg_param_text (&p, or_empty (r->target));
      ranah_pg_param_int (&p, r->ttl);
      ranah_pg_param_int (&p, r->priority);
      ranah_pg_param_bool (&p, r->internal);
      ranah_pg_param_bool (&p, r->created);
      ranah_pg_param_text (&p, r->verified);
      /* The proof as it is, none as none (NULL, the audit trail's empty fields). */
      ranah_pg_param_text (&p, r->proof_server);
      ranah_pg_param_take (&p, r->proof_server != NULL
                               ? g_strdup_printf ("%" G_GINT64_FORMAT, r->proof_serial) : NULL);
      ranah_pg_param_text (&p, r->proof_answer);
      ranah_pg_param_take (&p, r->proof_at != 0
                               ? g_strdup_printf ("%" G_GINT64_FORMAT, r->proof_at) : NULL);
      if (!run (self, sql, &p, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
copy_all (RanahPostgresStore  *self,
          RanahStore          *source,
          const char          *initial_password,
          GError             **error)
{
  g_autoptr(GPtrArray) opds = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) holidays = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) profile = NULL;
  g_auto(GStrv) reserved = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if ((opds = ranah_store_list_opds (source, error)) == NULL
      || (users = ranah_store_list_users (source, error)) == NULL
      || (holidays = ranah_store_list_holidays (source, error)) == NULL
      || (reserved = ranah_store_list_reserved (source, error)) == NULL
      || (profile = ranah_store_get_profile (source, error)) == NULL
      || (requests = ranah_store_list_requests (source, NULL, error)) == NULL
      || (entries = ranah_store_list_entries (source, NULL, error)) == NULL
      || (events = ranah_store_list_events (source, 0, error)) == NULL)
    return FALSE;
  if (!ranah_audit_verify_chain (events, error))
    return FALSE;

  for (guint i = 0; i < opds->len; i++)
    {
      const RanahOpd *o = g_ptr_array_index (opds, i);
      g_auto(RanahPgParams) p = { 0 };

      ranah_pg_params_init (&p);
      ranah_pg_param_int (&p, o->id);
      ranah_pg_param_text (&p, o->code);
      ranah_pg_param_text (&p, o->name);
      ranah_pg_param_text (&p, or_empty (o->head_title));
      ranah_pg_param_text (&p, or_empty (o->address));
      ranah_pg_param_text (&p, or_empty (o->email));
      ranah_pg_param_bool (&p, o->active);
      if (!run (self, "INSERT INTO ranah.opds (id, code, name, head_title, address, email, active) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7)", &p, error))
        return FALSE;
    }

  for (guint i = 0; i < users->len; i++)
    {
      const RanahUser *u = g_ptr_array_index (users, i);
      g_autofree char *verifier = ranah_pg_scram_verifier (self, u->username, initial_password,
                                                           error);
      g_auto(RanahPgParams) p = { 0 };

      if (verifier == NULL)
        return FALSE;
      ranah_pg_params_init (&p);
      ranah_pg_param_text (&p, u->username);
      ranah_pg_param_text (&p, ranah_role_to_string (u->role));
      ranah_pg_param_text (&p, verifier);
      if (!run (self, "SELECT ranah_roles.ensure_login ($1, $2, $3)", &p, error))
        return FALSE;
      ranah_pg_params_clear (&p);
      ranah_pg_params_init (&p);
      ranah_pg_param_int (&p, u->id);
      ranah_pg_param_text (&p, u->username);
      ranah_pg_param_text (&p, or_empty (u->full_name));
      ranah_pg_param_text (&p, ranah_role_to_string (u->role));
      ranah_pg_param_take (&p, nz (u->opd_id));
      ranah_pg_param_text (&p, or_empty (u->nip));
      ranah_pg_param_text (&p, or_empty (u->position));
      ranah_pg_param_text (&p, or_empty (u->rank));
      ranah_pg_param_text (&p, or_empty (u->email));
      ranah_pg_param_bool (&p, u->active);
      ranah_pg_param_int (&p, ranah_store_now (RANAH_STORE (self)));
      if (!run (self, "INSERT INTO ranah.users (id, username, role_name, full_name, role, opd_id, "
                      "nip, position, rank, email, active, created_at) "
                      "VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", &p, error))
        return FALSE;
    }

  for (guint i = 0; i < holidays->len; i++)
    {
      const RanahHoliday *h = g_ptr_array_index (holidays, i);
      g_auto(RanahPgParams) p = { 0 };

      ranah_pg_params_init (&p);
      ranah_pg_param_text (&p, h->date);
      ranah_pg_param_text (&p, h->name);
      ranah_pg_param_bool (&p, h->cuti_bersama);
      if (!run (self, "INSERT INTO ranah.holidays VALUES ($1, $2, $3)", &p, error))
        return FALSE;
    }
  for (guint i = 0; reserved[i] != NULL; i++)
    {
      g_auto(RanahPgParams) p = { 0 };

      ranah_pg_params_init (&p);
      ranah_pg_param_text (&p, reserved[i]);
      if (!run (self, "INSERT INTO ranah.reserved_names VALUES (lower ($1)) ON CONFLICT DO NOTHING",
                &p, error))
        return FALSE;
    }
  g_hash_table_iter_init (&iter, profile);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(RanahPgParams) p = { 0 };

      ranah_pg_params_init (&p);
      ranah_pg_param_text (&p, key);
      ranah_pg_param_text (&p, value);
      if (!run (self, "INSERT INTO ranah.profile VALUES ($1, $2)", &p, error))
        return FALSE;
    }

  /* Oldest first, so that ids and agenda numbers come in the order they were given. */
  for (guint i = requests->len; i > 0; i--)
    {
      const RanahRequest *r = g_ptr_array_index (requests, i - 1);
      g_autoptr(GBytes) attachment = NULL;
      g_autoptr(GPtrArray) dispositions = NULL;
      g_autoptr(RanahLetter) letter = NULL;
      g_autoptr(GError) local = NULL;
      g_auto(RanahPgParams) p = { 0 };

      if (r->attachment_sha256 != NULL
          && (attachment = ranah_store_get_request_letter (source, r->id, error)) == NULL)
        return FALSE;
      ranah_pg_params_init (&p);
      ranah_pg_param_int (&p, r->id);
      ranah_pg_param_int (&p, r->version);
      ranah_pg_param_text (&p, ranah_state_to_string (r->state));
      ranah_pg_param_text (&p, ranah_outcome_to_string (r->outcome));
      ranah_pg_param_int (&p, r->agenda_year);
      ranah_pg_param_int (&p, r->agenda_number);
      ranah_pg_param_int (&p, r->opd_id);
      ranah_pg_param_bytes (&p, attachment);
      ranah_pg_param_int (&p, r->created_by);
      ranah_pg_param_take (&p, nz (r->assignee_id));
      ranah_pg_param_int (&p, r->state_since);
      ranah_pg_param_int (&p, r->due_at);
      ranah_pg_param_int (&p, r->created_at);
      {
        g_autoptr(GString) json = g_string_new (NULL);

        ranah_json_begin (json);
        ranah_json_str (json, "letter_number", or_empty (r->letter_number));
        ranah_json_str (json, "letter_date", or_empty (r->letter_date));
        ranah_json_str (json, "received_date", or_empty (r->received_date));
        ranah_json_str (json, "hal", or_empty (r->hal));
        ranah_json_str (json, "classification", or_empty (r->classification));
        ranah_json_str (json, "sifat", or_empty (r->sifat));
        ranah_json_str (json, "name", or_empty (r->name));
        ranah_json_str (json, "fqdn", or_empty (r->fqdn));
        ranah_json_str (json, "purpose", or_empty (r->purpose));
        ranah_json_str (json, "contact_name", or_empty (r->contact_name));
        ranah_json_str (json, "contact_phone", or_empty (r->contact_phone));
        ranah_json_str (json, "contact_email", or_empty (r->contact_email));
        ranah_json_str (json, "note", or_empty (r->note));
        ranah_json_int (json, "received_at", r->received_at);
        ranah_json_end (json);
        ranah_pg_param_take (&p, g_string_free (g_steal_pointer (&json), FALSE));
      }
      if (!run (self, "INSERT INTO ranah.requests (id, version, state, outcome, agenda_year, "
                      "agenda_number, opd_id, attachment, attachment_sha256, attachment_size, "
                      "created_by, assignee_id, state_since, due_at, created_at, letter_number, "
                      "letter_date, received_date, hal, classification, sifat, name, fqdn, "
                      "purpose, contact_name, contact_phone, contact_email, note, received_at) "
                      "SELECT $1, $2, $3, $4, $5, $6, $7, $8, encode (sha256 ($8), 'hex'), "
                      "coalesce (length ($8), 0), $9, $10, $11, $12, $13, j->>'letter_number', "
                      "j->>'letter_date', j->>'received_date', j->>'hal', j->>'classification', "
                      "j->>'sifat', j->>'name', j->>'fqdn', j->>'purpose', j->>'contact_name', "
                      "j->>'contact_phone', j->>'contact_email', j->>'note', "
                      "coalesce ((j->>'received_at')::bigint, 0) "
                      "FROM (SELECT $14::jsonb AS j) x", &p, error))
        return FALSE;
      if (!copy_records (self, "records", r->id, r->records, error))
        return FALSE;

      if ((dispositions = ranah_store_list_dispositions (source, r->id, error)) == NULL)
        return FALSE;
      for (guint k = 0; k < dispositions->len; k++)
        {
          const RanahDisposition *d = g_ptr_array_index (dispositions, k);
          g_auto(RanahPgParams) dp = { 0 };

          ranah_pg_params_init (&dp);
          ranah_pg_param_int (&dp, d->id);
          ranah_pg_param_int (&dp, r->id);
          ranah_pg_param_int (&dp, d->step);
          ranah_pg_param_int (&dp, d->from_user_id);
          ranah_pg_param_int (&dp, d->to_user_id);
          ranah_pg_param_take (&dp, ranah_json_strv ((const char * const *) d->instructions));
          ranah_pg_param_text (&dp, or_empty (d->note));
          ranah_pg_param_text (&dp, ranah_urgency_to_string (d->urgency));
          ranah_pg_param_int (&dp, d->due_at);
          ranah_pg_param_int (&dp, d->created_at);
          ranah_pg_param_int (&dp, d->read_at);
          ranah_pg_param_bool (&dp, d->recalled);
          if (!run (self, "INSERT INTO ranah.dispositions (id, request_id, step, from_user_id, "
                          "to_user_id, instructions, note, urgency, due_at, created_at, read_at, "
                          "recalled) VALUES ($1, $2, $3, $4, $5, "
                          "ARRAY (SELECT jsonb_array_elements_text ($6::jsonb)), $7, $8, $9, $10, "
                          "$11, $12)", &dp, error))
            return FALSE;
        }

      letter = ranah_store_get_letter (source, r->id, &local);
      if (letter != NULL)
        {
          g_autoptr(GBytes) pdf = NULL;
          g_auto(RanahPgParams) lp = { 0 };

          if (letter->state == RANAH_LETTER_SIGNED
              && (pdf = ranah_store_get_letter_pdf (source, letter->id, error)) == NULL)
            return FALSE;
          ranah_pg_params_init (&lp);
          ranah_pg_param_int (&lp, letter->id);
          ranah_pg_param_int (&lp, r->id);
          ranah_pg_param_text (&lp, ranah_outcome_to_string (letter->kind));
          ranah_pg_param_text (&lp, letter->state == RANAH_LETTER_SIGNED ? "signed" : "draft");
          ranah_pg_param_text (&lp, letter->number);
          ranah_pg_param_text (&lp, or_empty (letter->sifat));
          ranah_pg_param_text (&lp, or_empty (letter->lampiran));
          ranah_pg_param_text (&lp, or_empty (letter->hal));
          ranah_pg_param_text (&lp, letter->body);
          ranah_pg_param_take (&lp, ranah_json_strv ((const char * const *) letter->tembusan));
          ranah_pg_param_text (&lp, letter->letter_date);
          ranah_pg_param_text (&lp, letter->verification_code);
          ranah_pg_param_bytes (&lp, pdf);
          ranah_pg_param_take (&lp, nz (letter->signed_by));
          ranah_pg_param_int (&lp, letter->signed_at);
          ranah_pg_param_int (&lp, letter->revision);
          ranah_pg_param_int (&lp, letter->audit_seq);
          ranah_pg_param_text (&lp, letter->audit_hash);
          if (!run (self, "INSERT INTO ranah.letters (id, request_id, kind, state, number, sifat, "
                          "lampiran, hal, body, tembusan, letter_date, verification_code, pdf, "
                          "pdf_sha256, signed_by, signed_at, revision, year, audit_seq, "
                          "audit_hash) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                          "ARRAY (SELECT jsonb_array_elements_text ($10::jsonb)), $11, $12, $13, "
                          "encode (sha256 ($13), 'hex'), $14, $15, $16, "
                          "substr ($11, 1, 4)::integer, $17, $18)", &lp, error))
            return FALSE;
        }
      else if (!g_error_matches (local, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const RanahEntry *e = g_ptr_array_index (entries, i);
      g_auto(RanahPgParams) p = { 0 };

      ranah_pg_params_init (&p);
      ranah_pg_param_int (&p, e->id);
      ranah_pg_param_text (&p, e->name);
      ranah_pg_param_text (&p, e->fqdn);
      ranah_pg_param_int (&p, e->opd_id);
      ranah_pg_param_text (&p, or_empty (e->purpose));
      ranah_pg_param_text (&p, or_empty (e->contact_name));
      ranah_pg_param_text (&p, or_empty (e->contact_phone));
      ranah_pg_param_text (&p, or_empty (e->contact_email));
      ranah_pg_param_text (&p, ranah_entry_status_to_string (e->status));
      ranah_pg_param_text (&p, or_empty (e->activated_on));
      ranah_pg_param_take (&p, nz (e->request_id));
      ranah_pg_param_int (&p, e->last_check_at);
      ranah_pg_param_text (&p, e->last_check);
      ranah_pg_param_int (&p, e->version);
      ranah_pg_param_bool (&p, e->last_check_ok);
      if (!run (self, "INSERT INTO ranah.entries (id, name, fqdn, opd_id, purpose, contact_name, "
                      "contact_phone, contact_email, status, activated_on, request_id, "
                      "last_check_at, last_check, version, last_check_ok) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                &p, error)
          || !copy_records (self, "entry_records", e->id, e->records, error))
        return FALSE;
    }

  for (guint i = 0; i < events->len; i++)
    {
      const RanahEvent *e = g_ptr_array_index (events, i);
      g_auto(RanahPgParams) p = { 0 };

      ranah_pg_params_init (&p);
      ranah_pg_param_int (&p, e->seq);
      ranah_pg_param_int (&p, e->at);
      ranah_pg_param_int (&p, e->user_id);
      ranah_pg_param_text (&p, or_empty (e->username));
      ranah_pg_param_int (&p, e->request_id);
      ranah_pg_param_int (&p, e->step);
      ranah_pg_param_text (&p, or_empty (e->action));
      ranah_pg_param_text (&p, or_empty (e->from_state));
      ranah_pg_param_text (&p, or_empty (e->to_state));
      ranah_pg_param_text (&p, or_empty (e->note));
      ranah_pg_param_text (&p, e->prev_hash);
      ranah_pg_param_text (&p, e->hash);
      ranah_pg_param_int (&p, e->version);
      ranah_pg_param_take (&p, e->version >= 2 ? g_strdup_printf ("%" G_GINT64_FORMAT, e->chain)
                                               : NULL);
      ranah_pg_param_take (&p, e->version >= 2 ? g_strdup_printf ("%" G_GINT64_FORMAT,
                                                                  e->chain_seq)
                                               : NULL);
      ranah_pg_param_text (&p, or_empty (e->state));
      if (!run (self, "INSERT INTO ranah.events (seq, at, user_id, username, request_id, step, "
                      "action, from_state, to_state, note, prev_hash, hash, version, chain, "
                      "chain_seq, state) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
                      "$16)", &p, error))
        return FALSE;
    }

  /* Counters and sequences continue where SQLite stopped; each chain's head is its last
   * event copied, the old single chain's too. */
  return run (self, "UPDATE ranah.audit_head SET seq = coalesce ((SELECT max (seq) FROM ranah.events "
                    "WHERE version = 1), 0), "
                    "hash = coalesce ((SELECT hash FROM ranah.events WHERE version = 1 "
                    "ORDER BY seq DESC LIMIT 1), repeat ('0', 64))", NULL, error)
         && run (self, "DELETE FROM ranah.chain_heads", NULL, error)
         && run (self, "INSERT INTO ranah.chain_heads SELECT -1, seq, hash FROM ranah.events "
                       "WHERE version = 1 ORDER BY seq DESC LIMIT 1", NULL, error)
         && run (self, "INSERT INTO ranah.chain_heads SELECT DISTINCT ON (chain) chain, chain_seq, "
                       "hash FROM ranah.events WHERE version >= 2 ORDER BY chain, chain_seq DESC",
                 NULL, error)
         && run (self, "SELECT setval ('ranah.events_seq', coalesce ((SELECT max (seq) FROM "
                       "ranah.events), 0) + 1, false)", NULL, error)
         && run (self, "INSERT INTO ranah.agenda_counters SELECT agenda_year, max (agenda_number) "
                       "FROM ranah.requests GROUP BY agenda_year", NULL, error)
         && run (self, "INSERT INTO ranah.letter_counters SELECT year, count (*) FROM ranah.letters "
                       "WHERE state = 'signed' GROUP BY year", NULL, error)
         && run (self, "SELECT setval (pg_get_serial_sequence ('ranah.' || t, 'id'), "
                       "greatest ((xpath ('/row/m/text()', query_to_xml (format ('SELECT max (id) AS m "
                       "FROM ranah.%I', t), false, true, '')))[1]::text::bigint, 1)) "
                       "FROM unnest (ARRAY['opds', 'users', 'requests', 'records', 'dispositions', "
                       "'entries', 'entry_records', 'letters', 'entry_checks']) t", NULL, error);
}

gboolean
ranah_postgres_store_import_from (const char  *owner_conninfo,
                                  RanahStore  *source,
                                  const char  *initial_password,
                                  GError     **error)
{
  g_autoptr(RanahPostgresStore) self = NULL;
  g_autoptr(PGresult) res = NULL;

  g_return_val_if_fail (owner_conninfo != NULL, FALSE);
  g_return_val_if_fail (RANAH_IS_STORE (source), FALSE);
  g_return_val_if_fail (initial_password != NULL, FALSE);

  if (strlen (initial_password) < 8)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("A password has at least 8 characters."));
      return FALSE;
    }
  if (!ranah_postgres_store_install (owner_conninfo, error))
    return FALSE;
  if ((self = ranah_pg_connect_owner (owner_conninfo, error)) == NULL)
    return FALSE;

  g_rec_mutex_lock (&self->lock);
  res = ranah_pg_query (self, "SELECT (SELECT count (*) FROM ranah.users) + "
                              "(SELECT count (*) FROM ranah.events)", NULL, error);
  if (res == NULL)
    goto fail_unlocked;
  if (ranah_pg_col_int (res, 0, 0) != 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_CONFLICT,
                   _("The PostgreSQL store is not empty; move an office only into a new "
                     "database."));
      goto fail_unlocked;
    }
  if (!ranah_pg_exec (self, "BEGIN", error))
    goto fail_unlocked;
  if (!copy_all (self, source, initial_password, error)
      || !ranah_pg_exec (self, "COMMIT", error))
    {
      ranah_pg_rollback (self);
      goto fail_unlocked;
    }
  g_rec_mutex_unlock (&self->lock);
  return TRUE;

fail_unlocked:
  g_rec_mutex_unlock (&self->lock);
  return FALSE;
}
