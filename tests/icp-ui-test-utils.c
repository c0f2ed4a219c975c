/* icp-ui-test-utils.c: helpers for the UI tests (real windows under Xvfb)
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The UI tests run the real widgets on an Xvfb display (tests/with-xvfb.sh) with the cairo
 * renderer, so what a screenshot shows is what a user would see. Nothing here fakes GTK: the
 * helpers only spin the main context, walk the widget tree and save what is drawn. */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "icp-policy.h"
#include "icp-resources.h"

#include "icp-test-utils.h"
#include "icp-ui-test-utils.h"

#define RESOURCE_BASE "/io/github/icpassistant/IcpAssistant"

static char *test_home;

static void
remove_test_home (void)
{
  if (test_home != NULL)
    icp_test_remove_tree (test_home);
  g_clear_pointer (&test_home, g_free);
}

/* A fresh home for the program: no aliyun CLI profiles, no keys from the environment, no
 * recent files of a real user, nothing written into a real home, no settings or caches of
 * another test. Unlike G_TEST_OPTION_ISOLATE_DIRS this keeps XDG_DATA_DIRS, where the MIME
 * database that image loading relies on lives. */
static void
isolate_home (void)
{
  const char *subdirs[][2] = {
    { "XDG_CONFIG_HOME", ".config" },
    { "XDG_DATA_HOME", ".local/share" },
    { "XDG_CACHE_HOME", ".cache" },
    { "XDG_STATE_HOME", ".local/state" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };

  test_home = icp_test_make_temp_dir ("icp-ui-test-XXXXXX");
  g_setenv ("HOME", test_home, TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (test_home, subdirs[i][1], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (subdirs[i][0], dir, TRUE);
    }
  icp_test_unset_credential_env (NULL);
  atexit (remove_test_home);
}

void
icp_ui_test_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GtkCssProvider) css = NULL;

  isolate_home ();
  g_test_init (argc, argv, NULL);
  /* The locale comes from the environment (LANGUAGE=en or zh_CN, set by tests/meson.build). */
  setlocale (LC_ALL, "");
  icp_init_i18n ();
  adw_init ();

  /* Referencing the generated resource links it in; its constructor registers it. */
  g_assert_nonnull (icp_get_resource ());

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* What GtkApplication does for the app: its icons from the resource. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_BASE "/icons");

  /* Deterministic screenshots: no transitions half way through. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static gboolean
is_mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  guint *ticks = data;

  (*ticks)++;
  return *ticks < 2 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
two_ticks_cb (gpointer data)
{
  return *(guint *) data >= 2;
}

void
icp_ui_test_wait_mapped (GtkWidget *window)
{
  guint ticks = 0;

  g_return_if_fail (GTK_IS_WIDGET (window));

  if (!icp_test_wait_for (is_mapped_cb, window, 5000))
    g_error ("%s was not mapped within 5 s", G_OBJECT_TYPE_NAME (window));

  /* Two frame-clock ticks after mapping: layout has run and a frame has been painted. */
  gtk_widget_add_tick_callback (window, tick_cb, &ticks, NULL);
  gtk_widget_queue_draw (window);
  if (!icp_test_wait_for (two_ticks_cb, &ticks, 5000))
    g_error ("%s drew no frame within 5 s", G_OBJECT_TYPE_NAME (window));
  icp_test_wait (50);
}

typedef struct
{
  GtkWidget     *widget;
  GskRenderNode *node;
  int            width;
  int            height;
  guint          frames;
} Shot;

/* Right after a frame is painted every widget in it has its render node; a moment later
 * anything that queues a draw (a blinking cursor, a label that changed) drops it again, and
 * a widget paintable made then draws nothing. So the snapshot is taken here, in the frame. */
static void
after_paint_cb (GdkFrameClock *clock,
                Shot          *shot)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;

  if (shot->node != NULL)
    return;

  shot->frames++;
  shot->width = gtk_widget_get_width (shot->widget);
  shot->height = gtk_widget_get_height (shot->widget);
  if (!gtk_widget_get_mapped (shot->widget) || shot->width <= 0 || shot->height <= 0)
    return;

  paintable = gtk_widget_paintable_new (shot->widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, shot->width, shot->height);
  shot->node = gtk_snapshot_free_to_node (snapshot);
}

