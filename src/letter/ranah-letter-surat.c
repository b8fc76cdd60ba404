/* ranah-letter-surat.c — the Surat Tanggapan: its parts from the profile, the request, the
 * registry entry and the letter, in the order Permendagri 1/2023 sets them
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ranah-letter-private.h"

#define BODY_SIZE        12.0
#define TABLE_SIZE       11.0
#define TEMBUSAN_SIZE    11.0
#define FIRST_INDENT     35.433   /* 1.25 cm */
#define LABEL_GAP        21.0
#define PARAGRAPH_GAP    6.0
#define SIGNATURE_ROOM   70.0
#define QR_SIZE          66.0

/* Private-use characters around a filled-in value that must not break over two lines (a
 * letter number, a date, a short FQDN); removed before the text is laid out. */
#define KEEP_OPEN  "\xee\x80\x80"
#define KEEP_CLOSE "\xee\x80\x81"
#define KEEP_MAX   40

/* What the signature block shows for a field nobody filled in. */
#define DOTS "......................................"

typedef enum {
  PART_PARAGRAPH,
  PART_ITEM,
  PART_RECORDS,
} PartKind;

typedef struct {
  PartKind kind;
  char    *label;   /* "1." for an item */
  char    *text;
} Part;

typedef struct {
  GHashTable         *profile;
  const RanahRequest *request;
  const RanahOpd     *opd;
  const RanahEntry   *entry;
  const RanahLetter  *letter;
  char               *addressee;
  char               *place;
} Context;

static const char *const placeholders[] = {
  "pemohon", "nomor_surat", "tanggal_surat", "hal", "fqdn", "nama", "tanggal_aktif",
  "rekaman", "dinas", "dasar_hukum", "alasan", "opd",
};

static void
part_free (gpointer data)
{
  Part *part = data;

  g_free (part->label);
  g_free (part->text);
  g_free (part);
}

static void
add_part (GPtrArray  *parts,
          PartKind    kind,
          const char *label,
          const char *text)
{
  Part *part = g_new0 (Part, 1);

  part->kind = kind;
  part->label = g_strdup (label);
  part->text = g_strdup (text);
  g_ptr_array_add (parts, part);
}

static const char *
nonempty (const char *value,
          const char *fallback)
{
  return value != NULL && *value != '\0' ? value : fallback;
}

static char *
long_date (const char *iso)
{
  char *date;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("-");
  date = ranah_format_date_long (iso);
  return date != NULL && *date != '\0' ? date : (g_free (date), g_strdup (iso));
}

static GPtrArray *
records_of (Context *ctx)
{
  if (ctx->entry != NULL && ctx->entry->records != NULL && ctx->entry->records->len > 0)
    return ctx->entry->records;
  return ctx->request->records;
}

static const char *
fqdn_of (Context *ctx)
{
  if (ctx->entry != NULL && ctx->entry->fqdn != NULL && *ctx->entry->fqdn != '\0')
    return ctx->entry->fqdn;
  return nonempty (ctx->request->fqdn, "-");
}

static char *
record_name (Context           *ctx,
             const RanahRecord *record)
{
  if (record->host == NULL || *record->host == '\0' || g_str_equal (record->host, "@"))
    return g_strdup (fqdn_of (ctx));
  return g_strconcat (record->host, ".", fqdn_of (ctx), NULL);
}

static char *
record_target (const RanahRecord *record)
{
  if (record->type == RANAH_RECORD_MX)
    return g_strdup_printf ("%u %s", record->priority, record->target);
  if (record->type == RANAH_RECORD_TXT)
    return g_strdup_printf ("\"%s\"", record->target);
  return g_strdup (record->target);
}

static char *
records_inline (Context *ctx)
{
  GPtrArray *records = records_of (ctx);
  GString *text = g_string_new (NULL);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const RanahRecord *record = g_ptr_array_index (records, i);
      g_autofree char *name = record_name (ctx, record);
      g_autofree char *target = record_target (record);

      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s %s %s", name,
                              ranah_record_type_to_string (record->type), target);
    }
  if (text->len == 0)
    g_string_append (text, "-");
  return g_string_free (text, FALSE);
}

/* Since when the name is active: the registry entry's date (the day DNS was seen to serve
 * its records, set at step 7), else, before there is an entry, the day of the request's
 * latest proof (ranah_store_record_proofs ()). */
