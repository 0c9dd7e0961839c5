/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-library-json"

#include "config.h"

#include <math.h>

#include "gk-indicators.h"
#include "gk-library-json.h"
#include "gk-report-json.h"

/* A whole library as one JSON document:
 *
 *   { "generator": "gongkai 0.1.0",
 *     "indicators": [ { "key", "name", "formula", "formula_zh",
 *                       "title", "denominator" } … ],
 *     "reports": [ { …gk_report_to_json()…,
 *                    "indicators": { "disclosed_rate": { "value",
 *                      "numerator", "denominator", "state" } … } } … ] }
 *
 * The indicators are defined once at the top and valued per report, so a
 * tool reading the file knows what each number is a share of.  The
 * document is written a report at a time (begin, report…, end): a library
 * of thousands of reports never has to exist as one tree in memory. */

static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else if (fabs (value - round (value)) < 1e-9 && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) round (value));
  else
    json_builder_add_double_value (builder, value);
}

static const char *
state_to_string (GkIndicatorState state)
{
  switch (state)
    {
    case GK_INDICATOR_HAS_VALUE:        return "value";
    case GK_INDICATOR_ZERO_DENOMINATOR: return "zero-denominator";
    case GK_INDICATOR_MISSING_INPUT:
    default:                            return "missing-input";
    }
}

/**
 * gk_library_json_indicators:
 *
 * Returns: (transfer full): an object with a member per indicator key:
 *   value (null when there is none), numerator and denominator (null when
 *   unknown, or for a count), and state ("value", "missing-input" or
 *   "zero-denominator")
 */
JsonNode *
gk_library_json_indicators (GkReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GK_IS_REPORT (report), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < GK_N_INDICATORS; i++)
    {
      GkIndicatorResult result;
      gboolean has_numerator, has_denominator;

      gk_indicator_compute (report, i, &result);
      /* A missing input leaves the sums it stopped at unknown. */
      has_numerator = result.state != GK_INDICATOR_MISSING_INPUT;
      has_denominator = has_numerator && gk_indicator_is_rate (i);

      json_builder_set_member_name (builder, gk_indicator_get_key (i));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      if (result.state == GK_INDICATOR_HAS_VALUE)
        add_number (builder, result.value);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "numerator");
      if (has_numerator)
        add_number (builder, result.numerator);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "denominator");
      if (has_denominator)
        add_number (builder, result.denominator);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, state_to_string (result.state));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
definitions_to_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < GK_N_INDICATORS; i++)
    {
      const char *denominator = gk_indicator_get_denominator (i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, gk_indicator_get_key (i));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, gk_indicator_get_name (i));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, gk_indicator_get_title (i));
      json_builder_set_member_name (builder, "rate");
      json_builder_add_boolean_value (builder, gk_indicator_is_rate (i));
      json_builder_set_member_name (builder, "formula");
      json_builder_add_string_value (builder, gk_indicator_get_formula (i));
      json_builder_set_member_name (builder, "formula_zh");
      json_builder_add_string_value (builder, gk_indicator_get_formula_zh (i));
      json_builder_set_member_name (builder, "denominator");
      if (denominator != NULL)
        json_builder_add_string_value (builder, denominator);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

/**
 * gk_library_json_append_begin:
 *
 * Appends the start of the document, up to the opening of "reports".
 */
void
gk_library_json_append_begin (GString *out)
{
  g_autoptr(JsonNode) definitions = definitions_to_json ();

  g_return_if_fail (out != NULL);

  g_string_append (out, "{\n  \"generator\": \"gongkai " PACKAGE_VERSION "\",\n  \"indicators\": ");
  gk_report_json_append_node (out, definitions, TRUE, 1);
  g_string_append (out, ",\n  \"reports\": [");
}

/**
 * gk_library_json_append_report:
 * @first: whether @report is the first of the document
 *
 * Appends one element of "reports".
 */
void
gk_library_json_append_report (GString  *out,
                               GkReport *report,
                               gboolean  first)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (GK_IS_REPORT (report));

  node = gk_report_to_json (report);
  json_object_set_member (json_node_get_object (node), "indicators",
                          gk_library_json_indicators (report));

  g_string_append (out, first ? "\n    " : ",\n    ");
  gk_report_json_append_node (out, node, TRUE, 2);
}

/**
 * gk_library_json_append_end:
 * @empty: whether no report was appended
 *
 * Appends the end of the document and a final line end.
 */
void
gk_library_json_append_end (GString  *out,
                            gboolean  empty)
{
  g_return_if_fail (out != NULL);
  g_string_append (out, empty ? "]\n}\n" : "\n  ]\n}\n");
}