static gboolean
shot_taken_cb (gpointer data)
{
  Shot *shot = data;

  /* Not in this frame: ask for another. */
  if (shot->node == NULL && gtk_widget_get_mapped (shot->widget))
    gtk_widget_queue_draw (shot->widget);
  return shot->node != NULL || shot->frames >= 10;
}

char *
icp_ui_test_screenshot (GtkWidget  *widget,
                        const char *name)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  GdkFrameClock *clock;
  GskRenderer *renderer;
  const char *base = g_getenv ("ICP_SCREENSHOT_DIR");
  const char *lang = g_getenv ("LANGUAGE");
  Shot shot = { widget, NULL, 0, 0, 0 };
  gulong handler;
  char *path;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (base == NULL || base[0] == '\0')
    base = g_get_tmp_dir ();
  if (lang == NULL || lang[0] == '\0')
    lang = "default";

  if (!icp_test_wait_for (is_mapped_cb, widget, 5000))
    g_error ("screenshot “%s”: the %s was not mapped within 5 s", name,
             G_OBJECT_TYPE_NAME (widget));

  /* Up to ten frames, within 10 s, to find the widget drawn with a size. */
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &shot);
  gtk_widget_queue_draw (widget);
  icp_test_wait_for (shot_taken_cb, &shot, 10000);
  g_signal_handler_disconnect (clock, handler);
  node = g_steal_pointer (&shot.node);
  if (node == NULL)
    g_error ("screenshot “%s”: the %s drew nothing in %u frames (mapped: %s, size %d×%d)",
             name, G_OBJECT_TYPE_NAME (widget), shot.frames,
             gtk_widget_get_mapped (widget) ? "yes" : "no", shot.width, shot.height);

  dir = g_build_filename (base, lang, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, shot.width, shot.height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("screenshot “%s”: could not write %s", name, path);
  g_test_message ("screenshot: %s", path);

  return path;
}

static gboolean
matches (GtkWidget  *widget,
         const char *name,
         GType       type)
{
  if (name != NULL)
    return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, type);
}

GtkWidget *
icp_ui_test_find (GtkWidget  *root,
                  const char *name,
                  GType       type)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (name != NULL || type != G_TYPE_INVALID, NULL);

  if (matches (root, name, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = icp_ui_test_find (child, name, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
icp_ui_test_get (GtkWidget  *root,
                 const char *name)
{
  GtkWidget *widget = icp_ui_test_find (root, name, G_TYPE_INVALID);

  if (widget == NULL)
    g_error ("no widget named “%s”", name);
  return widget;
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

/* The strings a widget shows of its own. Rows and status pages also draw them through inner
 * labels, but matching the outer widget first returns the row a test wants to activate. */
static gboolean
widget_shows_text (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_LABEL (widget))
    return contains (gtk_label_get_text (GTK_LABEL (widget)), text);
  if (GTK_IS_BUTTON (widget))
    return contains (gtk_button_get_label (GTK_BUTTON (widget)), text);
  if (GTK_IS_INSCRIPTION (widget))
    return contains (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text);
  if (ADW_IS_ACTION_ROW (widget) &&
      contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text))
    return TRUE;
  if (ADW_IS_EXPANDER_ROW (widget) &&
      contains (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)), text))
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget))
    return contains (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text);
  if (ADW_IS_PREFERENCES_GROUP (widget))
    return contains (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), text) ||
           contains (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)),
                     text);
  if (ADW_IS_STATUS_PAGE (widget))
    return contains (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), text) ||
           contains (adw_status_page_get_description (ADW_STATUS_PAGE (widget)), text);
  if (ADW_IS_WINDOW_TITLE (widget))
    return contains (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), text) ||
           contains (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)), text);
  if (ADW_IS_BUTTON_CONTENT (widget))
    return contains (adw_button_content_get_label (ADW_BUTTON_CONTENT (widget)), text);
  if (GTK_IS_WINDOW (widget))
    return contains (gtk_window_get_title (GTK_WINDOW (widget)), text);
  return FALSE;
}

/* Hidden widgets (gtk_widget_get_visible() FALSE) and everything under them are skipped; the
 * pages of a GtkStack that are not on top are still searched. */
