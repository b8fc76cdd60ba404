/* validate-corpus.c — the case corpus core and the PostgreSQL server both answer
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <string.h>

#include "ranah-error.h"
#include "ranah-letter-number.h"
#include "ranah-types.h"
#include "ranah-validate.h"
#include "validate-corpus.h"

static const struct {
  const char *name;
  CorpusKind  kind;
  const char *path_name;
} kinds[] = {
  { "label", CORPUS_LABEL, "label" },
  { "fqdn", CORPUS_FQDN, "fqdn" },
  { "fqdn_", CORPUS_FQDN_UNDERSCORE, "fqdn-underscore" },
  { "record", CORPUS_RECORD, "record" },
  { "records", CORPUS_RECORDS, "records" },
  { "json", CORPUS_JSON, "json" },
  { "number", CORPUS_NUMBER, "number" },
};

static void
corpus_case_free (gpointer data)
{
  CorpusCase *c = data;

  g_free (c->input);
  g_clear_pointer (&c->items, g_ptr_array_unref);
  g_free (c->expected);
  g_free (c->core_answer);
  g_free (c->path);
  g_free (c);
}

static gboolean
bad_line (GError    **error,
          guint       line,
          const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "validate-corpus line %u: %s", line,
               what);
  return FALSE;
}

/* Appends the escape at *@p (just after its backslash) to @out and moves *@p past it:
 * \t \n \r \\ \| \; \xHH (one byte) \u{H…} (a code point) \(N*TEXT) (TEXT N times). */
static gboolean
unescape_one (const char **p,
              GString     *out,
              guint        line,
              GError     **error)
{
  const char *s = *p;

  switch (*s)
    {
    case 't':
      g_string_append_c (out, '\t');
      break;
    case 'n':
      g_string_append_c (out, '\n');
      break;
    case 'r':
      g_string_append_c (out, '\r');
      break;
    case '\\':
    case '|':
    case ';':
      g_string_append_c (out, *s);
      break;
    case 'x':
      if (!g_ascii_isxdigit (s[1]) || !g_ascii_isxdigit (s[2]))
        return bad_line (error, line, "\\x needs two hex digits");
      g_string_append_c (out, (char) (g_ascii_xdigit_value (s[1]) * 16
                                      + g_ascii_xdigit_value (s[2])));
      s += 2;
      break;
    case 'u':
      {
        char *end = NULL;
        guint64 c;

        if (s[1] != '{')
          return bad_line (error, line, "\\u needs {HEX}");
        c = g_ascii_strtoull (s + 2, &end, 16);
        if (end == s + 2 || *end != '}' || c == 0 || c > 0x10FFFF
            || (c >= 0xD800 && c <= 0xDFFF))
          return bad_line (error, line, "\\u{…} needs a Unicode scalar value");
        g_string_append_unichar (out, (gunichar) c);
        s = end;
        break;
      }
    case '(':
      {
        char *end = NULL;
        guint64 n = g_ascii_strtoull (s + 1, &end, 10);
        const char *close;

        if (end == s + 1 || *end != '*' || (close = strchr (end, ')')) == NULL || n > 1000)
          return bad_line (error, line, "\\( needs N*TEXT)");
        for (guint64 i = 0; i < n; i++)
          g_string_append_len (out, end + 1, close - end - 1);
        s = close;
        break;
      }
    default:
      return bad_line (error, line, "unknown escape");
    }
  *p = s + 1;
  return TRUE;
}

/* @raw unescaped, split at the unescaped @record_sep and, in each part, @field_sep (0: no
 * splitting): a GPtrArray of records, each a GPtrArray of fields. */
static GPtrArray *
parse_items (const char *raw,
             char        record_sep,
             char        field_sep,
             guint       line,
             GError    **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);

  g_ptr_array_add (records, fields);
  for (const char *p = raw; *p != '\0';)
    {
      if (*p == '\\')
        {
          p++;
          if (!unescape_one (&p, field, line, error))
            return NULL;
        }
      else if (record_sep != 0 && *p == record_sep)
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          fields = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (records, fields);
          p++;
        }
      else if (field_sep != 0 && *p == field_sep)
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          p++;
        }
      else
        g_string_append_c (field, *p++);
    }
  g_ptr_array_add (fields, g_strdup (field->str));
  return g_steal_pointer (&records);
}

static gboolean
is_int (const char *s)
{
  char *end = NULL;
  gint64 v;

  if (s[0] == '\0')
    return FALSE;
  v = g_ascii_strtoll (s, &end, 10);
  return *end == '\0' && v >= G_MININT32 && v <= G_MAXINT32;
}

