/* icp-details-pane.c: the verdict of one server, finding by finding, with a button per remedy
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pane follows one instance: any change to it (a refresh, a fix, a new verdict from the
 * inventory) rebuilds the few widgets it shows. The numbers and the words of each finding come
 * from the core (IcpFinding's message and reason); the pane only lays them out and gives each
 * remedy its button. The checker gives what the instance itself does not know: the moment the
 * check is made ("time left") and the policy (region names, codes per instance). */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "icp-details-pane.h"
#include "icp-enums.h"
#include "icp-fix-wizard.h"
#include "icp-time.h"
#include "icp-verdict.h"

struct _IcpDetailsPane
{
  AdwBin       parent_instance;

  /* Template widgets */
  GtkButton   *apply_button;
  GtkLabel    *explanation_label;
  GtkListBox  *facts_list;
  GtkWidget   *findings_box;
  GtkListBox  *findings_list;
  GtkLabel    *findings_title;
  GtkLabel    *id_label;
  GtkStack    *stack;
  GtkLabel    *title_label;
  GtkImage    *verdict_icon;
  GtkLabel    *verdict_label;

  /* Owned */
  IcpInstance *instance;
  IcpChecker  *checker;
  IcpVerdict  *shown_verdict;   /* the verdict whose findings the list shows */
};

G_DEFINE_FINAL_TYPE (IcpDetailsPane, icp_details_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_INSTANCE,
  PROP_CHECKER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_classes[] = { "success", "error", "warning", "dim-label" };

static void
set_state_class (GtkWidget  *widget,
                 const char *css_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (widget, state_classes[i]);
  gtk_widget_add_css_class (widget, css_class);
}

/**
 * icp_details_pane_create_finding_row:
 * @finding: a finding
 * @instance_id: (nullable): the instance it concerns; "" or %NULL for the account
 *
 * A list box row with the finding in plain words (its message, the FAQ's reason below) and a
 * button for its remedy that activates "win.fix" with (@instance_id, remedy nick).
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
icp_details_pane_create_finding_row (IcpFinding *finding,
                                     const char *instance_id)
{
  IcpRemedy remedy = icp_finding_get_remedy (finding);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon, *message, *reason;
  const char *icon_name, *css_class;

  g_return_val_if_fail (ICP_IS_FINDING (finding), NULL);

  switch (icp_finding_get_severity (finding))
    {
    case ICP_SEVERITY_BLOCKER:
      icon_name = "dialog-error-symbolic";
      css_class = "error";
      break;
    case ICP_SEVERITY_WARNING:
      icon_name = "dialog-warning-symbolic";
      css_class = "warning";
      break;
    case ICP_SEVERITY_INFO:
    default:
      icon_name = "dialog-information-symbolic";
      css_class = "dim-label";
      break;
    }

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_name (row, icp_finding_get_code (finding));
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, css_class);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_box_append (GTK_BOX (line), icon);

  message = gtk_label_new (icp_finding_get_message (finding));
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_box_append (GTK_BOX (texts), message);

  if (icp_finding_get_reason (finding) != NULL && *icp_finding_get_reason (finding) != '\0')
    {
      reason = gtk_label_new (icp_finding_get_reason (finding));
      gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (reason), 0);
      gtk_widget_add_css_class (reason, "dim-label");
      gtk_widget_add_css_class (reason, "caption");
      gtk_box_append (GTK_BOX (texts), reason);
    }

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (line), texts);
  gtk_box_append (GTK_BOX (box), line);

  if (remedy != ICP_REMEDY_NONE)
    {
      const char *nick = icp_enum_to_nick (ICP_TYPE_REMEDY, remedy);
      g_autofree char *name = g_strconcat ("details-remedy-", nick, NULL);
      GtkWidget *button = gtk_button_new_with_label (icp_fix_wizard_get_remedy_title (remedy));

      gtk_widget_set_name (button, name);
      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)",
                                        instance_id != NULL ? instance_id : "", nick);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.fix");
      if (icp_finding_get_severity (finding) == ICP_SEVERITY_BLOCKER)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
create_finding_row_cb (gpointer item,
                       gpointer user_data)
{
  IcpDetailsPane *self = user_data;

  return icp_details_pane_create_finding_row (item, self->instance != NULL
                                                    ? icp_instance_get_id (self->instance) : NULL);
}

/* A fact: its name on the left, the value on the right taking the room it needs (an action
 * row would squeeze the value into a narrow suffix). */
static void
add_fact (IcpDetailsPane *self,
          const char     *title,
          const char     *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *label = gtk_label_new (value);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_valign (name, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), name);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->facts_list, row);
}