GtkWidget *
icp_ui_test_find_text (GtkWidget  *root,
                       const char *text)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!gtk_widget_get_visible (root))
    return NULL;
  if (widget_shows_text (root, text))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = icp_ui_test_find_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
icp_ui_test_activate (GtkWidget  *widget,
                      const char *detailed_action,
                      GVariant   *target)
{
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GVariant) parsed = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (detailed_action != NULL, FALSE);

  if (target != NULL)
    {
      owned = g_variant_ref_sink (target);
      name = g_strdup (detailed_action);
    }
  else if (!g_action_parse_detailed_name (detailed_action, &name, &parsed, &error))
    {
      g_error ("bad action name %s: %s", detailed_action, error->message);
    }

  return gtk_widget_activate_action_variant (widget, name, owned != NULL ? owned : parsed);
}

void
icp_ui_test_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
is_finalized_cb (gpointer data)
{
  return *(GtkWidget **) data == NULL;
}

void
icp_ui_test_wait_finalized (GtkWidget **weak)
{
  g_assert_true (icp_test_wait_for (is_finalized_cb, weak, 5000));
}

typedef struct
{
  IcpWindow  *window;
  const char *page;
} PageWait;

static gboolean
page_is_cb (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (icp_window_get_page (wait->window), wait->page) == 0;
}

void
icp_ui_test_wait_page (IcpWindow  *window,
                       const char *page)
{
  PageWait wait = { window, page };

  if (!icp_test_wait_for (page_is_cb, &wait, 30000))
    g_error ("expected page “%s”, still on “%s”", page, icp_window_get_page (window));
  /* Let the page lay itself out before anyone looks at it. */
  icp_ui_test_wait_mapped (GTK_WIDGET (window));
}

/* --- Secrets --- */

static gboolean
shows (const char *shown,
       const char *text)
{
  return shown != NULL && strstr (shown, text) != NULL;
}

/* Which of its own strings @widget shows @text in, or NULL. */
static const char *
where_shown (GtkWidget  *widget,
             const char *text)
{
  if (shows (gtk_widget_get_tooltip_text (widget), text))
    return "tooltip";
  if (GTK_IS_LABEL (widget) &&
      (shows (gtk_label_get_text (GTK_LABEL (widget)), text) ||
       shows (gtk_label_get_label (GTK_LABEL (widget)), text)))
    return "label";
  if (GTK_IS_INSCRIPTION (widget) &&
      shows (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text))
    return "inscription";
  /* The text of every entry is a GtkText; a password's is drawn as dots. */
  if (GTK_IS_TEXT (widget) && gtk_text_get_visibility (GTK_TEXT (widget)) &&
      shows (gtk_editable_get_text (GTK_EDITABLE (widget)), text))
    return "entry text";
  if (GTK_IS_BUTTON (widget) && shows (gtk_button_get_label (GTK_BUTTON (widget)), text))
    return "button label";
  if (GTK_IS_WINDOW (widget) && shows (gtk_window_get_title (GTK_WINDOW (widget)), text))
    return "window title";
  if (ADW_IS_MESSAGE_DIALOG (widget) &&
      (shows (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (widget)), text) ||
       shows (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (widget)), text)))
    return "message dialog";
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      shows (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text))
    return "row title";
  if (ADW_IS_ACTION_ROW (widget) &&
      shows (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text))
    return "row subtitle";
  if (ADW_IS_EXPANDER_ROW (widget) &&
      shows (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)), text))
    return "row subtitle";
  if (ADW_IS_STATUS_PAGE (widget) &&
      (shows (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), text) ||
       shows (adw_status_page_get_description (ADW_STATUS_PAGE (widget)), text)))
    return "status page";
  if (ADW_IS_WINDOW_TITLE (widget) &&
      (shows (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), text) ||
       shows (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)), text)))
    return "window title";
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      (shows (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), text) ||
       shows (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)), text)))
    return "group";
  /* A popover menu's entry (GTK's private GtkModelButton, known by its "text"). */
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    {
      g_autofree char *label = NULL;

      g_object_get (widget, "text", &label, NULL);
      if (shows (label, text))
        return "menu entry";
    }
  return NULL;
}

