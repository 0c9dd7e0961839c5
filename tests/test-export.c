/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export.c: every export read back gives the numbers of the model:
 * the tidy CSV, the indicators CSV, the library JSON (json-glib) and the
 * XLSX workbook (unzipped with libarchive, its sheet XML and shared
 * strings read with libxml2). */

#include "config.h"

#include <math.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "gk-core.h"

#define SEED_002 "002_7c3adba71c2c08c1.txt"
#define SEED_000 "000_fd56001bfeaab35a.txt"

static GkReport *
parse_seed (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", file, NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GkReport *report = gk_parse_file (gfile, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  gk_checks_run (report);
  return report;
}

/* Three reports: 门头沟 2019 (made from seed 002, its carry-over out by
 * one, so that C1 findings are exported too), 门头沟 2020 (seed 002) and
 * 大兴 2021 (seed 000, all zeros: rates without a value). */
static GPtrArray *
make_reports (void)
{
  GPtrArray *reports = g_ptr_array_new_with_free_func (g_object_unref);
  GkReport *prev = parse_seed (SEED_002);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "2019", -1);
  g_autoptr(GkCell) cell = gk_cell_new (GK_TABLE_3, "carried_out", "natural", "5", 1);

  gk_report_set_source_name (prev, "mentougou-2019.txt");
  gk_report_set_sha256 (prev, sha256);
  gk_report_set_year (prev, 2019, "test", 1, 1.0);
  gk_table_add_cell (gk_report_get_table (prev, GK_TABLE_3), cell);

  g_ptr_array_add (reports, prev);
  g_ptr_array_add (reports, parse_seed (SEED_002));
  g_ptr_array_add (reports, parse_seed (SEED_000));
  gk_cross_checks_run (reports, NULL, NULL);

  return reports;
}

static guint
count_cells (GPtrArray *reports)
{
  guint n = 0;

  for (guint r = 0; r < reports->len; r++)
    for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
      {
        GkTable *table = gk_report_get_table (g_ptr_array_index (reports, r), id);

        if (table != NULL)
          n += gk_table_get_n_cells (table);
      }
  return n;
}

static GkReport *
find_report (GPtrArray  *reports,
             const char *source)
{
  for (guint i = 0; i < reports->len; i++)
    if (g_strcmp0 (gk_report_get_source_name (g_ptr_array_index (reports, i)), source) == 0)
      return g_ptr_array_index (reports, i);
  g_error ("no report “%s”", source);
  return NULL;
}

/* A field read back as a number equals the cell; an empty one goes with
 * a cell without a value. */
static void
assert_number (const char *field,
               gboolean    has_value,
               double      value,
               double      epsilon,
               const char *what)
{
  if (!has_value)
    {
      if (field != NULL && *field != '\0')
        g_error ("%s: expected no value, found “%s”", what, field);
      return;
    }
  if (field == NULL || *field == '\0')
    g_error ("%s: expected %g, found nothing", what, value);
  if (fabs (g_ascii_strtod (field, NULL) - value) > epsilon)
    g_error ("%s: expected %g, found “%s”", what, value, field);
}

/* ---------------------------------------------------------------------- */
/* CSV                                                                    */

/* RFC 4180: the rows of @text, each a NULL-terminated array of fields. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *row = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          g_assert_true (*p == '"');
          p++;
          continue;
        }
      if (*p == ',' || *p == '\n')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*p == '\n')
            {
              g_ptr_array_add (row, NULL);
              g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
              row = g_ptr_array_new ();
            }
          p++;
          continue;
        }
      g_string_append_c (field, *p++);
    }

  /* Every line ends in \n: nothing is left over. */
  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_free (row, TRUE);
  g_string_free (field, TRUE);
  return rows;
}

static void
test_csv (void)
{
  g_autoptr(GPtrArray) reports = make_reports ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) header = g_strsplit (GK_EXPORT_CSV_HEADER, ",", -1);

  gk_export_csv_append_header (out);
  for (guint i = 0; i < reports->len; i++)
    gk_export_csv_append_report (out, g_ptr_array_index (reports, i));

  rows = parse_csv (out->str);
  g_assert_cmpstrv (g_ptr_array_index (rows, 0), header);
  g_assert_cmpuint (rows->len - 1, ==, count_cells (reports));

  for (guint i = 1; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);
      GkReport *report = find_report (reports, f[0]);
      GkTableId id;
      GkCell *cell;
      g_autofree char *what = g_strdup_printf ("%s %s/%s/%s", f[0], f[4], f[5], f[6]);

      g_assert_cmpuint (g_strv_length (f), ==, 10);
      g_assert_true (gk_table_id_from_key (f[4], &id));
      cell = gk_report_lookup_cell (report, id, f[5], f[6]);
      g_assert_nonnull (cell);
      assert_number (f[7], gk_cell_has_value (cell), gk_cell_get_value (cell), 1e-9, what);
      g_assert_cmpstr (f[8], ==, gk_cell_get_raw (cell));
      g_assert_cmpstr (f[9], ==, gk_value_class_to_string (gk_cell_get_value_class (cell)));
    }
}

