/* icp-verdict.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The outcome of checking one instance: a state and the findings behind it, most severe first.
 * A verdict never changes; re-checking makes a new one, which the instance then carries.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "icp-enums.h"
#include "icp-verdict.h"

struct _IcpVerdict
{
  GObject          parent_instance;

  /* The verdict is its own list of findings: 100 000 instances make 100 000 verdicts, and a
   * GListStore each would cost more than the instances themselves. */
  GPtrArray       *findings;
  IcpVerdictState  state;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IcpVerdict, icp_verdict, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STATE,
  PROP_FINDINGS,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GType
icp_verdict_get_item_type (GListModel *model)
{
  return ICP_TYPE_FINDING;
}

static guint
icp_verdict_get_n_items (GListModel *model)
{
  return ICP_VERDICT (model)->findings->len;
}

static gpointer
icp_verdict_get_item (GListModel *model,
                      guint       position)
{
  IcpVerdict *self = ICP_VERDICT (model);

  if (position >= self->findings->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->findings, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = icp_verdict_get_item_type;
  iface->get_n_items = icp_verdict_get_n_items;
  iface->get_item = icp_verdict_get_item;
}

static void
icp_verdict_dispose (GObject *object)
{
  IcpVerdict *self = (IcpVerdict *)object;

  g_ptr_array_set_size (self->findings, 0);

  G_OBJECT_CLASS (icp_verdict_parent_class)->dispose (object);
}

static void
icp_verdict_finalize (GObject *object)
{
  IcpVerdict *self = (IcpVerdict *)object;

  g_ptr_array_unref (self->findings);

  G_OBJECT_CLASS (icp_verdict_parent_class)->finalize (object);
}

static void
icp_verdict_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  IcpVerdict *self = ICP_VERDICT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_FINDINGS:
      g_value_set_object (value, self);
      break;
    case PROP_LABEL:
      g_value_set_string (value, icp_verdict_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_verdict_class_init (IcpVerdictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_verdict_dispose;
  object_class->finalize = icp_verdict_finalize;
  object_class->get_property = icp_verdict_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, ICP_TYPE_VERDICT_STATE, ICP_VERDICT_STATE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINDINGS] =
    g_param_spec_object ("findings", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
icp_verdict_init (IcpVerdict *self)
{
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
}

static int
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  IcpFinding *fa = *(IcpFinding * const *) a;
  IcpFinding *fb = *(IcpFinding * const *) b;

  return (int) icp_finding_get_severity (fb) - (int) icp_finding_get_severity (fa);
}

/**
 * icp_verdict_new:
 * @state: the outcome
 * @findings: (element-type IcpFinding) (nullable): the findings, in rule order
 *
 * Returns: (transfer full): a verdict whose findings are sorted most severe first, keeping
 *   rule order within a severity.
 */
IcpVerdict *
icp_verdict_new (IcpVerdictState  state,
                 GPtrArray       *findings)
{
  IcpVerdict *self = g_object_new (ICP_TYPE_VERDICT, NULL);

  self->state = state;
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    g_ptr_array_add (self->findings, g_object_ref (g_ptr_array_index (findings, i)));

  /* Insertion sort: stable, so rule order breaks ties, and there are only a few findings. */
  for (guint i = 1; i < self->findings->len; i++)
    for (guint j = i; j > 0 && compare_severity (&self->findings->pdata[j - 1],
                                                 &self->findings->pdata[j]) > 0; j--)
      {
        gpointer tmp = self->findings->pdata[j];

        self->findings->pdata[j] = self->findings->pdata[j - 1];
        self->findings->pdata[j - 1] = tmp;
      }

  return self;
}

IcpVerdictState
icp_verdict_get_state (IcpVerdict *self)
{
  g_return_val_if_fail (ICP_IS_VERDICT (self), ICP_VERDICT_STATE_UNKNOWN);
  return self->state;
}

/**
 * icp_verdict_get_findings:
 *
 * Returns: (transfer none): a #GListModel of #IcpFinding, most severe first.
 */
GListModel *
icp_verdict_get_findings (IcpVerdict *self)
{
  g_return_val_if_fail (ICP_IS_VERDICT (self), NULL);
  return G_LIST_MODEL (self);
}

/**
 * icp_verdict_get_finding:
 * @self: a verdict
 * @code: a finding code
 *
 * Returns: (transfer none) (nullable): the finding with @code, if the verdict has one.
 */
IcpFinding *
icp_verdict_get_finding (IcpVerdict *self,
                         const char *code)
{
  g_return_val_if_fail (ICP_IS_VERDICT (self), NULL);

  for (guint i = 0; i < self->findings->len; i++)
    {
      IcpFinding *finding = g_ptr_array_index (self->findings, i);

      if (g_strcmp0 (icp_finding_get_code (finding), code) == 0)
        return finding;
    }

  return NULL;
}

/**
 * icp_verdict_equal:
 *
 * Returns: whether both verdicts say the same: state, codes, messages and parameters.
 */
gboolean
icp_verdict_equal (IcpVerdict *a,
                   IcpVerdict *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->state != b->state || a->findings->len != b->findings->len)
    return FALSE;

  for (guint i = 0; i < a->findings->len; i++)
    {
      IcpFinding *x = g_ptr_array_index (a->findings, i);
      IcpFinding *y = g_ptr_array_index (b->findings, i);

      if (g_strcmp0 (icp_finding_get_code (x), icp_finding_get_code (y)) != 0 ||
          g_strcmp0 (icp_finding_get_message (x), icp_finding_get_message (y)) != 0 ||
          icp_finding_get_months (x) != icp_finding_get_months (y) ||
          icp_finding_get_mbps (x) != icp_finding_get_mbps (y))
        return FALSE;
    }

  return TRUE;
}

/**
 * icp_verdict_state_get_label:
 *
 * Returns: a short translated label for a verdict badge.
 */
const char *
icp_verdict_state_get_label (IcpVerdictState state)
{
  switch (state)
    {
    case ICP_VERDICT_STATE_ELIGIBLE:
      /* Translators: verdict badge: the server can get an ICP filing service code now */
      return _("Eligible");
    case ICP_VERDICT_STATE_BLOCKED:
      /* Translators: verdict badge: something must change before applying */
      return _("Needs fixes");
    case ICP_VERDICT_STATE_NOT_REQUIRED:
      /* Translators: verdict badge: a server outside the Chinese mainland needs no ICP filing */
      return _("Not required");
    case ICP_VERDICT_STATE_UNKNOWN:
    default:
      /* Translators: verdict badge: the list lacks facts needed to decide */
      return _("Unknown");
    }
}

const char *
icp_verdict_get_label (IcpVerdict *self)
{
  g_return_val_if_fail (ICP_IS_VERDICT (self), NULL);
  return icp_verdict_state_get_label (self->state);
}
