/* icp-ui-test-utils.h: helpers for the UI tests (real windows under Xvfb)
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

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

G_END_DECLS