static char *
activation_date (Context *ctx)
{
  gint64 proven = 0;

  if (ctx->entry != NULL && ctx->entry->activated_on != NULL && *ctx->entry->activated_on)
    return long_date (ctx->entry->activated_on);
  for (guint i = 0; ctx->request->records != NULL && i < ctx->request->records->len; i++)
    proven = MAX (proven, ((const RanahRecord *) g_ptr_array_index (ctx->request->records,
                                                                    i))->proof_at);
  if (proven != 0)
    return ranah_letter_date_from_unix (ctx->profile, proven);
  if (ctx->letter->letter_date != NULL && *ctx->letter->letter_date != '\0')
    return long_date (ctx->letter->letter_date);
  return ranah_letter_date_from_unix (ctx->profile, g_get_real_time () / G_USEC_PER_SEC);
}

static char *
agency_in_text (GHashTable *profile)
{
  g_autofree char *agency = ranah_letter_title_case (ranah_profile_value (profile,
                                                                          RANAH_PROFILE_AGENCY));
  g_autofree char *region = ranah_letter_region (profile);

  return g_strconcat (agency, " ", region, NULL);
}

static char *
joined_lines (const char *text,
              const char *separator)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, lines[i]);
    }
  if (out->len == 0)
    g_string_append (out, "-");
  return g_string_free (out, FALSE);
}

/* The inline value of a placeholder; NULL for an unknown one. */
static char *
placeholder_value (Context    *ctx,
                   const char *name)
{
  const RanahRequest *request = ctx->request;

  if (g_str_equal (name, "pemohon"))
    return g_strdup (ctx->addressee);
  if (g_str_equal (name, "nomor_surat"))
    return g_strdup (nonempty (request->letter_number, "-"));
  if (g_str_equal (name, "tanggal_surat"))
    return long_date (request->letter_date);
  if (g_str_equal (name, "hal"))
    return g_strdup (nonempty (request->hal, "-"));
  /* The letter names an internationalised name in both its forms, the xn-- one first: the
   * one DNS serves and the one the OPD asked for (ranah_name_display()). */
  if (g_str_equal (name, "fqdn"))
    return ranah_name_display (fqdn_of (ctx));
  if (g_str_equal (name, "nama"))
    return ranah_name_display (nonempty (request->name, "-"));
  if (g_str_equal (name, "tanggal_aktif"))
    return activation_date (ctx);
  if (g_str_equal (name, "rekaman"))
    return records_inline (ctx);
  if (g_str_equal (name, "dinas"))
    return agency_in_text (ctx->profile);
  if (g_str_equal (name, "dasar_hukum"))
    return joined_lines (ranah_profile_value (ctx->profile, RANAH_PROFILE_LEGAL_BASIS), "; ");
  if (g_str_equal (name, "alasan"))
    return joined_lines (request->note, " ");
  if (g_str_equal (name, "opd"))
    return g_strdup (nonempty (request->opd_name, "-"));
  return NULL;
}

/* Replaces every {placeholder} of @line; with a NULL @ctx only checks the names. */
/* Appends @len bytes of @text (all of it when -1) without the keep markers' characters:
 * only fill_line() puts markers, around the values it fills in; the same private-use
 * characters typed or pasted into a template or a request are dropped. */
static void
append_unmarked (GString    *out,
                 const char *text,
                 gssize      len)
{
  const char *end = len < 0 ? text + strlen (text) : text + len;

  for (const char *p = text; p < end;)
    if (end - p >= 3 && (strncmp (p, KEEP_OPEN, 3) == 0 || strncmp (p, KEEP_CLOSE, 3) == 0))
      p += 3;
    else
      g_string_append_c (out, *p++);
}

/* @text on one line (between keep markers) when it fits one, else as it is. */
static void
append_kept (GString    *out,
             const char *text)
{
  gboolean keep = strlen (text) <= KEEP_MAX;

  if (keep)
    g_string_append (out, KEEP_OPEN);
  append_unmarked (out, text, -1);
  if (keep)
    g_string_append (out, KEEP_CLOSE);
}

