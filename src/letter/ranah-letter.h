/* ranah-letter.h — the Surat Tanggapan and the Lembar Disposisi, laid out once with Pango
 * and drawn on any cairo_t: the preview widget, PDF export and printing share one drawing
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A RanahLetterLayout is computed once, in PDF points, with a Pango context of its own
 * (no hinting, 72 dpi), so that the same lines break in the same places whatever surface
 * draws them: what the preview shows is what prints and what the PDF holds.
 *
 * Letter text is Bahasa Indonesia and never translated. The layout follows the
 * conventions of Permendagri 1/2023 (Tata Naskah Dinas di Lingkungan Pemerintah Daerah):
 * kop surat, date line on the right, Nomor / Sifat / Lampiran / Hal, "Yth." addressee on
 * the left under Hal, justified body, signature block, Tembusan, page numbers "- 2 -" at the
 * top of every page after the first.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_LETTER_ERROR (ranah_letter_error_quark ())

typedef enum {
  RANAH_LETTER_ERROR_INVALID,      /* the profile, template or logo cannot be laid out */
  RANAH_LETTER_ERROR_NOT_PDF,      /* verify: the file is not a PDF at all */
  RANAH_LETTER_ERROR_NOT_GENUINE,  /* verify: no signed letter in the store has these bytes */
  RANAH_LETTER_ERROR_RENDER,       /* cairo could not produce the output */
  RANAH_LETTER_ERROR_AUDIT_MISSING,/* verify: the letter's audit event is gone from the store */
} RanahLetterError;

/* Registers the domain's classifier with ranah_failure_register() on first use. */
GQuark ranah_letter_error_quark (void);

/* Starts reading the system's font configuration in the background (Pango does it in a
 * thread of its own), for a caller that will lay a letter out after other work, such as
 * opening the store and signing in: the two then overlap. Call it from the thread that lays
 * out; harmless to call more than once. */
void   ranah_letter_prepare_fonts (void);

/* For a process with no user interface that writes letters (ranah-cli): makes fontconfig's
 * configuration a snapshot of the system's font and cache directories, kept in the user's
 * cache and remade whenever a configuration file changes, without the system's matching
 * rules, which a letter naming its own family and writing a PDF does not need. That is a
 * third less work for a one-letter process (ranah-letter-fonts.c). Call it before anything
 * in the process uses fontconfig (Pango, cairo); later calls do nothing. */
void   ranah_letter_fonts_use_snapshot (void);

/* Paper sizes in PDF points (1/72 inch). */
#define RANAH_PAPER_A4_WIDTH   595.276
#define RANAH_PAPER_A4_HEIGHT  841.890
#define RANAH_PAPER_F4_WIDTH   609.449   /* 215 mm */
#define RANAH_PAPER_F4_HEIGHT  935.433   /* 330 mm */
#define RANAH_PAPER_A5_WIDTH   419.528
#define RANAH_PAPER_A5_HEIGHT  595.276
#define RANAH_PAPER_HALF_F4_WIDTH  467.717   /* 165 mm: an F4 sheet folded in half */
#define RANAH_PAPER_HALF_F4_HEIGHT 609.449   /* 215 mm */

/* Margins of the Surat Tanggapan, in points. */
#define RANAH_LETTER_MARGIN_LEFT    85.039   /* 3 cm */
#define RANAH_LETTER_MARGIN_RIGHT   56.693   /* 2 cm */
#define RANAH_LETTER_MARGIN_TOP     56.693   /* 2 cm */
#define RANAH_LETTER_MARGIN_BOTTOM  70.866   /* 2.5 cm */

#define RANAH_TYPE_LETTER_LAYOUT (ranah_letter_layout_get_type ())
G_DECLARE_FINAL_TYPE (RanahLetterLayout, ranah_letter_layout, RANAH, LETTER_LAYOUT, GObject)

