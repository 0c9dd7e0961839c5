/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "gk-parser.h"
G_DEFINE_QUARK (gk-parse-error-quark, gk_parse_error)
GkReport *
gk_parse_bytes (GBytes *bytes, const char *source_name, GError **error)
{
  g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_NO_TABLES, "in progress");
  return NULL;
}
GkReport *
gk_parse_text (const char *text, const char *source_name, GError **error)
{
  g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_NO_TABLES, "in progress");
  return NULL;
}
GkReport *
gk_parse_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_set_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_NO_TABLES, "in progress");
  return NULL;
}
