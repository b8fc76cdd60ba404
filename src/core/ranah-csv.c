/* ranah-csv.c — RFC 4180 CSV, and the registry's CSV import and export
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "ranah-csv.h"
#include "ranah-error.h"
#include "ranah-validate.h"

#define OPD_MAX 200
#define CONTACT_NAME_MAX 120
#define PURPOSE_MAX 2000

void
ranah_csv_row_free (RanahCsvRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->fields);
  g_free (row);
}

void
ranah_import_problem_free (RanahImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->reason);
  g_free (problem);
}

static guint
count_lines (const char *start,
             const char *end)
{
  guint line = 1;

  for (const char *p = start; p < end; p++)
    if (*p == '\n')
      line++;
  return line;
}

/* ';' when the first record has more semicolons than commas outside quotes. */
static char
detect_separator (const char *p,
                  const char *end)
{
  gboolean quoted = FALSE;
  guint commas = 0, semicolons = 0;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
    }
  return semicolons > commas ? ';' : ',';
}

GPtrArray *
ranah_csv_parse (const char  *data,
                 gsize        len,
                 GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_csv_row_free);
  const char *invalid = NULL;
  const char *p, *end;
  guint line = 1;
  char sep;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == 0)
    return g_steal_pointer (&rows);
  if (!g_utf8_validate_len (data, len, &invalid))
    {
      if (*invalid == '\0')
        g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                     _("Line %u of the CSV file contains a NUL byte."),
                     count_lines (data, invalid));
      else
        g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                     _("Line %u of the CSV file is not valid UTF-8 text; save the file as UTF-8."),
                     count_lines (data, invalid));
      return NULL;
    }

  p = data;
  end = data + len;
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  sep = detect_separator (p, end);

  while (p < end)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      guint row_line = line;
      gboolean quoted_any = FALSE;

      for (;;)
        {
          GString *field = g_string_new (NULL);

          if (p < end && *p == '"')
            {
              guint quote_line = line;

              quoted_any = TRUE;
              p++;
              for (;;)
                {
                  if (p >= end)
                    {
                      g_string_free (field, TRUE);
                      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                                   _("Line %u of the CSV file opens a quoted field that is never "
                                     "closed."),
                                   quote_line);
                      return NULL;
                    }
                  if (*p == '"')
                    {
                      if (p + 1 < end && p[1] == '"')
                        {
                          g_string_append_c (field, '"');
                          p += 2;
                          continue;
                        }
                      p++;
                      break;
                    }
                  if (*p == '\n')
                    line++;
                  g_string_append_c (field, *p);
                  p++;
                }
              if (p < end && *p != sep && *p != '\r' && *p != '\n')
                {
                  g_string_free (field, TRUE);
                  g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                               _("Line %u of the CSV file has text after the closing quote of a "
                                 "field."),
                               line);
                  return NULL;
                }
            }
          else
            {
              const char *start = p;

              while (p < end && *p != sep && *p != '\r' && *p != '\n')
                p++;
              g_string_append_len (field, start, p - start);
            }

          g_ptr_array_add (fields, g_string_free (field, FALSE));
          if (p >= end)
            break;
          if (*p == sep)
            {
              p++;
              continue;
            }
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          line++;
          break;
        }

      /* A blank line is no row (spreadsheets leave them at the end). */
      if (fields->len == 1 && !quoted_any && ((char *) fields->pdata[0])[0] == '\0')
        continue;

      {
        RanahCsvRow *row = g_new0 (RanahCsvRow, 1);

        row->line = row_line;
        g_ptr_array_add (fields, NULL);
        row->fields = (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
        g_ptr_array_add (rows, row);
      }
    }

  return g_steal_pointer (&rows);
}

