/* icp-preferences-window.c: the filing account and the policy file
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Both settings act at once. The filing account is written when the user applies it (Enter or
 * the apply button), not on every keystroke: a half-typed number would flag every server as
 * owned by another account. Each window binds its checker to the setting, so findings follow.
 * A policy file is loaded here first and only stored when it loads. */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-preferences-window.h"

struct _IcpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  GtkButton            *choose_button;
  AdwEntryRow          *filing_account_row;
  GtkLabel             *policy_error_label;
  AdwActionRow         *policy_row;
  GtkButton            *reset_button;

  /* Owned */
  IcpApplication       *application;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (IcpPreferencesWindow, icp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

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

static void
icp_preferences_window_dispose (GObject *object)
{
  IcpPreferencesWindow *self = ICP_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ICP_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->application);
  g_clear_object (&self->settings);

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
}