static char *
fill_line (const char  *line,
           Context     *ctx,
           GError     **error)
{
  GString *out = g_string_new (NULL);
  const char *p = line;

  while (*p != '\0')
    {
      const char *open = strpbrk (p, "{}");
      const char *close;
      g_autofree char *name = NULL;
      gboolean known = FALSE;

      if (open == NULL)
        {
          append_unmarked (out, p, -1);
          break;
        }
      append_unmarked (out, p, open - p);
      close = *open == '{' ? strchr (open + 1, '}') : NULL;
      if (close == NULL || memchr (open + 1, '{', close - open - 1) != NULL)
        {
          /* Twenty characters, not bytes: a cut through a character is not UTF-8. */
          g_autofree char *near = g_utf8_substring (open, 0,
                                                    MIN (20, g_utf8_strlen (open, -1)));

          g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID,
                       _("The letter template has an unbalanced brace near “%s”."), near);
          g_string_free (out, TRUE);
          return NULL;
        }
      name = g_strndup (open + 1, close - open - 1);
      for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
        known |= g_str_equal (name, placeholders[i]);
      if (!known)
        {
          g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID,
                       _("The letter template names an unknown placeholder {%s}."), name);
          g_string_free (out, TRUE);
          return NULL;
        }
      if (ctx != NULL)
        {
          g_autofree char *value = placeholder_value (ctx, name);
          const char *plain = g_str_equal (name, "fqdn") ? fqdn_of (ctx) : NULL;
          gsize n = plain != NULL ? strlen (plain) : 0;

          /* An internationalised name, "xn--… (…)": each form kept on one line of its own,
           * never broken at a hyphen of its xn-- label. */
          if (plain != NULL && strlen (value) > n + 3 && strncmp (value, plain, n) == 0
              && strncmp (value + n, " (", 2) == 0)
            {
              g_autofree char *unicode = g_strndup (value + n + 2, strlen (value) - n - 3);

              append_kept (out, plain);
              g_string_append (out, " (");
              append_kept (out, unicode);
              g_string_append_c (out, ')');
            }
          else if (g_str_equal (name, "nomor_surat") || g_str_equal (name, "fqdn")
                   || g_str_has_prefix (name, "tanggal_"))
            append_kept (out, value);
          else
            append_unmarked (out, value, -1);
        }
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

gboolean
ranah_letter_check_template (const char  *template_,
                             GError     **error)
{
  g_autofree char *checked = NULL;

  g_return_val_if_fail (template_ != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  checked = fill_line (template_, NULL, error);
  return checked != NULL;
}

/* "1. text", "a) text": a numbered item keeps its label in a column of its own. */
static gboolean
split_item (const char  *line,
            char       **label,
            char       **text)
{
  const char *p = line;

  if (g_ascii_isdigit (*p))
    while (g_ascii_isdigit (*p))
      p++;
  else if (g_ascii_islower (*p) && (p[1] == '.' || p[1] == ')'))
    p++;
  else
    return FALSE;
  if ((*p != '.' && *p != ')') || p[1] != ' ')
    return FALSE;
  *label = g_strndup (line, p + 1 - line);
  *text = g_strdup (p + 2);
  g_strstrip (*text);
  return TRUE;
}

static void
add_text_part (GPtrArray  *parts,
               const char *line)
{
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;

  if (split_item (line, &label, &text))
    add_part (parts, PART_ITEM, label, text);
  else
    add_part (parts, PART_PARAGRAPH, NULL, line);
}

static void
add_lines_as_items (GPtrArray  *parts,
                    const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *label = NULL;

      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      label = g_strdup_printf ("%u.", ++n);
      add_part (parts, PART_ITEM, label, lines[i]);
    }
  if (n == 0)
    add_part (parts, PART_ITEM, "-", "");
}

/* The body as paragraphs, items and the record table. A template line holding only
 * {rekaman}, {dasar_hukum} or {alasan} becomes a table, a numbered list or paragraphs. */
static GPtrArray *
body_parts (Context  *ctx,
            GError  **error)
{
  const RanahLetter *letter = ctx->letter;
  const char *template_ = letter->body;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (part_free);
  g_auto(GStrv) lines = NULL;

  if (template_ == NULL || *template_ == '\0')
    template_ = ranah_profile_value (ctx->profile,
                                     letter->kind == RANAH_OUTCOME_REFUSED
                                     ? RANAH_PROFILE_TEMPLATE_REFUSAL
                                     : RANAH_PROFILE_TEMPLATE_APPROVAL);

  lines = g_strsplit (template_, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_autofree char *filled = NULL;

      if (*line == '\0')
        continue;
      if (g_str_equal (line, "{rekaman}"))
        {
          add_part (parts, PART_RECORDS, NULL, NULL);
          continue;
        }
      if (g_str_equal (line, "{dasar_hukum}"))
        {
          add_lines_as_items (parts, ranah_profile_value (ctx->profile,
                                                          RANAH_PROFILE_LEGAL_BASIS));
          continue;
        }
      if (g_str_equal (line, "{alasan}"))
        {
          g_auto(GStrv) reasons = g_strsplit (nonempty (ctx->request->note, "-"), "\n", -1);

          for (guint k = 0; reasons[k] != NULL; k++)
            if (*g_strstrip (reasons[k]) != '\0')
              add_text_part (parts, reasons[k]);
          continue;
        }
      filled = fill_line (line, ctx, error);
      if (filled == NULL)
        return NULL;
      add_text_part (parts, filled);
    }
  return g_steal_pointer (&parts);
}

