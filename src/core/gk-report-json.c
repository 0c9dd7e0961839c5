/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-report-json"

#include "config.h"

#include <math.h>

#include "gk-report-json.h"

/* A report as JSON: what the parser read (metadata with its evidence, the
 * sections, every cell with its raw text and class) and what the checks
 * found.  Keys are the ASCII keys of report-format.md §11 so that the
 * output compares across tools and versions.  Unknown numbers (line 0,
 * year 0, a cell without a value) are null rather than 0, because 0 is a
 * real value in these reports. */

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_line_member (JsonBuilder *builder,
                 guint        line)
{
  json_builder_set_member_name (builder, "line");
  if (line > 0)
    json_builder_add_int_value (builder, line);
  else
    json_builder_add_null_value (builder);
}

static void
add_cell (JsonBuilder *builder,
          GkCell      *cell)
{
  json_builder_begin_object (builder);

  add_string_member (builder, "table", gk_table_id_to_key (gk_cell_get_table (cell)));
  add_string_member (builder, "row", gk_cell_get_row (cell));
  add_string_member (builder, "column", gk_cell_get_column (cell));
  add_string_member (builder, "raw", gk_cell_get_raw (cell));

  json_builder_set_member_name (builder, "value");
  if (!gk_cell_has_value (cell) || !isfinite (gk_cell_get_value (cell)))
    json_builder_add_null_value (builder);
  else if (gk_cell_is_integer (cell) && fabs (gk_cell_get_value (cell)) < 1e15)
    /* Counts are integers: written as such, not as 12.0. */
    json_builder_add_int_value (builder, (gint64) gk_cell_get_value (cell));
  else
    json_builder_add_double_value (builder, gk_cell_get_value (cell));

  add_string_member (builder, "class", gk_value_class_to_string (gk_cell_get_value_class (cell)));
  add_line_member (builder, gk_cell_get_line (cell));
  json_builder_set_member_name (builder, "ambiguous");
  json_builder_add_boolean_value (builder, gk_cell_get_ambiguous (cell));

  json_builder_end_object (builder);
}