static void
test_indicators_csv (void)
{
  g_autoptr(GPtrArray) reports = make_reports ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  char **header;

  gk_export_indicators_append_header (out);
  for (guint i = 0; i < reports->len; i++)
    gk_export_indicators_append_report (out, g_ptr_array_index (reports, i));

  rows = parse_csv (out->str);
  g_assert_cmpuint (rows->len, ==, 1 + reports->len);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (g_strv_length (header), ==, 4 + GK_N_INDICATORS);
  g_assert_cmpstr (header[0], ==, "file");
  g_assert_cmpstr (header[3], ==, "template");
  for (guint i = 0; i < GK_N_INDICATORS; i++)
    g_assert_cmpstr (header[4 + i], ==, gk_indicator_get_key (i));

  for (guint r = 1; r < rows->len; r++)
    {
      char **f = g_ptr_array_index (rows, r);
      GkReport *report = g_ptr_array_index (reports, r - 1);

      g_assert_cmpstr (f[0], ==, gk_report_get_source_name (report));
      for (guint i = 0; i < GK_N_INDICATORS; i++)
        {
          GkIndicatorResult result;
          g_autofree char *what = g_strdup_printf ("%s %s", f[0], header[4 + i]);

          gk_indicator_compute (report, i, &result);
          assert_number (f[4 + i], result.state == GK_INDICATOR_HAS_VALUE, result.value, 5e-7, what);
        }
    }

  /* By hand, seed 002: (89 + 18) / 212, and no 复议纠错率 (blank). */
  {
    char **f = g_ptr_array_index (rows, 2);

    g_assert_cmpstr (f[4 + GK_INDICATOR_RECEIVED], ==, "220");
    g_assert_cmpstr (f[4 + GK_INDICATOR_DISCLOSED_RATE], ==, "0.504717");
    g_assert_cmpstr (f[4 + GK_INDICATOR_REVIEW_CORRECTED_RATE], ==, "");
  }
}

/* ---------------------------------------------------------------------- */
/* JSON                                                                   */

static void
test_json (void)
{
  g_autoptr(GPtrArray) reports = make_reports ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *array;
  guint n_c1 = 0;

  gk_library_json_append_begin (out);
  for (guint i = 0; i < reports->len; i++)
    gk_library_json_append_report (out, g_ptr_array_index (reports, i), i == 0);
  gk_library_json_append_end (out, reports->len == 0);

  json_parser_load_from_data (parser, out->str, out->len, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_true (g_str_has_prefix (json_object_get_string_member (root, "generator"), "gongkai "));
  array = json_object_get_array_member (root, "indicators");
  g_assert_cmpuint (json_array_get_length (array), ==, GK_N_INDICATORS);
  for (guint i = 0; i < GK_N_INDICATORS; i++)
    {
      JsonObject *def = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (def, "key"), ==, gk_indicator_get_key (i));
      g_assert_cmpstr (json_object_get_string_member (def, "formula"), ==, gk_indicator_get_formula (i));
    }

  array = json_object_get_array_member (root, "reports");
  g_assert_cmpuint (json_array_get_length (array), ==, reports->len);

  for (guint r = 0; r < reports->len; r++)
    {
      GkReport *report = g_ptr_array_index (reports, r);
      JsonObject *object = json_array_get_object_element (array, r);
      JsonObject *tables = json_object_get_object_member (object, "tables");
      JsonObject *indicators = json_object_get_object_member (object, "indicators");
      JsonArray *findings = json_object_get_array_member (object, "findings");
      guint n_cells = 0;

      g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, gk_report_get_source_name (report));

      for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
        {
          JsonArray *cells = json_object_get_array_member (json_object_get_object_member (tables, gk_table_id_to_key (id)), "cells");

          for (guint c = 0; c < json_array_get_length (cells); c++, n_cells++)
            {
              JsonObject *jc = json_array_get_object_element (cells, c);
              GkCell *cell = gk_report_lookup_cell (report, id,
                                                    json_object_get_string_member (jc, "row"),
                                                    json_object_get_string_member (jc, "column"));
              JsonNode *value = json_object_get_member (jc, "value");

              g_assert_nonnull (cell);
              g_assert_cmpint (JSON_NODE_HOLDS_NULL (value), ==, !gk_cell_has_value (cell));
              if (gk_cell_has_value (cell))
                g_assert_cmpfloat (json_node_get_double (value), ==, gk_cell_get_value (cell));
            }
        }
      g_assert_cmpuint (n_cells, ==, gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_2))
                                     + gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_3))
                                     + gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_4)));

      for (guint i = 0; i < GK_N_INDICATORS; i++)
        {
          JsonObject *ji = json_object_get_object_member (indicators, gk_indicator_get_key (i));
          JsonNode *value = json_object_get_member (ji, "value");
          GkIndicatorResult result;

          gk_indicator_compute (report, i, &result);
          g_assert_cmpint (JSON_NODE_HOLDS_NULL (value), ==, result.state != GK_INDICATOR_HAS_VALUE);
          if (result.state == GK_INDICATOR_HAS_VALUE)
            g_assert_cmpfloat_with_epsilon (json_node_get_double (value), result.value, 1e-12);
        }

      g_assert_cmpuint (json_array_get_length (findings), ==,
                        g_list_model_get_n_items (gk_report_get_findings (report)));
      for (guint f = 0; f < json_array_get_length (findings); f++)
        {
          JsonObject *jf = json_array_get_object_element (findings, f);

          const char *rule = json_object_get_string_member (jf, "rule");

          /* Only the findings across reports name another. */
          g_assert_cmpint (JSON_NODE_HOLDS_NULL (json_object_get_member (jf, "other_report")), ==,
                           !gk_cross_checks_is_cross_rule (rule));
          if (strcmp (rule, "C1") != 0)
            continue;
          /* 2019 names 2020 and the reverse. */
          n_c1++;
          g_assert_cmpstr (json_object_get_string_member (jf, "other_report"), ==,
                           gk_report_get_sha256 (g_ptr_array_index (reports, r == 0 ? 1 : 0)));
          g_assert_true (g_str_has_suffix (json_object_get_string_member (jf, "id"),
                                           json_object_get_string_member (jf, "other_report")));
        }
    }
  /* 自然人 (5 out, 4 in) and 总计 (8 out, 4 in), on each of the two. */
  g_assert_cmpuint (n_c1, ==, 4);

  /* By hand, seed 002. */
  {
    JsonObject *object = json_array_get_object_element (array, 1);
    JsonObject *rate = json_object_get_object_member (json_object_get_object_member (object, "indicators"),
                                                      "disclosed_rate");
    JsonObject *review = json_object_get_object_member (json_object_get_object_member (object, "indicators"),
                                                        "review_corrected_rate");

    g_assert_cmpint (json_object_get_int_member (rate, "numerator"), ==, 107);
    g_assert_cmpint (json_object_get_int_member (rate, "denominator"), ==, 212);
    g_assert_cmpstr (json_object_get_string_member (review, "state"), ==, "missing-input");
  }
}