static gboolean
check_fields (GPtrArray *fields,
              CorpusKind kind,
              guint      line,
              GError   **error)
{
  if (fields->len != 6)
    return bad_line (error, line, "a record or a number has six fields");
  if (kind == CORPUS_NUMBER)
    {
      if (!is_int (fields->pdata[2]) || !is_int (fields->pdata[4]) || !is_int (fields->pdata[5]))
        return bad_line (error, line, "urut, year and month are numbers");
      return TRUE;
    }
  if (!is_int (fields->pdata[3]) || !is_int (fields->pdata[4]))
    return bad_line (error, line, "ttl and priority are numbers");
  if (!g_str_equal (fields->pdata[5], "0") && !g_str_equal (fields->pdata[5], "1"))
    return bad_line (error, line, "internal is 0 or 1");
  return TRUE;
}

static gboolean
parse_line (const char  *text,
            guint        line,
            CorpusCase **out,
            GError     **error)
{
  g_auto(GStrv) columns = g_strsplit (text, "\t", -1);
  g_autoptr(GPtrArray) expected = NULL;
  CorpusCase *c;
  guint n = g_strv_length (columns);
  int kind = -1;

  if (n < 3 || n > 4)
    return bad_line (error, line, "a case is KIND, INPUT and EXPECTED, and maybe core=ANSWER");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (columns[0], kinds[i].name))
      kind = (int) i;
  if (kind < 0)
    return bad_line (error, line, "unknown kind");
  if (n == 4 && !g_str_has_prefix (columns[3], "core="))
    return bad_line (error, line, "the fourth column is core=ANSWER");

  c = g_new0 (CorpusCase, 1);
  c->line = line;
  c->kind = kinds[kind].kind;
  c->kind_name = kinds[kind].name;
  c->path = g_strdup_printf ("%04u-%s", line, kinds[kind].path_name);
  *out = c;

  switch (c->kind)
    {
    case CORPUS_RECORD:
    case CORPUS_NUMBER:
      c->items = parse_items (columns[1], 0, '|', line, error);
      if (c->items == NULL || !check_fields (c->items->pdata[0], c->kind, line, error))
        return FALSE;
      break;
    case CORPUS_RECORDS:
      if (columns[1][0] == '\0')
        c->items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      else
        c->items = parse_items (columns[1], ';', '|', line, error);
      if (c->items == NULL)
        return FALSE;
      for (guint i = 0; i < c->items->len; i++)
        if (!check_fields (c->items->pdata[i], c->kind, line, error))
          return FALSE;
      break;
    case CORPUS_LABEL:
    case CORPUS_FQDN:
    case CORPUS_FQDN_UNDERSCORE:
    case CORPUS_JSON:
    default:
      {
        g_autoptr(GPtrArray) whole = parse_items (columns[1], 0, 0, line, error);

        if (whole == NULL)
          return FALSE;
        c->input = g_strdup (((GPtrArray *) whole->pdata[0])->pdata[0]);
        break;
      }
    }

  expected = parse_items (columns[2], 0, 0, line, error);
  if (expected == NULL)
    return FALSE;
  c->expected = g_strdup (((GPtrArray *) expected->pdata[0])->pdata[0]);
  if (c->kind != CORPUS_LABEL && c->kind != CORPUS_NUMBER && !g_str_equal (c->expected, "ok")
      && !g_str_equal (c->expected, "!"))
    return bad_line (error, line, "EXPECTED is ok or !");
  if (n == 4)
    {
      g_autoptr(GPtrArray) answer = parse_items (columns[3] + strlen ("core="), 0, 0, line, error);

      if (answer == NULL)
        return FALSE;
      c->core_answer = g_strdup (((GPtrArray *) answer->pdata[0])->pdata[0]);
      if (g_str_equal (c->core_answer, c->expected))
        return bad_line (error, line, "core=ANSWER repeats EXPECTED");
    }
  return TRUE;
}

GPtrArray *
corpus_load (const char  *path,
             GError     **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (corpus_case_free);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      CorpusCase *c = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      if (!parse_line (lines[i], i + 1, &c, error))
        {
          if (c != NULL)
            corpus_case_free (c);
          return NULL;
        }
      g_ptr_array_add (cases, c);
    }
  return g_steal_pointer (&cases);
}

gint32
corpus_int (const char *field)
{
  return (gint32) g_ascii_strtoll (field, NULL, 10);
}

gboolean
corpus_has_negative (const CorpusCase *c)
{
  static const guint record_numbers[] = { 3, 4 };
  static const guint letter_numbers[] = { 2, 4, 5 };

  for (guint i = 0; c->items != NULL && i < c->items->len; i++)
    {
      GPtrArray *fields = c->items->pdata[i];
      gboolean number = c->kind == CORPUS_NUMBER;
      const guint *which = number ? letter_numbers : record_numbers;
      guint n = number ? G_N_ELEMENTS (letter_numbers) : G_N_ELEMENTS (record_numbers);

      for (guint j = 0; j < n; j++)
        if (corpus_int (fields->pdata[which[j]]) < 0)
          return TRUE;
    }
  return FALSE;
}

gboolean
corpus_is_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

