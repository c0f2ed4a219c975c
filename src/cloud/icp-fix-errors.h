/* icp-fix-errors.h — why a fix was refused, in words, with what to do
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "icp-ecs.h"

G_BEGIN_DECLS

/* A translated explanation of an error from a step of @request (validation, dry run, price,
 * the call, the refresh): what happened and what to do, never a bare code. The refusals
 * the ECS and billing APIs give for renewals, billing switches and bandwidth changes
 * (the 5-minute cool-down after a bandwidth change, an overdue payment, not enough balance,
 * an automatic release time, the instance's state, a security lock, an unpaid order, an
 * EIP, real-name verification, a term not sold, …) get a sentence of their own for the
 * remedy of @request, with the API's code in parentheses; any other ICP_API_ERROR gives its
 * message and hint; an ICP_ECS_ERROR (already a sentence) or any other error its message. */
char       *icp_fix_error_explain       (const GError  *error,
                                         IcpFixRequest *request);

/* TRUE when @error is a refusal that trying again later can get past (the bandwidth cool-down,
 * throttling, an order still being processed, a server error, the network). */
gboolean    icp_fix_error_is_temporary  (const GError  *error);

G_END_DECLS