/* ---------------------------------------------------------------------- */
/* XLSX                                                                   */

/* The entries of a zip, name → contents. */
static GHashTable *
read_zip (const char *path)
{
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;

  archive_read_support_format_zip (a);
  g_assert_cmpint (archive_read_open_filename (a, path, 64 * 1024), ==, ARCHIVE_OK);

  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    {
      GByteArray *data = g_byte_array_new ();
      char buf[16 * 1024];
      la_ssize_t n;

      while ((n = archive_read_data (a, buf, sizeof buf)) > 0)
        g_byte_array_append (data, (const guint8 *) buf, n);
      g_assert_cmpint (n, ==, 0);
      g_hash_table_insert (entries, g_strdup (archive_entry_pathname (entry)),
                           g_byte_array_free_to_bytes (data));
    }

  archive_read_free (a);
  return entries;
}

static xmlDoc *
read_xml (GHashTable *zip,
          const char *name)
{
  GBytes *bytes = g_hash_table_lookup (zip, name);
  gsize size;
  const char *data;
  xmlDoc *doc;

  if (bytes == NULL)
    g_error ("the workbook has no %s", name);
  data = g_bytes_get_data (bytes, &size);
  doc = xmlReadMemory (data, size, name, "UTF-8", XML_PARSE_NONET);
  g_assert_nonnull (doc);
  return doc;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static xmlNode *
child (xmlNode    *node,
       const char *name)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (is_element (c, name))
      return c;
  return NULL;
}

static char *
dup_content (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  return text;
}

static char *
dup_prop (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *text = g_strdup ((const char *) value);

  xmlFree (value);
  return text;
}

/* A sheet as rows of cells, each cell's text (a number as written, a
 * string resolved through the shared strings) or NULL. */