void
ranah_csv_append_row (GString            *out,
                      const char * const *fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *field = fields[i];
      gsize len = strlen (field);
      /* A spreadsheet runs a cell that starts like a formula; tab and CR start one too in
       * some of them. */
      gboolean guard = field[0] != '\0' && strchr ("=+-@\t\r", field[0]) != NULL;
      gboolean quote = strpbrk (field, ",;\"\r\n") != NULL
                       || (len > 0 && (field[0] == ' ' || field[len - 1] == ' '));

      if (i > 0)
        g_string_append_c (out, ',');
      if (quote)
        g_string_append_c (out, '"');
      if (guard)
        g_string_append_c (out, '\'');
      for (const char *c = field; *c; c++)
        {
          if (*c == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *c);
        }
      if (quote)
        g_string_append_c (out, '"');
    }
  g_string_append (out, "\r\n");
}

/* The registry's columns: the export's header names, then two the export adds so that
 * a round trip keeps every record whole. */
typedef enum {
  COL_NAME,
  COL_FQDN,
  COL_OPD,
  COL_PURPOSE,
  COL_TYPE,
  COL_TARGET,
  COL_TTL,
  COL_CONTACT_NAME,
  COL_CONTACT_PHONE,
  COL_CONTACT_EMAIL,
  COL_STATUS,
  COL_ACTIVATED_ON,
  COL_HOST,
  COL_INTERNAL,
  N_COLUMNS
} Column;

static const char *const columns[] = { RANAH_REGISTRY_CSV_COLUMNS, "host", "internal" };

G_STATIC_ASSERT (G_N_ELEMENTS (columns) == N_COLUMNS);

typedef struct {
  int    index[N_COLUMNS];      /* field index in the file, -1 when absent */
  char  *header[N_COLUMNS];     /* the file's header name of each column */
  guint  n_header;
} Layout;

static void
layout_clear (Layout *layout)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (layout->header[i]);
}

/* Equal but for case and Unicode normalisation, as people retype headers and OPD names. */
static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  g_autofree char *na = g_utf8_normalize (fa, -1, G_NORMALIZE_ALL);
  g_autofree char *nb = g_utf8_normalize (fb, -1, G_NORMALIZE_ALL);

  return g_strcmp0 (na, nb) == 0;
}

static int
column_of (const char *name)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_ascii_strcasecmp (columns[i], name) == 0)
      return (int) i;
  return -1;
}

static gboolean
build_layout (Layout       *layout,
              RanahCsvRow  *header,
              const char   *mapping,
              GError      **error)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);
  gboolean mapped[N_COLUMNS] = { FALSE };

  g_ptr_array_set_size (wanted, N_COLUMNS);

  if (mapping != NULL && mapping[0] != '\0')
    {
      g_auto(GStrv) items = g_strsplit (mapping, ",", -1);

      for (guint i = 0; items[i] != NULL; i++)
        {
          char *item = g_strstrip (items[i]);
          char *eq = strchr (item, '=');
          int col;

          if (item[0] == '\0')
            continue;
          if (eq == NULL)
            {
              g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                           _("The column mapping “%s” must be written as column=Header."), item);
              return FALSE;
            }
          *eq = '\0';
          g_strstrip (item);
          g_strstrip (eq + 1);
          col = column_of (item);
          if (col < 0)
            {
              g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                           _("The column mapping names “%s”, which is not a registry column "
                             "(name, fqdn, opd, purpose, type, target, ttl, contact_name, "
                             "contact_phone, contact_email, status, activated_on, host, "
                             "internal)."),
                           item);
              return FALSE;
            }
          if (eq[1] == '\0' || mapped[col])
            {
              g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                           _("The column mapping must give the column “%s” exactly one header "
                             "name."),
                           columns[col]);
              return FALSE;
            }
          mapped[col] = TRUE;
          wanted->pdata[col] = g_strdup (eq + 1);
        }
    }

  layout->n_header = g_strv_length (header->fields);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      const char *name = wanted->pdata[c] != NULL ? wanted->pdata[c] : columns[c];

      layout->index[c] = -1;
      layout->header[c] = g_strdup (name);
      for (guint f = 0; f < layout->n_header; f++)
        {
          g_autofree char *h = g_strstrip (g_strdup (header->fields[f]));

          if (same_text (h, name))
            {
              layout->index[c] = (int) f;
              break;
            }
        }
      if (layout->index[c] < 0 && (mapped[c] || c == COL_NAME || c == COL_OPD || c == COL_TARGET))
        {
          if (mapped[c])
            g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                         _("The file has no column “%s” to read the registry’s “%s” from."),
                         name, columns[c]);
          else
            g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                         _("The file has no column “%s”; map one of its columns to it, as "
                           "%s=Header."),
                         columns[c], columns[c]);
          return FALSE;
        }
    }
  return TRUE;
}

