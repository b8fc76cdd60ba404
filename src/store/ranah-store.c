/* ranah-store.c — the store interface and what every backend shares
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sodium.h>
#include <glib/gi18n-lib.h>

#include <inttypes.h>
#include <stdio.h>

#include "ranah-escalation.h"
#include "ranah-logo.h"
#include "ranah-store.h"
#include "ranah-postgres-store.h"
#include "ranah-sqlite-store.h"

typedef struct
{
  RanahUser *user;
  char      *warning;
  gint64     now;
  guint      watch_id;
  gint64     last_stamp;
  GMainContext *watch_context;
  gboolean   resumed;   /* signed in through a session token, not a password */
} RanahStorePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RanahStore, ranah_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (ranah-store-error-quark, ranah_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static RanahFailure
classify_store_error (const GError *error)
{
  switch ((RanahStoreError) error->code)
    {
    case RANAH_STORE_ERROR_CONFLICT:
      return RANAH_FAILURE_CONFLICT;
    case RANAH_STORE_ERROR_NOT_FOUND:
      return RANAH_FAILURE_NOT_FOUND;
    case RANAH_STORE_ERROR_UNAVAILABLE:
    case RANAH_STORE_ERROR_VERSION:
    case RANAH_STORE_ERROR_CORRUPT:
      return RANAH_FAILURE_UNAVAILABLE;
    case RANAH_STORE_ERROR_PERMISSION:
    case RANAH_STORE_ERROR_AUTH:
      return RANAH_FAILURE_PERMISSION;
    case RANAH_STORE_ERROR_VALIDATION:
      return RANAH_FAILURE_VALIDATION;
    case RANAH_STORE_ERROR_FAILED:
    default:
      return RANAH_FAILURE_OTHER;
    }
}

static gboolean
watch_cb (gpointer user_data)
{
  RanahStore *self = user_data;
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);
  gint64 stamp = RANAH_STORE_GET_CLASS (self)->change_stamp (self);

  if (stamp != priv->last_stamp)
    {
      priv->last_stamp = stamp;
      g_signal_emit (self, signals[CHANGED], 0);
    }
  return G_SOURCE_CONTINUE;
}

static gint64
ranah_store_real_change_stamp (RanahStore *self)
{
  return 0;
}

static void
ranah_store_dispose (GObject *object)
{
  RanahStore *self = RANAH_STORE (object);
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  if (priv->watch_id != 0)
    {
      GSource *source = g_main_context_find_source_by_id (priv->watch_context, priv->watch_id);
      if (source != NULL)
        g_source_destroy (source);
      priv->watch_id = 0;
    }
  g_clear_pointer (&priv->watch_context, g_main_context_unref);

  G_OBJECT_CLASS (ranah_store_parent_class)->dispose (object);
}

static void
ranah_store_finalize (GObject *object)
{
  RanahStore *self = RANAH_STORE (object);
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  g_clear_pointer (&priv->user, ranah_user_free);
  g_clear_pointer (&priv->warning, g_free);

  G_OBJECT_CLASS (ranah_store_parent_class)->finalize (object);
}

static void
ranah_store_class_init (RanahStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ranah_store_dispose;
  object_class->finalize = ranah_store_finalize;
  klass->change_stamp = ranah_store_real_change_stamp;

  /**
   * RanahStore::changed:
   *
   * Another connection or process changed the store: reload what is shown.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  ranah_failure_register (RANAH_STORE_ERROR, classify_store_error);
}

static void
ranah_store_init (RanahStore *self)
{
}

static gboolean
require_user (RanahStore  *self,
              GError     **error)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  if (priv->user == NULL)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                   _("Sign in first."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
require_admin (RanahStore  *self,
               GError     **error)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  if (!require_user (self, error))
    return FALSE;
  if (priv->user->role != RANAH_ROLE_ADMIN)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                   _("Only an administrator may change users, OPDs, holidays, reserved names "
                     "or the agency profile."));
      return FALSE;
    }
  return TRUE;
}

char *
ranah_store_default_uri (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "ranah", "ranah.db", NULL);

  return g_strconcat ("sqlite:", path, NULL);
}

char *
ranah_store_uri_display (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GRegex) keyword = NULL;

  if (uri == NULL)
    return g_strdup ("");
  if (g_str_has_prefix (uri, "postgres://") || g_str_has_prefix (uri, "postgresql://"))
    {
      parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
      if (parsed != NULL)
        return g_uri_to_string_partial (parsed, G_URI_HIDE_PASSWORD);
      return g_strdup ("postgresql://…");
    }
  if (g_str_has_prefix (uri, "sqlite:"))
    return g_strdup (uri);
  /* Any other SCHEME://USER:PASSWORD@HOST (a mistyped one): without its user part. */
  {
    const char *scheme_end = strstr (uri, "://");
    const char *host = scheme_end != NULL ? scheme_end + 3 : NULL;
    const char *at = host != NULL ? strpbrk (host, "@/") : NULL;

    if (at != NULL && *at == '@')
      {
        g_autofree char *scheme = g_strndup (uri, host - uri);
        return g_strconcat (scheme, at + 1, NULL);
      }
  }
  keyword = g_regex_new ("password\\s*=\\s*('([^'\\\\]|\\\\.)*'|\\S+)", G_REGEX_CASELESS, 0,
                         NULL);
  return g_regex_replace_literal (keyword, uri, -1, 0, "password=…", 0, NULL);
}

