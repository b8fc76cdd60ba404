/* ranah-letter-disposition.c — the Lembar Disposisi of a request on A5 or half an F4 sheet
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "ranah-letter-private.h"

#define SHEET_SIZE   9.0
#define CELL_PAD     4.0
#define KOP_SCALE    0.66

typedef struct {
  const char *label;
  char       *value;
} Field;

static const char *
nonempty (const char *value,
          const char *fallback)
{
  return value != NULL && *value != '\0' ? value : fallback;
}

static char *
date_or_dash (const char *iso)
{
  char *date;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("-");
  /* A date that does not exist has no long form: show it as stored. */
  date = ranah_format_date_long (iso);
  return date != NULL ? date : g_strdup (iso);
}

static double
text_width (RanahLetterLayout *self,
            const char        *text,
            double             size,
            gboolean           bold)
{
  g_autoptr(PangoLayout) layout = ranah_letter_layout_text (self, text, size, bold, -1,
                                                            PANGO_ALIGN_LEFT, FALSE);
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return pango_units_to_double (width);
}

/* Label, colon and a wrapping value, starting at (x, y) within width @w; returns the
 * height used. */
static double
add_field (RanahLetterLayout *self,
           RanahBox          *box,
           const char        *label,
           const char        *value,
           double             label_w,
           double             x,
           double             y,
           double             w)
{
  g_autoptr(PangoLayout) label_layout = NULL;
  g_autoptr(PangoLayout) colon = NULL;
  g_autoptr(PangoLayout) value_layout = NULL;
  double colon_w = text_width (self, ": ", SHEET_SIZE, FALSE);
  double h, value_h;

  label_layout = ranah_letter_layout_text (self, label, SHEET_SIZE, FALSE, label_w,
                                           PANGO_ALIGN_LEFT, FALSE);
  colon = ranah_letter_layout_text (self, ":", SHEET_SIZE, FALSE, -1, PANGO_ALIGN_LEFT, FALSE);
  value_layout = ranah_letter_layout_text (self, value, SHEET_SIZE, FALSE,
                                           w - label_w - colon_w, PANGO_ALIGN_LEFT, FALSE);
  pango_layout_set_line_spacing (label_layout, 1.0f);
  pango_layout_set_line_spacing (value_layout, 1.0f);
  h = ranah_box_add_layout (box, label_layout, x, y);
  ranah_box_add_layout (box, colon, x + label_w, y);
  value_h = ranah_box_add_layout (box, value_layout, x + label_w + colon_w, y);
  return MAX (h, value_h);
}

static double
add_fields (RanahLetterLayout *self,
            RanahBox          *box,
            Field             *fields,
            guint              n,
            double             x,
            double             y,
            double             w)
{
  double label_w = 0;
  double y0 = y;

  for (guint i = 0; i < n; i++)
    label_w = MAX (label_w, text_width (self, fields[i].label, SHEET_SIZE, FALSE) + 6.0);
  for (guint i = 0; i < n; i++)
    y += add_field (self, box, fields[i].label, fields[i].value, label_w, x, y, w) + 1.5;
  return y - y0;
}

static void
clear_fields (Field *fields,
              guint  n)
{
  for (guint i = 0; i < n; i++)
    g_free (fields[i].value);
}

