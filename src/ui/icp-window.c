/* icp-window.c: the main window: start, loading, error and review pages
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window owns what one review needs: the policy (from the application), a checker (now
 * from --now, filing account from GSettings, bound live), the inventory the review page shows,
 * and the files it came from (win.refresh reads them again). Files are read by
 * icp_import_files_async() in a worker thread; the UI thread only shows progress and, at the
 * end, fills the inventory. Each load has its own GCancellable; a newer load, Cancel, Back and
 * dispose all make the older one stale, and its late callbacks are ignored.
 *
 * An account goes the same way: win.connect resolves and checks the keys (IcpConnection), then
 * icp_window_fetch() reads every region into a new inventory (IcpEcs), with a row per region
 * on the loading page. The connect and the fetch are loads too (the same load_cancellable).
 * What one fetch left out (regions that failed, a Cancel, estimated facts) is said in the
 * notice above the review; when nothing at all could be read, the error page says why. */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-access-key-dialog.h"
#include "icp-apply-guide.h"
#include "icp-enums.h"
#include "icp-fix-wizard.h"
#include "icp-import.h"
#include "icp-report.h"
#include "icp-profiles.h"
#include "icp-review-page.h"
#include "icp-start-page.h"

#include "icp-window.h"

#define MAX_RECENT 8

typedef enum
{
  PENDING_FILES,
  PENDING_CONNECT,
  PENDING_FETCH,
} PendingKind;

struct _IcpWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  GtkMenuButton        *accounts_button;
  GtkButton            *back_button;
  GtkRevealer          *drop_revealer;
  AdwStatusPage        *error_page;
  GtkButton            *export_button;
  AdwStatusPage        *loading_page;
  GtkBox               *notice_box;
  GtkButton            *notice_button;
  GtkImage             *notice_icon;
  GtkLabel             *notice_label;
  GtkRevealer          *notice_revealer;
  GtkButton            *open_another_button;
  GtkButton            *open_button;
  GtkProgressBar       *progress_bar;
  GtkButton            *refresh_button;
  GtkListBox           *region_list;
  GtkScrolledWindow    *region_scroller;
  GtkButton            *retry_button;
  IcpReviewPage        *review_page;
  GtkStack             *stack;
  IcpStartPage         *start_page;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;

  /* Weak */
  AdwToast             *toast;

  /* Owned */
  GSettings            *settings;
  IcpPolicy            *policy;
  IcpChecker           *checker;
  IcpInventory         *inventory;
  GCancellable         *cancellable;
  GCancellable         *load_cancellable;
  GPtrArray            *files;          /* GFile: what the review shows */
  GPtrArray            *pending_files;  /* GFile: being read, or failed to read */
  char                 *page_before_loading;
  gboolean              pending_add_recent;

  /* Accounts */
  PendingKind           pending_kind;        /* what the loading or error page is about */
  char                 *pending_profile;     /* win.connect's profile ("" the default order) */
  IcpConnection        *pending_connection;  /* being fetched, or failed to fetch */
  IcpConnection        *connection;          /* what the review shows; NULL: files */
  struct _Fetch        *fetch;               /* the fetch in flight */
  GMenu                *accounts_menu;
  GSimpleAction        *account_action;   /* account.switch: the profile on show */
  IcpProfiles          *profiles;            /* the account menu's, as last listed */
  char                 *loading_title;       /* the .ui's titles, for files */
  char                 *loading_icon;
  char                 *error_title;
};

G_DEFINE_FINAL_TYPE (IcpWindow, icp_window, ADW_TYPE_APPLICATION_WINDOW)

/* One load: both the progress and the callback data, so that a stale load is recognised. */
typedef struct
{
  IcpWindow    *self;
  GCancellable *cancellable;
  /* Once read: the instances, checked into the inventory a batch at a time. */
  GPtrArray    *instances;
  IcpInventory *inventory;
  guint         next;
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->self);
  g_object_unref (load->cancellable);
  g_clear_pointer (&load->instances, g_ptr_array_unref);
  g_clear_object (&load->inventory);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static IcpApplication *
get_application (IcpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return ICP_IS_APPLICATION (app) ? ICP_APPLICATION (app) : NULL;
}

const char *
icp_window_get_page (IcpWindow *self)
{
  g_return_val_if_fail (ICP_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

IcpInventory *
icp_window_get_inventory (IcpWindow *self)
{
  g_return_val_if_fail (ICP_IS_WINDOW (self), NULL);

  return self->inventory;
}

static void
show_toast (IcpWindow  *self,
            const char *markup)
{
  AdwToast *toast = adw_toast_new (markup);

  /* The latest news at once, rather than queued behind older news. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_set_weak_pointer (&self->toast, toast);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* "ecs-instances.json, filing-console.csv" */
char *
icp_window_describe_files (GFile **files,
                           guint   n_files)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_file_get_basename (files[i]);

      if (i > 0)
        /* Translators: between the names of the files shown together. */
        g_string_append (names, _(", "));
      g_string_append (names, name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static GPtrArray *
file_array_new (GFile **files,
                guint   n_files)
{
  GPtrArray *array = g_ptr_array_new_full (n_files, g_object_unref);

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (array, g_object_ref (files[i]));

  return array;
}

/* "Account 1234567890123456 · work" */
static char *
describe_connection (IcpConnection *connection)
{
  const char *account = icp_connection_get_account_id (connection);
  const char *profile = icp_connection_get_profile_name (connection);

  if (profile != NULL)
    profile = icp_profiles_get_display_name (profile, icp_connection_get_source (connection));

  if (profile == NULL)
    /* Translators: the window's subtitle; %s is an account ID. */
    return g_strdup_printf (_("Account %s"), account);

  /* Translators: the window's subtitle; the first %s is an account ID, the second the name of
   * the profile its AccessKey came from ("Keys in the Environment", a CLI profile, a keyring
   * entry). */
  return g_strdup_printf (_("Account %s · %s"), account, profile);
}

static void
update_actions (IcpWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean start = g_strcmp0 (page, "start") == 0;
  gboolean loading = g_strcmp0 (page, "loading") == 0;
  gboolean error = g_strcmp0 (page, "error") == 0;
  gboolean review = g_strcmp0 (page, "review") == 0 && self->inventory != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.search", review);
  gtk_widget_action_set_enabled (widget, "win.export", review);
  gtk_widget_action_set_enabled (widget, "win.fix", review);
  gtk_widget_action_set_enabled (widget, "win.apply-guide", review);
  gtk_widget_action_set_enabled (widget, "win.refresh",
                                 (review && (self->files != NULL || self->connection != NULL)) ||
                                 (error && self->pending_kind == PENDING_FILES &&
                                  self->pending_files != NULL) ||
                                 (error && self->pending_kind != PENDING_FILES));
  gtk_widget_action_set_enabled (widget, "win.show-start", !start);
  gtk_widget_action_set_enabled (widget, "win.cancel-load", loading);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !start);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), review);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_button), review);
  gtk_widget_set_visible (GTK_WIDGET (self->accounts_button), review);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->refresh_button),
                               self->connection != NULL
                               ? _("Fetch the Servers Again (Ctrl+R)")
                               : _("Reload the Same Files (Ctrl+R)"));

  if (review && self->connection != NULL)
    {
      g_autofree char *subtitle = describe_connection (self->connection);

      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else if (review)
    {
      g_autofree char *names = self->files != NULL
                               ? icp_window_describe_files ((GFile **) self->files->pdata,
                                                            self->files->len)
                               : NULL;

      adw_window_title_set_subtitle (self->window_title, names);
    }
  else
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
}

