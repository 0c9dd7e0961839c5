/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-report-diff"

#include "config.h"

#include <string.h>

#include "gk-report-diff.h"

/* Raw text is compared exactly: a page or a document must give each cell
 * the text the report's text gives it, not only the same number.  A blank
 * cell's raw text may be NULL or "". */

typedef struct
{
  GString *out;
  guint    n;
  guint    max;
} Diff;

static void
add (Diff       *diff,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
add (Diff       *diff,
     const char *format,
     ...)
{
  va_list args;

  if (diff->n++ >= diff->max)
    return;
  va_start (args, format);
  g_string_append_vprintf (diff->out, format, args);
  va_end (args);
  g_string_append_c (diff->out, '\n');
}

static const char *
or_empty (const char *s)
{
  return s != NULL ? s : "";
}

static void
diff_cells (Diff   *diff,
            GkCell *a,
            GkCell *b)
{
  g_autofree char *key = gk_cell_dup_key (a);

  if (strcmp (or_empty (gk_cell_get_raw (a)), or_empty (gk_cell_get_raw (b))) != 0)
    add (diff, "%s: raw \"%s\" became \"%s\"", key, or_empty (gk_cell_get_raw (a)),
         or_empty (gk_cell_get_raw (b)));
  if (gk_cell_get_value_class (a) != gk_cell_get_value_class (b))
    add (diff, "%s: class %s became %s", key,
         gk_value_class_to_string (gk_cell_get_value_class (a)),
         gk_value_class_to_string (gk_cell_get_value_class (b)));
  if (gk_cell_has_value (a) != gk_cell_has_value (b) || gk_cell_get_value (a) != gk_cell_get_value (b))
    add (diff, "%s: value %s%g became %s%g", key,
         gk_cell_has_value (a) ? "" : "(none) ", gk_cell_get_value (a),
         gk_cell_has_value (b) ? "" : "(none) ", gk_cell_get_value (b));
}

static void
diff_tables (Diff      *diff,
             GkReport  *expected,
             GkReport  *actual,
             GkTableId  id)
{
  GkTable *a = gk_report_get_table (expected, id);
  GkTable *b = gk_report_get_table (actual, id);
  const char *name = gk_table_id_to_key (id);

  if (a == NULL || b == NULL)
    {
      if (a != b)
        add (diff, "%s: %s, expected %s", name, b ? "present" : "absent", a ? "present" : "absent");
      return;
    }

  if (gk_table_get_template (a) != gk_table_get_template (b))
    add (diff, "%s: template %s became %s", name, gk_template_to_string (gk_table_get_template (a)),
         gk_template_to_string (gk_table_get_template (b)));
  if (gk_table_get_n_cells (a) != gk_table_get_n_cells (b))
    add (diff, "%s: %u cells became %u", name, gk_table_get_n_cells (a), gk_table_get_n_cells (b));

  for (guint i = 0; i < gk_table_get_n_cells (a); i++)
    {
      GkCell *ca = gk_table_get_cell (a, i);
      GkCell *cb = gk_table_lookup (b, gk_cell_get_row (ca), gk_cell_get_column (ca));

      if (cb == NULL)
        {
          g_autofree char *key = gk_cell_dup_key (ca);
          add (diff, "%s: missing", key);
        }
      else
        diff_cells (diff, ca, cb);
    }
}

/**
 * gk_report_diff:
 * @expected: the report as read from its text
 * @actual: the same report read from another format
 * @sections: whether to compare the sections' text too
 * @max_lines: how many differences to spell out
 *
 * Returns: (transfer full): the differences, "" when there are none
 */
char *
gk_report_diff (GkReport *expected,
                GkReport *actual,
                gboolean  sections,
                guint     max_lines)
{
  Diff diff = { g_string_new (NULL), 0, max_lines };

  g_return_val_if_fail (GK_IS_REPORT (expected), NULL);
  g_return_val_if_fail (GK_IS_REPORT (actual), NULL);

  if (g_strcmp0 (gk_report_get_agency (expected), gk_report_get_agency (actual)) != 0)
    add (&diff, "agency \"%s\" became \"%s\"", or_empty (gk_report_get_agency (expected)),
         or_empty (gk_report_get_agency (actual)));
  if (gk_report_get_year (expected) != gk_report_get_year (actual))
    add (&diff, "year %d became %d", gk_report_get_year (expected), gk_report_get_year (actual));
  if (gk_report_get_template (expected) != gk_report_get_template (actual))
    add (&diff, "template %s became %s", gk_template_to_string (gk_report_get_template (expected)),
         gk_template_to_string (gk_report_get_template (actual)));

  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    diff_tables (&diff, expected, actual, id);

  if (sections)
    for (guint i = 0; i < GK_N_SECTIONS; i++)
      {
        const char *a = or_empty (gk_report_get_section (expected, i));
        const char *b = or_empty (gk_report_get_section (actual, i));
        gsize same = 0;

        if (strcmp (a, b) == 0)
          continue;
        /* Where they part, on a character boundary. */
        while (a[same] != '\0' && a[same] == b[same])
          same++;
        while (same > 0 && (a[same] & 0xC0) == 0x80)
          same--;
        {
          g_autofree char *left = g_utf8_substring (a + same, 0, MIN (g_utf8_strlen (a + same, -1), 30));
          g_autofree char *right = g_utf8_substring (b + same, 0, MIN (g_utf8_strlen (b + same, -1), 30));

          add (&diff, "section %u, from byte %lu: \"%s\" became \"%s\"", i + 1, (gulong) same, left, right);
        }
      }

  if (diff.n > max_lines)
    g_string_append_printf (diff.out, "… and %u more\n", diff.n - max_lines);
  return g_string_free (diff.out, FALSE);
}