RanahStore *
ranah_store_open (const char  *uri,
                  GError     **error)
{
  g_autofree char *fallback = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (uri == NULL || *uri == '\0')
    uri = g_getenv ("RANAH_STORE");
  if (uri == NULL || *uri == '\0')
    uri = fallback = ranah_store_default_uri ();

  if (g_str_has_prefix (uri, "sqlite:"))
    {
      const char *path = uri + strlen ("sqlite:");
      if (g_str_has_prefix (path, "//"))
        path += 2;
      if (*path == '\0')
        {
          g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                       _("The store address “%s” names no file."), uri);
          return NULL;
        }
      return ranah_sqlite_store_new (path, error);
    }

  /* PostgreSQL: a URI, or a libpq "key=value" conninfo string. */
  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://")
      || strchr (uri, '=') != NULL)
    return ranah_postgres_store_new (uri, error);

  {
    /* Never the password of a mistyped address (postgresq://owner:secret@…). */
    g_autofree char *shown = ranah_store_uri_display (uri);

    g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_UNAVAILABLE,
                 _("The store address “%s” is not understood: use sqlite:PATH or "
                   "postgresql://HOST/DATABASE."), shown);
  }
  return NULL;
}

gboolean
ranah_store_is_initialized (RanahStore  *self,
                            GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  return RANAH_STORE_GET_CLASS (self)->is_initialized (self, error);
}

static gboolean check_user_text (const RanahUser *user, GError **error);

gboolean
ranah_store_initialize (RanahStore      *self,
                        const RanahUser *admin,
                        const char      *password,
                        GError         **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (admin != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  /* The first administrator meets the same rules as every later user. */
  if (!check_user_text (admin, error))
    return FALSE;
  return RANAH_STORE_GET_CLASS (self)->initialize (self, admin, password, error);
}

gboolean
ranah_store_sign_in (RanahStore  *self,
                     const char  *username,
                     const char  *password,
                     GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  if (!RANAH_STORE_GET_CLASS (self)->sign_in (self, username, password, error))
    return FALSE;
  ((RanahStorePrivate *) ranah_store_get_instance_private (self))->resumed = FALSE;
  return TRUE;
}

/* ---- sessions ---------------------------------------------------------------------------- */

#define SESSION_TOKEN_PREFIX "rnh1."
#define SESSION_TOKEN_BYTES 32

char *
ranah_store_session_token_hash (const char *token)
{
  guint8 raw[SESSION_TOKEN_BYTES];
  guint8 digest[crypto_hash_sha256_BYTES];
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  size_t raw_len = 0;
  const char *end = NULL;
  const char *b64;

  g_return_val_if_fail (token != NULL, NULL);

  if (!g_str_has_prefix (token, SESSION_TOKEN_PREFIX) || sodium_init () < 0)
    return NULL;
  b64 = token + strlen (SESSION_TOKEN_PREFIX);
  if (strlen (b64) != sodium_base64_ENCODED_LEN (SESSION_TOKEN_BYTES,
                                                  sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1
      || sodium_base642bin (raw, sizeof raw, b64, strlen (b64), NULL, &raw_len, &end,
                            sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0
      || raw_len != sizeof raw || *end != '\0')
    return NULL;
  sodium_memzero (raw, sizeof raw);
  /* A 256-bit random secret cannot be guessed or looked up in a dictionary, so a fast hash
   * is enough to keep a copy of the store from being a list of working tokens: no argon2,
   * and resuming stays cheap. */
  crypto_hash_sha256 (digest, (const guint8 *) token, strlen (token));
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}

static char *
session_token_new (void)
{
  guint8 raw[SESSION_TOKEN_BYTES];
  char b64[sodium_base64_ENCODED_LEN (SESSION_TOKEN_BYTES,
                                      sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  char *token;

  randombytes_buf (raw, sizeof raw);
  sodium_bin2base64 (b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  token = g_strconcat (SESSION_TOKEN_PREFIX, b64, NULL);
  sodium_memzero (raw, sizeof raw);
  sodium_memzero (b64, sizeof b64);
  return token;
}

static void
session_ended (GError **error)
{
  g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_AUTH,
               _("Your session has ended; sign in again with your password."));
}

char *
ranah_store_start_session (RanahStore  *self,
                           const char  *label,
                           gint64      *expires_at,
                           GError     **error)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);
  g_autofree char *token = NULL;
  g_autofree char *short_label = NULL;
  gint64 until = 0;

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!require_user (self, error))
    return NULL;
  /* A token must not be able to make tokens: whoever holds one would never need the
   * password again, and revoking it would not end what it started. */
  if (priv->resumed)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                   _("Sign in with your password to start a session."));
      return NULL;
    }
  /* The label goes into the audit trail: text, and a line's worth. */
  if (label == NULL || !g_utf8_validate (label, -1, NULL))
    label = "";
  else if (g_utf8_strlen (label, -1) > 200)
    label = short_label = g_utf8_substring (label, 0, 200);
  if (sodium_init () < 0)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_FAILED,
                   _("The cryptography library could not start."));
      return NULL;
    }
  token = session_token_new ();
  if (!RANAH_STORE_GET_CLASS (self)->start_session (self, token, label, &until, error))
    {
      sodium_memzero (token, strlen (token));
      return NULL;
    }
  if (expires_at != NULL)
    *expires_at = until;
  return g_steal_pointer (&token);
}

gboolean
ranah_store_resume_session (RanahStore  *self,
                            const char  *username,
                            const char  *token,
                            GError     **error)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);
  g_autofree char *hash = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((hash = ranah_store_session_token_hash (token)) == NULL
      || !g_utf8_validate (username, -1, NULL))
    {
      session_ended (error);
      return FALSE;
    }
  if (!RANAH_STORE_GET_CLASS (self)->resume_session (self, username, token, error))
    return FALSE;
  priv->resumed = TRUE;
  return TRUE;
}

