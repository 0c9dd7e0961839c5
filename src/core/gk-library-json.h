/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-library-json.h: many reports as one JSON document, each as
 * gk_report_to_json() writes it plus its indicators. */

#pragma once

#include <json-glib/json-glib.h>

#include "gk-report.h"

G_BEGIN_DECLS

JsonNode *gk_library_json_indicators   (GkReport  *report);
void      gk_library_json_append_begin (GString   *out);
void      gk_library_json_append_report (GString  *out,
                                         GkReport *report,
                                         gboolean  first);
void      gk_library_json_append_end   (GString   *out,
                                        gboolean   empty);

G_END_DECLS
