/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-export-xlsx"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "gk-export-xlsx.h"
#include "gk-indicators.h"
#include "gk-keys.h"

/* A workbook for people who work in Excel or WPS, which is most of the
 * people who read these reports:
 *
 * - 表3 and 表4 look like the report's own tables, one line per table row
 *   with the report's columns, the reports one below the other;
 * - 表2 has one line per cell, because its columns differ from row to row
 *   and between the two templates;
 * - 指标 has one line per report and a column per indicator, 指标说明 the
 *   formula and the denominator of each;
 * - 发现 has one line per finding.
 *
 * Every table sheet starts with the same four columns (文件, 机关, 年度,
 * 模板) so that sheets filter and join alike.  A cell with a value is a
 * number (a signed one keeps its sign in the display); a blank is an
 * empty cell and "/" stays text: a blank is not a zero.  Headers are in
 * Chinese whatever the locale, as the report's own labels are. */

static const char * const common_headers[] = { "文件", "机关", "年度", "模板" };

/* The sheets with a line or more per report, in the workbook's order. */
enum
{
  SHEET_T2,
  SHEET_T3,
  SHEET_T4,
  SHEET_INDICATORS,
  SHEET_FINDINGS,
  N_SHEETS
};

/* The workbook is written a report at a time, so that an export of a
 * whole library needs only one report in memory: each sheet remembers
 * its next line. */
struct _GkExportXlsx
{
  char          *path;
  lxw_workbook  *workbook;
  lxw_format    *header;
  lxw_format    *signed_number;
  lxw_format    *percent;
  lxw_worksheet *sheets[N_SHEETS];
  lxw_row_t      rows[N_SHEETS];
  lxw_error      error;     /* the first error of a write */
  gboolean       too_many_rows;
  const char    *sheet;     /* the sheet that had too many rows */
};

typedef GkExportXlsx Writer;

static void
note_error (Writer    *w,
            lxw_error  error)
{
  if (error != LXW_NO_ERROR && w->error == LXW_NO_ERROR)
    w->error = error;
}

/* Whether @row fits in a sheet; the export fails otherwise, rather than
 * leaving reports out without a word. */
static gboolean
row_fits (Writer     *w,
          const char *sheet,
          lxw_row_t   row)
{
  if (row < LXW_ROW_MAX)
    return TRUE;
  if (!w->too_many_rows)
    {
      w->too_many_rows = TRUE;
      w->sheet = sheet;
    }
  return FALSE;
}

static void
write_string (Writer        *w,
              lxw_worksheet *sheet,
              lxw_row_t      row,
              lxw_col_t      col,
              const char    *text,
              lxw_format    *format)
{
  if (text == NULL || *text == '\0')
    return;
  note_error (w, worksheet_write_string (sheet, row, col, text, format));
}

static void
write_number (Writer        *w,
              lxw_worksheet *sheet,
              lxw_row_t      row,
              lxw_col_t      col,
              double         value,
              lxw_format    *format)
{
  note_error (w, worksheet_write_number (sheet, row, col, value, format));
}

/* A cell of a report's table: its number, or the text it holds instead
 * ("/", "无"), or nothing for a blank. */
static void
write_cell (Writer        *w,
            lxw_worksheet *sheet,
            lxw_row_t      row,
            lxw_col_t      col,
            GkCell        *cell)
{
  if (cell == NULL)
    return;
  if (gk_cell_has_value (cell))
    write_number (w, sheet, row, col, gk_cell_get_value (cell),
                  gk_cell_get_value_class (cell) == GK_VALUE_SIGNED ? w->signed_number : NULL);
  else
    write_string (w, sheet, row, col, gk_cell_get_raw (cell), NULL);
}

