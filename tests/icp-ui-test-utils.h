/* icp-ui-test-utils.h: helpers for the UI tests (real windows under Xvfb)
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "icp-fix-wizard.h"
#include "icp-test-utils.h"
#include "icp-window.h"

G_BEGIN_DECLS

/* g_test_init(), i18n from $ICP_ASSISTANT_LOCALEDIR, gtk_init(), adw_init(), the app's
 * GResource and CSS. Call first in main(). */
void        icp_ui_test_init          (int          *argc,
                                       char       ***argv);
/* Wait until @window is mapped and has drawn a frame. */
void        icp_ui_test_wait_mapped   (GtkWidget    *window);
/* Save a PNG of @widget (as drawn now) to $ICP_SCREENSHOT_DIR/<LANGUAGE>/<name>.png and return
 * the path (g_free). */
char       *icp_ui_test_screenshot    (GtkWidget    *widget,
                                       const char   *name);
/* The first descendant (depth first, including @root) whose gtk_widget_get_name() is @name, or
 * whose type is @type when @name is NULL. */
GtkWidget  *icp_ui_test_find          (GtkWidget    *root,
                                       const char   *name,
                                       GType         type);
/* The same for a @name that must be there: a missing widget fails the test. */
GtkWidget  *icp_ui_test_get           (GtkWidget    *root,
                                       const char   *name);
/* The first descendant GtkLabel/GtkButton/AdwActionRow/AdwStatusPage… whose visible text
 * (label, title or subtitle) contains @text. */
GtkWidget  *icp_ui_test_find_text     (GtkWidget    *root,
                                       const char   *text);
/* Activate a GAction by its detailed name ("win.export", "app.about") on @widget's window. */
gboolean    icp_ui_test_activate      (GtkWidget    *widget,
                                       const char   *detailed_action,
                                       GVariant     *target);
/* What a click does: @button must be a sensitive GtkButton. gtk_widget_activate() would emit
 * "clicked" only after a delay. */
void        icp_ui_test_click         (GtkWidget    *button);
/* Run the main context until the widget that *@weak points to, watched with
 * g_object_add_weak_pointer(), is finalized; more than 5 s fails the test. */
void        icp_ui_test_wait_finalized (GtkWidget  **weak);

/* Run the main context until @window shows @page ("start", "loading", "error", "review"),
 * then until it has drawn it; more than 30 s fails the test (a throttled or dropped request is
 * retried for about 3.5 s before the window says so). */
void        icp_ui_test_wait_page     (IcpWindow    *window,
                                       const char   *page);

/* Fail the test when @text is shown anywhere under @root (NULL: every toplevel window), hidden
 * widgets included: a label, an inscription, a button, a tooltip, a window's or row's title or
 * subtitle, a status page, a message dialog, a menu entry, or an entry whose text is visible (a
 * password entry's hidden text is not shown). For secrets and full key IDs: the failure names
 * the widget and @what, never @text. */
void        icp_ui_test_assert_nowhere (GtkWidget  *root,
                                        const char *text,
                                        const char *what);

/* The fix wizard's confirmation dialog (an AdwMessageDialog transient for @wizard), when it is
 * shown; else NULL. */
AdwMessageDialog *icp_ui_test_find_confirmation (IcpFixWizard *wizard);
/* Run the main context until it is shown and drawn; more than 20 s fails the test. */
AdwMessageDialog *icp_ui_test_wait_confirmation (IcpFixWizard *wizard);
/* Run the main context until @wizard shows @page; more than 20 s fails the test. */
void        icp_ui_test_wait_wizard_page (IcpFixWizard *wizard,
                                          const char   *page);
/* The confirmation names what issue #5 asks for, each checked on its own, worded as the
 * translations have it: the server (heading: its name; body: its id and name), the change with
 * its months or Mbit/s (from the wizard's choice, not from the request), the cost (the amount
 * and currency the price step found, or why there is none), and whether it is paid now (the
 * sentence for "Pay from my balance now" as ticked, which is off at first). */
void        icp_ui_test_check_confirmation (AdwMessageDialog *dialog,
                                            IcpFixWizard     *wizard);

G_END_DECLS