static void
set_page (IcpWindow  *self,
          const char *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  update_actions (self);
}

typedef struct _Fetch Fetch;
static void fetch_detach (Fetch *fetch);
static void fetch_unref  (Fetch *fetch);

/* Stop the load in flight, if any: its callbacks become stale. */
static void
cancel_load (IcpWindow *self)
{
  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }
  if (self->fetch != NULL)
    {
      fetch_detach (self->fetch);
      g_clear_pointer (&self->fetch, fetch_unref);
    }
}

/* The start of every load (files, connect, fetch): the older one stops, and Cancel will go
 * back to the page on show now. */
static void
begin_loading (IcpWindow   *self,
               PendingKind  kind,
               const char  *icon_name,
               const char  *title,
               const char  *description)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  cancel_load (self);

  if (g_strcmp0 (page, "loading") != 0)
    {
      g_free (self->page_before_loading);
      self->page_before_loading = g_strdup (page);
    }
  self->pending_kind = kind;

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  adw_status_page_set_icon_name (self->loading_page, icon_name);
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), kind != PENDING_CONNECT);
  gtk_widget_set_visible (GTK_WIDGET (self->region_scroller), kind == PENDING_FETCH);
  set_page (self, "loading");

  self->load_cancellable = g_cancellable_new ();
}

static void
add_recent (IcpWindow *self,
            GPtrArray *files)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "recent-files");
  g_auto(GStrv) entry = g_new0 (char *, files->len + 1);
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *child;
  guint n = 1;

  for (guint i = 0; i < files->len; i++)
    entry[i] = g_file_get_uri (g_ptr_array_index (files, i));

  /* The newest first; the same set of files only once. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aas"));
  g_variant_builder_add (&builder, "^as", entry);
  g_variant_iter_init (&iter, old);
  while ((child = g_variant_iter_next_value (&iter)) != NULL && n < MAX_RECENT)
    {
      g_autofree const char **other = g_variant_get_strv (child, NULL);

      if (!g_strv_equal ((const char * const *) entry, other))
        {
          g_variant_builder_add_value (&builder, child);
          n++;
        }
      g_variant_unref (child);
    }
  g_clear_pointer (&child, g_variant_unref);

  g_settings_set_value (self->settings, "recent-files", g_variant_builder_end (&builder));
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Load *load = user_data;
  IcpWindow *self = load->self;
  g_autofree char *done_text = g_format_size (done);
  g_autofree char *text = NULL;

  if (load->cancellable != self->load_cancellable)
    return;

  if (total > 0)
    {
      g_autofree char *total_text = g_format_size (total);

      /* Translators: progress while reading files, e.g. "12.3 MB of 40.1 MB". */
      text = g_strdup_printf (_("%s of %s"), done_text, total_text);
      gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) done / total));
    }
  else
    {
      /* Translators: progress while reading files of unknown size, e.g. "12.3 MB read". */
      text = g_strdup_printf (_("%s read"), done_text);
      gtk_progress_bar_pulse (self->progress_bar);
    }

  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
show_error (IcpWindow  *self,
            const char *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  adw_status_page_set_title (self->error_page, self->error_title);
  adw_status_page_set_description (self->error_page, markup);
  gtk_widget_set_visible (GTK_WIDGET (self->open_another_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  set_page (self, "error");
}

/* An account could not be read at all: the error's sentence, the API's hint of what to do as a
 * second paragraph, and Try Again (win.refresh repeats what failed). */
static void
show_cloud_error (IcpWindow    *self,
                  const char   *title,
                  const GError *error)
{
  const char *hint = error->domain == ICP_API_ERROR ? icp_api_error_get_hint (error) : NULL;
  g_autofree char *markup = NULL;

  if (hint != NULL)
    markup = g_markup_printf_escaped ("%s\n\n%s", error->message, hint);
  else
    markup = g_markup_escape_text (error->message, -1);

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, markup);
  gtk_widget_set_visible (GTK_WIDGET (self->open_another_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
  set_page (self, "error");
}

/* Checking happens on the UI thread, where the inventory and its instances live; it goes in
 * batches so that even 100 000 servers never hold the window up for more than a few tens of
 * milliseconds (benchmarks/README.md), and Cancel still works meanwhile. */
#define CHECK_BATCH 5000

static gboolean
check_batch_cb (gpointer user_data)
{
  Load *load = user_data;
  IcpWindow *self = load->self;
  g_autoptr(GPtrArray) batch = NULL;
  g_autofree char *text = NULL;
  guint end;

  /* Cancelled, replaced by a newer load, or the window is gone. */
  if (load->cancellable != self->load_cancellable)
    return G_SOURCE_REMOVE;

  end = MIN (load->next + CHECK_BATCH, load->instances->len);
  batch = g_ptr_array_new_full (end - load->next, NULL);
  for (guint i = load->next; i < end; i++)
    g_ptr_array_add (batch, g_ptr_array_index (load->instances, i));
  icp_inventory_add_all (load->inventory, batch);
  load->next = end;

  if (load->next < load->instances->len)
    {
      /* Translators: progress while checking servers, e.g. "Checking 5000 of 100000 servers". */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Checking %u of %u server",
                                           "Checking %u of %u servers", load->instances->len),
                              load->next, load->instances->len);
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     (double) load->next / load->instances->len);
      gtk_progress_bar_set_text (self->progress_bar, text);
      return G_SOURCE_CONTINUE;
    }

  g_clear_object (&self->load_cancellable);
  g_set_object (&self->inventory, load->inventory);
  icp_review_page_set_inventory (self->review_page, load->inventory);
  g_clear_object (&self->connection);
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);

  g_clear_pointer (&self->files, g_ptr_array_unref);
  self->files = g_ptr_array_ref (self->pending_files);
  if (self->pending_add_recent)
    add_recent (self, self->files);

  set_page (self, "review");
  return G_SOURCE_REMOVE;
}

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  IcpWindow *self = load->self;
  g_autoptr(GError) error = NULL;

  load->instances = icp_import_files_finish (result, &error);

  /* Cancelled, replaced by a newer load, or the window is gone. */
  if (load->cancellable != self->load_cancellable)
    return;

  if (load->instances == NULL)
    {
      g_clear_object (&self->load_cancellable);
      show_error (self, error->message);
      return;
    }

  load->inventory = icp_inventory_new (self->checker);
  /* A small list is checked at once: no flash of the progress bar. */
  if (check_batch_cb (load) == G_SOURCE_CONTINUE)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, check_batch_cb, g_steal_pointer (&load),
                     (GDestroyNotify) load_free);
}

