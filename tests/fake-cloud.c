/* fake-cloud.c — run the fake Alibaba Cloud by hand or from another process
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* fake-cloud --data FILE [--latency-ms N] [--generate REGIONS:INSTANCES] [--port N]
 *
 * Prints the port on its own line on stdout, then the URL and the test AccessKey id on stderr,
 * and serves until SIGINT or SIGTERM. A test tool, like the service it imitates its messages
 * are in English. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib-unix.h>

#include "icp-fake-cloud.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_generate (const char *text,
                guint      *regions,
                guint      *instances)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  guint64 r, i;

  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, 1000, &r, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, 1000000, &i, NULL))
    return FALSE;
  *regions = (guint) r;
  *instances = (guint) i;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data = NULL;
  g_autofree char *generate = NULL;
  g_autofree char *now = NULL;
  int latency_ms = 0;
  int port = 0;
  GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, "The account to serve (JSON)", "FILE" },
    { "generate", 0, 0, G_OPTION_ARG_STRING, &generate,
      "Serve a generated account instead", "REGIONS:INSTANCES" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Delay every answer", "N" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Listen on this port (default: any free one)", "N" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now,
      "The business clock (ISO 8601), e.g. the app's --now (default: the real time)", "TIME" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- a fake Alibaba Cloud");
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpFakeCloud) cloud = NULL;
  g_autoptr(GMainLoop) loop = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("fake-cloud: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if ((data == NULL) == (generate == NULL) || latency_ms < 0 || port < 0 || port > 65535)
    {
      g_printerr ("fake-cloud: give either --data FILE or --generate REGIONS:INSTANCES\n");
      return EXIT_FAILURE;
    }

  if (generate != NULL)
    {
      guint regions, instances;

      if (!parse_generate (generate, &regions, &instances))
        {
          g_printerr ("fake-cloud: --generate wants REGIONS:INSTANCES, e.g. 20:500\n");
          return EXIT_FAILURE;
        }
      cloud = icp_fake_cloud_new_generated (regions, instances);
    }
  else if ((cloud = icp_fake_cloud_new_from_file (data, &error)) == NULL)
    {
      g_printerr ("fake-cloud: %s\n", error->message);
      return EXIT_FAILURE;
    }

  icp_fake_cloud_set_latency (cloud, (guint) latency_ms);
  if (now != NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (now, NULL);

      if (time == NULL)
        {
          g_printerr ("fake-cloud: --now wants an ISO 8601 time, e.g. 2026-11-20T08:00:00Z\n");
          return EXIT_FAILURE;
        }
      icp_fake_cloud_set_now (cloud, time);
    }
  if (!icp_fake_cloud_start_on_port (cloud, (guint) port, &error))
    {
      g_printerr ("fake-cloud: %s\n", error->message);
      return EXIT_FAILURE;
    }

  printf ("%u\n", icp_fake_cloud_get_port (cloud));
  fflush (stdout);
  g_printerr ("fake-cloud: serving %u instances at %s\n"
              "fake-cloud: AccessKey id %s (secret in the data file)\n",
              icp_fake_cloud_get_n_instances (cloud), icp_fake_cloud_get_url (cloud),
              icp_fake_cloud_get_access_key_id (cloud));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  return EXIT_SUCCESS;
}
