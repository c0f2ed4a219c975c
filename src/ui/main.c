/* main.c: icp-assistant, the desktop app
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "icp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(IcpApplication) app = NULL;

  /* Before option parsing, so that --help and option errors are translated too. */
  setlocale (LC_ALL, "");
  icp_init_i18n ();

  app = icp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
