/* icp-fix-wizard.c: the wizards that fix a finding, and the guidance pages
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One window, one instance, one remedy. The shell (header bar with Cancel, Back and Next, a
 * GtkStack of pages) is the template; the pages are built in C from the instance's verdict,
 * because what they say depends on its findings and its values:
 *
 *   renew, switch-billing, add-bandwidth   change → constraints → parameters → summary
 *   every other remedy                     one guidance page
 *
 * The parameter (months or Mbit/s) starts at the least value that fixes every finding of the
 * remedy: the finding carries the months or Mbit/s the checker computed, rounded here to what
 * the API sells (IcpPolicy). Rows that depend on the parameter (new expiration time, total
 * term, bandwidth) are kept in lists and updated when it changes. Every wizard ends on a
 * button that opens the console page (icp-console-links.c); doing it through the API (a dry
 * run, the price, a confirmation, the call) goes into the `api_group` of the summary page.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-console-links.h"
#include "icp-enums.h"
#include "icp-time.h"

#include "icp-fix-wizard.h"

typedef enum
{
  MARK_NONE,
  MARK_OK,
  MARK_PROBLEM,
  MARK_NOTE,
} Mark;

struct _IcpFixWizard
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkButton      *back_button;
  GtkButton      *cancel_button;
  GtkButton      *next_button;
  GtkStack       *stack;
  AdwWindowTitle *window_title;

  /* Owned */
  IcpInventory   *inventory;
  IcpInstance    *instance;
  IcpRemedy       remedy;
  GPtrArray      *findings;        /* IcpFinding: the verdict's findings for this remedy */
  GPtrArray      *page_names;      /* char *, in order */
  char           *console_uri;
  GDateTime      *now;

  /* The parameter */
  const guint    *allowed_months;  /* owned by the policy */
  gsize           n_allowed_months;
  guint           months;
  guint           mbps;
  AdwComboRow    *months_row;
  GtkSpinButton  *mbps_spin;

  /* Rows whose subtitle follows the parameter (borrowed: the pages own them) */
  GPtrArray      *expiry_rows;
  GPtrArray      *total_rows;
  GPtrArray      *term_rows;
  GPtrArray      *bandwidth_rows;
  GPtrArray      *result_rows;
};

G_DEFINE_FINAL_TYPE (IcpFixWizard, icp_fix_wizard, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_INVENTORY,
  PROP_INSTANCE,
  PROP_REMEDY,
  PROP_MONTHS,
  PROP_MBPS,
  PROP_PAGE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Facts                                                                                       */

static IcpChecker *
get_checker (IcpFixWizard *self)
{
  return icp_inventory_get_checker (self->inventory);
}

static IcpPolicy *
get_policy (IcpFixWizard *self)
{
  return icp_checker_get_policy (get_checker (self));
}

/* The checker's time of evaluation, fixed when the wizard opens. */
static GDateTime *
get_now (IcpFixWizard *self)
{
  return self->now;
}

static gboolean
has_text (const char *s)
{
  return s != NULL && s[0] != '\0';
}

/* Local date and time: the expiry of a subscription falls at midnight Beijing time, which is
 * another day in UTC. */
static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL || icp_time_is_sentinel (time))
    return g_strdup (C_("expiration time", "None"));

  local = g_date_time_to_local (time);
  /* The same words as the details pane. */
  return g_date_time_format (local, _("%b %-d, %Y %H:%M"));
}

static char *
format_months (guint months)
{
  /* Translators: a term of a subscription */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u month", "%u months", months), months);
}

/* When the renewal starts: an expired instance is renewed from the day it is paid (as the
 * checker counts it), any other from its expiration time. */
static GDateTime *
renewal_base (IcpFixWizard *self)
{
  GDateTime *expired = icp_instance_get_expired_time (self->instance);

  if (expired == NULL || icp_time_is_sentinel (expired) ||
      icp_instance_is_expired (self->instance, get_now (self)))
    return g_date_time_ref (get_now (self));

  return g_date_time_ref (expired);
}

static GDateTime *
new_expiry (IcpFixWizard *self)
{
  g_autoptr(GDateTime) base = NULL;

  if (self->remedy == ICP_REMEDY_SWITCH_BILLING)
    base = g_date_time_ref (get_now (self));
  else
    base = renewal_base (self);

  return g_date_time_add_months (base, (int) self->months);
}

static gboolean
subscription_known (IcpFixWizard *self)
{
  return icp_instance_get_charge_type (self->instance) == ICP_CHARGE_TYPE_PREPAID &&
         icp_instance_get_subscription_source (self->instance) != ICP_SUBSCRIPTION_SOURCE_UNKNOWN &&
         icp_instance_get_subscription_start (self->instance) != NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Building blocks                                                                             */

static void
set_group_text (AdwPreferencesGroup *group,
                const char          *title,
                const char          *description)
{
  /* Both are markup in libadwaita 1.2; ids, names and translations are plain text. */
  if (title != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      adw_preferences_group_set_title (group, escaped);
    }
  if (description != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (description, -1);
      adw_preferences_group_set_description (group, escaped);
    }
}

static AdwPreferencesGroup *
add_group (AdwPreferencesPage *page,
           const char         *title,
           const char         *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  set_group_text (group, title, description);
  adw_preferences_page_add (page, group);
  return group;
}

static GtkWidget *
new_label (const char *text,
           const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  return label;
}

static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         Mark                 mark,
         const char          *title,
         const char          *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  static const struct {
    const char *icon;
    const char *style;
  } marks[] = {
    [MARK_NONE] = { NULL, NULL },
    [MARK_OK] = { "emblem-ok-symbolic", "success" },
    [MARK_PROBLEM] = { "dialog-warning-symbolic", "error" },
    [MARK_NOTE] = { "dialog-information-symbolic", "dim-label" },
  };

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);

  if (marks[mark].icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (marks[mark].icon);

      gtk_widget_add_css_class (image, marks[mark].style);
      gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (row, image);
    }

  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

/* A page: a scrolled, clamped column (AdwPreferencesPage) that opens with a title and a
 * paragraph saying what the page is about. */
static AdwPreferencesPage *
add_page (IcpFixWizard *self,
          const char   *name,
          const char   *title,
          const char   *text)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *header = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = new_label (title, "title-2");

  gtk_widget_set_name (GTK_WIDGET (page), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), heading);
  if (text != NULL)
    gtk_box_append (GTK_BOX (box), new_label (text, NULL));
  adw_preferences_group_add (header, box);
  adw_preferences_page_add (page, header);

  gtk_stack_add_titled (self->stack, GTK_WIDGET (page), name, title);
  g_ptr_array_add (self->page_names, g_strdup (name));

  return page;
}

/* The last group of the last page: what to do in the console, and the button. */
static void
add_console_group (IcpFixWizard       *self,
                   AdwPreferencesPage *page,
                   const char         *steps,
                   const char         *button_label)
{
  AdwPreferencesGroup *group = add_group (page, _("In the Console"), NULL);
  GtkWidget *button = gtk_button_new_with_mnemonic (button_label);
  GtkWidget *uri = new_label (self->console_uri, "dim-label");

  /* A label of our own rather than the group's description: that one is laid out too wide
   * when Chinese and Latin text mix (GTK 4.8), and the steps always mix them. */
  adw_preferences_group_add (group, new_label (steps, NULL));

  gtk_widget_set_name (button, "console_button");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "wizard.open-console");
  gtk_widget_set_tooltip_text (button, self->console_uri);
  adw_preferences_group_add (group, button);

  gtk_label_set_selectable (GTK_LABEL (uri), TRUE);
  gtk_label_set_xalign (GTK_LABEL (uri), 0.5);
  gtk_label_set_justify (GTK_LABEL (uri), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (uri, 6);
  gtk_widget_add_css_class (uri, "caption");
  adw_preferences_group_add (group, uri);
}

