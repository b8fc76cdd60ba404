/* ranah-validate.c — rules for what people type: names, targets, contacts, dates
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <inttypes.h>
#include <string.h>

#include "ranah-error.h"
#include "ranah-validate.h"

#define LABEL_MAX 63
#define FQDN_MAX 253
#define SHOWN_MAX 64

/* Limits of the request's free-text fields, in characters. */
#define PURPOSE_MAX 2000
#define CONTACT_NAME_MAX 120
#define LETTER_NUMBER_MAX 120
#define HAL_MAX 300
#define SIFAT_MAX 40
#define CLASSIFICATION_MAX 40

static const char *const default_reserved[] = {
  "www", "mail", "email", "webmail", "smtp", "pop", "pop3", "imap", "mx", "ns", "ns1", "ns2",
  "ns3", "ns4", "dns", "ftp", "sftp", "admin", "administrator", "root", "hostmaster",
  "postmaster", "webmaster", "abuse", "localhost", "autodiscover", "autoconfig", "cpanel",
  "whm", "webdisk", "vpn", "proxy", "api", "cdn", "static", "portal", "sso", "intranet",
  "test", "dev", "staging", "wpad", "isatap",
  NULL
};

const char * const *
ranah_default_reserved_names (void)
{
  return (const char * const *) default_reserved;
}

/* Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), and the invisible
 * direction marks, which can make a name shown to the user read as another. */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
         || c == 0x200E || c == 0x200F || c == 0x061C;
}

