/* icp-cli.h
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of icp-check: the contract in DESIGN.md. */
enum {
  ICP_EXIT_OK = 0,
  ICP_EXIT_USAGE = 1,
  ICP_EXIT_INPUT = 2,
  ICP_EXIT_REMOTE = 3,
};

int icp_cli_run (int    argc,
                 char **argv);

G_END_DECLS