RanahRecord *
corpus_record_new (GPtrArray *fields)
{
  RanahRecordType type = RANAH_N_RECORD_TYPES;
  RanahRecord *record;

  for (guint i = 0; i < RANAH_N_RECORD_TYPES; i++)
    if (g_str_equal (ranah_record_type_to_string (i), fields->pdata[0]))
      type = (RanahRecordType) i;
  record = ranah_record_new (RANAH_RECORD_A, fields->pdata[1], fields->pdata[2]);
  record->type = type;
  record->ttl = (guint) corpus_int (fields->pdata[3]);
  record->priority = (guint) corpus_int (fields->pdata[4]);
  record->internal = g_str_equal (fields->pdata[5], "1");
  return record;
}

static void
json_string (GString    *out,
             const char *key,
             const char *value)
{
  g_string_append_printf (out, "\"%s\":\"", key);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append (out, "\",");
}

char *
corpus_records_json (const CorpusCase *c)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < c->items->len; i++)
    {
      GPtrArray *fields = c->items->pdata[i];

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"id\":0,");
      json_string (out, "type", fields->pdata[0]);
      json_string (out, "host", fields->pdata[1]);
      json_string (out, "target", fields->pdata[2]);
      g_string_append_printf (out, "\"ttl\":%d,\"priority\":%d,\"internal\":%s,"
                                   "\"created\":false,\"verified\":null}",
                              corpus_int (fields->pdata[3]), corpus_int (fields->pdata[4]),
                              g_str_equal (fields->pdata[5], "1") ? "true" : "false");
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

gboolean
corpus_run_core (const CorpusCase *c,
                 char            **output,
                 GError          **error)
{
  switch (c->kind)
    {
    case CORPUS_LABEL:
      return ranah_validate_label (c->input, output, NULL, error);

    case CORPUS_FQDN:
    case CORPUS_FQDN_UNDERSCORE:
      if (!ranah_validate_fqdn (c->input, c->kind == CORPUS_FQDN_UNDERSCORE, error))
        return FALSE;
      *output = g_strdup ("ok");
      return TRUE;

    case CORPUS_RECORD:
      {
        g_autoptr(RanahRecord) record = corpus_record_new (c->items->pdata[0]);

        if (!ranah_validate_record (record, error))
          return FALSE;
        *output = g_strdup ("ok");
        return TRUE;
      }

    case CORPUS_RECORDS:
      {
        g_autoptr(GPtrArray) records =
          g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_record_free);

        for (guint i = 0; i < c->items->len; i++)
          g_ptr_array_add (records, corpus_record_new (c->items->pdata[i]));
        if (!ranah_validate_records (records, error))
          return FALSE;
        *output = g_strdup ("ok");
        return TRUE;
      }

    case CORPUS_NUMBER:
      {
        GPtrArray *f = c->items->pdata[0];

        *output = ranah_letter_number_format (f->pdata[0], f->pdata[1],
                                              (guint) corpus_int (f->pdata[2]), f->pdata[3],
                                              (guint) corpus_int (f->pdata[4]),
                                              (guint) corpus_int (f->pdata[5]), error);
        return *output != NULL;
      }

    case CORPUS_JSON:
    default:
      break;
    }
  g_assert_not_reached ();
}

/* RFC 3492 §6.1. */
static guint
adapt (guint    delta,
       guint    points,
       gboolean first)
{
  guint k = 0;

  delta = first ? delta / 700 : delta / 2;
  delta += delta / points;
  while (delta > 455)
    {
      delta /= 35;
      k += 36;
    }
  return k + 36 * delta / (delta + 38);
}

static char
encode_digit (guint d)
{
  return d < 26 ? 'a' + d : '0' + d - 26;
}

char *
corpus_punycode_label (const gunichar *in,
                       guint           len)
{
  GString *out = g_string_new ("xn--");
  guint basic = 0, handled, n = 128, delta = 0, bias = 72;

  for (guint j = 0; j < len; j++)
    if (in[j] < 128)
      {
        g_string_append_c (out, g_ascii_tolower ((char) in[j]));
        basic++;
      }
  if (basic > 0)
    g_string_append_c (out, '-');
  handled = basic;
  while (handled < len)
    {
      guint m = G_MAXUINT;

      for (guint j = 0; j < len; j++)
        if (in[j] >= n && in[j] < m)
          m = in[j];
      delta += (m - n) * (handled + 1);
      n = m;
      for (guint j = 0; j < len; j++)
        {
          if (in[j] < n)
            delta++;
          else if (in[j] == n)
            {
              guint q = delta;

              for (guint k = 36;; k += 36)
                {
                  guint t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;

                  if (q < t)
                    break;
                  g_string_append_c (out, encode_digit (t + (q - t) % (36 - t)));
                  q = (q - t) / (36 - t);
                }
              g_string_append_c (out, encode_digit (q));
              bias = adapt (delta, handled + 1, handled == basic);
              delta = 0;
              handled++;
            }
        }
      delta++;
      n++;
    }
  return g_string_free (out, FALSE);
}
