/* icp-start-page.c: the three ways in: an account, an exported list, the sample
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-access-key-dialog.h"
#include "icp-credentials.h"
#include "icp-profiles.h"

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
  GCancellable         *reload_cancellable;
  GPtrArray            *account_rows;
  GPtrArray            *recent_rows;
  /* What the account rows show, to rebuild them only when it changed. */
  char                 *profiles_signature;

  /* The window whose "is-active" is watched; not a reference. */
  GtkWindow            *window;
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

/* The window checks the keys (GetCallerIdentity) and fetches: win.connect (s). */
static void
profile_activated_cb (AdwActionRow *row,
                      IcpStartPage *self)
{
  IcpProfile *profile = g_object_get_data (G_OBJECT (row), "profile");
  const char *name = icp_profiles_get_connect_name (icp_profile_get_name (profile),
                                                    icp_profile_get_source (profile));

  gtk_widget_activate_action (GTK_WIDGET (row), "win.connect", "s", name);
}

static void
dialog_connected_cb (IcpAccessKeyDialog *dialog,
                     IcpConnection      *connection,
                     IcpStartPage       *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  icp_start_page_reload_profiles (self);
  if (ICP_IS_WINDOW (root))
    icp_window_fetch (ICP_WINDOW (root), connection);
}

static void
add_key_activated_cb (AdwActionRow *row,
                      IcpStartPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  IcpAccessKeyDialog *dialog;

  dialog = icp_access_key_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "connected", G_CALLBACK (dialog_connected_cb), self, 0);
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
      title = icp_profiles_get_display_name (icp_profile_get_name (profile), source);

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
append_signature (GString    *signature,
                  GListModel *profiles)
{
  for (guint i = 0; profiles != NULL && i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(IcpProfile) profile = g_list_model_get_item (profiles, i);

      g_string_append_printf (signature, "%d\x1f%s\x1f%s\x1f%s\x1e",
                              icp_profile_get_source (profile),
                              icp_profile_get_name (profile),
                              icp_profile_get_masked_key_id (profile),
                              icp_profile_get_problem (profile) ?: "");
    }
}

/* The account rows for what was found: the local profiles (or why they could not be read),
 * the keyring's (none, or the keyring could not be listed: no rows), and the row that adds a
 * key. Nothing is rebuilt when nothing changed: a reload then leaves focus and rows alone. */
static void
show_profiles (IcpStartPage *self,
               IcpProfiles  *profiles)
{
  GListModel *local = profiles->local;
  const GError *local_error = profiles->local_error;
  GListModel *keyring = profiles->keyring;
  g_autoptr(GString) signature = g_string_new (NULL);
  guint n_profiles = 0;
  GtkWidget *row;

  if (local_error != NULL)
    g_string_append_printf (signature, "error\x1f%s\x1e", local_error->message);
  append_signature (signature, local);
  append_signature (signature, keyring);
  if (g_strcmp0 (signature->str, self->profiles_signature) == 0)
    return;
  g_free (self->profiles_signature);
  self->profiles_signature = g_string_free (g_steal_pointer (&signature), FALSE);

  for (guint i = 0; i < self->account_rows->len; i++)
    adw_preferences_group_remove (self->account_group, g_ptr_array_index (self->account_rows, i));
  g_ptr_array_set_size (self->account_rows, 0);

  if (local_error != NULL)
    add_message_row (self, "dialog-warning-symbolic", _("Could Not Read the aliyun CLI Settings"),
                     local_error->message);
  if (local != NULL)
    {
      add_profiles (self, local);
      n_profiles += g_list_model_get_n_items (local);
    }
  if (keyring != NULL)
    {
      add_profiles (self, keyring);
      n_profiles += g_list_model_get_n_items (keyring);
    }
  if (n_profiles == 0 && local_error == NULL)
    add_message_row (self, "dialog-information-symbolic", _("No AccessKey Found"),
                     _("Add one with “Add an AccessKey…” below, set ALIBABA_CLOUD_ACCESS_KEY_ID "
                       "and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure the aliyun CLI with "
                       "“aliyun configure”."));

  row = new_row (_("Add an AccessKey…"),
                 _("Checked with Alibaba Cloud at once, then kept in this computer’s keyring"));
  gtk_widget_set_name (row, "add-access-key-row");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), new_icon ("list-add-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_icon ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_object (row, "activated", G_CALLBACK (add_key_activated_cb), self, 0);
  add_account_row (self, row);
}