static lxw_worksheet *
add_sheet (Writer             *w,
           const char         *name,
           const char * const *headers,
           guint               n_headers,
           const double       *widths)
{
  lxw_worksheet *sheet = workbook_add_worksheet (w->workbook, name);
  lxw_col_t col = 0;

  if (sheet == NULL)
    {
      note_error (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (common_headers); i++)
    write_string (w, sheet, 0, col++, common_headers[i], w->header);
  for (guint i = 0; i < n_headers; i++)
    write_string (w, sheet, 0, col++, headers[i], w->header);

  for (lxw_col_t c = 0; c < col; c++)
    worksheet_set_column (sheet, c, c, widths != NULL && widths[c] > 0 ? widths[c] : 12, NULL);
  worksheet_freeze_panes (sheet, 1, 0);
  worksheet_autofilter (sheet, 0, 0, 0, col - 1);

  return sheet;
}

/* The four columns every table sheet starts with. */
static void
write_report_columns (Writer        *w,
                      lxw_worksheet *sheet,
                      lxw_row_t      row,
                      GkReport      *report)
{
  write_string (w, sheet, row, 0, gk_report_get_source_name (report), NULL);
  write_string (w, sheet, row, 1, gk_report_get_agency (report), NULL);
  if (gk_report_get_year (report) > 0)
    write_number (w, sheet, row, 2, gk_report_get_year (report), NULL);
  write_string (w, sheet, row, 3, gk_template_to_string (gk_report_get_template (report)), NULL);
}

static GkTemplate
table_template (GkReport *report,
                GkTable  *table)
{
  GkTemplate template_ = gk_table_get_template (table);

  return template_ != GK_TEMPLATE_UNKNOWN ? template_ : gk_report_get_template (report);
}

/* "第二十条第（一）项" for a row of table 2. */
static char *
dup_t2_item (GkTemplate  template_,
             const char *row)
{
  guint n_rows;
  const GkT2Row *rows = gk_keys_t2_rows (template_, &n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      gsize len = strlen (rows[i].key);

      if (strcmp (rows[i].key, row) == 0
          || (strncmp (rows[i].key, row, len) == 0 && row[len] == '.'))
        return g_strconcat ("第二十条第", rows[i].item, "项", NULL);
    }
  return NULL;
}

static void
add_t2_sheet (Writer *w)
{
  static const char * const headers[] = { "条款", "行键", "项目", "列键", "栏目", "数值", "原文" };
  static const double widths[] = { 24, 28, 8, 8, 18, 22, 22, 18, 24, 12, 14 };

  w->sheets[SHEET_T2] = add_sheet (w, GK_EXPORT_XLSX_SHEET_T2, headers, G_N_ELEMENTS (headers), widths);
}

static void
write_t2 (Writer   *w,
          GkReport *report)
{
  lxw_worksheet *sheet = w->sheets[SHEET_T2];
  lxw_row_t *row = &w->rows[SHEET_T2];
  GkTable *table = gk_report_get_table (report, GK_TABLE_2);
  GkTemplate template_;

  if (sheet == NULL || table == NULL)
    return;
  template_ = table_template (report, table);

  for (guint i = 0; i < gk_table_get_n_cells (table); i++, (*row)++)
    {
      GkCell *cell = gk_table_get_cell (table, i);
      const char *row_key = gk_cell_get_row (cell);
      const char *column_key = gk_cell_get_column (cell);
      g_autofree char *item = dup_t2_item (template_, row_key);

      if (!row_fits (w, GK_EXPORT_XLSX_SHEET_T2, *row))
        return;
      write_report_columns (w, sheet, *row, report);
      write_string (w, sheet, *row, 4, item, NULL);
      write_string (w, sheet, *row, 5, row_key, NULL);
      write_string (w, sheet, *row, 6, gk_keys_row_label (GK_TABLE_2, template_, row_key), NULL);
      write_string (w, sheet, *row, 7, column_key, NULL);
      write_string (w, sheet, *row, 8, gk_keys_column_label (GK_TABLE_2, template_, column_key), NULL);
      write_cell (w, sheet, *row, 9, cell);
      write_string (w, sheet, *row, 10, gk_cell_get_raw (cell), NULL);
    }
}

/* Tables 3 and 4: a line per row of the table, a column per column. */
static void
add_grid_sheet (Writer     *w,
                GkTableId   id,
                const char *name)
{
  const GkKeyLabel *columns;
  guint n_columns;
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  double widths[32] = { 24, 28, 8, 8, 12, 40 };

  columns = id == GK_TABLE_3 ? gk_keys_t3_columns (&n_columns) : gk_keys_t4_columns (&n_columns);
  g_assert (n_columns + 6 <= G_N_ELEMENTS (widths));

  g_ptr_array_add (headers, (gpointer) "行键");
  g_ptr_array_add (headers, (gpointer) "项目");
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (headers, (gpointer) columns[c].label);

  w->sheets[id == GK_TABLE_3 ? SHEET_T3 : SHEET_T4] =
    add_sheet (w, name, (const char * const *) headers->pdata, headers->len, widths);
}

static void
write_grid (Writer     *w,
            GkReport   *report,
            GkTableId   id,
            const char *name)
{
  guint which = id == GK_TABLE_3 ? SHEET_T3 : SHEET_T4;
  lxw_worksheet *sheet = w->sheets[which];
  lxw_row_t *row = &w->rows[which];
  GkTable *table = gk_report_get_table (report, id);
  const GkKeyLabel *columns;
  g_autoptr(GPtrArray) rows = NULL;
  GkTemplate template_;
  guint n_columns;

  if (sheet == NULL || table == NULL)
    return;

  columns = id == GK_TABLE_3 ? gk_keys_t3_columns (&n_columns) : gk_keys_t4_columns (&n_columns);
  template_ = table_template (report, table);
  rows = gk_table_dup_row_keys (table);

  for (guint i = 0; i < rows->len; i++, (*row)++)
    {
      const char *row_key = g_ptr_array_index (rows, i);

      if (!row_fits (w, name, *row))
        return;
      write_report_columns (w, sheet, *row, report);
      write_string (w, sheet, *row, 4, row_key, NULL);
      write_string (w, sheet, *row, 5, gk_keys_row_label (id, template_, row_key), NULL);
      for (guint c = 0; c < n_columns; c++)
        write_cell (w, sheet, *row, 6 + c, gk_table_lookup (table, row_key, columns[c].key));
    }
}

static void
add_indicators_sheet (Writer *w)
{
  const char *headers[GK_N_INDICATORS];
  double widths[4 + GK_N_INDICATORS] = { 24, 28, 8, 8 };

  for (guint i = 0; i < GK_N_INDICATORS; i++)
    {
      headers[i] = gk_indicator_get_name (i);
      widths[4 + i] = 14;
    }

  w->sheets[SHEET_INDICATORS] = add_sheet (w, GK_EXPORT_XLSX_SHEET_INDICATORS, headers, GK_N_INDICATORS, widths);
}

static void
write_indicators (Writer   *w,
                  GkReport *report)
{
  lxw_worksheet *sheet = w->sheets[SHEET_INDICATORS];
  lxw_row_t row = w->rows[SHEET_INDICATORS];

  if (sheet == NULL)
    return;

  if (!row_fits (w, GK_EXPORT_XLSX_SHEET_INDICATORS, row))
    return;
  w->rows[SHEET_INDICATORS]++;
  write_report_columns (w, sheet, row, report);
  for (guint i = 0; i < GK_N_INDICATORS; i++)
    {
      GkIndicatorResult result;

      gk_indicator_compute (report, i, &result);
      /* No value is an empty cell, which AVERAGE() and charts skip. */
      if (result.state == GK_INDICATOR_HAS_VALUE)
        write_number (w, sheet, row, 4 + i, result.value,
                      gk_indicator_is_rate (i) ? w->percent : NULL);
    }
}

static void
write_definitions (Writer *w)
{
  static const char * const headers[] = { "指标", "键", "公式", "按键公式", "分母" };
  static const double widths[] = { 26, 32, 60, 80, 80 };
  lxw_worksheet *sheet;

  /* This sheet is about indicators, not reports: no common columns. */
  sheet = workbook_add_worksheet (w->workbook, GK_EXPORT_XLSX_SHEET_DEFINITIONS);
  if (sheet == NULL)
    {
      note_error (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      write_string (w, sheet, 0, c, headers[c], w->header);
      worksheet_set_column (sheet, c, c, widths[c], NULL);
    }
  worksheet_freeze_panes (sheet, 1, 0);

  for (guint i = 0; i < GK_N_INDICATORS; i++)
    {
      const char *denominator = gk_indicator_get_denominator (i);

      write_string (w, sheet, i + 1, 0, gk_indicator_get_name (i), NULL);
      write_string (w, sheet, i + 1, 1, gk_indicator_get_key (i), NULL);
      write_string (w, sheet, i + 1, 2, gk_indicator_get_formula_zh (i), NULL);
      write_string (w, sheet, i + 1, 3, gk_indicator_get_formula (i), NULL);
      write_string (w, sheet, i + 1, 4,
                    denominator != NULL ? denominator : _("none: a count, not a rate"), NULL);
    }
}

static void
add_findings_sheet (Writer *w)
{
  static const char * const headers[] = {
    "规则", "级别", "状态", "对象", "说明", "应为", "实为", "单元格", "对照报告", "编号",
    "评定", "备注",
  };
  static const double widths[] = { 24, 28, 8, 8, 6, 10, 16, 18, 80, 14, 14, 30, 20, 30, 10, 40 };

  w->sheets[SHEET_FINDINGS] = add_sheet (w, GK_EXPORT_XLSX_SHEET_FINDINGS, headers, G_N_ELEMENTS (headers), widths);
}

static void
write_findings (Writer   *w,
                GkReport *report)
{
  lxw_worksheet *sheet = w->sheets[SHEET_FINDINGS];
  lxw_row_t *rowp = &w->rows[SHEET_FINDINGS];
  GListModel *findings = gk_report_get_findings (report);
  guint n = g_list_model_get_n_items (findings);

  if (sheet == NULL)
    return;

  for (guint i = 0; i < n; i++, (*rowp)++)
    {
      lxw_row_t row = *rowp;
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *cells = g_strjoinv (" ", (char **) gk_finding_get_cells (finding));
      g_autofree char *id = gk_finding_dup_id (finding);

      if (!row_fits (w, GK_EXPORT_XLSX_SHEET_FINDINGS, row))
        return;
      write_report_columns (w, sheet, row, report);
      write_string (w, sheet, row, 4, gk_finding_get_rule (finding), NULL);
      write_string (w, sheet, row, 5, gk_severity_to_string (gk_finding_get_severity (finding)), NULL);
      write_string (w, sheet, row, 6, gk_finding_status_to_string (gk_finding_get_status (finding)), NULL);
      write_string (w, sheet, row, 7, gk_finding_get_subject (finding), NULL);
      write_string (w, sheet, row, 8, gk_finding_get_message (finding), NULL);
      write_string (w, sheet, row, 9, gk_finding_get_expected (finding), NULL);
      write_string (w, sheet, row, 10, gk_finding_get_found (finding), NULL);
      write_string (w, sheet, row, 11, cells, NULL);
      write_string (w, sheet, row, 12, gk_finding_get_other_report (finding), NULL);
      write_string (w, sheet, row, 13, id, NULL);
      /* What the evaluator decided, so a reviewed library exports its
       * review. */
      write_string (w, sheet, row, 14, gk_verdict_to_string (gk_finding_get_verdict (finding)), NULL);
      write_string (w, sheet, row, 15, gk_finding_get_note (finding), NULL);
    }
}

/**
 * gk_export_xlsx_begin:
 * @path: the file to write, replaced when it exists
 *
 * Starts a workbook, with its sheets and their headers; add the reports
 * with gk_export_xlsx_append_report() and write it with
 * gk_export_xlsx_end().
 *
 * Returns: (transfer full): the workbook being made, or %NULL with @error
 *   set
 */
GkExportXlsx *
gk_export_xlsx_begin (const char  *path,
                      GError     **error)
{
  Writer *w;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  w = g_new0 (Writer, 1);
  w->path = g_strdup (path);
  w->workbook = workbook_new (path);
  if (w->workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("the spreadsheet “%s” could not be made: out of memory"), path);
      g_free (w->path);
      g_free (w);
      return NULL;
    }

  w->header = workbook_add_format (w->workbook);
  format_set_bold (w->header);
  w->signed_number = workbook_add_format (w->workbook);
  format_set_num_format (w->signed_number, "+0;-0;0");
  w->percent = workbook_add_format (w->workbook);
  format_set_num_format (w->percent, "0.00%");

  add_t2_sheet (w);
  add_grid_sheet (w, GK_TABLE_3, GK_EXPORT_XLSX_SHEET_T3);
  add_grid_sheet (w, GK_TABLE_4, GK_EXPORT_XLSX_SHEET_T4);
  add_indicators_sheet (w);
  write_definitions (w);
  add_findings_sheet (w);
  for (guint i = 0; i < N_SHEETS; i++)
    w->rows[i] = 1;

  return w;
}

/**
 * gk_export_xlsx_append_report:
 *
 * Adds @report's lines to every sheet.  @report is not kept.
 */
void
gk_export_xlsx_append_report (GkExportXlsx *w,
                              GkReport     *report)
{
  g_return_if_fail (w != NULL);
  g_return_if_fail (GK_IS_REPORT (report));

  write_t2 (w, report);
  write_grid (w, report, GK_TABLE_3, GK_EXPORT_XLSX_SHEET_T3);
  write_grid (w, report, GK_TABLE_4, GK_EXPORT_XLSX_SHEET_T4);
  write_indicators (w, report);
  write_findings (w, report);
}

/**
 * gk_export_xlsx_end:
 *
 * Writes the workbook and frees @w.  On failure nothing is left at the
 * path: half a workbook would pass for a whole one.
 *
 * Returns: %FALSE with @error set when the file could not be written
 */
gboolean
gk_export_xlsx_end (GkExportXlsx  *w,
                    GError       **error)
{
  g_autofree char *path = NULL;
  lxw_error closed;
  gboolean ok = FALSE;

  g_return_val_if_fail (w != NULL, FALSE);

  path = g_steal_pointer (&w->path);

  /* Closing writes the file, and frees the workbook whatever happens. */
  closed = workbook_close (w->workbook);

  if (w->too_many_rows || w->error != LXW_NO_ERROR || closed != LXW_NO_ERROR)
    g_unlink (path);

  if (w->too_many_rows)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("the sheet “%s” would have more than the %d lines a spreadsheet can have: "
                   "export fewer reports, or as CSV"),
                 w->sheet, LXW_ROW_MAX);
  else if (w->error != LXW_NO_ERROR || closed != LXW_NO_ERROR)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("the spreadsheet “%s” could not be written: %s"),
                 path, lxw_strerror (closed != LXW_NO_ERROR ? closed : w->error));
  else
    ok = TRUE;

  g_free (w);
  return ok;
}

/**
 * gk_export_xlsx_write:
 * @path: the file to write, replaced when it exists
 * @reports: (element-type GkReport): the reports, in the order of the
 *   sheets' lines
 *
 * Writes the workbook described above.  libxlsxwriter also prints its own
 * errors on standard error; callers that want one message of their own
 * write to a temporary file they know they can write.
 *
 * Returns: %FALSE with @error set when the file could not be written
 */
gboolean
gk_export_xlsx_write (const char  *path,
                      GPtrArray   *reports,
                      GError     **error)
{
  GkExportXlsx *w;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (reports != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  w = gk_export_xlsx_begin (path, error);
  if (w == NULL)
    return FALSE;
  for (guint r = 0; r < reports->len; r++)
    gk_export_xlsx_append_report (w, g_ptr_array_index (reports, r));
  return gk_export_xlsx_end (w, error);
}