typedef struct
{
  GPtrArray *rows;  /* GPtrArray of char * */
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_ptr_array_unref (sheet->rows);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

static const char *
sheet_cell (Sheet *sheet,
            guint  row,
            guint  column)
{
  GPtrArray *cells;

  if (row >= sheet->rows->len)
    return NULL;
  cells = g_ptr_array_index (sheet->rows, row);
  if (cells == NULL || column >= cells->len)
    return NULL;
  return g_ptr_array_index (cells, column);
}

static guint
sheet_column (Sheet      *sheet,
              const char *header)
{
  GPtrArray *cells = g_ptr_array_index (sheet->rows, 0);

  for (guint c = 0; c < cells->len; c++)
    if (g_strcmp0 (g_ptr_array_index (cells, c), header) == 0)
      return c;
  g_error ("no column “%s”", header);
  return 0;
}

/* The first line whose columns hold the given texts, NULL-terminated
 * (header, text) pairs; G_MAXUINT when there is none. */
static guint
sheet_find_row (Sheet      *sheet,
                const char *header,
                ...) G_GNUC_NULL_TERMINATED;

static guint
sheet_find_row (Sheet      *sheet,
                const char *header,
                ...)
{
  for (guint r = 1; r < sheet->rows->len; r++)
    {
      gboolean match = TRUE;
      va_list args;

      va_start (args, header);
      for (const char *h = header; h != NULL && match; h = va_arg (args, const char *))
        {
          const char *text = va_arg (args, const char *);
          match = g_strcmp0 (sheet_cell (sheet, r, sheet_column (sheet, h)), text) == 0;
        }
      va_end (args);
      if (match)
        return r;
    }
  return G_MAXUINT;
}

/* "BC12" → 54 (0-based). */
static guint
column_of_ref (const char *ref)
{
  guint column = 0;

  for (; g_ascii_isupper (*ref); ref++)
    column = column * 26 + (*ref - 'A' + 1);
  g_assert_cmpuint (column, >, 0);
  return column - 1;
}

static Sheet *
read_sheet (GHashTable *zip,
            const char *entry,
            GPtrArray  *shared)
{
  Sheet *sheet = g_new0 (Sheet, 1);
  xmlDoc *doc = read_xml (zip, entry);
  xmlNode *data = child (xmlDocGetRootElement (doc), "sheetData");

  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_assert_nonnull (data);

  for (xmlNode *row = data->children; row != NULL; row = row->next)
    {
      g_autofree char *r = NULL;
      GPtrArray *cells;
      guint index;

      if (!is_element (row, "row"))
        continue;
      r = dup_prop (row, "r");
      index = atoi (r) - 1;
      while (sheet->rows->len <= index)
        g_ptr_array_add (sheet->rows, g_ptr_array_new_with_free_func (g_free));
      cells = g_ptr_array_index (sheet->rows, index);

      for (xmlNode *c = row->children; c != NULL; c = c->next)
        {
          g_autofree char *ref = NULL;
          g_autofree char *type = NULL;
          char *text = NULL;
          xmlNode *v;
          guint column;

          if (!is_element (c, "c"))
            continue;
          ref = dup_prop (c, "r");
          type = dup_prop (c, "t");
          column = column_of_ref (ref);

          if (g_strcmp0 (type, "inlineStr") == 0)
            text = dup_content (child (c, "is"));
          else if ((v = child (c, "v")) != NULL)
            {
              g_autofree char *content = dup_content (v);

              if (g_strcmp0 (type, "s") == 0)
                {
                  guint s = atoi (content);
                  g_assert_cmpuint (s, <, shared->len);
                  text = g_strdup (g_ptr_array_index (shared, s));
                }
              else
                text = g_steal_pointer (&content);
            }

          while (cells->len <= column)
            g_ptr_array_add (cells, NULL);
          g_free (g_ptr_array_index (cells, column));
          g_ptr_array_index (cells, column) = text;
        }
    }

  xmlFreeDoc (doc);
  return sheet;
}

/* The workbook's sheets by name, in order, read through workbook.xml and
 * its relationships as Excel does. */
static GPtrArray *
read_workbook (const char  *path,
               GPtrArray  **names)
{
  g_autoptr(GHashTable) zip = read_zip (path);
  g_autoptr(GPtrArray) shared = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  xmlDoc *doc;

  *names = g_ptr_array_new_with_free_func (g_free);

  doc = read_xml (zip, "xl/sharedStrings.xml");
  for (xmlNode *si = xmlDocGetRootElement (doc)->children; si != NULL; si = si->next)
    if (is_element (si, "si"))
      g_ptr_array_add (shared, dup_content (si));
  xmlFreeDoc (doc);

  doc = read_xml (zip, "xl/_rels/workbook.xml.rels");
  for (xmlNode *rel = xmlDocGetRootElement (doc)->children; rel != NULL; rel = rel->next)
    if (is_element (rel, "Relationship"))
      g_hash_table_insert (targets, dup_prop (rel, "Id"), dup_prop (rel, "Target"));
  xmlFreeDoc (doc);

  doc = read_xml (zip, "xl/workbook.xml");
  for (xmlNode *s = child (xmlDocGetRootElement (doc), "sheets")->children; s != NULL; s = s->next)
    {
      xmlChar *id;
      g_autofree char *entry = NULL;

      if (!is_element (s, "sheet"))
        continue;
      id = xmlGetNsProp (s, (const xmlChar *) "id",
                         (const xmlChar *) "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
      g_assert_nonnull (id);
      entry = g_strconcat ("xl/", (const char *) g_hash_table_lookup (targets, (const char *) id), NULL);
      xmlFree (id);

      g_ptr_array_add (*names, dup_prop (s, "name"));
      g_ptr_array_add (sheets, read_sheet (zip, entry, shared));
    }
  xmlFreeDoc (doc);

  return sheets;
}

static Sheet *
get_sheet (GPtrArray  *sheets,
           GPtrArray  *names,
           const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return g_ptr_array_index (sheets, i);
  g_error ("no sheet “%s”", name);
  return NULL;
}

/* A table cell in a sheet: its number, or the text that stands for none
 * ("/"), or nothing for a blank. */
static void
assert_sheet_cell (const char *text,
                   GkCell     *cell,
                   const char *what)
{
  if (gk_cell_has_value (cell))
    assert_number (text, TRUE, gk_cell_get_value (cell), 1e-9, what);
  else if (*gk_cell_get_raw (cell) != '\0')
    g_assert_cmpstr (text, ==, gk_cell_get_raw (cell));
  else if (text != NULL)
    g_error ("%s: expected an empty cell, found “%s”", what, text);
}

static void
check_grid (Sheet      *sheet,
            GPtrArray  *reports,
            GkTableId   id)
{
  const GkKeyLabel *columns;
  guint n_columns, n_rows = 0;

  columns = id == GK_TABLE_3 ? gk_keys_t3_columns (&n_columns) : gk_keys_t4_columns (&n_columns);

  for (guint r = 0; r < reports->len; r++)
    {
      GkReport *report = g_ptr_array_index (reports, r);
      GkTable *table = gk_report_get_table (report, id);
      g_autoptr(GPtrArray) keys = gk_table_dup_row_keys (table);

      n_rows += keys->len;
      for (guint k = 0; k < keys->len; k++)
        {
          const char *row_key = g_ptr_array_index (keys, k);
          guint line = sheet_find_row (sheet, "文件", gk_report_get_source_name (report),
                                       "行键", row_key, NULL);

          g_assert_cmpuint (line, !=, G_MAXUINT);
          for (guint c = 0; c < n_columns; c++)
            {
              g_autofree char *what = g_strdup_printf ("%s t%d/%s/%s", gk_report_get_source_name (report),
                                                       (int) id, row_key, columns[c].key);

              assert_sheet_cell (sheet_cell (sheet, line, sheet_column (sheet, columns[c].label)),
                                 gk_table_lookup (table, row_key, columns[c].key), what);
            }
        }
    }
  g_assert_cmpuint (sheet->rows->len, ==, 1 + n_rows);
}

/* The report JSON carries each finding's verdict and note: a reviewed
 * library exported must not read as if nobody had looked at it. */
static void
test_json_verdict (void)
{
  g_autoptr(GPtrArray) reports = make_reports ();
  GkReport *report = g_ptr_array_index (reports, 0);
  GListModel *findings = gk_report_get_findings (report);
  g_autoptr(GkFinding) dismissed = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  guint n_dismissed = 0, n_none = 0;

  g_assert_cmpuint (g_list_model_get_n_items (findings), >=, 2);
  dismissed = g_list_model_get_item (findings, 0);
  gk_finding_set_verdict (dismissed, GK_VERDICT_DISMISSED, "已电话核实：笔误");

  node = gk_report_to_json (report);
  array = json_object_get_array_member (json_node_get_object (node), "findings");
  g_assert_cmpuint (json_array_get_length (array), ==, g_list_model_get_n_items (findings));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *jf = json_array_get_object_element (array, i);
      const char *verdict = json_object_get_string_member (jf, "verdict");

      if (g_strcmp0 (verdict, "dismissed") == 0)
        {
          n_dismissed++;
          g_assert_cmpstr (json_object_get_string_member (jf, "note"), ==, "已电话核实：笔误");
        }
      else
        {
          g_assert_cmpstr (verdict, ==, "none");
          g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (jf, "note")));
          n_none++;
        }
    }
  g_assert_cmpuint (n_dismissed, ==, 1);
  g_assert_cmpuint (n_none, ==, g_list_model_get_n_items (findings) - 1);
}

