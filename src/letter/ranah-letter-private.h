/* ranah-letter-private.h — the page-flow engine shared by the letter and the disposition
 * sheet: boxes of drawing items, paginated once, drawn on any cairo_t
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "ranah-letter.h"

G_BEGIN_DECLS

typedef enum {
  RANAH_ITEM_LINE,      /* one line of a PangoLayout, x/y = its left end on the baseline */
  RANAH_ITEM_RULE,      /* a horizontal rule from (x, y), w long, h thick */
  RANAH_ITEM_RECT,      /* a stroked rectangle, 0.6 pt */
  RANAH_ITEM_CHECKBOX,  /* a square of side w, marked when checked */
  RANAH_ITEM_QR,        /* a QR code of side w */
  RANAH_ITEM_IMAGE,     /* a cairo image scaled into w × h */
  RANAH_ITEM_EMBLEM,    /* the placeholder emblem in w × h */
} RanahItemKind;

typedef struct {
  RanahItemKind    kind;
  double           x, y, w, h;   /* relative to the box: x from the left margin, y from its top */
  PangoLayout     *layout;
  int              line;
  gboolean         checked;
  guint            qr_width;     /* modules a side */
  guint8          *qr_modules;   /* qr_width² bytes, nonzero = dark */
  cairo_surface_t *image;
} RanahItem;

typedef struct {
  double     height;
  double     space_before;     /* dropped at the top of a page */
  guint      group;            /* boxes sharing a nonzero group stay on one page */
  gboolean   keep_with_next;
  gboolean   signature;        /* part of the signature block */
  GPtrArray *items;            /* RanahItem* */
  /* set by pagination */
  guint      page;
  double     y;
} RanahBox;

struct _RanahLetterLayout
{
  GObject       parent_instance;

  double        page_width;
  double        page_height;
  double        margin_left;
  double        margin_right;
  double        margin_top;
  double        margin_bottom;
  const char   *paper_name;
  PangoContext *context;
  char         *family;
  double        page_number_size;

  RanahBox     *head;          /* the kop, drawn at the top of the first page */
  GPtrArray    *boxes;         /* RanahBox*, flowed over the pages */
  guint         n_pages;
  char         *watermark;     /* "KONSEP" on drafts, else NULL */

  char         *pdf_title;
  char         *pdf_author;
  char         *pdf_subject;
  char         *pdf_keywords;
  char         *pdf_date;      /* ISO 8601, NULL = now */
};

/* ranah-letter-layout.c */
RanahLetterLayout *ranah_letter_layout_alloc     (GHashTable *profile,
                                                  double      page_width,
                                                  double      page_height,
                                                  const char *paper_name);
double       ranah_letter_layout_content_width   (RanahLetterLayout *self);
void         ranah_letter_layout_paginate        (RanahLetterLayout *self);
PangoLayout *ranah_letter_layout_text            (RanahLetterLayout *self,
                                                  const char        *text,
                                                  double             size,
                                                  gboolean           bold,
                                                  double             width,
                                                  PangoAlignment     align,
                                                  gboolean           justify);
void         ranah_letter_layout_underline       (PangoLayout       *layout);

RanahBox    *ranah_box_new                       (void);
void         ranah_box_free                      (RanahBox *box);
RanahItem   *ranah_box_add                       (RanahBox      *box,
                                                  RanahItemKind  kind,
                                                  double         x,
                                                  double         y,
                                                  double         w,
                                                  double         h);
/* Adds every line of @layout at (x, y) as items of @box; returns the layout's height. */
double       ranah_box_add_layout                (RanahBox    *box,
                                                  PangoLayout *layout,
                                                  double       x,
                                                  double       y);
/* Splits @layout into one box per line (appended to self->boxes) so that a paragraph can
 * continue on the next page; keeps its first two and last two lines together. Returns the
 * first box. */
RanahBox    *ranah_letter_layout_add_paragraph   (RanahLetterLayout *self,
                                                  PangoLayout       *layout,
                                                  double             x,
                                                  double             space_before,
                                                  PangoLayout       *label,
                                                  double             label_x);
RanahBox    *ranah_letter_layout_add_box         (RanahLetterLayout *self,
                                                  RanahBox          *box);
void         ranah_letter_draw_items             (GPtrArray *items,
                                                  cairo_t   *cr,
                                                  double     x,
                                                  double     y);

/* ranah-letter-emblem.c */
gboolean     ranah_letter_add_emblem             (RanahBox    *box,
                                                  GHashTable  *profile,
                                                  double       x,
                                                  double       y,
                                                  double       size,
                                                  GError     **error);
gboolean     ranah_letter_add_qr                 (RanahBox    *box,
                                                  const char  *payload,
                                                  double       x,
                                                  double       y,
                                                  double       size,
                                                  GError     **error);
void         ranah_letter_draw_qr                (cairo_t      *cr,
                                                  const guint8 *modules,
                                                  guint         width,
                                                  double        x,
                                                  double        y,
                                                  double        size);

/* ranah-letter-text.c */
const char  *ranah_profile_value                 (GHashTable *profile,
                                                  const char *key);
char        *ranah_letter_title_case             (const char *text);
char        *ranah_letter_region                 (GHashTable *profile);
char        *ranah_letter_date_from_unix         (GHashTable *profile,
                                                  gint64      when);
char        *ranah_letter_format_nip             (const char *nip);
/* The kop surat of @self's profile as one box of width @width. */
RanahBox    *ranah_letter_kop_new                (RanahLetterLayout *self,
                                                  GHashTable        *profile,
                                                  double             scale,
                                                  GError           **error);

G_END_DECLS