/* Whether @layout's text from @start to @end, alone on a line, fits its width (less its
 * indent). */
static gboolean
span_fits_line (PangoLayout *layout,
                const char  *text,
                guint        start,
                guint        end)
{
  g_autoptr(PangoLayout) alone = pango_layout_copy (layout);
  int width = pango_layout_get_width (layout) - ABS (pango_layout_get_indent (layout));
  int span_width;

  if (pango_layout_get_width (layout) < 0)
    return TRUE;
  pango_layout_set_attributes (alone, NULL);
  pango_layout_set_width (alone, -1);
  pango_layout_set_text (alone, text + start, (int) (end - start));
  pango_layout_get_size (alone, &span_width, NULL);
  return span_width <= width;
}

/* Sets @marked on @layout without its keep markers, forbidding line breaks inside a marked
 * value that fits on a line. One that does not keeps its breaks: Pango 1.50 cannot lay out
 * an unbreakable run wider than its line (process_line() aborts). A marker without its pair
 * is dropped. */
static void
set_marked_text (PangoLayout *layout,
                 const char  *marked)
{
  PangoAttrList *attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (guint));
  GString *text = g_string_new (NULL);
  gint64 start = -1;

  if (attrs == NULL)
    attrs = pango_attr_list_new ();
  for (const char *p = marked; *p != '\0';)
    {
      if (strncmp (p, KEEP_OPEN, 3) == 0)
        {
          start = text->len;
          p += 3;
        }
      else if (strncmp (p, KEEP_CLOSE, 3) == 0)
        {
          if (start >= 0)
            {
              guint span[2] = { (guint) start, (guint) text->len };
              g_array_append_vals (spans, span, 2);
            }
          start = -1;
          p += 3;
        }
      else
        g_string_append_c (text, *p++);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_text (layout, text->str, (int) text->len);
  for (guint i = 0; i + 1 < spans->len; i += 2)
    {
      guint from = g_array_index (spans, guint, i), to = g_array_index (spans, guint, i + 1);

      if (span_fits_line (layout, text->str, from, to))
        {
          PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

          attr->start_index = from;
          attr->end_index = to;
          pango_attr_list_insert (attrs, attr);
        }
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  g_string_free (text, TRUE);
}

static void
add_paragraph (RanahLetterLayout *self,
               const char        *text,
               double             size,
               gboolean           bold,
               double             x,
               double             indent,
               gboolean           justify,
               double             space_before)
{
  g_autoptr(PangoLayout) layout = NULL;

  layout = ranah_letter_layout_text (self, text, size, bold,
                                     ranah_letter_layout_content_width (self) - x,
                                     PANGO_ALIGN_LEFT, justify);
  if (indent != 0)
    pango_layout_set_indent (layout, pango_units_from_double (indent));
  set_marked_text (layout, text);
  ranah_letter_layout_add_paragraph (self, layout, x, space_before, NULL, 0);
}

static void
add_labelled (RanahLetterLayout *self,
              const char        *label,
              double             label_x,
              const char        *text,
              double             text_x,
              double             size,
              gboolean           justify,
              double             space_before)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) label_layout = NULL;

  layout = ranah_letter_layout_text (self, text, size, FALSE,
                                     ranah_letter_layout_content_width (self) - text_x,
                                     PANGO_ALIGN_LEFT, justify);
  set_marked_text (layout, text);
  label_layout = ranah_letter_layout_text (self, label, size, FALSE, -1, PANGO_ALIGN_LEFT,
                                           FALSE);
  ranah_letter_layout_add_paragraph (self, layout, text_x, space_before, label_layout,
                                     label_x);
}