/* Lays out the Surat Tanggapan of @request. @opd (nullable) supplies the addressee's title
 * and place; without it the title is built from the request's OPD name and the profile's
 * region. @entry (nullable) is the registry entry (activation date, records); without it
 * the request's records are used. A @letter without a number is a draft: it carries no
 * number, date or QR code and shows a "KONSEP" mark. */
RanahLetterLayout *ranah_letter_layout_new             (GHashTable          *profile,
                                                        const RanahRequest  *request,
                                                        const RanahOpd      *opd,
                                                        const RanahEntry    *entry,
                                                        const RanahLetter   *letter,
                                                        GError             **error);
/* Lays out the Lembar Disposisi of @request with each of @dispositions
 * (RanahDisposition*) in order: on A5 when the profile's paper is A4, on half an F4 sheet
 * when it is F4. */
RanahLetterLayout *ranah_disposition_sheet_layout_new  (GHashTable          *profile,
                                                        const RanahRequest  *request,
                                                        GPtrArray           *dispositions,
                                                        GError             **error);

guint    ranah_letter_layout_get_n_pages     (RanahLetterLayout *self);
/* The page size in points. */
double   ranah_letter_layout_get_page_width  (RanahLetterLayout *self);
double   ranah_letter_layout_get_page_height (RanahLetterLayout *self);
/* "A4", "F4", "A5" or "F4/2". */
const char *ranah_letter_layout_get_paper_name (RanahLetterLayout *self);
/* Draws page @page (0-based) with its top left corner at the current origin of @cr,
 * @scale device units per point (1.0 for PDF and for a GtkPrintContext in points). Paints
 * the white paper first. */
void     ranah_letter_layout_draw_page       (RanahLetterLayout *self,
                                              cairo_t           *cr,
                                              guint              page,
                                              double             scale);
/* The area (in points, on page @page) that the signature block occupies; FALSE when the
 * layout has none on that page. Tests and the preview use it. */
gboolean ranah_letter_layout_get_signature_area (RanahLetterLayout *self,
                                                 guint              page,
                                                 double            *x,
                                                 double            *y,
                                                 double            *width,
                                                 double            *height);
/* Every page as one PDF, with every font embedded. */
GBytes  *ranah_letter_layout_to_pdf          (RanahLetterLayout *self,
                                              GError           **error);

/* The draft or signed Surat Tanggapan as PDF (without an OPD record: see
 * ranah_letter_layout_new()). */
GBytes  *ranah_letter_render_pdf             (GHashTable          *profile,
                                              const RanahRequest  *request,
                                              const RanahEntry    *entry,
                                              const RanahLetter   *letter,
                                              GError             **error);
/* A RanahSignRenderFunc: pass it with the RanahStore itself as render_data in the step-9
 * RanahMove. Reads the profile, the OPD and the registry entry from @store. */
GBytes  *ranah_letter_render_signed          (const RanahRequest  *request,
                                              const RanahLetter   *letter,
                                              gpointer             store,
                                              GError             **error);
/* The letter of request @request_id: the frozen PDF when it is signed, otherwise the
 * current draft rendered from the store's profile, OPD, registry entry and letter. */
GBytes  *ranah_letter_render_from_store      (RanahStore          *store,
                                              gint64               request_id,
                                              GError             **error);
/* The layout of the letter of request @request_id as it stands, for the preview. Its
 * signature block is the signer's (ranah_letter_check_from_store ()). */
RanahLetterLayout *ranah_letter_layout_new_from_store (RanahStore  *store,
                                                       gint64       request_id,
                                                       GError     **error);
/* Whether the draft of request @request_id could be signed as it stands: FALSE with the
 * RANAH_CORE_ERROR_INCOMPLETE of ranah_letter_check_complete () naming what is missing, for
 * its signer — the signed-in user when they are a Kepala Dinas, else an active Kepala Dinas
 * (no one: all four of the signer's fields are missing). TRUE for a signed letter. The
 * preview and `ranah-cli letter pdf` of a draft say it; signing refuses it. */