typedef struct {
  guint       line;
  GPtrArray  *problems;
  const Layout *layout;
  RanahCsvRow  *row;
  guint        n_problems;
} RowContext;

static void
row_problem (RowContext *ctx,
             Column      col,
             const char *message)
{
  RanahImportProblem *problem = g_new0 (RanahImportProblem, 1);
  const char *header = ctx->layout->header[col];

  problem->line = ctx->line;
  if (g_ascii_strcasecmp (header, columns[col]) == 0)
    problem->reason = g_strdup_printf (_("Column “%s”: %s"), header, message);
  else
    problem->reason = g_strdup_printf (_("Column “%s” (%s): %s"), header, columns[col], message);
  g_ptr_array_add (ctx->problems, problem);
  ctx->n_problems++;
}

static void
row_error (RowContext *ctx,
           Column      col,
           GError     *error)
{
  row_problem (ctx, col, error->message);
}

/* The field of @col, trimmed, with the export's formula guard taken off again. */
static char *
field_of (RowContext *ctx,
          Column      col)
{
  int index = ctx->layout->index[col];
  char *value;

  if (index < 0 || (guint) index >= g_strv_length (ctx->row->fields))
    return g_strdup ("");
  value = g_strstrip (g_strdup (ctx->row->fields[index]));
  if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
    memmove (value, value + 1, strlen (value));
  return value;
}

static gboolean
row_is_blank (RanahCsvRow *row)
{
  for (guint i = 0; row->fields[i] != NULL; i++)
    {
      g_autofree char *f = g_strstrip (g_strdup (row->fields[i]));
      if (f[0] != '\0')
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_flag (const char *value,
            gboolean   *flag)
{
  const char *yes[] = { "yes", "ya", "y", "true", "1", "internal", NULL };
  const char *no[] = { "", "no", "tidak", "n", "false", "0", "public", "publik", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, yes[i]) == 0)
      return (*flag = TRUE);
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, no[i]) == 0)
      {
        *flag = FALSE;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_status (const char       *value,
              RanahEntryStatus *status)
{
  static const struct { const char *word; RanahEntryStatus status; } aliases[] = {
    { "aktif", RANAH_ENTRY_ACTIVE },
    { "nonaktif", RANAH_ENTRY_SUSPENDED },
    { "non-aktif", RANAH_ENTRY_SUSPENDED },
    { "tidak aktif", RANAH_ENTRY_SUSPENDED },
    { "ditangguhkan", RANAH_ENTRY_SUSPENDED },
    { "dicabut", RANAH_ENTRY_REVOKED },
  };

  if (value[0] == '\0')
    {
      *status = RANAH_ENTRY_ACTIVE;
      return TRUE;
    }
  if (ranah_entry_status_from_string (value, status))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (value, aliases[i].word) == 0)
      {
        *status = aliases[i].status;
        return TRUE;
      }
  return FALSE;
}

/* "27/11/2026" or "27-11-2026", as Indonesian spreadsheets write dates, into YYYY-MM-DD;
 * anything else is returned as it is, for the date rule to judge. */
