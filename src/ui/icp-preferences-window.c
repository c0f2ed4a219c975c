/* icp-preferences-window.c: the accounts, the filing account and the policy file
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The accounts: every profile the app can use is listed, so that a user sees them all; only
 * the keyring's are this app's to add and remove (the environment and the aliyun CLI manage
 * theirs). Removing asks first and says that the key stays valid in Alibaba Cloud.
 *
 * Both settings act at once. The filing account is written when the user applies it (Enter or
 * the apply button), not on every keystroke: a half-typed number would flag every server as
 * owned by another account. Each window binds its checker to the setting, so findings follow.
 * A policy file is loaded here first and only stored when it loads. */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-access-key-dialog.h"
#include "icp-credentials.h"
#include "icp-profiles.h"
#include "icp-window.h"

#include "icp-preferences-window.h"

struct _IcpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  GtkLabel             *accounts_error_label;
  AdwPreferencesGroup  *accounts_group;
  GtkButton            *choose_button;
  AdwEntryRow          *filing_account_row;
  GtkLabel             *policy_error_label;
  AdwActionRow         *policy_row;
  GtkButton            *reset_button;

  /* Owned */
  IcpApplication       *application;
  GSettings            *settings;
  GCancellable         *cancellable;
  GCancellable         *reload_cancellable;
  /* The rows of accounts_group: owned by the group, remembered to take them out again. */
  GPtrArray            *account_rows;
};

G_DEFINE_FINAL_TYPE (IcpPreferencesWindow, icp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* --- Accounts --- */

static void reload_accounts (IcpPreferencesWindow *self);

static GtkWidget *
new_account_row (const char *title,
                 const char *subtitle,
                 const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
add_account_row (IcpPreferencesWindow *self,
                 GtkWidget            *row)
{
  adw_preferences_group_add (self->accounts_group, row);
  g_ptr_array_add (self->account_rows, row);
}

static void
show_accounts_error (IcpPreferencesWindow *self,
                     const char           *message)
{
  gtk_label_set_text (self->accounts_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->accounts_error_label), message != NULL);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IcpPreferencesWindow *self = g_task_get_source_object (task);
  const char *label = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (!icp_credentials_delete_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_accounts_error (self, error->message);
      g_task_return_boolean (task, FALSE);
      return;
    }

  /* Translators: a toast; %s is the name the user gave a key. */
  title = g_markup_printf_escaped (_("AccessKey “%s” removed"), label);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
  reload_accounts (self);
  g_task_return_boolean (task, TRUE);
}

static void
remove_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    IcpPreferencesWindow *self)
{
  const char *label = g_object_get_data (G_OBJECT (dialog), "label");
  GTask *task;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  show_accounts_error (self, NULL);
  /* The task keeps the window and the label until the keyring answers. */
  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (task, remove_response_cb);
  g_task_set_task_data (task, g_strdup (label), g_free);
  icp_credentials_delete_async (label, self->cancellable, deleted_cb, task);
}