static double
text_width (RanahLetterLayout *self,
            const char        *text,
            double             size)
{
  g_autoptr(PangoLayout) layout = ranah_letter_layout_text (self, text, size, FALSE, -1,
                                                            PANGO_ALIGN_LEFT, FALSE);
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return pango_units_to_double (width);
}

/* Nomor / Sifat / Lampiran / Hal with their colons in one column. */
static void
add_fields (RanahLetterLayout *self,
            Context           *ctx)
{
  const RanahLetter *letter = ctx->letter;
  double colon_x = text_width (self, "Lampiran", BODY_SIZE) + 12.0;
  double value_x = colon_x + text_width (self, ": ", BODY_SIZE) + 2.0;
  const char *hal = nonempty (letter->hal, "Tanggapan atas Permohonan Pembuatan Subdomain");
  struct {
    const char *label;
    const char *value;
  } fields[] = {
    { "Nomor", letter->number != NULL && *letter->number != '\0'
               ? letter->number : "(konsep, belum bernomor)" },
    { "Sifat", nonempty (letter->sifat, "Biasa") },
    { "Lampiran", nonempty (letter->lampiran, "-") },
    { "Hal", hal },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(PangoLayout) value = NULL;
      g_autoptr(PangoLayout) label = NULL;
      g_autofree char *label_text = g_strdup_printf ("%s\t:", fields[i].label);
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT,
                                                                (int) colon_x);

      value = ranah_letter_layout_text (self, fields[i].value, BODY_SIZE, FALSE,
                                        ranah_letter_layout_content_width (self) - value_x,
                                        PANGO_ALIGN_LEFT, FALSE);
      label = ranah_letter_layout_text (self, label_text, BODY_SIZE, FALSE, -1,
                                        PANGO_ALIGN_LEFT, FALSE);
      pango_layout_set_tabs (label, tabs);
      pango_tab_array_free (tabs);
      ranah_letter_layout_add_paragraph (self, value, value_x, i == 0 ? 10.0 : 0, label, 0);
    }
}

static char *
draft_date (Context *ctx)
{
  g_autofree char *today = ranah_letter_date_from_unix (ctx->profile,
                                                        g_get_real_time () / G_USEC_PER_SEC);
  const char *month = strchr (today, ' ');

  /* A draft leaves the day blank for the signer: "Tarakan,        November 2026". */
  return g_strdup_printf ("%s,             %s",
                          ranah_profile_value (ctx->profile, RANAH_PROFILE_CITY),
                          month != NULL ? month + 1 : today);
}

static void
add_heading (RanahLetterLayout *self,
             Context           *ctx)
{
  g_autoptr(PangoLayout) date = NULL;
  g_autofree char *date_text = NULL;
  double yth_x = text_width (self, "Yth. ", BODY_SIZE);

  if (ctx->letter->letter_date != NULL && *ctx->letter->letter_date != '\0')
    {
      g_autofree char *day = long_date (ctx->letter->letter_date);
      date_text = g_strdup_printf ("%s, %s",
                                   ranah_profile_value (ctx->profile, RANAH_PROFILE_CITY), day);
    }
  else
    date_text = draft_date (ctx);
  date = ranah_letter_layout_text (self, date_text, BODY_SIZE, FALSE,
                                   ranah_letter_layout_content_width (self),
                                   PANGO_ALIGN_RIGHT, FALSE);
  ranah_letter_layout_add_paragraph (self, date, 0, 0, NULL, 0);

  add_fields (self, ctx);

  add_labelled (self, "Yth.", 0, ctx->addressee, yth_x, BODY_SIZE, FALSE, 16.0);
  add_paragraph (self, "di", BODY_SIZE, FALSE, 0, 0, FALSE, 0);
  add_paragraph (self, ctx->place, BODY_SIZE, FALSE, FIRST_INDENT, 0, FALSE, 0);
}

