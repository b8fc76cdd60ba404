/* ranah-letter-layout.c — pages laid out once in points and drawn on any cairo_t
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "ranah-letter-private.h"

G_DEFINE_FINAL_TYPE (RanahLetterLayout, ranah_letter_layout, G_TYPE_OBJECT)

/* Room between the kop (or the page number) and the first flowed box. */
#define HEAD_GAP 14.0

static void
item_free (gpointer data)
{
  RanahItem *item = data;

  g_clear_object (&item->layout);
  g_clear_pointer (&item->qr_modules, g_free);
  g_clear_pointer (&item->image, cairo_surface_destroy);
  g_free (item);
}

RanahBox *
ranah_box_new (void)
{
  RanahBox *box = g_new0 (RanahBox, 1);

  box->items = g_ptr_array_new_with_free_func (item_free);
  return box;
}

void
ranah_box_free (RanahBox *box)
{
  if (box == NULL)
    return;
  g_ptr_array_unref (box->items);
  g_free (box);
}

RanahItem *
ranah_box_add (RanahBox      *box,
               RanahItemKind  kind,
               double         x,
               double         y,
               double         w,
               double         h)
{
  RanahItem *item = g_new0 (RanahItem, 1);

  item->kind = kind;
  item->x = x;
  item->y = y;
  item->w = w;
  item->h = h;
  g_ptr_array_add (box->items, item);
  return item;
}

/* The line's left end and baseline relative to the layout's top left, and its height. */
static void
line_geometry (PangoLayout *layout,
               int          index,
               double      *x,
               double      *baseline,
               double      *top,
               double      *bottom)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoRectangle logical;
  int y0, y1;

  for (int i = 0; i < index; i++)
    pango_layout_iter_next_line (iter);
  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  pango_layout_iter_get_line_yrange (iter, &y0, &y1);
  *x = pango_units_to_double (logical.x);
  *baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
  *top = pango_units_to_double (y0);
  *bottom = pango_units_to_double (y1);
  pango_layout_iter_free (iter);
}

static RanahItem *
add_line (RanahBox    *box,
          PangoLayout *layout,
          int          index,
          double       x,
          double       y)
{
  RanahItem *item = ranah_box_add (box, RANAH_ITEM_LINE, x, y, 0, 0);

  item->layout = g_object_ref (layout);
  item->line = index;
  return item;
}

double
ranah_box_add_layout (RanahBox    *box,
                      PangoLayout *layout,
                      double       x,
                      double       y)
{
  int n = pango_layout_get_line_count (layout);
  int height;

  for (int i = 0; i < n; i++)
    {
      double lx, baseline, top, bottom;

      line_geometry (layout, i, &lx, &baseline, &top, &bottom);
      add_line (box, layout, i, x + lx, y + baseline);
    }
  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

/* A justified line holding a single word is spread letter by letter ("s u b d o m a i n"):
 * a paragraph that would get one is set ragged instead. */
static void
avoid_letter_spacing (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  int n = pango_layout_get_line_count (layout);

  if (!pango_layout_get_justify (layout))
    return;
  for (int i = 0; i < n - 1; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, i);
      const char *start = text + line->start_index;
      const char *end = start + line->length;
      const char *space = memchr (start, ' ', end - start);

      /* Only a space inside the line counts, not the one it ends with. */
      while (space != NULL && space == end - 1)
        space = NULL;
      if (space == NULL)
        {
          pango_layout_set_justify (layout, FALSE);
          return;
        }
    }
}

RanahBox *
ranah_letter_layout_add_box (RanahLetterLayout *self,
                             RanahBox          *box)
{
  g_ptr_array_add (self->boxes, box);
  return box;
}

RanahBox *
ranah_letter_layout_add_paragraph (RanahLetterLayout *self,
                                   PangoLayout       *layout,
                                   double             x,
                                   double             space_before,
                                   PangoLayout       *label,
                                   double             label_x)
{
  RanahBox *first = NULL;
  int n;

  avoid_letter_spacing (layout);
  n = pango_layout_get_line_count (layout);
  for (int i = 0; i < n; i++)
    {
      RanahBox *box = ranah_box_new ();
      double lx, baseline, top, bottom;

      line_geometry (layout, i, &lx, &baseline, &top, &bottom);
      box->height = bottom - top;
      add_line (box, layout, i, x + lx, baseline - top);
      /* No line left alone at the foot or the head of a page. */
      box->keep_with_next = (n > 1 && i == 0) || (n > 2 && i == n - 2);
      if (i == 0)
        {
          box->space_before = space_before;
          if (label != NULL)
            add_line (box, label, 0, label_x, baseline - top);
          first = box;
        }
      ranah_letter_layout_add_box (self, box);
    }
  return first;
}