char *
ranah_text_shown (const char *value,
                  guint       max_chars,
                  gboolean    multiline)
{
  g_autofree char *valid = g_utf8_make_valid (value != NULL ? value : "", -1);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (max_chars > 0 && n++ == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (multiline && (c == '\n' || c == '\t'))
        g_string_append_c (out, (char) c);
      else if (g_unichar_type (c) == G_UNICODE_CONTROL || g_unichar_type (c) == G_UNICODE_FORMAT
               || is_bidi_control (c) || c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "<U+%04X>", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* A copy of @value safe to put in a message: valid UTF-8, no control or bidi characters
 * (they could reorder or hide the rest of the sentence), and not too long to read. */
static char *
shown (const char *value)
{
  return ranah_text_shown (value, SHOWN_MAX, FALSE);
}

static gboolean
fail (GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError     **error,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
is_ascii (const char *s)
{
  for (; *s; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

static gboolean
is_ldh (char c,
        gboolean allow_underscore)
{
  return g_ascii_isalnum (c) || c == '-' || (allow_underscore && c == '_');
}

/* Letters, digits and combining marks of any script make an internationalised label;
 * anything else (spaces, symbols, invisible or direction-changing characters) does not,
 * and is refused before IDNA, which would quietly drop or map some of them. */
static gboolean
unicode_label_char_ok (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  if (c == '-' || (c < 0x80 && g_ascii_isalnum (c)))
    return TRUE;
  return c >= 0x80 && (g_unichar_isalnum (c) || type == G_UNICODE_SPACING_MARK
                       || type == G_UNICODE_NON_SPACING_MARK
                       || type == G_UNICODE_ENCLOSING_MARK);
}

/* An xn-- label that decodes to a label a person could have typed, and back to itself. */
static gboolean
a_label_ok (const char *label)
{
  g_autofree char *unicode = g_hostname_to_unicode (label);
  g_autofree char *again = NULL;

  if (unicode == NULL || g_str_equal (unicode, label) || strchr (unicode, '.') != NULL)
    return FALSE;
  for (const char *p = unicode; *p; p = g_utf8_next_char (p))
    if (!unicode_label_char_ok (g_utf8_get_char (p)))
      return FALSE;
  again = g_hostname_to_ascii (unicode);
  return again != NULL && g_ascii_strcasecmp (again, label) == 0;
}

/* The syntax of one ASCII label: @is_name picks the wording for a requested name (its
 * messages say "The name …") or for a domain name (@whole is the whole of it). */
static gboolean
check_ascii_label (const char *label,
                   gsize       len,
                   const char *whole,
                   gboolean    allow_underscore,
                   gboolean    is_name,
                   GError    **error)
{
  g_autofree char *s = shown (whole);

  if (len == 0)
    return is_name
      ? fail (error, _("The name may not be empty."))
      : fail (error, _("The domain name “%s” has an empty label (two dots in a row, or a dot at "
                       "the start)."), s);
  if (len > LABEL_MAX)
    return is_name
      ? fail (error, _("The name “%s” is longer than 63 characters."), s)
      : fail (error, _("The domain name “%s” has a label longer than 63 characters."), s);
  for (gsize i = 0; i < len; i++)
    if (!is_ldh (label[i], allow_underscore))
      {
        if (is_name)
          return fail (error, _("The name “%s” may only contain the letters a–z, the digits 0–9 "
                                "and hyphens."), s);
        return allow_underscore
          ? fail (error, _("The domain name “%s” may only contain the letters a–z, the digits "
                           "0–9, hyphens, underscores and dots."), s)
          : fail (error, _("The domain name “%s” may only contain the letters a–z, the digits "
                           "0–9, hyphens and dots."), s);
      }
  if (label[0] == '-' || label[len - 1] == '-')
    return is_name
      ? fail (error, _("The name “%s” may not start or end with a hyphen."), s)
      : fail (error, _("The domain name “%s” has a label that starts or ends with a hyphen."), s);
  /* RFC 5891 §4.2.3.1: "??--" is reserved for IDNA; only a decodable xn-- label may use it. */
  if (len >= 4 && label[2] == '-' && label[3] == '-')
    {
      g_autofree char *copy = g_strndup (label, len);

      if (g_ascii_strncasecmp (label, "xn", 2) != 0)
        return is_name
          ? fail (error, _("The name “%s” may not have hyphens in both the third and fourth "
                           "position."), s)
          : fail (error, _("The domain name “%s” has a label with hyphens in both the third and "
                           "fourth position."), s);
      if (!a_label_ok (copy))
        return is_name
          ? fail (error, _("The name “%s” starts with xn-- but is not a valid internationalised "
                           "name."), s)
          : fail (error, _("The domain name “%s” has an xn-- label that is not a valid "
                           "internationalised name."), s);
    }
  return TRUE;
}

gboolean
ranah_validate_label (const char  *input,
                      char       **normalized,
                      gboolean    *converted,
                      GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *s = NULL;
  gboolean was_converted = FALSE;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (input, -1, NULL))
    return fail (error, _("The name is not valid UTF-8 text."));

  trimmed = g_strstrip (g_strdup (input));
  s = shown (trimmed);
  /* No label of 63 characters is spelled in more than 63 letters and their marks; this
   * spares IDNA absurdly long input. */
  if (strlen (trimmed) > 8 * LABEL_MAX)
    return fail (error, _("The name “%s” is longer than 63 characters."), s);

  if (is_ascii (trimmed))
    {
      ascii = g_ascii_strdown (trimmed, -1);
      if (strchr (ascii, '.') != NULL)
        return fail (error, _("The name “%s” must be a single label without dots."), s);
    }
  else
    {
      for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (!unicode_label_char_ok (c))
            return fail (error, _("The name “%s” contains the character U+%04X, which a name may "
                                  "not contain."),
                         s, c);
        }
      ascii = g_hostname_to_ascii (trimmed);
      if (ascii == NULL || strchr (ascii, '.') != NULL || !is_ascii (ascii))
        return fail (error, _("The name “%s” cannot be converted to an internationalised (xn--) "
                              "name."), s);
      {
        char *lower = g_ascii_strdown (ascii, -1);
        g_free (ascii);
        ascii = lower;
      }
      was_converted = TRUE;
    }

  if (!check_ascii_label (ascii, strlen (ascii), trimmed, FALSE, TRUE, error))
    return FALSE;

  if (normalized != NULL)
    *normalized = g_steal_pointer (&ascii);
  if (converted != NULL)
    *converted = was_converted;
  return TRUE;
}

char *
ranah_name_display (const char *name)
{
  g_auto(GStrv) labels = NULL;
  g_autofree char *unicode = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL) || !is_ascii (name))
    return g_strdup (name);
  labels = g_strsplit (name, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (labels[i], "xn--", 4) != 0)
        continue;
      /* One label that does not decode as a person could have typed it: the ASCII form is
       * the only honest one to show. */
      if (!a_label_ok (labels[i]))
        return g_strdup (name);
      any = TRUE;
    }
  if (!any || (unicode = g_hostname_to_unicode (name)) == NULL
      || g_ascii_strcasecmp (unicode, name) == 0)
    return g_strdup (name);
  return g_strdup_printf ("%s (%s)", name, unicode);
}

gboolean
ranah_validate_fqdn (const char *fqdn,
                     gboolean    allow_underscore,
                     GError    **error)
{
  g_autofree char *s = NULL;
  gsize len;
  const char *p;

  g_return_val_if_fail (fqdn != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (fqdn, -1, NULL))
    return fail (error, _("The domain name is not valid UTF-8 text."));
  s = shown (fqdn);
  len = strlen (fqdn);
  if (len == 0)
    return fail (error, _("The domain name may not be empty."));
  if (len > 0 && fqdn[len - 1] == '.')
    len--;
  if (len == 0)
    return fail (error, _("The domain name “%s” is only the root; a name is needed."), s);
  if (!is_ascii (fqdn))
    return fail (error, _("The domain name “%s” must be written in ASCII; write internationalised "
                          "labels in their xn-- form."), s);
  if (len > FQDN_MAX)
    return fail (error, _("The domain name “%s” is longer than 253 characters."), s);

  p = fqdn;
  while (p < fqdn + len)
    {
      const char *dot = memchr (p, '.', fqdn + len - p);
      gsize label_len = dot != NULL ? (gsize) (dot - p) : (gsize) (fqdn + len - p);

      if (!check_ascii_label (p, label_len, fqdn, allow_underscore, FALSE, error))
        return FALSE;
      if (dot == NULL)
        break;
      p = dot + 1;
      if (p == fqdn + len)
        return fail (error, _("The domain name “%s” has an empty label (two dots in a row, or a "
                              "dot at the start)."), s);
    }
  return TRUE;
}

static char *
normalize_parent (const char  *parent_domain,
                  GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (parent_domain));
  gsize len = strlen (copy);

  if (len > 0 && copy[len - 1] == '.')
    copy[len - 1] = '\0';
  if (!ranah_validate_fqdn (copy, FALSE, NULL) || strchr (copy, '.') == NULL)
    {
      g_autofree char *s = shown (parent_domain);
      fail (error, _("The parent domain “%s” is not a valid domain name such as "
                     "“tarakankota.go.id”."), s);
      return NULL;
    }
  return g_ascii_strdown (copy, -1);
}

