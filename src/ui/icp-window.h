/* icp-window.h: the main window: start, loading, error and review pages
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "icp-application.h"
#include "icp-connection.h"
#include "icp-inventory.h"

G_BEGIN_DECLS

#define ICP_TYPE_WINDOW (icp_window_get_type ())
G_DECLARE_FINAL_TYPE (IcpWindow, icp_window, ICP, WINDOW, AdwApplicationWindow)

IcpWindow    *icp_window_new            (IcpApplication *application);
/* Read @files in a worker thread (the loading page shows progress), then show the review, or
 * the error page naming the file, line and column of the first problem. */
void          icp_window_open_files     (IcpWindow      *self,
                                         GFile         **files,
                                         guint           n_files);
/* Connect to the account of @profile_name (NULL or "": the default order of DOMAIN.md) and
 * fetch its servers: the keys are checked first (GetCallerIdentity), then every region is read
 * with progress per region and Cancel. This is what the action win.connect (s) does. */
void          icp_window_connect        (IcpWindow      *self,
                                         const char     *profile_name);
/* Fetch the servers of an account already connected (the keys were checked), e.g. keys just
 * typed in and kept. The window keeps @connection: win.refresh fetches again, and the fix
 * wizards offer to make their change through it. */
void          icp_window_fetch          (IcpWindow      *self,
                                         IcpConnection  *connection);
/* The account the review was fetched from, or NULL when it shows files. */
IcpConnection *icp_window_get_connection (IcpWindow     *self);
/* The page on top: "start", "loading", "error" or "review". */
const char   *icp_window_get_page       (IcpWindow      *self);
/* The inventory the review page shows (NULL before a list has been read). */
IcpInventory *icp_window_get_inventory  (IcpWindow      *self);
/* What win.export does once a file is chosen: the format follows the extension (".csv", else
 * JSON), the write is atomic, and a toast says how it went. Returns whether it was written. */
gboolean      icp_window_save_report    (IcpWindow      *self,
                                         GFile          *file);
/* The files' names, as the window's subtitle and the start page's recent rows show them:
 * "ecs-instances.json, filing-console.csv". */
char         *icp_window_describe_files (GFile         **files,
                                         guint           n_files);

G_END_DECLS
