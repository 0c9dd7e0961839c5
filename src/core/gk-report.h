/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "gk-finding.h"
#include "gk-report-summary.h"
#include "gk-table.h"
#include "gk-types.h"

G_BEGIN_DECLS

#define GK_TYPE_REPORT (gk_report_get_type ())

G_DECLARE_FINAL_TYPE (GkReport, gk_report, GK, REPORT, GObject)

/* The six sections of report-format.md §2, 一 to 六. */
#define GK_N_SECTIONS 6

GkReport    *gk_report_new                 (void);

const char  *gk_report_get_source_name     (GkReport    *self);
void         gk_report_set_source_name     (GkReport    *self,
                                            const char  *source_name);
const char  *gk_report_get_sha256          (GkReport    *self);
void         gk_report_set_sha256          (GkReport    *self,
                                            const char  *sha256);
const char  *gk_report_get_encoding        (GkReport    *self);
void         gk_report_set_encoding        (GkReport    *self,
                                            const char  *encoding);
GkFormat     gk_report_get_format          (GkReport    *self);
void         gk_report_set_format          (GkReport    *self,
                                            GkFormat     format);

const char  *gk_report_get_agency          (GkReport    *self);
const char  *gk_report_get_agency_evidence (GkReport    *self);
guint        gk_report_get_agency_line     (GkReport    *self);
double       gk_report_get_agency_confidence (GkReport  *self);
void         gk_report_set_agency          (GkReport    *self,
                                            const char  *agency,
                                            const char  *evidence,
                                            guint        line,
                                            double       confidence);

int          gk_report_get_year            (GkReport    *self);
const char  *gk_report_get_year_evidence   (GkReport    *self);
guint        gk_report_get_year_line       (GkReport    *self);
double       gk_report_get_year_confidence (GkReport    *self);
void         gk_report_set_year            (GkReport    *self,
                                            int          year,
                                            const char  *evidence,
                                            guint        line,
                                            double       confidence);

GkTemplate   gk_report_get_template        (GkReport    *self);
void         gk_report_set_template        (GkReport    *self,
                                            GkTemplate   template_);

const char  *gk_report_get_section         (GkReport    *self,
                                            guint        index);
guint        gk_report_get_section_line    (GkReport    *self,
                                            guint        index);
void         gk_report_set_section         (GkReport    *self,
                                            guint        index,
                                            const char  *text,
                                            guint        line);

GkTable     *gk_report_get_table           (GkReport    *self,
                                            GkTableId    table);
void         gk_report_set_table           (GkReport    *self,
                                            GkTable     *table);
GkCell      *gk_report_lookup_cell         (GkReport    *self,
                                            GkTableId    table,
                                            const char  *row,
                                            const char  *column);

GListModel  *gk_report_get_findings        (GkReport    *self);
void         gk_report_add_finding         (GkReport    *self,
                                            GkFinding   *finding);
void         gk_report_remove_findings     (GkReport    *self,
                                            gboolean   (*predicate) (GkFinding *finding,
                                                                     gpointer   user_data),
                                            gpointer     user_data);
guint        gk_report_count_findings      (GkReport    *self,
                                            GkFindingStatus status,
                                            int          severity);

const GkReportSummary *gk_report_get_summary (GkReport  *self);
void         gk_report_set_summary         (GkReport    *self,
                                            const GkReportSummary *summary);
gboolean     gk_report_has_contents        (GkReport    *self);
void         gk_report_drop_contents       (GkReport    *self);
void         gk_report_take_contents       (GkReport    *self,
                                            GkReport    *from);

G_END_DECLS
