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
 * button that opens the console page (icp-console-links.c).
 *
 * With a connection (icp_fix_wizard_set_connection()), the summary page of a fix also shows
 * its `api_group`: the same change made here, through the account. Its button builds an
 * IcpFixRequest from the wizard's months or Mbit/s and runs the steps on two pages that are
 * not part of the Back/Next order:
 *
 *   summary → progress (dry run → price) → confirmation dialog → progress (the call, the
 *   instance read again) → result (success, an order to pay, or the refusal in words)
 *
 * Only the dialog's "apply" response sends the call that costs money: the dry run (DryRun=true)
 * and the price are all that goes out before it, and AutoPay stays off unless the user ticks
 * "Pay from my balance now" in the dialog. Cancel on the progress page, or closing the wizard,
 * cancels the steps (GCancellable); once the call is sent, only closing stops the waiting.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-console-links.h"
#include "icp-enums.h"
#include "icp-fix-errors.h"
#include "icp-time.h"

#include "icp-fix-wizard.h"

typedef enum
{
  MARK_NONE,
  MARK_OK,
  MARK_PROBLEM,
  MARK_NOTE,
} Mark;

/* The steps of a fix through the API, as the progress page lists them. */
typedef enum
{
  STEP_DRY_RUN,
  STEP_PRICE,
  STEP_APPLY,
  N_STEPS
} Step;

typedef enum
{
  STEP_WAITING,
  STEP_RUNNING,
  STEP_DONE,
  STEP_FAILED,
} StepState;

/* Where a fix stopped with an error: what that means for the account. */
typedef enum
{
  STAGE_VALIDATE,   /* nothing was sent */
  STAGE_CHECK,      /* dry run or price: nothing was bought */
  STAGE_APPLY,      /* the call, or the refresh after it */
} Stage;

/* The Expenses Center's order list ("费用 → 订单管理 → 我的订单"), where an order placed with
 * AutoPay=false waits; the address the console's own top-bar menu links to. */
#define ORDERS_URI "https://usercenter2.aliyun.com/order/list"

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

  /* Doing it through the API */
  IcpConnection       *connection;
  GCancellable        *cancellable;   /* the steps running now, else NULL */
  IcpFixRequest       *request;       /* the request of the last run */
  gboolean             applying;      /* the call that costs money was sent */
  gboolean             allocates;     /* the request only assigns an address */
  AdwPreferencesGroup *api_group;
  GtkLabel            *api_label;
  GtkWidget           *console_button;
  GtkLabel            *summary_intro;
  AdwStatusPage       *progress_page;
  AdwActionRow        *step_rows[N_STEPS];
  AdwStatusPage       *result_page;
  AdwMessageDialog    *dialog;        /* the confirmation while it is open (weak) */
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
  PROP_CONNECTION,
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
    {
      GtkWidget *intro = new_label (text, NULL);

      gtk_box_append (GTK_BOX (box), intro);
      /* The summary says "here or in the console" once an account is connected. */
      if (g_str_equal (name, "summary"))
        self->summary_intro = GTK_LABEL (intro);
    }
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
  self->console_button = button;
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

static const char *
fix_now_label (IcpRemedy remedy)
{
  switch (remedy)
    {
    case ICP_REMEDY_RENEW:
      return _("_Renew Now…");
    case ICP_REMEDY_SWITCH_BILLING:
      return _("_Switch Now…");
    case ICP_REMEDY_ADD_BANDWIDTH:
    default:
      return _("_Add Bandwidth Now…");
    }
}

/* The fix through the API (dry run → price → confirmation → call → re-check), for a connected
 * account. Hidden without one (icp_fix_wizard_set_connection()): no button that does nothing.
 * It comes before the console group, which stays as the other way. */
static void
add_api_group (IcpFixWizard       *self,
               AdwPreferencesPage *page)
{
  AdwPreferencesGroup *group = add_group (page, _("Do It Here"), NULL);
  GtkWidget *label = new_label ("", NULL);
  GtkWidget *button = gtk_button_new_with_mnemonic (fix_now_label (self->remedy));

  gtk_widget_set_name (GTK_WIDGET (group), "api_group");
  gtk_widget_set_visible (GTK_WIDGET (group), FALSE);

  gtk_widget_set_name (label, "api_label");
  adw_preferences_group_add (group, label);

  gtk_widget_set_name (button, "fix_now_button");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "wizard.fix-now");
  adw_preferences_group_add (group, button);

  self->api_group = group;
  self->api_label = GTK_LABEL (label);
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
  add_api_group (self, page);
  add_console_group (self, page,
                     _("On the server’s page, click “Renew” (续费), choose the term above and "
                       "pay. Then refresh the list here to check it again."),
                     _("_Open the Server in the Console"));
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
  add_api_group (self, page);
  add_console_group (self, page,
                     _("On the server’s page, choose “Switch to Subscription” (转包年包月), "
                       "pick the term above and pay. Then refresh the list here."),
                     _("_Open the Server in the Console"));
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
  add_api_group (self, page);
  add_console_group (self, page,
                     _("On the server’s page, choose “Change Bandwidth” (变更带宽 or 修改带宽), "
                       "set the bandwidth above and, for a pay-as-you-go server, assign a "
                       "public IP address. Then refresh the list here."),
                     _("_Open the Server in the Console"));
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

