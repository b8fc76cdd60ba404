/* ranah-error.c — error domains of the core layer
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ranah-error.h"

G_DEFINE_QUARK (ranah-core-error-quark, ranah_core_error)

typedef struct {
  GQuark domain;
  RanahFailureClassifier classify;
} Classifier;

static GArray *classifiers;
static GMutex classifiers_lock;

void
ranah_failure_register (GQuark                  domain,
                        RanahFailureClassifier  classify)
{
  Classifier c = { domain, classify };

  g_return_if_fail (classify != NULL);

  g_mutex_lock (&classifiers_lock);
  if (classifiers == NULL)
    classifiers = g_array_new (FALSE, FALSE, sizeof (Classifier));
  for (guint i = 0; i < classifiers->len; i++)
    if (g_array_index (classifiers, Classifier, i).domain == domain)
      {
        g_mutex_unlock (&classifiers_lock);
        return;
      }
  g_array_append_val (classifiers, c);
  g_mutex_unlock (&classifiers_lock);
}

RanahFailure
ranah_failure_classify (const GError *error)
{
  RanahFailure result = RANAH_FAILURE_OTHER;

  if (error == NULL)
    return RANAH_FAILURE_NONE;

  if (error->domain == RANAH_CORE_ERROR)
    {
      switch ((RanahCoreError) error->code)
        {
        case RANAH_CORE_ERROR_VALIDATION:
          return RANAH_FAILURE_VALIDATION;
        case RANAH_CORE_ERROR_PERMISSION:
          return RANAH_FAILURE_PERMISSION;
        case RANAH_CORE_ERROR_STATE:
        case RANAH_CORE_ERROR_INCOMPLETE:
          /* Not allowed now: a refusal of the move, reported like a permission problem
           * would confuse; scripts treat both as "the move was refused". */
          return RANAH_FAILURE_PERMISSION;
        default:
          return RANAH_FAILURE_OTHER;
        }
    }

  g_mutex_lock (&classifiers_lock);
  for (guint i = 0; classifiers != NULL && i < classifiers->len; i++)
    {
      Classifier *c = &g_array_index (classifiers, Classifier, i);
      if (c->domain == error->domain)
        {
          result = c->classify (error);
          break;
        }
    }
  g_mutex_unlock (&classifiers_lock);

  return result;
}
