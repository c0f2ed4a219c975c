/* icp-access-key-dialog.c: add an AccessKey: checked at once, then kept in the keyring
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Add" goes: the name must not be an aliyun CLI profile's (a --profile of that name would
 * find the CLI's keys first) → the keyring is listed, and a name it already holds is only
 * replaced when the user says so → GetCallerIdentity checks the keys → only then are they
 * stored. Whatever fails is said in the window, with the API's hint, and nothing is kept.
 * When the keys work but the keyring cannot keep them, the user may still use them for this
 * session: never silently. The secret entry is emptied as soon as the keys are used or the
 * window closes; the secret is never logged. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "icp-access-key-dialog.h"

struct _IcpAccessKeyDialog
{
  AdwWindow             parent_instance;

  /* Template children */
  GtkButton            *add_button;
  GtkWidget            *checking_box;
  GtkWidget            *error_box;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *form_group;
  GtkLabel             *hint_label;
  AdwEntryRow          *key_id_row;
  AdwEntryRow          *name_row;
  AdwEntryRow          *secret_row;
  GtkSpinner           *spinner;
  GtkButton            *use_button;

  /* Owned */
  GCancellable         *cancellable;
  /* Checked keys the keyring could not keep: what "Use Without Keeping" hands on. */
  IcpConnection        *connection;
  char                 *name;

  guint                 busy : 1;
  guint                 kept : 1;
  guint                 name_edited : 1;
};

G_DEFINE_FINAL_TYPE (IcpAccessKeyDialog, icp_access_key_dialog, ADW_TYPE_WINDOW)

enum
{
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The text of @row without the white space that copying and pasting brings along. */
static char *
dup_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
is_complete (IcpAccessKeyDialog *self)
{
  AdwEntryRow *rows[] = { self->name_row, self->key_id_row, self->secret_row };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = dup_stripped (rows[i]);

      if (*text == '\0')
        return FALSE;
    }
  return TRUE;
}

static void
update_add_button (IcpAccessKeyDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), !self->busy && is_complete (self));
}

static void
forget_secret (IcpAccessKeyDialog *self)
{
  if (self->secret_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
}

static void
hide_error (IcpAccessKeyDialog *self)
{
  gtk_widget_set_visible (self->error_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->use_button), FALSE);
  gtk_label_set_text (self->error_label, "");
  gtk_label_set_text (self->hint_label, "");
}

/* @hint NULL or "": no second line. */
static void
show_error (IcpAccessKeyDialog *self,
            const char         *message,
            const char         *hint)
{
  gtk_label_set_text (self->error_label, message);
  gtk_label_set_text (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL && *hint != '\0');
  gtk_widget_set_visible (self->error_box, TRUE);
}

static void
set_busy (IcpAccessKeyDialog *self,
          gboolean            busy)
{
  self->busy = !!busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_group), !busy);
  gtk_widget_set_visible (self->checking_box, busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  if (busy)
    hide_error (self);
  update_add_button (self);
}

static void
entry_changed_cb (IcpAccessKeyDialog *self,
                  GtkEditable        *editable)
{
  if (editable == GTK_EDITABLE (self->name_row))
    self->name_edited = TRUE;

  /* What was said, and the keys that were checked, were about the text before. */
  if (!self->busy)
    {
      hide_error (self);
      g_clear_object (&self->connection);
    }
  update_add_button (self);
}