static gboolean
showing (IcpFixWizard *self,
         const char   *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0;
}

static void
update_navigation (IcpFixWizard *self)
{
  int index = current_index (self);
  gboolean first = index <= 0;
  gboolean last = index + 1 >= (int) self->page_names->len;

  /* The progress and result pages are not in the Back/Next order: from the result, Back goes
   * to the summary; while the steps run, Cancel stops them (until the call is sent). */
  if (showing (self, "progress") || showing (self, "result"))
    {
      gboolean stoppable = showing (self, "progress") && self->cancellable != NULL &&
                           !self->applying;

      gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", showing (self, "result"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->back_button), showing (self, "result"));
      gtk_widget_set_visible (GTK_WIDGET (self->next_button), FALSE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button),
                                      stoppable ? "wizard.stop" : "window.close");
      gtk_button_set_label (self->cancel_button, stoppable ? _("_Cancel") : _("_Close"));
      return;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", !first);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", !last);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !first);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !last);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "window.close");
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
/* Doing it through the API                                                                    */

static gboolean
is_fix_remedy (IcpRemedy remedy)
{
  return remedy == ICP_REMEDY_RENEW || remedy == ICP_REMEDY_SWITCH_BILLING ||
         remedy == ICP_REMEDY_ADD_BANDWIDTH;
}

static gboolean
is_busy (IcpFixWizard *self)
{
  return self->cancellable != NULL;
}

/* Whether the call places an order (which waits unpaid without AutoPay): renewals, switches and
 * subscription bandwidth do; pay-as-you-go bandwidth is billed by the hour from the change,
 * and an address for bandwidth already bought costs nothing more. */
static gboolean
places_order (IcpFixRequest *request)
{
  IcpInstance *instance = icp_fix_request_get_instance (request);

  if (icp_fix_request_get_remedy (request) != ICP_REMEDY_ADD_BANDWIDTH)
    return TRUE;

  return !icp_fix_request_assigns_address_only (request) &&
         icp_instance_get_charge_type (instance) == ICP_CHARGE_TYPE_PREPAID;
}

static void
update_actions (IcpFixWizard *self)
{
  gboolean fixable = self->connection != NULL && is_fix_remedy (self->remedy) &&
                     self->instance != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.fix-now",
                                 fixable && !is_busy (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.stop",
                                 is_busy (self) && !self->applying);
  update_navigation (self);
}

static void
update_api_group (IcpFixWizard *self)
{
  gboolean shown = self->connection != NULL && self->api_group != NULL;

  if (self->api_group == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->api_group), shown);

  if (shown)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is an Alibaba Cloud account id */
      text = g_strdup_printf (_("The change is made through the account %s: a dry run and the "
                                "price come first, and nothing is bought until you confirm."),
                              icp_connection_get_account_id (self->connection));
      gtk_label_set_text (self->api_label, text);
    }

  /* One suggested button per page: the one that does it here. */
  if (self->console_button != NULL)
    {
      if (shown)
        gtk_widget_remove_css_class (self->console_button, "suggested-action");
      else
        gtk_widget_add_css_class (self->console_button, "suggested-action");
    }

  if (self->summary_intro != NULL)
    gtk_label_set_text (self->summary_intro,
                        shown
                        ? _("Check the change, then make it here or in the Alibaba Cloud "
                            "console.")
                        : _("Check the change, then make it in the Alibaba Cloud console."));
}

/* ---- The progress page ------------------------------------------------------------------- */