/* ---------------------------------------------------------------------- */
/* The library export (gk_library_export_write), as the app and the CLI   */

typedef struct
{
  guint         calls;
  guint         last_done;
  guint         total;
  GCancellable *cancel_after_first;
} ProgressLog;

static void
log_progress (guint    done,
              guint    total,
              gpointer user_data)
{
  ProgressLog *log = user_data;

  log->calls++;
  g_assert_cmpuint (done, ==, log->last_done + 1);
  log->last_done = done;
  log->total = total;
  if (log->cancel_after_first != NULL)
    g_cancellable_cancel (log->cancel_after_first);
}

static void
import_text (GkStore    *store,
             const char *text,
             const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (bytes, name, &error);
  GkStoreImportResult result;
  gint64 id;

  g_assert_no_error (error);
  gk_checks_run (report);
  g_assert_true (gk_store_import (store, report, bytes, &result, &id, &error));
  g_assert_no_error (error);
}

static GkStore *
make_store (char **dir)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GkStore *store;

  *dir = g_dir_make_tmp ("gk-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "library.db", NULL);
  store = gk_store_open (path, &error);
  g_assert_no_error (error);

  /* 门头沟 2020 (seed 002), the same made 2019 (so that C1 is raised
   * between them), and 大兴 2021 (seed 000). */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", "seeds", i == 0 ? SEED_002 : SEED_000, NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
      import_text (store, text, i == 0 ? SEED_002 : SEED_000);
      if (i == 0)
        {
          g_auto(GStrv) parts = g_strsplit (text, "2020", -1);
          g_autofree char *text_2019 = g_strjoinv ("2019", parts);

          import_text (store, text_2019, "mtg-2019.txt");
        }
    }
  return store;
}

