/* ranah-request-object.h — a RanahRequest as a GObject, for list models
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ranah-core.h"

G_BEGIN_DECLS

#define RANAH_TYPE_REQUEST_OBJECT (ranah_request_object_get_type ())
G_DECLARE_FINAL_TYPE (RanahRequestObject, ranah_request_object, RANAH, REQUEST_OBJECT, GObject)

/* Takes ownership of @request. */
RanahRequestObject *ranah_request_object_new          (RanahRequest *request);
const RanahRequest *ranah_request_object_get_request  (RanahRequestObject *self);
/* Lowercase text that a search matches against. */
const char      *ranah_request_object_get_haystack (RanahRequestObject *self);

G_END_DECLS
