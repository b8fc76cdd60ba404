/* ranah-error.h — error domains of the core layer and their codes
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RANAH_CORE_ERROR (ranah_core_error_quark ())

/* Codes a caller can act on. The store, letter and DNS layers have their own domains
 * but reuse these meanings so that ranah-cli maps each to one exit code. */
typedef enum {
  RANAH_CORE_ERROR_VALIDATION,  /* a field breaks a rule: the message names field and rule */
  RANAH_CORE_ERROR_PERMISSION,  /* this user's role may not do this */
  RANAH_CORE_ERROR_STATE,       /* the action is not open in the request's current state */
  RANAH_CORE_ERROR_INCOMPLETE,  /* a Kelengkapan (required record) is missing */
} RanahCoreError;

GQuark ranah_core_error_quark (void);

/* The classes of failure that ranah-cli turns into exit codes (see src/cli/README). */
typedef enum {
  RANAH_FAILURE_NONE = 0,
  RANAH_FAILURE_OTHER = 1,
  RANAH_FAILURE_USAGE = 2,
  RANAH_FAILURE_VALIDATION = 3,
  RANAH_FAILURE_PERMISSION = 4,
  RANAH_FAILURE_CONFLICT = 5,
  RANAH_FAILURE_NOT_FOUND = 6,
  RANAH_FAILURE_UNAVAILABLE = 7,
  RANAH_FAILURE_DRIFT = 8,       /* DNS audit/health found a disagreement */
} RanahFailure;

/* Each layer registers how its codes map, so that this function needs no knowledge of
 * layers above core. */
typedef RanahFailure (*RanahFailureClassifier) (const GError *error);
void         ranah_failure_register (GQuark domain, RanahFailureClassifier classify);
RanahFailure ranah_failure_classify (const GError *error);

G_END_DECLS
