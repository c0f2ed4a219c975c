/* icp-console-links.c: the Alibaba Cloud console pages a fix or an application ends on
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The console has no documented deep links; these are the addresses Alibaba Cloud's own pages
 * point to (mainland site, console.aliyun.com, where ICP filing is done):
 *
 *  - an ECS instance's page, with the Renew, Switch to Subscription, Change Bandwidth, Start
 *    and Release Settings actions: https://ecs.console.aliyun.com/server/ID/detail?regionId=R
 *    (the ECS console's own instance links, as the ECS docs link "ECS控制台-实例" and its
 *    detail pages);
 *  - the ICP filing service code: "备案管理 → 备案服务号申请 → 申请" at
 *    https://bsn.console.aliyun.com/#/bsnApply/ecs, and the codes issued at
 *    .../#/bsnManagement (the ECS website tutorial, step 5 "备案", and the console's top-bar
 *    menu "备案"); the filing system itself is https://beian.aliyun.com/ (reference/
 *    peers-and-users.md §1.1);
 *  - buying an instance: https://ecs-buy.aliyun.com/.
 */

#include "config.h"

#include "icp-console-links.h"

static IcpUriLauncher launcher_func;
static gpointer launcher_data;

/* The console page of @instance (nullable), or the ECS instance list when its region is not
 * known. */
static char *
instance_uri (IcpInstance *instance)
{
  g_autofree char *id = NULL;
  g_autofree char *region = NULL;
  const char *region_id;

  if (instance == NULL)
    return g_strdup ("https://ecs.console.aliyun.com/server/region");

  region_id = icp_instance_get_region_id (instance);
  if (region_id == NULL || region_id[0] == '\0')
    return g_strdup ("https://ecs.console.aliyun.com/server/region");

  id = g_uri_escape_string (icp_instance_get_id (instance), NULL, FALSE);
  region = g_uri_escape_string (region_id, NULL, FALSE);

  return g_strdup_printf ("https://ecs.console.aliyun.com/server/%s/detail?regionId=%s",
                          id, region);
}

/**
 * icp_console_remedy_uri:
 * @remedy: what to do
 * @instance: (nullable): the instance it is for
 *
 * Returns: (transfer full): the console page where @remedy is done.
 */
char *
icp_console_remedy_uri (IcpRemedy    remedy,
                        IcpInstance *instance)
{
  switch (remedy)
    {
    case ICP_REMEDY_BUY_SERVER:
      return g_strdup (ICP_CONSOLE_BUY_ECS);

    case ICP_REMEDY_USE_OWNER_ACCOUNT:
      return g_strdup (ICP_CONSOLE_SERVICE_CODE_APPLY);

    case ICP_REMEDY_CHOOSE_ANOTHER:
    case ICP_REMEDY_CHECK_CONSOLE:
      return g_strdup (ICP_CONSOLE_SERVICE_CODE_MANAGE);

    case ICP_REMEDY_NONE:
    case ICP_REMEDY_SWITCH_BILLING:
    case ICP_REMEDY_RENEW:
    case ICP_REMEDY_ADD_BANDWIDTH:
    case ICP_REMEDY_START_INSTANCE:
    case ICP_REMEDY_RESOLVE_LOCK:
    case ICP_REMEDY_VERIFY:
    default:
      /* Renew, Switch to Subscription, Change Bandwidth and Start are actions of the
       * instance's page: one page that names the server beats a list to search. */
      return instance_uri (instance);
    }
}

static void
show_uri (GtkWindow  *parent,
          const char *uri)
{
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}

/**
 * icp_console_open:
 * @parent: (nullable): the window asking
 * @uri: the page
 *
 * Opens @uri in the browser (or hands it to the launcher a test set).
 */
void
icp_console_open (GtkWindow  *parent,
                  const char *uri)
{
  g_return_if_fail (uri != NULL);

  if (launcher_func != NULL)
    launcher_func (parent, uri, launcher_data);
  else
    show_uri (parent, uri);
}

/**
 * icp_console_set_launcher:
 * @launcher: (nullable): what opens a page instead of the browser; %NULL for the browser
 * @user_data: passed to @launcher
 *
 * For tests: nothing starts a browser under Xvfb.
 */
void
icp_console_set_launcher (IcpUriLauncher launcher,
                          gpointer       user_data)
{
  launcher_func = launcher;
  launcher_data = user_data;
}
