/* icp-start-page.c: the three ways in: an account, an exported list, the sample
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-credentials.h"

#include "icp-start-page.h"
#include "icp-window.h"

struct _IcpStartPage
{
  AdwBin                parent_instance;

  /* Template children */
  AdwPreferencesGroup  *account_group;
  AdwPreferencesGroup  *recent_group;

  /* Owned */
  GSettings            *settings;
  GCancellable         *cancellable;
  GPtrArray            *account_rows;
  GPtrArray            *recent_rows;
};

G_DEFINE_FINAL_TYPE (IcpStartPage, icp_start_page, ADW_TYPE_BIN)

GtkWidget *
icp_start_page_new (void)
{
  return g_object_new (ICP_TYPE_START_PAGE, NULL);
}

static const char *
source_label (IcpCredentialsSource source)
{
  switch (source)
    {
    case ICP_CREDENTIALS_SOURCE_ENVIRONMENT:
      return _("Environment variables");
    case ICP_CREDENTIALS_SOURCE_CLI_CONFIG:
      return _("aliyun CLI profile");
    case ICP_CREDENTIALS_SOURCE_KEYRING:
      return _("Kept in the keyring");
    default:
      return "";
    }
}

/* Every row of this page shows text that is not ours to choose: profile names, file names,
 * error messages, and translations of all of it. libadwaita 1.2's rows wrap their title and
 * subtitle by word, falling back to characters. On GTK 4.8 such a label can report a minimum
 * width for an unbounded height that is larger than its minimum width (for some mixes of
 * Chinese and Latin text, "未找到AccessKey": 14 px against 21 px), and a box asked to lay the
 * row out at its minimum width then cannot fit it at any height: a critical, fatal in the
 * tests. A floor under the row's width keeps its text from ever being asked to fit into a
 * few pixels; it is well below the narrowest this page gets (a 360 px window). */
#define ROW_MIN_WIDTH 240

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_size_request (row, ROW_MIN_WIDTH, -1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
new_icon (const char *icon_name)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  return image;
}

static void
add_account_row (IcpStartPage *self,
                 GtkWidget    *row)
{
  adw_preferences_group_add (self->account_group, row);
  g_ptr_array_add (self->account_rows, row);
}

static void
profile_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     IcpStartPage     *self)
{
  if (g_strcmp0 (response, "open") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open", NULL);
}

/* Fetching from the account comes with issue #5; until then say plainly what works today. */
static void
profile_activated_cb (AdwActionRow *row,
                      IcpStartPage *self)
{
  IcpProfile *profile = g_object_get_data (G_OBJECT (row), "profile");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *name = icp_profile_get_name (profile);
  g_autofree char *quoted = g_shell_quote (name);
  g_autofree char *command = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* The environment is used when no profile is named. */
  if (icp_profile_get_source (profile) == ICP_CREDENTIALS_SOURCE_ENVIRONMENT)
    command = g_strdup ("icp-check --fetch -o instances.json");
  else
    command = g_strdup_printf ("icp-check --fetch --profile=%s -o instances.json", quoted);

  body = g_markup_printf_escaped (
    /* Translators: %s is a command line, shown in a fixed-width font. */
    _("This version cannot read the servers straight from an account yet. It can read a list "
      "that the command-line tool fetches with these keys:\n\n<tt>%s</tt>\n\nRun it in a "
      "terminal, then open instances.json here."),
    command);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Fetch the List with icp-check"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), TRUE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "open", _("_Open a File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (profile_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_profiles (IcpStartPage *self,
              GListModel   *profiles)
{
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(IcpProfile) profile = g_list_model_get_item (profiles, i);
      IcpCredentialsSource source = icp_profile_get_source (profile);
      const char *problem = icp_profile_get_problem (profile);
      const char *title;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* The environment's keys have no profile name of their own. */
      if (source == ICP_CREDENTIALS_SOURCE_ENVIRONMENT)
        title = _("Keys in the Environment");
      else
        title = icp_profile_get_name (profile);

      if (icp_profile_is_usable (profile))
        {
          /* Translators: where a profile comes from, then its masked AccessKey id, e.g.
           * "aliyun CLI profile · AccessKey LTAI****abcd". */
          subtitle = g_strdup_printf (_("%s · AccessKey %s"),
                                      source_label (source),
                                      icp_profile_get_masked_key_id (profile));
          row = new_row (title, subtitle);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                     new_icon ("network-server-symbolic"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_icon ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "profile", g_object_ref (profile),
                                  g_object_unref);
          g_signal_connect_object (row, "activated", G_CALLBACK (profile_activated_cb),
                                   self, 0);
        }
      else
        {
          /* Translators: the subtitle of a profile that cannot be used: where it comes from
           * ("aliyun CLI profile"), then why, in a sentence of its own. */
          subtitle = g_strdup_printf (C_("profile source and problem", "%s · %s"),
                                      source_label (source),
                                      problem != NULL ? problem : _("Cannot be used"));
          row = new_row (title, subtitle);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), new_icon ("dialog-warning-symbolic"));
          gtk_widget_add_css_class (row, "unusable");
        }

      add_account_row (self, row);
    }
}