static RanahBox *
info_box (RanahLetterLayout  *self,
          GHashTable         *profile,
          const RanahRequest *request)
{
  RanahBox *box = ranah_box_new ();
  double width = ranah_letter_layout_content_width (self);
  double half = width / 2;
  Field left[] = {
    { "Surat dari", g_strdup (nonempty (request->opd_name, "-")) },
    { "Nomor surat", g_strdup (nonempty (request->letter_number, "-")) },
    { "Tanggal surat", date_or_dash (request->letter_date) },
  };
  Field right[] = {
    { "Diterima tanggal", date_or_dash (request->received_date) },
    { "Nomor agenda", request->agenda_number > 0
                      ? g_strdup_printf ("%u/%u", request->agenda_number, request->agenda_year)
                      : g_strdup ("-") },
    { "Sifat", g_strdup (nonempty (request->sifat, "Biasa")) },
  };
  Field full[] = {
    { "Hal", g_strdup (nonempty (request->hal, "-")) },
    { "Subdomain", g_strdup (nonempty (request->fqdn, nonempty (request->name, "-"))) },
  };
  double left_h, right_h, top_h, full_h;

  left_h = add_fields (self, box, left, G_N_ELEMENTS (left), CELL_PAD, CELL_PAD,
                       half - 2 * CELL_PAD);
  right_h = add_fields (self, box, right, G_N_ELEMENTS (right), half + CELL_PAD, CELL_PAD,
                        half - 2 * CELL_PAD);
  top_h = MAX (left_h, right_h) + 2 * CELL_PAD;
  full_h = add_fields (self, box, full, G_N_ELEMENTS (full), CELL_PAD, top_h + CELL_PAD,
                       width - 2 * CELL_PAD) + 2 * CELL_PAD;
  ranah_box_add (box, RANAH_ITEM_RECT, 0, 0, half, top_h);
  ranah_box_add (box, RANAH_ITEM_RECT, half, 0, half, top_h);
  ranah_box_add (box, RANAH_ITEM_RECT, 0, top_h, width, full_h);
  box->height = top_h + full_h;
  box->space_before = 6.0;

  clear_fields (left, G_N_ELEMENTS (left));
  clear_fields (right, G_N_ELEMENTS (right));
  clear_fields (full, G_N_ELEMENTS (full));
  return box;
}

static char *
person (const char *name,
        RanahRole   role)
{
  const char *title = ranah_role_title (role);

  if (name == NULL || *name == '\0')
    return g_strdup (nonempty (title, "-"));
  if (title == NULL || *title == '\0')
    return g_strdup (name);
  return g_strdup_printf ("%s (%s)", name, title);
}

static gboolean
has_instruction (const RanahDisposition *disposition,
                 const char             *nick)
{
  return disposition != NULL && disposition->instructions != NULL
         && g_strv_contains ((const char * const *) disposition->instructions, nick);
}

/* A frame line of a section: the sections are open boxes that may continue on the next
 * page, so their frame is drawn as rules box by box rather than one rectangle. */
static void
add_frame (RanahBox *box,
           double    width,
           gboolean  top,
           gboolean  bottom)
{
  const double line = 0.6;

  ranah_box_add (box, RANAH_ITEM_RULE, -line / 2, 0, line, box->height);
  ranah_box_add (box, RANAH_ITEM_RULE, width - line / 2, 0, line, box->height);
  if (top)
    ranah_box_add (box, RANAH_ITEM_RULE, -line / 2, -line / 2, width + line, line);
  if (bottom)
    ranah_box_add (box, RANAH_ITEM_RULE, -line / 2, box->height - line / 2, width + line, line);
}

/* One disposition, or a blank form to fill in by hand when @disposition is NULL: its
 * heading, fields and checklist stay together; a long note continues line by line. */