static char *
normalize_date (const char *value)
{
  guint parts[3] = { 0, 0, 0 };
  guint widths[3] = { 0, 0, 0 };
  guint n = 0;
  char sep = 0;

  for (const char *p = value; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (++widths[n] > 4)
            return g_strdup (value);
          parts[n] = parts[n] * 10 + (*p - '0');
        }
      else if ((*p == '/' || *p == '-') && (sep == 0 || sep == *p) && n < 2 && widths[n] > 0)
        {
          sep = *p;
          n++;
        }
      else
        return g_strdup (value);
    }
  if (n == 2 && widths[0] <= 2 && widths[1] <= 2 && widths[2] == 4
      && g_date_valid_dmy (parts[0], parts[1], parts[2]))
    return g_strdup_printf ("%04u-%02u-%02u", parts[2], parts[1], parts[0]);
  return g_strdup (value);
}

static gboolean
parse_uint (const char *value,
            guint64     max,
            guint      *out)
{
  guint64 v = 0;

  if (value[0] == '\0' || strlen (value) > 10)
    return FALSE;
  for (const char *p = value; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      v = v * 10 + (*p - '0');
    }
  if (v > max)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

static char *
strip_parent (const char *name,
              const char *parent)
{
  gsize n = strlen (name), p = strlen (parent);

  if (n > 0 && name[n - 1] == '.')
    n--;
  if (p > 0 && n > p + 1 && name[n - p - 1] == '.'
      && g_ascii_strncasecmp (name + n - p, parent, p) == 0)
    return g_strndup (name, n - p - 1);
  return g_strndup (name, n);
}

/* @name in lower case without its final dot. */
static char *
without_final_dot (const char *name)
{
  gsize n = strlen (name);

  return g_ascii_strdown (name, n > 0 && name[n - 1] == '.' ? (gssize) n - 1 : (gssize) n);
}

/* The record a row describes, or NULL after reporting what is wrong with it. */
static RanahRecord *
row_record (RowContext *ctx)
{
  g_autofree char *type_text = field_of (ctx, COL_TYPE);
  g_autofree char *target = field_of (ctx, COL_TARGET);
  g_autofree char *ttl_text = field_of (ctx, COL_TTL);
  g_autofree char *host = field_of (ctx, COL_HOST);
  g_autofree char *internal_text = field_of (ctx, COL_INTERNAL);
  g_autoptr(RanahRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  RanahRecordType type = RANAH_RECORD_CNAME;
  guint ttl = 0, priority = 0;
  gboolean internal = FALSE;
  guint before = ctx->n_problems;

  if (target[0] == '\0')
    {
      row_problem (ctx, COL_TARGET, _("The target may not be empty."));
      return NULL;
    }
  if (type_text[0] == '\0')
    {
      /* An address says A or AAAA by its form; anything else is taken as a CNAME. */
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (target);

      if (address != NULL)
        type = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4
               ? RANAH_RECORD_A : RANAH_RECORD_AAAA;
    }
  else if (!ranah_record_type_from_string (type_text, &type))
    {
      g_autofree char *message = g_strdup_printf (_("The record type “%s” is not one of A, AAAA, "
                                                    "CNAME, TXT or MX."),
                                                  type_text);
      row_problem (ctx, COL_TYPE, message);
    }

  if (type == RANAH_RECORD_MX)
    {
      /* "10 mail.example.go.id", as zone files write it; 10 when no priority is given. */
      char *space = strchr (target, ' ');

      priority = 10;
      if (space != NULL)
        {
          *space = '\0';
          if (!parse_uint (target, 65535, &priority))
            row_problem (ctx, COL_TARGET, _("The priority of an MX target must be a number from 0 "
                                            "to 65535."));
          memmove (target, space + 1, strlen (space + 1) + 1);
          g_strstrip (target);
        }
    }

  if (ttl_text[0] != '\0' && (!parse_uint (ttl_text, G_MAXUINT, &ttl)
                              || (ttl != 0 && (ttl < 60 || ttl > 86400))))
    {
      g_autofree char *message = g_strdup_printf (_("The TTL “%s” must be 0 or a number of "
                                                    "seconds from 60 to 86400."),
                                                  ttl_text);
      row_problem (ctx, COL_TTL, message);
    }
  if (!parse_flag (internal_text, &internal))
    {
      g_autofree char *message = g_strdup_printf (_("The value “%s” must be “yes” or “no”."),
                                                  internal_text);
      row_problem (ctx, COL_INTERNAL, message);
    }
  if (ctx->n_problems > before)
    return NULL;

  record = ranah_record_new (type, host, target);
  record->ttl = ttl;
  record->priority = priority;
  record->internal = internal;
  if (!ranah_validate_record (record, &error))
    {
      row_error (ctx, COL_TARGET, error);
      return NULL;
    }
  return g_steal_pointer (&record);
}

static void
check_text (RowContext *ctx,
            Column      col,
            const char *value,
            const char *field,
            gboolean    required,
            gboolean    multiline,
            guint       max)
{
  g_autoptr(GError) error = NULL;

  if (!ranah_validate_text (value, field, required, multiline, max, &error))
    row_error (ctx, col, error);
}

/* Fills an empty field of @entry from a later row of the same name. */
static void
fill_empty (char       **slot,
            const char  *value)
{
  if ((*slot)[0] == '\0' && value[0] != '\0')
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

gboolean
ranah_registry_csv_read (const char   *data,
                         gsize         len,
                         const char   *mapping,
                         const char   *parent_domain,
                         GPtrArray   **entries,
                         GPtrArray   **problems,
                         GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) out_entries = NULL;
  g_autoptr(GPtrArray) out_problems = NULL;
  g_autoptr(GHashTable) by_name = NULL;   /* name → RanahEntry*, borrowed */
  g_autoptr(GHashTable) first_line = NULL; /* name → line where it first appeared */
  g_autofree char *parent = NULL;
  Layout layout = { { 0 } };

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (parent_domain != NULL, FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *entries = NULL;
  *problems = NULL;

  parent = without_final_dot (parent_domain);
  if (!ranah_validate_fqdn (parent, FALSE, NULL))
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The parent domain “%s” is not a valid domain name."), parent_domain);
      return FALSE;
    }

  rows = ranah_csv_parse (data, len, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error (error, RANAH_CORE_ERROR, RANAH_CORE_ERROR_VALIDATION,
                   _("The file is empty; it needs a header line naming its columns."));
      return FALSE;
    }
  if (!build_layout (&layout, g_ptr_array_index (rows, 0), mapping, error))
    {
      layout_clear (&layout);
      return FALSE;
    }

  out_entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  out_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_import_problem_free);
  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first_line = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint r = 1; r < rows->len; r++)
    {
      RanahCsvRow *row = g_ptr_array_index (rows, r);
      RowContext ctx = { row->line, out_problems, &layout, row, 0 };
      g_autofree char *raw_name = NULL, *name_part = NULL, *label = NULL, *fqdn = NULL;
      g_autofree char *fqdn_text = NULL, *opd = NULL, *purpose = NULL;
      g_autofree char *contact_name = NULL, *contact_phone = NULL, *contact_email = NULL;
      g_autofree char *status_text = NULL, *activated_text = NULL, *activated = NULL;
      g_autoptr(GError) local = NULL;
      g_autoptr(RanahRecord) record = NULL;
      RanahEntryStatus status = RANAH_ENTRY_ACTIVE;
      RanahEntry *entry;
      guint n_fields = g_strv_length (row->fields);

      if (row_is_blank (row))
        continue;

      if (n_fields > layout.n_header)
        for (guint f = layout.n_header; f < n_fields; f++)
          {
            g_autofree char *extra = g_strstrip (g_strdup (row->fields[f]));

            if (extra[0] != '\0')
              {
                RanahImportProblem *problem = g_new0 (RanahImportProblem, 1);

                problem->line = row->line;
                problem->reason = g_strdup_printf (_("The row has %u fields but the header names "
                                                     "only %u columns."),
                                                   n_fields, layout.n_header);
                g_ptr_array_add (out_problems, problem);
                ctx.n_problems++;
                break;
              }
          }

      raw_name = field_of (&ctx, COL_NAME);
      name_part = strip_parent (raw_name, parent);
      if (!ranah_validate_label (name_part, &label, NULL, &local))
        row_error (&ctx, COL_NAME, local);
      else
        {
          fqdn = g_strconcat (label, ".", parent, NULL);
          if (!ranah_validate_fqdn (fqdn, FALSE, &local))
            row_error (&ctx, COL_NAME, local);
        }
      g_clear_error (&local);

      fqdn_text = field_of (&ctx, COL_FQDN);
      if (fqdn != NULL && fqdn_text[0] != '\0')
        {
          g_autofree char *given = without_final_dot (fqdn_text);

          if (!g_str_equal (given, fqdn))
            {
              g_autofree char *message = g_strdup_printf (_("The FQDN “%s” does not match the "
                                                            "name, which makes “%s”."),
                                                          fqdn_text, fqdn);
              row_problem (&ctx, COL_FQDN, message);
            }
        }

      opd = field_of (&ctx, COL_OPD);
      check_text (&ctx, COL_OPD, opd, _("OPD"), TRUE, FALSE, OPD_MAX);
      purpose = field_of (&ctx, COL_PURPOSE);
      check_text (&ctx, COL_PURPOSE, purpose, _("purpose"), FALSE, TRUE, PURPOSE_MAX);
      contact_name = field_of (&ctx, COL_CONTACT_NAME);
      check_text (&ctx, COL_CONTACT_NAME, contact_name, _("contact name"), FALSE, FALSE,
                  CONTACT_NAME_MAX);
      contact_phone = field_of (&ctx, COL_CONTACT_PHONE);
      if (contact_phone[0] != '\0'
          && !ranah_validate_phone (contact_phone, _("contact phone"), &local))
        row_error (&ctx, COL_CONTACT_PHONE, local);
      g_clear_error (&local);
      contact_email = field_of (&ctx, COL_CONTACT_EMAIL);
      if (contact_email[0] != '\0'
          && !ranah_validate_email (contact_email, _("contact e-mail"), &local))
        row_error (&ctx, COL_CONTACT_EMAIL, local);
      g_clear_error (&local);

      status_text = field_of (&ctx, COL_STATUS);
      if (!parse_status (status_text, &status))
        {
          g_autofree char *message = g_strdup_printf (_("The status “%s” must be active, "
                                                        "suspended or revoked."),
                                                      status_text);
          row_problem (&ctx, COL_STATUS, message);
        }
      activated_text = field_of (&ctx, COL_ACTIVATED_ON);
      activated = normalize_date (activated_text);
      if (activated[0] != '\0' && !ranah_validate_date (activated, _("activation date"), &local))
        row_error (&ctx, COL_ACTIVATED_ON, local);
      g_clear_error (&local);

      record = row_record (&ctx);
      if (ctx.n_problems > 0 || record == NULL || label == NULL)
        continue;

      entry = g_hash_table_lookup (by_name, label);
      if (entry == NULL)
        {
          entry = ranah_entry_new ();
          /* Not yet a row of any store: the store reports problems by this line. */
          entry->id = row->line;
          g_free (entry->name);
          entry->name = g_strdup (label);
          g_free (entry->fqdn);
          entry->fqdn = g_strdup (fqdn);
          g_free (entry->opd_name);
          entry->opd_name = g_strdup (opd);
          g_free (entry->purpose);
          entry->purpose = g_strdup (purpose);
          g_free (entry->contact_name);
          entry->contact_name = g_strdup (contact_name);
          g_free (entry->contact_phone);
          entry->contact_phone = g_strdup (contact_phone);
          g_free (entry->contact_email);
          entry->contact_email = g_strdup (contact_email);
          g_free (entry->activated_on);
          entry->activated_on = g_strdup (activated);
          entry->status = status;
          g_ptr_array_add (entry->records, g_steal_pointer (&record));
          g_ptr_array_add (out_entries, entry);
          g_hash_table_insert (by_name, g_strdup (label), entry);
          g_hash_table_insert (first_line, g_strdup (label), GUINT_TO_POINTER (row->line));
          continue;
        }

      /* A further record of a name already read: one owner, and records that can stand
       * together at one name. */
      if (!same_text (entry->opd_name, opd))
        {
          guint line = GPOINTER_TO_UINT (g_hash_table_lookup (first_line, label));
          g_autofree char *message = g_strdup_printf (_("The name “%s” already belongs to “%s” on "
                                                        "line %u; one name has one owner."),
                                                      label, entry->opd_name, line);
          row_problem (&ctx, COL_OPD, message);
          continue;
        }
      {
        g_autoptr(GPtrArray) merged = ranah_records_copy (entry->records);

        g_ptr_array_add (merged, ranah_record_copy (record));
        if (!ranah_validate_records (merged, &local))
          {
            row_error (&ctx, COL_TARGET, local);
            continue;
          }
      }
      fill_empty (&entry->purpose, purpose);
      fill_empty (&entry->contact_name, contact_name);
      fill_empty (&entry->contact_phone, contact_phone);
      fill_empty (&entry->contact_email, contact_email);
      fill_empty (&entry->activated_on, activated);
      g_ptr_array_add (entry->records, g_steal_pointer (&record));
    }

  layout_clear (&layout);
  *entries = g_steal_pointer (&out_entries);
  *problems = g_steal_pointer (&out_problems);
  return TRUE;
}