static void
add_record_table (RanahLetterLayout *self,
                  Context           *ctx)
{
  GPtrArray *records = records_of (ctx);
  double x0 = FIRST_INDENT;
  double width = ranah_letter_layout_content_width (self) - x0;
  double pad = 3.0;
  double col_no = 26.0;
  double col_type = 50.0;
  double col_name = (width - col_no - col_type) * 0.5;
  double col_target = width - col_no - col_type - col_name;
  double xs[] = { 0, col_no, col_no + col_name, col_no + col_name + col_type };
  double ws[] = { col_no, col_name, col_type, col_target };
  guint n = records != NULL ? records->len : 0;

  for (guint row = 0; row <= n; row++)
    {
      RanahBox *box = ranah_box_new ();
      g_autofree char *number = NULL;
      g_autofree char *name = NULL;
      g_autofree char *target = NULL;
      const char *cells[4];
      PangoLayout *layouts[4];
      double height = 0;

      if (row == 0)
        {
          cells[0] = "No.";
          cells[1] = "Nama";
          cells[2] = "Jenis";
          cells[3] = "Tujuan";
        }
      else
        {
          const RanahRecord *record = g_ptr_array_index (records, row - 1);

          number = g_strdup_printf ("%u.", row);
          name = record_name (ctx, record);
          target = record_target (record);
          cells[0] = number;
          cells[1] = name;
          cells[2] = ranah_record_type_to_string (record->type);
          cells[3] = target;
        }
      for (guint c = 0; c < 4; c++)
        {
          int h;

          layouts[c] = ranah_letter_layout_text (self, cells[c], TABLE_SIZE, row == 0,
                                                 ws[c] - 2 * pad,
                                                 c == 0 || c == 2 ? PANGO_ALIGN_CENTER
                                                                  : PANGO_ALIGN_LEFT,
                                                 FALSE);
          pango_layout_set_line_spacing (layouts[c], 1.0f);
          pango_layout_get_size (layouts[c], NULL, &h);
          height = MAX (height, pango_units_to_double (h));
        }
      height += 2 * pad;
      for (guint c = 0; c < 4; c++)
        {
          ranah_box_add_layout (box, layouts[c], x0 + xs[c] + pad, pad);
          ranah_box_add (box, RANAH_ITEM_RECT, x0 + xs[c], 0, ws[c], height);
          g_object_unref (layouts[c]);
        }
      box->height = height;
      box->space_before = row == 0 ? PARAGRAPH_GAP : 0;
      /* The header row goes with the first record. */
      box->keep_with_next = row == 0 && n > 0;
      ranah_letter_layout_add_box (self, box);
    }
}

static RanahBox *
add_body (RanahLetterLayout  *self,
          Context            *ctx,
          GError            **error)
{
  g_autoptr(GPtrArray) parts = body_parts (ctx, error);
  double label_x = FIRST_INDENT;
  double item_x = FIRST_INDENT + LABEL_GAP;

  if (parts == NULL)
    return NULL;

  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);
      double space = i == 0 ? 16.0 : (part->kind == PART_ITEM ? 2.0 : PARAGRAPH_GAP);

      switch (part->kind)
        {
        case PART_PARAGRAPH:
          add_paragraph (self, part->text, BODY_SIZE, FALSE, 0, FIRST_INDENT, TRUE, space);
          break;
        case PART_ITEM:
          add_labelled (self, part->label, label_x, part->text, item_x, BODY_SIZE, TRUE,
                        space);
          break;
        case PART_RECORDS:
          add_record_table (self, ctx);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return self->boxes->len > 0 ? g_ptr_array_index (self->boxes, self->boxes->len - 1) : NULL;
}

/* A field of the signer's account as printed: without the white space around it. */
static char *
signer_field (const char *value)
{
  return g_strstrip (g_strdup (value != NULL ? value : ""));
}

