/* icp-access-key-dialog.h: add an AccessKey: checked at once, then kept in the keyring
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "icp-connection.h"

G_BEGIN_DECLS

/* A modal window with a name, the AccessKey ID and the secret (a password entry). "Add" checks
 * the keys with GetCallerIdentity and shows the account ID or what is wrong, in the window;
 * only keys that work are stored, in the Secret Service (icp_credentials_store_async) under
 * the name. The secret is never shown again, logged nor kept elsewhere. Then it emits
 * "connected" with the checked connection and closes.
 *
 * A name that is an aliyun CLI profile's is refused (that profile would be found first); a
 * name the keyring holds is replaced only when the user says so. Keys that work but that the
 * keyring cannot keep are only used when the user chooses "Use Without Keeping".
 *
 * Signals: "connected" (IcpConnection *connection): the keys work; the window closes next. */
#define ICP_TYPE_ACCESS_KEY_DIALOG (icp_access_key_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IcpAccessKeyDialog, icp_access_key_dialog, ICP, ACCESS_KEY_DIALOG, AdwWindow)

IcpAccessKeyDialog *icp_access_key_dialog_new      (GtkWindow          *parent);
/* Whether the keys "connected" handed on are kept in the keyring (FALSE: used without
 * keeping them). */
gboolean            icp_access_key_dialog_get_kept (IcpAccessKeyDialog *self);

G_END_DECLS