static void
add_table (JsonBuilder *builder,
           GkTable     *table)
{
  guint n_cells;

  if (table == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_string_member (builder, "template", gk_template_to_string (gk_table_get_template (table)));
  add_line_member (builder, gk_table_get_line (table));

  json_builder_set_member_name (builder, "cells");
  json_builder_begin_array (builder);
  n_cells = gk_table_get_n_cells (table);
  for (guint i = 0; i < n_cells; i++)
    add_cell (builder, gk_table_get_cell (table, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

static void
add_finding (JsonBuilder *builder,
             GkFinding   *finding)
{
  g_autofree char *id = gk_finding_dup_id (finding);
  const char * const *cells = gk_finding_get_cells (finding);

  json_builder_begin_object (builder);

  add_string_member (builder, "id", id);
  add_string_member (builder, "rule", gk_finding_get_rule (finding));
  add_string_member (builder, "severity", gk_severity_to_string (gk_finding_get_severity (finding)));
  add_string_member (builder, "status", gk_finding_status_to_string (gk_finding_get_status (finding)));
  add_string_member (builder, "subject", gk_finding_get_subject (finding));
  add_string_member (builder, "message", gk_finding_get_message (finding));
  add_string_member (builder, "expected", gk_finding_get_expected (finding));
  add_string_member (builder, "found", gk_finding_get_found (finding));
  /* Only findings across reports have it: the SHA-256 of the other one. */
  add_string_member (builder, "other_report", gk_finding_get_other_report (finding));
  add_line_member (builder, gk_finding_get_line (finding));
  /* What the evaluator decided: an export must carry it, or a reviewed
   * library reads as if nobody had looked at it. */
  add_string_member (builder, "verdict", gk_verdict_to_string (gk_finding_get_verdict (finding)));
  add_string_member (builder, "note", gk_finding_get_note (finding));

  json_builder_set_member_name (builder, "cells");
  json_builder_begin_array (builder);
  for (guint i = 0; cells != NULL && cells[i] != NULL; i++)
    json_builder_add_string_value (builder, cells[i]);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

/**
 * gk_report_to_json:
 * @report: a parsed (and usually checked) report
 *
 * Returns: (transfer full): the report as a JSON object
 */
JsonNode *
gk_report_to_json (GkReport *report)
{
  g_autoptr(JsonBuilder) builder = NULL;
  GListModel *findings;
  guint n_findings;
  int year;

  g_return_val_if_fail (GK_IS_REPORT (report), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  add_string_member (builder, "source", gk_report_get_source_name (report));
  add_string_member (builder, "sha256", gk_report_get_sha256 (report));
  add_string_member (builder, "format", gk_format_to_string (gk_report_get_format (report)));
  add_string_member (builder, "encoding", gk_report_get_encoding (report));

  json_builder_set_member_name (builder, "agency");
  json_builder_begin_object (builder);
  add_string_member (builder, "name", gk_report_get_agency (report));
  add_string_member (builder, "evidence", gk_report_get_agency_evidence (report));
  add_line_member (builder, gk_report_get_agency_line (report));
  json_builder_set_member_name (builder, "confidence");
  json_builder_add_double_value (builder, gk_report_get_agency_confidence (report));
  json_builder_end_object (builder);

  year = gk_report_get_year (report);
  json_builder_set_member_name (builder, "year");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  if (year > 0)
    json_builder_add_int_value (builder, year);
  else
    json_builder_add_null_value (builder);
  add_string_member (builder, "evidence", gk_report_get_year_evidence (report));
  add_line_member (builder, gk_report_get_year_line (report));
  json_builder_set_member_name (builder, "confidence");
  json_builder_add_double_value (builder, gk_report_get_year_confidence (report));
  json_builder_end_object (builder);

  add_string_member (builder, "template", gk_template_to_string (gk_report_get_template (report)));

  /* Always six entries, 一 to 六, so that an index names a section. */
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      const char *text = gk_report_get_section (report, i);

      if (text == NULL)
        {
          json_builder_add_null_value (builder);
          continue;
        }
      json_builder_begin_object (builder);
      add_string_member (builder, "text", text);
      add_line_member (builder, gk_report_get_section_line (report, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "tables");
  json_builder_begin_object (builder);
  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      json_builder_set_member_name (builder, gk_table_id_to_key (id));
      add_table (builder, gk_report_get_table (report, id));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  findings = gk_report_get_findings (report);
  n_findings = g_list_model_get_n_items (findings);
  for (guint i = 0; i < n_findings; i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      add_finding (builder, finding);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
append_indent (GString *out,
               gboolean pretty,
               guint    depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_string (GString    *out,
               const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest decimal that reads back as the same double: 81184.6411
 * rather than the 81184.641099999993 of a fixed 17 digits. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  /* g_ascii_formatd writes a decimal point whatever the locale, and takes
   * no '*' precision, hence the format built per try. */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    append_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    append_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

/**
 * gk_report_json_append_node:
 * @out: where to append
 * @node: any JSON node
 * @pretty: whether to indent by two spaces, one member or element a line
 * @depth: the indentation level @node starts at, for writing the elements
 *   of a long array one at a time
 *
 * Writes @node as JSON.  Unlike #JsonGenerator in json-glib 1.6 this writes
 * the shortest form of a double that reads back unchanged, and "key": value
 * without a space before the colon, as jq and most tools do.
 */
void
gk_report_json_append_node (GString  *out,
                            JsonNode *node,
                            gboolean  pretty,
                            guint     depth)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (node != NULL);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_indent (out, pretty, depth + 1);
            append_string (out, name);
            g_string_append (out, pretty ? ": " : ":");
            gk_report_json_append_node (out, member, pretty, depth + 1);
          }
        if (!first)
          append_indent (out, pretty, depth);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_indent (out, pretty, depth + 1);
            gk_report_json_append_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        if (length > 0)
          append_indent (out, pretty, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      append_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * gk_report_json_to_string:
 *
 * Returns: (transfer full): @node as JSON text, without a final newline
 */
char *
gk_report_json_to_string (JsonNode *node,
                          gboolean  pretty)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  gk_report_json_append_node (out, node, pretty, 0);
  return g_string_free (out, FALSE);
}