gboolean
ranah_store_end_session (RanahStore  *self,
                         const char  *token,
                         GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (token != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!require_user (self, error))
    return FALSE;
  if ((hash = ranah_store_session_token_hash (token)) == NULL)
    {
      session_ended (error);
      return FALSE;
    }
  return RANAH_STORE_GET_CLASS (self)->end_session (self, token, error);
}

gboolean
ranah_store_is_resumed (RanahStore *self)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  return priv->user != NULL && priv->resumed;
}

const RanahUser *
ranah_store_get_user (RanahStore *self)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  return priv->user;
}

void
ranah_store_set_user (RanahStore      *self,
                      const RanahUser *user)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  g_return_if_fail (RANAH_IS_STORE (self));
  g_clear_pointer (&priv->user, ranah_user_free);
  if (user != NULL)
    priv->user = ranah_user_copy (user);
}

guint
ranah_store_schema_version (RanahStore *self)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), 0);
  return RANAH_STORE_GET_CLASS (self)->schema_version (self);
}

const char *
ranah_store_get_warning (RanahStore *self)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  return priv->warning;
}

void
ranah_store_set_warning (RanahStore *self,
                         const char *warning)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  g_return_if_fail (RANAH_IS_STORE (self));
  g_free (priv->warning);
  priv->warning = g_strdup (warning);
}

void
ranah_store_set_now (RanahStore *self,
                     gint64      now)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  g_return_if_fail (RANAH_IS_STORE (self));
  priv->now = now;
}

gint64
ranah_store_now (RanahStore *self)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  g_return_val_if_fail (RANAH_IS_STORE (self), 0);
  return priv->now != 0 ? priv->now : g_get_real_time () / G_USEC_PER_SEC;
}

void
ranah_store_emit_changed (RanahStore *self)
{
  g_return_if_fail (RANAH_IS_STORE (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

void
ranah_store_watch (RanahStore *self)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);
  g_autoptr(GSource) source = NULL;

  g_return_if_fail (RANAH_IS_STORE (self));

  if (priv->watch_id != 0)
    return;

  /* Polling a cheap stamp (SQLite's data_version) is what SQLite offers across
   * processes; backends with real notifications override change_stamp to return 0 and
   * call ranah_store_emit_changed themselves. */
  priv->last_stamp = RANAH_STORE_GET_CLASS (self)->change_stamp (self);
  priv->watch_context = g_main_context_ref_thread_default ();
  source = g_timeout_source_new (500);
  g_source_set_callback (source, watch_cb, self, NULL);
  g_source_set_name (source, "[ranah] store watch");
  priv->watch_id = g_source_attach (source, priv->watch_context);
}

#define DISPATCH(vfunc, fail, ...)                                     \
  G_STMT_START {                                                       \
    if (!require_user (self, error))                                   \
      return fail;                                                     \
    return RANAH_STORE_GET_CLASS (self)->vfunc (self, ##__VA_ARGS__);  \
  } G_STMT_END

#define DISPATCH_ADMIN(vfunc, fail, ...)                               \
  G_STMT_START {                                                       \
    if (!require_admin (self, error))                                  \
      return fail;                                                     \
    return RANAH_STORE_GET_CLASS (self)->vfunc (self, ##__VA_ARGS__);  \
  } G_STMT_END

GPtrArray *
ranah_store_list_users (RanahStore  *self,
                        GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (list_users, NULL, error);
}

/* The text rules of a user's and an OPD's fields, the same as the SQLite backend's, kept
 * here so that every backend refuses the same values with the same sentence. */
static gboolean
check_user_text (const RanahUser  *user,
                 GError          **error)
{
  return ranah_validate_text (user->username, _("User name"), TRUE, FALSE, 64, error)
         && ranah_validate_text (user->full_name, _("Full name"), FALSE, FALSE, 200, error)
         && ranah_validate_text (user->position, _("Position"), FALSE, FALSE, 200, error)
         && ranah_validate_text (user->rank, _("Rank"), FALSE, FALSE, 200, error)
         && ranah_validate_nip (user->nip != NULL ? user->nip : "", FALSE, error)
         && (user->email == NULL || *user->email == '\0'
             || ranah_validate_email (user->email, _("E-mail"), error));
}

static gboolean
check_opd_text (const RanahOpd  *opd,
                GError         **error)
{
  return ranah_validate_text (opd->code, _("OPD code"), TRUE, FALSE, 32, error)
         && ranah_validate_text (opd->name, _("OPD name"), TRUE, FALSE, 200, error)
         && ranah_validate_text (opd->head_title, _("Addressee"), FALSE, FALSE, 200, error)
         && ranah_validate_text (opd->address, _("Address"), FALSE, FALSE, 200, error);
}

gint64
ranah_store_add_user (RanahStore      *self,
                      const RanahUser *user,
                      const char      *password,
                      GError         **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), 0);
  g_return_val_if_fail (user != NULL && password != NULL, 0);
  if (!check_user_text (user, error))
    return 0;
  DISPATCH_ADMIN (add_user, 0, user, password, error);
}

gboolean
ranah_store_update_user (RanahStore      *self,
                         const RanahUser *user,
                         GError         **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  if (!check_user_text (user, error))
    return FALSE;
  DISPATCH_ADMIN (update_user, FALSE, user, error);
}

gboolean
ranah_store_set_password (RanahStore  *self,
                          gint64       user_id,
                          const char  *password,
                          GError     **error)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);

  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  /* Everyone may change their own password; only admin may set another's. */
  if (!require_user (self, error))
    return FALSE;
  if (priv->user->id != user_id && !require_admin (self, error))
    return FALSE;
  return RANAH_STORE_GET_CLASS (self)->set_password (self, user_id, password, error);
}