static void
open_files_full (IcpWindow *self,
                 GFile    **files,
                 guint      n_files,
                 gboolean   add_to_recent)
{
  g_autoptr(GPtrArray) array = file_array_new (files, n_files);
  g_autofree char *names = icp_window_describe_files (files, n_files);
  g_autofree char *markup = g_markup_escape_text (names, -1);
  Load *load;

  if (n_files == 0)
    return;

  g_clear_pointer (&self->pending_files, g_ptr_array_unref);
  self->pending_files = g_steal_pointer (&array);
  self->pending_add_recent = add_to_recent;

  begin_loading (self, PENDING_FILES, self->loading_icon, self->loading_title, markup);

  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->cancellable = g_object_ref (self->load_cancellable);

  icp_import_files_async ((GFile **) self->pending_files->pdata, self->pending_files->len,
                          self->policy, progress_cb, load, self->load_cancellable,
                          import_cb, load);
}

void
icp_window_open_files (IcpWindow  *self,
                       GFile     **files,
                       guint       n_files)
{
  g_return_if_fail (ICP_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  open_files_full (self, files, n_files, TRUE);
}

/* --- Accounts: connect and fetch --- */

/* One connect: like a Load, its cancellable tells a stale one. */
typedef struct
{
  IcpWindow    *self;
  GCancellable *cancellable;
} Connect;

static void
connect_free (Connect *connect)
{
  g_object_unref (connect->self);
  g_object_unref (connect->cancellable);
  g_free (connect);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Connect, connect_free)

/* One fetch. The window holds it while it runs (self->fetch), and so do the handlers on the
 * IcpEcs and the fetch's callback; fetch_detach() disconnects the handlers, and a fetch whose
 * cancellable is no longer the window's is stale. */
struct _Fetch
{
  IcpWindow     *self;
  GCancellable  *cancellable;
  IcpConnection *connection;
  IcpEcs        *ecs;
  IcpInventory  *inventory;
  GHashTable    *rows;          /* region id → its GtkListBoxRow (owned by region_list) */
  GPtrArray     *failed;        /* region ids, in the order they failed */
  GHashTable    *errors;        /* region id → GError */
  gulong         handlers[3];
  gulong         fetching_handler;
  guint          regions_done;
  guint          regions_total;
  gboolean       refresh;       /* the account the review shows, fetched again */
};

static void
fetch_clear (Fetch *fetch)
{
  g_object_unref (fetch->self);
  g_object_unref (fetch->cancellable);
  g_object_unref (fetch->connection);
  g_object_unref (fetch->ecs);
  g_object_unref (fetch->inventory);
  g_hash_table_unref (fetch->rows);
  g_ptr_array_unref (fetch->failed);
  g_hash_table_unref (fetch->errors);
}

static Fetch *
fetch_ref (Fetch *fetch)
{
  return g_rc_box_acquire (fetch);
}

static void
fetch_unref (Fetch *fetch)
{
  g_rc_box_release_full (fetch, (GDestroyNotify) fetch_clear);
}

static void
fetch_closure_unref (gpointer  data,
                     GClosure *closure)
{
  fetch_unref (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_unref)

static gboolean
fetch_is_stale (Fetch *fetch)
{
  return fetch->cancellable != fetch->self->load_cancellable;
}

static void
fetch_detach (Fetch *fetch)
{
  for (guint i = 0; i < G_N_ELEMENTS (fetch->handlers); i++)
    g_clear_signal_handler (&fetch->handlers[i], fetch->ecs);
  g_clear_signal_handler (&fetch->fetching_handler, fetch->ecs);
}

static const char *
region_name (IcpWindow  *self,
             const char *region_id)
{
  const char *name = icp_regions_get_name (icp_policy_get_regions (self->policy), region_id);

  return name != NULL ? name : region_id;
}

static void
update_fetch_progress (Fetch *fetch)
{
  IcpWindow *self = fetch->self;
  guint servers = icp_ecs_get_instances_so_far (fetch->ecs);
  g_autofree char *regions_text = NULL;
  g_autofree char *servers_text = NULL;
  g_autofree char *text = NULL;

  if (fetch->regions_total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_set_text (self->progress_bar, _("Listing the regions…"));
      return;
    }

  /* Translators: fetch progress, e.g. "3 of 20 regions". */
  regions_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u region",
                                               "%u of %u regions", fetch->regions_total),
                                  fetch->regions_done, fetch->regions_total);
  /* Translators: fetch progress, the servers read so far, e.g. "450 servers". */
  servers_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u server", "%u servers",
                                               servers),
                                  servers);
  /* Translators: fetch progress: "3 of 20 regions · 450 servers". */
  text = g_strdup_printf (C_("fetch progress", "%s · %s"), regions_text, servers_text);

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 (double) fetch->regions_done / fetch->regions_total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
clear_region_rows (IcpWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->region_list))) != NULL)
    gtk_list_box_remove (self->region_list, child);
}