/* The label rules, the reserved list and the total length; returns the A-label and fqdn. */
static gboolean
check_subdomain (const char         *label,
                 const char         *parent_domain,
                 const char * const *reserved,
                 gboolean            check_reserved,
                 char              **out_label,
                 char              **out_fqdn,
                 GError            **error)
{
  g_autofree char *parent = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *fqdn = NULL;

  parent = normalize_parent (parent_domain, error);
  if (parent == NULL)
    return FALSE;
  if (!ranah_validate_label (label, &normalized, NULL, error))
    return FALSE;

  if (check_reserved)
    {
      /* NULL means the default list; an admin who empties the store's list passes an
       * empty array instead. */
      if (reserved == NULL)
        reserved = ranah_default_reserved_names ();
      for (guint i = 0; reserved[i] != NULL; i++)
        if (g_ascii_strcasecmp (reserved[i], normalized) == 0)
          {
            g_autofree char *s = shown (normalized);
            return fail (error, _("The name “%s” is reserved and cannot be requested."), s);
          }
    }

  fqdn = g_strconcat (normalized, ".", parent, NULL);
  if (strlen (fqdn) > FQDN_MAX)
    {
      g_autofree char *s = shown (normalized);
      return fail (error, _("The name “%s” makes the full domain name longer than 253 "
                            "characters."), s);
    }

  if (out_label != NULL)
    *out_label = g_steal_pointer (&normalized);
  if (out_fqdn != NULL)
    *out_fqdn = g_steal_pointer (&fqdn);
  return TRUE;
}

