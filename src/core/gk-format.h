/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-format.h: which kind of file a report's bytes are, from the bytes. */

#pragma once

#include <glib.h>

#include "gk-types.h"

G_BEGIN_DECLS

gboolean gk_format_sniff (const guint8  *data,
                          gsize          length,
                          GkFormat      *format,
                          GError       **error);

G_END_DECLS