static gboolean
add_signature (RanahLetterLayout  *self,
               Context            *ctx,
               GError            **error)
{
  const RanahLetter *letter = ctx->letter;
  RanahBox *box = ranah_box_new ();
  double width = ranah_letter_layout_content_width (self);
  double x0 = width * 0.5;
  double col = width - x0;
  /* The signing official's own account, never the profile: what is not filled in shows as
   * dots (a draft's preview names it; signing refuses it, ranah-letter-check.h). */
  const RanahUser *signer = letter->signer;
  g_autofree char *position = signer_field (signer != NULL ? signer->position : NULL);
  g_autofree char *name = signer_field (signer != NULL ? signer->full_name : NULL);
  g_autofree char *rank = signer_field (signer != NULL ? signer->rank : NULL);
  g_autofree char *nip = signer_field (signer != NULL ? signer->nip : NULL);
  g_autofree char *position_upper = g_utf8_strup (nonempty (position, DOTS), -1);
  g_autofree char *position_text = g_strconcat (position_upper, ",", NULL);
  g_autoptr(PangoLayout) position_layout = NULL;
  g_autoptr(PangoLayout) name_layout = NULL;
  g_autoptr(PangoLayout) rank_layout = NULL;
  g_autofree char *formatted = NULL;
  g_autofree char *nip_text = NULL;
  g_autoptr(PangoLayout) nip_layout = NULL;
  double y = 0;

  position_layout = ranah_letter_layout_text (self, position_text, BODY_SIZE, FALSE, col,
                                              PANGO_ALIGN_LEFT, FALSE);
  y += ranah_box_add_layout (box, position_layout, x0, y);

  y += 4.0;
  if (letter->number != NULL && *letter->number != '\0')
    {
      g_autofree char *payload = ranah_letter_qr_payload (letter);
      g_autofree char *head = ranah_letter_audit_head_text (letter);
      /* With the head of the request's audit chain before this signing, which letter
       * verify looks for in the store. */
      g_autofree char *mark = g_strdup_printf ("Ditandatangani secara elektronik.\n"
                                               "Kode verifikasi:\n%s%s%s",
                                               nonempty (letter->verification_code, "-"),
                                               head != NULL ? "\nJejak audit:\n" : "",
                                               head != NULL ? head : "");
      g_autoptr(PangoLayout) mark_layout = NULL;

      if (!ranah_letter_add_qr (box, payload, x0 - 4.0, y, QR_SIZE, error))
        {
          ranah_box_free (box);
          return FALSE;
        }
      mark_layout = ranah_letter_layout_text (self, mark, 8.0, FALSE, col - QR_SIZE - 2.0,
                                              PANGO_ALIGN_LEFT, FALSE);
      pango_layout_set_line_spacing (mark_layout, 1.0f);
      ranah_box_add_layout (box, mark_layout, x0 + QR_SIZE + 2.0, y + (head != NULL ? 6.0
                                                                                    : 14.0));
    }
  y += SIGNATURE_ROOM;

  name_layout = ranah_letter_layout_text (self, nonempty (name, DOTS), BODY_SIZE, TRUE, col,
                                          PANGO_ALIGN_LEFT, FALSE);
  if (*name != '\0')
    ranah_letter_layout_underline (name_layout);
  y += ranah_box_add_layout (box, name_layout, x0, y);

  rank_layout = ranah_letter_layout_text (self, nonempty (rank, DOTS), BODY_SIZE, FALSE, col,
                                          PANGO_ALIGN_LEFT, FALSE);
  y += ranah_box_add_layout (box, rank_layout, x0, y);
  formatted = ranah_letter_format_nip (nonempty (nip, DOTS));
  nip_text = g_strconcat ("NIP. ", formatted, NULL);
  nip_layout = ranah_letter_layout_text (self, nip_text, BODY_SIZE, FALSE, col,
                                         PANGO_ALIGN_LEFT, FALSE);
  y += ranah_box_add_layout (box, nip_layout, x0, y);

  box->height = y;
  box->space_before = 20.0;
  box->signature = TRUE;
  ranah_letter_layout_add_box (self, box);
  return TRUE;
}

static void
add_tembusan (RanahLetterLayout *self,
              Context           *ctx)
{
  GStrv tembusan = ctx->letter->tembusan;
  guint n = tembusan != NULL ? g_strv_length (tembusan) : 0;
  double item_x = text_width (self, "10. ", TEMBUSAN_SIZE);
  RanahBox *title;
  guint number = 0;

  if (n == 0)
    return;

  add_paragraph (self, "Tembusan:", TEMBUSAN_SIZE, FALSE, 0, 0, FALSE, 22.0);
  title = g_ptr_array_index (self->boxes, self->boxes->len - 1);
  title->keep_with_next = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;

      if (*g_strstrip (tembusan[i]) == '\0')
        continue;
      label = g_strdup_printf ("%u.", ++number);
      add_labelled (self, label, 0, tembusan[i], item_x, TEMBUSAN_SIZE, FALSE, 0);
    }
}

static gboolean
paper_size (GHashTable  *profile,
            double      *width,
            double      *height,
            const char **name,
            GError     **error)
{
  const char *paper = ranah_profile_value (profile, RANAH_PROFILE_PAPER);

  if (g_ascii_strcasecmp (paper, "F4") == 0)
    {
      *width = RANAH_PAPER_F4_WIDTH;
      *height = RANAH_PAPER_F4_HEIGHT;
      *name = "F4";
      return TRUE;
    }
  if (g_ascii_strcasecmp (paper, "A4") == 0 || *paper == '\0')
    {
      *width = RANAH_PAPER_A4_WIDTH;
      *height = RANAH_PAPER_A4_HEIGHT;
      *name = "A4";
      return TRUE;
    }
  g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID,
               _("The paper size “%s” is not known: use A4 or F4."), paper);
  return FALSE;
}