static void
add_disposition (RanahLetterLayout      *self,
                 GHashTable             *profile,
                 const RanahDisposition *disposition,
                 guint                   index)
{
  RanahBox *box = ranah_box_new ();
  double width = ranah_letter_layout_content_width (self);
  const char *blank = "..............................................";
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) date_layout = NULL;
  const RanahInstruction *instructions;
  guint n_instructions = 0;
  double y = CELL_PAD, header_h, date_h, col_w, check = 7.0;

  if (disposition != NULL)
    {
      title = g_strdup_printf ("DISPOSISI %u (langkah %u)%s", index + 1, disposition->step,
                               disposition->recalled ? " — DITARIK KEMBALI" : "");
      date = ranah_letter_date_from_unix (profile, disposition->created_at);
    }
  else
    {
      title = g_strdup ("DISPOSISI");
      date = g_strdup ("...........................");
    }

  title_layout = ranah_letter_layout_text (self, title, SHEET_SIZE, TRUE, width * 0.6,
                                           PANGO_ALIGN_LEFT, FALSE);
  {
    g_autofree char *date_text = g_strdup_printf ("Tanggal: %s", date);
    date_layout = ranah_letter_layout_text (self, date_text, SHEET_SIZE, FALSE,
                                            width * 0.4 - 2 * CELL_PAD, PANGO_ALIGN_RIGHT,
                                            FALSE);
  }
  header_h = ranah_box_add_layout (box, title_layout, CELL_PAD, y);
  date_h = ranah_box_add_layout (box, date_layout, width * 0.6 + CELL_PAD, y);
  header_h = MAX (header_h, date_h);
  y += header_h + CELL_PAD;
  ranah_box_add (box, RANAH_ITEM_RULE, 0, y, width, 0.6);
  y += CELL_PAD;

  {
    Field fields[] = {
      { "Dari", disposition != NULL ? person (disposition->from_name, disposition->from_role)
                                    : g_strdup (blank) },
      { "Kepada", disposition != NULL ? person (disposition->to_name, disposition->to_role)
                                      : g_strdup (blank) },
      { "Sifat", disposition != NULL
                 ? g_strdup (ranah_urgency_label (disposition->urgency))
                 : g_strdup ("Biasa / Segera / Sangat Segera") },
      { "Batas waktu", disposition != NULL && disposition->due_at > 0
                       ? ranah_letter_date_from_unix (profile, disposition->due_at)
                       : g_strdup (disposition != NULL ? "-" : blank) },
    };

    y += add_fields (self, box, fields, G_N_ELEMENTS (fields), CELL_PAD, y,
                     width - 2 * CELL_PAD);
    clear_fields (fields, G_N_ELEMENTS (fields));
  }

  /* The checklist: every standard instruction, the chosen ones marked, in two columns. */
  y += 3.0;
  instructions = ranah_instructions (&n_instructions);
  col_w = (width - 2 * CELL_PAD) / 2;
  {
    double row_y = y;
    guint rows = (n_instructions + 1) / 2;

    for (guint i = 0; i < n_instructions; i++)
      {
        guint column = i / rows;
        guint row = i % rows;
        double ix = CELL_PAD + column * col_w;
        double iy = row_y + row * (SHEET_SIZE + 4.0);
        g_autoptr(PangoLayout) label = NULL;
        RanahItem *item;

        item = ranah_box_add (box, RANAH_ITEM_CHECKBOX, ix, iy + 1.5, check, check);
        item->checked = has_instruction (disposition, instructions[i].nick);
        label = ranah_letter_layout_text (self, instructions[i].text, SHEET_SIZE, FALSE,
                                          col_w - check - 8.0, PANGO_ALIGN_LEFT, FALSE);
        pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
        pango_layout_set_line_spacing (label, 1.0f);
        ranah_box_add_layout (box, label, ix + check + 4.0, iy);
      }
    y = row_y + rows * (SHEET_SIZE + 4.0) + 3.0;
  }

  box->height = y;
  box->space_before = 8.0;
  box->keep_with_next = TRUE;
  add_frame (box, width, TRUE, FALSE);
  ranah_letter_layout_add_box (self, box);

  {
    const char *text = disposition != NULL ? nonempty (disposition->note, "-")
                                           : "..................................................."
                                             "......................................................"
                                             "......................................................";
    double label_w = text_width (self, "Catatan", SHEET_SIZE, FALSE) + 6.0;
    double value_x = CELL_PAD + label_w + text_width (self, ": ", SHEET_SIZE, FALSE);
    PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT,
                                                              (int) label_w);
    g_autoptr(PangoLayout) label = ranah_letter_layout_text (self, "Catatan\t:", SHEET_SIZE,
                                                             FALSE, -1, PANGO_ALIGN_LEFT,
                                                             FALSE);
    g_autoptr(PangoLayout) value = ranah_letter_layout_text (self, text, SHEET_SIZE, FALSE,
                                                             width - CELL_PAD - value_x,
                                                             PANGO_ALIGN_LEFT, FALSE);
    guint first = self->boxes->len;

    pango_layout_set_tabs (label, tabs);
    pango_tab_array_free (tabs);
    ranah_letter_layout_add_paragraph (self, value, value_x, 0, label, CELL_PAD);
    for (guint k = first; k < self->boxes->len; k++)
      {
        RanahBox *line = g_ptr_array_index (self->boxes, k);
        gboolean last = k + 1 == self->boxes->len;

        if (last)
          line->height += CELL_PAD;
        add_frame (line, width, FALSE, last);
      }
  }
}