gboolean
ranah_validate_subdomain (const char         *label,
                          const char         *parent_domain,
                          const char * const *reserved,
                          char              **fqdn,
                          GError            **error)
{
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (parent_domain != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_subdomain (label, parent_domain, reserved, TRUE, NULL, fqdn, error);
}

/* Address ranges a public record may not point into (RFC 6890 and its successors). */
typedef struct {
  const char *prefix;
  guint       length;
  const char *what;   /* N_() */
} Range;

static const Range v4_ranges[] = {
  { "255.255.255.255", 32, N_("the broadcast address") },
  { "0.0.0.0", 8, N_("the “this network” range") },
  { "10.0.0.0", 8, N_("a private range") },
  { "100.64.0.0", 10, N_("the shared (carrier-grade NAT) range") },
  { "127.0.0.0", 8, N_("the loopback range") },
  { "169.254.0.0", 16, N_("the link-local range") },
  { "172.16.0.0", 12, N_("a private range") },
  { "192.0.0.0", 24, N_("the IETF protocol assignments range") },
  { "192.0.2.0", 24, N_("a documentation range") },
  { "192.88.99.0", 24, N_("the deprecated 6to4 relay range") },
  { "192.168.0.0", 16, N_("a private range") },
  { "198.18.0.0", 15, N_("the benchmarking range") },
  { "198.51.100.0", 24, N_("a documentation range") },
  { "203.0.113.0", 24, N_("a documentation range") },
  { "224.0.0.0", 4, N_("the multicast range") },
  { "240.0.0.0", 4, N_("the reserved range") },
};

static const Range v6_ranges[] = {
  { "::", 128, N_("the unspecified address") },
  { "::1", 128, N_("the loopback address") },
  { "::ffff:0:0", 96, N_("the IPv4-mapped range") },
  { "::", 96, N_("the deprecated IPv4-compatible range") },
  { "64:ff9b::", 96, N_("the NAT64 translation range") },
  { "64:ff9b:1::", 48, N_("the local NAT64 translation range") },
  { "100::", 64, N_("the discard-only range") },
  { "2001:db8::", 32, N_("a documentation range") },
  { "3fff::", 20, N_("a documentation range") },
  { "2001::", 23, N_("the IETF protocol assignments range") },
  { "2002::", 16, N_("the 6to4 range") },
  { "fc00::", 7, N_("the unique local (private) range") },
  { "fe80::", 10, N_("the link-local range") },
  { "fec0::", 10, N_("the deprecated site-local range") },
  { "ff00::", 8, N_("the multicast range") },
};

static gboolean
in_prefix (const guint8 *address,
           const guint8 *prefix,
           guint         length)
{
  guint bytes = length / 8, bits = length % 8;

  if (memcmp (address, prefix, bytes) != 0)
    return FALSE;
  if (bits == 0)
    return TRUE;
  return ((address[bytes] ^ prefix[bytes]) & (0xff << (8 - bits))) == 0;
}

/* The range @address falls into, NULL when it is public. */
static const char *
reserved_range (GInetAddress *address,
                char        **prefix_text)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);
  gboolean v4 = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4;
  const Range *ranges = v4 ? v4_ranges : v6_ranges;
  guint n = v4 ? G_N_ELEMENTS (v4_ranges) : G_N_ELEMENTS (v6_ranges);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GInetAddress) prefix = g_inet_address_new_from_string (ranges[i].prefix);

      if (in_prefix (bytes, g_inet_address_to_bytes (prefix), ranges[i].length))
        {
          *prefix_text = g_strdup_printf ("%s/%u", ranges[i].prefix, ranges[i].length);
          return ranges[i].what;
        }
    }
  /* Only 2000::/3 is allocated for global unicast; the rest of IPv6 is reserved. */
  if (!v4 && (bytes[0] & 0xe0) != 0x20)
    {
      *prefix_text = g_strdup ("2000::/3");
      return N_("the space outside global unicast");
    }
  return NULL;
}

static gboolean
is_all_digits (const char *s,
               gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* A host name a record points to: an FQDN of two labels or more, not an address. */
static gboolean
check_target_name (const char *target,
                   const char *type,
                   GError    **error)
{
  g_autofree char *s = shown (target);
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GError) local = NULL;
  const char *last;
  gsize len = strlen (target);

  if (len == 0)
    return fail (error, _("The target of the %s record may not be empty."), type);
  address = g_inet_address_new_from_string (target);
  if (address != NULL)
    return fail (error, _("The target “%s” of the %s record is an address; it must be a domain "
                          "name (use an A or AAAA record for an address)."),
                 s, type);
  if (!ranah_validate_fqdn (target, FALSE, &local))
    return fail (error, _("The target of the %s record is invalid: %s"), type, local->message);
  if (target[len - 1] == '.')
    len--;
  last = g_strrstr_len (target, len, ".");
  if (last == NULL)
    return fail (error, _("The target “%s” of the %s record must be a fully qualified domain name "
                          "such as “server.tarakankota.go.id”."),
                 s, type);
  if (is_all_digits (last + 1, target + len - last - 1))
    return fail (error, _("The target “%s” of the %s record ends in a numeric label, which no "
                          "domain name does."),
                 s, type);
  return TRUE;
}