static AdwActionRow *
add_step_row (GtkListBox *list,
              const char *name,
              const char *title,
              const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *marks = gtk_stack_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *image = gtk_image_new ();

  gtk_widget_set_name (GTK_WIDGET (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);

  gtk_widget_set_valign (marks, GTK_ALIGN_CENTER);
  gtk_stack_add_named (GTK_STACK (marks), spinner, "spinner");
  gtk_stack_add_named (GTK_STACK (marks), image, "image");
  adw_action_row_add_prefix (row, marks);
  g_object_set_data (G_OBJECT (row), "icp-marks", marks);
  g_object_set_data (G_OBJECT (row), "icp-spinner", spinner);
  g_object_set_data (G_OBJECT (row), "icp-image", image);

  gtk_list_box_append (list, GTK_WIDGET (row));
  return row;
}

static void
set_step (IcpFixWizard *self,
          Step          step,
          StepState     state)
{
  AdwActionRow *row = self->step_rows[step];
  GtkStack *marks = g_object_get_data (G_OBJECT (row), "icp-marks");
  GtkSpinner *spinner = g_object_get_data (G_OBJECT (row), "icp-spinner");
  GtkWidget *image = g_object_get_data (G_OBJECT (row), "icp-image");
  static const struct {
    const char *icon;
    const char *style;
    const char *accessible;
  } looks[] = {
    [STEP_WAITING] = { "content-loading-symbolic", "dim-label", N_("Waiting") },
    [STEP_RUNNING] = { NULL, NULL, N_("Running") },
    [STEP_DONE] = { "emblem-ok-symbolic", "success", N_("Done") },
    [STEP_FAILED] = { "dialog-error-symbolic", "error", N_("Failed") },
  };

  gtk_spinner_set_spinning (spinner, state == STEP_RUNNING);
  gtk_stack_set_visible_child_name (marks, state == STEP_RUNNING ? "spinner" : "image");
  gtk_widget_remove_css_class (image, "dim-label");
  gtk_widget_remove_css_class (image, "success");
  gtk_widget_remove_css_class (image, "error");
  if (looks[state].icon != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (image), looks[state].icon);
      gtk_widget_add_css_class (image, looks[state].style);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (marks), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(looks[state].accessible), -1);
}

static void
build_progress_page (IcpFixWizard *self)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *list = gtk_list_box_new ();
  const char *apply_subtitle;

  switch (self->remedy)
    {
    case ICP_REMEDY_RENEW:
      apply_subtitle = _("After you confirm: the renewal is ordered, then the server is read "
                         "again and checked.");
      break;
    case ICP_REMEDY_SWITCH_BILLING:
      apply_subtitle = _("After you confirm: the switch is ordered, then the server is read "
                         "again and checked.");
      break;
    case ICP_REMEDY_ADD_BANDWIDTH:
    default:
      apply_subtitle = _("After you confirm: the bandwidth is changed, then the server is read "
                         "again and checked.");
      break;
    }

  gtk_widget_set_name (page, "progress");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Checking With Alibaba Cloud"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("A dry run and the price come first. Nothing is bought "
                                     "until you confirm."));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->step_rows[STEP_DRY_RUN] =
    add_step_row (GTK_LIST_BOX (list), "dry_run_row", _("Dry run"),
                  _("Alibaba Cloud checks the request, the key and its permissions without "
                    "making the change."));
  self->step_rows[STEP_PRICE] =
    add_step_row (GTK_LIST_BOX (list), "price_row", C_("fix step", "Price"),
                  _("What the change costs."));
  self->step_rows[STEP_APPLY] =
    add_step_row (GTK_LIST_BOX (list), "apply_row", C_("fix step", "Change"), apply_subtitle);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 480);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), clamp);

  gtk_stack_add_named (self->stack, page, "progress");
  self->progress_page = ADW_STATUS_PAGE (page);
}

/* ---- The result page --------------------------------------------------------------------- */

static void
build_result_page (IcpFixWizard *self)
{
  GtkWidget *page = adw_status_page_new ();

  gtk_widget_set_name (page, "result");
  gtk_widget_add_css_class (page, "fix-result");
  gtk_stack_add_named (self->stack, page, "result");
  self->result_page = ADW_STATUS_PAGE (page);
}

static GtkWidget *
new_pill_button (const char *name,
                 const char *label,
                 const char *action,
                 gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

/* The result page's content below its title: a column of a list and buttons. */
static GtkWidget *
new_result_column (IcpFixWizard *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 480);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  adw_status_page_set_child (self->result_page, clamp);
  return box;
}

static GtkWidget *
new_button_box (GtkWidget *column)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (column), buttons);
  return buttons;
}