static const char *
or_empty (const char *s)
{
  return s != NULL ? s : "";
}

char *
ranah_registry_csv_write (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (entries != NULL, NULL);

  ranah_csv_append_row (out, (const char * const[]) {
    RANAH_REGISTRY_CSV_COLUMNS, "host", "internal", NULL });
  for (guint i = 0; i < entries->len; i++)
    {
      const RanahEntry *entry = g_ptr_array_index (entries, i);
      guint n = entry->records != NULL ? entry->records->len : 0;

      for (guint r = 0; r < MAX (n, 1u); r++)
        {
          const RanahRecord *record = n > 0 ? g_ptr_array_index (entry->records, r) : NULL;
          g_autofree char *target = NULL;
          g_autofree char *ttl = NULL;
          const char *host = "";

          if (record != NULL)
            {
              target = record->type == RANAH_RECORD_MX
                       ? g_strdup_printf ("%u %s", record->priority, or_empty (record->target))
                       : g_strdup (or_empty (record->target));
              ttl = record->ttl != 0 ? g_strdup_printf ("%u", record->ttl) : g_strdup ("");
              host = g_strcmp0 (record->host, "@") == 0 ? "" : or_empty (record->host);
            }
          ranah_csv_append_row (out, (const char * const[]) {
            or_empty (entry->name), or_empty (entry->fqdn), or_empty (entry->opd_name),
            or_empty (entry->purpose),
            record != NULL ? ranah_record_type_to_string (record->type) : "",
            record != NULL ? target : "",
            record != NULL ? ttl : "",
            or_empty (entry->contact_name), or_empty (entry->contact_phone),
            or_empty (entry->contact_email), ranah_entry_status_to_string (entry->status),
            or_empty (entry->activated_on),
            host, record != NULL && record->internal ? "yes" : "",
            NULL });
        }
    }
  return g_string_free (out, FALSE);
}
