/* icp-apply-guide.c: how to get the service code for an eligible server
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The last step of the journey: the server qualifies, and the filing console does the rest.
 * The steps follow Alibaba Cloud's own guide (log in with the account that bought the server
 * → 备案服务号申请 → 申请 → 确定; icp-console-links.c says where from). The id and the address
 * get copy buttons because the console's list has to be searched by them. */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-console-links.h"

#include "icp-apply-guide.h"

struct _IcpApplyGuide
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwActionRow        *account_row;
  GtkButton           *copy_ip_button;
  AdwActionRow        *id_row;
  GtkLabel            *intro_label;
  AdwActionRow        *ip_row;
  AdwPreferencesGroup *notes_group;
  AdwToastOverlay     *toast_overlay;
  GtkLabel            *uri_label;
  AdwWindowTitle      *window_title;

  /* Owned */
  IcpInventory        *inventory;
  IcpInstance         *instance;
};

G_DEFINE_FINAL_TYPE (IcpApplyGuide, icp_apply_guide, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_INVENTORY,
  PROP_INSTANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_text (const char *s)
{
  return s != NULL && s[0] != '\0';
}

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  IcpApplyGuide *self = ICP_APPLY_GUIDE (widget);
  const char *what = g_variant_get_string (parameter, NULL);
  const char *text;
  AdwToast *toast;

  text = g_str_equal (what, "ip") ? icp_apply_guide_get_public_ip (self)
                                  : icp_instance_get_id (self->instance);
  if (!has_text (text))
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);

  toast = adw_toast_new (g_str_equal (what, "ip") ? _("Public IP address copied")
                                                  : _("Instance ID copied"));
  adw_toast_set_timeout (toast, 2);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
open_console_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  icp_apply_guide_open_console (ICP_APPLY_GUIDE (widget));
}

static void
add_note (IcpApplyGuide *self,
          IcpFinding    *finding)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *image = gtk_image_new_from_icon_name ("dialog-information-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), icp_finding_get_message (finding));
  if (icp_finding_get_reason (finding) != NULL)
    adw_action_row_set_subtitle (row, icp_finding_get_reason (finding));
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (image, "dim-label");
  adw_action_row_add_prefix (row, image);
  adw_preferences_group_add (self->notes_group, GTK_WIDGET (row));
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), TRUE);
}

static void
icp_apply_guide_constructed (GObject *object)
{
  IcpApplyGuide *self = ICP_APPLY_GUIDE (object);
  IcpInstance *instance = self->instance;
  const char *owner, *ip;
  g_autofree char *intro = NULL;
  g_autofree char *account = NULL;
  IcpVerdict *verdict;

  G_OBJECT_CLASS (icp_apply_guide_parent_class)->constructed (object);

  g_return_if_fail (instance != NULL);

  adw_window_title_set_subtitle (self->window_title, icp_instance_get_display_name (instance));

  /* Translators: %s is a server's name */
  intro = g_strdup_printf (_("“%s” qualifies for an ICP filing service code. Apply for the code "
                             "in the Alibaba Cloud filing console, then enter it in your ICP "
                             "filing."),
                           icp_instance_get_display_name (instance));
  gtk_label_set_label (self->intro_label, intro);

  owner = icp_instance_get_owner_account (instance);
  if (has_text (owner))
    /* Translators: %s is an Alibaba Cloud account id */
    account = g_strdup_printf (_("Log in with account %s, the owner of this server."), owner);
  else
    account = g_strdup (_("Log in with the account that owns this instance (the one that "
                          "bought it)."));
  adw_action_row_set_subtitle (self->account_row, account);

  adw_action_row_set_subtitle (self->id_row, icp_instance_get_id (instance));

  ip = icp_apply_guide_get_public_ip (self);
  adw_action_row_set_subtitle (self->ip_row, has_text (ip) ? ip : _("None"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_ip_button), has_text (ip));

  gtk_label_set_label (self->uri_label, ICP_CONSOLE_SERVICE_CODE_APPLY);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->uri_label), ICP_CONSOLE_SERVICE_CODE_APPLY);

  /* An eligible server may still carry warnings (not running, a term at the minimum…). */
  verdict = icp_instance_get_verdict (instance);
  if (verdict != NULL)
    {
      GListModel *findings = icp_verdict_get_findings (verdict);

      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr(IcpFinding) finding = g_list_model_get_item (findings, i);

          if (icp_finding_get_severity (finding) != ICP_SEVERITY_INFO)
            add_note (self, finding);
        }
    }
}

