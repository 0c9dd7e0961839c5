/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "gk-report.h"

G_BEGIN_DECLS

#define GK_TYPE_AGENCY (gk_agency_get_type ())

G_DECLARE_FINAL_TYPE (GkAgency, gk_agency, GK, AGENCY, GObject)

GkAgency   *gk_agency_new            (const char *name);
const char *gk_agency_get_name       (GkAgency   *self);
guint       gk_agency_get_n_reports  (GkAgency   *self);
guint       gk_agency_get_n_errors   (GkAgency   *self);
char       *gk_agency_dup_years_text (GkAgency   *self);
void        gk_agency_add_report     (GkAgency   *self,
                                      GkReport   *report);
gboolean    gk_agency_remove_report  (GkAgency   *self,
                                      GkReport   *report);
void        gk_agency_refresh        (GkAgency   *self);

gboolean    gk_report_has_errors     (GkReport   *report);

G_END_DECLS