/* Where the fix through the API (#5: dry run → price → confirmation → call → re-check) will
 * go, with a connected account. Empty and hidden until then: no button that does nothing. */
static void
add_api_group (IcpFixWizard       *self,
               AdwPreferencesPage *page)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  gtk_widget_set_name (GTK_WIDGET (group), "api_group");
  gtk_widget_set_visible (GTK_WIDGET (group), FALSE);
  adw_preferences_page_add (page, group);
}

static void
add_server_rows (IcpFixWizard        *self,
                 AdwPreferencesGroup *group)
{
  const char *name = icp_instance_get_name (self->instance);
  IcpRegions *regions = icp_policy_get_regions (get_policy (self));
  const char *region = icp_instance_get_region_id (self->instance);
  g_autofree char *server = NULL;

  if (has_text (name) && g_strcmp0 (name, icp_instance_get_id (self->instance)) != 0)
    /* Translators: a server's name, then its instance id in parentheses */
    server = g_strdup_printf (_("%s (%s)"), name, icp_instance_get_id (self->instance));
  else
    server = g_strdup (icp_instance_get_id (self->instance));

  add_row (group, MARK_NONE, _("Server"), server);
  if (has_text (region))
    add_row (group, MARK_NONE, _("Region"), icp_regions_get_name (regions, region));
}

/* The findings this remedy fixes, each with the sentence saying why it does. */
static void
add_why_group (IcpFixWizard       *self,
               AdwPreferencesPage *page,
               const char         *(*why) (IcpFixWizard *, IcpFinding *, char **))
{
  AdwPreferencesGroup *group = add_group (page, _("Why This Fixes It"), NULL);
  GListModel *all = G_LIST_MODEL (icp_verdict_get_findings (icp_instance_get_verdict (self->instance)));
  guint n_others = 0;

  for (guint i = 0; i < self->findings->len; i++)
    {
      IcpFinding *finding = g_ptr_array_index (self->findings, i);
      g_autofree char *owned = NULL;
      const char *text = why (self, finding, &owned);

      add_row (group,
               icp_finding_get_severity (finding) == ICP_SEVERITY_BLOCKER ? MARK_PROBLEM : MARK_NOTE,
               icp_finding_get_message (finding), text);
    }

  if (self->findings->len == 0)
    add_row (group, MARK_OK, _("No finding of this server asks for this change any more."),
             _("You can still make it, for example to have more time before the next renewal."));

  /* What this does not fix, so that nobody expects the Apply button after this alone. */
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(IcpFinding) finding = g_list_model_get_item (all, i);

      if (icp_finding_get_severity (finding) == ICP_SEVERITY_BLOCKER &&
          icp_finding_get_remedy (finding) != self->remedy)
        n_others++;
    }
  if (n_others > 0)
    {
      AdwPreferencesGroup *others =
        add_group (page, _("Still to Fix"),
                   g_dngettext (GETTEXT_PACKAGE,
                                "This change alone does not make the server eligible: another "
                                "finding needs its own fix.",
                                "This change alone does not make the server eligible: other "
                                "findings need their own fixes.",
                                n_others));

      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(IcpFinding) finding = g_list_model_get_item (all, i);

          if (icp_finding_get_severity (finding) == ICP_SEVERITY_BLOCKER &&
              icp_finding_get_remedy (finding) != self->remedy)
            add_row (others, MARK_PROBLEM, icp_finding_get_message (finding),
                     icp_remedy_get_label (icp_finding_get_remedy (finding)));
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The parameter and the rows that follow it                                                   */

static void
set_subtitles (GPtrArray  *rows,
               const char *text)
{
  for (guint i = 0; i < rows->len; i++)
    adw_action_row_set_subtitle (g_ptr_array_index (rows, i), text);
}

/* The findings about the term: what a renewal or a switch changes. */
static const char * const term_codes[] = {
  "pay-as-you-go", "subscription-too-short", "borderline-term", "remaining-too-short",
  "expired", NULL
};

/* The server as it would be after the change, checked by the checker: the UI never decides
 * eligibility itself. */
static IcpVerdict *
simulate (IcpFixWizard *self)
{
  g_autoptr(IcpInstance) copy = icp_instance_new (icp_instance_get_id (self->instance));
  g_autoptr(GDateTime) expiry = new_expiry (self);
  g_autoptr(GPtrArray) locks = g_ptr_array_new ();
  const char * const *old_locks = icp_instance_get_lock_reasons (self->instance);

  icp_instance_update_from (copy, self->instance);

  /* Paying lifts the overdue-payment lock. */
  for (guint i = 0; old_locks != NULL && old_locks[i] != NULL; i++)
    if (g_ascii_strcasecmp (old_locks[i], "financial") != 0)
      g_ptr_array_add (locks, (gpointer) old_locks[i]);
  g_ptr_array_add (locks, NULL);
  icp_instance_set_lock_reasons (copy, (const char * const *) locks->pdata);

  if (self->remedy == ICP_REMEDY_SWITCH_BILLING)
    {
      icp_instance_set_charge_type (copy, ICP_CHARGE_TYPE_PREPAID);
      icp_instance_set_subscription_start (copy, get_now (self));
      icp_instance_set_subscription_source (copy, ICP_SUBSCRIPTION_SOURCE_BILLING);
      icp_instance_set_auto_release_time (copy, NULL);
    }
  icp_instance_set_expired_time (copy, expiry);

  return icp_checker_check (get_checker (self), copy);
}

static void
add_result_row (IcpFixWizard        *self,
                AdwPreferencesGroup *group)
{
  AdwActionRow *row = add_row (group, MARK_NONE, "", NULL);
  GtkWidget *image = gtk_image_new ();

  gtk_widget_set_name (GTK_WIDGET (row), "result_row");
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (row, image);
  g_object_set_data (G_OBJECT (row), "icp-image", image);
  g_ptr_array_add (self->result_rows, row);
}

static void
update_result_rows (IcpFixWizard *self)
{
  g_autoptr(IcpVerdict) verdict = NULL;
  g_autoptr(GString) messages = g_string_new (NULL);
  IcpSeverity worst = ICP_SEVERITY_INFO;
  gboolean any = FALSE;
  const char *title, *icon, *style;

  if (self->result_rows->len == 0)
    return;

  verdict = simulate (self);
  for (guint i = 0; term_codes[i] != NULL; i++)
    {
      IcpFinding *finding = icp_verdict_get_finding (verdict, term_codes[i]);

      if (finding == NULL)
        continue;
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      g_string_append (messages, icp_finding_get_message (finding));
      worst = MAX (worst, icp_finding_get_severity (finding));
      any = TRUE;
    }

  if (!any)
    {
      title = _("Enough for the filing system");
      icon = "emblem-ok-symbolic";
      style = "success";
      g_string_assign (messages, _("After the change, the check finds nothing left to fix "
                                   "about the term."));
    }
  else if (worst == ICP_SEVERITY_BLOCKER)
    {
      title = _("Not enough on its own");
      icon = "dialog-warning-symbolic";
      style = "error";
    }
  else
    {
      title = _("Enough, with a warning");
      icon = "dialog-information-symbolic";
      style = "warning";
    }

  for (guint i = 0; i < self->result_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->result_rows, i);
      GtkWidget *image = g_object_get_data (G_OBJECT (row), "icp-image");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (row, messages->str);
      gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
      gtk_widget_remove_css_class (image, "success");
      gtk_widget_remove_css_class (image, "error");
      gtk_widget_remove_css_class (image, "warning");
      gtk_widget_add_css_class (image, style);
    }
}