static char *
fallback_addressee (GHashTable         *profile,
                    const RanahRequest *request)
{
  g_autofree char *region = ranah_letter_region (profile);
  const char *opd = nonempty (request->opd_name, "Perangkat Daerah");

  if (g_ascii_strncasecmp (opd, "Kepala ", 7) == 0)
    return g_strdup (opd);
  if (strstr (opd, region) != NULL)
    return g_strconcat ("Kepala ", opd, NULL);
  return g_strconcat ("Kepala ", opd, " ", region, NULL);
}

static void
set_metadata (RanahLetterLayout *self,
              Context           *ctx)
{
  const RanahLetter *letter = ctx->letter;
  gboolean is_signed = letter->number != NULL && *letter->number != '\0';

  self->pdf_title = g_strdup_printf ("Surat Tanggapan %s %s",
                                     is_signed ? letter->number : "(konsep)", fqdn_of (ctx));
  self->pdf_author = g_strdup (ranah_profile_value (ctx->profile, RANAH_PROFILE_AGENCY));
  self->pdf_subject = g_strdup (nonempty (letter->hal, ctx->request->hal));
  if (is_signed)
    {
      g_autoptr(GTimeZone) zone = NULL;
      g_autoptr(GDateTime) utc = NULL;

      self->pdf_keywords = ranah_letter_qr_payload (letter);
      zone = g_time_zone_new_identifier (ranah_profile_value (ctx->profile,
                                                              RANAH_PROFILE_TIMEZONE));
      if (letter->signed_at > 0 && zone != NULL
          && (utc = g_date_time_new_from_unix_utc (letter->signed_at)) != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
          self->pdf_date = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
        }
    }
}

RanahLetterLayout *
ranah_letter_layout_new (GHashTable          *profile,
                         const RanahRequest  *request,
                         const RanahOpd      *opd,
                         const RanahEntry    *entry,
                         const RanahLetter   *letter,
                         GError             **error)
{
  g_autoptr(RanahLetterLayout) self = NULL;
  Context ctx = { profile, request, opd, entry, letter, NULL, NULL };
  const char *paper_name;
  double width, height;
  RanahBox *last;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (letter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!paper_size (profile, &width, &height, &paper_name, error))
    return NULL;

  self = ranah_letter_layout_alloc (profile, width, height, paper_name);
  if (opd != NULL && opd->head_title != NULL && *opd->head_title != '\0')
    ctx.addressee = g_strdup (opd->head_title);
  else
    ctx.addressee = fallback_addressee (profile, request);
  if (opd != NULL && opd->address != NULL && *opd->address != '\0')
    ctx.place = g_strdup (opd->address);
  else
    ctx.place = g_strdup (ranah_profile_value (profile, RANAH_PROFILE_CITY));

  self->head = ranah_letter_kop_new (self, profile, 1.0, error);
  if (self->head == NULL)
    goto fail;

  add_heading (self, &ctx);
  last = add_body (self, &ctx, error);
  if (last == NULL && error != NULL && *error != NULL)
    goto fail;
  /* The closing line stays with the signature. */
  if (last != NULL)
    last->keep_with_next = TRUE;
  if (!add_signature (self, &ctx, error))
    goto fail;
  add_tembusan (self, &ctx);

  if (letter->number == NULL || *letter->number == '\0')
    self->watermark = g_strdup ("KONSEP");
  set_metadata (self, &ctx);
  ranah_letter_layout_paginate (self);

  g_free (ctx.addressee);
  g_free (ctx.place);
  return g_steal_pointer (&self);

fail:
  g_free (ctx.addressee);
  g_free (ctx.place);
  return NULL;
}

GBytes *
ranah_letter_render_pdf (GHashTable          *profile,
                         const RanahRequest  *request,
                         const RanahEntry    *entry,
                         const RanahLetter   *letter,
                         GError             **error)
{
  g_autoptr(RanahLetterLayout) layout = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (letter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  layout = ranah_letter_layout_new (profile, request, NULL, entry, letter, error);
  if (layout == NULL)
    return NULL;
  return ranah_letter_layout_to_pdf (layout, error);
}
