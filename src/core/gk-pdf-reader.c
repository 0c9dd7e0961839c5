/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-pdf-reader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gk-pdf-reader.h"
#include "gk-parser.h"

GPtrArray *
gk_pdf_read (const guint8  *data,
             gsize          length,
             GError       **error)
{
  g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED,
               _("PDF files cannot be read yet"));
  return NULL;
}