static void
update_live_rows (IcpFixWizard *self)
{
  if (self->remedy == ICP_REMEDY_RENEW || self->remedy == ICP_REMEDY_SWITCH_BILLING)
    {
      g_autoptr(GDateTime) expiry = new_expiry (self);
      g_autofree char *new_text = format_time (expiry);
      g_autofree char *term = format_months (self->months);
      g_autofree char *expiry_text = NULL;

      if (self->remedy == ICP_REMEDY_RENEW)
        {
          g_autofree char *old_text = format_time (icp_instance_get_expired_time (self->instance));
          /* Translators: the expiration time before and after, e.g. "2026-12-05 16:00 →
           * 2027-01-05 16:00" */
          expiry_text = g_strdup_printf (_("%s → %s"), old_text, new_text);
        }
      else
        expiry_text = g_strdup (new_text);

      set_subtitles (self->expiry_rows, expiry_text);
      set_subtitles (self->term_rows, term);

      if (self->total_rows->len > 0)
        {
          g_autofree char *total = NULL;

          if (self->remedy == ICP_REMEDY_SWITCH_BILLING)
            total = format_months (self->months);
          else if (subscription_known (self))
            {
              double have = icp_instance_get_subscription_months (self->instance);
              g_autofree char *before = icp_time_format_months (have);
              g_autofree char *after = icp_time_format_months (have + self->months);

              /* Translators: the total subscription before and after a renewal, in months,
               * e.g. "2 → 3 months" */
              total = g_strdup_printf (_("%s → %s months"), before, after);
            }
          else
            total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  /* Translators: %u is the months added */
                                                  "%u month more than now (the total so far is "
                                                  "not known)",
                                                  "%u months more than now (the total so far is "
                                                  "not known)",
                                                  self->months),
                                     self->months);
          set_subtitles (self->total_rows, total);
        }

      update_result_rows (self);
    }
  else if (self->remedy == ICP_REMEDY_ADD_BANDWIDTH)
    {
      /* Translators: %u is Mbit/s of outbound public bandwidth */
      g_autofree char *text = g_strdup_printf (_("%u Mbit/s outbound"), self->mbps);

      set_subtitles (self->bandwidth_rows, text);
    }
}

static void
months_row_selected_cb (IcpFixWizard *self)
{
  guint selected = adw_combo_row_get_selected (self->months_row);

  if (selected < self->n_allowed_months)
    icp_fix_wizard_set_months (self, self->allowed_months[selected]);
}

static void
mbps_spin_value_changed_cb (IcpFixWizard *self)
{
  icp_fix_wizard_set_mbps (self, (guint) gtk_spin_button_get_value_as_int (self->mbps_spin));
}

static void
add_months_row (IcpFixWizard        *self,
                AdwPreferencesGroup *group,
                const char          *title)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  for (gsize i = 0; i < self->n_allowed_months; i++)
    {
      g_autofree char *label = format_months (self->allowed_months[i]);

      gtk_string_list_append (labels, label);
      if (self->allowed_months[i] == self->months)
        selected = (guint) i;
    }

  self->months_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->months_row), "months_row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->months_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->months_row), title);
  adw_combo_row_set_model (self->months_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->months_row, selected);
  g_signal_connect_object (self->months_row, "notify::selected",
                           G_CALLBACK (months_row_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, GTK_WIDGET (self->months_row));
}

/* ------------------------------------------------------------------------------------------ */
/* Renew                                                                                       */

static const char *
renew_why (IcpFixWizard  *self,
           IcpFinding    *finding,
           char         **owned)
{
  const char *code = icp_finding_get_code (finding);
  IcpPolicy *policy = get_policy (self);

  if (g_str_equal (code, "subscription-too-short"))
    return *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  /* Translators: %u is the minimum months */
                                                  "Renewals count toward the total term: the "
                                                  "renewal brings it to the %u month needed.",
                                                  "Renewals count toward the total term: the "
                                                  "renewal brings it to the %u months needed.",
                                                  icp_policy_get_min_subscription_months (policy)),
                                     icp_policy_get_min_subscription_months (policy));
  if (g_str_equal (code, "borderline-term"))
    return _("One more month takes the total clearly past the minimum, however the console "
             "words the rule.");
  if (g_str_equal (code, "remaining-too-short"))
    return *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  /* Translators: %u is days */
                                                  "The new expiration time leaves at least %u "
                                                  "day for the review.",
                                                  "The new expiration time leaves at least %u "
                                                  "days for the review.",
                                                  icp_policy_get_min_remaining_days (policy)),
                                     icp_policy_get_min_remaining_days (policy));
  if (g_str_equal (code, "expired"))
    return _("A renewed server is no longer expired: it is unlocked and can be started again.");

  return icp_finding_get_reason (finding);
}

static void
build_renew (IcpFixWizard *self)
{
  IcpInstance *instance = self->instance;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  g_autofree char *allowed = icp_policy_format_allowed_months (get_policy (self), self->remedy);
  g_autofree char *text = NULL;
  GDateTime *expired = icp_instance_get_expired_time (instance);

  /* What will change */
  page = add_page (self, "change", _("Renew the Subscription"),
                   _("Renewing extends the subscription: the expiration time moves later, and "
                     "the months count toward the total term the filing system checks."));
  group = add_group (page, _("What Will Change"), NULL);
  g_ptr_array_add (self->expiry_rows, add_row (group, MARK_NONE, _("Expiration time"), NULL));
  g_ptr_array_add (self->total_rows, add_row (group, MARK_NONE, _("Total subscription"), NULL));
  add_row (group, MARK_NOTE, _("Costs money"),
           _("The renewal is an order at the price the console shows; coupons are used "
             "first."));
  add_why_group (self, page, renew_why);

  /* Constraints */
  page = add_page (self, "constraints", _("Before You Renew"),
                   _("What the renewal needs, checked against this server."));
  group = add_group (page, _("Constraints"), NULL);
  switch (icp_instance_get_charge_type (instance))
    {
    case ICP_CHARGE_TYPE_PREPAID:
      add_row (group, MARK_OK, _("Subscription instances only"),
               _("This server is billed by subscription."));
      break;
    case ICP_CHARGE_TYPE_POSTPAID:
      add_row (group, MARK_PROBLEM, _("Subscription instances only"),
               _("This server is billed pay-as-you-go and cannot be renewed: switch it to "
                 "subscription instead."));
      break;
    case ICP_CHARGE_TYPE_UNKNOWN:
    default:
      add_row (group, MARK_NOTE, _("Subscription instances only"),
               _("The list does not say how this server is billed; the console does."));
      break;
    }

  /* Translators: %s is a list of numbers such as "1–12, 24, 36, 48, 60" */
  text = g_strdup_printf (_("%s months."), allowed);
  add_row (group, MARK_NOTE, _("Terms the renewal offers"), text);
  g_clear_pointer (&text, g_free);

  if (icp_instance_is_expired (self->instance, get_now (self)))
    {
      g_autofree char *date = format_time (expired);

      /* Translators: %s is a date and time */
      text = g_strdup_printf (_("It expired on %s and is stopped. Renew it before its "
                                "retention period ends, 15 days after it expired: after that "
                                "the server and its data are released. The renewal counts "
                                "from the day you pay."),
                              date);
      add_row (group, MARK_PROBLEM, _("Expired: renew within the retention period"), text);
      g_clear_pointer (&text, g_free);
    }
  else if (expired != NULL && !icp_time_is_sentinel (expired))
    {
      g_autofree char *date = format_time (expired);

      /* Translators: %s is a date and time */
      text = g_strdup_printf (_("It expires on %s; the renewal adds to that date."), date);
      add_row (group, MARK_OK, _("Not expired"), text);
      g_clear_pointer (&text, g_free);
    }

  if (icp_instance_has_lock (instance, "financial"))
    add_row (group, MARK_PROBLEM, _("Overdue payment"),
             _("The server is locked for an overdue payment. Paying it, or renewing, unlocks "
               "it."));
  if (icp_instance_has_lock (instance, "security"))
    add_row (group, MARK_PROBLEM, _("Locked for security"),
             _("The renewal may be refused until Alibaba Cloud support resolves the lock."));

  /* Parameters */
  page = add_page (self, "parameters", _("Choose the Term"),
                   _("The shortest term that fixes every finding above is chosen. A longer "
                     "one keeps the server eligible for longer."));
  group = add_group (page, _("Renewal"), NULL);
  add_months_row (self, group, _("Renew for"));
  g_ptr_array_add (self->expiry_rows, add_row (group, MARK_NONE, _("New expiration time"), NULL));
  g_ptr_array_add (self->total_rows, add_row (group, MARK_NONE, _("New total subscription"), NULL));
  add_result_row (self, group);

  /* Summary */
  page = add_page (self, "summary", _("Summary"),
                   _("Check the change, then make it in the Alibaba Cloud console."));
  group = add_group (page, NULL, NULL);
  add_server_rows (self, group);
  g_ptr_array_add (self->term_rows, add_row (group, MARK_NONE, _("Renew for"), NULL));
  g_ptr_array_add (self->expiry_rows, add_row (group, MARK_NONE, _("Expiration time"), NULL));
  add_console_group (self, page,
                     _("On the server’s page, click “Renew” (续费), choose the term above and "
                       "pay. Then refresh the list here to check it again."),
                     _("_Open the Server in the Console"));
  add_api_group (self, page);
}