gboolean
ranah_validate_record (const RanahRecord *record,
                       GError           **error)
{
  const char *target;
  const char *type;
  g_autofree char *s = NULL;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((guint) record->type >= RANAH_N_RECORD_TYPES)
    return fail (error, _("The record type %d is not one of A, AAAA, CNAME, TXT or MX."),
                 (int) record->type);
  type = ranah_record_type_to_string (record->type);
  target = record->target != NULL ? record->target : "";
  s = shown (target);

  if (record->host != NULL && record->host[0] != '\0' && !g_str_equal (record->host, "@"))
    {
      g_autoptr(GError) local = NULL;
      gsize len = strlen (record->host);

      if (record->host[len - 1] == '.')
        {
          g_autofree char *h = shown (record->host);
          return fail (error, _("The host “%s” of the %s record must be relative to the "
                                "subdomain, without a final dot."),
                       h, type);
        }
      if (!ranah_validate_fqdn (record->host, TRUE, &local))
        return fail (error, _("The host of the %s record is invalid: %s"), type, local->message);
    }

  if (record->ttl != 0 && (record->ttl < 60 || record->ttl > 86400))
    return fail (error, _("The TTL %u of the %s record must be 0 (the zone’s default) or between "
                          "60 and 86400 seconds."),
                 record->ttl, type);

  switch (record->type)
    {
    case RANAH_RECORD_A:
    case RANAH_RECORD_AAAA:
      {
        gboolean want_v4 = record->type == RANAH_RECORD_A;
        g_autoptr(GInetAddress) address = NULL;
        g_autofree char *prefix = NULL;
        const char *what;

        if (target[0] == '\0')
          return fail (error, _("The address of the %s record may not be empty."), type);
        /* GInetAddress would accept a scope suffix ("fe80::1%eth0"); a record may not. */
        if (strchr (target, '%') == NULL)
          address = g_inet_address_new_from_string (target);
        if (address == NULL)
          return want_v4
            ? fail (error, _("The target “%s” of the A record is not an IPv4 address such as "
                             "203.0.113.10."), s)
            : fail (error, _("The target “%s” of the AAAA record is not an IPv6 address such as "
                             "2001:db8::10."), s);
        if (want_v4 != (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4))
          return want_v4
            ? fail (error, _("The target “%s” of the A record is an IPv6 address; use an AAAA "
                             "record."), s)
            : fail (error, _("The target “%s” of the AAAA record is an IPv4 address; use an A "
                             "record."), s);
        what = reserved_range (address, &prefix);
        if (what != NULL && !record->internal)
          return fail (error, _("The address “%s” of the %s record is in %s (%s); mark the record "
                                "as internal to allow it."),
                       s, type, _(what), prefix);
        return TRUE;
      }

    case RANAH_RECORD_CNAME:
      return check_target_name (target, type, error);

    case RANAH_RECORD_MX:
      if (record->priority > 65535)
        return fail (error, _("The priority %u of the MX record must be between 0 and 65535."),
                     record->priority);
      return check_target_name (target, type, error);

    case RANAH_RECORD_TXT:
      {
        gsize len = strlen (target);

        if (len == 0)
          return fail (error, _("The text of the TXT record may not be empty."));
        if (len > 255)
          return fail (error, _("The text of the TXT record is %zu bytes long; one string holds "
                                "at most 255."),
                       len);
        for (gsize i = 0; i < len; i++)
          if ((guchar) target[i] < 0x20 || (guchar) target[i] > 0x7e)
            return fail (error, _("The text of the TXT record may only contain printable ASCII "
                                  "characters."));
        return TRUE;
      }

    case RANAH_N_RECORD_TYPES:
    default:
      break;
    }
  g_assert_not_reached ();
}

static const char *
or_empty (const char *s)
{
  return s != NULL ? s : "";
}

static char *
host_key (const RanahRecord *record)
{
  const char *host = record->host != NULL ? record->host : "";

  if (g_str_equal (host, "@"))
    host = "";
  return g_ascii_strdown (host, -1);
}

gboolean
ranah_validate_records (GPtrArray  *records,
                        GError    **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (records == NULL || records->len == 0)
    return fail (error, _("The records must list at least one DNS record for the name."));

  for (guint i = 0; i < records->len; i++)
    if (!ranah_validate_record (g_ptr_array_index (records, i), error))
      return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      const RanahRecord *a = g_ptr_array_index (records, i);
      g_autofree char *host_a = host_key (a);

      for (guint j = i + 1; j < records->len; j++)
        {
          const RanahRecord *b = g_ptr_array_index (records, j);
          g_autofree char *host_b = host_key (b);
          g_autofree char *h = NULL;

          if (!g_str_equal (host_a, host_b))
            continue;
          h = shown (host_a[0] != '\0' ? host_a : "@");
          if (a->type == RANAH_RECORD_CNAME && b->type == RANAH_RECORD_CNAME)
            return fail (error, _("The host “%s” may not have two CNAME records."), h);
          if (a->type == RANAH_RECORD_CNAME || b->type == RANAH_RECORD_CNAME)
            return fail (error, _("The host “%s” may not have a CNAME record beside other records "
                                  "(RFC 1034 §3.6.2)."), h);
          if (a->type == b->type
              && g_ascii_strcasecmp (or_empty (a->target), or_empty (b->target)) == 0)
            {
              g_autofree char *t = shown (a->target);
              return fail (error, _("The %s record “%s” at host “%s” is listed twice."),
                           ranah_record_type_to_string (a->type), t, h);
            }
        }
    }
  return TRUE;
}


