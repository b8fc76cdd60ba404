/* ranah-validate.h — rules for what people type: names, targets, contacts, dates
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function returns FALSE with RANAH_CORE_ERROR_VALIDATION and one translatable
 * sentence that names the field and the rule, e.g. "The name “-dinkes” may not start or
 * end with a hyphen." Nothing here does I/O.
 */
#pragma once

#include <glib.h>

#include "ranah-model.h"

G_BEGIN_DECLS

/* A requested subdomain label (RFC 1035/1123): 1–63 of a–z, 0–9 and '-', no leading or
 * trailing hyphen. Upper case is folded. A non-ASCII label is converted to its xn-- form
 * (IDNA via g_hostname_to_ascii) and @normalized says so; a label that cannot be
 * converted is refused. On success *@normalized (if not NULL) is the lowercase A-label. */
gboolean ranah_validate_label       (const char  *input,
                                     char       **normalized,
                                     gboolean    *converted,
                                     GError     **error);

/* A name as a person must read it, for every place that shows a request's or an entry's
 * name: @name (a label or an FQDN, ASCII as validated and served by DNS) followed, when it
 * has xn-- labels that each decode to a valid U-label, by its Unicode form in parentheses:
 * "xn--bcher-kva.tarakankota.go.id (bücher.tarakankota.go.id)". Any other name, or one
 * whose xn-- labels do not decode to a label a person could have typed, is @name alone. */
char    *ranah_name_display         (const char  *name);

/* An absolute or relative DNS name: labels as above (underscores allowed for service
 * labels when @allow_underscore), at most 253 characters without the final dot. */
gboolean ranah_validate_fqdn        (const char  *fqdn,
                                     gboolean     allow_underscore,
                                     GError     **error);

/* @label under @parent_domain: the label rules, the 253-character total, and the reserved
 * list (case-insensitive). *@fqdn receives "label.parent". */
gboolean ranah_validate_subdomain   (const char         *label,
                                     const char         *parent_domain,
                                     const char * const *reserved,
                                     char              **fqdn,
                                     GError            **error);

/* One record: IPv4 for A, IPv6 for AAAA (private, loopback, link-local, multicast,
 * documentation and other reserved ranges refused unless record->internal), a valid FQDN
 * for CNAME and MX, 1–255 printable bytes a string for TXT, TTL 0 or 60–86400. */
gboolean ranah_validate_record      (const RanahRecord *record,
                                     GError           **error);

/* The set of records of one name: each valid, at least one, and no CNAME beside any other
 * record at the same host (RFC 1034 §3.6.2), no two CNAMEs at one host. */
gboolean ranah_validate_records     (GPtrArray   *records,
                                     GError     **error);

gboolean ranah_validate_email       (const char  *email,
                                     const char  *field,
                                     GError     **error);
/* Indonesian phone numbers: +62… or 0…, 8–15 digits, spaces and hyphens allowed. */
gboolean ranah_validate_phone       (const char  *phone,
                                     const char  *field,
                                     GError     **error);
/* NIP: 18 digits whose first 8 are a valid birth date (YYYYMMDD) and next 6 a valid
 * appointment year and month (YYYYMM); "" allowed when !@required. */
gboolean ranah_validate_nip         (const char  *nip,
                                     gboolean     required,
                                     GError     **error);
/* A calendar date YYYY-MM-DD that exists. */
gboolean ranah_validate_date        (const char  *date,
                                     const char  *field,
                                     GError     **error);
/* Non-blank (when @required), valid UTF-8, no control characters but newline/tab when
 * @multiline, no characters that change the text direction (U+202A–U+202E, U+2066–U+2069,
 * U+200E, U+200F, U+061C) in any field, at most @max_chars characters. */
gboolean ranah_validate_text        (const char  *text,
                                     const char  *field,
                                     gboolean     required,
                                     gboolean     multiline,
                                     guint        max_chars,
                                     GError     **error);

/* The whole of a new request as typed (before it reaches a store): every field above.
 * Fills request->name (normalised) and request->fqdn. */
gboolean ranah_validate_request     (RanahRequest       *request,
                                     const char         *parent_domain,
                                     const char * const *reserved,
                                     GError            **error);

/* @value made safe to print on a terminal or put in a message: valid UTF-8, and every
 * control, format (zero-width, direction) and line or paragraph separator character
 * written as <U+XXXX> (newlines and tabs kept when @multiline), cut with "…" after
 * @max_chars characters (0: never). */
char    *ranah_text_shown           (const char  *value,
                                     guint        max_chars,
                                     gboolean     multiline);

/* Whether @answer, the rdata an authoritative server returned for @record's name and
 * type, is @record's target: addresses compared as addresses (of the record's family),
 * names without regard to ASCII case or a final dot, MX as "PRIORITY NAME" with the
 * record's priority, TXT byte for byte. ranah.proof_matches () (002-functions.sql) is
 * the same rule on the server. */
gboolean ranah_record_answer_matches (const RanahRecord *record,
                                      const char        *answer);
/* @record has a proof (ranah-model.h) whose answer matches its target as it is now. */
gboolean ranah_record_is_proven     (const RanahRecord *record);
/* FALSE with RANAH_CORE_ERROR_INCOMPLETE naming the first record of @request that DNS has
 * not been seen to serve, and how to prove it: what steps 5 and 6 need. */
gboolean ranah_request_check_proven (const RanahRequest *request,
                                     GError            **error);
/* The reserved names every new store starts with. NULL-terminated, static. */
const char * const *ranah_default_reserved_names (void);

G_END_DECLS