/* A text to look for, as typed: refused with one sentence when it is not UTF-8 (a
 * PostgreSQL server would answer with its own message, and case folding would read past
 * its end), has control characters or is absurdly long. */
static gboolean
check_search_text (const char  *text,
                   GError     **error)
{
  return text == NULL || ranah_validate_text (text, _("search text"), FALSE, FALSE, 1000, error);
}

RanahUser *
ranah_store_find_user (RanahStore  *self,
                       const char  *username,
                       GError     **error)
{
  g_autoptr(GPtrArray) users = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);

  users = ranah_store_list_users (self, error);
  if (users == NULL)
    return NULL;
  for (guint i = 0; i < users->len; i++)
    {
      RanahUser *user = g_ptr_array_index (users, i);
      if (g_ascii_strcasecmp (user->username, username) == 0)
        return ranah_user_copy (user);
    }
  g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
               _("There is no user “%s”."), username);
  return NULL;
}

GPtrArray *
ranah_store_list_opds (RanahStore  *self,
                       GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (list_opds, NULL, error);
}

gint64
ranah_store_add_opd (RanahStore     *self,
                     const RanahOpd *opd,
                     GError        **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), 0);
  g_return_val_if_fail (opd != NULL, 0);
  if (!check_opd_text (opd, error))
    return 0;
  DISPATCH_ADMIN (add_opd, 0, opd, error);
}

gboolean
ranah_store_update_opd (RanahStore     *self,
                        const RanahOpd *opd,
                        GError        **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (opd != NULL, FALSE);
  if (!check_opd_text (opd, error))
    return FALSE;
  DISPATCH_ADMIN (update_opd, FALSE, opd, error);
}

RanahOpd *
ranah_store_find_opd (RanahStore  *self,
                      const char  *code_or_name,
                      GError     **error)
{
  g_autoptr(GPtrArray) opds = NULL;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  g_return_val_if_fail (code_or_name != NULL, NULL);

  if (!check_search_text (code_or_name, error))
    return NULL;
  opds = ranah_store_list_opds (self, error);
  if (opds == NULL)
    return NULL;
  wanted = g_utf8_casefold (code_or_name, -1);
  for (guint i = 0; i < opds->len; i++)
    {
      RanahOpd *opd = g_ptr_array_index (opds, i);
      g_autofree char *name = g_utf8_casefold (opd->name, -1);

      if (g_ascii_strcasecmp (opd->code, code_or_name) == 0 || g_str_equal (name, wanted))
        return ranah_opd_copy (opd);
    }
  g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
               _("There is no OPD “%s”."), code_or_name);
  return NULL;
}

GPtrArray *
ranah_store_list_holidays (RanahStore  *self,
                           GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (list_holidays, NULL, error);
}

gboolean
ranah_store_add_holiday (RanahStore         *self,
                         const RanahHoliday *holiday,
                         GError            **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (holiday != NULL, FALSE);
  if (!ranah_validate_date (holiday->date, _("Holiday date"), error)
      || !ranah_validate_text (holiday->name, _("Holiday name"), TRUE, FALSE, 200, error))
    return FALSE;
  DISPATCH_ADMIN (add_holiday, FALSE, holiday, error);
}

gboolean
ranah_store_add_holidays (RanahStore  *self,
                          GPtrArray   *holidays,
                          GError     **error)
{
  g_autoptr(GHashTable) dates = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (holidays != NULL, FALSE);
  dates = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < holidays->len; i++)
    {
      const RanahHoliday *holiday = g_ptr_array_index (holidays, i);

      if (!ranah_validate_date (holiday->date, _("Holiday date"), error)
          || !ranah_validate_text (holiday->name, _("Holiday name"), TRUE, FALSE, 200, error))
        return FALSE;
      if (!g_hash_table_add (dates, holiday->date))
        {
          g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_VALIDATION,
                       _("The date %s is given twice; nothing was added."), holiday->date);
          return FALSE;
        }
    }
  if (holidays->len == 0)
    return require_admin (self, error);
  DISPATCH_ADMIN (add_holidays, FALSE, holidays, error);
}

gboolean
ranah_store_remove_holiday (RanahStore  *self,
                            const char  *date,
                            GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);
  DISPATCH_ADMIN (remove_holiday, FALSE, date, error);
}

GStrv
ranah_store_list_reserved (RanahStore  *self,
                           GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (list_reserved, NULL, error);
}

gboolean
ranah_store_add_reserved (RanahStore  *self,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  if (!ranah_validate_label (name, &normalized, NULL, error))
    return FALSE;
  DISPATCH_ADMIN (add_reserved, FALSE, normalized, error);
}

gboolean
ranah_store_remove_reserved (RanahStore  *self,
                             const char  *name,
                             GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  DISPATCH_ADMIN (remove_reserved, FALSE, name, error);
}

GHashTable *
ranah_store_get_profile (RanahStore  *self,
                         GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (get_profile, NULL, error);
}