gboolean
ranah_validate_email (const char *email,
                      const char *field,
                      GError    **error)
{
  g_autofree char *s = NULL;
  const char *at;
  gsize local_len;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  email = or_empty (email);
  s = shown (email);
  if (email[0] == '\0')
    return fail (error, _("The %s may not be empty."), field);
  if (!g_utf8_validate (email, -1, NULL) || !is_ascii (email))
    return fail (error, _("The %s “%s” must be written in ASCII characters."), field, s);
  if (strlen (email) > 254)
    return fail (error, _("The %s “%s” is longer than 254 characters."), field, s);
  at = strchr (email, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return fail (error, _("The %s “%s” must contain exactly one “@”."), field, s);
  local_len = at - email;
  if (local_len == 0 || local_len > 64)
    return fail (error, _("The %s “%s” must have 1 to 64 characters before the “@”."), field, s);
  for (gsize i = 0; i < local_len; i++)
    {
      char c = email[i];

      if (c == '.')
        {
          if (i == 0 || i == local_len - 1 || email[i + 1] == '.')
            return fail (error, _("The %s “%s” may not have a dot at the start or end of its user "
                                  "part, or two dots in a row."),
                         field, s);
          continue;
        }
      if (!g_ascii_isalnum (c) && strchr ("!#$%&'*+/=?^_`{|}~-", c) == NULL)
        return fail (error, _("The %s “%s” has a character before the “@” that an e-mail address "
                              "may not contain."),
                     field, s);
    }
  if (at[1] == '\0' || !ranah_validate_fqdn (at + 1, FALSE, &local)
      || at[strlen (at) - 1] == '.' || strchr (at + 1, '.') == NULL
      || is_all_digits (strrchr (at, '.') + 1, strlen (strrchr (at, '.') + 1)))
    return fail (error, _("The %s “%s” must end in a domain name such as "
                          "“dinkes.tarakankota.go.id”."),
                 field, s);
  return TRUE;
}

gboolean
ranah_validate_phone (const char *phone,
                      const char *field,
                      GError    **error)
{
  g_autofree char *s = NULL;
  GString *digits;
  g_autofree char *d = NULL;
  gboolean plus = FALSE;
  int open = 0, groups = 0;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  phone = or_empty (phone);
  s = shown (phone);
  if (phone[0] == '\0')
    return fail (error, _("The %s may not be empty."), field);

  digits = g_string_new (NULL);
  for (const char *p = phone; *p; p++)
    {
      /* Separators as people write them: "+62 812-3456-7890", "(0551) 21000". */
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '+' && p == phone)
        plus = TRUE;
      else if (*p == ' ' || *p == '-')
        continue;
      else if (*p == '(' && open == 0 && groups == 0)
        {
          open = 1;
          groups = 1;
        }
      else if (*p == ')' && open == 1)
        open = 0;
      else
        {
          g_string_free (digits, TRUE);
          return fail (error, _("The %s “%s” may only contain digits, spaces, hyphens, one "
                                "leading “+” and an area code in parentheses."),
                       field, s);
        }
    }
  d = g_string_free (digits, FALSE);
  if (open != 0)
    return fail (error, _("The %s “%s” has an unclosed parenthesis."), field, s);
  if (plus ? !(g_str_has_prefix (d, "62") && d[2] != '\0' && d[2] != '0')
           : !(d[0] == '0' && d[1] != '\0' && d[1] != '0'))
    return fail (error, _("The %s “%s” must start with +62 or 0 followed by the area or mobile "
                          "code."),
                 field, s);
  if (strlen (d) < 8 || strlen (d) > 15)
    return fail (error, _("The %s “%s” must have 8 to 15 digits."), field, s);
  return TRUE;
}

static gboolean
digits_value (const char *s,
              guint       n,
              guint      *value)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *value = v;
  return TRUE;
}

gboolean
ranah_validate_nip (const char *nip,
                    gboolean    required,
                    GError    **error)
{
  g_autofree char *s = NULL;
  guint by = 0, bm = 0, bd = 0, ay = 0, am = 0, seq = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  nip = or_empty (nip);
  if (nip[0] == '\0')
    return required ? fail (error, _("The NIP may not be empty.")) : TRUE;
  s = shown (nip);
  if (strlen (nip) != 18 || !is_all_digits (nip, 18))
    return fail (error, _("The NIP “%s” must be exactly 18 digits, without spaces."), s);

  digits_value (nip, 4, &by);
  digits_value (nip + 4, 2, &bm);
  digits_value (nip + 6, 2, &bd);
  digits_value (nip + 8, 4, &ay);
  digits_value (nip + 12, 2, &am);
  digits_value (nip + 15, 3, &seq);

  if (by < 1900 || by > 2099 || !g_date_valid_dmy (bd, bm, by))
    return fail (error, _("The NIP “%s” must start with a valid birth date (YYYYMMDD)."), s);
  if (ay < 1900 || ay > 2099 || am < 1 || am > 12)
    return fail (error, _("The NIP “%s” must have a valid appointment year and month (YYYYMM) in "
                          "digits 9 to 14."), s);
  if (ay * 100 + am <= by * 100 + bm)
    return fail (error, _("The NIP “%s” has an appointment date (digits 9 to 14) before the birth "
                          "date."), s);
  if (nip[14] != '1' && nip[14] != '2')
    return fail (error, _("The NIP “%s” must have 1 (male) or 2 (female) as digit 15."), s);
  if (seq == 0)
    return fail (error, _("The NIP “%s” must end in a sequence number from 001 to 999."), s);
  return TRUE;
}