/* ------------------------------------------------------------------------------------------ */
/* Switch to subscription                                                                      */

static const char *
switch_why (IcpFixWizard  *self,
            IcpFinding    *finding,
            char         **owned)
{
  if (g_str_equal (icp_finding_get_code (finding), "pay-as-you-go"))
    {
      guint min = icp_policy_get_min_subscription_months (get_policy (self));

      return *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    /* Translators: %u is the minimum months */
                                                    "The filing system accepts only subscription "
                                                    "servers, with a term of more than %u month.",
                                                    "The filing system accepts only subscription "
                                                    "servers, with a term of more than %u months.",
                                                    min),
                                       min);
    }

  return icp_finding_get_reason (finding);
}

static void
build_switch (IcpFixWizard *self)
{
  IcpInstance *instance = self->instance;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  g_autofree char *allowed = icp_policy_format_allowed_months (get_policy (self), self->remedy);
  g_autofree char *text = NULL;
  const char *status = icp_instance_get_status (instance);
  GDateTime *release = icp_instance_get_auto_release_time (instance);

  page = add_page (self, "change", _("Switch to Subscription"),
                   _("The server is then paid in advance for a term of months instead of by "
                     "the hour. It keeps its id, its disks and its address."));
  group = add_group (page, _("What Will Change"), NULL);
  add_row (group, MARK_NONE, _("Billing method"), _("Pay-as-you-go → Subscription"));
  g_ptr_array_add (self->term_rows, add_row (group, MARK_NONE, _("Paid now for"), NULL));
  g_ptr_array_add (self->expiry_rows, add_row (group, MARK_NONE, _("Expiration time"), NULL));
  add_row (group, MARK_NOTE, _("Costs money"),
           _("The whole term is paid when you switch. Without enough balance the order waits "
             "unpaid in the console."));
  add_why_group (self, page, switch_why);

  page = add_page (self, "constraints", _("Before You Switch"),
                   _("What the switch needs, checked against this server."));
  group = add_group (page, _("Constraints"), NULL);

  /* Translators: %s is the server's status, e.g. "Running" (translated) */
  text = g_strdup_printf (_("Status: %s."), icp_instance_status_get_label (status));
  if (!has_text (status))
    add_row (group, MARK_NOTE, _("Running or stopped"), text);
  else if (g_ascii_strcasecmp (status, "Running") == 0 || g_ascii_strcasecmp (status, "Stopped") == 0)
    add_row (group, MARK_OK, _("Running or stopped"), text);
  else
    add_row (group, MARK_PROBLEM, _("Running or stopped"), text);
  g_clear_pointer (&text, g_free);

  if (release != NULL)
    {
      g_autofree char *date = format_time (release);

      /* Translators: %s is a date and time */
      text = g_strdup_printf (_("It is set to be released on %s. Cancel the automatic release "
                                "in the console first (Release Settings): the switch is "
                                "refused while it is set."),
                              date);
      add_row (group, MARK_PROBLEM, _("No automatic release time"), text);
      g_clear_pointer (&text, g_free);
    }
  else
    add_row (group, MARK_OK, _("No automatic release time"), _("None is set."));

  if (icp_instance_has_lock (instance, "financial"))
    add_row (group, MARK_PROBLEM, _("No overdue payment"),
             _("The server is locked for an overdue payment: pay it first."));
  else
    add_row (group, MARK_OK, _("No overdue payment"), _("No overdue payment is known."));

  /* Translators: %s is a list of numbers such as "1–9, 12, 24, 36, 48, 60" */
  text = g_strdup_printf (_("%s months."), allowed);
  add_row (group, MARK_NOTE, _("Terms the switch offers"), text);
  g_clear_pointer (&text, g_free);

  add_row (group, MARK_NOTE, _("Data disks"),
           _("Pay-as-you-go data disks stay pay-as-you-go unless you include them in the "
             "switch."));
  add_row (group, MARK_NOTE, _("Not every instance can switch"),
           _("Spot instances and retired instance types cannot, and an instance stopped in "
             "economical mode must be started first. Pay or cancel unpaid orders first."));

  page = add_page (self, "parameters", _("Choose the Term"),
                   _("The shortest term that the filing system accepts is chosen."));
  group = add_group (page, _("Subscription"), NULL);
  add_months_row (self, group, _("Subscribe for"));
  g_ptr_array_add (self->expiry_rows, add_row (group, MARK_NONE, _("Expiration time"), NULL));
  add_result_row (self, group);

  page = add_page (self, "summary", _("Summary"),
                   _("Check the change, then make it in the Alibaba Cloud console."));
  group = add_group (page, NULL, NULL);
  add_server_rows (self, group);
  add_row (group, MARK_NONE, _("Billing method"), _("Pay-as-you-go → Subscription"));
  g_ptr_array_add (self->term_rows, add_row (group, MARK_NONE, _("Paid now for"), NULL));
  add_console_group (self, page,
                     _("On the server’s page, choose “Switch to Subscription” (转包年包月), "
                       "pick the term above and pay. Then refresh the list here."),
                     _("_Open the Server in the Console"));
  add_api_group (self, page);
}

/* ------------------------------------------------------------------------------------------ */
/* Add public bandwidth                                                                        */

