/* icp-check.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "icp-cli.h"

int
main (int   argc,
      char *argv[])
{
  return icp_cli_run (argc, argv);
}
