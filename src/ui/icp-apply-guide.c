/* icp-apply-guide.c: (being written)
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "icp-apply-guide.h"
