/* ranah-screenshots.h — PNG screenshots of every main view, light and dark
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ranah-application.h"

G_BEGIN_DECLS

/* Fills a demo store in a temporary directory, opens each main view as the role that
 * uses it, and writes <view>-light.png and <view>-dark.png into @dir. Quits @application
 * when done. */
void     ranah_screenshots_run      (RanahApplication *application,
                                     const char       *dir);
/* Renders @widget as it is now into a PNG file. */
gboolean ranah_screenshot_widget    (GtkWidget        *widget,
                                     const char       *path,
                                     GError          **error);
/* Iterates the main loop until store work is done and @ms milliseconds have passed, so
 * that what was loaded has been drawn. */
void     ranah_screenshots_settle   (guint             ms);

G_END_DECLS