/* The instance's verdict in words, as the details pane says it, with its name. */
static char *
verdict_sentence (IcpInstance *instance)
{
  IcpVerdict *verdict = icp_instance_get_verdict (instance);
  const char *name = icp_instance_get_display_name (instance);
  GListModel *findings;
  guint blockers = 0, notes = 0;

  if (verdict == NULL)
    /* Translators: %s is a server's name */
    return g_strdup_printf (_("%s has not been checked again yet: refresh the list."), name);

  findings = icp_verdict_get_findings (verdict);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, i);

      if (icp_finding_get_severity (finding) == ICP_SEVERITY_BLOCKER)
        blockers++;
      else if (icp_finding_get_severity (finding) == ICP_SEVERITY_WARNING)
        notes++;
    }

  switch (icp_verdict_get_state (verdict))
    {
    case ICP_VERDICT_STATE_ELIGIBLE:
      if (notes > 0)
        /* Translators: %s is a server's name */
        return g_strdup_printf (_("%s can now get an ICP filing service code. Read the notes "
                                  "below before you apply."), name);
      /* Translators: %s is a server's name */
      return g_strdup_printf (_("%s can now get an ICP filing service code."), name);
    case ICP_VERDICT_STATE_BLOCKED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %s is a server's name, %u a count */
                                           "%s still cannot get an ICP filing service code: "
                                           "%u thing must change first.",
                                           "%s still cannot get an ICP filing service code: "
                                           "%u things must change first.",
                                           blockers),
                              name, blockers);
    case ICP_VERDICT_STATE_NOT_REQUIRED:
      /* Translators: %s is a server's name */
      return g_strdup_printf (_("%s is outside the Chinese mainland: websites on it need no "
                                "ICP filing."), name);
    case ICP_VERDICT_STATE_UNKNOWN:
    default:
      /* Translators: %s is a server's name */
      return g_strdup_printf (_("The check of %s lacks facts it needs. The notes below say "
                                "which."), name);
    }
}

/* The verdict and what is left to fix, as rows. */
static void
add_verdict_list (GtkWidget   *column,
                  IcpInstance *instance)
{
  IcpVerdict *verdict = icp_instance_get_verdict (instance);
  IcpVerdictState state = verdict != NULL ? icp_verdict_get_state (verdict)
                                          : ICP_VERDICT_STATE_UNKNOWN;
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GListModel *findings = verdict != NULL ? icp_verdict_get_findings (verdict) : NULL;
  AdwActionRow *row;

  gtk_widget_set_name (GTK_WIDGET (group), "verdict_group");
  set_group_text (group, _("The Check Now"), NULL);
  row = add_row (group,
                 state == ICP_VERDICT_STATE_ELIGIBLE ? MARK_OK
                 : state == ICP_VERDICT_STATE_BLOCKED ? MARK_PROBLEM : MARK_NOTE,
                 _("Verdict"), icp_verdict_state_get_label (state));
  gtk_widget_set_name (GTK_WIDGET (row), "verdict_row");

  for (guint i = 0; findings != NULL && i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, i);
      IcpSeverity severity = icp_finding_get_severity (finding);

      if (severity == ICP_SEVERITY_INFO)
        continue;
      add_row (group, severity == ICP_SEVERITY_BLOCKER ? MARK_PROBLEM : MARK_NOTE,
               icp_finding_get_message (finding), icp_finding_get_reason (finding));
    }

  gtk_box_append (GTK_BOX (column), GTK_WIDGET (group));
}

/* After the call the instance has its bandwidth: what the request did was fixed at its start. */
static const char *
done_title (IcpFixWizard *self)
{
  switch (self->remedy)
    {
    case ICP_REMEDY_RENEW:
      return _("Renewed");
    case ICP_REMEDY_SWITCH_BILLING:
      return _("Switched to Subscription");
    case ICP_REMEDY_ADD_BANDWIDTH:
    default:
      return self->allocates ? _("Public IP Address Assigned") : _("Bandwidth Added");
    }
}

static const char *
failed_title (IcpRemedy remedy)
{
  switch (remedy)
    {
    case ICP_REMEDY_RENEW:
      return _("Not Renewed");
    case ICP_REMEDY_SWITCH_BILLING:
      return _("Not Switched");
    case ICP_REMEDY_ADD_BANDWIDTH:
    default:
      return _("Bandwidth Not Changed");
    }
}

/* "fix-success", "fix-warning", "fix-error" or NULL (style.css tints the icon). */
static void
set_outcome_class (IcpFixWizard *self,
                   const char   *css_class)
{
  static const char * const classes[] = { "fix-success", "fix-warning", "fix-error" };

  for (gsize i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_page), classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->result_page), css_class);
}

/* The result page's title and description. The description is markup to AdwStatusPage, and
 * this one carries server names, order ids and the API's messages. */
static void
set_result_text (IcpFixWizard *self,
                 const char   *title,
                 const char   *description)
{
  g_autofree char *escaped = g_markup_escape_text (description, -1);

  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_description (self->result_page, escaped);
}

