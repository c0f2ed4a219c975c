/* icp-console-links.h: the Alibaba Cloud console pages a fix or an application ends on
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "icp-instance.h"

G_BEGIN_DECLS

/* Where each page comes from is said next to it in icp-console-links.c. */
#define ICP_CONSOLE_SERVICE_CODE_APPLY  "https://bsn.console.aliyun.com/#/bsnApply/ecs"
#define ICP_CONSOLE_SERVICE_CODE_MANAGE "https://bsn.console.aliyun.com/#/bsnManagement"
#define ICP_CONSOLE_BUY_ECS             "https://ecs-buy.aliyun.com/"

/* Opens @uri for @parent; tests put a recorder in place of the browser. */
typedef void (*IcpUriLauncher) (GtkWindow  *parent,
                                const char *uri,
                                gpointer    user_data);

char *icp_console_remedy_uri   (IcpRemedy       remedy,
                                IcpInstance    *instance);
void  icp_console_open         (GtkWindow      *parent,
                                const char     *uri);
void  icp_console_set_launcher (IcpUriLauncher  launcher,
                                gpointer        user_data);

G_END_DECLS