static const char *
bandwidth_why (IcpFixWizard  *self,
               IcpFinding    *finding,
               char         **owned)
{
  if (g_str_equal (icp_finding_get_code (finding), "no-public-ip"))
    return _("A server that supports ICP filing needs a public IP address with outbound "
             "bandwidth; this gives it one.");

  return icp_finding_get_reason (finding);
}

static void
build_bandwidth (IcpFixWizard *self)
{
  IcpInstance *instance = self->instance;
  IcpPolicy *policy = get_policy (self);
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  AdwActionRow *row;
  g_autofree char *text = NULL;
  const char *eip = icp_instance_get_eip (instance);
  const char *public_ip = icp_instance_get_public_ip (instance);
  int bandwidth = icp_instance_get_bandwidth_out (instance);

  page = add_page (self, "change", _("Add Public Bandwidth"),
                   _("The server gets a static public IP address with outbound bandwidth. "
                     "Instead, you can bind an elastic IP address (EIP): it carries its own "
                     "bandwidth."));
  group = add_group (page, _("What Will Change"), NULL);
  if (has_text (public_ip))
    add_row (group, MARK_NONE, _("Public IP address"), public_ip);
  else if (bandwidth > 0)
    add_row (group, MARK_NONE, _("Public IP address"),
             _("None yet: assign one to the bandwidth already bought"));
  else
    add_row (group, MARK_NONE, _("Public IP address"), _("None → a static public IP address"));
  g_ptr_array_add (self->bandwidth_rows, add_row (group, MARK_NONE, _("Public bandwidth"), NULL));
  add_row (group, MARK_NOTE, _("Or bind an EIP instead"),
           _("Buy an elastic IP address in the same region and bind it to this server (VPC "
             "only); then no static public IP is needed."));
  add_row (group, MARK_NOTE, _("Costs money"),
           _("Bandwidth is billed by its speed or by the traffic, as you choose in the "
             "console."));
  add_why_group (self, page, bandwidth_why);

  page = add_page (self, "constraints", _("Before You Change the Bandwidth"),
                   _("What the change needs, checked against this server."));
  group = add_group (page, _("Constraints"), NULL);
  if (has_text (eip))
    {
      /* Translators: %s is an IP address */
      text = g_strdup_printf (_("The EIP %s is bound to this server: it cannot also get a "
                                "static public IP. Unbind the EIP first, or use it."),
                              eip);
      add_row (group, MARK_PROBLEM, _("No EIP bound"), text);
      g_clear_pointer (&text, g_free);
    }
  else
    add_row (group, MARK_OK, _("No EIP bound"),
             _("An instance with an EIP cannot also get a static public IP; this one has "
               "none."));

  add_row (group, MARK_NOTE, _("Five minutes between changes"),
           _("After a bandwidth change, the next one is possible only after 5 minutes."));

  switch (icp_instance_get_charge_type (instance))
    {
    case ICP_CHARGE_TYPE_PREPAID:
      add_row (group, MARK_OK, _("The address comes with the bandwidth"),
               _("A subscription server gets its public IP address when its bandwidth goes up "
                 "from 0."));
      break;
    case ICP_CHARGE_TYPE_POSTPAID:
      add_row (group, MARK_NOTE, _("Assign the address too"),
               _("A pay-as-you-go server does not get an address with the bandwidth: tick "
                 "“Assign public IP address” (AllocatePublicIpAddress) as well."));
      break;
    case ICP_CHARGE_TYPE_UNKNOWN:
    default:
      add_row (group, MARK_NOTE, _("Assign the address too"),
               _("A pay-as-you-go server also needs its public IP address assigned; a "
                 "subscription server gets it with the bandwidth."));
      break;
    }

  /* Translators: the range of bandwidth one can choose, in Mbit/s */
  text = g_strdup_printf (_("From %u to %u Mbit/s."),
                          icp_policy_get_min_bandwidth (policy),
                          icp_policy_get_max_bandwidth (policy));
  add_row (group, MARK_NOTE, _("Bandwidth offered"), text);
  g_clear_pointer (&text, g_free);
  add_row (group, MARK_NOTE, _("Classic network"),
           _("An instance on the classic network must be stopped before its bandwidth goes up "
             "from 0."));

  page = add_page (self, "parameters", _("Choose the Bandwidth"),
                   _("The least bandwidth that gives the server a public IP address is chosen. "
                     "A website may need more."));
  group = add_group (page, _("Bandwidth"), NULL);
  self->mbps_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (icp_policy_get_min_bandwidth (policy),
                                                                     icp_policy_get_max_bandwidth (policy),
                                                                     1));
  gtk_widget_set_name (GTK_WIDGET (self->mbps_spin), "mbps_spin");
  gtk_widget_set_valign (GTK_WIDGET (self->mbps_spin), GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (self->mbps_spin, TRUE);
  gtk_spin_button_set_value (self->mbps_spin, self->mbps);
  g_signal_connect_object (self->mbps_spin, "value-changed",
                           G_CALLBACK (mbps_spin_value_changed_cb), self, G_CONNECT_SWAPPED);
  row = add_row (group, MARK_NONE, _("Outbound bandwidth (Mbit/s)"), NULL);
  adw_action_row_add_suffix (row, GTK_WIDGET (self->mbps_spin));
  adw_action_row_set_activatable_widget (row, GTK_WIDGET (self->mbps_spin));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mbps_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Outbound bandwidth (Mbit/s)"), -1);
  g_ptr_array_add (self->bandwidth_rows, row);

  page = add_page (self, "summary", _("Summary"),
                   _("Check the change, then make it in the Alibaba Cloud console."));
  group = add_group (page, NULL, NULL);
  add_server_rows (self, group);
  g_ptr_array_add (self->bandwidth_rows, add_row (group, MARK_NONE, _("Public bandwidth"), NULL));
  add_console_group (self, page,
                     _("On the server’s page, choose “Change Bandwidth” (变更带宽 or 修改带宽), "
                       "set the bandwidth above and, for a pay-as-you-go server, assign a "
                       "public IP address. Then refresh the list here."),
                     _("_Open the Server in the Console"));
  add_api_group (self, page);
}

/* ------------------------------------------------------------------------------------------ */
/* Guidance                                                                                    */

static void
add_findings_rows (IcpFixWizard        *self,
                   AdwPreferencesGroup *group)
{
  for (guint i = 0; i < self->findings->len; i++)
    {
      IcpFinding *finding = g_ptr_array_index (self->findings, i);

      add_row (group,
               icp_finding_get_severity (finding) == ICP_SEVERITY_BLOCKER ? MARK_PROBLEM : MARK_NOTE,
               icp_finding_get_message (finding), icp_finding_get_reason (finding));
    }
}