static char *
format_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  /* Translators: a date and time in the details, a g_date_time_format() format; in Chinese
   * e.g. "%Y年%-m月%-d日 %H:%M" */
  return g_date_time_format (local, _("%b %-d, %Y %H:%M"));
}

static GDateTime *
dup_now (IcpDetailsPane *self)
{
  GDateTime *now = self->checker != NULL ? icp_checker_get_now (self->checker) : NULL;

  return now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
}

static void
rebuild_facts (IcpDetailsPane *self)
{
  IcpInstance *instance = self->instance;
  IcpPolicy *policy = self->checker != NULL ? icp_checker_get_policy (self->checker) : NULL;
  IcpChargeType charge_type = icp_instance_get_charge_type (instance);
  const char *billing = icp_charge_type_get_label (charge_type);
  GDateTime *expires = icp_instance_get_expired_time (instance);
  const char *region_id = icp_instance_get_region_id (instance);
  const char *public_ip = icp_instance_get_public_ip (instance);
  const char *eip = icp_instance_get_eip (instance);
  double months = icp_instance_get_subscription_months (instance);
  int codes = icp_instance_get_codes_used (instance);
  GtkWidget *child;
  g_autofree char *text = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_list))) != NULL)
    gtk_list_box_remove (self->facts_list, child);

  /* Region */
  if (region_id == NULL || *region_id == '\0')
    text = g_strdup (C_("region", "Unknown"));
  else if (policy != NULL)
    /* Translators: a region's name and its id, e.g. "China (Hangzhou) · cn-hangzhou" */
    text = g_strdup_printf (C_("region name and id", "%s · %s"),
                            icp_regions_get_name (icp_policy_get_regions (policy), region_id),
                            region_id);
  else
    text = g_strdup (region_id);
  add_fact (self, _("Region"), text);
  g_clear_pointer (&text, g_free);

  /* Translators: a fact in the details: the server's status (running, stopped…) */
  add_fact (self, _("Status"),
            icp_instance_status_get_label (icp_instance_get_status (instance)));

  add_fact (self, _("Billing"), billing != NULL ? billing : C_("billing", "Unknown"));

  /* Expiry and time left */
  if (icp_instance_has_no_expiry (instance))
    {
      /* Translators: a pay-as-you-go server has no expiration time */
      add_fact (self, _("Expires"), _("No expiry (pay-as-you-go)"));
    }
  else if (expires == NULL)
    {
      add_fact (self, _("Expires"), C_("expiry", "Unknown"));
    }
  else
    {
      g_autoptr(GDateTime) now = dup_now (self);
      double days = icp_time_days_between (now, expires);

      text = format_date (expires);
      add_fact (self, _("Expires"), text);
      g_clear_pointer (&text, g_free);

      if (days >= 0)
        {
          guint n = (guint) floor (days);

          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", n), n);
        }
      else
        {
          guint n = (guint) ceil (-days);

          /* Translators: the server expired that many days ago */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expired %u day ago",
                                               "Expired %u days ago", n), n);
        }
      add_fact (self, _("Time left"), text);
      g_clear_pointer (&text, g_free);
    }

  /* Cumulative subscription length, and where that number comes from */
  if (charge_type != ICP_CHARGE_TYPE_POSTPAID)
    {
      if (months < 0)
        {
          text = g_strdup (C_("subscription", "Unknown"));
        }
      else
        {
          guint n = (guint) floor (months + 0.05);

          switch (icp_instance_get_subscription_source (instance))
            {
            case ICP_SUBSCRIPTION_SOURCE_BILLING:
              /* Translators: subscription length from the billing records */
              text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u month (from billing)",
                                                   "%u months (from billing)", n), n);
              break;
            case ICP_SUBSCRIPTION_SOURCE_ESTIMATED:
            case ICP_SUBSCRIPTION_SOURCE_UNKNOWN:
            default:
              /* Translators: subscription length estimated from the creation and
               * expiration times */
              text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %u month (estimated)",
                                                   "About %u months (estimated)", n), n);
              break;
            }
        }
      add_fact (self, _("Subscription"), text);
      g_clear_pointer (&text, g_free);
    }

  /* Public address and its bandwidth */
  if (eip != NULL && *eip != '\0')
    {
      int mbps = icp_instance_get_eip_bandwidth (instance);

      if (mbps >= 0)
        /* Translators: an elastic IP address and its bandwidth */
        text = g_strdup_printf (_("%s (EIP), %d Mbit/s"), eip, mbps);
      else
        text = g_strdup_printf (_("%s (EIP)"), eip);
    }
  else if (public_ip != NULL && *public_ip != '\0')
    {
      int mbps = icp_instance_get_bandwidth_out (instance);

      if (mbps >= 0)
        /* Translators: a public IP address and its outbound bandwidth */
        text = g_strdup_printf (_("%s, %d Mbit/s"), public_ip, mbps);
      else
        text = g_strdup (public_ip);
    }
  else
    {
      /* Translators: the server has no public IP address */
      text = g_strdup (C_("address", "None"));
    }
  add_fact (self, _("Public IP"), text);
  g_clear_pointer (&text, g_free);

  /* ICP filing service codes */
  if (codes < 0)
    text = g_strdup (C_("codes", "Unknown"));
  else if (policy != NULL)
    /* Translators: the ICP filing service codes this server has used, of the most one server
     * can have, e.g. "2 of 5" */
    text = g_strdup_printf (C_("service codes used", "%d of %u"), codes,
                            icp_policy_get_codes_per_instance (policy));
  else
    text = g_strdup_printf ("%d", codes);
  add_fact (self, _("Service codes used"), text);
}