gboolean
ranah_validate_date (const char *date,
                     const char *field,
                     GError    **error)
{
  g_autofree char *s = NULL;
  guint y, m, d;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  date = or_empty (date);
  if (date[0] == '\0')
    return fail (error, _("The %s may not be empty."), field);
  s = shown (date);
  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-'
      || !digits_value (date, 4, &y) || !digits_value (date + 5, 2, &m)
      || !digits_value (date + 8, 2, &d))
    return fail (error, _("The %s “%s” must be a date written as YYYY-MM-DD."), field, s);
  if (y < 1900 || y > 2999 || !g_date_valid_dmy (d, m, y))
    return fail (error, _("The %s “%s” is not a date that exists in the calendar."), field, s);
  return TRUE;
}

gboolean
ranah_validate_text (const char *text,
                     const char *field,
                     gboolean    required,
                     gboolean    multiline,
                     guint       max_chars,
                     GError    **error)
{
  gboolean blank = TRUE;
  glong n;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = or_empty (text);
  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, _("The %s is not valid UTF-8 text."), field);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multiline && (c == '\n' || c == '\t' || (c == '\r' && p[1] == '\n')))
        continue;
      if (g_unichar_type (c) == G_UNICODE_CONTROL)
        return multiline
          ? fail (error, _("The %s may not contain control characters other than line breaks and "
                           "tabs."), field)
          : fail (error, _("The %s must be a single line without control characters."), field);
      if (!multiline && (c == 0x2028 || c == 0x2029))
        return fail (error, _("The %s must be a single line without line or paragraph "
                              "separators."), field);
      /* Direction overrides make a name read differently from what it is, and a purpose
       * or a note read differently from what was stored (the audit trail shows them). */
      if (is_bidi_control (c))
        return fail (error, _("The %s may not contain characters that change the text direction "
                              "(U+%04X)."),
                     field, c);
      if (!g_unichar_isspace (c) && c != 0x200B && c != 0xFEFF)
        blank = FALSE;
    }

  if (required && blank)
    return fail (error, _("The %s may not be empty."), field);
  n = g_utf8_strlen (text, -1);
  if (max_chars > 0 && n > (glong) max_chars)
    return fail (error, _("The %s may have at most %u characters; it has %ld."),
                 field, max_chars, n);
  return TRUE;
}

static gboolean
validate_classification (const char *code,
                         GError    **error)
{
  g_autofree char *s = NULL;
  gsize len = strlen (code);
  gboolean digit_seen = FALSE;

  if (len == 0)
    return TRUE;
  s = shown (code);
  /* Kode klasifikasi arsip: digit groups joined by dots, e.g. 000.5.2 or 400.14.5.4. */
  if (len > CLASSIFICATION_MAX || code[0] == '.' || code[len - 1] == '.')
    return fail (error, _("The classification code “%s” must be digit groups joined by dots, such "
                          "as 000.5.2."), s);
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isdigit (code[i]))
        digit_seen = TRUE;
      else if (code[i] != '.' || code[i + 1] == '.')
        return fail (error, _("The classification code “%s” must be digit groups joined by dots, "
                              "such as 000.5.2."), s);
    }
  if (!digit_seen)
    return fail (error, _("The classification code “%s” must be digit groups joined by dots, such "
                          "as 000.5.2."), s);
  return TRUE;
}

gboolean
ranah_validate_request (RanahRequest       *request,
                        const char         *parent_domain,
                        const char * const *reserved,
                        GError            **error)
{
  g_autofree char *label = NULL;
  g_autofree char *fqdn = NULL;

  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (parent_domain != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_subdomain (or_empty (request->name), parent_domain, reserved, TRUE,
                        &label, &fqdn, error))
    return FALSE;
  g_free (request->name);
  request->name = g_steal_pointer (&label);
  g_free (request->fqdn);
  request->fqdn = g_steal_pointer (&fqdn);

  if (!ranah_validate_records (request->records, error))
    return FALSE;
  if (!ranah_validate_text (request->purpose, _("purpose"), TRUE, TRUE, PURPOSE_MAX, error))
    return FALSE;
  if (!ranah_validate_text (request->contact_name, _("contact name"), TRUE, FALSE,
                            CONTACT_NAME_MAX, error))
    return FALSE;
  if (!ranah_validate_phone (request->contact_phone, _("contact phone"), error))
    return FALSE;
  if (!ranah_validate_email (request->contact_email, _("contact e-mail"), error))
    return FALSE;
  if (!ranah_validate_text (request->letter_number, _("letter number"), TRUE, FALSE,
                            LETTER_NUMBER_MAX, error))
    return FALSE;
  if (!ranah_validate_date (request->letter_date, _("letter date"), error))
    return FALSE;
  if (!ranah_validate_date (request->received_date, _("received date"), error))
    return FALSE;
  if (strcmp (request->received_date, request->letter_date) < 0)
    return fail (error, _("The received date %s may not be before the letter date %s."),
                 request->received_date, request->letter_date);
  if (!ranah_validate_text (request->hal, _("subject (hal)"), TRUE, FALSE, HAL_MAX, error))
    return FALSE;
  if (!validate_classification (or_empty (request->classification), error))
    return FALSE;
  if (!ranah_validate_text (request->sifat, _("nature of the letter (sifat)"), TRUE, FALSE,
                            SIFAT_MAX, error))
    return FALSE;
  return TRUE;
}