/* Hand the checked keys on and close. */
static void
finish (IcpAccessKeyDialog *self,
        IcpConnection      *connection,
        gboolean            kept)
{
  g_autoptr(IcpAccessKeyDialog) hold = g_object_ref (self);
  g_autoptr(IcpConnection) held = g_object_ref (connection);

  self->kept = !!kept;
  forget_secret (self);
  g_clear_object (&self->connection);
  g_signal_emit (self, signals[CONNECTED], 0, held);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(IcpAccessKeyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (icp_credentials_store_finish (result, &error))
    {
      finish (self, self->connection, TRUE);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  message = g_strdup_printf (
    /* Translators: %s is an Alibaba Cloud account ID (digits). */
    _("These keys work for account %s, but the keyring could not keep them."),
    icp_connection_get_account_id (self->connection));
  show_error (self, message, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->use_button), TRUE);
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(IcpAccessKeyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  IcpConnection *connection;
  IcpCredentials *credentials;

  connection = icp_connection_verify_finish (result, &error);
  if (connection == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, error->message,
                  error->domain == ICP_API_ERROR ? icp_api_error_get_hint (error) : NULL);
      return;
    }

  /* Only keys that work are kept. The entries cannot change while this runs. */
  g_set_object (&self->connection, connection);
  g_object_unref (connection);
  credentials = icp_connection_get_credentials (connection);
  icp_credentials_store_async (self->name,
                               icp_credentials_get_access_key_id (credentials),
                               icp_credentials_get_access_key_secret (credentials),
                               self->cancellable, stored_cb, g_object_ref (self));
}

static void
verify (IcpAccessKeyDialog *self)
{
  g_autofree char *key_id = dup_stripped (self->key_id_row);
  g_autofree char *secret = dup_stripped (self->secret_row);
  g_autoptr(IcpCredentials) credentials = icp_credentials_new (key_id, secret, NULL);

  icp_credentials_set_profile (credentials, self->name, ICP_CREDENTIALS_SOURCE_KEYRING);
  icp_connection_verify_async (credentials, self->cancellable, verified_cb,
                               g_object_ref (self));
  /* The credentials have their own copy. */
  memset (secret, 0, strlen (secret));
}

static void
replace_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     IcpAccessKeyDialog *self)
{
  if (g_strcmp0 (response, "replace") == 0)
    verify (self);
  else
    set_busy (self, FALSE);
}

static void
ask_replace (IcpAccessKeyDialog *self,
             IcpProfile         *existing)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     /* Translators: %s is the name the user gave a key. */
                                     _("Replace the AccessKey “%s”?"), self->name);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: the first %s is the name the user gave a
                                   * key, the second its masked ID ("LTAI****abcd"). */
                                  _("The keyring already keeps an AccessKey named “%s” (%s). "
                                    "If the new keys work, they take its place."),
                                  self->name, icp_profile_get_masked_key_id (existing));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static IcpProfile *
find_profile (GListModel *profiles,
              const char *name)
{
  for (guint i = 0; profiles != NULL && i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(IcpProfile) profile = g_list_model_get_item (profiles, i);

      if (g_strcmp0 (icp_profile_get_name (profile), name) == 0)
        return g_steal_pointer (&profile);
    }
  return NULL;
}

static void
keyring_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(IcpAccessKeyDialog) self = user_data;
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(IcpProfile) existing = NULL;
  g_autoptr(GError) error = NULL;

  profiles = icp_credentials_list_keyring_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A keyring that cannot be listed cannot keep the keys either; they are still checked,
   * and storing them then says what is wrong. */
  if (profiles == NULL)
    g_debug ("Keyring profiles: %s", error->message);

  existing = find_profile (profiles, self->name);
  if (existing != NULL)
    ask_replace (self, existing);
  else
    verify (self);
}

static void
add_clicked_cb (IcpAccessKeyDialog *self)
{
  g_autoptr(GListModel) local = NULL;
  g_autoptr(IcpProfile) clash = NULL;

  if (self->busy || !is_complete (self))
    return;

  g_free (self->name);
  self->name = dup_stripped (self->name_row);

  /* --profile and win.connect look in the aliyun CLI's configuration first. */
  local = icp_credentials_list_local_profiles (NULL, NULL);
  clash = find_profile (local, self->name);
  if (clash != NULL && icp_profile_get_source (clash) == ICP_CREDENTIALS_SOURCE_CLI_CONFIG)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (
        /* Translators: %s is the name the user typed for the key. */
        _("The aliyun CLI already has a profile named “%s”. Choose another name."),
        self->name);
      show_error (self, message, NULL);
      return;
    }

  set_busy (self, TRUE);
  icp_credentials_list_keyring_async (self->cancellable, keyring_listed_cb,
                                      g_object_ref (self));
}

