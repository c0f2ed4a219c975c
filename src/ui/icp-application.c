/* icp-application.c: the single-instance application: options, files, app actions
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One process per session (the app id is unique): a second `icp-assistant FILE` from a
 * terminal or a file manager hands its arguments to the running instance, which opens them in
 * a new window. Options are checked in the calling process (handle-local-options), so a bad
 * --now or a broken --policy ends that process with a message and exit status 1, whoever the
 * primary instance is. Paths are made absolute there too, against the caller's directory. */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-preferences-window.h"
#include "icp-resources.h"
#include "icp-time.h"
#include "icp-window.h"

#include "icp-application.h"

struct _IcpApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GDateTime      *now;
  IcpPolicy      *policy;
};

G_DEFINE_FINAL_TYPE (IcpApplication, icp_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_NOW,
  PROP_POLICY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  /* Translators: the help text of the --now option; TIME is its argument. */
  { "now", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Evaluate as of TIME (ISO 8601, e.g. 2026-11-20T08:00:00Z)"), N_("TIME") },
  { "policy", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the policy in FILE instead of the built-in one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

IcpApplication *
icp_application_new (void)
{
  return g_object_new (ICP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/icpassistant/IcpAssistant",
                       NULL);
}

GSettings *
icp_application_get_settings (IcpApplication *self)
{
  g_return_val_if_fail (ICP_IS_APPLICATION (self), NULL);

  return self->settings;
}

GDateTime *
icp_application_get_now (IcpApplication *self)
{
  g_return_val_if_fail (ICP_IS_APPLICATION (self), NULL);

  return self->now;
}

void
icp_application_set_now (IcpApplication *self,
                         GDateTime      *now)
{
  g_return_if_fail (ICP_IS_APPLICATION (self));

  if (self->now == now || (self->now != NULL && now != NULL && g_date_time_equal (self->now, now)))
    return;

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

IcpPolicy *
icp_application_get_policy (IcpApplication *self)
{
  g_return_val_if_fail (ICP_IS_APPLICATION (self), NULL);

  if (self->policy == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->policy = icp_policy_new_default (&error);
      /* The built-in policy ships with the app; without it nothing can be checked. */
      if (self->policy == NULL)
        g_error ("%s", error->message);
    }

  return self->policy;
}

void
icp_application_set_policy (IcpApplication *self,
                            IcpPolicy      *policy)
{
  g_return_if_fail (ICP_IS_APPLICATION (self));
  g_return_if_fail (ICP_IS_POLICY (policy));

  if (g_set_object (&self->policy, policy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

/* The "policy-file" setting changed (in Preferences, or from outside): the one place that loads
 * the policy the setting names. An empty setting is the built-in policy. */
static void
policy_file_changed_cb (IcpApplication *self,
                        const char     *key,
                        GSettings      *settings)
{
  g_autofree char *path = g_settings_get_string (settings, "policy-file");
  g_autoptr(IcpPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;

  if (path[0] == '\0')
    {
      g_free (path);
      path = icp_policy_dup_default_path ();
    }

  /* Preferences hand over the file they tried; the same path is not read again. */
  if (self->policy != NULL && g_strcmp0 (icp_policy_get_path (self->policy), path) == 0)
    return;

  policy = icp_policy_new_from_file (path, &error);
  /* Preferences try a file before they store it; a broken file set from outside keeps the
   * policy that works. */
  if (policy == NULL)
    {
      g_message ("%s", error->message);
      return;
    }

  icp_application_set_policy (self, policy);
}

static GtkWindow *
new_window (IcpApplication *self)
{
  return GTK_WINDOW (icp_window_new (self));
}

static void
icp_application_activate (GApplication *app)
{
  IcpApplication *self = ICP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = new_window (self);

  gtk_window_present (window);
}

static void
icp_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  IcpApplication *self = ICP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* A window still on its start page takes the files; one showing a list keeps it. */
  if (window == NULL || !ICP_IS_WINDOW (window) ||
      g_strcmp0 (icp_window_get_page (ICP_WINDOW (window)), "start") != 0)
    window = new_window (self);

  icp_window_open_files (ICP_WINDOW (window), files, n_files);
  gtk_window_present (window);
}

static int
icp_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  const char *now_text = NULL;
  const char *policy_path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("icp-assistant %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "now", "&s", &now_text))
    {
      g_autoptr(GDateTime) now = icp_time_parse (now_text, NULL);

      if (now == NULL)
        {
          /* Translators: %s is what the user gave to --now. */
          g_printerr (_("--now: “%s” is not a time; use ISO 8601, e.g. 2026-11-20T08:00:00Z"),
                      now_text);
          g_printerr ("\n");
          return 1;
        }
    }

  if (g_variant_dict_lookup (options, "policy", "^&ay", &policy_path))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IcpPolicy) policy = NULL;
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (policy_path);
      g_autofree char *absolute = g_file_get_path (file);

      policy = icp_policy_new_from_file (absolute != NULL ? absolute : policy_path, &error);
      if (policy == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      /* Kept if this process becomes the primary instance; another one reads the file itself,
       * and may run in another directory. */
      icp_application_set_policy (ICP_APPLICATION (app), policy);
      if (absolute != NULL)
        g_variant_dict_insert (options, "policy", "^ay", absolute);
    }

  return -1;
}

static int
icp_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  IcpApplication *self = ICP_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) argv = NULL;
  const char *now_text = NULL;
  const char *policy_path = NULL;
  int argc = 0;

  /* handle-local-options has checked both options in the calling process. */
  if (g_variant_dict_lookup (options, "now", "&s", &now_text))
    {
      g_autoptr(GDateTime) now = icp_time_parse (now_text, NULL);

      icp_application_set_now (self, now);
    }

  /* The calling process loaded the policy already if it is this one. */
  if (g_variant_dict_lookup (options, "policy", "^&ay", &policy_path) &&
      (self->policy == NULL || g_strcmp0 (icp_policy_get_path (self->policy), policy_path) != 0))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IcpPolicy) policy = icp_policy_new_from_file (policy_path, &error);

      /* Only if the file went away since the calling process read it. */
      if (policy == NULL)
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          return 1;
        }
      icp_application_set_policy (self, policy);
    }

  argv = g_application_command_line_get_arguments (command_line, &argc);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, g_application_command_line_create_file_for_arg (command_line, argv[i]));

  if (files->len > 0)
    g_application_open (app, (GFile **) files->pdata, files->len, "");
  else
    g_application_activate (app);

  return 0;
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  IcpApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window (rather than quitting) lets it save its size first. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  IcpApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  IcpPreferencesWindow *preferences = icp_preferences_window_new (self, parent);

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  IcpApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = {
    /* Translators: a developer credit in the About window. */
    _("The ICP Filing Assistant authors"),
    NULL
  };

  adw_show_about_window (parent,
                         "application-icon", APPLICATION_ID,
                         "application-name", _("ICP Filing Assistant"),
                         "developer-name", _("The ICP Filing Assistant authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Find out which of your Alibaba Cloud servers can get an "
                                       "ICP filing service code, and fix the others."),
                         "website", "https://github.com/icpassistant/IcpAssistant",
                         "issue-url", "https://github.com/icpassistant/IcpAssistant/issues",
                         "copyright", "© 2026 The ICP Filing Assistant authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: your names, one per line, as they should be credited
                          * in the About window. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "preferences", preferences_activated_cb },
  { "about", about_activated_cb },
};