gboolean
ranah_store_set_profile (RanahStore  *self,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!ranah_profile_key_is_known (key))
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The agency profile has no setting “%s”."), key);
      return FALSE;
    }
  /* Every value is text that letters and screens show: UTF-8 without control characters
   * (line breaks only in the templates, the legal basis and the logo's base64), of a sensible
   * size. Checked here, so that every backend keeps the rule. */
  {
    gboolean multiline = g_str_equal (key, RANAH_PROFILE_TEMPLATE_APPROVAL)
                         || g_str_equal (key, RANAH_PROFILE_TEMPLATE_REFUSAL)
                         || g_str_equal (key, RANAH_PROFILE_LEGAL_BASIS)
                         || g_str_equal (key, RANAH_PROFILE_LOGO);
    guint max_chars = g_str_equal (key, RANAH_PROFILE_LOGO) ? 8 * 1024 * 1024
                      : multiline ? 20000 : 1000;
    g_autofree char *field = g_strdup_printf (_("setting “%s”"), key);

    if (!ranah_validate_text (value, field, FALSE, multiline, max_chars, error))
      return FALSE;
  }
  if (g_str_equal (key, RANAH_PROFILE_NUMBER_TEMPLATE)
      && !ranah_letter_number_check_template (value, error))
    return FALSE;
  if (g_str_equal (key, RANAH_PROFILE_PARENT_DOMAIN)
      && !ranah_validate_fqdn (value, FALSE, error))
    return FALSE;
  if (g_str_equal (key, RANAH_PROFILE_PAPER) && !g_str_equal (value, "A4")
      && !g_str_equal (value, "F4"))
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("Paper must be A4 or F4."));
      return FALSE;
    }
  if (g_str_equal (key, RANAH_PROFILE_OFFICE_HOURS))
    {
      RanahOfficeHours hours;

      if (!ranah_office_hours_parse (value, &hours, error))
        return FALSE;
    }
  /* The compliance sheet's signer's NIP, by the rule of a user's (user add); the lambang
   * decoded or parsed now rather than at the first letter (ranah-logo.h). */
  if (g_str_equal (key, RANAH_PROFILE_SIGNER_NIP) && !ranah_validate_nip (value, FALSE, error))
    return FALSE;
  if (g_str_equal (key, RANAH_PROFILE_LOGO) && !ranah_logo_check_base64 (value, NULL, error))
    return FALSE;
  DISPATCH_ADMIN (set_profile, FALSE, key, value, error);
}

RanahCalendar *
ranah_store_get_calendar (RanahStore  *self,
                          GError     **error)
{
  g_autoptr(GHashTable) profile = NULL;
  g_autoptr(GPtrArray) holidays = NULL;
  RanahCalendar *calendar;

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);

  if ((profile = ranah_store_get_profile (self, error)) == NULL
      || (holidays = ranah_store_list_holidays (self, error)) == NULL)
    return NULL;

  calendar = ranah_calendar_new (g_hash_table_lookup (profile, RANAH_PROFILE_TIMEZONE));
  /* Checked when set; a value written past the store falls back to the default hours. */
  if (!ranah_calendar_set_office_hours (calendar,
                                        g_hash_table_lookup (profile, RANAH_PROFILE_OFFICE_HOURS),
                                        NULL))
    g_debug ("The stored office hours do not parse: using the default hours.");
  for (guint i = 0; i < holidays->len; i++)
    ranah_calendar_add_holiday (calendar, ((RanahHoliday *) g_ptr_array_index (holidays, i))->date);
  return calendar;
}

/* The moment the letter of @request arrived, into request->received_at: as given (on
 * received_date, not after now), else the office's opening on received_date, or now
 * when that is today and the office has opened (ranah-escalation.h). A received date the
 * core's validation will refuse is left to it. */
static gboolean
set_received_at (RanahStore    *self,
                 RanahRequest  *request,
                 GError       **error)
{
  g_autoptr(RanahCalendar) calendar = NULL;
  g_autofree char *today = NULL;
  gint64 now = ranah_store_now (self);
  gint64 opening;

  if ((calendar = ranah_store_get_calendar (self, error)) == NULL)
    return FALSE;
  today = ranah_calendar_date_of (calendar, now);
  if (request->received_at != 0)
    {
      g_autofree char *date = ranah_calendar_date_of (calendar, request->received_at);

      if (request->received_date == NULL || *request->received_date == '\0')
        {
          g_free (request->received_date);
          request->received_date = g_strdup (date);
        }
      if (ranah_calendar_opening (calendar, request->received_date) != 0
          && g_strcmp0 (date, request->received_date) != 0)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("The received time is not on the received date %s."),
                       request->received_date);
          return FALSE;
        }
      if (request->received_at > now)
        {
          g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                       _("The received time may not lie in the future."));
          return FALSE;
        }
      return TRUE;
    }
  if (request->received_date == NULL || *request->received_date == '\0')
    {
      g_free (request->received_date);
      request->received_date = g_strdup (today);
    }
  opening = ranah_calendar_opening (calendar, request->received_date);
  if (g_str_equal (request->received_date, today) && now > opening)
    request->received_at = now;
  else if (opening != 0 && opening <= now)
    request->received_at = opening;
  return TRUE;
}

gint64
ranah_store_submit_request (RanahStore    *self,
                            RanahRequest  *request,
                            GBytes        *letter_pdf,
                            GError       **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), 0);
  g_return_val_if_fail (request != NULL, 0);
  if (!require_user (self, error) || !set_received_at (self, request, error))
    return 0;
  DISPATCH (submit_request, 0, request, letter_pdf, error);
}

gboolean
ranah_store_attach_letter (RanahStore  *self,
                           gint64       request_id,
                           gint64       expected_version,
                           GBytes      *pdf,
                           GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (pdf != NULL, FALSE);
  DISPATCH (attach_letter, FALSE, request_id, expected_version, pdf, error);
}

RanahRequest *
ranah_store_get_request (RanahStore  *self,
                         gint64       id,
                         GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (get_request, NULL, id, error);
}

GBytes *
ranah_store_get_request_letter (RanahStore  *self,
                                gint64       request_id,
                                GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (get_request_letter, NULL, request_id, error);
}

