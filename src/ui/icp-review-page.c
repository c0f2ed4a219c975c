/* icp-review-page.c: every server with its verdict, and the details of the selected one
 *
 * Copyright 2026 The ICP Filing Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "icp-details-pane.h"
#include "icp-review-page.h"

struct _IcpReviewPage
{
  AdwBin        parent_instance;

  IcpInventory *inventory;
};

G_DEFINE_FINAL_TYPE (IcpReviewPage, icp_review_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_INVENTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
icp_review_page_dispose (GObject *object)
{
  IcpReviewPage *self = ICP_REVIEW_PAGE (object);

  g_clear_object (&self->inventory);

  G_OBJECT_CLASS (icp_review_page_parent_class)->dispose (object);
}

static void
icp_review_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IcpReviewPage *self = ICP_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_INVENTORY:
      g_value_set_object (value, self->inventory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_review_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IcpReviewPage *self = ICP_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_INVENTORY:
      icp_review_page_set_inventory (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
icp_review_page_class_init (IcpReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = icp_review_page_dispose;
  object_class->get_property = icp_review_page_get_property;
  object_class->set_property = icp_review_page_set_property;

  properties[PROP_INVENTORY] =
    g_param_spec_object ("inventory", NULL, NULL,
                         ICP_TYPE_INVENTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ICP_TYPE_DETAILS_PANE);
}

static void
icp_review_page_init (IcpReviewPage *self)
{
}

GtkWidget *
icp_review_page_new (void)
{
  return g_object_new (ICP_TYPE_REVIEW_PAGE, NULL);
}

IcpInventory *
icp_review_page_get_inventory (IcpReviewPage *self)
{
  g_return_val_if_fail (ICP_IS_REVIEW_PAGE (self), NULL);

  return self->inventory;
}

void
icp_review_page_set_inventory (IcpReviewPage *self,
                               IcpInventory  *inventory)
{
  g_return_if_fail (ICP_IS_REVIEW_PAGE (self));
  g_return_if_fail (inventory == NULL || ICP_IS_INVENTORY (inventory));

  if (!g_set_object (&self->inventory, inventory))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVENTORY]);
}

void
icp_review_page_focus_search (IcpReviewPage *self)
{
  g_return_if_fail (ICP_IS_REVIEW_PAGE (self));
}
