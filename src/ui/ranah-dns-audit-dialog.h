/* ranah-dns-audit-dialog.h — "Check DNS": the zone audit beside the registry, and adopting
 * names DNS serves that the registry does not know
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ranah-store.h"

G_BEGIN_DECLS

#define RANAH_TYPE_DNS_AUDIT_DIALOG (ranah_dns_audit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RanahDnsAuditDialog, ranah_dns_audit_dialog, RANAH, DNS_AUDIT_DIALOG,
                      AdwWindow)

/* Opens the dialog over @parent and starts the audit in a worker thread; @on_change runs
 * (with @parent) after a name was adopted into the registry. */
RanahDnsAuditDialog *ranah_dns_audit_dialog_new (GtkWindow  *parent,
                                                 RanahStore *store,
                                                 GCallback   on_change,
                                                 gpointer    on_change_data);
/* The "registry.check-dns" action of the registry page. */
void        ranah_dns_audit_dialog_action       (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *parameter);
/* Runs the audit again. */
void        ranah_dns_audit_dialog_refresh      (RanahDnsAuditDialog *self);
/* For tests: the sentence above the list, and how many drift items are listed. */
const char *ranah_dns_audit_dialog_get_status   (RanahDnsAuditDialog *self);
guint       ranah_dns_audit_dialog_get_n_items  (RanahDnsAuditDialog *self);
/* Adopts the unrecorded name @fqdn for the OPD @opd_id with @purpose, as the Adopt…
 * button does once its form is filled in. */
void        ranah_dns_audit_dialog_adopt        (RanahDnsAuditDialog *self,
                                                 const char          *fqdn,
                                                 gint64               opd_id,
                                                 const char          *purpose);

G_END_DECLS