static void
regions_listed_cb (IcpEcs             *ecs,
                   const char * const *region_ids,
                   Fetch              *fetch)
{
  IcpWindow *self = fetch->self;

  if (fetch_is_stale (fetch))
    return;

  clear_region_rows (self);
  g_hash_table_remove_all (fetch->rows);

  for (guint i = 0; region_ids[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spinner = gtk_spinner_new ();
      /* Translators: the state of a region whose servers are being read. */
      GtkWidget *state = gtk_label_new (C_("region", "Reading…"));
      g_autofree char *name = g_strconcat ("region-", region_ids[i], NULL);
      const char *title = region_name (self, region_ids[i]);

      gtk_widget_set_name (row, name);
      /* The subtitle takes the API's message if the region fails: plain text. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (g_strcmp0 (title, region_ids[i]) != 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), region_ids[i]);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

      gtk_spinner_start (GTK_SPINNER (spinner));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
      gtk_widget_add_css_class (state, "dim-label");
      gtk_widget_add_css_class (state, "region-state");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
      g_object_set_data (G_OBJECT (row), "spinner", spinner);
      g_object_set_data (G_OBJECT (row), "state", state);

      gtk_list_box_append (self->region_list, row);
      g_hash_table_insert (fetch->rows, g_strdup (region_ids[i]), row);
    }

  fetch->regions_total = g_strv_length ((char **) region_ids);
  update_fetch_progress (fetch);
}

static void
region_finished_cb (IcpEcs       *ecs,
                    const char   *region_id,
                    guint         n_instances,
                    const GError *error,
                    Fetch        *fetch)
{
  GtkWidget *row;
  GtkWidget *spinner;
  GtkWidget *state;

  if (fetch_is_stale (fetch))
    return;

  fetch->regions_done++;
  if (error != NULL && !g_hash_table_contains (fetch->errors, region_id))
    {
      g_ptr_array_add (fetch->failed, g_strdup (region_id));
      g_hash_table_insert (fetch->errors, g_strdup (region_id), g_error_copy (error));
    }
  update_fetch_progress (fetch);

  row = g_hash_table_lookup (fetch->rows, region_id);
  if (row == NULL)
    return;

  spinner = g_object_get_data (G_OBJECT (row), "spinner");
  state = g_object_get_data (G_OBJECT (row), "state");
  gtk_spinner_stop (GTK_SPINNER (spinner));
  gtk_widget_set_visible (spinner, FALSE);
  gtk_widget_remove_css_class (state, "dim-label");

  if (error != NULL)
    {
      /* Translators: the state of a region that could not be read. */
      gtk_label_set_text (GTK_LABEL (state), C_("region", "Failed"));
      gtk_widget_add_css_class (state, "error");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
    }
  else
    {
      g_autofree char *text = NULL;

      /* Translators: the servers read in one region. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u server", "%u servers",
                                           n_instances),
                              n_instances);
      gtk_label_set_text (GTK_LABEL (state), text);
      gtk_widget_add_css_class (state, "success");
    }
}

static void
fetch_progress_cb (IcpEcs     *ecs,
                   GParamSpec *pspec,
                   Fetch      *fetch)
{
  if (!fetch_is_stale (fetch))
    update_fetch_progress (fetch);
}

/* --- The notice above the review --- */

static void
notice_close_cb (IcpWindow *self)
{
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

/* What a fetch left out (@cancelled: the user stopped it), as the notice says it; hidden when
 * there is nothing to say. */
static void
show_fetch_notice (IcpWindow       *self,
                   Fetch           *fetch,
                   IcpFetchSummary *summary,
                   gboolean         cancelled)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char * const *warnings = summary != NULL ? icp_fetch_summary_get_warnings (summary)
                                                 : NULL;
  gboolean problem = cancelled || fetch->failed->len > 0;

  if (cancelled)
    {
      /* Translators: the notice after Cancel; e.g. "Fetch cancelled: 12 of 20 regions read.". */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "Fetch cancelled: %u of %u region read. The "
                                                 "list shows the servers read so far.",
                                                 "Fetch cancelled: %u of %u regions read. The "
                                                 "list shows the servers read so far.",
                                                 fetch->regions_total),
                              fetch->regions_done, fetch->regions_total);
    }

  if (fetch->failed->len > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u region could not be read; the list shows "
                                                 "the servers of the others.",
                                                 "%u regions could not be read; the list shows "
                                                 "the servers of the others.",
                                                 fetch->failed->len),
                              fetch->failed->len);
    }

  for (guint i = 0; i < fetch->failed->len; i++)
    {
      const char *region_id = g_ptr_array_index (fetch->failed, i);
      const GError *error = g_hash_table_lookup (fetch->errors, region_id);
      const char *hint = error->domain == ICP_API_ERROR ? icp_api_error_get_hint (error) : NULL;

      g_string_append_c (text, '\n');
      if (hint != NULL)
        /* Translators: one failed region in the notice: the region's name, what went wrong,
         * and what to do. */
        g_string_append_printf (text, C_("notice", "• %s: %s %s"),
                                region_name (self, region_id), error->message, hint);
      else
        /* Translators: one failed region in the notice: the region's name, what went wrong. */
        g_string_append_printf (text, C_("notice", "• %s: %s"),
                                region_name (self, region_id), error->message);
    }

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, warnings[i]);
    }

  if (text->len == 0)
    {
      gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
      return;
    }

  gtk_label_set_text (self->notice_label, text->str);
  gtk_image_set_from_icon_name (self->notice_icon,
                                problem ? "dialog-warning-symbolic"
                                        : "dialog-information-symbolic");
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->notice_box), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->notice_box), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_button), problem);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
}

static void update_accounts_menu (IcpWindow *self);

