/* icp-inventory.c
 *
 * Copyright 2026 The ICP Filing Assistant authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every instance of an account or of the lists the user opened, once each: an instance seen
 * again (another file, a refresh) is merged into the one already here, newest facts winning,
 * so that views bound to it stay bound. The inventory watches each instance and checks it
 * again when a fact changes, and watches the checker and checks everything again when the
 * context changes; it keeps the counts per verdict and the account-level findings.
 */

#include "config.h"

#include "icp-enums.h"
#include "icp-inventory.h"

#include <string.h>

#define N_STATES (ICP_VERDICT_STATE_NOT_REQUIRED + 1)

struct _IcpInventory
{
  GObject       parent_instance;

  IcpChecker   *checker;
  GPtrArray    *items;       /* IcpInstance, in the order first seen */
  GHashTable   *by_id;       /* id (owned by the instance) → IcpInstance */
  GListStore   *account_findings;
  guint         counts[N_STATES];
  gulong        changed_handler;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IcpInventory, icp_inventory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CHECKER,
  PROP_N_ITEMS,
  PROP_N_ELIGIBLE,
  PROP_N_BLOCKED,
  PROP_N_NOT_REQUIRED,
  PROP_N_UNKNOWN,
  PROP_ACCOUNT_FINDINGS,
  N_PROPS
};

enum {
  VERDICT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static const int count_props[N_STATES] = {
  [ICP_VERDICT_STATE_UNKNOWN] = PROP_N_UNKNOWN,
  [ICP_VERDICT_STATE_ELIGIBLE] = PROP_N_ELIGIBLE,
  [ICP_VERDICT_STATE_BLOCKED] = PROP_N_BLOCKED,
  [ICP_VERDICT_STATE_NOT_REQUIRED] = PROP_N_NOT_REQUIRED,
};

static GType
icp_inventory_get_item_type (GListModel *model)
{
  return ICP_TYPE_INSTANCE;
}

static guint
icp_inventory_get_n_items (GListModel *model)
{
  return ICP_INVENTORY (model)->items->len;
}

static gpointer
icp_inventory_get_item (GListModel *model,
                        guint       position)
{
  IcpInventory *self = ICP_INVENTORY (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = icp_inventory_get_item_type;
  iface->get_n_items = icp_inventory_get_n_items;
  iface->get_item = icp_inventory_get_item;
}

static void
update_account_findings (IcpInventory *self)
{
  g_autoptr(GPtrArray) findings = icp_checker_check_account (self->checker, self->items->len);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->account_findings));

  if (old == 0 && findings->len == 0)
    return;

  g_list_store_splice (self->account_findings, 0, old, findings->pdata, findings->len);
}

/* Checks @instance and gives it the verdict; returns which counts moved. */
static void
check_instance (IcpInventory *self,
                IcpInstance  *instance,
                gboolean      counts_notify[N_STATES])
{
  g_autoptr(IcpVerdict) verdict = icp_checker_check (self->checker, instance);
  IcpVerdict *old = icp_instance_get_verdict (instance);

  if (old != NULL && icp_verdict_equal (old, verdict))
    return;

  if (old != NULL)
    {
      self->counts[icp_verdict_get_state (old)]--;
      counts_notify[icp_verdict_get_state (old)] = TRUE;
    }
  self->counts[icp_verdict_get_state (verdict)]++;
  counts_notify[icp_verdict_get_state (verdict)] = TRUE;

  icp_instance_set_verdict (instance, verdict);
  g_signal_emit (self, signals[VERDICT_CHANGED], 0, instance);
}

static void
notify_counts (IcpInventory   *self,
               const gboolean  counts_notify[N_STATES])
{
  for (guint i = 0; i < N_STATES; i++)
    if (counts_notify[i])
      g_object_notify_by_pspec (G_OBJECT (self), properties[count_props[i]]);
}

static void
instance_notify_cb (IcpInventory *self,
                    GParamSpec   *pspec,
                    IcpInstance  *instance)
{
  gboolean counts_notify[N_STATES] = { FALSE };

  /* Our own doing; everything else is a fact that may change the verdict. */
  if (g_str_equal (pspec->name, "verdict"))
    return;

  check_instance (self, instance, counts_notify);
  notify_counts (self, counts_notify);
}

/* The rules or their context changed (the policy, the filing account, the day): check every
 * instance again. */
