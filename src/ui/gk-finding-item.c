/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-finding-item"

#include "config.h"

#include "gk-finding-item.h"

/* One row of the findings view: a GkStoreFinding as a GObject, so that a
 * GListModel can hold it.  The row is plain data read once; the view
 * reads the whole list again when findings change. */
struct _GkFindingItem
{
  GObject         parent_instance;

  GkStoreFinding *row;
};

G_DEFINE_FINAL_TYPE (GkFindingItem, gk_finding_item, G_TYPE_OBJECT)

static void
gk_finding_item_finalize (GObject *object)
{
  GkFindingItem *self = (GkFindingItem *)object;

  g_clear_pointer (&self->row, gk_store_finding_free);

  G_OBJECT_CLASS (gk_finding_item_parent_class)->finalize (object);
}

static void
gk_finding_item_class_init (GkFindingItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gk_finding_item_finalize;
}

static void
gk_finding_item_init (GkFindingItem *self)
{
}

/**
 * gk_finding_item_new:
 * @row: (transfer full): a row of gk_store_list_findings()
 */
GkFindingItem *
gk_finding_item_new (GkStoreFinding *row)
{
  GkFindingItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (GK_TYPE_FINDING_ITEM, NULL);
  self->row = row;
  return self;
}

const GkStoreFinding *
gk_finding_item_get (GkFindingItem *self)
{
  g_return_val_if_fail (GK_IS_FINDING_ITEM (self), NULL);
  return self->row;
}