static gboolean
sheet_paper (GHashTable  *profile,
             double      *width,
             double      *height,
             const char **name,
             GError     **error)
{
  const char *paper = ranah_profile_value (profile, RANAH_PROFILE_PAPER);

  if (g_ascii_strcasecmp (paper, "F4") == 0)
    {
      *width = RANAH_PAPER_HALF_F4_WIDTH;
      *height = RANAH_PAPER_HALF_F4_HEIGHT;
      *name = "F4/2";
      return TRUE;
    }
  if (g_ascii_strcasecmp (paper, "A4") == 0 || *paper == '\0')
    {
      *width = RANAH_PAPER_A5_WIDTH;
      *height = RANAH_PAPER_A5_HEIGHT;
      *name = "A5";
      return TRUE;
    }
  g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_INVALID,
               _("The paper size “%s” is not known: use A4 or F4."), paper);
  return FALSE;
}

RanahLetterLayout *
ranah_disposition_sheet_layout_new (GHashTable          *profile,
                                    const RanahRequest  *request,
                                    GPtrArray           *dispositions,
                                    GError             **error)
{
  g_autoptr(RanahLetterLayout) self = NULL;
  g_autoptr(PangoLayout) title = NULL;
  const char *paper_name;
  double width, height;
  RanahBox *box;
  guint n = dispositions != NULL ? dispositions->len : 0;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sheet_paper (profile, &width, &height, &paper_name, error))
    return NULL;

  self = ranah_letter_layout_alloc (profile, width, height, paper_name);
  self->margin_left = 42.520;   /* 1.5 cm: room to punch and file */
  self->margin_right = 28.346;
  self->margin_top = 28.346;
  self->margin_bottom = 28.346;
  self->page_number_size = SHEET_SIZE;

  self->head = ranah_letter_kop_new (self, profile, KOP_SCALE, error);
  if (self->head == NULL)
    return NULL;

  box = ranah_box_new ();
  title = ranah_letter_layout_text (self, "LEMBAR DISPOSISI", 12.0, TRUE,
                                    ranah_letter_layout_content_width (self),
                                    PANGO_ALIGN_CENTER, FALSE);
  ranah_letter_layout_underline (title);
  box->height = ranah_box_add_layout (box, title, 0, 0);
  box->keep_with_next = TRUE;
  ranah_letter_layout_add_box (self, box);
  ranah_letter_layout_add_box (self, info_box (self, profile, request));

  for (guint i = 0; i < n; i++)
    add_disposition (self, profile, g_ptr_array_index (dispositions, i), i);
  if (n == 0)
    add_disposition (self, profile, NULL, 0);

  self->pdf_title = g_strdup_printf ("Lembar Disposisi %s",
                                     nonempty (request->fqdn, nonempty (request->hal, "")));
  self->pdf_author = g_strdup (ranah_profile_value (profile, RANAH_PROFILE_AGENCY));
  self->pdf_subject = g_strdup (nonempty (request->hal, ""));
  ranah_letter_layout_paginate (self);
  return g_steal_pointer (&self);
}

GBytes *
ranah_disposition_sheet_pdf (GHashTable          *profile,
                             const RanahRequest  *request,
                             GPtrArray           *dispositions,
                             GError             **error)
{
  g_autoptr(RanahLetterLayout) layout = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  layout = ranah_disposition_sheet_layout_new (profile, request, dispositions, error);
  if (layout == NULL)
    return NULL;
  return ranah_letter_layout_to_pdf (layout, error);
}

guint
ranah_disposition_sheet_draw (cairo_t             *cr,
                              GHashTable          *profile,
                              const RanahRequest  *request,
                              GPtrArray           *dispositions,
                              guint                page,
                              double               scale,
                              GError             **error)
{
  g_autoptr(RanahLetterLayout) layout = NULL;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (request != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  layout = ranah_disposition_sheet_layout_new (profile, request, dispositions, error);
  if (layout == NULL)
    return 0;
  if (page < layout->n_pages)
    ranah_letter_layout_draw_page (layout, cr, page, scale);
  return layout->n_pages;
}
