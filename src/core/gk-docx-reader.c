/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-docx-reader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gk-docx-reader.h"
#include "gk-parser.h"

GPtrArray *
gk_docx_read (const guint8  *data,
             gsize          length,
             GError       **error)
{
  g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
               _("DOCX files cannot be read yet"));
  return NULL;
}
