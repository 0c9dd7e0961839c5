/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "gk-core.h"

G_BEGIN_DECLS

#define GK_TYPE_FINDING_ITEM (gk_finding_item_get_type ())

G_DECLARE_FINAL_TYPE (GkFindingItem, gk_finding_item, GK, FINDING_ITEM, GObject)

GkFindingItem        *gk_finding_item_new (GkStoreFinding *row);
const GkStoreFinding *gk_finding_item_get (GkFindingItem  *self);

G_END_DECLS