static void
icp_apply_guide_dispose (GObject *object)
{
  IcpApplyGuide *self = ICP_APPLY_GUIDE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ICP_TYPE_APPLY_GUIDE);

  g_clear_object (&self->inventory);
  g_clear_object (&self->instance);

  G_OBJECT_CLASS (icp_apply_guide_parent_class)->dispose (object);
}

static void
icp_apply_guide_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IcpApplyGuide *self = ICP_APPLY_GUIDE (object);

  switch (prop_id)
    {
    case PROP_INVENTORY:
      g_value_set_object (value, self->inventory);
      break;
    case PROP_INSTANCE:
      g_value_set_object (value, self->instance);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_apply_guide_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IcpApplyGuide *self = ICP_APPLY_GUIDE (object);

  switch (prop_id)
    {
    case PROP_INVENTORY:
      self->inventory = g_value_dup_object (value);
      break;
    case PROP_INSTANCE:
      self->instance = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_apply_guide_class_init (IcpApplyGuideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = icp_apply_guide_constructed;
  object_class->dispose = icp_apply_guide_dispose;
  object_class->get_property = icp_apply_guide_get_property;
  object_class->set_property = icp_apply_guide_set_property;

  properties[PROP_INVENTORY] =
    g_param_spec_object ("inventory", NULL, NULL, ICP_TYPE_INVENTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSTANCE] =
    g_param_spec_object ("instance", NULL, NULL, ICP_TYPE_INSTANCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/icpassistant/IcpAssistant/icp-apply-guide.ui");
  gtk_widget_class_bind_template_child (widget_class, IcpApplyGuide, account_row);
  gtk_widget_class_bind_template_child (widget_class, IcpApplyGuide, copy_ip_button);
  gtk_widget_class_bind_template_child (widget_class, IcpApplyGuide, id_row);
  gtk_widget_class_bind_template_child (widget_class, IcpApplyGuide, intro_label);
  gtk_widget_class_bind_template_child (widget_class, IcpApplyGuide, ip_row);
  gtk_widget_class_bind_template_child (widget_class, IcpApplyGuide, notes_group);
  gtk_widget_class_bind_template_child (widget_class, IcpApplyGuide, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IcpApplyGuide, uri_label);
  gtk_widget_class_bind_template_child (widget_class, IcpApplyGuide, window_title);

  gtk_widget_class_install_action (widget_class, "guide.copy", "s", copy_action_cb);
  gtk_widget_class_install_action (widget_class, "guide.open-console", NULL,
                                   open_console_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
icp_apply_guide_init (IcpApplyGuide *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * icp_apply_guide_new:
 * @parent: (nullable): the window it is modal for
 * @inventory: the inventory @instance belongs to
 * @instance: an eligible server
 *
 * Returns: (transfer floating): a new guide; present it with gtk_window_present().
 */
IcpApplyGuide *
icp_apply_guide_new (GtkWindow    *parent,
                     IcpInventory *inventory,
                     IcpInstance  *instance)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ICP_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (ICP_IS_INSTANCE (instance), NULL);

  return g_object_new (ICP_TYPE_APPLY_GUIDE,
                       "transient-for", parent,
                       "inventory", inventory,
                       "instance", instance,
                       NULL);
}

/**
 * icp_apply_guide_get_instance:
 *
 * Returns: (transfer none): the server
 */
IcpInstance *
icp_apply_guide_get_instance (IcpApplyGuide *self)
{
  g_return_val_if_fail (ICP_IS_APPLY_GUIDE (self), NULL);

  return self->instance;
}

/**
 * icp_apply_guide_get_public_ip:
 *
 * Returns: (nullable): the address the filing uses (icp_instance_get_filing_address()); when
 *   there is none, a static IP without bandwidth, which the checker blocks
 */
const char *
icp_apply_guide_get_public_ip (IcpApplyGuide *self)
{
  const char *ip;

  g_return_val_if_fail (ICP_IS_APPLY_GUIDE (self), NULL);

  ip = icp_instance_get_filing_address (self->instance);
  if (ip == NULL)
    ip = icp_instance_get_public_ip (self->instance);

  return has_text (ip) ? ip : NULL;
}

const char *
icp_apply_guide_get_console_uri (IcpApplyGuide *self)
{
  g_return_val_if_fail (ICP_IS_APPLY_GUIDE (self), NULL);

  return ICP_CONSOLE_SERVICE_CODE_APPLY;
}

void
icp_apply_guide_open_console (IcpApplyGuide *self)
{
  g_return_if_fail (ICP_IS_APPLY_GUIDE (self));

  icp_console_open (GTK_WINDOW (self), ICP_CONSOLE_SERVICE_CODE_APPLY);
}