static char *
explanation (IcpVerdict *verdict)
{
  GListModel *findings = icp_verdict_get_findings (verdict);
  guint n = g_list_model_get_n_items (findings);
  guint blockers = 0, notes = 0;

  for (guint i = 0; i < n; i++)
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
        return g_strdup (_("This server can get an ICP filing service code now. Read the notes "
                           "below before you apply."));
      return g_strdup (_("This server can get an ICP filing service code now."));
    case ICP_VERDICT_STATE_BLOCKED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u thing must change before this server can get an "
                                           "ICP filing service code.",
                                           "%u things must change before this server can get an "
                                           "ICP filing service code.",
                                           blockers),
                              blockers);
    case ICP_VERDICT_STATE_NOT_REQUIRED:
      return g_strdup (_("This server is outside the Chinese mainland: websites on it need no "
                         "ICP filing."));
    case ICP_VERDICT_STATE_UNKNOWN:
    default:
      return g_strdup (_("The list lacks facts the check needs. The notes below say which."));
    }
}

static void
rebuild (IcpDetailsPane *self)
{
  IcpVerdict *verdict;
  IcpVerdictState state;
  g_autofree char *text = NULL;
  const char *icon_name, *css_class;
  guint n_findings;

  if (self->instance == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_list_box_bind_model (self->findings_list, NULL, NULL, NULL, NULL);
      g_clear_object (&self->shown_verdict);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "details");

  verdict = icp_instance_get_verdict (self->instance);
  state = verdict != NULL ? icp_verdict_get_state (verdict) : ICP_VERDICT_STATE_UNKNOWN;

  gtk_label_set_text (self->title_label, icp_instance_get_display_name (self->instance));
  gtk_label_set_text (self->id_label, icp_instance_get_id (self->instance));
  gtk_label_set_text (self->verdict_label, icp_verdict_state_get_label (state));

  switch (state)
    {
    case ICP_VERDICT_STATE_ELIGIBLE:
      icon_name = "emblem-ok-symbolic";
      css_class = "success";
      break;
    case ICP_VERDICT_STATE_BLOCKED:
      icon_name = "dialog-error-symbolic";
      css_class = "error";
      break;
    case ICP_VERDICT_STATE_NOT_REQUIRED:
      icon_name = "dialog-information-symbolic";
      css_class = "dim-label";
      break;
    case ICP_VERDICT_STATE_UNKNOWN:
    default:
      icon_name = "dialog-question-symbolic";
      css_class = "warning";
      break;
    }
  gtk_image_set_from_icon_name (self->verdict_icon, icon_name);
  set_state_class (GTK_WIDGET (self->verdict_icon), css_class);
  set_state_class (GTK_WIDGET (self->verdict_label), css_class);

  if (verdict != NULL)
    text = explanation (verdict);
  gtk_label_set_text (self->explanation_label, text != NULL ? text : "");

  gtk_widget_set_visible (GTK_WIDGET (self->apply_button), state == ICP_VERDICT_STATE_ELIGIBLE);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->apply_button), "s",
                                    icp_instance_get_id (self->instance));

  /* The inventory gives the instance a new verdict object when the outcome changes. */
  if (verdict != self->shown_verdict)
    {
      g_set_object (&self->shown_verdict, verdict);
      gtk_list_box_bind_model (self->findings_list,
                               verdict != NULL ? icp_verdict_get_findings (verdict) : NULL,
                               create_finding_row_cb, self, NULL);
    }
  n_findings = verdict != NULL ? g_list_model_get_n_items (icp_verdict_get_findings (verdict)) : 0;
  gtk_widget_set_visible (self->findings_box, n_findings > 0);
  gtk_label_set_text (self->findings_title,
                      state == ICP_VERDICT_STATE_BLOCKED ? _("What to Fix")
                      /* Translators: heading above warnings and remarks on a server */
                      : _("Notes"));

  rebuild_facts (self);
}

