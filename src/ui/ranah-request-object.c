/* ranah-request-object.c — a RanahRequest as a GObject, for list models
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ranah-request-object.h"

struct _RanahRequestObject
{
  GObject       parent_instance;
  RanahRequest *request;
  char         *haystack;
};

G_DEFINE_FINAL_TYPE (RanahRequestObject, ranah_request_object, G_TYPE_OBJECT)

static void
ranah_request_object_finalize (GObject *object)
{
  RanahRequestObject *self = RANAH_REQUEST_OBJECT (object);

  g_clear_pointer (&self->request, ranah_request_free);
  g_clear_pointer (&self->haystack, g_free);

  G_OBJECT_CLASS (ranah_request_object_parent_class)->finalize (object);
}

static void
ranah_request_object_class_init (RanahRequestObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ranah_request_object_finalize;
}

static void
ranah_request_object_init (RanahRequestObject *self)
{
}

RanahRequestObject *
ranah_request_object_new (RanahRequest *request)
{
  RanahRequestObject *self;
  g_autofree char *text = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  self = g_object_new (RANAH_TYPE_REQUEST_OBJECT, NULL);
  self->request = request;
  text = g_strjoin ("\n", request->name ? request->name : "", request->fqdn ? request->fqdn : "",
                    request->opd_name ? request->opd_name : "", request->hal ? request->hal : "",
                    request->letter_number ? request->letter_number : "", NULL);
  self->haystack = g_utf8_casefold (text, -1);
  return self;
}

const RanahRequest *
ranah_request_object_get_request (RanahRequestObject *self)
{
  g_return_val_if_fail (RANAH_IS_REQUEST_OBJECT (self), NULL);
  return self->request;
}

const char *
ranah_request_object_get_haystack (RanahRequestObject *self)
{
  g_return_val_if_fail (RANAH_IS_REQUEST_OBJECT (self), NULL);
  return self->haystack;
}
