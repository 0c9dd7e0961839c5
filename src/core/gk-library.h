/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "gk-agency.h"
#include "gk-import-outcome.h"
#include "gk-report.h"
#include "gk-store.h"

G_BEGIN_DECLS

#define GK_TYPE_LIBRARY (gk_library_get_type ())

G_DECLARE_FINAL_TYPE (GkLibrary, gk_library, GK, LIBRARY, GObject)

GkLibrary  *gk_library_new              (GkStore     *store);
GkStore    *gk_library_get_store        (GkLibrary   *self);
gboolean    gk_library_load             (GkLibrary   *self,
                                         GError     **error);
void        gk_library_load_async       (GkLibrary           *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    gk_library_load_finish      (GkLibrary   *self,
                                         GAsyncResult *result,
                                         GError     **error);
void        gk_library_load_contents_async  (GkLibrary           *self,
                                             GkReport            *report,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    gk_library_load_contents_finish (GkLibrary           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
GListModel *gk_library_get_agencies     (GkLibrary   *self);
GkAgency   *gk_library_find_agency      (GkLibrary   *self,
                                         const char  *name);
GkAgency   *gk_library_find_agency_of   (GkLibrary   *self,
                                         GkReport    *report);
void        gk_library_add_report       (GkLibrary   *self,
                                         GkReport    *report);
void        gk_library_add_outcomes     (GkLibrary   *self,
                                         GPtrArray   *outcomes);
gboolean    gk_library_remove_report    (GkLibrary   *self,
                                         GkReport    *report,
                                         GError     **error);
gboolean    gk_library_correct_agency   (GkLibrary   *self,
                                         GkReport    *report,
                                         const char  *agency,
                                         GError     **error);
gboolean    gk_library_correct_year     (GkLibrary   *self,
                                         GkReport    *report,
                                         int          year,
                                         GError     **error);
gboolean    gk_library_set_verdict      (GkLibrary   *self,
                                         GkReport    *report,
                                         GkFinding   *finding,
                                         GkVerdict    verdict,
                                         const char  *note,
                                         GError     **error);
gboolean    gk_library_merge_agencies   (GkLibrary   *self,
                                         const char  *alias,
                                         const char  *canonical,
                                         GError     **error);
gboolean    gk_library_set_active_version (GkLibrary        *self,
                                           GkReport         *report,
                                           GError          **error);
gboolean    gk_library_reparse          (GkLibrary           *self,
                                         GkReport            *report,
                                         GkStoreParseFunc     parse,
                                         GError             **error);
GkReport   *gk_library_find_report      (GkLibrary           *self,
                                         gint64               id);
GkReport   *gk_library_find_report_by_sha256 (GkLibrary      *self,
                                              const char     *sha256);
void        gk_library_check_agency     (GkLibrary           *self,
                                         const char          *agency);
gboolean    gk_library_is_checking      (GkLibrary           *self);
void        gk_library_list_findings_async  (GkLibrary           *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray  *gk_library_list_findings_finish (GkLibrary           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
