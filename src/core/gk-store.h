/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-store.h: the library, an SQLite database of imported reports. */

#pragma once

#include <gio/gio.h>

#include "gk-report.h"

G_BEGIN_DECLS

#define GK_STORE_ERROR (gk_store_error_quark ())

/**
 * GkStoreError:
 * @GK_STORE_ERROR_FAILED: a database error not covered below
 * @GK_STORE_ERROR_CORRUPT: the file is damaged, or is not a Gongkai
 *   library; gk_store_set_aside() moves it out of the way
 * @GK_STORE_ERROR_NEWER_SCHEMA: the library was written by a newer
 *   version of Gongkai
 * @GK_STORE_ERROR_NOT_FOUND: no report with that id, or no such file
 * @GK_STORE_ERROR_BUSY: another program holds the library locked
 * @GK_STORE_ERROR_NO_SPACE: the disk is full
 * @GK_STORE_ERROR_READ_ONLY: the library or its folder cannot be written
 * @GK_STORE_ERROR_INVALID: the request itself makes no sense (an empty
 *   agency name, a year out of range, a report whose SHA-256 is not one
 *   or belongs to other bytes than the library holds)
 */
typedef enum
{
  GK_STORE_ERROR_FAILED,
  GK_STORE_ERROR_CORRUPT,
  GK_STORE_ERROR_NEWER_SCHEMA,
  GK_STORE_ERROR_NOT_FOUND,
  GK_STORE_ERROR_BUSY,
  GK_STORE_ERROR_NO_SPACE,
  GK_STORE_ERROR_READ_ONLY,
  GK_STORE_ERROR_INVALID,
} GkStoreError;

/**
 * GkStoreImportResult:
 * @GK_STORE_IMPORT_ADDED: a new report
 * @GK_STORE_IMPORT_DUPLICATE: the same bytes were imported before; nothing
 *   was written and the id is the earlier import's
 * @GK_STORE_IMPORT_NEW_VERSION: the library already holds a report of the
 *   same agency and year: this one is kept beside it as another version,
 *   not the active one
 */
typedef enum
{
  GK_STORE_IMPORT_ADDED,
  GK_STORE_IMPORT_DUPLICATE,
  GK_STORE_IMPORT_NEW_VERSION,
} GkStoreImportResult;

/* How the library's schema is numbered (PRAGMA user_version). */
#define GK_STORE_SCHEMA_VERSION 5

/**
 * GkStoreParseFunc:
 *
 * What gk_store_reparse() calls to parse a report's original bytes again;
 * gk_parse_bytes() has this signature.
 */
typedef GkReport *(*GkStoreParseFunc) (GBytes      *bytes,
                                       const char  *source_name,
                                       GError     **error);

/**
 * GkStoreImportItem:
 * @report: the parse of @original_bytes
 * @original_bytes: the file as it was read
 * @result: (out): what happened, filled in by gk_store_import_many()
 * @report_id: (out): the report's id, filled in by gk_store_import_many()
 */
typedef struct
{
  GkReport            *report;
  GBytes              *original_bytes;
  GkStoreImportResult  result;
  gint64               report_id;
} GkStoreImportItem;

/**
 * GkStoreFinding:
 * @report_id: the report's id
 * @agency: (nullable): the report's agency, corrections and merges applied
 * @year: the report's year, corrections applied; 0 when unknown
 * @rule: the rule, e.g. "R1" or "C1"
 * @severity: how bad
 * @message: what is wrong, as the check said it
 * @finding_id: gk_finding_dup_id() of the finding
 * @other_report: (nullable): the SHA-256 of the other report of a finding
 *   across reports
 * @verdict: what the user decided
 *
 * One row of gk_store_list_findings(): a failed finding without its cells.
 */
typedef struct
{
  gint64      report_id;
  char       *agency;
  int         year;
  char       *rule;
  GkSeverity  severity;
  char       *message;
  char       *finding_id;
  char       *other_report;
  GkVerdict   verdict;
} GkStoreFinding;

void gk_store_finding_free (GkStoreFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkStoreFinding, gk_store_finding_free)

#define GK_TYPE_STORE (gk_store_get_type ())