static void
remove_store (GkStore *store,
              char    *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_object_unref (store);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

static void
test_library_export (void)
{
  char *dir = NULL;
  GkStore *store = make_store (&dir);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  ProgressLog log = { 0 };
  JsonArray *reports;
  guint n_reports = 0, n_c1 = 0;

  g_assert_true (gk_library_export_write (store, GK_LIBRARY_EXPORT_JSON, stream, log_progress, &log,
                                          &n_reports, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_reports, ==, 3);
  g_assert_cmpuint (log.calls, ==, 3);
  g_assert_cmpuint (log.total, ==, 3);

  g_output_stream_close (stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  reports = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "reports");
  g_assert_cmpuint (json_array_get_length (reports), ==, 3);
  for (guint r = 0; r < 3; r++)
    {
      JsonArray *findings = json_object_get_array_member (json_array_get_object_element (reports, r), "findings");

      for (guint f = 0; f < json_array_get_length (findings); f++)
        {
          JsonObject *jf = json_array_get_object_element (findings, f);

          /* The checks across reports ran, though each agency was loaded
           * on its own. */
          if (g_strcmp0 (json_object_get_string_member (jf, "rule"), "C1") == 0)
            n_c1++;
          g_assert_true (json_object_has_member (jf, "verdict"));
        }
    }
  g_assert_cmpuint (n_c1, ==, 4);

  remove_store (store, dir);
}

/* A verdict the user gave a finding across reports goes out with it,
 * though the export compares the reports afresh. */
static void
test_library_export_verdicts (void)
{
  char *dir = NULL;
  GkStore *store = make_store (&dir);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) loaded = gk_store_load_reports (store, &error);
  g_autofree char *dismissed_id = NULL;
  g_autofree char *dismissed_sha = NULL;
  JsonArray *reports;
  guint n_seen = 0, n_undecided_c1 = 0;

  g_assert_no_error (error);
  gk_cross_checks_run (loaded, NULL, NULL);
  for (guint r = 0; r < loaded->len && dismissed_id == NULL; r++)
    {
      GkReport *report = g_ptr_array_index (loaded, r);
      GListModel *findings = gk_report_get_findings (report);

      for (guint i = 0; i < g_list_model_get_n_items (findings) && dismissed_id == NULL; i++)
        {
          g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);

          if (g_strcmp0 (gk_finding_get_rule (finding), "C1") != 0)
            continue;
          dismissed_id = gk_finding_dup_id (finding);
          dismissed_sha = g_strdup (gk_report_get_sha256 (report));
          g_assert_true (gk_store_set_verdict (store, gk_store_report_id (report), dismissed_id,
                                               GK_VERDICT_DISMISSED, "已电话核实", &error));
          g_assert_no_error (error);
        }
    }
  g_assert_nonnull (dismissed_id);

  g_assert_true (gk_library_export_write (store, GK_LIBRARY_EXPORT_JSON, stream, NULL, NULL,
                                          NULL, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  reports = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "reports");
  for (guint r = 0; r < json_array_get_length (reports); r++)
    {
      JsonObject *jr = json_array_get_object_element (reports, r);
      JsonArray *findings = json_object_get_array_member (jr, "findings");
      gboolean that_report = g_strcmp0 (json_object_get_string_member (jr, "sha256"), dismissed_sha) == 0;

      for (guint f = 0; f < json_array_get_length (findings); f++)
        {
          JsonObject *jf = json_array_get_object_element (findings, f);

          if (g_strcmp0 (json_object_get_string_member (jf, "rule"), "C1") != 0)
            continue;
          if (that_report && g_strcmp0 (json_object_get_string_member (jf, "id"), dismissed_id) == 0)
            {
              g_assert_cmpstr (json_object_get_string_member (jf, "verdict"), ==, "dismissed");
              g_assert_cmpstr (json_object_get_string_member (jf, "note"), ==, "已电话核实");
              n_seen++;
            }
          else
            {
              g_assert_cmpstr (json_object_get_string_member (jf, "verdict"), ==, "none");
              n_undecided_c1++;
            }
        }
    }
  g_assert_cmpuint (n_seen, ==, 1);
  g_assert_cmpuint (n_undecided_c1, ==, 3);

  remove_store (store, dir);
}

/* Cancelled midway, the export stops with G_IO_ERROR_CANCELLED, and the
 * file it was to replace is left as it was. */
static void
test_library_export_cancel (void)
{
  char *dir = NULL;
  GkStore *store = make_store (&dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  ProgressLog log = { 0 };
  guint n_reports = 99;

  g_assert_true (g_file_set_contents (path, "before", -1, NULL));
  log.cancel_after_first = cancellable;
  g_assert_false (gk_library_export_to_file (store, GK_LIBRARY_EXPORT_CSV, file, log_progress, &log,
                                             &n_reports, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (log.calls, <, 3);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "before");

  /* An XLSX into the same file, whole this time. */
  g_clear_error (&error);
  g_assert_true (gk_library_export_to_file (store, GK_LIBRARY_EXPORT_XLSX, file, NULL, NULL,
                                            &n_reports, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_reports, ==, 3);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK"));

  remove_store (store, dir);
}

static void
test_xlsx (void)
{
  g_autoptr(GPtrArray) reports = make_reports ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gk-export-XXXXXX", &error);
  g_autofree char *path = NULL;
  Sheet *sheet;
  guint n_findings = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "library.xlsx", NULL);
  /* A reviewed finding: its verdict and note go out too. */
  {
    GListModel *findings = gk_report_get_findings (g_ptr_array_index (reports, 0));
    g_autoptr(GkFinding) finding = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (findings) && finding == NULL; i++)
      {
        g_autoptr(GkFinding) candidate = g_list_model_get_item (findings, i);

        if (g_strcmp0 (gk_finding_get_rule (candidate), "C1") == 0)
          finding = g_steal_pointer (&candidate);
      }
    g_assert_nonnull (finding);
    gk_finding_set_verdict (finding, GK_VERDICT_CONFIRMED, "已向机关核实");
  }
  g_assert_true (gk_export_xlsx_write (path, reports, &error));
  g_assert_no_error (error);

  sheets = read_workbook (path, &names);
  g_assert_cmpuint (names->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, GK_EXPORT_XLSX_SHEET_T2);
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, GK_EXPORT_XLSX_SHEET_T3);
  g_assert_cmpstr (g_ptr_array_index (names, 2), ==, GK_EXPORT_XLSX_SHEET_T4);
  g_assert_cmpstr (g_ptr_array_index (names, 3), ==, GK_EXPORT_XLSX_SHEET_INDICATORS);
  g_assert_cmpstr (g_ptr_array_index (names, 5), ==, GK_EXPORT_XLSX_SHEET_FINDINGS);

  /* Tables 3 and 4: every cell, under its Chinese column header. */
  sheet = get_sheet (sheets, names, GK_EXPORT_XLSX_SHEET_T3);
  g_assert_cmpstr (sheet_cell (sheet, 0, 0), ==, "文件");
  g_assert_cmpstr (sheet_cell (sheet, 0, 6), ==, "自然人");
  check_grid (sheet, reports, GK_TABLE_3);
  {
    guint line = sheet_find_row (sheet, "文件", "mentougou-2019.txt", "行键", "carried_out", NULL);
    g_assert_cmpstr (sheet_cell (sheet, line, sheet_column (sheet, "自然人")), ==, "5");
    g_assert_cmpstr (sheet_cell (sheet, line, sheet_column (sheet, "项目")), ==, "四、结转下年度继续办理");
    g_assert_cmpstr (sheet_cell (sheet, line, sheet_column (sheet, "年度")), ==, "2019");
  }

  sheet = get_sheet (sheets, names, GK_EXPORT_XLSX_SHEET_T4);
  g_assert_cmpstr (sheet_cell (sheet, 0, 7), ==, "结果纠正");
  check_grid (sheet, reports, GK_TABLE_4);

  /* Table 2: a line per cell. */
  sheet = get_sheet (sheets, names, GK_EXPORT_XLSX_SHEET_T2);
  {
    guint n_cells = 0;

    for (guint r = 0; r < reports->len; r++)
      {
        GkReport *report = g_ptr_array_index (reports, r);
        GkTable *table = gk_report_get_table (report, GK_TABLE_2);

        for (guint i = 0; i < gk_table_get_n_cells (table); i++, n_cells++)
          {
            GkCell *cell = gk_table_get_cell (table, i);
            g_autofree char *what = gk_cell_dup_key (cell);
            guint line = sheet_find_row (sheet, "文件", gk_report_get_source_name (report),
                                         "行键", gk_cell_get_row (cell),
                                         "列键", gk_cell_get_column (cell), NULL);

            g_assert_cmpuint (line, !=, G_MAXUINT);
            assert_sheet_cell (sheet_cell (sheet, line, sheet_column (sheet, "数值")), cell, what);
            g_assert_cmpstr (sheet_cell (sheet, line, sheet_column (sheet, "原文")), ==,
                             *gk_cell_get_raw (cell) ? gk_cell_get_raw (cell) : NULL);
          }
      }
    g_assert_cmpuint (sheet->rows->len, ==, 1 + n_cells);

    /* Seed 002: "+2450" is the number 2450; the amount keeps its decimals. */
    assert_number (sheet_cell (sheet, sheet_find_row (sheet, "文件", "mentougou-2019.txt", "行键", "penalty",
                                                      "列键", "change", NULL),
                               sheet_column (sheet, "数值")),
                   TRUE, 2450, 0, "penalty/change");
    assert_number (sheet_cell (sheet, sheet_find_row (sheet, "文件", "mentougou-2019.txt", "行键", "procurement",
                                                      "列键", "amount", NULL),
                               sheet_column (sheet, "数值")),
                   TRUE, 81184.6411, 1e-9, "procurement/amount");
  }

  /* Indicators: a line per report, empty where there is no value. */
  sheet = get_sheet (sheets, names, GK_EXPORT_XLSX_SHEET_INDICATORS);
  g_assert_cmpuint (sheet->rows->len, ==, 1 + reports->len);
  for (guint r = 0; r < reports->len; r++)
    {
      GkReport *report = g_ptr_array_index (reports, r);

      g_assert_cmpstr (sheet_cell (sheet, r + 1, 0), ==, gk_report_get_source_name (report));
      for (guint i = 0; i < GK_N_INDICATORS; i++)
        {
          GkIndicatorResult result;
          g_autofree char *what = g_strdup_printf ("%s %s", gk_report_get_source_name (report),
                                                   gk_indicator_get_key (i));

          gk_indicator_compute (report, i, &result);
          g_assert_cmpstr (sheet_cell (sheet, 0, 4 + i), ==, gk_indicator_get_name (i));
          assert_number (sheet_cell (sheet, r + 1, 4 + i), result.state == GK_INDICATOR_HAS_VALUE,
                         result.value, 1e-12, what);
        }
    }
  assert_number (sheet_cell (sheet, 2, sheet_column (sheet, "实质公开率")), TRUE, 107.0 / 212.0, 1e-12, "seed 002");

  /* Findings: a line each, a C1 naming the other report. */
  sheet = get_sheet (sheets, names, GK_EXPORT_XLSX_SHEET_FINDINGS);
  for (guint r = 0; r < reports->len; r++)
    n_findings += g_list_model_get_n_items (gk_report_get_findings (g_ptr_array_index (reports, r)));
  g_assert_cmpuint (sheet->rows->len, ==, 1 + n_findings);
  {
    guint line = sheet_find_row (sheet, "文件", "mentougou-2019.txt", "规则", "C1", NULL);

    g_assert_cmpuint (line, !=, G_MAXUINT);
    g_assert_cmpstr (sheet_cell (sheet, line, sheet_column (sheet, "对照报告")), ==,
                     gk_report_get_sha256 (g_ptr_array_index (reports, 1)));
    g_assert_cmpstr (sheet_cell (sheet, line, sheet_column (sheet, "单元格")), ==, "t3/carried_out/natural");
    g_assert_cmpstr (sheet_cell (sheet, line, sheet_column (sheet, "评定")), ==, "confirmed");
    g_assert_cmpstr (sheet_cell (sheet, line, sheet_column (sheet, "备注")), ==, "已向机关核实");
    line = sheet_find_row (sheet, "文件", "mentougou-2019.txt", "评定", "none", NULL);
    g_assert_cmpuint (line, !=, G_MAXUINT);
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* A file that cannot be written is a GError, not a crash. */
static void
test_xlsx_unwritable (void)
{
  g_autoptr(GPtrArray) reports = make_reports ();
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      /* libxlsxwriter says so on standard error too. */
      g_assert_false (gk_export_xlsx_write ("/nonexistent-folder/library.xlsx", reports, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "/nonexistent-folder/library.xlsx"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/csv", test_csv);
  g_test_add_func ("/export/indicators-csv", test_indicators_csv);
  g_test_add_func ("/export/json", test_json);
  g_test_add_func ("/export/json/verdict", test_json_verdict);
  g_test_add_func ("/export/library", test_library_export);
  g_test_add_func ("/export/library/cancel", test_library_export_cancel);
  g_test_add_func ("/export/library/verdicts", test_library_export_verdicts);
  g_test_add_func ("/export/xlsx", test_xlsx);
  g_test_add_func ("/export/xlsx/unwritable", test_xlsx_unwritable);

  return g_test_run ();
}