/* ---- proofs that DNS serves a record ------------------------------------------------------ */

/* @name in lower case without a final dot. */
static char *
name_folded (const char *name)
{
  gsize len = strlen (name);

  if (len > 0 && name[len - 1] == '.')
    len--;
  return g_ascii_strdown (name, len);
}

static gboolean
names_equal (const char *a,
             const char *b)
{
  g_autofree char *x = name_folded (a);
  g_autofree char *y = name_folded (b);

  return x[0] != '\0' && g_str_equal (x, y);
}

static gboolean
addresses_equal (const char *target,
                 const char *answer,
                 GSocketFamily family)
{
  g_autofree char *stripped = g_strstrip (g_strdup (target));
  g_autoptr(GInetAddress) want = NULL;
  g_autoptr(GInetAddress) got = NULL;

  /* An answer is a bare address: no scope ("%eth0"), no prefix length. */
  if (strpbrk (answer, "%/ ") != NULL || strpbrk (stripped, "%/") != NULL)
    return FALSE;
  want = g_inet_address_new_from_string (stripped);
  got = g_inet_address_new_from_string (answer);
  return want != NULL && got != NULL && g_inet_address_get_family (want) == family
         && g_inet_address_equal (want, got);
}

gboolean
ranah_record_answer_matches (const RanahRecord *record,
                             const char        *answer)
{
  const char *name;
  guint64 priority;
  char *end;

  if (record == NULL || record->target == NULL || answer == NULL || answer[0] == '\0')
    return FALSE;
  switch (record->type)
    {
    case RANAH_RECORD_A:
      return addresses_equal (record->target, answer, G_SOCKET_FAMILY_IPV4);
    case RANAH_RECORD_AAAA:
      return addresses_equal (record->target, answer, G_SOCKET_FAMILY_IPV6);
    case RANAH_RECORD_CNAME:
      return names_equal (record->target, answer);
    case RANAH_RECORD_MX:
      /* "PRIORITY NAME" */
      if (!g_ascii_isdigit (answer[0]))
        return FALSE;
      priority = g_ascii_strtoull (answer, &end, 10);
      if (end - answer > 5 || *end != ' ')
        return FALSE;
      name = end + 1;
      return priority == record->priority && strchr (name, ' ') == NULL
             && names_equal (record->target, name);
    case RANAH_RECORD_TXT:
      return g_str_equal (record->target, answer);
    case RANAH_N_RECORD_TYPES:
    default:
      return FALSE;
    }
}

gboolean
ranah_record_is_proven (const RanahRecord *record)
{
  g_return_val_if_fail (record != NULL, FALSE);

  return record->proof_at != 0 && record->proof_server != NULL
         && ranah_record_answer_matches (record, record->proof_answer);
}

gboolean
ranah_request_check_proven (const RanahRequest  *request,
                            GError             **error)
{
  g_return_val_if_fail (request != NULL, FALSE);

  for (guint i = 0; request->records != NULL && i < request->records->len; i++)
    {
      const RanahRecord *record = g_ptr_array_index (request->records, i);
      g_autofree char *owner = NULL;
      g_autofree char *target = NULL;

      if (ranah_record_is_proven (record))
        continue;
      owner = record->host == NULL || record->host[0] == '\0' || g_str_equal (record->host, "@")
              ? g_strdup (request->fqdn)
              : g_strconcat (record->host, ".", request->fqdn, NULL);
      target = ranah_text_shown (record->target, SHOWN_MAX, FALSE);
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_INCOMPLETE,
                   _("The %s record of %s (%s) has not been seen in DNS yet; create it with "
                     "“ranah-cli dns provision %" PRId64 "” or verify it with "
                     "“ranah-cli dns verify %" PRId64 "”."),
                   ranah_record_type_to_string (record->type), owner, target, request->id,
                   request->id);
      return FALSE;
    }
  return TRUE;
}