G_DECLARE_FINAL_TYPE (GkStore, gk_store, GK, STORE, GObject)

GQuark      gk_store_error_quark        (void);

char       *gk_store_default_path       (void);
GkStore    *gk_store_open               (const char           *path,
                                         GError              **error);
const char *gk_store_get_path           (GkStore              *self);
gboolean    gk_store_set_aside          (const char           *path,
                                         char                **moved_to,
                                         GError              **error);

gboolean    gk_store_import             (GkStore              *self,
                                         GkReport             *report,
                                         GBytes               *original_bytes,
                                         GkStoreImportResult  *result,
                                         gint64               *report_id,
                                         GError              **error);
gboolean    gk_store_import_many        (GkStore              *self,
                                         GkStoreImportItem    *items,
                                         gsize                 n_items,
                                         GError              **error);

GPtrArray  *gk_store_list_reports       (GkStore              *self,
                                         GError              **error);
GPtrArray  *gk_store_load_reports       (GkStore              *self,
                                         GError              **error);
gboolean    gk_store_load_contents      (GkStore              *self,
                                         GkReport             *report,
                                         GError              **error);
GkReport   *gk_store_load_report        (GkStore              *self,
                                         gint64                id,
                                         GError              **error);
GBytes     *gk_store_load_original      (GkStore              *self,
                                         gint64                id,
                                         GError              **error);
guint       gk_store_count_reports      (GkStore              *self,
                                         GError              **error);
gboolean    gk_store_remove_report      (GkStore              *self,
                                         gint64                id,
                                         GError              **error);
gboolean    gk_store_set_active_version (GkStore              *self,
                                         gint64                id,
                                         GError              **error);

gboolean    gk_store_correct_agency     (GkStore              *self,
                                         gint64                id,
                                         const char           *agency,
                                         GError              **error);
gboolean    gk_store_correct_year       (GkStore              *self,
                                         gint64                id,
                                         int                   year,
                                         GError              **error);
gboolean    gk_store_merge_agency       (GkStore              *self,
                                         const char           *alias,
                                         const char           *canonical,
                                         GError              **error);
gboolean    gk_store_unmerge_agency     (GkStore              *self,
                                         const char           *alias,
                                         GError              **error);
GHashTable *gk_store_dup_agency_aliases (GkStore              *self,
                                         GError              **error);
void        gk_store_apply_corrections  (GkStore              *self,
                                         GkReport             *report);

gboolean    gk_store_replace_parse      (GkStore              *self,
                                         gint64                id,
                                         GkReport             *new_parse,
                                         GError              **error);
GkReport   *gk_store_reparse            (GkStore              *self,
                                         gint64                id,
                                         GkStoreParseFunc      parse,
                                         GError              **error);

gboolean    gk_store_apply_verdicts     (GkStore              *self,
                                         GkReport             *report,
                                         GError              **error);
gboolean    gk_store_set_verdict        (GkStore              *self,
                                         gint64                id,
                                         const char           *finding_id,
                                         GkVerdict             verdict,
                                         const char           *note,
                                         GError              **error);

GPtrArray  *gk_store_load_cross_group   (GkStore              *self,
                                         const char           *agency,
                                         GError              **error);
gboolean    gk_store_settle_lone_agency (GkStore              *self,
                                         const char           *agency,
                                         gboolean             *settled,
                                         GError              **error);
gboolean    gk_store_replace_cross_findings (GkStore          *self,
                                             const char       *agency,
                                             GPtrArray        *reports,
                                             GError          **error);
gboolean    gk_store_add_cross_pending  (GkStore              *self,
                                         const char * const   *agencies,
                                         GError              **error);
GStrv       gk_store_dup_cross_pending  (GkStore              *self,
                                         GError              **error);
gboolean    gk_store_refresh_report     (GkStore              *self,
                                         GkReport             *report,
                                         GError              **error);
GPtrArray  *gk_store_list_findings      (GkStore              *self,
                                         GError              **error);

gint64      gk_store_report_id          (GkReport             *report);
guint       gk_store_report_version     (GkReport             *report);
gboolean    gk_store_report_is_active   (GkReport             *report);
gint64      gk_store_report_imported_at (GkReport             *report);

G_END_DECLS