static void
checker_changed_cb (IcpInventory *self,
                    IcpChecker   *checker)
{
  gboolean counts_notify[N_STATES] = { FALSE };

  for (guint i = 0; i < self->items->len; i++)
    check_instance (self, g_ptr_array_index (self->items, i), counts_notify);

  notify_counts (self, counts_notify);
  update_account_findings (self);
}

static void
icp_inventory_dispose (GObject *object)
{
  IcpInventory *self = (IcpInventory *)object;

  if (self->items != NULL)
    {
      for (guint i = 0; i < self->items->len; i++)
        g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->items, i),
                                              instance_notify_cb, self);
      g_clear_pointer (&self->by_id, g_hash_table_unref);
      g_clear_pointer (&self->items, g_ptr_array_unref);
    }

  if (self->checker != NULL)
    g_clear_signal_handler (&self->changed_handler, self->checker);
  g_clear_object (&self->checker);
  g_clear_object (&self->account_findings);

  G_OBJECT_CLASS (icp_inventory_parent_class)->dispose (object);
}

static void
icp_inventory_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  IcpInventory *self = ICP_INVENTORY (object);

  switch (prop_id)
    {
    case PROP_CHECKER:
      g_value_set_object (value, self->checker);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    case PROP_N_ELIGIBLE:
      g_value_set_uint (value, self->counts[ICP_VERDICT_STATE_ELIGIBLE]);
      break;
    case PROP_N_BLOCKED:
      g_value_set_uint (value, self->counts[ICP_VERDICT_STATE_BLOCKED]);
      break;
    case PROP_N_NOT_REQUIRED:
      g_value_set_uint (value, self->counts[ICP_VERDICT_STATE_NOT_REQUIRED]);
      break;
    case PROP_N_UNKNOWN:
      g_value_set_uint (value, self->counts[ICP_VERDICT_STATE_UNKNOWN]);
      break;
    case PROP_ACCOUNT_FINDINGS:
      g_value_set_object (value, self->account_findings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_inventory_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  IcpInventory *self = ICP_INVENTORY (object);

  switch (prop_id)
    {
    case PROP_CHECKER:
      self->checker = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_inventory_constructed (GObject *object)
{
  IcpInventory *self = (IcpInventory *)object;

  G_OBJECT_CLASS (icp_inventory_parent_class)->constructed (object);

  g_assert (ICP_IS_CHECKER (self->checker));
  self->changed_handler = g_signal_connect_object (self->checker, "changed",
                                                   G_CALLBACK (checker_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  update_account_findings (self);
}

static GParamSpec *
count_param (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
icp_inventory_class_init (IcpInventoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = icp_inventory_constructed;
  object_class->dispose = icp_inventory_dispose;
  object_class->get_property = icp_inventory_get_property;
  object_class->set_property = icp_inventory_set_property;

  properties[PROP_CHECKER] =
    g_param_spec_object ("checker", NULL, NULL, ICP_TYPE_CHECKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] = count_param ("n-items");
  properties[PROP_N_ELIGIBLE] = count_param ("n-eligible");
  properties[PROP_N_BLOCKED] = count_param ("n-blocked");
  properties[PROP_N_NOT_REQUIRED] = count_param ("n-not-required");
  properties[PROP_N_UNKNOWN] = count_param ("n-unknown");
  properties[PROP_ACCOUNT_FINDINGS] =
    g_param_spec_object ("account-findings", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IcpInventory::verdict-changed:
   * @self: the inventory
   * @instance: the instance whose verdict changed
   */
  signals[VERDICT_CHANGED] =
    g_signal_new ("verdict-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, ICP_TYPE_INSTANCE);
}

static void
icp_inventory_init (IcpInventory *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->account_findings = g_list_store_new (ICP_TYPE_FINDING);
}

/**
 * icp_inventory_new:
 * @checker: the rules and their context
 *
 * Returns: (transfer full): an empty inventory.
 */
IcpInventory *
icp_inventory_new (IcpChecker *checker)
{
  g_return_val_if_fail (ICP_IS_CHECKER (checker), NULL);

  return g_object_new (ICP_TYPE_INVENTORY, "checker", checker, NULL);
}

IcpChecker *
icp_inventory_get_checker (IcpInventory *self)
{
  g_return_val_if_fail (ICP_IS_INVENTORY (self), NULL);
  return self->checker;
}

/* Merges or appends one instance; returns TRUE when it was appended. */
static gboolean
add_one (IcpInventory *self,
         IcpInstance  *instance,
         gboolean      counts_notify[N_STATES])
{
  IcpInstance *existing = g_hash_table_lookup (self->by_id, icp_instance_get_id (instance));

  if (existing == instance)
    return FALSE;

  if (existing != NULL)
    {
      GDateTime *ours = icp_instance_get_observed (existing);
      GDateTime *theirs = icp_instance_get_observed (instance);

      /* update_from thaws one notify per changed fact; check once for all of them. */
      g_signal_handlers_block_by_func (existing, instance_notify_cb, self);

      /* The newest data wins; of two as old, the one added last. An older copy only fills
       * in what we do not know yet. */
      if (ours == NULL || theirs == NULL || g_date_time_compare (theirs, ours) >= 0)
        {
          icp_instance_update_from (existing, instance);
        }
      else
        {
          g_autoptr(IcpInstance) merged = icp_instance_new (icp_instance_get_id (instance));

          icp_instance_update_from (merged, instance);
          icp_instance_update_from (merged, existing);
          icp_instance_update_from (existing, merged);
        }

      g_signal_handlers_unblock_by_func (existing, instance_notify_cb, self);
      check_instance (self, existing, counts_notify);
      return FALSE;
    }

  g_ptr_array_add (self->items, g_object_ref (instance));
  g_hash_table_insert (self->by_id, (gpointer) icp_instance_get_id (instance), instance);
  check_instance (self, instance, counts_notify);
  /* Not g_signal_connect_object(): it would keep a list of 100 000 closures on the inventory
   * and search it at each disconnection. We hold every instance we watch, and disconnect in
   * dispose and remove_all. */
  g_signal_connect_swapped (instance, "notify", G_CALLBACK (instance_notify_cb), self);
  return TRUE;
}

static void
finish_adding (IcpInventory   *self,
               guint           position,
               guint           added,
               const gboolean  counts_notify[N_STATES])
{
  if (added > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      if (position == 0)
        update_account_findings (self);
    }
  notify_counts (self, counts_notify);
}

/**
 * icp_inventory_add:
 * @self: an inventory
 * @instance: an instance; one with the same id as an instance already here is merged into it
 */
void
icp_inventory_add (IcpInventory *self,
                   IcpInstance  *instance)
{
  gboolean counts_notify[N_STATES] = { FALSE };
  guint position;

  g_return_if_fail (ICP_IS_INVENTORY (self));
  g_return_if_fail (ICP_IS_INSTANCE (instance));

  position = self->items->len;
  finish_adding (self, position, add_one (self, instance, counts_notify) ? 1 : 0,
                 counts_notify);
}

/**
 * icp_inventory_add_all:
 * @self: an inventory
 * @instances: (element-type IcpInstance): instances, as icp_import_files_finish() gives them
 *
 * Adds many at once, with one #GListModel::items-changed.
 */
void
icp_inventory_add_all (IcpInventory *self,
                       GPtrArray    *instances)
{
  gboolean counts_notify[N_STATES] = { FALSE };
  guint position, added = 0;

  g_return_if_fail (ICP_IS_INVENTORY (self));
  g_return_if_fail (instances != NULL);

  position = self->items->len;
  for (guint i = 0; i < instances->len; i++)
    if (add_one (self, g_ptr_array_index (instances, i), counts_notify))
      added++;

  finish_adding (self, position, added, counts_notify);
}

void
icp_inventory_remove_all (IcpInventory *self)
{
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (ICP_IS_INVENTORY (self));

  if (self->items->len == 0)
    return;

  for (guint i = 0; i < self->items->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->items, i),
                                          instance_notify_cb, self);

  old = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_remove_all (self->by_id);
  memset (self->counts, 0, sizeof self->counts);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  for (guint i = 0; i < N_STATES; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[count_props[i]]);
  update_account_findings (self);
}

/**
 * icp_inventory_lookup:
 *
 * Returns: (transfer none) (nullable): the instance with @id.
 */
IcpInstance *
icp_inventory_lookup (IcpInventory *self,
                      const char   *id)
{
  g_return_val_if_fail (ICP_IS_INVENTORY (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

guint
icp_inventory_count (IcpInventory    *self,
                     IcpVerdictState  state)
{
  g_return_val_if_fail (ICP_IS_INVENTORY (self), 0);
  g_return_val_if_fail (state < N_STATES, 0);
  return self->counts[state];
}

/**
 * icp_inventory_get_account_findings:
 *
 * Returns: (transfer none): a #GListModel of #IcpFinding about the account or list as a whole.
 */
GListModel *
icp_inventory_get_account_findings (IcpInventory *self)
{
  g_return_val_if_fail (ICP_IS_INVENTORY (self), NULL);
  return G_LIST_MODEL (self->account_findings);
}