static void
use_clicked_cb (IcpAccessKeyDialog *self)
{
  if (self->connection == NULL)
    return;
  finish (self, self->connection, FALSE);
}

/* The suggested name, unless the keyring has a key of that name or the user typed one. */
static void
default_name_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(IcpAccessKeyDialog) self = user_data;
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(IcpProfile) existing = NULL;
  g_autoptr(GError) error = NULL;
  /* Translators: the name suggested for a new AccessKey in the keyring. */
  const char *suggestion = _("Alibaba Cloud");

  profiles = icp_credentials_list_keyring_finish (result, &error);
  /* Closed (dispose has cleared the cancellable and the template children by now). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->name_edited || self->busy)
    return;

  existing = find_profile (profiles, suggestion);
  if (existing == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), suggestion);
      self->name_edited = FALSE;
    }
}

static gboolean
icp_access_key_dialog_close_request (GtkWindow *window)
{
  IcpAccessKeyDialog *self = ICP_ACCESS_KEY_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  forget_secret (self);

  return GTK_WINDOW_CLASS (icp_access_key_dialog_parent_class)->close_request (window);
}

IcpAccessKeyDialog *
icp_access_key_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (ICP_TYPE_ACCESS_KEY_DIALOG,
                       "transient-for", parent,
                       NULL);
}

/**
 * icp_access_key_dialog_get_kept:
 * @self: an #IcpAccessKeyDialog
 *
 * Returns: whether the keys handed on by #IcpAccessKeyDialog::connected are kept in the
 *   keyring (%FALSE: the user chose to use them without keeping them).
 */
gboolean
icp_access_key_dialog_get_kept (IcpAccessKeyDialog *self)
{
  g_return_val_if_fail (ICP_IS_ACCESS_KEY_DIALOG (self), FALSE);

  return self->kept;
}

static void
icp_access_key_dialog_dispose (GObject *object)
{
  IcpAccessKeyDialog *self = ICP_ACCESS_KEY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  forget_secret (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ICP_TYPE_ACCESS_KEY_DIALOG);

  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (icp_access_key_dialog_parent_class)->dispose (object);
}

static void
icp_access_key_dialog_finalize (GObject *object)
{
  IcpAccessKeyDialog *self = ICP_ACCESS_KEY_DIALOG (object);

  g_free (self->name);

  G_OBJECT_CLASS (icp_access_key_dialog_parent_class)->finalize (object);
}

static void
icp_access_key_dialog_class_init (IcpAccessKeyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = icp_access_key_dialog_dispose;
  object_class->finalize = icp_access_key_dialog_finalize;
  window_class->close_request = icp_access_key_dialog_close_request;

  /**
   * IcpAccessKeyDialog::connected:
   * @self: the #IcpAccessKeyDialog
   * @connection: the #IcpConnection of the checked keys
   *
   * The keys work (GetCallerIdentity answered) and are kept in the keyring, or the user
   * chose to use them without keeping them (icp_access_key_dialog_get_kept()). The window
   * closes right after.
   */
  signals[CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, ICP_TYPE_CONNECTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/icpassistant/IcpAssistant/icp-access-key-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IcpAccessKeyDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, IcpAccessKeyDialog, checking_box);
  gtk_widget_class_bind_template_child (widget_class, IcpAccessKeyDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, IcpAccessKeyDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, IcpAccessKeyDialog, form_group);
  gtk_widget_class_bind_template_child (widget_class, IcpAccessKeyDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, IcpAccessKeyDialog, key_id_row);
  gtk_widget_class_bind_template_child (widget_class, IcpAccessKeyDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, IcpAccessKeyDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, IcpAccessKeyDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, IcpAccessKeyDialog, use_button);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
icp_access_key_dialog_init (IcpAccessKeyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  icp_credentials_list_keyring_async (self->cancellable, default_name_cb, g_object_ref (self));
}