static void
profiles_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(IcpStartPage) self = user_data;
  g_autoptr(IcpProfiles) profiles = icp_profiles_list_finish (result, NULL);

  /* Cancelled: a newer listing counts, or the page is gone. */
  if (profiles == NULL || self->account_rows == NULL)
    return;
  /* No Secret Service (a bare session, a test) just means no keyring profiles. */
  if (profiles->keyring_error != NULL)
    g_debug ("Keyring profiles: %s", profiles->keyring_error->message);

  show_profiles (self, profiles);
}

/**
 * icp_start_page_reload_profiles:
 * @self: an #IcpStartPage
 *
 * Reads the profiles again: the environment and the aliyun CLI's configuration at once, the
 * keyring's when it answers. The rows change only when the profiles did.
 */
void
icp_start_page_reload_profiles (IcpStartPage *self)
{
  g_return_if_fail (ICP_IS_START_PAGE (self));

  /* Disposed. */
  if (self->account_rows == NULL)
    return;

  /* The first time, the local profiles show before the keyring answers. */
  if (self->profiles_signature == NULL)
    {
      g_autoptr(IcpProfiles) local = icp_profiles_list_local ();

      show_profiles (self, local);
    }

  /* Only the latest listing counts. */
  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  self->reload_cancellable = g_cancellable_new ();
  icp_profiles_list_async (self->reload_cancellable, profiles_listed_cb, g_object_ref (self));
}

/* Keys may have been added or removed elsewhere (the preferences, icp-check, Passwords and
 * Keys) while the window was away or in the background. */
static void
root_active_cb (GtkWindow    *window,
                GParamSpec   *pspec,
                IcpStartPage *self)
{
  if (gtk_window_is_active (window) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    icp_start_page_reload_profiles (self);
}

static void
icp_start_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (icp_start_page_parent_class)->map (widget);

  icp_start_page_reload_profiles (ICP_START_PAGE (widget));
}

static void
icp_start_page_root (GtkWidget *widget)
{
  IcpStartPage *self = ICP_START_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (icp_start_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      g_signal_connect_object (root, "notify::is-active", G_CALLBACK (root_active_cb), self, 0);
    }
}

static void
icp_start_page_unroot (GtkWidget *widget)
{
  IcpStartPage *self = ICP_START_PAGE (widget);

  if (self->window != NULL)
    g_signal_handlers_disconnect_by_func (self->window, root_active_cb, self);
  self->window = NULL;

  GTK_WIDGET_CLASS (icp_start_page_parent_class)->unroot (widget);
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

  g_cancellable_cancel (self->reload_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ICP_TYPE_START_PAGE);

  g_clear_object (&self->settings);
  g_clear_object (&self->reload_cancellable);
  g_clear_pointer (&self->profiles_signature, g_free);
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
  widget_class->map = icp_start_page_map;
  widget_class->root = icp_start_page_root;
  widget_class->unroot = icp_start_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/icpassistant/IcpAssistant/icp-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IcpStartPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, IcpStartPage, recent_group);
}

static void
icp_start_page_init (IcpStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Rows are owned by their group; these only remember which ones to take out again. */
  self->account_rows = g_ptr_array_new ();
  self->recent_rows = g_ptr_array_new ();

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::recent-files",
                           G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
  recent_changed_cb (self);

  icp_start_page_reload_profiles (self);
}