static void
remove_clicked_cb (GtkButton            *button,
                   IcpPreferencesWindow *self)
{
  const char *label = g_object_get_data (G_OBJECT (button), "label");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     /* Translators: %s is the name the user gave a key. */
                                     _("Remove the AccessKey “%s”?"), label);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("The key stays valid in Alibaba Cloud: only this computer "
                                 "forgets it. To disable the key itself, delete it in the RAM "
                                 "console."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "label", g_strdup (label), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dialog_connected_cb (IcpAccessKeyDialog   *dialog,
                     IcpConnection        *connection,
                     IcpPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *title = NULL;

  reload_accounts (self);
  /* Keys used without keeping them exist only in this connection: the main window reads
   * the account with it now, or "Use Without Keeping" would do nothing at all. */
  if (!icp_access_key_dialog_get_kept (dialog))
    {
      if (ICP_IS_WINDOW (parent))
        icp_window_fetch (ICP_WINDOW (parent), connection);
      return;
    }

  /* A toast's title is markup. */
  title = g_markup_printf_escaped (
    /* Translators: a toast; the first %s is the name the user gave a key, the second an
     * Alibaba Cloud account ID. */
    _("AccessKey “%s” added: account %s"),
    icp_connection_get_profile_name (connection),
    icp_connection_get_account_id (connection));
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

static void
add_key_activated_cb (AdwActionRow         *row,
                      IcpPreferencesWindow *self)
{
  IcpAccessKeyDialog *dialog = icp_access_key_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "connected", G_CALLBACK (dialog_connected_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
managed_by (IcpCredentialsSource source)
{
  switch (source)
    {
    case ICP_CREDENTIALS_SOURCE_ENVIRONMENT:
      return _("Set in the environment");
    case ICP_CREDENTIALS_SOURCE_CLI_CONFIG:
      return _("Managed by the aliyun CLI");
    case ICP_CREDENTIALS_SOURCE_KEYRING:
      return _("Kept in the keyring");
    default:
      return "";
    }
}

static void
add_profile_rows (IcpPreferencesWindow *self,
                  GListModel           *profiles)
{
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(IcpProfile) profile = g_list_model_get_item (profiles, i);
      IcpCredentialsSource source = icp_profile_get_source (profile);
      const char *problem = icp_profile_get_problem (profile);
      g_autofree char *subtitle = NULL;
      const char *title;
      GtkWidget *row;

      title = icp_profiles_get_display_name (icp_profile_get_name (profile), source);

      if (problem != NULL)
        /* Translators: who manages a profile ("Managed by the aliyun CLI"), then why it
         * cannot be used, in a sentence of its own. */
        subtitle = g_strdup_printf (C_("profile source and problem", "%s · %s"),
                                    managed_by (source), problem);
      else
        /* Translators: who manages a profile ("Managed by the aliyun CLI"), then its
         * masked AccessKey ID ("LTAI****abcd"). */
        subtitle = g_strdup_printf (_("%s · AccessKey %s"), managed_by (source),
                                    icp_profile_get_masked_key_id (profile));

      row = new_account_row (title, subtitle,
                             source == ICP_CREDENTIALS_SOURCE_KEYRING ? "dialog-password-symbolic"
                                                                      : "network-server-symbolic");
      if (source == ICP_CREDENTIALS_SOURCE_KEYRING)
        {
          GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
          g_autofree char *tooltip = NULL;

          /* Translators: a tooltip; %s is the name the user gave a key. */
          tooltip = g_strdup_printf (_("Remove “%s” From This Computer"),
                                     icp_profile_get_name (profile));
          gtk_widget_set_tooltip_text (button, tooltip);
          gtk_widget_set_name (button, "remove-button");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          g_object_set_data_full (G_OBJECT (button), "label",
                                  g_strdup (icp_profile_get_name (profile)), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      add_account_row (self, row);
    }
}

static void
accounts_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(IcpPreferencesWindow) self = user_data;
  g_autoptr(IcpProfiles) profiles = icp_profiles_list_finish (result, NULL);
  GtkWidget *row;

  /* Cancelled, or the window is gone. */
  if (profiles == NULL || self->account_rows == NULL)
    return;

  for (guint i = 0; i < self->account_rows->len; i++)
    adw_preferences_group_remove (self->accounts_group, g_ptr_array_index (self->account_rows, i));
  g_ptr_array_set_size (self->account_rows, 0);

  if (profiles->local_error != NULL)
    add_account_row (self, new_account_row (_("Could Not Read the aliyun CLI Settings"),
                                            profiles->local_error->message,
                                            "dialog-warning-symbolic"));
  if (profiles->local != NULL)
    add_profile_rows (self, profiles->local);

  if (profiles->keyring == NULL)
    {
      row = new_account_row (_("The Keyring Could Not Be Read"),
                             profiles->keyring_error->message, "dialog-warning-symbolic");
      add_account_row (self, row);
    }
  else if (g_list_model_get_n_items (profiles->keyring) == 0)
    {
      row = new_account_row (_("No AccessKey Kept in the Keyring"),
                             _("Keys added with “Add an AccessKey…” are listed here"),
                             "dialog-information-symbolic");
      gtk_widget_set_name (row, "no-keyring-row");
      add_account_row (self, row);
    }
  else
    {
      add_profile_rows (self, profiles->keyring);
    }

  row = new_account_row (_("Add an AccessKey…"),
                         _("Checked with Alibaba Cloud at once, then kept in this computer’s "
                           "keyring"),
                         "list-add-symbolic");
  gtk_widget_set_name (row, "add-access-key-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_object (row, "activated", G_CALLBACK (add_key_activated_cb), self, 0);
  add_account_row (self, row);
}

static void
reload_accounts (IcpPreferencesWindow *self)
{
  if (self->account_rows == NULL)
    return;

  /* Only the latest listing counts. */
  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  self->reload_cancellable = g_cancellable_new ();
  icp_profiles_list_async (self->reload_cancellable, accounts_listed_cb, g_object_ref (self));
}

/* --- Filing account and policy --- */

static gboolean
is_account_id (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static void
filing_account_changed_cb (IcpPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->filing_account_row))));

  if (is_account_id (text))
    gtk_widget_remove_css_class (GTK_WIDGET (self->filing_account_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->filing_account_row), "error");
}

static void
filing_account_apply_cb (IcpPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->filing_account_row))));

  if (!is_account_id (text))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("An account ID has digits only")));
      return;
    }

  g_settings_set_string (self->settings, "filing-account", text);
}