void
ranah_letter_layout_underline (PangoLayout *layout)
{
  PangoAttrList *attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));

  if (attrs == NULL)
    attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_underline_new (PANGO_UNDERLINE_SINGLE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

PangoLayout *
ranah_letter_layout_text (RanahLetterLayout *self,
                          const char        *text,
                          double             size,
                          gboolean           bold,
                          double             width,
                          PangoAlignment     align,
                          gboolean           justify)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_new ();
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_family (font, self->family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  /* Word wrap, but break inside an over-long word (a long FQDN or e-mail address) rather
   * than let it run past the margin. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_justify (layout, justify);
  pango_layout_set_line_spacing (layout, 1.0f);
  /* A hyphen where a long name breaks would read as part of it: DNS names hold hyphens. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The letters' own font map, one per thread as Pango's default is (a font map is not
 * thread-safe), at 72 dpi like the letters' contexts. Pango measures a font's metrics (line
 * height, average widths) in a context of the font map's resolution: on the default map's
 * 96 dpi each size a letter uses became a second fontconfig pattern, with its own sort of
 * every installed font and Pango 1.50's two threads to run it; at 72 dpi it is the same
 * pattern as the letter's, already loaded. */
static GPrivate letter_font_map = G_PRIVATE_INIT (g_object_unref);

static PangoFontMap *
ranah_letter_font_map (void)
{
  PangoFontMap *map = g_private_get (&letter_font_map);

  if (map == NULL)
    {
      map = pango_cairo_font_map_new ();
      pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (map), 72.0);
      g_private_set (&letter_font_map, map);
    }
  return map;
}

void
ranah_letter_prepare_fonts (void)
{
  /* Creating a font map is what starts Pango's FcInit thread. */
  ranah_letter_font_map ();
}

static gboolean
family_installed (PangoFontMap *map,
                  const char   *family)
{
  PangoFontFamily **families = NULL;
  int n = 0;
  gboolean found = FALSE;

  if (family == NULL || *family == '\0')
    return FALSE;
  pango_font_map_list_families (map, &families, &n);
  for (int i = 0; i < n && !found; i++)
    found = g_ascii_strcasecmp (pango_font_family_get_name (families[i]), family) == 0;
  g_free (families);
  return found;
}

RanahLetterLayout *
ranah_letter_layout_alloc (GHashTable *profile,
                           double      page_width,
                           double      page_height,
                           const char *paper_name)
{
  RanahLetterLayout *self = g_object_new (RANAH_TYPE_LETTER_LAYOUT, NULL);
  PangoFontMap *map = ranah_letter_font_map ();
  cairo_font_options_t *options = cairo_font_options_create ();
  const char *family = ranah_profile_value (profile, RANAH_PROFILE_FONT);

  self->page_width = page_width;
  self->page_height = page_height;
  self->paper_name = paper_name;
  self->margin_left = RANAH_LETTER_MARGIN_LEFT;
  self->margin_right = RANAH_LETTER_MARGIN_RIGHT;
  self->margin_top = RANAH_LETTER_MARGIN_TOP;
  self->margin_bottom = RANAH_LETTER_MARGIN_BOTTOM;
  self->page_number_size = 12.0;

  /* Unhinted metrics at 72 dpi: line breaks then do not depend on the surface or the zoom,
   * so the preview, the printout and the PDF are the same pages. */
  self->context = pango_font_map_create_context (map);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 72.0);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_from_string ("id"));

  /* The profile's face when this desktop has it, else the Arial-compatible default. */
  self->family = g_strdup (family_installed (map, family) ? family : "Liberation Sans");
  return self;
}

double
ranah_letter_layout_content_width (RanahLetterLayout *self)
{
  return self->page_width - self->margin_left - self->margin_right;
}

static double
flow_top (RanahLetterLayout *self,
          guint              page)
{
  if (page == 0)
    return self->margin_top + (self->head != NULL ? self->head->height + HEAD_GAP : 0);
  return self->margin_top + self->page_number_size * 1.4 + HEAD_GAP;
}

static double
flow_bottom (RanahLetterLayout *self)
{
  return self->page_height - self->margin_bottom;
}