GPtrArray *
ranah_store_list_requests (RanahStore               *self,
                           const RanahRequestFilter *filter,
                           GError                  **error)
{
  static const RanahRequestFilter all = { 0 };

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  if (filter != NULL && !check_search_text (filter->text, error))
    return NULL;
  DISPATCH (list_requests, NULL, filter != NULL ? filter : &all, error);
}

typedef struct {
  RanahRequest *request;
  RanahClock    clock;
} Timed;

static int
timed_inbox_order (gconstpointer a,
                   gconstpointer b)
{
  const Timed *x = a, *y = b;

  if (x->clock.overdue != y->clock.overdue)
    return x->clock.overdue ? -1 : 1;
  if (x->clock.started != y->clock.started)
    return x->clock.started < y->clock.started ? -1 : 1;
  return x->request->id < y->request->id ? -1 : x->request->id > y->request->id;
}

static int
timed_due_order (gconstpointer a,
                 gconstpointer b)
{
  const Timed *x = a, *y = b;

  if (x->clock.due_at != y->clock.due_at)
    return x->clock.due_at < y->clock.due_at ? -1 : 1;
  return x->request->id < y->request->id ? -1 : x->request->id > y->request->id;
}

/* Times @requests with the calendar as it is now (ranah_escalation_clock ()), keeps the
 * overdue ones only when @overdue_only, and sorts them by @order. */
static gboolean
order_by_clock (RanahStore        *self,
                GPtrArray         *requests,
                gboolean           overdue_only,
                GCompareFunc       order,
                GError           **error)
{
  g_autoptr(RanahCalendar) calendar = ranah_store_get_calendar (self, error);
  g_autoptr(GArray) timed = NULL;
  GDestroyNotify free_func = (GDestroyNotify) ranah_request_free;
  gint64 now = ranah_store_now (self);

  if (calendar == NULL)
    return FALSE;
  timed = g_array_sized_new (FALSE, FALSE, sizeof (Timed), requests->len);
  for (guint i = 0; i < requests->len; i++)
    {
      Timed t = { g_ptr_array_index (requests, i), { 0 } };

      ranah_escalation_clock (calendar, t.request, now, &t.clock);
      if (overdue_only && !t.clock.overdue)
        ranah_request_free (t.request);
      else
        g_array_append_val (timed, t);
    }
  g_array_sort (timed, order);
  g_ptr_array_set_free_func (requests, NULL);
  g_ptr_array_set_size (requests, 0);
  for (guint i = 0; i < timed->len; i++)
    g_ptr_array_add (requests, g_array_index (timed, Timed, i).request);
  g_ptr_array_set_free_func (requests, free_func);
  return TRUE;
}

/* What waits for me, overdue first by the clock as it is now, then the oldest. A backend
 * returns its rows oldest first (its clock start, which orders the due times as every
 * step of one holder's inbox has the same standard), so that its first @limit rows are the
 * first of this order too. */
static GPtrArray *
inbox_in_order (RanahStore  *self,
                guint        limit,
                guint       *n_total,
                GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  if (!require_user (self, error))
    return NULL;
  list = RANAH_STORE_GET_CLASS (self)->inbox (self, limit, n_total, error);
  if (list == NULL || !order_by_clock (self, list, FALSE, timed_inbox_order, error))
    return NULL;
  return g_steal_pointer (&list);
}

GPtrArray *
ranah_store_inbox (RanahStore  *self,
                   GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  return inbox_in_order (self, 0, NULL, error);
}

GPtrArray *
ranah_store_inbox_head (RanahStore  *self,
                        guint        limit,
                        guint       *n_total,
                        GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  g_return_val_if_fail (n_total != NULL, NULL);
  return inbox_in_order (self, limit, n_total, error);
}

/* Every open request whose step is past its due time by the calendar as it is now: the
 * open requests the user may read, timed here (the stores' due_at columns are a cache
 * nothing judges by). */