static void
build_guidance (IcpFixWizard *self)
{
  IcpInstance *instance = self->instance;
  IcpPolicy *policy = get_policy (self);
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  g_autofree char *text = NULL;

  switch (self->remedy)
    {
    case ICP_REMEDY_USE_OWNER_ACCOUNT:
      {
        const char *owner = icp_instance_get_owner_account (instance);
        const char *filing = icp_checker_get_filing_account (get_checker (self));

        page = add_page (self, "guidance", _("Use the Owner Account"),
                         _("The Apply button for a service code appears only for the account "
                           "that bought the server. Apply while logged in with that account, "
                           "or submit the filing itself from it."));
        group = add_group (page, _("Accounts"), NULL);
        add_server_rows (self, group);
        add_row (group, has_text (owner) ? MARK_OK : MARK_NOTE, _("Owner of the server"),
                 has_text (owner) ? owner : _("The list does not say which account bought it"));
        add_row (group, MARK_PROBLEM, _("Account that will file"),
                 has_text (filing) ? filing : _("Not set (Preferences)"));
        group = add_group (page, _("Findings"), NULL);
        add_findings_rows (self, group);

        if (has_text (owner))
          /* Translators: %s is an Alibaba Cloud account id */
          text = g_strdup_printf (_("Log out of the Alibaba Cloud console, log in with account "
                                    "%s, open “备案服务号申请” (Apply for ICP Filing Service "
                                    "Code), find this server and click “申请” (Apply)."),
                                  owner);
        else
          text = g_strdup (_("Log out of the Alibaba Cloud console, log in with the account "
                             "that owns this server, open “备案服务号申请” (Apply for ICP "
                             "Filing Service Code), find this server and click “申请” "
                             "(Apply)."));
        add_console_group (self, page, text, _("_Open the Filing Console"));
        break;
      }

    case ICP_REMEDY_CHOOSE_ANOTHER:
      {
        int used = icp_instance_get_codes_used (instance);
        guint quota = icp_policy_get_codes_per_instance (policy);

        page = add_page (self, "guidance", _("Choose Another Server"),
                         _("Each server gets only a few ICP filing service codes, and a code "
                           "used for a filing is never given back. File this website with "
                           "another server: one marked eligible in the list, or a new "
                           "subscription server in the Chinese mainland."));
        group = add_group (page, _("Service Codes"), NULL);
        add_server_rows (self, group);
        if (used >= 0)
          /* Translators: the ICP filing service codes this server has used, of the most one
           * server can have, e.g. "5 of 5" */
          text = g_strdup_printf (C_("service codes used", "%d of %u"), used, quota);
        else
          /* Translators: %u is the limit of service codes */
          text = g_strdup_printf (_("Not known (the limit is %u)"), quota);
        add_row (group, MARK_PROBLEM, _("Codes used"), text);
        g_clear_pointer (&text, g_free);
        group = add_group (page, _("Findings"), NULL);
        add_findings_rows (self, group);
        add_console_group (self, page,
                           _("The filing console lists the codes each server has issued under "
                             "“备案服务号管理” (ICP Filing Service Code Management)."),
                           _("_Open the Filing Console"));
        break;
      }

    case ICP_REMEDY_START_INSTANCE:
      {
        const char *status = icp_instance_get_status (instance);

        page = add_page (self, "guidance", _("Start the Server"),
                         _("ICP filing service codes are generated only for running servers. "
                           "Start this one before you apply."));
        group = add_group (page, _("Server"), NULL);
        add_server_rows (self, group);
        add_row (group, MARK_PROBLEM, _("Status"), icp_instance_status_get_label (status));
        if (icp_instance_is_expired (instance, get_now (self)) ||
            icp_instance_has_lock (instance, "financial"))
          add_row (group, MARK_PROBLEM, _("Renew first"),
                   _("This server is stopped because it expired or has an overdue payment: "
                     "it starts again only after it is renewed or paid."));
        group = add_group (page, _("Findings"), NULL);
        add_findings_rows (self, group);
        add_console_group (self, page,
                           _("On the server’s page, click “Start” (启动) and wait until its "
                             "status is Running. Then refresh the list here."),
                           _("_Open the Server in the Console"));
        break;
      }

    case ICP_REMEDY_BUY_SERVER:
      {
        page = add_page (self, "guidance", _("Buy a Server"),
                         _("There is no server to apply with. A service code comes with a "
                           "server in the Chinese mainland."));
        group = add_group (page, _("What to Buy"), NULL);
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: %u is the minimum months */
                                             "An ECS instance in a region of the Chinese "
                                             "mainland, billed by subscription for more than "
                                             "%u month.",
                                             "An ECS instance in a region of the Chinese "
                                             "mainland, billed by subscription for more than "
                                             "%u months.",
                                             icp_policy_get_min_subscription_months (policy)),
                                icp_policy_get_min_subscription_months (policy));
        add_row (group, MARK_NOTE, _("Subscription in the Chinese mainland"), text);
        g_clear_pointer (&text, g_free);
        add_row (group, MARK_NOTE, _("With public bandwidth"),
                 _("Choose public bandwidth above 0 Mbit/s, or bind an EIP."));
        add_console_group (self, page,
                           _("Buy the instance with the account that will file."),
                           _("_Open the Console"));
        break;
      }

    case ICP_REMEDY_RESOLVE_LOCK:
      {
        const char * const *locks = icp_instance_get_lock_reasons (instance);
        g_autofree char *list = locks != NULL ? g_strjoinv (", ", (char **) locks) : NULL;

        page = add_page (self, "guidance", _("Resolve the Lock"),
                         _("The console cannot act on a locked server, and no service code is "
                           "issued for it until Alibaba Cloud lifts the lock."));
        group = add_group (page, _("Server"), NULL);
        add_server_rows (self, group);
        add_row (group, MARK_PROBLEM, _("Locks"), has_text (list) ? list : C_("locks", "unknown"));
        group = add_group (page, _("Findings"), NULL);
        add_findings_rows (self, group);
        add_console_group (self, page,
                           _("The server’s page says why it is locked. For a security lock, "
                             "fix what the notice names and contact Alibaba Cloud support."),
                           _("_Open the Server in the Console"));
        break;
      }

    case ICP_REMEDY_CHECK_CONSOLE:
      page = add_page (self, "guidance", _("Check the Filing Console"),
                       _("The list does not say how many service codes this server has used. "
                         "The filing console does."));
      group = add_group (page, _("Server"), NULL);
      add_server_rows (self, group);
      group = add_group (page, _("Findings"), NULL);
      add_findings_rows (self, group);
      add_console_group (self, page,
                         _("Look the server up under “备案服务号管理” (ICP Filing Service Code "
                           "Management)."),
                         _("_Open the Filing Console"));
      break;

    case ICP_REMEDY_VERIFY:
    case ICP_REMEDY_NONE:
    case ICP_REMEDY_SWITCH_BILLING:
    case ICP_REMEDY_RENEW:
    case ICP_REMEDY_ADD_BANDWIDTH:
    default:
      page = add_page (self, "guidance", _("Check in the Console"),
                       _("The list does not give everything the check needs. The server’s page "
                         "in the console shows the missing facts."));
      group = add_group (page, _("Server"), NULL);
      add_server_rows (self, group);
      group = add_group (page, _("Findings"), NULL);
      add_findings_rows (self, group);
      add_console_group (self, page,
                         _("Compare the server’s page with the findings above, or connect the "
                           "account so that the app reads the facts itself."),
                         _("_Open the Server in the Console"));
      break;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Navigation                                                                                  */

static int
current_index (IcpFixWizard *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < self->page_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->page_names, i), name) == 0)
      return (int) i;

  return -1;
}

static void
update_navigation (IcpFixWizard *self)
{
  int index = current_index (self);
  gboolean first = index <= 0;
  gboolean last = index + 1 >= (int) self->page_names->len;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", !first);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", !last);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !first);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !last);
  gtk_button_set_label (self->cancel_button, last ? _("_Close") : _("_Cancel"));
}

static void
visible_child_changed_cb (IcpFixWizard *self)
{
  update_navigation (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_NAME]);
}