void
ranah_letter_layout_paginate (RanahLetterLayout *self)
{
  guint page = 0;
  double y = flow_top (self, 0);
  gboolean page_empty = TRUE;
  guint i = 0;

  while (i < self->boxes->len)
    {
      guint end = i + 1;
      double chunk = 0;

      /* A chunk: boxes chained by keep_with_next or by a shared group. */
      while (end < self->boxes->len)
        {
          RanahBox *prev = g_ptr_array_index (self->boxes, end - 1);
          RanahBox *next = g_ptr_array_index (self->boxes, end);

          if (!prev->keep_with_next && (next->group == 0 || next->group != prev->group))
            break;
          end++;
        }
      for (guint k = i; k < end; k++)
        {
          RanahBox *box = g_ptr_array_index (self->boxes, k);
          chunk += box->height + (k == i && page_empty ? 0 : box->space_before);
        }

      /* A chunk taller than a whole page cannot stay together: place it box by box. */
      if (chunk > flow_bottom (self) - flow_top (self, 1))
        end = i + 1;

      if (!page_empty && y + chunk > flow_bottom (self) + 0.01)
        {
          page++;
          y = flow_top (self, page);
          page_empty = TRUE;
        }

      for (guint k = i; k < end; k++)
        {
          RanahBox *box = g_ptr_array_index (self->boxes, k);

          if (!page_empty && y + box->space_before + box->height > flow_bottom (self) + 0.01)
            {
              page++;
              y = flow_top (self, page);
              page_empty = TRUE;
            }
          if (!page_empty)
            y += box->space_before;
          box->page = page;
          box->y = y;
          y += box->height;
          page_empty = FALSE;
        }
      i = end;
    }
  self->n_pages = page + 1;
}