gboolean ranah_letter_check_from_store       (RanahStore          *store,
                                              gint64               request_id,
                                              GError             **error);

/* The Lembar Disposisi as PDF. */
GBytes  *ranah_disposition_sheet_pdf         (GHashTable          *profile,
                                              const RanahRequest  *request,
                                              GPtrArray           *dispositions,
                                              GError             **error);
/* Draws page @page of the Lembar Disposisi on @cr (see ranah_letter_layout_draw_page());
 * returns the number of pages, 0 with @error set when it cannot be laid out. */
guint    ranah_disposition_sheet_draw        (cairo_t             *cr,
                                              GHashTable          *profile,
                                              const RanahRequest  *request,
                                              GPtrArray           *dispositions,
                                              guint                page,
                                              double               scale,
                                              GError             **error);
/* The layout of the Lembar Disposisi of request @request_id, for the preview. */
RanahLetterLayout *ranah_disposition_sheet_layout_new_from_store (RanahStore  *store,
                                                                  gint64       request_id,
                                                                  GError     **error);
/* The Lembar Disposisi of request @request_id from the store, as PDF. */
GBytes  *ranah_disposition_sheet_from_store  (RanahStore          *store,
                                              gint64               request_id,
                                              GError             **error);

/* TRUE when @pdf is byte for byte a letter signed in @store, and the store still holds
 * the audit event the letter names (the head of its request's chain before the signing:
 * same chain, chain_seq and hash); then @letter_out and @request_out (both optional)
 * receive the letter and the request it answers. Otherwise FALSE with a RANAH_LETTER_ERROR
 * whose message says what is wrong in one sentence (not a PDF; altered copy of a named
 * letter; unknown to this store; its audit event missing: AUDIT_MISSING). */
gboolean ranah_letter_verify_pdf             (RanahStore          *store,
                                              GBytes              *pdf,
                                              RanahLetter        **letter_out,
                                              RanahRequest       **request_out,
                                              GError             **error);
/* One sentence for a person saying that a verified letter is genuine and what it answers. */
char    *ranah_letter_describe_verified      (const RanahLetter   *letter,
                                              const RanahRequest  *request);
/* One sentence saying that the store still holds the audit event a verified letter names,
 * or that it was signed before letters named one. */
char    *ranah_letter_describe_audit_head    (const RanahLetter   *letter);

/* The text the QR code of a signed letter carries: "RANAH|<number>|<verification code>",
 * and "|<chain_seq>|<hash>" after it for the head of the request's audit chain before the
 * signing (RanahLetter.audit_seq, audit_hash) when the letter has one. */
char    *ranah_letter_qr_payload             (const RanahLetter   *letter);
/* That head as the verification block prints it, "#7 · 3f9a1b2c…0d4ec21b" (chain_seq, the
 * first and last 8 hex digits of the hash); NULL when the letter has none. */
char    *ranah_letter_audit_head_text        (const RanahLetter   *letter);

/* Checks a letter template for the profile: FALSE with a validation error naming the first
 * unknown {placeholder} or unbalanced brace. Known placeholders: {pemohon}, {nomor_surat},
 * {tanggal_surat}, {hal}, {fqdn}, {nama}, {tanggal_aktif}, {rekaman}, {dinas},
 * {dasar_hukum}, {alasan}, {opd}. */
gboolean ranah_letter_check_template         (const char          *template_,
                                              GError             **error);
/* Checks the profile's "logo" value as the store does (ranah-logo.h): "" (the placeholder),
 * the base64 of a PNG that decodes, or of an SVG document (drawn as the placeholder: this
 * build has no SVG renderer). */
gboolean ranah_letter_check_logo             (const char          *logo_base64,
                                              GError             **error);
/* The neutral placeholder emblem (never a real one), drawn in the box (x, y, w, h). */
void     ranah_letter_draw_placeholder_emblem (cairo_t            *cr,
                                               double              x,
                                               double              y,
                                               double              width,
                                               double              height);

G_END_DECLS