static void
instance_notify_cb (IcpDetailsPane *self)
{
  rebuild (self);
}

static void
icp_details_pane_dispose (GObject *object)
{
  IcpDetailsPane *self = ICP_DETAILS_PANE (object);

  if (self->instance != NULL)
    g_signal_handlers_disconnect_by_func (self->instance, instance_notify_cb, self);
  if (self->findings_list != NULL)
    gtk_list_box_bind_model (self->findings_list, NULL, NULL, NULL, NULL);

  g_clear_object (&self->instance);
  g_clear_object (&self->checker);
  g_clear_object (&self->shown_verdict);

  G_OBJECT_CLASS (icp_details_pane_parent_class)->dispose (object);
}

static void
icp_details_pane_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  IcpDetailsPane *self = ICP_DETAILS_PANE (object);

  switch (prop_id)
    {
    case PROP_INSTANCE:
      g_value_set_object (value, self->instance);
      break;
    case PROP_CHECKER:
      g_value_set_object (value, self->checker);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_details_pane_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  IcpDetailsPane *self = ICP_DETAILS_PANE (object);

  switch (prop_id)
    {
    case PROP_INSTANCE:
      icp_details_pane_set_instance (self, g_value_get_object (value));
      break;
    case PROP_CHECKER:
      icp_details_pane_set_checker (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_details_pane_class_init (IcpDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = icp_details_pane_dispose;
  object_class->get_property = icp_details_pane_get_property;
  object_class->set_property = icp_details_pane_set_property;

  properties[PROP_INSTANCE] =
    g_param_spec_object ("instance", NULL, NULL,
                         ICP_TYPE_INSTANCE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CHECKER] =
    g_param_spec_object ("checker", NULL, NULL,
                         ICP_TYPE_CHECKER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/icpassistant/IcpAssistant/icp-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, IcpDetailsPane, apply_button);
  gtk_widget_class_bind_template_child (widget_class, IcpDetailsPane, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, IcpDetailsPane, facts_list);
  gtk_widget_class_bind_template_child (widget_class, IcpDetailsPane, findings_box);
  gtk_widget_class_bind_template_child (widget_class, IcpDetailsPane, findings_list);
  gtk_widget_class_bind_template_child (widget_class, IcpDetailsPane, findings_title);
  gtk_widget_class_bind_template_child (widget_class, IcpDetailsPane, id_label);
  gtk_widget_class_bind_template_child (widget_class, IcpDetailsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, IcpDetailsPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, IcpDetailsPane, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, IcpDetailsPane, verdict_label);
}

static void
icp_details_pane_init (IcpDetailsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The action takes the instance id: the target must be there before the action name. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->apply_button), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->apply_button), "win.apply-guide");
  rebuild (self);
}

GtkWidget *
icp_details_pane_new (void)
{
  return g_object_new (ICP_TYPE_DETAILS_PANE, NULL);
}

IcpInstance *
icp_details_pane_get_instance (IcpDetailsPane *self)
{
  g_return_val_if_fail (ICP_IS_DETAILS_PANE (self), NULL);

  return self->instance;
}

void
icp_details_pane_set_instance (IcpDetailsPane *self,
                               IcpInstance    *instance)
{
  g_return_if_fail (ICP_IS_DETAILS_PANE (self));
  g_return_if_fail (instance == NULL || ICP_IS_INSTANCE (instance));

  if (self->instance == instance)
    return;

  if (self->instance != NULL)
    g_signal_handlers_disconnect_by_func (self->instance, instance_notify_cb, self);
  g_set_object (&self->instance, instance);
  /* Connected after the inventory's handler, so the verdict is already new when this runs. */
  if (instance != NULL)
    g_signal_connect_swapped (instance, "notify", G_CALLBACK (instance_notify_cb), self);

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTANCE]);
}

IcpChecker *
icp_details_pane_get_checker (IcpDetailsPane *self)
{
  g_return_val_if_fail (ICP_IS_DETAILS_PANE (self), NULL);

  return self->checker;
}

void
icp_details_pane_set_checker (IcpDetailsPane *self,
                              IcpChecker     *checker)
{
  g_return_if_fail (ICP_IS_DETAILS_PANE (self));
  g_return_if_fail (checker == NULL || ICP_IS_CHECKER (checker));

  if (!g_set_object (&self->checker, checker))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKER]);
}