void
ranah_letter_draw_items (GPtrArray *items,
                         cairo_t   *cr,
                         double     x,
                         double     y)
{
  for (guint i = 0; i < items->len; i++)
    {
      RanahItem *item = g_ptr_array_index (items, i);
      double ix = x + item->x;
      double iy = y + item->y;

      switch (item->kind)
        {
        case RANAH_ITEM_LINE:
          cairo_move_to (cr, ix, iy);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (item->layout,
                                                                            item->line));
          break;
        case RANAH_ITEM_RULE:
          cairo_rectangle (cr, ix, iy, item->w, item->h);
          cairo_fill (cr);
          break;
        case RANAH_ITEM_RECT:
          cairo_set_line_width (cr, 0.6);
          cairo_rectangle (cr, ix, iy, item->w, item->h);
          cairo_stroke (cr);
          break;
        case RANAH_ITEM_CHECKBOX:
          cairo_set_line_width (cr, 0.6);
          cairo_rectangle (cr, ix, iy, item->w, item->w);
          cairo_stroke (cr);
          if (item->checked)
            {
              cairo_save (cr);
              cairo_set_line_width (cr, item->w * 0.16);
              cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
              cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
              cairo_move_to (cr, ix + item->w * 0.18, iy + item->w * 0.52);
              cairo_line_to (cr, ix + item->w * 0.42, iy + item->w * 0.78);
              cairo_line_to (cr, ix + item->w * 0.86, iy + item->w * 0.18);
              cairo_stroke (cr);
              cairo_restore (cr);
            }
          break;
        case RANAH_ITEM_QR:
          ranah_letter_draw_qr (cr, item->qr_modules, item->qr_width, ix, iy, item->w);
          break;
        case RANAH_ITEM_IMAGE:
          {
            double sw = cairo_image_surface_get_width (item->image);
            double sh = cairo_image_surface_get_height (item->image);
            double s = MIN (item->w / sw, item->h / sh);

            cairo_save (cr);
            cairo_translate (cr, ix + (item->w - sw * s) / 2, iy + (item->h - sh * s) / 2);
            cairo_scale (cr, s, s);
            cairo_set_source_surface (cr, item->image, 0, 0);
            cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
            cairo_paint (cr);
            cairo_restore (cr);
          }
          break;
        case RANAH_ITEM_EMBLEM:
          ranah_letter_draw_placeholder_emblem (cr, ix, iy, item->w, item->h);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
draw_watermark (RanahLetterLayout *self,
                cairo_t           *cr)
{
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;

  layout = ranah_letter_layout_text (self, self->watermark, 110, TRUE, -1,
                                     PANGO_ALIGN_LEFT, FALSE);
  pango_layout_get_size (layout, &w, &h);
  cairo_save (cr);
  cairo_translate (cr, self->page_width / 2, self->page_height / 2);
  cairo_rotate (cr, -G_PI / 4 + 0.12);
  cairo_move_to (cr, -pango_units_to_double (w) / 2, -pango_units_to_double (h) / 2);
  /* A path, not text: the mark must not mix into the letter's text when it is copied or
   * read by a screen reader. */
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
ranah_letter_layout_finalize (GObject *object)
{
  RanahLetterLayout *self = RANAH_LETTER_LAYOUT (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->family, g_free);
  g_clear_pointer (&self->head, ranah_box_free);
  g_clear_pointer (&self->boxes, g_ptr_array_unref);
  g_clear_pointer (&self->watermark, g_free);
  g_clear_pointer (&self->pdf_title, g_free);
  g_clear_pointer (&self->pdf_author, g_free);
  g_clear_pointer (&self->pdf_subject, g_free);
  g_clear_pointer (&self->pdf_keywords, g_free);
  g_clear_pointer (&self->pdf_date, g_free);

  G_OBJECT_CLASS (ranah_letter_layout_parent_class)->finalize (object);
}

static void
ranah_letter_layout_class_init (RanahLetterLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ranah_letter_layout_finalize;
}

static void
ranah_letter_layout_init (RanahLetterLayout *self)
{
  self->boxes = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_box_free);
  self->n_pages = 1;
}

guint
ranah_letter_layout_get_n_pages (RanahLetterLayout *self)
{
  g_return_val_if_fail (RANAH_IS_LETTER_LAYOUT (self), 0);
  return self->n_pages;
}

double
ranah_letter_layout_get_page_width (RanahLetterLayout *self)
{
  g_return_val_if_fail (RANAH_IS_LETTER_LAYOUT (self), 0);
  return self->page_width;
}

double
ranah_letter_layout_get_page_height (RanahLetterLayout *self)
{
  g_return_val_if_fail (RANAH_IS_LETTER_LAYOUT (self), 0);
  return self->page_height;
}

const char *
ranah_letter_layout_get_paper_name (RanahLetterLayout *self)
{
  g_return_val_if_fail (RANAH_IS_LETTER_LAYOUT (self), NULL);
  return self->paper_name;
}

void
ranah_letter_layout_draw_page (RanahLetterLayout *self,
                               cairo_t           *cr,
                               guint              page,
                               double             scale)
{
  g_return_if_fail (RANAH_IS_LETTER_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->n_pages);
  g_return_if_fail (scale > 0);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, self->page_width, self->page_height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  if (self->watermark != NULL)
    draw_watermark (self, cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page == 0 && self->head != NULL)
    ranah_letter_draw_items (self->head->items, cr, self->margin_left, self->margin_top);
  else if (page > 0)
    {
      g_autofree char *number = g_strdup_printf ("- %u -", page + 1);
      g_autoptr(PangoLayout) layout = NULL;

      layout = ranah_letter_layout_text (self, number, self->page_number_size, FALSE,
                                         ranah_letter_layout_content_width (self),
                                         PANGO_ALIGN_CENTER, FALSE);
      cairo_move_to (cr, self->margin_left, self->margin_top);
      pango_cairo_show_layout (cr, layout);
    }

  for (guint i = 0; i < self->boxes->len; i++)
    {
      RanahBox *box = g_ptr_array_index (self->boxes, i);

      if (box->page == page)
        ranah_letter_draw_items (box->items, cr, self->margin_left, box->y);
    }
  cairo_restore (cr);
}

gboolean
ranah_letter_layout_get_signature_area (RanahLetterLayout *self,
                                        guint              page,
                                        double            *x,
                                        double            *y,
                                        double            *width,
                                        double            *height)
{
  g_return_val_if_fail (RANAH_IS_LETTER_LAYOUT (self), FALSE);

  for (guint i = 0; i < self->boxes->len; i++)
    {
      RanahBox *box = g_ptr_array_index (self->boxes, i);
      double left = G_MAXDOUBLE;

      if (!box->signature || box->page != page)
        continue;
      for (guint k = 0; k < box->items->len; k++)
        left = MIN (left, ((RanahItem *) g_ptr_array_index (box->items, k))->x);
      if (x != NULL)
        *x = self->margin_left + left;
      if (y != NULL)
        *y = box->y;
      if (width != NULL)
        *width = ranah_letter_layout_content_width (self) - left;
      if (height != NULL)
        *height = box->height;
      return TRUE;
    }
  return FALSE;
}

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
ranah_letter_layout_to_pdf (RanahLetterLayout  *self,
                            GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (RANAH_IS_LETTER_LAYOUT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (write_to_array, bytes,
                                                 self->page_width, self->page_height);
  if (self->pdf_title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->pdf_title);
  if (self->pdf_author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->pdf_author);
  if (self->pdf_subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, self->pdf_subject);
  if (self->pdf_keywords != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS,
                                    self->pdf_keywords);
  if (self->pdf_date != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, self->pdf_date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Ranah");

  cr = cairo_create (surface);
  for (guint page = 0; page < self->n_pages; page++)
    {
      ranah_letter_layout_draw_page (self, cr, page, 1.0);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RANAH_LETTER_ERROR, RANAH_LETTER_ERROR_RENDER,
                   _("The PDF could not be written: %s."), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
