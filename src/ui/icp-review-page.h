/* icp-review-page.h: every server with its verdict, and the details of the selected one
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "icp-inventory.h"

G_BEGIN_DECLS

/* The page shows an IcpInventory: headline, search, verdict filter, a sortable GtkColumnView
 * and an IcpDetailsPane for the selection, with empty states. Remedy buttons in the details
 * activate "win.fix" with target (ss) = (instance id, remedy nick); the "how to apply" button
 * of an eligible server activates "win.apply-guide" with target s = instance id. The window
 * implements both actions. */
#define ICP_TYPE_REVIEW_PAGE (icp_review_page_get_type ())
G_DECLARE_FINAL_TYPE (IcpReviewPage, icp_review_page, ICP, REVIEW_PAGE, AdwBin)

/* For icp_review_page_set_verdict_filter(): every verdict. */
#define ICP_REVIEW_PAGE_ALL_VERDICTS (-1)

GtkWidget    *icp_review_page_new                 (void);
IcpInventory *icp_review_page_get_inventory       (IcpReviewPage *self);
void          icp_review_page_set_inventory       (IcpReviewPage *self,
                                                   IcpInventory  *inventory);
/* Focus the search entry (win.search, Ctrl+F). */
void          icp_review_page_focus_search        (IcpReviewPage *self);

/* Sets the search entry's text and filters at once, without the entry's typing delay. */
void          icp_review_page_set_search_text     (IcpReviewPage *self,
                                                   const char    *text);
/* An IcpVerdictState, or ICP_REVIEW_PAGE_ALL_VERDICTS. */
void          icp_review_page_set_verdict_filter  (IcpReviewPage *self,
                                                   int            state);
int           icp_review_page_get_verdict_filter  (IcpReviewPage *self);
/* Selects the instance with @id (clearing the search and the filter when they hide it) and
 * scrolls to it; FALSE when the inventory has no such instance. */
gboolean      icp_review_page_select_instance     (IcpReviewPage *self,
                                                   const char    *id);
/* (transfer none) (nullable): the selected instance. */
IcpInstance  *icp_review_page_get_selected        (IcpReviewPage *self);
/* (transfer none): the rows as shown, filtered and sorted (a GtkSelectionModel of
 * IcpInstance). */
GListModel   *icp_review_page_get_visible_model   (IcpReviewPage *self);

G_END_DECLS
