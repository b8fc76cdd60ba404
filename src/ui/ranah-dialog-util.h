/* ranah-dialog-util.h — the frame every step dialog shares: header with Cancel and confirm,
 * an error line that keeps the form as typed
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct
{
  GtkWidget *content;      /* a vertical box to fill */
  GtkLabel  *error_label;
  GtkButton *confirm;
} RanahDialogFrame;

/* Sets @window's content to a header bar (Cancel, @confirm_label bound to
 * "dialog.confirm") over a scrolled, clamped column. Escape closes the window. */
void ranah_dialog_frame_build      (AdwWindow        *window,
                                    const char       *title,
                                    const char       *confirm_label,
                                    gboolean          destructive,
                                    RanahDialogFrame *frame);
void ranah_dialog_frame_show_error (RanahDialogFrame *frame,
                                    const char       *message);
GtkWidget *ranah_dialog_text_view  (GtkTextView     **view_out,
                                    const char       *accessible_label);
char      *ranah_text_view_dup_text (GtkTextView     *view);

G_END_DECLS