static void
update_policy_row (IcpPreferencesWindow *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "policy-file");
  g_autofree char *builtin = icp_policy_dup_default_path ();
  IcpPolicy *policy = icp_application_get_policy (self->application);
  const char *path = icp_policy_get_path (policy);
  g_autofree char *subtitle = NULL;

  /* The policy in force, which --policy may have set for this run. */
  if (path == NULL || g_strcmp0 (path, builtin) == 0)
    /* Translators: the policy file row when no file is chosen; %s is the policy's name. */
    subtitle = g_strdup_printf (_("Built-in: %s"), icp_policy_get_name (policy));
  else
    subtitle = g_strdup (path);

  adw_action_row_set_subtitle (self->policy_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_button), setting[0] != '\0');
}

gboolean
icp_preferences_window_set_policy_file (IcpPreferencesWindow *self,
                                        GFile                *file)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ICP_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  /* A chosen file is tried first: a broken one is named here and changes nothing. */
  if (file != NULL)
    {
      g_autoptr(IcpPolicy) policy = NULL;
      g_autoptr(GError) error = NULL;

      path = g_file_get_path (file);
      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       /* Translators: %s is a URI. */
                       _("“%s” is not a local file"), uri);
        }
      else
        {
          policy = icp_policy_new_from_file (path, &error);
        }

      if (policy == NULL)
        {
          gtk_label_set_text (self->policy_error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->policy_error_label), TRUE);
          return FALSE;
        }

      /* The application then sees this path in force and does not read it again. */
      icp_application_set_policy (self->application, policy);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->policy_error_label), FALSE);
  /* The application loads the policy the setting names (the built-in one for ""). */
  g_settings_set_string (self->settings, "policy-file", path != NULL ? path : "");
  update_policy_row (self);
  return TRUE;
}

static void
choose_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(IcpPreferencesWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      icp_preferences_window_set_policy_file (self, file);
    }

  g_object_unref (dialog);
}

static void
choose_clicked_cb (IcpPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) ini = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a Policy File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (ini, _("Policy Files (INI)"));
  gtk_file_filter_add_pattern (ini, "*.ini");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), ini);

  g_signal_connect (chooser, "response", G_CALLBACK (choose_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
reset_clicked_cb (IcpPreferencesWindow *self)
{
  icp_preferences_window_set_policy_file (self, NULL);
}

IcpPreferencesWindow *
icp_preferences_window_new (IcpApplication *application,
                            GtkWindow      *parent)
{
  IcpPreferencesWindow *self;
  g_autofree char *account = NULL;

  g_return_val_if_fail (ICP_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (ICP_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       "transient-for", parent,
                       NULL);
  self->application = g_object_ref (application);
  self->settings = g_object_ref (icp_application_get_settings (application));

  account = g_settings_get_string (self->settings, "filing-account");
  gtk_editable_set_text (GTK_EDITABLE (self->filing_account_row), account);

  g_signal_connect_object (application, "notify::policy", G_CALLBACK (update_policy_row), self,
                           G_CONNECT_SWAPPED);
  update_policy_row (self);

  return self;
}

/**
 * icp_preferences_window_reload_accounts:
 * @self: an #IcpPreferencesWindow
 *
 * Lists the accounts again (the keyring's asynchronously).
 */
void
icp_preferences_window_reload_accounts (IcpPreferencesWindow *self)
{
  g_return_if_fail (ICP_IS_PREFERENCES_WINDOW (self));

  reload_accounts (self);
}

static void
icp_preferences_window_dispose (GObject *object)
{
  IcpPreferencesWindow *self = ICP_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->reload_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ICP_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->application);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reload_cancellable);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (icp_preferences_window_parent_class)->dispose (object);
}

static void
icp_preferences_window_class_init (IcpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = icp_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/icpassistant/IcpAssistant/icp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IcpPreferencesWindow, accounts_error_label);
  gtk_widget_class_bind_template_child (widget_class, IcpPreferencesWindow, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, IcpPreferencesWindow, choose_button);
  gtk_widget_class_bind_template_child (widget_class, IcpPreferencesWindow, filing_account_row);
  gtk_widget_class_bind_template_child (widget_class, IcpPreferencesWindow, policy_error_label);
  gtk_widget_class_bind_template_child (widget_class, IcpPreferencesWindow, policy_row);
  gtk_widget_class_bind_template_child (widget_class, IcpPreferencesWindow, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, filing_account_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, filing_account_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
}

static void
icp_preferences_window_init (IcpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->account_rows = g_ptr_array_new ();
  reload_accounts (self);
}
