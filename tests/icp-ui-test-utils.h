/* icp-ui-test-utils.h: helpers for the UI tests (real windows under Xvfb)
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* g_test_init(), i18n from $ICP_ASSISTANT_LOCALEDIR, gtk_init(), adw_init(), the app's
 * GResource and CSS. Call first in main(). */
void        icp_ui_test_init          (int          *argc,
                                       char       ***argv);
/* Run the default main context for @ms milliseconds. */
void        icp_ui_test_wait          (guint         ms);
/* Run the main context until @condition returns TRUE or @timeout_ms passes; returns the last
 * value of @condition. */
gboolean    icp_ui_test_wait_for      (gboolean    (*condition) (gpointer data),
                                       gpointer      data,
                                       guint         timeout_ms);
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
/* The first descendant GtkLabel/GtkButton/AdwActionRow/AdwStatusPage… whose visible text
 * (label, title or subtitle) contains @text. */
GtkWidget  *icp_ui_test_find_text     (GtkWidget    *root,
                                       const char   *text);
/* Activate a GAction by its detailed name ("win.export", "app.about") on @widget's window. */
gboolean    icp_ui_test_activate      (GtkWidget    *widget,
                                       const char   *detailed_action,
                                       GVariant     *target);
/* Path of a bundled sample: $ICP_ASSISTANT_DATADIR/samples/<name>. */
char       *icp_ui_test_sample_path   (const char   *name);

G_END_DECLS
