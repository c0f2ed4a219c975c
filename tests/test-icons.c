/* test-icons.c: the app icons are SVG files that load at the size the icon theme expects
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

typedef struct
{
  const char *path;   /* below data/icons/hicolor */
  int         size;
} IconCase;

static const IconCase icons[] = {
  { "scalable/apps/" APPLICATION_ID ".svg", 128 },
  { "symbolic/apps/" APPLICATION_ID "-symbolic.svg", 16 },
};

static void
test_icon (gconstpointer data)
{
  const IconCase *icon = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "icons", "hicolor",
                                                 icon->path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *format_name = NULL;
  GdkPixbufFormat *format;
  int width = 0, height = 0;

  /* An SVG by content, not just by name. */
  format = gdk_pixbuf_get_file_info (path, &width, &height);
  g_assert_nonnull (format);
  format_name = gdk_pixbuf_format_get_name (format);
  g_assert_cmpstr (format_name, ==, "svg");
  g_assert_cmpint (width, ==, icon->size);
  g_assert_cmpint (height, ==, icon->size);

  /* It renders, and it is not blank. */
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, icon->size);
  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  {
    const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
    int stride = gdk_pixbuf_get_rowstride (pixbuf);
    guint opaque = 0;

    for (int y = 0; y < icon->size; y++)
      for (int x = 0; x < icon->size; x++)
        opaque += pixels[y * stride + x * 4 + 3] > 128;
    /* Something drawn, and not a full square. */
    g_assert_cmpuint (opaque, >, icon->size * icon->size / 5);
    g_assert_cmpuint (opaque, <, icon->size * icon->size);
  }

  /* A symbolic icon is recoloured by GTK: one flat colour, no gradients nor embedded images. */
  if (g_str_has_suffix (icon->path, "-symbolic.svg"))
    {
      g_assert_true (g_file_get_contents (path, &text, NULL, &error));
      g_assert_no_error (error);
      g_assert_null (strstr (text, "Gradient"));
      g_assert_null (strstr (text, "<image"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      g_autofree char *name = g_strdup_printf ("/icp/icons/%s", icons[i].path);

      g_test_add_data_func (name, &icons[i], test_icon);
    }

  return g_test_run ();
}
