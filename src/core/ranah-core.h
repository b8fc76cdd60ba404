/* ranah-core.h — everything of the core layer
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ranah-audit.h"
#include "ranah-audit-state.h"
#include "ranah-calendar.h"
#include "ranah-csv.h"
#include "ranah-error.h"
#include "ranah-file.h"
#include "ranah-letter-check.h"
#include "ranah-letter-number.h"
#include "ranah-model.h"
#include "ranah-session-file.h"
#include "ranah-types.h"
#include "ranah-validate.h"
#include "ranah-workflow.h"
