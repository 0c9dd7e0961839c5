/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-report-docx.h: renders a GkReport as a Word document (.docx): a
 * paragraph per line of prose, the tables with the templates' merged cells
 * as w:gridSpan and w:vMerge (gk-report-spans.h), rows shorter than their
 * table closed with w:gridAfter, text split into runs as Word splits it.
 * The zip is written with libarchive.  Used by the format tests and by the
 * benchmark's corpus generator; not part of the app. */

#pragma once

#include <glib.h>

#include "gk-core.h"

G_BEGIN_DECLS

#define GK_DOCX_W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* word/document.xml of @report, UTF-8. */
char   *gk_report_write_docx_xml (GkReport     *report);

/* A .docx holding @document_xml as word/document.xml, with the parts a
 * Word document needs around it.  @padding spaces are put after the XML
 * declaration: white space compresses about a thousand times, which makes
 * a zip bomb of any size in little time and memory. */
GBytes *gk_docx_pack             (const char   *document_xml,
                                  gsize         padding,
                                  GError      **error);

GBytes *gk_report_write_docx     (GkReport     *report,
                                  GError      **error);

/* A zip of the entries @names (NULL-terminated) holding @contents, for
 * packages that are not quite Word documents. */
GBytes *gk_zip_pack              (const char * const *names,
                                  const char * const *contents,
                                  GError            **error);

G_END_DECLS