GPtrArray *
ranah_store_list_overdue (RanahStore  *self,
                          GError     **error)
{
  RanahRequestFilter filter = { 0 };
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);

  filter.open_only = TRUE;
  if ((list = ranah_store_list_requests (self, &filter, error)) == NULL
      || !order_by_clock (self, list, TRUE, timed_due_order, error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
ranah_store_check_name_free (RanahStore  *self,
                             const char  *name,
                             gint64       except_request_id,
                             GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  if (!check_search_text (name, error))
    return FALSE;
  DISPATCH (check_name_free, FALSE, name, except_request_id, error);
}

gboolean
ranah_store_move (RanahStore       *self,
                  const RanahMove  *move,
                  GError          **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (move != NULL, FALSE);
  /* The same rules as the SQLite backend's, here so that every backend keeps them. */
  if (move->note != NULL
      && !ranah_validate_text (move->note, _("Note"), FALSE, TRUE, 2000, error))
    return FALSE;
  if (move->draft != NULL)
    {
      const RanahLetter *draft = move->draft;

      if (!ranah_validate_text (draft->sifat, _("Sifat"), FALSE, FALSE, 50, error)
          || !ranah_validate_text (draft->lampiran, _("Lampiran"), FALSE, FALSE, 100, error)
          || !ranah_validate_text (draft->hal, _("Hal"), FALSE, FALSE, 300, error)
          || !ranah_validate_text (draft->body, _("Letter body"), FALSE, TRUE, 20000, error))
        return FALSE;
      for (guint i = 0; draft->tembusan != NULL && draft->tembusan[i] != NULL; i++)
        if (!ranah_validate_text (draft->tembusan[i], _("Tembusan"), FALSE, FALSE, 300, error))
          return FALSE;
    }
  DISPATCH (move, FALSE, move, error);
}

GPtrArray *
ranah_store_next_actions (RanahStore         *self,
                          const RanahRequest *request)
{
  RanahStorePrivate *priv = ranah_store_get_instance_private (self);
  GPtrArray *actions;

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (priv->user == NULL)
    return g_ptr_array_new ();

  actions = ranah_workflow_next_actions (request->state, priv->user->role);

  /* Offer only what this person may do: the table's actor rules, and an OPD's own
   * requests. Kelengkapan is not filtered here, so a missing record is explained when the
   * button is pressed rather than hidden. */
  for (guint i = actions->len; i > 0; i--)
    {
      const RanahTransition *t = g_ptr_array_index (actions, i - 1);
      gboolean keep = TRUE;

      if (priv->user->role == RANAH_ROLE_OPD && priv->user->opd_id != request->opd_id)
        keep = FALSE;
      if (t->actor == RANAH_ACTOR_ASSIGNEE && request->assignee_id != 0
          && request->assignee_id != priv->user->id)
        keep = FALSE;
      if (!keep)
        g_ptr_array_remove_index (actions, i - 1);
    }
  return actions;
}

GPtrArray *
ranah_store_list_dispositions (RanahStore  *self,
                               gint64       request_id,
                               GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (list_dispositions, NULL, request_id, error);
}

gboolean
ranah_store_mark_read (RanahStore  *self,
                       gint64       disposition_id,
                       GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  DISPATCH (mark_read, FALSE, disposition_id, error);
}

RanahLetter *
ranah_store_get_letter (RanahStore  *self,
                        gint64       request_id,
                        GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (get_letter, NULL, request_id, error);
}

GBytes *
ranah_store_get_letter_pdf (RanahStore  *self,
                            gint64       letter_id,
                            GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (get_letter_pdf, NULL, letter_id, error);
}

RanahLetter *
ranah_store_find_letter_by_sha256 (RanahStore  *self,
                                   const char  *sha256_hex,
                                   GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256_hex != NULL, NULL);
  DISPATCH (find_letter_by_sha256, NULL, sha256_hex, error);
}

GPtrArray *
ranah_store_list_entries (RanahStore             *self,
                          const RanahEntryFilter *filter,
                          GError                **error)
{
  static const RanahEntryFilter all = { NULL, 0, -1 };

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  if (filter != NULL && !check_search_text (filter->text, error))
    return NULL;
  DISPATCH (list_entries, NULL, filter != NULL ? filter : &all, error);
}

RanahEntry *
ranah_store_get_entry (RanahStore  *self,
                       gint64       id,
                       GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (get_entry, NULL, id, error);
}

RanahEntry *
ranah_store_find_entry_for_request (RanahStore  *self,
                                    gint64       request_id,
                                    const char  *fqdn,
                                    GError     **error)
{
  g_autofree char *folded = NULL;
  g_autoptr(GError) local_error = NULL;
  RanahEntry *entry = NULL;

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!require_user (self, error) || !check_search_text (fqdn, error))
    return NULL;
  /* Every path that writes an entry's FQDN folds it to lowercase (and the migration that
   * indexed the column folded any written by hand), so the backends compare exactly: an
   * index lookup that PostgreSQL can use under row-level security too, where an index on
   * lower (fqdn) would be passed over because lower () is not leakproof. */
  if (fqdn != NULL && *fqdn != '\0')
    folded = g_ascii_strdown (fqdn, -1);
  if (request_id > 0 || folded != NULL)
    entry = RANAH_STORE_GET_CLASS (self)->find_entry_for_request (self, request_id, folded,
                                                                  &local_error);
  if (entry == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_NOT_FOUND,
                     _("No registry entry belongs to this request or bears its name."));
    }
  return entry;
}

gboolean
ranah_store_import_entries (RanahStore  *self,
                            GPtrArray   *entries,
                            GPtrArray  **problems,
                            GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  DISPATCH (import_entries, FALSE, entries, problems, error);
}

gboolean
ranah_store_set_entry_status (RanahStore        *self,
                              gint64             entry_id,
                              gint64             expected_version,
                              RanahEntryStatus   status,
                              const char        *reason,
                              GError           **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  DISPATCH (set_entry_status, FALSE, entry_id, expected_version, status, reason, error);
}

gboolean
ranah_store_record_check (RanahStore  *self,
                          gint64       entry_id,
                          gboolean     ok,
                          const char  *summary,
                          GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  DISPATCH (record_check, FALSE, entry_id, ok, summary, NULL, error);
}

gboolean
ranah_store_record_check_proofs (RanahStore  *self,
                                 gint64       entry_id,
                                 gboolean     ok,
                                 const char  *summary,
                                 GPtrArray   *proofs,
                                 GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  DISPATCH (record_check, FALSE, entry_id, ok, summary, ok ? proofs : NULL, error);
}

gboolean
ranah_store_record_proofs (RanahStore  *self,
                           gint64       request_id,
                           GPtrArray   *records,
                           GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  DISPATCH (record_proofs, FALSE, request_id, records, error);
}

GPtrArray *
ranah_store_list_events (RanahStore  *self,
                         gint64       request_id,
                         GError     **error)
{
  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  DISPATCH (list_events, NULL, request_id, error);
}

/* The first line of an anchor file, and its other lines:
 *   anchor CHAIN_SEQ HASH          the anchor event, in the office's chain
 *   head CHAIN CHAIN_SEQ HASH      the head of every chain when it was made */
#define ANCHOR_MAGIC "Ranah audit anchor v1"

