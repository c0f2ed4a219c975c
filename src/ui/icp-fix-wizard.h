/* icp-fix-wizard.h: the wizards that fix a finding, and the guidance pages
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "icp-connection.h"
#include "icp-inventory.h"

G_BEGIN_DECLS

/* A modal multi-page window for one instance and one remedy: Renew, Switch to subscription,
 * Add public bandwidth, and guidance for Use the owner account, Choose another server, Start
 * the server (and any other remedy: a guidance page). It reads the findings from the
 * instance's verdict and the limits from the inventory's checker (policy, now). */
#define ICP_TYPE_FIX_WIZARD (icp_fix_wizard_get_type ())
G_DECLARE_FINAL_TYPE (IcpFixWizard, icp_fix_wizard, ICP, FIX_WIZARD, AdwWindow)

IcpFixWizard *icp_fix_wizard_new              (GtkWindow    *parent,
                                               IcpInventory *inventory,
                                               IcpInstance  *instance,
                                               IcpRemedy     remedy);

/* With a connection (the account @instance was fetched from), the summary page of Renew,
 * Switch to subscription and Add public bandwidth also offers to make the change through the
 * API: dry run → price → confirmation → call → the instance read again → its new verdict.
 * NULL: the console only. */
void          icp_fix_wizard_set_connection   (IcpFixWizard  *self,
                                               IcpConnection *connection);
IcpConnection *icp_fix_wizard_get_connection  (IcpFixWizard  *self);
/* What the summary's "…Now" button does (page "progress", then a confirmation dialog, then
 * page "result"); FALSE when not possible now. */
gboolean       icp_fix_wizard_start_fix       (IcpFixWizard  *self);
gboolean       icp_fix_wizard_get_busy        (IcpFixWizard  *self);
IcpFixRequest *icp_fix_wizard_get_request     (IcpFixWizard  *self);

IcpRemedy     icp_fix_wizard_get_remedy       (IcpFixWizard *self);
IcpInstance  *icp_fix_wizard_get_instance     (IcpFixWizard *self);
const char   *icp_fix_wizard_get_page_name    (IcpFixWizard *self);
guint         icp_fix_wizard_get_n_pages      (IcpFixWizard *self);
gboolean      icp_fix_wizard_next             (IcpFixWizard *self);
gboolean      icp_fix_wizard_back             (IcpFixWizard *self);
guint         icp_fix_wizard_get_months       (IcpFixWizard *self);
void          icp_fix_wizard_set_months       (IcpFixWizard *self,
                                               guint         months);
guint         icp_fix_wizard_get_mbps         (IcpFixWizard *self);
void          icp_fix_wizard_set_mbps         (IcpFixWizard *self,
                                               guint         mbps);
GDateTime    *icp_fix_wizard_get_new_expiry   (IcpFixWizard *self);
const char   *icp_fix_wizard_get_console_uri  (IcpFixWizard *self);
void          icp_fix_wizard_open_console     (IcpFixWizard *self);

const char   *icp_fix_wizard_get_remedy_title (IcpRemedy remedy);

G_END_DECLS