static void
icp_application_startup (GApplication *app)
{
  IcpApplication *self = ICP_APPLICATION (app);
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (icp_application_parent_class)->startup (app);

  g_set_application_name (_("ICP Filing Assistant"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (gtk_app, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (gtk_app, "app.preferences", preferences_accels);

  g_signal_connect_object (self->settings, "changed::policy-file",
                           G_CALLBACK (policy_file_changed_cb), self, G_CONNECT_SWAPPED);
  /* The policy the settings name, unless --policy already set one. */
  if (self->policy == NULL)
    policy_file_changed_cb (self, "policy-file", self->settings);
}

static void
icp_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IcpApplication *self = ICP_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_NOW:
      g_value_set_boxed (value, self->now);
      break;
    case PROP_POLICY:
      g_value_set_object (value, icp_application_get_policy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_application_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IcpApplication *self = ICP_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_NOW:
      icp_application_set_now (self, g_value_get_boxed (value));
      break;
    case PROP_POLICY:
      icp_application_set_policy (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_application_dispose (GObject *object)
{
  IcpApplication *self = ICP_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->policy);

  G_OBJECT_CLASS (icp_application_parent_class)->dispose (object);
}

static void
icp_application_finalize (GObject *object)
{
  IcpApplication *self = ICP_APPLICATION (object);

  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (icp_application_parent_class)->finalize (object);
}

static void
icp_application_class_init (IcpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = icp_application_dispose;
  object_class->finalize = icp_application_finalize;
  object_class->get_property = icp_application_get_property;
  object_class->set_property = icp_application_set_property;

  app_class->activate = icp_application_activate;
  app_class->command_line = icp_application_command_line;
  app_class->handle_local_options = icp_application_handle_local_options;
  app_class->open = icp_application_open;
  app_class->startup = icp_application_startup;

  properties[PROP_NOW] =
    g_param_spec_boxed ("now", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL,
                         ICP_TYPE_POLICY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
icp_application_init (IcpApplication *self)
{
  /* The resource is in a static library: naming it links it in, and its constructor
   * registers it (templates, CSS, the help overlay, the icon). */
  if (icp_get_resource () == NULL)
    g_error ("The application's resources are missing");

  self->settings = g_settings_new (APPLICATION_ID);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     /* Translators: the usage line of
                                                      * icp-assistant --help. */
                                                     _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open exported Alibaba Cloud instance lists (JSON or "
                                              "CSV) and see which servers can get an ICP filing "
                                              "service code."));
}