/* The review shows what @fetch read, from its connection. */
static void
show_fetched (IcpWindow       *self,
              Fetch           *fetch,
              IcpFetchSummary *summary,
              gboolean         cancelled)
{
  g_set_object (&self->inventory, fetch->inventory);
  icp_review_page_set_inventory (self->review_page, fetch->inventory);
  g_set_object (&self->connection, fetch->connection);
  g_clear_pointer (&self->files, g_ptr_array_unref);

  show_fetch_notice (self, fetch, summary, cancelled);
  set_page (self, "review");
  update_accounts_menu (self);
}

static void start_fetch (Fetch *fetch);

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  IcpWindow *self = fetch->self;
  g_autoptr(IcpFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = icp_ecs_fetch_finish (ICP_ECS (source), result, &error);

  if (fetch_is_stale (fetch))
    {
      fetch_detach (fetch);
      return;
    }

  /* Another fetch of the same account (one just cancelled, say) began between the check and
   * the start: wait for it again. */
  if (g_error_matches (error, ICP_ECS_ERROR, ICP_ECS_ERROR_BUSY))
    {
      start_fetch (fetch);
      return;
    }

  fetch_detach (fetch);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->fetch, fetch_unref);

  /* DescribeRegions (or the keys) failed: nothing was read. */
  if (summary == NULL)
    {
      show_cloud_error (self, _("Could Not Fetch the Servers"), error);
      return;
    }

  /* Every region failed: nothing was read either; the first region's error says why. */
  if (fetch->failed->len > 0 && fetch->failed->len == fetch->regions_total &&
      g_list_model_get_n_items (G_LIST_MODEL (fetch->inventory)) == 0)
    {
      show_cloud_error (self, _("Could Not Fetch the Servers"),
                        g_hash_table_lookup (fetch->errors,
                                             g_ptr_array_index (fetch->failed, 0)));
      return;
    }

  show_fetched (self, fetch, summary, FALSE);
}

static void
fetching_changed_cb (IcpEcs     *ecs,
                     GParamSpec *pspec,
                     Fetch      *fetch)
{
  if (icp_ecs_get_fetching (ecs))
    return;

  g_clear_signal_handler (&fetch->fetching_handler, ecs);
  if (!fetch_is_stale (fetch))
    start_fetch (fetch);
}

/* IcpEcs reads one fetch at a time (ICP_ECS_ERROR_BUSY): one of this account that was just
 * cancelled ends in a moment, and this one starts then. */
static void
start_fetch (Fetch *fetch)
{
  if (icp_ecs_get_fetching (fetch->ecs))
    {
      if (fetch->fetching_handler == 0)
        fetch->fetching_handler =
          g_signal_connect_data (fetch->ecs, "notify::fetching",
                                 G_CALLBACK (fetching_changed_cb), fetch_ref (fetch),
                                 fetch_closure_unref, 0);
      return;
    }

  icp_ecs_fetch_async (fetch->ecs, fetch->inventory, NULL, fetch->cancellable, fetch_cb,
                       fetch_ref (fetch));
}

void
icp_window_fetch (IcpWindow     *self,
                  IcpConnection *connection)
{
  g_autofree char *description = NULL;
  g_autofree char *markup = NULL;
  Fetch *fetch;

  g_return_if_fail (ICP_IS_WINDOW (self));
  g_return_if_fail (ICP_IS_CONNECTION (connection));

  g_set_object (&self->pending_connection, connection);

  /* Translators: on the loading page while the servers are fetched; %s is an account ID. */
  description = g_strdup_printf (_("Account %s"), icp_connection_get_account_id (connection));
  markup = g_markup_escape_text (description, -1);
  clear_region_rows (self);
  begin_loading (self, PENDING_FETCH, "network-server-symbolic",
                 _("Fetching the Servers…"), markup);

  fetch = g_rc_box_new0 (Fetch);
  fetch->self = g_object_ref (self);
  fetch->cancellable = g_object_ref (self->load_cancellable);
  fetch->connection = g_object_ref (connection);
  fetch->ecs = g_object_ref (icp_connection_get_ecs (connection));
  fetch->inventory = icp_inventory_new (self->checker);
  fetch->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fetch->failed = g_ptr_array_new_with_free_func (g_free);
  fetch->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_error_free);
  fetch->refresh = self->connection == connection &&
                   g_strcmp0 (self->page_before_loading, "review") == 0;
  self->fetch = fetch;

  fetch->handlers[0] = g_signal_connect_data (fetch->ecs, "regions-listed",
                                              G_CALLBACK (regions_listed_cb), fetch_ref (fetch),
                                              fetch_closure_unref, 0);
  fetch->handlers[1] = g_signal_connect_data (fetch->ecs, "region-finished",
                                              G_CALLBACK (region_finished_cb), fetch_ref (fetch),
                                              fetch_closure_unref, 0);
  fetch->handlers[2] = g_signal_connect_data (fetch->ecs, "notify::instances-so-far",
                                              G_CALLBACK (fetch_progress_cb), fetch_ref (fetch),
                                              fetch_closure_unref, 0);

  update_fetch_progress (fetch);
  start_fetch (fetch);
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Connect) connect = user_data;
  IcpWindow *self = connect->self;
  g_autoptr(IcpConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = icp_connection_open_finish (result, &error);

  if (connect->cancellable != self->load_cancellable)
    return;

  if (connection == NULL)
    {
      g_clear_object (&self->load_cancellable);
      show_cloud_error (self, _("Could Not Connect"), error);
      return;
    }

  /* The same account as the review's, asked again (the switcher's current entry): refresh. */
  if (self->connection != NULL &&
      g_strcmp0 (icp_connection_get_account_id (connection),
                 icp_connection_get_account_id (self->connection)) == 0 &&
      g_strcmp0 (icp_connection_get_masked_key_id (connection),
                 icp_connection_get_masked_key_id (self->connection)) == 0 &&
      g_strcmp0 (icp_connection_get_profile_name (connection),
                 icp_connection_get_profile_name (self->connection)) == 0)
    g_set_object (&connection, self->connection);

  icp_window_fetch (self, connection);
}