static gboolean
holds_event (GHashTable *by_place,
             gint64      chain,
             gint64      chain_seq,
             const char *hash)
{
  g_autofree char *place = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, chain,
                                            chain_seq);

  return g_strcmp0 (g_hash_table_lookup (by_place, place), hash) == 0;
}

/* Every event @anchor names must still be in @events. */
static void
check_anchor (GPtrArray  *events,
              const char *anchor,
              GPtrArray  *problems)
{
  g_autoptr(GHashTable) by_place = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = g_strsplit (anchor, "\n", -1);
  guint missing = 0, named = 0;

  if (lines[0] == NULL || !g_str_equal (g_strchomp (lines[0]), ANCHOR_MAGIC))
    {
      g_ptr_array_add (problems, g_strdup (_("This is not an audit anchor made by Ranah.")));
      return;
    }
  for (guint i = 0; i < events->len; i++)
    {
      const RanahEvent *e = g_ptr_array_index (events, i);

      if (e->version >= 2)
        g_hash_table_insert (by_place, g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                                        e->chain, e->chain_seq), e->hash);
    }
  for (guint i = 1; lines[i] != NULL; i++)
    {
      gint64 chain = 0, seq = 0;
      char hash[65] = { 0 };

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (sscanf (lines[i], "anchor %" G_GINT64_FORMAT " %64s", &seq, hash) == 2)
        chain = 0;
      else if (sscanf (lines[i], "head %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %64s", &chain,
                       &seq, hash) != 3)
        {
          g_ptr_array_add (problems, g_strdup_printf (_("Line %u of the audit anchor cannot be "
                                                        "read."), i + 1));
          continue;
        }
      named++;
      if (!holds_event (by_place, chain, seq, hash) && missing++ < 20)
        g_ptr_array_add (problems, chain == 0
          ? g_strdup_printf (_("The store no longer holds event %" PRId64 " of the office's "
                               "chain that the anchor names; it was rolled back or cut."), seq)
          : g_strdup_printf (_("The store no longer holds event %" PRId64 " of request %" PRId64
                               " that the anchor names; it was rolled back or cut."), seq,
                             chain));
    }
  if (named == 0)
    g_ptr_array_add (problems, g_strdup (_("The audit anchor names no event.")));
}

gboolean
ranah_store_verify_audit_full (RanahStore  *self,
                               const char  *anchor,
                               GPtrArray  **problems,
                               GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) heads = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RanahAuditState) expected = ranah_audit_state_new ();
  g_autoptr(GError) chain_error = NULL;
  gboolean ok;

  g_return_val_if_fail (RANAH_IS_STORE (self), FALSE);

  /* An OPD's users see only their own requests' events: a chain they cannot see whole
   * cannot be verified, and would look broken. */
  if (!require_user (self, error))
    return FALSE;
  if (ranah_store_get_user (self)->role == RANAH_ROLE_OPD)
    {
      g_set_error (error, RANAH_STORE_ERROR, RANAH_STORE_ERROR_PERMISSION,
                   _("Only DKISP officials may verify the whole audit trail."));
      return FALSE;
    }
  events = ranah_store_list_events (self, 0, error);
  if (events == NULL
      || !RANAH_STORE_GET_CLASS (self)->audit_state (self, &rows, &heads, error))
    return FALSE;

  if (!ranah_audit_verify_chains (events, heads, &chain_error))
    g_ptr_array_add (found, g_strdup (chain_error->message));
  /* What the events imply, the last word on each row winning; compared even when the
   * chain is broken, so that every row that differs is named too. */
  for (guint i = 0; i < events->len; i++)
    {
      const RanahEvent *e = g_ptr_array_index (events, i);

      if (e->version >= 2)
        ranah_audit_state_apply (expected, e->state);
    }
  ranah_audit_state_compare (expected, rows, found);
  if (anchor != NULL)
    check_anchor (events, anchor, found);

  ok = found->len == 0;
  if (!ok)
    g_set_error_literal (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                         g_ptr_array_index (found, 0));
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return ok;
}

gboolean
ranah_store_verify_audit (RanahStore  *self,
                          GError     **error)
{
  return ranah_store_verify_audit_full (self, NULL, NULL, error);
}

char *
ranah_store_audit_anchor (RanahStore  *self,
                          GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) heads = NULL;
  g_autoptr(GString) text = g_string_new (ANCHOR_MAGIC "\n");
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *digest = NULL, *note = NULL, *hash = NULL;
  g_autoptr(GList) chains = NULL;
  gint64 chain_seq = 0;

  g_return_val_if_fail (RANAH_IS_STORE (self), NULL);
  if (!require_admin (self, error)
      || !RANAH_STORE_GET_CLASS (self)->audit_state (self, &rows, &heads, error))
    return NULL;
  chains = g_hash_table_get_values (heads);
  for (GList *l = chains; l != NULL; l = l->next)
    {
      const RanahAuditHead *h = l->data;

      if (h->chain > 0)
        g_string_append_printf (list, "head %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n",
                                h->chain, h->chain_seq, h->hash);
    }
  /* The anchor event itself records how many chains there were and a digest of their
   * heads, so the trail shows when an anchor was made and of what. */
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, list->str, list->len);
  note = g_strdup_printf ("%u chains, heads %s", g_list_length (chains), digest);
  if (!RANAH_STORE_GET_CLASS (self)->record_anchor (self, note, &chain_seq, &hash, error))
    return NULL;
  g_string_append_printf (text, "anchor %" G_GINT64_FORMAT " %s\n", chain_seq, hash);
  g_string_append_len (text, list->str, list->len);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