static void
show_page (IcpFixWizard *self,
           const char   *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
finish_steps (IcpFixWizard *self)
{
  g_clear_object (&self->cancellable);
  self->applying = FALSE;
  update_actions (self);
}

static void
show_success (IcpFixWizard *self,
              IcpInstance  *instance)
{
  IcpFixRequest *request = self->request;
  const char *order = icp_fix_request_get_order_id (request);
  gboolean unpaid = order != NULL && !icp_fix_request_get_pay (request);
  IcpVerdict *verdict = icp_instance_get_verdict (instance);
  GtkWidget *column, *buttons;

  if (unpaid)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is an order id */
      text = g_strdup_printf (_("Pay order %s in the console (Expenses → Orders) to complete "
                                "it. Until it is paid nothing changes; then refresh the list "
                                "here to check the server again."),
                              order);
      adw_status_page_set_icon_name (self->result_page, "task-due-symbolic");
      set_outcome_class (self, NULL);
      set_result_text (self, _("Order Placed"), text);

      column = new_result_column (self);
      buttons = new_button_box (column);
      gtk_box_append (GTK_BOX (buttons),
                      new_pill_button ("orders_button", _("_Open Orders in the Console"),
                                       "wizard.open-orders", TRUE));
    }
  else
    {
      g_autofree char *text = verdict_sentence (instance);
      gboolean eligible = verdict != NULL &&
                          icp_verdict_get_state (verdict) == ICP_VERDICT_STATE_ELIGIBLE;

      adw_status_page_set_icon_name (self->result_page,
                                     eligible ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      set_outcome_class (self, eligible ? "fix-success" : "fix-warning");
      set_result_text (self, done_title (self), text);

      column = new_result_column (self);
      add_verdict_list (column, instance);
      if (order != NULL)
        {
          g_autofree char *paid = NULL;

          /* Translators: %s is an order id */
          paid = g_strdup_printf (_("Order %s was paid from the account balance."), order);
          gtk_box_append (GTK_BOX (column), new_label (paid, "dim-label"));
        }
    }

  show_page (self, "result");
}

static void
show_failure (IcpFixWizard *self,
              const GError *error,
              Stage         stage)
{
  g_autofree char *text = icp_fix_error_explain (error, self->request);
  const char *order = self->request != NULL ? icp_fix_request_get_order_id (self->request) : NULL;
  const char *request_id = error->domain == ICP_API_ERROR ? icp_api_error_get_request_id (error)
                                                          : NULL;
  g_autofree char *consequence = NULL;
  GtkWidget *column, *buttons;

  adw_status_page_set_icon_name (self->result_page, "dialog-error-symbolic");
  set_outcome_class (self, "fix-error");
  set_result_text (self, failed_title (self->remedy), text);

  switch (stage)
    {
    case STAGE_VALIDATE:
      consequence = g_strdup (_("Nothing was sent to Alibaba Cloud."));
      break;
    case STAGE_CHECK:
      consequence = g_strdup (_("Nothing was bought or changed."));
      break;
    case STAGE_APPLY:
    default:
      if (order != NULL)
        /* Translators: %s is an order id */
        consequence = g_strdup_printf (_("Order %s was placed, but the server could not be "
                                         "read again. Refresh the list to see it."), order);
      else
        consequence = g_strdup (_("Alibaba Cloud made no change."));
      break;
    }

  column = new_result_column (self);
  gtk_box_append (GTK_BOX (column), new_label (consequence, NULL));
  if (request_id != NULL)
    {
      /* Translators: %s is the id Alibaba Cloud gives a request, for its support */
      g_autofree char *rid = g_strdup_printf (_("Request ID: %s"), request_id);
      GtkWidget *label = new_label (rid, "dim-label");

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (column), label);
    }

  buttons = new_button_box (column);
  if (icp_fix_error_is_temporary (error))
    gtk_box_append (GTK_BOX (buttons),
                    new_pill_button ("try_again_button", _("_Try Again"), "wizard.fix-now",
                                     TRUE));
  gtk_box_append (GTK_BOX (buttons),
                  new_pill_button ("summary_button", _("_Back to the Summary"), "wizard.back",
                                   FALSE));

  show_page (self, "result");
}

/* ---- The steps --------------------------------------------------------------------------- */

/* The callbacks hold no reference to the wizard: closing it finalizes it, and its dispose
 * cancels the steps, so each callback finishes its step first and, on G_IO_ERROR_CANCELLED
 * (which GTask reports for a cancelled step even when the answer had arrived), returns
 * without touching the wizard. Stop on the progress page cancels the same way. */