static gboolean
go_to (IcpFixWizard *self,
       int           index)
{
  if (index < 0 || index >= (int) self->page_names->len)
    return FALSE;

  gtk_stack_set_visible_child_name (self->stack, g_ptr_array_index (self->page_names, index));
  return TRUE;
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  icp_fix_wizard_next (ICP_FIX_WIZARD (widget));
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  icp_fix_wizard_back (ICP_FIX_WIZARD (widget));
}

static void
open_console_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  icp_fix_wizard_open_console (ICP_FIX_WIZARD (widget));
}

/* ------------------------------------------------------------------------------------------ */
/* Setting up                                                                                  */

static void
collect_findings (IcpFixWizard *self)
{
  IcpVerdict *verdict;
  GListModel *findings;

  if (self->instance == NULL)
    return;

  verdict = icp_instance_get_verdict (self->instance);
  if (verdict == NULL)
    return;

  findings = icp_verdict_get_findings (verdict);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, i);

      if (icp_finding_get_remedy (finding) == self->remedy)
        g_ptr_array_add (self->findings, g_steal_pointer (&finding));
    }
}

/* The least term or bandwidth that fixes every finding of the remedy. */
static void
choose_parameter (IcpFixWizard *self)
{
  IcpPolicy *policy = get_policy (self);
  guint months = 0, mbps = 0;

  for (guint i = 0; i < self->findings->len; i++)
    {
      IcpFinding *finding = g_ptr_array_index (self->findings, i);

      months = MAX (months, icp_finding_get_months (finding));
      mbps = MAX (mbps, icp_finding_get_mbps (finding));
    }

  if (self->remedy == ICP_REMEDY_SWITCH_BILLING && months == 0)
    months = icp_policy_get_min_subscription_months (policy);

  self->allowed_months = icp_policy_get_allowed_months (policy, self->remedy,
                                                        &self->n_allowed_months);
  self->months = icp_policy_round_months (policy, self->remedy, MAX (months, 1));
  self->mbps = CLAMP (mbps, icp_policy_get_min_bandwidth (policy),
                      icp_policy_get_max_bandwidth (policy));
}

static void
icp_fix_wizard_constructed (GObject *object)
{
  IcpFixWizard *self = ICP_FIX_WIZARD (object);
  const char *subtitle;

  G_OBJECT_CLASS (icp_fix_wizard_parent_class)->constructed (object);

  g_return_if_fail (self->inventory != NULL);

  /* Only the account-level remedy comes without a server. */
  if (self->instance == NULL && self->remedy != ICP_REMEDY_BUY_SERVER)
    self->remedy = ICP_REMEDY_BUY_SERVER;

  self->now = icp_checker_get_now (get_checker (self));
  self->now = self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();

  collect_findings (self);
  choose_parameter (self);
  self->console_uri = icp_console_remedy_uri (self->remedy, self->instance);

  switch (self->remedy)
    {
    case ICP_REMEDY_RENEW:
      build_renew (self);
      break;
    case ICP_REMEDY_SWITCH_BILLING:
      build_switch (self);
      break;
    case ICP_REMEDY_ADD_BANDWIDTH:
      build_bandwidth (self);
      break;
    case ICP_REMEDY_NONE:
    case ICP_REMEDY_BUY_SERVER:
    case ICP_REMEDY_USE_OWNER_ACCOUNT:
    case ICP_REMEDY_CHOOSE_ANOTHER:
    case ICP_REMEDY_START_INSTANCE:
    case ICP_REMEDY_RESOLVE_LOCK:
    case ICP_REMEDY_VERIFY:
    case ICP_REMEDY_CHECK_CONSOLE:
    default:
      build_guidance (self);
      break;
    }

  gtk_window_set_title (GTK_WINDOW (self), icp_fix_wizard_get_remedy_title (self->remedy));
  adw_window_title_set_title (self->window_title,
                              icp_fix_wizard_get_remedy_title (self->remedy));
  subtitle = self->instance != NULL ? icp_instance_get_display_name (self->instance) : NULL;
  adw_window_title_set_subtitle (self->window_title, subtitle);

  update_live_rows (self);
  go_to (self, 0);
  update_navigation (self);
}

static void
icp_fix_wizard_dispose (GObject *object)
{
  IcpFixWizard *self = ICP_FIX_WIZARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ICP_TYPE_FIX_WIZARD);

  g_clear_object (&self->inventory);
  g_clear_object (&self->instance);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (icp_fix_wizard_parent_class)->dispose (object);
}

static void
icp_fix_wizard_finalize (GObject *object)
{
  IcpFixWizard *self = ICP_FIX_WIZARD (object);

  g_clear_pointer (&self->page_names, g_ptr_array_unref);
  g_clear_pointer (&self->expiry_rows, g_ptr_array_unref);
  g_clear_pointer (&self->total_rows, g_ptr_array_unref);
  g_clear_pointer (&self->term_rows, g_ptr_array_unref);
  g_clear_pointer (&self->bandwidth_rows, g_ptr_array_unref);
  g_clear_pointer (&self->result_rows, g_ptr_array_unref);
  g_free (self->console_uri);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (icp_fix_wizard_parent_class)->finalize (object);
}