void
icp_window_connect (IcpWindow  *self,
                    const char *profile_name)
{
  g_autofree char *title = NULL;
  Connect *connect;

  g_return_if_fail (ICP_IS_WINDOW (self));

  if (profile_name != NULL && *profile_name != '\0')
    /* Translators: the loading page's title; %s is a profile name. */
    title = g_strdup_printf (_("Connecting to “%s”…"), profile_name);
  else
    title = g_strdup (_("Connecting to Alibaba Cloud…"));

  g_free (self->pending_profile);
  self->pending_profile = g_strdup (profile_name != NULL ? profile_name : "");
  begin_loading (self, PENDING_CONNECT, "network-server-symbolic", title,
                 _("Checking the AccessKey…"));

  connect = g_new0 (Connect, 1);
  connect->self = g_object_ref (self);
  connect->cancellable = g_object_ref (self->load_cancellable);
  icp_connection_open_async (*self->pending_profile != '\0' ? self->pending_profile : NULL,
                             NULL, self->load_cancellable, connect_cb, connect);
}

IcpConnection *
icp_window_get_connection (IcpWindow *self)
{
  g_return_val_if_fail (ICP_IS_WINDOW (self), NULL);

  return self->connection;
}

/* --- The account switcher --- */

/* The state of account.switch when no account is on show: a name no profile has (a control
 * character), so that no entry of the menu is marked. */
#define NO_ACCOUNT "\x1f"

/* The menu's entries are radio items of account.switch: its state marks the one on show. */
static void
account_change_state_cb (IcpWindow     *self,
                         GVariant      *value,
                         GSimpleAction *action)
{
  icp_window_connect (self, g_variant_get_string (value, NULL));
}

static void
update_account_state (IcpWindow *self)
{
  const char *current = NO_ACCOUNT;

  if (self->connection != NULL)
    current = icp_profiles_get_connect_name (icp_connection_get_profile_name (self->connection),
                                             icp_connection_get_source (self->connection));
  g_simple_action_set_state (self->account_action, g_variant_new_string (current));
}

static void
add_profiles (IcpWindow  *self,
              GMenu      *section,
              GListModel *profiles)
{
  for (guint i = 0; profiles != NULL && i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(IcpProfile) profile = g_list_model_get_item (profiles, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      const char *name = icp_profiles_get_display_name (icp_profile_get_name (profile),
                                                        icp_profile_get_source (profile));
      const char *target = icp_profiles_get_connect_name (icp_profile_get_name (profile),
                                                          icp_profile_get_source (profile));

      if (!icp_profile_is_usable (profile))
        continue;

      /* Translators: an entry of the account menu: a profile name and its AccessKey ID,
       * masked ("LTAI****abcd"). */
      label = g_strdup_printf (_("%s (%s)"), name, icp_profile_get_masked_key_id (profile));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "account.switch",
                                               g_variant_new_string (target));
      g_menu_append_item (section, item);
    }
}

/* The menu from the profiles as last listed; the first time, the local ones are read at once
 * (the keyring's come when the menu opens). */
static void
update_accounts_menu (IcpWindow *self)
{
  g_autoptr(GMenu) profiles = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();

  if (self->profiles == NULL)
    self->profiles = icp_profiles_list_local ();
  add_profiles (self, profiles, self->profiles->local);
  add_profiles (self, profiles, self->profiles->keyring);
  g_menu_append (add, _("_Add an AccessKey…"), "win.add-access-key");

  update_account_state (self);
  g_menu_remove_all (self->accounts_menu);
  g_menu_append_section (self->accounts_menu, NULL, G_MENU_MODEL (profiles));
  g_menu_append_section (self->accounts_menu, NULL, G_MENU_MODEL (add));
}

static void
profiles_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(IcpWindow) self = user_data;
  IcpProfiles *profiles = icp_profiles_list_finish (result, NULL);

  /* Cancelled: the window is gone. */
  if (profiles == NULL)
    return;
  /* No Secret Service (or it refused): the menu offers the other profiles. */
  if (profiles->keyring_error != NULL)
    g_debug ("No keyring profiles for the account menu: %s",
             profiles->keyring_error->message);

  g_clear_pointer (&self->profiles, icp_profiles_free);
  self->profiles = profiles;
  update_accounts_menu (self);
}

/* The menu opens: the profiles as they are now (a keyring entry may be new). */
static void
accounts_shown_cb (IcpWindow *self)
{
  update_accounts_menu (self);
  icp_profiles_list_async (self->cancellable, profiles_listed_cb, g_object_ref (self));
}

gboolean
icp_window_save_report (IcpWindow *self,
                        GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *markup = NULL;
  IcpReportFormat format;

  g_return_val_if_fail (ICP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->inventory != NULL, FALSE);

  basename = g_file_get_basename (file);
  folded = g_utf8_strdown (basename, -1);
  format = g_str_has_suffix (folded, ".csv") ? ICP_REPORT_FORMAT_CSV : ICP_REPORT_FORMAT_JSON;

  if (!icp_report_write_file (self->inventory, format, file, self->cancellable, &error))
    {
      /* Translators: a toast; %s is the reason, which names the file. */
      markup = g_markup_printf_escaped (_("Could not save the report: %s"), error->message);
      show_toast (self, markup);
      return FALSE;
    }

  /* Translators: a toast; %s is a file name. */
  markup = g_markup_printf_escaped (_("Report saved as “%s”"), basename);
  show_toast (self, markup);
  return TRUE;
}