static char *
confirmation_heading (IcpFixRequest *request)
{
  const char *name = icp_instance_get_display_name (icp_fix_request_get_instance (request));
  guint months = icp_fix_request_get_months (request);

  switch (icp_fix_request_get_remedy (request))
    {
    case ICP_REMEDY_RENEW:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %s is a server's name, %u months */
                                           "Renew “%s” for %u month?",
                                           "Renew “%s” for %u months?", months),
                              name, months);
    case ICP_REMEDY_SWITCH_BILLING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %s is a server's name, %u months */
                                           "Switch “%s” to a subscription of %u month?",
                                           "Switch “%s” to a subscription of %u months?",
                                           months),
                              name, months);
    case ICP_REMEDY_ADD_BANDWIDTH:
    default:
      if (icp_fix_request_assigns_address_only (request))
        /* Translators: %s is a server's name */
        return g_strdup_printf (_("Assign a public IP address to “%s”?"), name);
      /* Translators: %s is a server's name, %u Mbit/s */
      return g_strdup_printf (_("Set the bandwidth of “%s” to %u Mbit/s?"), name,
                              icp_fix_request_get_mbps (request));
    }
}

static const char *
apply_label (IcpFixRequest *request)
{
  switch (icp_fix_request_get_remedy (request))
    {
    case ICP_REMEDY_RENEW:
      return _("_Renew");
    case ICP_REMEDY_SWITCH_BILLING:
      return _("_Switch");
    case ICP_REMEDY_ADD_BANDWIDTH:
    default:
      return icp_fix_request_assigns_address_only (request) ? _("_Assign Address")
                                                            : _("_Add Bandwidth");
    }
}

/* The dialog's body: the change (instance, months or Mbit/s), the cost, and when it is paid.
 * Each is a sentence of its own. */
static char *
confirmation_body (IcpFixRequest *request)
{
  g_autofree char *change = icp_fix_request_describe (request);
  g_autofree char *price = icp_fix_request_format_price (request);
  g_autofree char *cost = NULL;
  const char *payment;

  if (price != NULL)
    /* Translators: %s is a price such as "CNY 120.00 for 3 months" */
    cost = g_strdup_printf (_("Cost: %s."), price);
  else
    {
      const char *problem = icp_fix_request_get_price_problem (request);

      /* Translators: %s says why there is no price */
      cost = g_strdup_printf (_("Price unknown: %s"),
                              problem != NULL ? problem : _("the API gave none."));
    }

  if (icp_fix_request_assigns_address_only (request))
    payment = _("Nothing is ordered: the address comes with the bandwidth already bought.");
  else if (!places_order (request))
    payment = _("Pay-as-you-go bandwidth is billed by the hour from the moment it changes; "
                "there is no order to pay.");
  else if (icp_fix_request_get_pay (request))
    payment = _("The order is paid from the account balance at once, and the change is made "
                "now.");
  else
    payment = _("An unpaid order is created; pay it in the console (Expenses → Orders) to "
                "complete the change.");

  return g_strdup_printf ("%s\n\n%s\n\n%s", change, cost, payment);
}

static void apply_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data);

static void
pay_toggled_cb (IcpFixWizard   *self,
                GtkCheckButton *check)
{
  g_autofree char *body = NULL;

  if (self->request == NULL || self->dialog == NULL)
    return;

  icp_fix_request_set_pay (self->request, gtk_check_button_get_active (check));
  body = confirmation_body (self->request);
  adw_message_dialog_set_body (self->dialog, body);
}

static void
confirmation_response_cb (IcpFixWizard     *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  IcpEcs *ecs;

  if (self->request == NULL || self->cancellable == NULL)
    return;

  if (g_strcmp0 (response, "apply") != 0)
    {
      /* Nothing was sent but the dry run and the price. */
      set_step (self, STEP_DRY_RUN, STEP_WAITING);
      set_step (self, STEP_PRICE, STEP_WAITING);
      finish_steps (self);
      show_page (self, "summary");
      return;
    }

  self->applying = TRUE;
  update_actions (self);
  set_step (self, STEP_APPLY, STEP_RUNNING);
  adw_status_page_set_title (self->progress_page, _("Making the Change"));
  adw_status_page_set_description (self->progress_page,
                                   _("The request is sent. Closing the wizard stops the "
                                     "waiting, not the change."));

  ecs = icp_connection_get_ecs (self->connection);
  icp_ecs_fix_apply_async (ecs, self->request, self->inventory, self->cancellable, apply_cb,
                           self);
}

