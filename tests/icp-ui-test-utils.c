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
