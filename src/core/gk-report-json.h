/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-report-json.h: a report as JSON, with the stable keys of
 * report-format.md §11, for scripts and other tools. */

#pragma once

#include <json-glib/json-glib.h>

#include "gk-report.h"

G_BEGIN_DECLS

JsonNode *gk_report_to_json          (GkReport   *report);
void      gk_report_json_append_node (GString    *out,
                                      JsonNode   *node,
                                      gboolean    pretty,
                                      guint       depth);
char     *gk_report_json_to_string   (JsonNode   *node,
                                      gboolean    pretty);

G_END_DECLS