static void
present_confirmation (IcpFixWizard *self)
{
  g_autofree char *heading = confirmation_heading (self->request);
  g_autofree char *body = confirmation_body (self->request);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);

  gtk_widget_set_name (dialog, "confirm_dialog");
  adw_message_dialog_add_responses (message,
                                    "cancel", _("_Cancel"),
                                    "apply", apply_label (self->request),
                                    NULL);
  adw_message_dialog_set_response_appearance (message, "apply", ADW_RESPONSE_SUGGESTED);
  /* Enter or Escape must never buy anything. */
  adw_message_dialog_set_default_response (message, "cancel");
  adw_message_dialog_set_close_response (message, "cancel");

  if (places_order (self->request))
    {
      GtkWidget *check = gtk_check_button_new_with_mnemonic (_("_Pay from my balance now"));

      gtk_widget_set_name (check, "pay_check");
      gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
      g_signal_connect_object (check, "toggled", G_CALLBACK (pay_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_message_dialog_set_extra_child (message, check);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, message);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The confirmation goes unanswered. The weak pointer goes first: the dialog may outlive the
 * destroy (a reference held elsewhere), and even the wizard. */
static void
close_confirmation (IcpFixWizard *self)
{
  AdwMessageDialog *dialog = self->dialog;

  if (dialog == NULL)
    return;

  g_clear_weak_pointer (&self->dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
price_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  IcpFixWizard *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!icp_ecs_fix_price_finish (ICP_ECS (source), result, &error))
    {
      /* Stopped or closed: the page has moved on already. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_step (self, STEP_PRICE, STEP_FAILED);
      finish_steps (self);
      show_failure (self, error, STAGE_CHECK);
      return;
    }

  set_step (self, STEP_PRICE, STEP_DONE);
  present_confirmation (self);
}

static void
dry_run_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  IcpFixWizard *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!icp_ecs_fix_dry_run_finish (ICP_ECS (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_step (self, STEP_DRY_RUN, STEP_FAILED);
      finish_steps (self);
      show_failure (self, error, STAGE_CHECK);
      return;
    }

  set_step (self, STEP_DRY_RUN, STEP_DONE);
  set_step (self, STEP_PRICE, STEP_RUNNING);
  icp_ecs_fix_price_async (ICP_ECS (source), self->request, self->cancellable, price_cb,
                           self);
}

static void
apply_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  IcpFixWizard *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(IcpInstance) instance = NULL;

  instance = icp_ecs_fix_apply_finish (ICP_ECS (source), result, &error);
  if (instance == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_step (self, STEP_APPLY, instance != NULL ? STEP_DONE : STEP_FAILED);
  finish_steps (self);
  if (instance == NULL)
    show_failure (self, error, STAGE_APPLY);
  else
    show_success (self, instance);
}

/* What the "…Now" button does: a request with the wizard's term or bandwidth, checked here,
 * then the dry run and the price; the dialog asks before anything costs money. */
static void
start_fix (IcpFixWizard *self)
{
  g_autoptr(GError) error = NULL;
  IcpEcs *ecs;

  if (self->connection == NULL || !is_fix_remedy (self->remedy) || self->instance == NULL ||
      is_busy (self))
    return;

  g_clear_object (&self->request);
  self->request = icp_fix_request_new (self->instance, self->remedy, get_policy (self));
  if (self->remedy == ICP_REMEDY_ADD_BANDWIDTH)
    icp_fix_request_set_mbps (self->request, self->mbps);
  else
    icp_fix_request_set_months (self->request, self->months);
  /* AutoPay only when asked for, in the dialog. */
  icp_fix_request_set_pay (self->request, FALSE);
  self->allocates = icp_fix_request_assigns_address_only (self->request);

  if (!icp_fix_request_validate (self->request, &error))
    {
      show_failure (self, error, STAGE_VALIDATE);
      return;
    }

  for (guint i = 0; i < N_STEPS; i++)
    set_step (self, i, STEP_WAITING);
  set_step (self, STEP_DRY_RUN, STEP_RUNNING);
  adw_status_page_set_title (self->progress_page, _("Checking With Alibaba Cloud"));
  adw_status_page_set_description (self->progress_page,
                                   _("A dry run and the price come first. Nothing is bought "
                                     "until you confirm."));

  self->cancellable = g_cancellable_new ();
  self->applying = FALSE;
  update_actions (self);
  show_page (self, "progress");

  ecs = icp_connection_get_ecs (self->connection);
  icp_ecs_fix_dry_run_async (ecs, self->request, self->cancellable, dry_run_cb, self);
}

/* Cancel on the progress page: before the call only. */
static void
stop_fix (IcpFixWizard *self)
{
  if (!is_busy (self) || self->applying)
    return;

  g_cancellable_cancel (self->cancellable);
  close_confirmation (self);
  for (guint i = 0; i < N_STEPS; i++)
    set_step (self, i, STEP_WAITING);
  finish_steps (self);
  show_page (self, "summary");
}

static void
fix_now_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  start_fix (ICP_FIX_WIZARD (widget));
}

static void
stop_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  stop_fix (ICP_FIX_WIZARD (widget));
}

static void
open_orders_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  icp_console_open (GTK_WINDOW (widget), ORDERS_URI);
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

  if (is_fix_remedy (self->remedy))
    {
      build_progress_page (self);
      build_result_page (self);
    }

  update_live_rows (self);
  go_to (self, 0);
  update_navigation (self);
  update_api_group (self);
  update_actions (self);
}

static void
icp_fix_wizard_dispose (GObject *object)
{
  IcpFixWizard *self = ICP_FIX_WIZARD (object);

  /* Closing the wizard stops the steps; an open confirmation goes with it, unanswered. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  close_confirmation (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ICP_TYPE_FIX_WIZARD);

  g_clear_object (&self->request);
  g_clear_object (&self->connection);
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
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
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
    case PROP_CONNECTION:
      icp_fix_wizard_set_connection (self, g_value_get_object (value));
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
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, ICP_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
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
  gtk_widget_class_install_action (widget_class, "wizard.fix-now", NULL, fix_now_action_cb);
  gtk_widget_class_install_action (widget_class, "wizard.stop", NULL, stop_action_cb);
  gtk_widget_class_install_action (widget_class, "wizard.open-orders", NULL,
                                   open_orders_action_cb);

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
 *   "guidance" for guidance; "progress" and "result" while and after a fix is made through
 *   the API (outside the Back/Next order).
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

  /* Not from the progress or result page. */
  if (current_index (self) < 0)
    return FALSE;

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

  /* From a result back to the summary, to try another term or go to the console. */
  if (showing (self, "result") && !is_busy (self))
    {
      show_page (self, "summary");
      return TRUE;
    }
  if (current_index (self) < 0)
    return FALSE;

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

/**
 * icp_fix_wizard_set_connection:
 * @connection: (nullable): the account @instance was read from, or %NULL
 *
 * With a connection, the summary page of Renew, Switch to subscription and Add public
 * bandwidth also offers to make the change through the API (icp_fix_wizard_start_fix()).
 * Changing it while the steps run stops them.
 */
void
icp_fix_wizard_set_connection (IcpFixWizard  *self,
                               IcpConnection *connection)
{
  g_return_if_fail (ICP_IS_FIX_WIZARD (self));
  g_return_if_fail (connection == NULL || ICP_IS_CONNECTION (connection));

  if (self->connection == connection)
    return;

  if (is_busy (self))
    {
      g_cancellable_cancel (self->cancellable);
      close_confirmation (self);
      finish_steps (self);
      show_page (self, "summary");
    }

  g_set_object (&self->connection, connection);
  update_api_group (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

/**
 * icp_fix_wizard_get_connection:
 *
 * Returns: (transfer none) (nullable): the connection the wizard makes changes through
 */
IcpConnection *
icp_fix_wizard_get_connection (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), NULL);

  return self->connection;
}

/**
 * icp_fix_wizard_start_fix:
 *
 * What the summary page's "…Now" button does: checks a request with the chosen months or
 * Mbit/s, then runs the dry run and asks the price on the progress page, and asks for a
 * confirmation before the call. A request that fails its checks goes to the result page
 * with the reason, and nothing is sent.
 *
 * Returns: %FALSE when there is no connection, the remedy is not a fix, or it runs already
 */
gboolean
icp_fix_wizard_start_fix (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), FALSE);

  if (self->connection == NULL || !is_fix_remedy (self->remedy) || self->instance == NULL ||
      is_busy (self))
    return FALSE;

  start_fix (self);
  return TRUE;
}

/**
 * icp_fix_wizard_get_busy:
 *
 * Returns: whether the steps of a fix through the API are running (the confirmation included)
 */
gboolean
icp_fix_wizard_get_busy (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), FALSE);

  return is_busy (self);
}

/**
 * icp_fix_wizard_get_request:
 *
 * Returns: (transfer none) (nullable): the request of the last fix through the API: its
 *   ClientToken, AutoPay choice, price and order
 */
IcpFixRequest *
icp_fix_wizard_get_request (IcpFixWizard *self)
{
  g_return_val_if_fail (ICP_IS_FIX_WIZARD (self), NULL);

  return self->request;
}