static void
add_message_row (IcpStartPage *self,
                 const char   *icon_name,
                 const char   *title,
                 const char   *subtitle)
{
  GtkWidget *row = new_row (title, subtitle);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), new_icon (icon_name));
  add_account_row (self, row);
}

static void
keyring_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(IcpStartPage) self = user_data;
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GError) error = NULL;

  profiles = icp_credentials_list_keyring_finish (result, &error);
  if (profiles == NULL)
    {
      /* No Secret Service (a bare session, a test) just means no keyring profiles. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Keyring profiles: %s", error->message);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (g_list_model_get_n_items (profiles) > 0)
    {
      /* The "nothing found" row, if shown, is no longer true. */
      if (self->account_rows->len == 1 &&
          g_object_get_data (g_ptr_array_index (self->account_rows, 0), "none") != NULL)
        {
          adw_preferences_group_remove (self->account_group,
                                        g_ptr_array_index (self->account_rows, 0));
          g_ptr_array_set_size (self->account_rows, 0);
        }
      add_profiles (self, profiles);
    }
}

static void
load_profiles (IcpStartPage *self)
{
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GError) error = NULL;

  profiles = icp_credentials_list_local_profiles (NULL, &error);
  if (profiles == NULL)
    {
      add_message_row (self, "dialog-warning-symbolic", _("Could Not Read the aliyun CLI Settings"),
                       error->message);
    }
  else if (g_list_model_get_n_items (profiles) > 0)
    {
      add_profiles (self, profiles);
    }
  else
    {
      add_message_row (self, "dialog-information-symbolic", _("No AccessKey Found"),
                       _("Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, "
                         "or configure the aliyun CLI with “aliyun configure”."));
      g_object_set_data (g_ptr_array_index (self->account_rows, 0), "none",
                         GINT_TO_POINTER (TRUE));
    }

  icp_credentials_list_keyring_async (self->cancellable, keyring_cb, g_object_ref (self));
}

/* "ecs-instances.json, filing-console.csv" and the folder of the first one. */
static void
recent_row_text (const char * const  *uris,
                 char               **title,
                 char               **subtitle)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) parent = NULL;

  for (guint i = 0; uris[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_uri (uris[i]));
  parent = g_file_get_parent (g_ptr_array_index (files, 0));

  *title = icp_window_describe_files ((GFile **) files->pdata, files->len);
  *subtitle = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("");
}

static void
recent_changed_cb (IcpStartPage *self)
{
  g_autoptr(GVariant) recent = g_settings_get_value (self->settings, "recent-files");
  GVariantIter iter;
  GVariant *entry;

  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);

  g_variant_iter_init (&iter, recent);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autofree const char **uris = g_variant_get_strv (entry, NULL);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (uris[0] == NULL)
        {
          g_variant_unref (entry);
          continue;
        }

      recent_row_text (uris, &title, &subtitle);
      row = new_row (title, subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), new_icon ("document-open-recent-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_icon ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), entry);
      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
      g_variant_unref (entry);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->recent_rows->len > 0);
}

static void
icp_start_page_dispose (GObject *object)
{
  IcpStartPage *self = ICP_START_PAGE (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ICP_TYPE_START_PAGE);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (icp_start_page_parent_class)->dispose (object);
}

static void
icp_start_page_class_init (IcpStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = icp_start_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/icpassistant/IcpAssistant/icp-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IcpStartPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, IcpStartPage, recent_group);
}

static void
icp_start_page_init (IcpStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  /* Rows are owned by their group; these only remember which ones to take out again. */
  self->account_rows = g_ptr_array_new ();
  self->recent_rows = g_ptr_array_new ();

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::recent-files",
                           G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
  recent_changed_cb (self);

  load_profiles (self);
}