static guint
assert_nowhere_under (GtkWidget  *root,
                      const char *text,
                      const char *what)
{
  const char *where = where_shown (root, text);
  guint n = 1;

  if (where != NULL)
    g_error ("%s is shown: in the %s of a %s named “%s”", what, where,
             G_OBJECT_TYPE_NAME (root), gtk_widget_get_name (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += assert_nowhere_under (child, text, what);
  return n;
}

void
icp_ui_test_assert_nowhere (GtkWidget  *root,
                            const char *text,
                            const char *what)
{
  guint n = 0;

  g_return_if_fail (root == NULL || GTK_IS_WIDGET (root));
  g_return_if_fail (text != NULL && text[0] != '\0');
  g_return_if_fail (what != NULL);

  if (root != NULL)
    n = assert_nowhere_under (root, text, what);
  else
    {
      g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

      for (GList *l = toplevels; l != NULL; l = l->next)
        n += assert_nowhere_under (l->data, text, what);
    }
  /* Searching nothing would prove nothing. */
  if (n < 2)
    g_error ("looking for %s: %u widgets to search", what, n);
}

/* --- The fix wizard's confirmation --- */

AdwMessageDialog *
icp_ui_test_find_confirmation (IcpFixWizard *wizard)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_return_val_if_fail (ICP_IS_FIX_WIZARD (wizard), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (wizard) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
confirmation_shown_cb (gpointer data)
{
  return icp_ui_test_find_confirmation (data) != NULL;
}

AdwMessageDialog *
icp_ui_test_wait_confirmation (IcpFixWizard *wizard)
{
  AdwMessageDialog *dialog;

  if (!icp_test_wait_for (confirmation_shown_cb, wizard, 20000))
    g_error ("no confirmation within 20 s (the wizard shows “%s”)",
             icp_fix_wizard_get_page_name (wizard));
  dialog = icp_ui_test_find_confirmation (wizard);
  icp_ui_test_wait_mapped (GTK_WIDGET (dialog));
  return dialog;
}

typedef struct
{
  IcpFixWizard *wizard;
  const char   *page;
} WizardPageWait;

static gboolean
wizard_page_is_cb (gpointer data)
{
  WizardPageWait *wait = data;

  return g_strcmp0 (icp_fix_wizard_get_page_name (wait->wizard), wait->page) == 0;
}

void
icp_ui_test_wait_wizard_page (IcpFixWizard *wizard,
                              const char   *page)
{
  WizardPageWait wait = { wizard, page };

  if (!icp_test_wait_for (wizard_page_is_cb, &wait, 20000))
    g_error ("the wizard did not show the page “%s” within 20 s (it shows “%s”)", page,
             icp_fix_wizard_get_page_name (wizard));
}

static void
assert_has (const char *what,
            const char *haystack,
            const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("the confirmation's %s “%s” does not contain “%s”", what, haystack, needle);
}

static void
assert_lacks (const char *what,
              const char *haystack,
              const char *needle)
{
  if (haystack != NULL && strstr (haystack, needle) != NULL)
    g_error ("the confirmation's %s “%s” contains “%s”", what, haystack, needle);
}

void
icp_ui_test_check_confirmation (AdwMessageDialog *dialog,
                                IcpFixWizard     *wizard)
{
  IcpFixRequest *request = icp_fix_wizard_get_request (wizard);
  IcpInstance *instance = icp_fix_wizard_get_instance (wizard);
  const char *id = icp_instance_get_id (instance);
  const char *name = icp_instance_get_display_name (instance);
  const char *heading = adw_message_dialog_get_heading (dialog);
  const char *body = adw_message_dialog_get_body (dialog);
  guint months = icp_fix_wizard_get_months (wizard);
  guint mbps = icp_fix_wizard_get_mbps (wizard);
  int bought = icp_instance_get_bandwidth_out (instance);
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);
  const char *unpaid = _("An unpaid order is created; pay it in the console (Expenses → "
                         "Orders) to complete the change.");
  const char *paid = _("The order is paid from the account balance at once, and the change "
                       "is made now.");
  g_autofree char *expected_heading = NULL;
  g_autofree char *change = NULL;
  gboolean allocates = FALSE;
  gboolean orders = TRUE;

  g_assert_nonnull (request);
  g_assert_true (icp_fix_request_get_instance (request) == instance);

  /* The server, the change and its months or Mbit/s, as the wizard chose them. */
  switch (icp_fix_wizard_get_remedy (wizard))
    {
    case ICP_REMEDY_RENEW:
      expected_heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "Renew “%s” for %u month?",
                                                       "Renew “%s” for %u months?", months),
                                          name, months);
      change = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Renew %s (%s) for %u month (RenewInstance).",
                                             "Renew %s (%s) for %u months (RenewInstance).",
                                             months),
                                id, name, months);
      break;
    case ICP_REMEDY_SWITCH_BILLING:
      expected_heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "Switch “%s” to a subscription of %u "
                                                       "month?",
                                                       "Switch “%s” to a subscription of %u "
                                                       "months?", months),
                                          name, months);
      change = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Switch %s (%s) from pay-as-you-go to subscription "
                                             "for %u month (ModifyInstanceChargeType).",
                                             "Switch %s (%s) from pay-as-you-go to subscription "
                                             "for %u months (ModifyInstanceChargeType).",
                                             months),
                                id, name, months);
      break;
    case ICP_REMEDY_ADD_BANDWIDTH:
      allocates = bought >= 0 && mbps <= (guint) bought;
      orders = !allocates &&
               icp_instance_get_charge_type (instance) == ICP_CHARGE_TYPE_PREPAID;
      if (allocates)
        {
          expected_heading = g_strdup_printf (_("Assign a public IP address to “%s”?"), name);
          change = g_strdup_printf (_("Assign a public IP address to %s (%s), which already has "
                                      "%d Mbit/s of public bandwidth (AllocatePublicIpAddress)."),
                                    id, name, bought);
        }
      else
        {
          expected_heading = g_strdup_printf (_("Set the bandwidth of “%s” to %u Mbit/s?"),
                                              name, mbps);
          change = g_strdup_printf (_("Set the public bandwidth of %s (%s) to %u Mbit/s and "
                                      "assign a public IP address (ModifyInstanceNetworkSpec)."),
                                    id, name, mbps);
        }
      break;
    default:
      g_error ("the wizard has no change to confirm");
    }
  g_assert_cmpstr (heading, ==, expected_heading);
  assert_has ("body", body, change);

  /* The cost: the amount and the currency the price step found, or why there is none. */
  if (icp_fix_request_has_price (request))
    {
      g_autofree char *amount = g_strdup_printf ("%.2f", icp_fix_request_get_price (request));
      const char *currency = icp_fix_request_get_currency (request);
      /* Translators' "Cost: %s." up to the price: the amount comes after it. */
      g_autofree char *cost = g_strdup (_("Cost: %s."));

      g_assert_cmpfloat (icp_fix_request_get_price (request), >=, 0);
      g_assert_nonnull (strstr (cost, "%s"));
      *strstr (cost, "%s") = '\0';
      assert_has ("body", body, cost);
      assert_has ("body", strstr (body, cost), amount);
      assert_has ("body", body, currency != NULL ? currency : "CNY");
    }
  else
    {
      const char *problem = icp_fix_request_get_price_problem (request);
      g_autofree char *unknown = g_strdup_printf (_("Price unknown: %s"),
                                                  problem != NULL ? problem
                                                  : _("the API gave none."));

      assert_has ("body", body, unknown);
    }

  /* Paid now or not, as "Pay from my balance now" is ticked. */
  if (orders)
    {
      gboolean pay;

      g_assert_true (GTK_IS_CHECK_BUTTON (extra));
      g_assert_cmpstr (gtk_widget_get_name (extra), ==, "pay_check");
      g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (extra)), ==,
                       _("_Pay from my balance now"));
      pay = gtk_check_button_get_active (GTK_CHECK_BUTTON (extra));
      g_assert_cmpint (icp_fix_request_get_pay (request), ==, pay);
      assert_has ("body", body, pay ? paid : unpaid);
      assert_lacks ("body", body, pay ? unpaid : paid);
    }
  else
    {
      g_assert_null (extra);
      g_assert_false (icp_fix_request_get_pay (request));
      assert_has ("body", body,
                  allocates ? _("Nothing is ordered: the address comes with the bandwidth "
                                "already bought.")
                            : _("Pay-as-you-go bandwidth is billed by the hour from the moment "
                                "it changes; there is no order to pay."));
      assert_lacks ("body", body, unpaid);
      assert_lacks ("body", body, paid);
    }
}
