/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-html-reader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gk-html-reader.h"
#include "gk-parser.h"

GPtrArray *
gk_html_read (const guint8  *data,
             gsize          length,
             char         **encoding,
             GError       **error)
{
  g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
               _("HTML files cannot be read yet"));
  return NULL;
}