static void
icp_fix_wizard_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IcpFixWizard *self = ICP_FIX_WIZARD (object);

  switch (prop_id)
    {
    case PROP_INVENTORY:
      g_value_set_object (value, self->inventory);
      break;
    case PROP_INSTANCE:
      g_value_set_object (value, self->instance);
      break;
    case PROP_REMEDY:
      g_value_set_enum (value, self->remedy);
      break;
    case PROP_MONTHS:
      g_value_set_uint (value, icp_fix_wizard_get_months (self));
      break;
    case PROP_MBPS:
      g_value_set_uint (value, icp_fix_wizard_get_mbps (self));
      break;
    case PROP_PAGE_NAME:
      g_value_set_string (value, icp_fix_wizard_get_page_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_fix_wizard_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  IcpFixWizard *self = ICP_FIX_WIZARD (object);

  switch (prop_id)
    {
    case PROP_INVENTORY:
      self->inventory = g_value_dup_object (value);
      break;
    case PROP_INSTANCE:
      self->instance = g_value_dup_object (value);
      break;
    case PROP_REMEDY:
      self->remedy = g_value_get_enum (value);
      break;
    case PROP_MONTHS:
      icp_fix_wizard_set_months (self, g_value_get_uint (value));
      break;
    case PROP_MBPS:
      icp_fix_wizard_set_mbps (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_fix_wizard_class_init (IcpFixWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = icp_fix_wizard_constructed;
  object_class->dispose = icp_fix_wizard_dispose;
  object_class->finalize = icp_fix_wizard_finalize;
  object_class->get_property = icp_fix_wizard_get_property;
  object_class->set_property = icp_fix_wizard_set_property;

  properties[PROP_INVENTORY] =
    g_param_spec_object ("inventory", NULL, NULL, ICP_TYPE_INVENTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSTANCE] =
    g_param_spec_object ("instance", NULL, NULL, ICP_TYPE_INSTANCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMEDY] =
    g_param_spec_enum ("remedy", NULL, NULL, ICP_TYPE_REMEDY, ICP_REMEDY_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONTHS] =
    g_param_spec_uint ("months", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MBPS] =
    g_param_spec_uint ("mbps", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAGE_NAME] =
    g_param_spec_string ("page-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/icpassistant/IcpAssistant/icp-fix-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, IcpFixWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, IcpFixWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, IcpFixWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, IcpFixWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, IcpFixWizard, window_title);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_changed_cb);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "wizard.open-console", NULL,
                                   open_console_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "wizard.back", NULL);
}

static void
icp_fix_wizard_init (IcpFixWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->remedy = ICP_REMEDY_NONE;
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->page_names = g_ptr_array_new_with_free_func (g_free);
  self->expiry_rows = g_ptr_array_new ();
  self->total_rows = g_ptr_array_new ();
  self->term_rows = g_ptr_array_new ();
  self->bandwidth_rows = g_ptr_array_new ();
  self->result_rows = g_ptr_array_new ();
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */

/**
 * icp_fix_wizard_get_remedy_title:
 * @remedy: a remedy
 *
 * The remedy as a title, in header capitalization (GNOME HIG): the wizard's title and the
 * label of the buttons that open it. The core's icp_remedy_get_label() is the same in sentence
 * case, for reports.
 *
 * Returns: (nullable): a translated title, %NULL for %ICP_REMEDY_NONE
 */
const char *
icp_fix_wizard_get_remedy_title (IcpRemedy remedy)
{
  switch (remedy)
    {
    case ICP_REMEDY_BUY_SERVER:
      return _("Buy a Server in the Chinese Mainland");
    case ICP_REMEDY_USE_OWNER_ACCOUNT:
      return _("Use the Owner Account");
    case ICP_REMEDY_SWITCH_BILLING:
      return _("Switch to Subscription");
    case ICP_REMEDY_RENEW:
      return C_("remedy title", "Renew");
    case ICP_REMEDY_ADD_BANDWIDTH:
      return _("Add Public Bandwidth");
    case ICP_REMEDY_CHOOSE_ANOTHER:
      return _("Choose Another Server");
    case ICP_REMEDY_START_INSTANCE:
      return _("Start the Server");
    case ICP_REMEDY_RESOLVE_LOCK:
      return _("Resolve the Lock");
    case ICP_REMEDY_VERIFY:
      return _("Verify in the Console");
    case ICP_REMEDY_CHECK_CONSOLE:
      return _("Check the Filing Console");
    case ICP_REMEDY_NONE:
    default:
      return NULL;
    }
}

/**
 * icp_fix_wizard_new:
 * @parent: (nullable): the window it is modal for
 * @inventory: the inventory @instance belongs to (its checker gives the policy and now)
 * @instance: (nullable): the server; %NULL only for %ICP_REMEDY_BUY_SERVER
 * @remedy: what to do
 *
 * Returns: (transfer floating): a new wizard; present it with gtk_window_present().
 */
IcpFixWizard *
icp_fix_wizard_new (GtkWindow    *parent,
                    IcpInventory *inventory,
                    IcpInstance  *instance,
                    IcpRemedy     remedy)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ICP_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (instance == NULL || ICP_IS_INSTANCE (instance), NULL);

  return g_object_new (ICP_TYPE_FIX_WIZARD,
                       "transient-for", parent,
                       "inventory", inventory,
                       "instance", instance,
                       "remedy", remedy,
                       NULL);
}

IcpRemedy
icp_fix_wizard_get_remedy (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), ICP_REMEDY_NONE);

  return self->remedy;
}

/**
 * icp_fix_wizard_get_instance:
 *
 * Returns: (transfer none) (nullable): the server
 */
IcpInstance *
icp_fix_wizard_get_instance (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), NULL);

  return self->instance;
}

/**
 * icp_fix_wizard_get_page_name:
 *
 * Returns: the page shown: "change", "constraints", "parameters", "summary" for a fix,
 *   "guidance" for guidance.
 */
const char *
icp_fix_wizard_get_page_name (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

guint
icp_fix_wizard_get_n_pages (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), 0);

  return self->page_names->len;
}

/**
 * icp_fix_wizard_next:
 *
 * Returns: %FALSE on the last page (nothing happens)
 */
gboolean
icp_fix_wizard_next (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), FALSE);

  return go_to (self, current_index (self) + 1);
}

/**
 * icp_fix_wizard_back:
 *
 * Returns: %FALSE on the first page (nothing happens)
 */
gboolean
icp_fix_wizard_back (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), FALSE);

  return go_to (self, current_index (self) - 1);
}

/**
 * icp_fix_wizard_get_months:
 *
 * Returns: the term chosen, or 0 when the remedy has none (not renew or switch-billing)
 */
guint
icp_fix_wizard_get_months (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), 0);

  if (self->remedy != ICP_REMEDY_RENEW && self->remedy != ICP_REMEDY_SWITCH_BILLING)
    return 0;

  return self->months;
}

/**
 * icp_fix_wizard_set_months:
 * @months: a term; rounded up to one the API sells
 */
void
icp_fix_wizard_set_months (IcpFixWizard *self,
                           guint         months)
{
  g_return_if_fail (ICP_IS_FIX_WIZARD (self));

  if (self->remedy != ICP_REMEDY_RENEW && self->remedy != ICP_REMEDY_SWITCH_BILLING)
    return;

  months = icp_policy_round_months (get_policy (self), self->remedy, MAX (months, 1));
  if (months == self->months)
    return;

  self->months = months;
  if (self->months_row != NULL)
    for (gsize i = 0; i < self->n_allowed_months; i++)
      if (self->allowed_months[i] == months && adw_combo_row_get_selected (self->months_row) != i)
        adw_combo_row_set_selected (self->months_row, (guint) i);

  update_live_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTHS]);
}

/**
 * icp_fix_wizard_get_mbps:
 *
 * Returns: the outbound bandwidth chosen, or 0 when the remedy is not add-bandwidth
 */
guint
icp_fix_wizard_get_mbps (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), 0);

  if (self->remedy != ICP_REMEDY_ADD_BANDWIDTH)
    return 0;

  return self->mbps;
}

/**
 * icp_fix_wizard_set_mbps:
 * @mbps: Mbit/s; clamped to the policy's range
 */
void
icp_fix_wizard_set_mbps (IcpFixWizard *self,
                         guint         mbps)
{
  IcpPolicy *policy;

  g_return_if_fail (ICP_IS_FIX_WIZARD (self));

  if (self->remedy != ICP_REMEDY_ADD_BANDWIDTH)
    return;

  policy = get_policy (self);
  mbps = CLAMP (mbps, icp_policy_get_min_bandwidth (policy), icp_policy_get_max_bandwidth (policy));
  if (mbps == self->mbps)
    return;

  self->mbps = mbps;
  if (self->mbps_spin != NULL && (guint) gtk_spin_button_get_value_as_int (self->mbps_spin) != mbps)
    gtk_spin_button_set_value (self->mbps_spin, mbps);

  update_live_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MBPS]);
}

/**
 * icp_fix_wizard_get_new_expiry:
 *
 * Returns: (transfer full) (nullable): the expiration time after the change (the page shows it
 *   in local time), or %NULL when the remedy does not change it
 */
GDateTime *
icp_fix_wizard_get_new_expiry (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), NULL);

  if (self->remedy != ICP_REMEDY_RENEW && self->remedy != ICP_REMEDY_SWITCH_BILLING)
    return NULL;

  return new_expiry (self);
}

/**
 * icp_fix_wizard_get_console_uri:
 *
 * Returns: the console page the last button opens
 */
const char *
icp_fix_wizard_get_console_uri (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), NULL);

  return self->console_uri;
}

/**
 * icp_fix_wizard_open_console:
 *
 * Opens the console page in the browser (what the last page's button does).
 */
void
icp_fix_wizard_open_console (IcpFixWizard *self)
{
  g_return_if_fail (ICP_IS_FIX_WIZARD (self));

  icp_console_open (GTK_WINDOW (self), self->console_uri);
}