/* --- Actions --- */

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *pattern,
            gboolean        select)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
  if (select)
    gtk_file_chooser_set_filter (chooser, filter);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(IcpWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      open_files_full (self, (GFile **) files->pdata, files->len, TRUE);
    }

  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IcpWindow *self = ICP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) lists = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Instance Lists"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  gtk_file_filter_set_name (lists, _("Instance Lists (JSON, CSV)"));
  gtk_file_filter_add_mime_type (lists, "application/json");
  gtk_file_filter_add_mime_type (lists, "text/csv");
  gtk_file_filter_add_pattern (lists, "*.json");
  gtk_file_filter_add_pattern (lists, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), lists);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), lists);
  add_filter (GTK_FILE_CHOOSER (chooser), _("JSON"), "application/json", "*.json", FALSE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSV"), "text/csv", "*.csv", FALSE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("All Files"), NULL, "*", FALSE);

  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IcpWindow *self = ICP_WINDOW (widget);
  g_autofree char *dir = g_build_filename (icp_get_data_dir (), "samples", NULL);
  GFile *files[2];

  files[0] = g_file_new_build_filename (dir, "ecs-instances.json", NULL);
  files[1] = g_file_new_build_filename (dir, "filing-console.csv", NULL);
  /* The sample is always on the start page; it does not need a place among the recent files. */
  open_files_full (self, files, G_N_ELEMENTS (files), FALSE);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IcpWindow *self = ICP_WINDOW (widget);
  g_autofree const char **uris = g_variant_get_strv (parameter, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; uris[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_uri (uris[i]));
  open_files_full (self, (GFile **) files->pdata, files->len, TRUE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  IcpWindow *self = ICP_WINDOW (widget);

  icp_review_page_focus_search (self->review_page);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(IcpWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->inventory != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *folded = g_utf8_strdown (basename, -1);

      /* A name without an extension takes the one of the chosen format. */
      if (!g_str_has_suffix (folded, ".json") && !g_str_has_suffix (folded, ".csv"))
        {
          gboolean csv = filter != NULL && g_object_get_data (G_OBJECT (filter), "csv") != NULL;
          g_autofree char *name = g_strconcat (basename, csv ? ".csv" : ".json", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);

          g_object_unref (file);
          file = g_file_get_child (parent, name);
        }

      icp_window_save_report (self, file);
    }

  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  IcpWindow *self = ICP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export the Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (json, _("JSON"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);
  gtk_file_filter_set_name (csv, _("CSV"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_pattern (csv, "*.csv");
  g_object_set_data (G_OBJECT (csv), "csv", GINT_TO_POINTER (TRUE));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), json);
  /* Translators: the suggested name of an exported report; keep the extension. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("icp-report.json"));

  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  IcpWindow *self = ICP_WINDOW (widget);
  g_autoptr(GPtrArray) files = NULL;
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean error = g_strcmp0 (page, "error") == 0;

  /* On the error page: try again what failed; else read again what is on show. */
  if (error && self->pending_kind == PENDING_CONNECT)
    {
      g_autofree char *profile = g_strdup (self->pending_profile);

      icp_window_connect (self, profile);
      return;
    }
  if (error && self->pending_kind == PENDING_FETCH && self->pending_connection != NULL)
    {
      g_autoptr(IcpConnection) connection = g_object_ref (self->pending_connection);

      icp_window_fetch (self, connection);
      return;
    }
  if (!error && self->connection != NULL)
    {
      g_autoptr(IcpConnection) connection = g_object_ref (self->connection);

      icp_window_fetch (self, connection);
      return;
    }

  if (error && self->pending_files != NULL)
    files = g_ptr_array_ref (self->pending_files);
  else if (self->files != NULL)
    files = g_ptr_array_ref (self->files);
  else
    return;

  open_files_full (self, (GFile **) files->pdata, files->len, FALSE);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  icp_window_connect (ICP_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
access_key_connected_cb (IcpWindow     *self,
                         IcpConnection *connection)
{
  icp_window_fetch (self, connection);
}

static void
add_access_key_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  IcpWindow *self = ICP_WINDOW (widget);
  IcpAccessKeyDialog *dialog = icp_access_key_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "connected", G_CALLBACK (access_key_connected_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_start_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  IcpWindow *self = ICP_WINDOW (widget);

  cancel_load (self);
  set_page (self, "start");
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IcpWindow *self = ICP_WINDOW (widget);
  const char *back = self->page_before_loading;

  /* A fetch keeps what it read (unless it was the account on show, read again: the review
   * stays as it was). */
  if (self->fetch != NULL && self->fetch->regions_done > 0 && !self->fetch->refresh)
    {
      g_autoptr(Fetch) fetch = fetch_ref (self->fetch);

      cancel_load (self);
      show_fetched (self, fetch, NULL, TRUE);
      return;
    }

  cancel_load (self);
  /* Back where the user was; a failed read has nothing to go back to. */
  if (back == NULL || g_strcmp0 (back, "error") == 0 ||
      (g_strcmp0 (back, "review") == 0 && self->inventory == NULL))
    back = "start";
  set_page (self, back);
}

static IcpInstance *
lookup_instance (IcpWindow  *self,
                 const char *id)
{
  IcpInstance *instance = self->inventory != NULL ? icp_inventory_lookup (self->inventory, id)
                                                  : NULL;

  if (instance == NULL)
    {
      g_autofree char *markup = NULL;

      /* Translators: a toast; %s is an instance id. */
      markup = g_markup_printf_escaped (_("No server “%s” in this list"), id);
      show_toast (self, markup);
    }

  return instance;
}

static void
fix_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  IcpWindow *self = ICP_WINDOW (widget);
  const char *id = NULL;
  const char *nick = NULL;
  IcpInstance *instance;
  int remedy = ICP_REMEDY_NONE;
  IcpFixWizard *wizard;

  g_variant_get (parameter, "(&s&s)", &id, &nick);
  if (!icp_enum_from_nick (ICP_TYPE_REMEDY, nick, &remedy))
    {
      g_critical ("win.fix: unknown remedy “%s”", nick);
      return;
    }
  /* Account-level remedies (no server at all: buy one) come without an instance id. */
  if (*id == '\0' && remedy == ICP_REMEDY_BUY_SERVER)
    instance = NULL;
  else if ((instance = lookup_instance (self, id)) == NULL)
    return;

  wizard = icp_fix_wizard_new (GTK_WINDOW (self), self->inventory, instance, remedy);
  /* The review came from this account: the wizard may make the change through it. */
  if (self->connection != NULL)
    icp_fix_wizard_set_connection (wizard, self->connection);
  gtk_window_present (GTK_WINDOW (wizard));
}

static void
apply_guide_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IcpWindow *self = ICP_WINDOW (widget);
  IcpInstance *instance = lookup_instance (self, g_variant_get_string (parameter, NULL));
  IcpApplyGuide *guide;

  if (instance == NULL)
    return;

  guide = icp_apply_guide_new (GTK_WINDOW (self), self->inventory, instance);
  gtk_window_present (GTK_WINDOW (guide));
}

/* --- Drag and drop --- */

static GdkDragAction
drop_enter_cb (GtkDropTarget *target,
               double         x,
               double         y,
               IcpWindow     *self)
{
  gtk_revealer_set_reveal_child (self->drop_revealer, TRUE);
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget *target,
               IcpWindow     *self)
{
  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         IcpWindow     *self)
{
  GdkFileList *list;
  g_autoptr(GSList) files = NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);
  if (array->len == 0)
    return FALSE;

  open_files_full (self, (GFile **) array->pdata, array->len, TRUE);
  return TRUE;
}

/* --- Policy, checker and settings --- */

static void
setup_checker (IcpWindow *self)
{
  IcpApplication *app = get_application (self);
  GDateTime *now = app != NULL ? icp_application_get_now (app) : NULL;

  if (self->checker != NULL)
    g_settings_unbind (self->checker, "filing-account");
  g_clear_object (&self->checker);

  self->checker = icp_checker_new (self->policy);
  if (now != NULL)
    icp_checker_set_now (self->checker, now);
  /* Live: a new filing account re-checks every server at once. */
  g_settings_bind (self->settings, "filing-account", self->checker, "filing-account",
                   G_SETTINGS_BIND_GET);
}

static void
app_policy_changed_cb (IcpWindow  *self,
                       GParamSpec *pspec,
                       IcpApplication *app)
{
  IcpPolicy *policy = icp_application_get_policy (app);

  if (!g_set_object (&self->policy, policy))
    return;

  setup_checker (self);
  /* The files read again under the new policy (it reads region names, for one); an account
   * is fetched again. */
  if (self->files != NULL)
    open_files_full (self, (GFile **) self->files->pdata, self->files->len, FALSE);
  else if (self->connection != NULL)
    {
      g_autoptr(IcpConnection) connection = g_object_ref (self->connection);

      icp_window_fetch (self, connection);
    }
}

static void
app_now_changed_cb (IcpWindow      *self,
                    GParamSpec     *pspec,
                    IcpApplication *app)
{
  icp_checker_set_now (self->checker, icp_application_get_now (app));
}

static gboolean
icp_window_close_request (GtkWindow *window)
{
  IcpWindow *self = ICP_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (icp_window_parent_class)->close_request (window);
}

IcpWindow *
icp_window_new (IcpApplication *application)
{
  IcpWindow *self;

  g_return_val_if_fail (ICP_IS_APPLICATION (application), NULL);

  self = g_object_new (ICP_TYPE_WINDOW,
                       "application", application,
                       NULL);

  /* Here rather than in constructed (): GtkWindow sets "application" only after that. */
  self->settings = g_object_ref (icp_application_get_settings (application));
  self->policy = g_object_ref (icp_application_get_policy (application));
  g_signal_connect_object (application, "notify::policy", G_CALLBACK (app_policy_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::now", G_CALLBACK (app_now_changed_cb), self,
                           G_CONNECT_SWAPPED);

  setup_checker (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  update_actions (self);

  return self;
}

static void
icp_window_dispose (GObject *object)
{
  IcpWindow *self = ICP_WINDOW (object);

  cancel_load (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->toast);

  if (self->checker != NULL)
    g_settings_unbind (self->checker, "filing-account");

  gtk_widget_dispose_template (GTK_WIDGET (self), ICP_TYPE_WINDOW);

  g_clear_object (&self->inventory);
  g_clear_object (&self->checker);
  g_clear_object (&self->policy);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);
  g_clear_object (&self->connection);
  g_clear_object (&self->pending_connection);
  g_clear_object (&self->accounts_menu);
  g_clear_object (&self->account_action);
  g_clear_pointer (&self->profiles, icp_profiles_free);

  G_OBJECT_CLASS (icp_window_parent_class)->dispose (object);
}

static void
icp_window_finalize (GObject *object)
{
  IcpWindow *self = ICP_WINDOW (object);

  g_free (self->page_before_loading);
  g_free (self->pending_profile);
  g_free (self->loading_title);
  g_free (self->loading_icon);
  g_free (self->error_title);

  G_OBJECT_CLASS (icp_window_parent_class)->finalize (object);
}

static void
icp_window_class_init (IcpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = icp_window_dispose;
  object_class->finalize = icp_window_finalize;
  window_class->close_request = icp_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/icpassistant/IcpAssistant/icp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, accounts_button);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, drop_revealer);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, notice_box);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, notice_button);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, notice_icon);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, open_another_button);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, region_list);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, region_scroller);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IcpWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, notice_close_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "as", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.show-start", NULL, show_start_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.fix", "(ss)", fix_action);
  gtk_widget_class_install_action (widget_class, "win.apply-guide", "s", apply_guide_action);
  gtk_widget_class_install_action (widget_class, "win.connect", "s", connect_action);
  gtk_widget_class_install_action (widget_class, "win.add-access-key", NULL,
                                   add_access_key_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  /* Only while loading (the action is disabled otherwise, and the key goes on to others). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.cancel-load", NULL);

  g_type_ensure (ICP_TYPE_REVIEW_PAGE);
  g_type_ensure (ICP_TYPE_START_PAGE);
}

static void
icp_window_init (IcpWindow *self)
{
  g_autoptr(GSimpleActionGroup) group = NULL;
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  /* The loading and error pages say what the .ui says for files; accounts change them. */
  self->loading_title = g_strdup (adw_status_page_get_title (self->loading_page));
  self->loading_icon = g_strdup (adw_status_page_get_icon_name (self->loading_page));
  self->error_title = g_strdup (adw_status_page_get_title (self->error_page));

  group = g_simple_action_group_new ();
  self->account_action = g_simple_action_new_stateful ("switch", G_VARIANT_TYPE_STRING,
                                                       g_variant_new_string (NO_ACCOUNT));
  g_signal_connect_object (self->account_action, "change-state",
                           G_CALLBACK (account_change_state_cb), self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->account_action));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "account", G_ACTION_GROUP (group));

  self->accounts_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->accounts_button, G_MENU_MODEL (self->accounts_menu));
  g_signal_connect_object (gtk_menu_button_get_popover (self->accounts_button), "show",
                           G_CALLBACK (accounts_shown_cb), self, G_CONNECT_SWAPPED);

  /* Files dropped anywhere, on any page, are opened. */
  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "enter", G_CALLBACK (drop_enter_cb), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (drop_leave_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
