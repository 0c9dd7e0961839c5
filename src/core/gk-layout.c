/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "gk-layout.h"
GPtrArray *
gk_layout_read (const char *text)
{
  return g_ptr_array_new ();
}
void
gk_text_row_free (GkTextRow *row)
{
}
const char *
gk_row_layout_to_string (GkRowLayout layout)
{
  return "";
}
