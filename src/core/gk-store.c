/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-store"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gk-store.h"
#include "gk-cross-checks.h"

/* The library: one SQLite database holding every imported report.
 *
 * A report is stored with its original bytes, so that it can be parsed
 * again when the parser improves and opened again in its own program, and
 * with everything the parser and the checks made of it: metadata, the six
 * sections, every cell and every finding.  The user's corrections (an
 * agency or a year, and agency names merged into one) live in tables of
 * their own and are applied when a report is loaded, so that a new parse
 * replaces the parsed metadata without losing them.
 *
 * Two reports of the same agency and year are versions of each other; one
 * of them is active (the first imported, until the user says otherwise).
 * To find a report's versions without reading every report, each row
 * carries its effective agency and year (parsed values with corrections and
 * merges applied) in eff_agency/eff_year; they are derived data, refreshed
 * whenever a correction or a merge changes them.
 *
 * Speed: the app imports thousands of reports at a time.  Statements are
 * prepared once and cached; what the parser made of a report is written
 * as one row of JSON rather than hundreds of rows (see the contents
 * table); the WAL with synchronous=NORMAL commits without waiting for the
 * disk, and copying the WAL into the database happens in a thread of the
 * store's own (see checkpointer_thread()).  gk_store_import_many() saves
 * the rest of a commit's cost by putting several reports in one
 * transaction.
 *
 * Threads: the connection is opened with SQLITE_OPEN_FULLMUTEX and every
 * public function holds the store's mutex for its whole transaction, so a
 * worker thread may import while the main thread reads.  The cached
 * statements are shared, which is why the mutex covers more than SQLite's
 * own. */

struct _GkStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *stmts;  /* SQL text (static) → sqlite3_stmt */
  GMutex      mutex;

  /* Checkpoints in the background (see wal_hook_cb()). */
  GThread    *checkpointer;
  GMutex      checkpoint_mutex;
  GCond       checkpoint_cond;
  gboolean    checkpoint_wanted;
  gboolean    checkpoint_quit;
};

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GkStore, gk_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

G_DEFINE_QUARK (gk-store-error-quark, gk_store_error)

static GParamSpec *properties [N_PROPS];

/* "GkLb": tells our libraries from other SQLite files. */
#define GK_STORE_APPLICATION_ID 1198214242

/* How long to wait for another connection's lock before giving up. */
#define GK_STORE_BUSY_TIMEOUT_MS 5000

/* WAL sizes, in pages: from the first the checkpointer thread copies the
 * WAL into the database, from the second the writer does it itself. */
#define GK_STORE_CHECKPOINT_PAGES 1000
#define GK_STORE_CHECKPOINT_LIMIT 8000

/* What the store knows about a report it loaded or imported, kept on the
 * GkReport as qdata. */
typedef struct
{
  gint64   id;
  gint64   imported_at;
  guint    version;
  gboolean active;
} ReportInfo;

/* ---------------------------------------------------------------------- */
/* Schema                                                                 */

/* Each step takes the schema from version N to N + 1, in one transaction.
 * Steps are never edited once released: a change is a new step. */
static const char * const migrations[] = {
  /* 1: the first library. */
  "PRAGMA application_id = 1198214242;"
  "CREATE TABLE reports ("
  "  id                INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  sha256            TEXT NOT NULL UNIQUE,"
  "  source_name       TEXT,"
  "  format            TEXT NOT NULL,"
  "  encoding          TEXT,"
  "  agency            TEXT,"
  "  agency_evidence   TEXT,"
  "  agency_line       INTEGER NOT NULL DEFAULT 0,"
  "  agency_confidence REAL NOT NULL DEFAULT 0,"
  "  year              INTEGER NOT NULL DEFAULT 0,"
  "  year_evidence     TEXT,"
  "  year_line         INTEGER NOT NULL DEFAULT 0,"
  "  year_confidence   REAL NOT NULL DEFAULT 0,"
  "  template          TEXT NOT NULL,"
  "  imported_at       INTEGER NOT NULL,"
  "  eff_agency        TEXT,"
  "  eff_year          INTEGER NOT NULL DEFAULT 0,"
  "  version           INTEGER NOT NULL DEFAULT 1,"
  "  active            INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX reports_by_agency_year ON reports (eff_agency, eff_year);"
  "CREATE TABLE originals ("
  "  report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,"
  "  bytes     BLOB NOT NULL"
  ");"
  /* What the parser and the checks made of a report is one row of three
   * JSON arrays: a report has some 200 cells and a few kB of prose, and
   * writing them as one value instead of hundreds of rows (each prose
   * section spilling into its own overflow page) is what lets an import
   * of ten thousand reports take seconds.  The views below give them back
   * as rows for queries.
   *
   *   sections: six entries, 一 to 六, each [text, line] or null
   *   tables:   [[table, template, line, cells], …], cells being
   *             [[row, column, raw, value, class, line, ambiguous], …]
   *             in template order
   *   findings: [[rule, severity, status, subject, message, expected,
   *             found, line, [cell key, …]], …] */
  "CREATE TABLE contents ("
  "  report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,"
  "  sections  TEXT NOT NULL,"
  "  tables    TEXT NOT NULL,"
  "  findings  TEXT NOT NULL"
  ");"
  "CREATE VIEW sections AS"
  "  SELECT c.report_id AS report_id, s.key AS idx, s.value ->> 0 AS text, s.value ->> 1 AS line"
  "  FROM contents c, json_each (c.sections) s WHERE s.type = 'array';"
  "CREATE VIEW report_tables AS"
  "  SELECT c.report_id AS report_id, t.value ->> 0 AS tbl, t.value ->> 1 AS template,"
  "    t.value ->> 2 AS line"
  "  FROM contents c, json_each (c.tables) t;"
  "CREATE VIEW cells AS"
  "  SELECT c.report_id AS report_id, t.value ->> 0 AS tbl, x.key AS position,"
  "    x.value ->> 0 AS row_key, x.value ->> 1 AS column_key, x.value ->> 2 AS raw,"
  "    x.value ->> 3 AS value, x.value ->> 4 AS class, x.value ->> 5 AS line,"
  "    x.value ->> 6 AS ambiguous"
  "  FROM contents c, json_each (c.tables) t, json_each (t.value, '$[3]') x;"
  "CREATE VIEW findings AS"
  "  SELECT c.report_id AS report_id, f.key AS position, f.value ->> 0 AS rule,"
  "    f.value ->> 1 AS severity, f.value ->> 2 AS status, f.value ->> 3 AS subject,"
  "    f.value ->> 4 AS message, f.value ->> 5 AS expected, f.value ->> 6 AS found,"
  "    f.value ->> 7 AS line"
  "  FROM contents c, json_each (c.findings) f;"
  "CREATE VIEW finding_cells AS"
  "  SELECT c.report_id AS report_id, f.key AS finding, k.key AS position, k.value AS cell_key"
  "  FROM contents c, json_each (c.findings) f, json_each (f.value, '$[8]') k;"
  "CREATE TABLE corrections ("
  "  report_id    INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,"
  "  agency       TEXT,"
  "  year         INTEGER,"
  "  corrected_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE agency_aliases ("
  "  alias     TEXT PRIMARY KEY,"
  "  canonical TEXT NOT NULL"
  ") WITHOUT ROWID;",

  /* 2: each report's summary (gk-report-summary.h), so that opening a
   * library reads it instead of every table.  Libraries of version 1 get
   * theirs computed at opening, see fill_missing_summaries(). */
  "ALTER TABLE reports ADD COLUMN summary BLOB;",

  /* 3: what the user decided about findings, by the finding's id (rule
   * and subject), so that it survives re-checks and re-parses. */
  "CREATE TABLE verdicts ("
  "  report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  finding    TEXT NOT NULL,"
  "  verdict    TEXT NOT NULL,"
  "  note       TEXT,"
  "  decided_at INTEGER NOT NULL,"
  "  PRIMARY KEY (report_id, finding)"
  ") WITHOUT ROWID;",

  /* 4: the findings across reports of one agency (gk-cross-checks.h),
   * apart from the report's own: they change whenever a neighbouring
   * report is added, removed or corrected, and rewriting them must not
   * rewrite the report's contents.  Same JSON as contents.findings; the
   * counts go into the summaries without reading the JSON.  A group of
   * versions whose active one has chosen = 1 was settled by the user, so
   * only that version is compared.  The agencies in cross_pending have
   * never been compared (every agency of a library made before). */
  "CREATE TABLE cross_findings ("
  "  report_id  INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,"
  "  findings   TEXT NOT NULL,"
  "  n_errors   INTEGER NOT NULL DEFAULT 0,"
  "  n_warnings INTEGER NOT NULL DEFAULT 0"
  ");"
  "ALTER TABLE reports ADD COLUMN chosen INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE cross_pending ("
  "  agency TEXT PRIMARY KEY"
  ") WITHOUT ROWID;"
  "INSERT INTO cross_pending (agency)"
  "  SELECT DISTINCT eff_agency FROM reports WHERE eff_agency IS NOT NULL AND eff_agency != '';",

  /* 5: the reports still without a summary, found at every opening by
   * fill_missing_summaries(): without this index that was a scan of every
   * report (7–17 ms for 10,000, before the window could show).  Only
   * rows with no summary are in it, so it costs writes nothing. */
  "CREATE INDEX reports_without_summary ON reports (id) WHERE summary IS NULL;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GK_STORE_SCHEMA_VERSION);

/* ---------------------------------------------------------------------- */
/* SQL                                                                    */

#define SQL_BEGIN_READ  "BEGIN"
#define SQL_BEGIN_WRITE "BEGIN IMMEDIATE"
#define SQL_COMMIT      "COMMIT"
#define SQL_ROLLBACK    "ROLLBACK"

#define SQL_FIND_SHA "SELECT id FROM reports WHERE sha256 = ?1"
#define SQL_FIND_ALIAS "SELECT canonical FROM agency_aliases WHERE alias = ?1"
#define SQL_GROUP_SIZE \
  "SELECT COUNT(*), COALESCE(MAX(version), 0) FROM reports WHERE eff_agency = ?1 AND eff_year = ?2"
#define SQL_REPORT_INFO \
  "SELECT version, active, imported_at, eff_agency, eff_year, sha256, source_name FROM reports WHERE id = ?1"

#define SQL_INSERT_REPORT \
  "INSERT INTO reports (sha256, source_name, format, encoding, agency, agency_evidence," \
  " agency_line, agency_confidence, year, year_evidence, year_line, year_confidence," \
  " template, imported_at, eff_agency, eff_year, version, active, summary)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"
/* The source name is the import's, not the parse's: ?2 is left out. */
#define SQL_UPDATE_REPORT \
  "UPDATE reports SET format = ?3, encoding = ?4," \
  " agency = ?5, agency_evidence = ?6, agency_line = ?7, agency_confidence = ?8," \
  " year = ?9, year_evidence = ?10, year_line = ?11, year_confidence = ?12, template = ?13," \
  " summary = ?19" \
  " WHERE id = ?1"
#define SQL_INSERT_ORIGINAL "INSERT INTO originals (report_id, bytes) VALUES (?1, ?2)"
#define SQL_INSERT_CONTENTS \
  "INSERT INTO contents (report_id, sections, tables, findings) VALUES (?1, ?2, ?3, ?4)"
#define SQL_DELETE_CONTENTS "DELETE FROM contents WHERE report_id = ?1"
#define SQL_DELETE_REPORT        "DELETE FROM reports WHERE id = ?1"

#define SQL_SELECT_REPORTS \
  "SELECT r.id, r.sha256, r.source_name, r.format, r.encoding," \
  " r.agency, r.agency_evidence, r.agency_line, r.agency_confidence," \
  " r.year, r.year_evidence, r.year_line, r.year_confidence," \
  " r.template, r.imported_at, r.version, r.active, c.agency, c.year, a.canonical, r.summary," \
  " x.n_errors, x.n_warnings" \
  " FROM reports r LEFT JOIN corrections c ON c.report_id = r.id" \
  " LEFT JOIN agency_aliases a ON a.alias = COALESCE (c.agency, r.agency)" \
  " LEFT JOIN cross_findings x ON x.report_id = r.id"
#define SQL_SELECT_CONTENTS "SELECT report_id, sections, tables, findings FROM contents"

#define SQL_SELECT_VERDICTS "SELECT report_id, finding, verdict, note FROM verdicts"
#define SQL_SELECT_CROSS    "SELECT report_id, findings FROM cross_findings"
#define SQL_ONE_REPORT  " WHERE r.id = ?1"
#define SQL_ONE         " WHERE report_id = ?1"
#define SQL_BY_REPORT   " ORDER BY report_id"

#define SQL_SELECT_ORIGINAL "SELECT bytes FROM originals WHERE report_id = ?1"
#define SQL_COUNT_REPORTS   "SELECT COUNT(*) FROM reports"
#define SQL_SELECT_CORRECTION "SELECT agency, year FROM corrections WHERE report_id = ?1"

#define SQL_CORRECT_AGENCY \
  "INSERT INTO corrections (report_id, agency, corrected_at) VALUES (?1, ?2, ?3)" \
  " ON CONFLICT (report_id) DO UPDATE SET agency = excluded.agency, corrected_at = excluded.corrected_at"
#define SQL_CORRECT_YEAR \
  "INSERT INTO corrections (report_id, year, corrected_at) VALUES (?1, ?2, ?3)" \
  " ON CONFLICT (report_id) DO UPDATE SET year = excluded.year, corrected_at = excluded.corrected_at"
#define SQL_DROP_EMPTY_CORRECTION \
  "DELETE FROM corrections WHERE report_id = ?1 AND agency IS NULL AND year IS NULL"

/* The effective agency and year import_locked() computes, in SQL. */
#define SQL_REFRESH_EFFECTIVE \
  "UPDATE reports SET" \
  " eff_agency = COALESCE ((SELECT canonical FROM agency_aliases WHERE alias =" \
  "   COALESCE ((SELECT agency FROM corrections WHERE report_id = reports.id), reports.agency))," \
  "   COALESCE ((SELECT agency FROM corrections WHERE report_id = reports.id), reports.agency))," \
  " eff_year = COALESCE ((SELECT year FROM corrections WHERE report_id = reports.id), reports.year)"

#define SQL_GROUP_MEMBERS \
  "SELECT id, version, active FROM reports WHERE eff_agency = ?1 AND eff_year = ?2 ORDER BY id"
#define SQL_SET_VERSION "UPDATE reports SET version = ?2, active = ?3 WHERE id = ?1"
#define SQL_AGENCY_YEARS "SELECT DISTINCT eff_year FROM reports WHERE eff_agency = ?1"
#define SQL_UNGROUP \
  "UPDATE reports SET version = 1, active = 1 WHERE id = ?1" \
  " AND (eff_agency IS NULL OR eff_agency = '' OR eff_year <= 0)"
#define SQL_ACTIVATE \
  "UPDATE reports SET active = (id = ?1) WHERE eff_agency = ?2 AND eff_year = ?3"

#define SQL_CHOOSE \
  "UPDATE reports SET chosen = (id = ?1) WHERE eff_agency = ?2 AND eff_year = ?3"

#define SQL_DELETE_ALIAS   "DELETE FROM agency_aliases WHERE alias = ?1"
#define SQL_INSERT_ALIAS \
  "INSERT INTO agency_aliases (alias, canonical) VALUES (?1, ?2)" \
  " ON CONFLICT (alias) DO UPDATE SET canonical = excluded.canonical"
#define SQL_RETARGET_ALIASES "UPDATE agency_aliases SET canonical = ?2 WHERE canonical = ?1"
#define SQL_SELECT_ALIASES   "SELECT alias, canonical FROM agency_aliases"

/* ---------------------------------------------------------------------- */
/* Errors and statements                                                  */

/* Cached statements are never freed by their users, only reset; this lets
 * g_autoptr() do the resetting on every return path. */
typedef sqlite3_stmt GkStoreStmt;

static void
gk_store_stmt_release (GkStoreStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkStoreStmt, gk_store_stmt_release)

/* The errno of the last failed write: SQLite's own record of it
 * (sqlite3_system_errno()) is errno when the error reached the API, often
 * overwritten by then, so the files' records are asked too: the database's,
 * then its WAL's. */
static int
io_errno (sqlite3 *db)
{
  sqlite3_file *journal = NULL;
  int value = sqlite3_system_errno (db);

  if (value != 0)
    return value;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_LAST_ERRNO, &value) == SQLITE_OK && value != 0)
    return value;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &journal) == SQLITE_OK
      && journal != NULL && journal->pMethods != NULL
      && journal->pMethods->xFileControl (journal, SQLITE_FCNTL_LAST_ERRNO, &value) == SQLITE_OK)
    return value;
  return 0;
}

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *path)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  /* SQLite says SQLITE_FULL only when a write stopped part way on a full
   * disk; a write refused whole for want of room, over a quota or past a
   * file size limit comes back as an I/O error.  The errno tells which. */
  if ((rc & 0xff) == SQLITE_IOERR && db != NULL)
    {
      int system_errno = io_errno (db);

      if (system_errno == ENOSPC || system_errno == EDQUOT)
        rc = SQLITE_FULL;
      else if (system_errno == EFBIG)
        {
          g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_NO_SPACE,
                       _("The library “%s” could not be written: it has reached the largest file size allowed here (%s)."),
                       path, g_strerror (system_errno));
          return;
        }
    }

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_CORRUPT,
                   /* Translators: the first %s is a file name, the second
                    * SQLite's own explanation. */
                   _("The library “%s” is damaged or is not a library file (%s)."),
                   path, detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_NO_SPACE,
                   _("The disk is full: the library “%s” could not be written (%s)."),
                   path, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_BUSY,
                   _("Another program is using the library “%s” (%s)."),
                   path, detail);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_READ_ONLY,
                   _("The library “%s” cannot be written (%s)."),
                   path, detail);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_FAILED,
                   _("The library “%s” could not be opened (%s)."),
                   path, detail);
      break;
    default:
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_FAILED,
                   _("The library “%s” could not be read or written (%s)."),
                   path, detail);
      break;
    }
}

static gboolean
fail (GkStore  *self,
      int       rc,
      GError  **error)
{
  set_sqlite_error (error, self->db, rc, self->path);
  return FALSE;
}

static void
set_not_found (GError **error,
               gint64   id)
{
  /* The number is formatted first: xgettext cannot read a message with
   * G_GINT64_FORMAT in it, so it would never be translated. */
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_NOT_FOUND,
               _("The library holds no report number %s."), number);
}

static void
stmt_free (gpointer data)
{
  sqlite3_finalize (data);
}

/* Returns the statement for @sql, prepared once per store.  @sql must be
 * a string that lives as long as the store: all of ours are literals. */
static sqlite3_stmt *
get_stmt (GkStore     *self,
          const char  *sql,
          GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fail (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
  return stmt;
}

/* Runs a statement that returns no rows (or whose rows do not matter). */
static gboolean
run (GkStore      *self,
     sqlite3_stmt *stmt,
     GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail (self, rc, error);
  return TRUE;
}

static gboolean
run_sql (GkStore     *self,
         const char  *sql,
         GError     **error)
{
  g_autoptr(GkStoreStmt) stmt = get_stmt (self, sql, error);

  return stmt != NULL && run (self, stmt, error);
}

/* Runs a statement whose one parameter is a report id. */
static gboolean
run_for_id (GkStore     *self,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(GkStoreStmt) stmt = get_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return run (self, stmt, error);
}

/* The strings bound here outlive the statement's step, so SQLite need not
 * copy them. */
static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
begin (GkStore     *self,
       const char  *sql,
       GError     **error)
{
  return run_sql (self, sql, error);
}

/* Ends the transaction: commits when @ok, rolls back otherwise.  Returns
 * whether the work is in the database. */
static gboolean
end (GkStore   *self,
     gboolean   ok,
     GError   **error)
{
  if (ok && run_sql (self, SQL_COMMIT, error))
    return TRUE;

  /* SQLite rolls back by itself after some errors (a full disk, an I/O
   * error); a second rollback would only fail. */
  if (!sqlite3_get_autocommit (self->db))
    {
      g_autoptr(GError) ignored = NULL;

      if (!run_sql (self, SQL_ROLLBACK, &ignored))
        g_debug ("rollback failed: %s", ignored->message);
    }

  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Enumerations as stored                                                 */

static GkFormat
format_from_string (const char *str)
{
  for (GkFormat f = GK_FORMAT_TEXT; f <= GK_FORMAT_PDF; f++)
    if (g_strcmp0 (gk_format_to_string (f), str) == 0)
      return f;
  return GK_FORMAT_TEXT;
}

static GkSeverity
severity_from_string (const char *str)
{
  return g_strcmp0 (str, gk_severity_to_string (GK_SEVERITY_WARNING)) == 0
         ? GK_SEVERITY_WARNING : GK_SEVERITY_ERROR;
}

static GkFindingStatus
status_from_string (const char *str)
{
  return g_strcmp0 (str, gk_finding_status_to_string (GK_FINDING_NOT_ASSESSABLE)) == 0
         ? GK_FINDING_NOT_ASSESSABLE : GK_FINDING_FAILED;
}

/* ---------------------------------------------------------------------- */
/* Report info                                                            */

static GQuark
report_info_quark (void)
{
  static gsize quark = 0;

  /* Reports are imported from worker threads. */
  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("gk-store-report-info"));
  return quark;
}

static void
set_report_info (GkReport *report,
                 gint64    id,
                 guint     version,
                 gboolean  active,
                 gint64    imported_at)
{
  ReportInfo *info = g_new0 (ReportInfo, 1);

  info->id = id;
  info->version = version;
  info->active = active;
  info->imported_at = imported_at;
  g_object_set_qdata_full (G_OBJECT (report), report_info_quark (), info, g_free);
}

static const ReportInfo *
get_report_info (GkReport *report)
{
  return g_object_get_qdata (G_OBJECT (report), report_info_quark ());
}

/* Reads back what the database says about report @id. */
static gboolean
read_report_info (GkStore     *self,
                  gint64       id,
                  ReportInfo  *info,
                  GError     **error)
{
  g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_REPORT_INFO, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_not_found (error, id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);

  info->id = id;
  info->version = sqlite3_column_int (stmt, 0);
  info->active = sqlite3_column_int (stmt, 1) != 0;
  info->imported_at = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

static gboolean
refresh_report_info (GkStore   *self,
                     GkReport  *report,
                     gint64     id,
                     GError   **error)
{
  ReportInfo info;

  if (!read_report_info (self, id, &info, error))
    return FALSE;
  set_report_info (report, info.id, info.version, info.active, info.imported_at);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Corrections                                                            */

/* Shows the user's corrections on @report.  A corrected value is as sure as
 * it gets; a merged name keeps the confidence of the guess it came from,
 * because the merge says what the name means, not that the parser found
 * the right name. */
static void
apply_correction_values (GkReport   *report,
                         const char *corrected_agency,
                         gboolean    year_corrected,
                         int         corrected_year,
                         const char *canonical)
{
  if (corrected_agency != NULL)
    {
      gk_report_set_agency (report,
                            canonical != NULL ? canonical : corrected_agency,
                            _("corrected by the user"), 0, 1.0);
    }
  else if (canonical != NULL && g_strcmp0 (canonical, gk_report_get_agency (report)) != 0)
    {
      const char *evidence = gk_report_get_agency_evidence (report);
      g_autofree char *merged = NULL;

      if (evidence != NULL && *evidence != '\0')
        /* Translators: the first %s is the text the agency was read from,
         * the second the name as the report writes it. */
        merged = g_strdup_printf (_("%s (written “%s”, merged by the user)"),
                                  evidence, gk_report_get_agency (report));
      else
        merged = g_strdup_printf (_("written “%s”, merged by the user"),
                                  gk_report_get_agency (report));

      gk_report_set_agency (report, canonical, merged,
                            gk_report_get_agency_line (report),
                            gk_report_get_agency_confidence (report));
    }

  if (year_corrected)
    gk_report_set_year (report, corrected_year, _("corrected by the user"), 0, 1.0);
}

/* Sets @canonical to the name @agency was merged into, or to %NULL when
 * it was not merged. */
static gboolean
lookup_alias (GkStore     *self,
              const char  *agency,
              char       **canonical,
              GError     **error)
{
  g_autoptr(GkStoreStmt) stmt = NULL;
  int rc;

  *canonical = NULL;
  if (agency == NULL || *agency == '\0')
    return TRUE;

  stmt = get_stmt (self, SQL_FIND_ALIAS, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, agency);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *canonical = dup_column_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  return TRUE;
}

/* The agency and year a report is filed under, with corrections and
 * merges applied, as the database holds them. */
static gboolean
get_effective (GkStore     *self,
               gint64       id,
               char       **agency,
               int         *year,
               GError     **error)
{
  g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_REPORT_INFO, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_not_found (error, id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);

  *agency = dup_column_text (stmt, 3);
  *year = sqlite3_column_int (stmt, 4);
  return TRUE;
}

static gboolean
is_grouped (const char *agency,
            int         year)
{
  return agency != NULL && *agency != '\0' && year > 0;
}

/* Numbers the versions of one agency and year 1, 2, … in import order and
 * makes sure exactly one is active: the earliest active one, or the
 * earliest of all when none is. */
static gboolean
regroup (GkStore     *self,
         const char  *agency,
         int          year,
         GError     **error)
{
  typedef struct { gint64 id; int version; int active; } Member;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  gint64 chosen = 0;
  int rc;

  if (!is_grouped (agency, year))
    return TRUE;

  {
    g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_GROUP_MEMBERS, error);

    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, agency);
    sqlite3_bind_int (stmt, 2, year);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        Member m = {
          sqlite3_column_int64 (stmt, 0),
          sqlite3_column_int (stmt, 1),
          sqlite3_column_int (stmt, 2),
        };
        g_array_append_val (members, m);
        if (chosen == 0 && m.active)
          chosen = m.id;
      }
    if (rc != SQLITE_DONE)
      return fail (self, rc, error);
  }

  if (members->len == 0)
    return TRUE;
  if (chosen == 0)
    chosen = g_array_index (members, Member, 0).id;

  for (guint i = 0; i < members->len; i++)
    {
      const Member *m = &g_array_index (members, Member, i);
      int version = i + 1;
      int active = m->id == chosen;

      if (m->version != version || m->active != active)
        {
          g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_SET_VERSION, error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, m->id);
          sqlite3_bind_int (stmt, 2, version);
          sqlite3_bind_int (stmt, 3, active);
          if (!run (self, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Regroups every year of one agency, after a merge moved reports into it. */
static gboolean
regroup_agency (GkStore     *self,
                const char  *agency,
                GError     **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  {
    g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_AGENCY_YEARS, error);

    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, agency);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        int year = sqlite3_column_int (stmt, 0);
        g_array_append_val (years, year);
      }
    if (rc != SQLITE_DONE)
      return fail (self, rc, error);
  }

  for (guint i = 0; i < years->len; i++)
    if (!regroup (self, agency, g_array_index (years, int, i), error))
      return FALSE;

  return TRUE;
}

/* After a correction moved report @id from one agency and year to
 * another: renumbers both groups, and makes the report a lone active
 * version when it no longer belongs to any. */
static gboolean
refile_report (GkStore     *self,
               gint64       id,
               const char  *old_agency,
               int          old_year,
               GError     **error)
{
  g_autofree char *new_agency = NULL;
  int new_year = 0;

  if (!run_for_id (self, SQL_REFRESH_EFFECTIVE " WHERE id = ?1", id, error)
      || !get_effective (self, id, &new_agency, &new_year, error))
    return FALSE;

  if (g_strcmp0 (old_agency, new_agency) == 0 && old_year == new_year)
    return TRUE;

  return run_for_id (self, SQL_UNGROUP, id, error)
         && regroup (self, old_agency, old_year, error)
         && regroup (self, new_agency, new_year, error);
}

/* ---------------------------------------------------------------------- */
/* Writing a report                                                       */

static void
bind_metadata (sqlite3_stmt *stmt,
               GkReport     *report)
{
  bind_text (stmt, 2, gk_report_get_source_name (report));
  bind_text (stmt, 3, gk_format_to_string (gk_report_get_format (report)));
  bind_text (stmt, 4, gk_report_get_encoding (report));
  bind_text (stmt, 5, gk_report_get_agency (report));
  bind_text (stmt, 6, gk_report_get_agency_evidence (report));
  sqlite3_bind_int64 (stmt, 7, gk_report_get_agency_line (report));
  sqlite3_bind_double (stmt, 8, gk_report_get_agency_confidence (report));
  sqlite3_bind_int (stmt, 9, gk_report_get_year (report));
  bind_text (stmt, 10, gk_report_get_year_evidence (report));
  sqlite3_bind_int64 (stmt, 11, gk_report_get_year_line (report));
  sqlite3_bind_double (stmt, 12, gk_report_get_year_confidence (report));
  bind_text (stmt, 13, gk_template_to_string (gk_report_get_template (report)));
}

static void
append_json_string (GString    *json,
                    const char *text)
{
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (json, '\\');
          g_string_append_c (json, c);
        }
      else if (c < 0x20)
        g_string_append_printf (json, "\\u%04x", c);
      else
        g_string_append_c (json, c);
    }
  g_string_append_c (json, '"');
}

/* printf() costs more than all the rest of writing a cell. */
static void
append_json_int (GString *json,
                 gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 u = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = '0' + u % 10;
      u /= 10;
    }
  while (u != 0);
  if (value < 0)
    *--p = '-';

  g_string_append_len (json, p, buf + sizeof buf - p);
}

/* The shortest decimal that reads back as @value, so that "12" stays 12
 * and "81184.6411" stays 81184.6411 for whoever queries the library. */
static void
append_json_number (GString *json,
                    double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (json, "null");
      return;
    }

  if (value == floor (value) && fabs (value) < 1e15)
    {
      append_json_int (json, (gint64) value);
      return;
    }

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  g_string_append (json, buf);
}

static void
append_json_cells (GString *json,
                   GkTable *table)
{
  guint n_cells = gk_table_get_n_cells (table);

  g_string_append_c (json, '[');
  for (guint i = 0; i < n_cells; i++)
    {
      GkCell *cell = gk_table_get_cell (table, i);

      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_c (json, '[');
      append_json_string (json, gk_cell_get_row (cell));
      g_string_append_c (json, ',');
      append_json_string (json, gk_cell_get_column (cell));
      g_string_append_c (json, ',');
      append_json_string (json, gk_cell_get_raw (cell));
      g_string_append_c (json, ',');
      if (gk_cell_has_value (cell))
        append_json_number (json, gk_cell_get_value (cell));
      else
        g_string_append (json, "null");
      g_string_append_c (json, ',');
      append_json_string (json, gk_value_class_to_string (gk_cell_get_value_class (cell)));
      g_string_append_c (json, ',');
      append_json_int (json, gk_cell_get_line (cell));
      g_string_append (json, gk_cell_get_ambiguous (cell) ? ",1]" : ",0]");
    }
  g_string_append_c (json, ']');
}

static void
append_json_nullable_string (GString    *json,
                             const char *text)
{
  if (text == NULL)
    g_string_append (json, "null");
  else
    append_json_string (json, text);
}

static void
append_json_sections (GString  *json,
                      GkReport *report)
{
  g_string_append_c (json, '[');
  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      const char *text = gk_report_get_section (report, i);

      if (i > 0)
        g_string_append_c (json, ',');
      if (text == NULL)
        {
          g_string_append (json, "null");
          continue;
        }
      g_string_append_c (json, '[');
      append_json_string (json, text);
      g_string_append_c (json, ',');
      append_json_int (json, gk_report_get_section_line (report, i));
      g_string_append_c (json, ']');
    }
  g_string_append_c (json, ']');
}

static void
append_json_tables (GString  *json,
                    GkReport *report)
{
  static const GkTableId ids[] = { GK_TABLE_2, GK_TABLE_3, GK_TABLE_4 };
  gboolean first = TRUE;

  g_string_append_c (json, '[');
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GkTable *table = gk_report_get_table (report, ids[i]);

      if (table == NULL)
        continue;
      if (!first)
        g_string_append_c (json, ',');
      first = FALSE;

      g_string_append_c (json, '[');
      append_json_string (json, gk_table_id_to_key (ids[i]));
      g_string_append_c (json, ',');
      append_json_string (json, gk_template_to_string (gk_table_get_template (table)));
      g_string_append_c (json, ',');
      append_json_int (json, gk_table_get_line (table));
      g_string_append_c (json, ',');
      append_json_cells (json, table);
      g_string_append_c (json, ']');
    }
  g_string_append_c (json, ']');
}

/* Writes @report's own findings, or with @cross its findings across
 * reports: they are stored apart (see the cross_findings table). */
static void
append_json_findings (GString  *json,
                      GkReport *report,
                      gboolean  cross)
{
  GListModel *findings = gk_report_get_findings (report);
  guint n_findings = g_list_model_get_n_items (findings);
  gboolean first = TRUE;

  g_string_append_c (json, '[');
  for (guint i = 0; i < n_findings; i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      const char * const *cells = gk_finding_get_cells (finding);

      if (gk_cross_checks_is_cross_rule (gk_finding_get_rule (finding)) != cross)
        continue;
      if (!first)
        g_string_append_c (json, ',');
      first = FALSE;
      g_string_append_c (json, '[');
      append_json_string (json, gk_finding_get_rule (finding));
      g_string_append_c (json, ',');
      append_json_string (json, gk_severity_to_string (gk_finding_get_severity (finding)));
      g_string_append_c (json, ',');
      append_json_string (json, gk_finding_status_to_string (gk_finding_get_status (finding)));
      g_string_append_c (json, ',');
      append_json_nullable_string (json, gk_finding_get_subject (finding));
      g_string_append_c (json, ',');
      append_json_string (json, gk_finding_get_message (finding));
      g_string_append_c (json, ',');
      append_json_nullable_string (json, gk_finding_get_expected (finding));
      g_string_append_c (json, ',');
      append_json_nullable_string (json, gk_finding_get_found (finding));
      g_string_append_c (json, ',');
      append_json_int (json, gk_finding_get_line (finding));
      g_string_append (json, ",[");
      for (guint j = 0; cells != NULL && cells[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (json, ',');
          append_json_string (json, cells[j]);
        }
      g_string_append_c (json, ']');
      /* A finding that compares with another report names it, last and
       * only then, so that older rows read the same. */
      if (gk_finding_get_other_report (finding) != NULL)
        {
          g_string_append_c (json, ',');
          append_json_string (json, gk_finding_get_other_report (finding));
        }
      g_string_append_c (json, ']');
    }
  g_string_append_c (json, ']');
}

static void
bind_summary (sqlite3_stmt *stmt,
              int           index,
              GkReport     *report)
{
  g_autoptr(GBytes) bytes = gk_report_summary_to_bytes (gk_report_get_summary (report));
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  sqlite3_bind_blob64 (stmt, index, data, size, SQLITE_TRANSIENT);
}

/* Everything the parser and the checks made of a report, beside the
 * metadata in its reports row. */
static gboolean
insert_content (GkStore   *self,
                gint64     id,
                GkReport  *report,
                GError   **error)
{
  g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_INSERT_CONTENTS, error);
  g_autoptr(GString) sections = g_string_sized_new (8 * 1024);
  g_autoptr(GString) tables = g_string_sized_new (16 * 1024);
  g_autoptr(GString) findings = g_string_sized_new (1024);

  if (stmt == NULL)
    return FALSE;

  append_json_sections (sections, report);
  append_json_tables (tables, report);
  append_json_findings (findings, report, FALSE);

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text64 (stmt, 2, sections->str, sections->len, SQLITE_STATIC, SQLITE_UTF8);
  sqlite3_bind_text64 (stmt, 3, tables->str, tables->len, SQLITE_STATIC, SQLITE_UTF8);
  sqlite3_bind_text64 (stmt, 4, findings->str, findings->len, SQLITE_STATIC, SQLITE_UTF8);
  return run (self, stmt, error);
}

static gboolean
delete_content (GkStore   *self,
                gint64     id,
                GError   **error)
{
  return run_for_id (self, SQL_DELETE_CONTENTS, id, error);
}

/* ---------------------------------------------------------------------- */
/* Reading reports                                                        */

typedef struct
{
  GPtrArray  *reports;   /* GkReport, by id */
  GHashTable *by_id;     /* gint64 * → GkReport (borrowed) */
  gint64      last_id;
  GkReport   *last;
  gboolean    with_contents;
} Loading;

static void
loading_clear (Loading *loading)
{
  g_clear_pointer (&loading->by_id, g_hash_table_unref);
  g_clear_pointer (&loading->reports, g_ptr_array_unref);
}

/* Rows come in report order, so the previous answer is usually right. */
static GkReport *
loading_lookup (Loading *loading,
                gint64   id)
{
  if (loading->last != NULL && loading->last_id == id)
    return loading->last;

  loading->last = g_hash_table_lookup (loading->by_id, &id);
  loading->last_id = id;
  return loading->last;
}

/* Steps through the rows of @sql_all, or of @sql_one for report @id when
 * @id is not 0. */
static sqlite3_stmt *
get_loading_stmt (GkStore     *self,
                  const char  *sql_all,
                  const char  *sql_one,
                  gint64       id,
                  GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, id != 0 ? sql_one : sql_all, error);

  if (stmt != NULL && id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  return stmt;
}

static gboolean
load_metadata (GkStore   *self,
               Loading   *loading,
               gint64     only_id,
               GError   **error)
{
  g_autoptr(GkStoreStmt) stmt = get_loading_stmt (self,
                                                  SQL_SELECT_REPORTS " ORDER BY r.id",
                                                  SQL_SELECT_REPORTS SQL_ONE_REPORT,
                                                  only_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GkReport *report = gk_report_new ();
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 *key = g_new (gint64, 1);

      gk_report_set_sha256 (report, (const char *) sqlite3_column_text (stmt, 1));
      gk_report_set_source_name (report, (const char *) sqlite3_column_text (stmt, 2));
      gk_report_set_format (report, format_from_string ((const char *) sqlite3_column_text (stmt, 3)));
      gk_report_set_encoding (report, (const char *) sqlite3_column_text (stmt, 4));
      gk_report_set_agency (report,
                            (const char *) sqlite3_column_text (stmt, 5),
                            (const char *) sqlite3_column_text (stmt, 6),
                            sqlite3_column_int64 (stmt, 7),
                            sqlite3_column_double (stmt, 8));
      gk_report_set_year (report,
                          sqlite3_column_int (stmt, 9),
                          (const char *) sqlite3_column_text (stmt, 10),
                          sqlite3_column_int64 (stmt, 11),
                          sqlite3_column_double (stmt, 12));
      gk_report_set_template (report, gk_template_from_string ((const char *) sqlite3_column_text (stmt, 13)));
      set_report_info (report, id,
                       sqlite3_column_int (stmt, 15),
                       sqlite3_column_int (stmt, 16) != 0,
                       sqlite3_column_int64 (stmt, 14));
      apply_correction_values (report,
                               (const char *) sqlite3_column_text (stmt, 17),
                               sqlite3_column_type (stmt, 18) != SQLITE_NULL,
                               sqlite3_column_int (stmt, 18),
                               (const char *) sqlite3_column_text (stmt, 19));

      if (!loading->with_contents)
        {
          GkReportSummary summary;

          if (!gk_report_summary_from_bytes (&summary, sqlite3_column_blob (stmt, 20),
                                             sqlite3_column_bytes (stmt, 20)))
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

              g_object_unref (report);
              g_free (key);
              g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_CORRUPT,
                           _("The library “%s” is damaged: the summary of report %s cannot be read."),
                           self->path, number);
              return FALSE;
            }
          /* The findings across reports count as the report's own. */
          summary.n_errors += sqlite3_column_int (stmt, 21);
          summary.n_warnings += sqlite3_column_int (stmt, 22);
          gk_report_set_summary (report, &summary);
          gk_report_drop_contents (report);
        }

      *key = id;
      g_ptr_array_add (loading->reports, report);
      g_hash_table_insert (loading->by_id, key, report);
    }

  if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  return TRUE;
}

/* Reading back the JSON this file writes.  SQLite's json_each() would do,
 * but a library of ten thousand reports loads several times faster when
 * the arrays are read here, in one pass and without a row per cell. */
typedef struct
{
  const char *p;
  const char *end;
} JsonReader;

static void
json_skip_space (JsonReader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
    r->p++;
}

/* Consumes @c (after white space) when it is next. */
static gboolean
json_accept (JsonReader *r,
             char        c)
{
  json_skip_space (r);
  if (r->p < r->end && *r->p == c)
    {
      r->p++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
json_read_hex4 (JsonReader *r,
                gunichar   *c)
{
  *c = 0;
  if (r->end - r->p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (*r->p++);

      if (digit < 0)
        return FALSE;
      *c = (*c << 4) | digit;
    }
  return TRUE;
}

/* Reads a string into @out (replacing its contents). */
static gboolean
json_read_string (JsonReader *r,
                  GString    *out)
{
  g_string_truncate (out, 0);
  if (!json_accept (r, '"'))
    return FALSE;

  while (r->p < r->end)
    {
      const char *run = r->p;

      while (r->p < r->end && *r->p != '"' && *r->p != '\\')
        r->p++;
      g_string_append_len (out, run, r->p - run);
      if (r->p >= r->end)
        return FALSE;
      if (*r->p++ == '"')
        return TRUE;

      if (r->p >= r->end)
        return FALSE;
      switch (*r->p++)
        {
        case '"':  g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/':  g_string_append_c (out, '/'); break;
        case 'b':  g_string_append_c (out, '\b'); break;
        case 'f':  g_string_append_c (out, '\f'); break;
        case 'n':  g_string_append_c (out, '\n'); break;
        case 'r':  g_string_append_c (out, '\r'); break;
        case 't':  g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar c, low;

            if (!json_read_hex4 (r, &c))
              return FALSE;
            if (c >= 0xd800 && c < 0xdc00)
              {
                if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
                  return FALSE;
                r->p += 2;
                if (!json_read_hex4 (r, &low) || low < 0xdc00 || low > 0xdfff)
                  return FALSE;
                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
              }
            g_string_append_unichar (out, c);
          }
          break;
        default:
          return FALSE;
        }
    }

  return FALSE;
}

/* Skips a number or null, which the loader does not need. */
static gboolean
json_skip_scalar (JsonReader *r)
{
  const char *start;

  json_skip_space (r);
  start = r->p;
  while (r->p < r->end && *r->p != ',' && *r->p != ']'
         && *r->p != ' ' && *r->p != '\n' && *r->p != '\t' && *r->p != '\r')
    r->p++;
  return r->p > start;
}

static gboolean
json_read_int (JsonReader *r,
               gint64     *value)
{
  char *end = NULL;

  json_skip_space (r);
  if (r->p >= r->end || !(g_ascii_isdigit (*r->p) || *r->p == '-'))
    return FALSE;
  *value = g_ascii_strtoll (r->p, &end, 10);
  if (end == NULL || end == r->p || end > r->end)
    return FALSE;
  r->p = end;
  return TRUE;
}

static gboolean
json_accept_null (JsonReader *r)
{
  json_skip_space (r);
  if (r->end - r->p >= 4 && memcmp (r->p, "null", 4) == 0)
    {
      r->p += 4;
      return TRUE;
    }
  return FALSE;
}

/* Reads a string or null; @is_null says which. */
static gboolean
json_read_nullable_string (JsonReader *r,
                           GString    *out,
                           gboolean   *is_null)
{
  *is_null = json_accept_null (r);
  if (*is_null)
    {
      g_string_truncate (out, 0);
      return TRUE;
    }
  return json_read_string (r, out);
}

/* Reads "[" and tells whether the array has elements; an empty array is
 * consumed whole. */
static gboolean
json_begin_array (JsonReader *r,
                  gboolean   *has_elements)
{
  if (!json_accept (r, '['))
    return FALSE;
  *has_elements = !json_accept (r, ']');
  return TRUE;
}

/* After an element: TRUE when another one follows, FALSE at the closing
 * "]" (consumed) or on an error, which @ok tells apart. */
static gboolean
json_next_element (JsonReader *r,
                   gboolean   *ok)
{
  if (json_accept (r, ','))
    return TRUE;
  *ok = json_accept (r, ']');
  return FALSE;
}

static gboolean
json_at_end (JsonReader *r)
{
  json_skip_space (r);
  return r->p == r->end;
}

/* Adds to @table the cells of append_json_cells(). */
static gboolean
read_json_cells (JsonReader *r,
                 GkTable    *table,
                 GString    *row,
                 GString    *column,
                 GString    *raw,
                 GString    *scratch)
{
  GkTableId id = gk_table_get_id (table);
  gboolean more, ok = TRUE;

  if (!json_begin_array (r, &more))
    return FALSE;

  while (more)
    {
      g_autoptr(GkCell) cell = NULL;
      gint64 line = 0, ambiguous = 0;

      if (!json_accept (r, '[')
          || !json_read_string (r, row) || !json_accept (r, ',')
          || !json_read_string (r, column) || !json_accept (r, ',')
          || !json_read_string (r, raw) || !json_accept (r, ',')
          || !json_skip_scalar (r) || !json_accept (r, ',')
          || !json_read_string (r, scratch) || !json_accept (r, ',')
          || !json_read_int (r, &line) || !json_accept (r, ',')
          || !json_read_int (r, &ambiguous) || !json_accept (r, ']'))
        return FALSE;

      /* The value and class are classified again from the raw text
       * rather than read back, so that a cell means the same whether it
       * was just parsed or loaded; the stored ones are there for queries
       * over the whole library. */
      cell = gk_cell_new (id, row->str, column->str, raw->str, CLAMP (line, 0, G_MAXUINT));
      if (ambiguous)
        gk_cell_set_ambiguous (cell, TRUE);
      gk_table_add_cell (table, cell);

      more = json_next_element (r, &ok);
    }

  return ok;
}

static gboolean
read_json_sections (const char *json,
                    gsize       length,
                    GkReport   *report)
{
  JsonReader r = { json, json + length };
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean more, ok = TRUE;
  guint index = 0;

  if (json == NULL || !json_begin_array (&r, &more))
    return FALSE;

  for (; more; index++)
    {
      if (!json_accept_null (&r))
        {
          gint64 line = 0;

          if (index >= GK_N_SECTIONS
              || !json_accept (&r, '[')
              || !json_read_string (&r, text) || !json_accept (&r, ',')
              || !json_read_int (&r, &line) || !json_accept (&r, ']'))
            return FALSE;
          gk_report_set_section (report, index, text->str, CLAMP (line, 0, G_MAXUINT));
        }
      more = json_next_element (&r, &ok);
    }

  return ok && json_at_end (&r);
}

static gboolean
read_json_tables (const char *json,
                  gsize       length,
                  GkReport   *report)
{
  JsonReader r = { json, json + length };
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GString) template_ = g_string_new (NULL);
  g_autoptr(GString) row = g_string_new (NULL);
  g_autoptr(GString) column = g_string_new (NULL);
  g_autoptr(GString) raw = g_string_new (NULL);
  gboolean more, ok = TRUE;

  if (json == NULL || !json_begin_array (&r, &more))
    return FALSE;

  while (more)
    {
      g_autoptr(GkTable) table = NULL;
      gint64 line = 0;
      GkTableId id;

      if (!json_accept (&r, '[')
          || !json_read_string (&r, key) || !json_accept (&r, ',')
          || !gk_table_id_from_key (key->str, &id)
          || !json_read_string (&r, template_) || !json_accept (&r, ',')
          || !json_read_int (&r, &line) || !json_accept (&r, ','))
        return FALSE;

      table = gk_table_new (id, gk_template_from_string (template_->str));
      gk_table_set_line (table, CLAMP (line, 0, G_MAXUINT));
      /* The template string is free again: the cells' classes go there. */
      if (!read_json_cells (&r, table, row, column, raw, template_)
          || !json_accept (&r, ']'))
        return FALSE;
      gk_report_set_table (report, table);

      more = json_next_element (&r, &ok);
    }

  return ok && json_at_end (&r);
}

static gboolean
read_json_findings (const char *json,
                    gsize       length,
                    GkReport   *report)
{
  JsonReader r = { json, json + length };
  g_autoptr(GString) rule = g_string_new (NULL);
  g_autoptr(GString) severity = g_string_new (NULL);
  g_autoptr(GString) status = g_string_new (NULL);
  g_autoptr(GString) subject = g_string_new (NULL);
  g_autoptr(GString) message = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) found = g_string_new (NULL);
  gboolean more, ok = TRUE;

  if (json == NULL || !json_begin_array (&r, &more))
    return FALSE;

  while (more)
    {
      g_autoptr(GkFinding) finding = NULL;
      gboolean no_subject, no_expected, no_found, more_cells, cells_ok = TRUE;
      gint64 line = 0;

      if (!json_accept (&r, '[')
          || !json_read_string (&r, rule) || !json_accept (&r, ',')
          || !json_read_string (&r, severity) || !json_accept (&r, ',')
          || !json_read_string (&r, status) || !json_accept (&r, ',')
          || !json_read_nullable_string (&r, subject, &no_subject) || !json_accept (&r, ',')
          || !json_read_string (&r, message) || !json_accept (&r, ',')
          || !json_read_nullable_string (&r, expected, &no_expected) || !json_accept (&r, ',')
          || !json_read_nullable_string (&r, found, &no_found) || !json_accept (&r, ',')
          || !json_read_int (&r, &line) || !json_accept (&r, ',')
          || !json_begin_array (&r, &more_cells))
        return FALSE;

      finding = gk_finding_new (rule->str,
                                severity_from_string (severity->str),
                                status_from_string (status->str),
                                no_subject ? NULL : subject->str,
                                message->str);
      gk_finding_set_expected (finding, no_expected ? NULL : expected->str);
      gk_finding_set_found (finding, no_found ? NULL : found->str);
      gk_finding_set_line (finding, CLAMP (line, 0, G_MAXUINT));

      while (more_cells)
        {
          /* The rule's string is free again. */
          if (!json_read_string (&r, rule))
            return FALSE;
          gk_finding_add_cell (finding, rule->str);
          more_cells = json_next_element (&r, &cells_ok);
        }
      if (!cells_ok)
        return FALSE;
      /* After the cells, a finding comparing with another report names it. */
      if (json_accept (&r, ','))
        {
          if (!json_read_string (&r, rule))
            return FALSE;
          gk_finding_set_other_report (finding, rule->str);
        }
      if (!json_accept (&r, ']'))
        return FALSE;

      gk_report_add_finding (report, finding);
      more = json_next_element (&r, &ok);
    }

  return ok && json_at_end (&r);
}

static gboolean
load_contents (GkStore   *self,
               Loading   *loading,
               gint64     only_id,
               GError   **error)
{
  g_autoptr(GkStoreStmt) stmt = get_loading_stmt (self,
                                                  SQL_SELECT_CONTENTS SQL_BY_REPORT,
                                                  SQL_SELECT_CONTENTS SQL_ONE,
                                                  only_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GkReport *report = loading_lookup (loading, id);

      if (report == NULL)
        continue;

      if (!read_json_sections ((const char *) sqlite3_column_text (stmt, 1),
                               sqlite3_column_bytes (stmt, 1), report)
          || !read_json_tables ((const char *) sqlite3_column_text (stmt, 2),
                                sqlite3_column_bytes (stmt, 2), report)
          || !read_json_findings ((const char *) sqlite3_column_text (stmt, 3),
                                  sqlite3_column_bytes (stmt, 3), report))
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_CORRUPT,
                       _("The library “%s” is damaged: report %s cannot be read."),
                       self->path, number);
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  return TRUE;
}

/* Adds the stored findings across reports to the loaded reports' own. */
static gboolean
load_cross_findings (GkStore   *self,
                     Loading   *loading,
                     gint64     only_id,
                     GError   **error)
{
  g_autoptr(GkStoreStmt) stmt = get_loading_stmt (self,
                                                  SQL_SELECT_CROSS SQL_BY_REPORT,
                                                  SQL_SELECT_CROSS SQL_ONE,
                                                  only_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GkReport *report = loading_lookup (loading, id);

      if (report == NULL)
        continue;

      if (!read_json_findings ((const char *) sqlite3_column_text (stmt, 1),
                               sqlite3_column_bytes (stmt, 1), report))
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_CORRUPT,
                       _("The library “%s” is damaged: the findings across reports of report %s cannot be read."),
                       self->path, number);
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  return TRUE;
}

/* Puts the user's verdicts on the loaded findings they are about. */
static gboolean
load_verdicts (GkStore   *self,
               Loading   *loading,
               gint64     only_id,
               GError   **error)
{
  g_autoptr(GkStoreStmt) stmt = get_loading_stmt (self,
                                                  SQL_SELECT_VERDICTS SQL_BY_REPORT,
                                                  SQL_SELECT_VERDICTS SQL_ONE,
                                                  only_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GkReport *report = loading_lookup (loading, sqlite3_column_int64 (stmt, 0));
      const char *finding_id = (const char *) sqlite3_column_text (stmt, 1);
      GListModel *findings;

      if (report == NULL || finding_id == NULL)
        continue;

      findings = gk_report_get_findings (report);
      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
          g_autofree char *id = gk_finding_dup_id (finding);

          if (strcmp (id, finding_id) == 0)
            gk_finding_set_verdict (finding,
                                    gk_verdict_from_string ((const char *) sqlite3_column_text (stmt, 2)),
                                    (const char *) sqlite3_column_text (stmt, 3));
        }
    }

  if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  return TRUE;
}

/* Loads every report, or only report @only_id when it is not 0, in one
 * read transaction so that the pieces agree with each other; with their
 * contents, or with only their metadata and summary. */
static GPtrArray *
load_reports_in_transaction (GkStore   *self,
                             gint64     only_id,
                             gboolean   with_contents,
                             GError   **error)
{
  Loading loading = {
    g_ptr_array_new_with_free_func (g_object_unref),
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
    0,
    NULL,
    with_contents,
  };

  if (!load_metadata (self, &loading, only_id, error)
      || (with_contents && !load_contents (self, &loading, only_id, error))
      || (with_contents && !load_cross_findings (self, &loading, only_id, error))
      || (with_contents && !load_verdicts (self, &loading, only_id, error)))
    {
      loading_clear (&loading);
      return NULL;
    }

  g_clear_pointer (&loading.by_id, g_hash_table_unref);
  return g_steal_pointer (&loading.reports);
}

static GPtrArray *
load_reports (GkStore   *self,
              gint64     only_id,
              gboolean   with_contents,
              GError   **error)
{
  g_autoptr(GPtrArray) reports = NULL;

  if (!begin (self, SQL_BEGIN_READ, error))
    return NULL;

  reports = load_reports_in_transaction (self, only_id, with_contents, error);
  if (!end (self, reports != NULL, reports != NULL ? error : NULL))
    return NULL;

  return g_steal_pointer (&reports);
}

/* ---------------------------------------------------------------------- */
/* Opening                                                                */

static gboolean
query_int (GkStore     *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Run once each at opening: not worth a place in the cache. */
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return fail (self, rc, error);
  return TRUE;
}

static gboolean
exec_sql (GkStore     *self,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return fail (self, rc, error);
  return TRUE;
}

static gboolean
migrate (GkStore   *self,
         GError   **error)
{
  for (;;)
    {
      g_autofree char *set_version = NULL;
      gint64 version = 0;
      gboolean ok;

      /* Another instance may be migrating the same file at the same time:
       * the version is read again inside each step's write transaction. */
      if (!exec_sql (self, SQL_BEGIN_WRITE, error))
        return FALSE;

      if (!query_int (self, "PRAGMA user_version", &version, error))
        return end (self, FALSE, NULL);

      if (version >= GK_STORE_SCHEMA_VERSION)
        return end (self, TRUE, error);

      g_debug ("migrating %s from schema %" G_GINT64_FORMAT, self->path, version);
      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
      ok = exec_sql (self, migrations[version], error)
           && exec_sql (self, set_version, error);
      if (!end (self, ok, ok ? error : NULL))
        return FALSE;
    }
}

/* A library written before summaries were stored (schema 1) gets them
 * here, once: each such report is loaded whole and its summary written. */
static gboolean
fill_missing_summaries (GkStore  *self,
                        GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT id FROM reports WHERE summary IS NULL", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return fail (self, rc, error);

  if (ids->len == 0)
    return TRUE;

  g_debug ("%s: computing the summaries of %u reports", self->path, ids->len);
  if (!exec_sql (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  for (guint i = 0; ok && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GPtrArray) reports = load_reports_in_transaction (self, id, TRUE, error);
      g_autoptr(GkStoreStmt) update = NULL;

      ok = reports != NULL;
      if (ok && reports->len == 1)
        {
          update = get_stmt (self, "UPDATE reports SET summary = ?2 WHERE id = ?1", error);
          ok = update != NULL;
          if (ok)
            {
              sqlite3_bind_int64 (update, 1, id);
              bind_summary (update, 2, g_ptr_array_index (reports, 0));
              ok = run (self, update, error);
            }
        }
    }

  return end (self, ok, ok ? error : NULL);
}

/* Copying the WAL into the database (a checkpoint) and syncing both is
 * a third of the cost of an import.  SQLite does it in the committing
 * thread; the store hands it to a thread of its own, with its own
 * connection, so that the other core does it while the import goes on.
 *
 * A checkpoint that runs beside a writer can never catch up with it, and
 * SQLite starts the WAL file over only once all of it is copied; so when
 * the WAL has grown to GK_STORE_CHECKPOINT_LIMIT pages the writer copies
 * the little that is left itself, and the WAL starts over. */
static gpointer
checkpointer_thread (gpointer data)
{
  GkStore *self = data;  /* finalize joins this thread before freeing */
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      /* The writer still checkpoints at the limit: nothing is lost. */
      g_debug ("%s: no checkpoint connection: %s", self->path, sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, GK_STORE_BUSY_TIMEOUT_MS);
  /* A connection learns that the database is in WAL mode, without which
   * it does not checkpoint, on its first read. */
  sqlite3_exec (db, "PRAGMA user_version", NULL, NULL, NULL);

  for (;;)
    {
      gboolean quit;

      g_mutex_lock (&self->checkpoint_mutex);
      while (!self->checkpoint_wanted && !self->checkpoint_quit)
        g_cond_wait (&self->checkpoint_cond, &self->checkpoint_mutex);
      quit = self->checkpoint_quit;
      self->checkpoint_wanted = FALSE;
      g_mutex_unlock (&self->checkpoint_mutex);

      if (quit)
        break;

      rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_debug ("%s: checkpoint failed: %s", self->path, sqlite3_errmsg (db));
    }

  /* The store's own connection is still open: closing this one neither
   * checkpoints nor removes the WAL. */
  sqlite3_close_v2 (db);
  return NULL;
}

static int
wal_hook_cb (void       *data,
             sqlite3    *db,
             const char *name,
             int         n_pages)
{
  GkStore *self = data;

  if (n_pages >= GK_STORE_CHECKPOINT_LIMIT)
    {
      /* Fails harmlessly (busy) while the checkpointer is at work. */
      sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    }
  else if (n_pages >= GK_STORE_CHECKPOINT_PAGES)
    {
      g_mutex_lock (&self->checkpoint_mutex);
      if (self->checkpointer == NULL)
        self->checkpointer = g_thread_try_new ("gk-store-checkpoint", checkpointer_thread, self, NULL);
      self->checkpoint_wanted = TRUE;
      g_cond_signal (&self->checkpoint_cond);
      g_mutex_unlock (&self->checkpoint_mutex);
    }

  return SQLITE_OK;
}

static void
stop_checkpointer (GkStore *self)
{
  GThread *thread;

  g_mutex_lock (&self->checkpoint_mutex);
  thread = g_steal_pointer (&self->checkpointer);
  self->checkpoint_quit = TRUE;
  g_cond_signal (&self->checkpoint_cond);
  g_mutex_unlock (&self->checkpoint_mutex);

  if (thread != NULL)
    g_thread_join (thread);
}

static void
keep_files_on_close (GkStore  *self,
                     gboolean  keep)
{
  int persist_wal = keep;

  sqlite3_file_control (self->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist_wal);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, (int) keep, NULL);
}

static gboolean
gk_store_initable_init (GInitable     *initable,
                        GCancellable  *cancellable,
                        GError       **error)
{
  GkStore *self = GK_STORE (initable);
  g_autofree char *dir = NULL;
  g_autofree char *journal_mode = NULL;
  gint64 version = 0;
  gint64 application_id = 0;
  gint64 n_objects = 0;
  int rc;

  g_return_val_if_fail (self->path != NULL, FALSE);

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GK_STORE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS ? GK_STORE_ERROR_READ_ONLY : GK_STORE_ERROR_FAILED,
                   _("The folder “%s” for the library could not be created: %s."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_CORRUPT,
                   _("The library “%s” is a folder, not a library file."),
                   self->path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    return fail (self, rc, error);

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, GK_STORE_BUSY_TIMEOUT_MS);

  /* Until the file has proved to be a library we can use, closing must
   * not touch it: by default SQLite checkpoints and deletes the WAL when
   * the last connection closes, which would lose what a damaged library's
   * WAL still holds, or write into a newer library. */
  keep_files_on_close (self, TRUE);

  /* The first reads of the file: a file that is not SQLite fails here. */
  if (!query_int (self, "PRAGMA user_version", &version, error)
      || !query_int (self, "PRAGMA application_id", &application_id, error)
      || !query_int (self, "SELECT COUNT(*) FROM sqlite_master", &n_objects, error))
    return FALSE;

  if (application_id != GK_STORE_APPLICATION_ID && (version != 0 || n_objects != 0))
    {
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_CORRUPT,
                   _("The file “%s” is an SQLite database, but not a Gongkai library."),
                   self->path);
      return FALSE;
    }

  if (version > GK_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_NEWER_SCHEMA,
                   _("The library “%s” was written by a newer version of Gongkai "
                     "(library format %d; this version reads up to %d). "
                     "Update Gongkai to open it."),
                   self->path, (int) version, GK_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  /* WAL lets the app read while a worker imports, and with
   * synchronous=NORMAL a commit costs no fsync yet survives a crash of
   * the program (only a power cut may lose the last commits). */
  {
    sqlite3_stmt *stmt = NULL;

    rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        journal_mode = dup_column_text (stmt, 0);
        rc = SQLITE_OK;
      }
    sqlite3_finalize (stmt);
    if (rc != SQLITE_OK)
      return fail (self, rc, error);
    if (g_strcmp0 (journal_mode, "wal") != 0)
      g_debug ("%s: journal mode %s, WAL is not available here", self->path, journal_mode);
  }

  if (!exec_sql (self,
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;",
                 error))
    return FALSE;

  if (!migrate (self, error) || !fill_missing_summaries (self, error))
    return FALSE;

  keep_files_on_close (self, FALSE);
  sqlite3_wal_hook (self->db, wal_hook_cb, self);
  return TRUE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = gk_store_initable_init;
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

static void
gk_store_finalize (GObject *object)
{
  GkStore *self = (GkStore *)object;

  /* The checkpointer first, so that the store's connection is the last
   * one and closing it copies the WAL into the database. */
  stop_checkpointer (self);
  /* Statements next: a connection with live statements does not close. */
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->mutex);
  g_mutex_clear (&self->checkpoint_mutex);
  g_cond_clear (&self->checkpoint_cond);

  G_OBJECT_CLASS (gk_store_parent_class)->finalize (object);
}

static void
gk_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GkStore *self = GK_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  GkStore *self = GK_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_store_class_init (GkStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gk_store_finalize;
  object_class->get_property = gk_store_get_property;
  object_class->set_property = gk_store_set_property;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_store_init (GkStore *self)
{
  g_mutex_init (&self->mutex);
  g_mutex_init (&self->checkpoint_mutex);
  g_cond_init (&self->checkpoint_cond);
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, stmt_free);
}

/* ---------------------------------------------------------------------- */
/* Public API                                                             */

/**
 * gk_store_default_path:
 *
 * Returns: (transfer full): where the app keeps its library,
 *   `$XDG_DATA_HOME/gongkai/library.db`
 */
char *
gk_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "gongkai", "library.db", NULL);
}

/**
 * gk_store_open:
 * @path: the database file; it and its folders are created when missing
 *
 * Opens the library at @path, bringing its schema up to date.
 *
 * Returns: (transfer full): the store, or %NULL with @error set: among
 *   others %GK_STORE_ERROR_CORRUPT for a damaged file or one that is not a
 *   library, %GK_STORE_ERROR_NEWER_SCHEMA for a library of a newer
 *   Gongkai
 */
GkStore *
gk_store_open (const char  *path,
               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (GK_TYPE_STORE, NULL, error, "path", path, NULL);
}

const char *
gk_store_get_path (GkStore *self)
{
  g_return_val_if_fail (GK_IS_STORE (self), NULL);
  return self->path;
}

/**
 * gk_store_set_aside:
 * @path: a library that could not be opened; no store may have it open
 * @moved_to: (out) (optional) (transfer full): where it went
 *
 * Renames the library, with its -wal, -shm and -journal files, to
 * `<path>.broken-<date>-<time>` in the same folder, so that a fresh one can
 * be started at @path while the old file stays for recovery.
 */
gboolean
gk_store_set_aside (const char  *path,
                    char       **moved_to,
                    GError     **error)
{
  static const char * const companions[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_NOT_FOUND,
                   _("There is no library “%s” to set aside."), path);
      return FALSE;
    }

  /* Two set-asides in one second must not overwrite each other. */
  target = g_strdup_printf ("%s.broken-%s", path, stamp);
  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.broken-%s-%u", path, stamp, n);
    }

  if (g_rename (path, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GK_STORE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM
                   ? GK_STORE_ERROR_READ_ONLY : GK_STORE_ERROR_FAILED,
                   _("The library “%s” could not be moved to “%s”: %s."),
                   path, target, g_strerror (saved_errno));
      return FALSE;
    }

  /* The WAL may hold committed transactions: it goes with its database,
   * under the name SQLite will look for next to the moved file. */
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (target, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_FAILED,
                       _("The library was moved to “%s”, but “%s” could not follow it: %s."),
                       target, from, g_strerror (saved_errno));
          return FALSE;
        }
    }

  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&target);
  return TRUE;
}

static gboolean
is_sha256 (const char *str)
{
  guint n = 0;

  for (; g_ascii_isxdigit (*str); str++)
    n++;
  return *str == '\0' && n == 64;
}

/* Stores one report inside the caller's transaction; @info says where
 * it went, or where the same bytes already were. */
static gboolean
import_locked (GkStore              *self,
               GkReport             *report,
               GBytes               *original_bytes,
               const char           *sha256,
               gint64                imported_at,
               GkStoreImportResult  *result,
               ReportInfo           *info,
               GError              **error)
{
  g_autofree char *canonical = NULL;
  const char *eff_agency;
  int year;
  int rc;

  *result = GK_STORE_IMPORT_ADDED;
  info->version = 1;
  info->active = TRUE;
  info->imported_at = imported_at;

  {
    g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_FIND_SHA, error);

    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, sha256);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        *result = GK_STORE_IMPORT_DUPLICATE;
        info->id = sqlite3_column_int64 (stmt, 0);
      }
    else if (rc != SQLITE_DONE)
      return fail (self, rc, error);
  }

  if (*result == GK_STORE_IMPORT_DUPLICATE)
    return read_report_info (self, info->id, info, error);

  /* The agency and year this report is filed under decide whether the
   * library already has a version of it. */
  year = gk_report_get_year (report);
  eff_agency = gk_report_get_agency (report);
  if (!lookup_alias (self, eff_agency, &canonical, error))
    return FALSE;
  if (canonical != NULL)
    eff_agency = canonical;

  if (is_grouped (eff_agency, year))
    {
      g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_GROUP_SIZE, error);

      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, eff_agency);
      sqlite3_bind_int (stmt, 2, year);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        return fail (self, rc, error);
      if (sqlite3_column_int (stmt, 0) > 0)
        {
          *result = GK_STORE_IMPORT_NEW_VERSION;
          info->version = sqlite3_column_int (stmt, 1) + 1;
          info->active = FALSE;
        }
    }

  {
    g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_INSERT_REPORT, error);

    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, sha256);
    bind_metadata (stmt, report);
    sqlite3_bind_int64 (stmt, 14, imported_at);
    bind_text (stmt, 15, eff_agency);
    sqlite3_bind_int (stmt, 16, year);
    sqlite3_bind_int (stmt, 17, info->version);
    sqlite3_bind_int (stmt, 18, info->active);
    bind_summary (stmt, 19, report);
    if (!run (self, stmt, error))
      return FALSE;
    info->id = sqlite3_last_insert_rowid (self->db);
  }

  {
    g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_INSERT_ORIGINAL, error);
    gsize size = 0;
    gconstpointer data = g_bytes_get_data (original_bytes, &size);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, info->id);
    /* A zero-length blob, not NULL, for an empty file. */
    sqlite3_bind_blob64 (stmt, 2, data != NULL ? data : "", size, SQLITE_STATIC);
    if (!run (self, stmt, error))
      return FALSE;
  }

  return insert_content (self, info->id, report, error);
}

/**
 * gk_store_import_many:
 * @items: (array length=n_items): the reports to import; result and
 *   report_id are filled in
 *
 * Imports several reports in one transaction: all of them or, with
 * @error set, none.  Committing is most of the cost of importing a
 * report, so the app imports in batches (of some tens of reports) when it
 * has many.  Otherwise as gk_store_import(); a report whose bytes occur
 * twice in @items is imported once, the second one a duplicate.
 */
gboolean
gk_store_import_many (GkStore            *self,
                      GkStoreImportItem  *items,
                      gsize               n_items,
                      GError            **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_full (n_items, g_free);
  g_autofree ReportInfo *infos = g_new0 (ReportInfo, n_items);
  gint64 imported_at = g_get_real_time ();
  gboolean ok = TRUE;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < n_items; i++)
    {
      const char *report_sha256;

      g_return_val_if_fail (GK_IS_REPORT (items[i].report), FALSE);
      g_return_val_if_fail (items[i].original_bytes != NULL, FALSE);

      /* The parser hashes the bytes it reads; hashing them again would
       * cost as much as a tenth of an import. */
      report_sha256 = gk_report_get_sha256 (items[i].report);
      if (report_sha256 == NULL)
        g_ptr_array_add (hashes, g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, items[i].original_bytes));
      else if (is_sha256 (report_sha256))
        g_ptr_array_add (hashes, g_ascii_strdown (report_sha256, -1));
      else
        {
          g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_INVALID,
                       _("The report “%s” has no valid SHA-256."),
                       gk_report_get_source_name (items[i].report));
          return FALSE;
        }
    }

  if (n_items == 0)
    return TRUE;

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  for (gsize i = 0; ok && i < n_items; i++)
    ok = import_locked (self, items[i].report, items[i].original_bytes,
                        g_ptr_array_index (hashes, i), imported_at,
                        &items[i].result, &infos[i], error);

  if (!end (self, ok, ok ? error : NULL))
    return FALSE;

  for (gsize i = 0; i < n_items; i++)
    {
      if (gk_report_get_sha256 (items[i].report) == NULL)
        gk_report_set_sha256 (items[i].report, g_ptr_array_index (hashes, i));
      set_report_info (items[i].report, infos[i].id, infos[i].version,
                       infos[i].active, infos[i].imported_at);
      items[i].report_id = infos[i].id;
    }

  return TRUE;
}

/**
 * gk_store_import:
 * @report: the parse of @original_bytes; its SHA-256, which the parser
 *   sets, is taken to be that of @original_bytes (it is computed when
 *   unset); gk_store_report_id() works on @report afterwards
 * @original_bytes: the file as it was read
 * @result: (out) (optional): what happened
 * @report_id: (out) (optional): the report's id in the library
 *
 * Stores @report with its original bytes in one transaction.  Safe to call
 * from a worker thread.  Corrections and merges are not applied to
 * @report; gk_store_apply_corrections() does that.
 */
gboolean
gk_store_import (GkStore              *self,
                 GkReport             *report,
                 GBytes               *original_bytes,
                 GkStoreImportResult  *result,
                 gint64               *report_id,
                 GError              **error)
{
  GkStoreImportItem item = { report, original_bytes, GK_STORE_IMPORT_ADDED, 0 };

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);
  g_return_val_if_fail (original_bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gk_store_import_many (self, &item, 1, error))
    return FALSE;

  if (result != NULL)
    *result = item.result;
  if (report_id != NULL)
    *report_id = item.report_id;
  return TRUE;
}

/**
 * gk_store_list_reports:
 *
 * Loads every report of the library without its contents: the metadata,
 * with the user's corrections applied, and the summary (see
 * gk_report_has_contents()), in import order.  gk_store_load_contents()
 * loads a report's contents when it is opened.
 *
 * Returns: (transfer full) (element-type GkReport): the reports, or %NULL
 *   with @error set
 */
GPtrArray *
gk_store_list_reports (GkStore  *self,
                       GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (GK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  return load_reports (self, 0, FALSE, error);
}

/**
 * gk_store_load_reports:
 *
 * Loads every report of the library whole, with its sections, tables and
 * findings: what an export of the whole library needs.
 *
 * Returns: (transfer full) (element-type GkReport): the reports, or %NULL
 *   with @error set
 */
GPtrArray *
gk_store_load_reports (GkStore  *self,
                       GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (GK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  return load_reports (self, 0, TRUE, error);
}

/**
 * gk_store_load_contents:
 * @report: a report of this library, as gk_store_list_reports() gave it
 *
 * Loads @report's sections, tables and findings into it.  Call it from the
 * thread that owns @report; a worker thread can call
 * gk_store_load_report() and hand the result to gk_report_take_contents().
 */
gboolean
gk_store_load_contents (GkStore   *self,
                        GkReport  *report,
                        GError   **error)
{
  g_autoptr(GkReport) whole = NULL;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);

  if (gk_report_has_contents (report))
    return TRUE;

  whole = gk_store_load_report (self, gk_store_report_id (report), error);
  if (whole == NULL)
    return FALSE;
  gk_report_take_contents (report, whole);
  return TRUE;
}

/**
 * gk_store_load_report:
 *
 * Returns: (transfer full): report @id as gk_store_list_reports() would
 *   load it, or %NULL with @error set (%GK_STORE_ERROR_NOT_FOUND when there
 *   is no such report)
 */
GkReport *
gk_store_load_report (GkStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) reports = NULL;

  g_return_val_if_fail (GK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (id <= 0)
    {
      set_not_found (error, id);
      return NULL;
    }

  locker = g_mutex_locker_new (&self->mutex);
  reports = load_reports (self, id, TRUE, error);
  if (reports == NULL)
    return NULL;
  if (reports->len == 0)
    {
      set_not_found (error, id);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (reports, 0));
}

/**
 * gk_store_apply_verdicts:
 * @report: a report of the library, loaded from it
 *
 * Puts the verdicts the user gave on @report's findings as they are now:
 * after gk_cross_checks_run() has replaced its findings across reports,
 * say, whose verdicts the new ones would otherwise lack.  Verdicts are
 * kept by the finding's id (rule and subject), so a finding raised again
 * gets its verdict again.
 */
gboolean
gk_store_apply_verdicts (GkStore   *self,
                         GkReport  *report,
                         GError   **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 id;
  Loading loading = { 0, };
  gboolean ok;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = gk_store_report_id (report);
  if (id <= 0)
    {
      set_not_found (error, id);
      return FALSE;
    }

  loading.by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_insert (loading.by_id, g_memdup2 (&id, sizeof id), report);
  loading.with_contents = TRUE;

  locker = g_mutex_locker_new (&self->mutex);
  ok = load_verdicts (self, &loading, id, error);
  loading_clear (&loading);
  return ok;
}

/**
 * gk_store_load_original:
 *
 * Returns: (transfer full): the bytes report @id was imported from
 */
GBytes *
gk_store_load_original (GkStore  *self,
                        gint64    id,
                        GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GkStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  stmt = get_stmt (self, SQL_SELECT_ORIGINAL, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));

  if (rc == SQLITE_DONE)
    set_not_found (error, id);
  else
    fail (self, rc, error);
  return NULL;
}

/**
 * gk_store_count_reports:
 *
 * Returns: how many reports the library holds; 0 with @error set on
 *   failure
 */
guint
gk_store_count_reports (GkStore  *self,
                        GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GkStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GK_IS_STORE (self), 0);

  locker = g_mutex_locker_new (&self->mutex);
  stmt = get_stmt (self, SQL_COUNT_REPORTS, error);
  if (stmt == NULL)
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      fail (self, rc, error);
      return 0;
    }
  return sqlite3_column_int (stmt, 0);
}

/**
 * gk_store_remove_report:
 *
 * Removes report @id with everything stored about it, its corrections
 * included.  When it was the active version, the earliest remaining
 * version becomes active.
 */
gboolean
gk_store_remove_report (GkStore  *self,
                        gint64    id,
                        GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *agency = NULL;
  int year = 0;
  gboolean ok;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  ok = get_effective (self, id, &agency, &year, error)
       && run_for_id (self, SQL_DELETE_REPORT, id, error)
       && regroup (self, agency, year, error);

  return end (self, ok, ok ? error : NULL);
}

/**
 * gk_store_set_active_version:
 *
 * Makes report @id the active version of its agency and year.
 */
gboolean
gk_store_set_active_version (GkStore  *self,
                             gint64    id,
                             GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *agency = NULL;
  int year = 0;
  gboolean ok;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  ok = get_effective (self, id, &agency, &year, error);
  if (ok && is_grouped (agency, year))
    {
      g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_ACTIVATE, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          bind_text (stmt, 2, agency);
          sqlite3_bind_int (stmt, 3, year);
          ok = run (self, stmt, error);
        }
      /* The user settled which version counts: the cross checks compare
       * only that one from now on (see the cross_findings table). */
      if (ok)
        {
          g_autoptr(GkStoreStmt) choose = get_stmt (self, SQL_CHOOSE, error);

          ok = choose != NULL;
          if (ok)
            {
              sqlite3_bind_int64 (choose, 1, id);
              bind_text (choose, 2, agency);
              sqlite3_bind_int (choose, 3, year);
              ok = run (self, choose, error);
            }
        }
    }

  return end (self, ok, ok ? error : NULL);
}

/* Trims @name; returns %NULL for a name of nothing but white space. */
static char *
dup_name (const char *name)
{
  char *copy;

  if (name == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (name));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/**
 * gk_store_correct_agency:
 * @agency: (nullable): the right name, or %NULL to drop the correction
 *
 * Records the user's correction of report @id's agency.  It is kept apart
 * from the parsed metadata: it survives gk_store_replace_parse().
 */
gboolean
gk_store_correct_agency (GkStore     *self,
                         gint64       id,
                         const char  *agency,
                         GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *name = dup_name (agency);
  g_autofree char *old_agency = NULL;
  int old_year = 0;
  gboolean ok;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  ok = get_effective (self, id, &old_agency, &old_year, error);
  if (ok)
    {
      g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_CORRECT_AGENCY, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          bind_text (stmt, 2, name);
          sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
          ok = run (self, stmt, error);
        }
    }

  ok = ok
       && run_for_id (self, SQL_DROP_EMPTY_CORRECTION, id, error)
       && refile_report (self, id, old_agency, old_year, error);

  return end (self, ok, ok ? error : NULL);
}

/**
 * gk_store_correct_year:
 * @year: the right year, or 0 to drop the correction
 *
 * Records the user's correction of report @id's year, like
 * gk_store_correct_agency().
 */
gboolean
gk_store_correct_year (GkStore  *self,
                       gint64    id,
                       int       year,
                       GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *old_agency = NULL;
  int old_year = 0;
  gboolean ok;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (year < 0 || year > 9999)
    {
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_INVALID,
                   _("%d is not a year."), year);
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  ok = get_effective (self, id, &old_agency, &old_year, error);
  if (ok)
    {
      g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_CORRECT_YEAR, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          if (year > 0)
            sqlite3_bind_int (stmt, 2, year);
          else
            sqlite3_bind_null (stmt, 2);
          sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
          ok = run (self, stmt, error);
        }
    }

  ok = ok
       && run_for_id (self, SQL_DROP_EMPTY_CORRECTION, id, error)
       && refile_report (self, id, old_agency, old_year, error);

  return end (self, ok, ok ? error : NULL);
}

/**
 * gk_store_merge_agency:
 * @alias: a way the agency's name is written
 * @canonical: the name to show and group under instead
 *
 * Records that @alias and @canonical name one agency.  Merges are
 * transitive: merging into a name that was itself merged into a third one
 * files @alias under the third, and names merged into @alias follow it.
 */
gboolean
gk_store_merge_agency (GkStore     *self,
                       const char  *alias,
                       const char  *canonical,
                       GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *from = dup_name (alias);
  g_autofree char *to = dup_name (canonical);
  g_autofree char *target = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (from == NULL || to == NULL)
    {
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_INVALID,
                   _("An agency name cannot be empty."));
      return FALSE;
    }
  if (strcmp (from, to) == 0)
    return TRUE;

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  /* The alias table stays flat, every alias naming a canonical name that
   * is no alias itself, so that one lookup resolves any name. */
  ok = lookup_alias (self, to, &target, &local_error);
  if (ok && target == NULL)
    target = g_strdup (to);
  if (ok && strcmp (target, from) == 0)
    {
      /* Merging a name back into the alias that was merged into it: the
       * user turns the pair round. */
      g_free (target);
      target = g_strdup (to);
      {
        g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_DELETE_ALIAS, &local_error);

        ok = stmt != NULL;
        if (ok)
          {
            bind_text (stmt, 1, to);
            ok = run (self, stmt, &local_error);
          }
      }
    }

  if (ok)
    {
      g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_INSERT_ALIAS, &local_error);

      ok = stmt != NULL;
      if (ok)
        {
          bind_text (stmt, 1, from);
          bind_text (stmt, 2, target);
          ok = run (self, stmt, &local_error);
        }
    }

  if (ok)
    {
      g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_RETARGET_ALIASES, &local_error);

      ok = stmt != NULL;
      if (ok)
        {
          bind_text (stmt, 1, from);
          bind_text (stmt, 2, target);
          ok = run (self, stmt, &local_error);
        }
    }

  ok = ok
       && run_sql (self, SQL_REFRESH_EFFECTIVE, &local_error)
       && regroup_agency (self, target, &local_error);

  if (!end (self, ok, ok ? &local_error : NULL))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * gk_store_unmerge_agency:
 *
 * Undoes gk_store_merge_agency() for @alias: reports that write it are
 * filed under it again.
 */
gboolean
gk_store_unmerge_agency (GkStore     *self,
                         const char  *alias,
                         GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *from = dup_name (alias);
  g_autofree char *canonical = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (from == NULL)
    {
      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_INVALID,
                   _("An agency name cannot be empty."));
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  ok = lookup_alias (self, from, &canonical, &local_error);
  if (ok && canonical == NULL)
    {
      g_set_error (&local_error, GK_STORE_ERROR, GK_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not merged into another name."), from);
      ok = FALSE;
    }

  if (ok)
    {
      g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_DELETE_ALIAS, &local_error);

      ok = stmt != NULL;
      if (ok)
        {
          bind_text (stmt, 1, from);
          ok = run (self, stmt, &local_error);
        }
    }

  ok = ok
       && run_sql (self, SQL_REFRESH_EFFECTIVE, &local_error)
       && regroup_agency (self, from, &local_error)
       && regroup_agency (self, canonical, &local_error);

  if (!end (self, ok, ok ? &local_error : NULL))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * gk_store_dup_agency_aliases:
 *
 * Returns: (transfer full) (element-type utf8 utf8): every merged name →
 *   the name it was merged into, or %NULL with @error set
 */
GHashTable *
gk_store_dup_agency_aliases (GkStore  *self,
                             GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GkStoreStmt) stmt = NULL;
  g_autoptr(GHashTable) aliases = NULL;
  int rc;

  g_return_val_if_fail (GK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  stmt = get_stmt (self, SQL_SELECT_ALIASES, error);
  if (stmt == NULL)
    return NULL;

  aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (aliases, dup_column_text (stmt, 0), dup_column_text (stmt, 1));

  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&aliases);
}

/**
 * gk_store_apply_corrections:
 * @report: a report, imported or not
 *
 * Shows the user's corrections on @report as gk_store_load_report() would:
 * the corrected agency and year when @report is in the library, and the
 * merged agency name in any case.  Applying them twice changes nothing.
 */
void
gk_store_apply_corrections (GkStore  *self,
                            GkReport *report)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *corrected_agency = NULL;
  g_autofree char *canonical = NULL;
  gboolean year_corrected = FALSE;
  int corrected_year = 0;
  gint64 id;

  g_return_if_fail (GK_IS_STORE (self));
  g_return_if_fail (GK_IS_REPORT (report));

  id = gk_store_report_id (report);
  locker = g_mutex_locker_new (&self->mutex);

  if (id > 0)
    {
      g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_SELECT_CORRECTION, &error);
      int rc;

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          corrected_agency = dup_column_text (stmt, 0);
          year_corrected = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
          corrected_year = sqlite3_column_int (stmt, 1);
        }
      else if (rc != SQLITE_DONE)
        {
          fail (self, rc, &error);
          goto failed;
        }
    }

  if (!lookup_alias (self,
                     corrected_agency != NULL ? corrected_agency : gk_report_get_agency (report),
                     &canonical, &error))
    goto failed;

  apply_correction_values (report, corrected_agency, year_corrected, corrected_year, canonical);
  return;

failed:
  g_warning ("Could not read the corrections of report %" G_GINT64_FORMAT ": %s", id, error->message);
}

/**
 * gk_store_replace_parse:
 * @new_parse: a fresh parse of report @id's original bytes
 *
 * Replaces the metadata, sections, cells and findings of report @id by
 * those of @new_parse, in one transaction.  The source name and the
 * original bytes are the import's and stay; so do the user's corrections,
 * which are applied to @new_parse, which then stands for report @id.
 */
gboolean
gk_store_replace_parse (GkStore   *self,
                        gint64     id,
                        GkReport  *new_parse,
                        GError   **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *old_agency = NULL;
  g_autofree char *stored_sha256 = NULL;
  g_autofree char *stored_source = NULL;
  int old_year = 0;
  gboolean ok;
  int rc;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (new_parse), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  {
    g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_REPORT_INFO, error);

    ok = stmt != NULL;
    if (ok)
      {
        sqlite3_bind_int64 (stmt, 1, id);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          {
            old_agency = dup_column_text (stmt, 3);
            old_year = sqlite3_column_int (stmt, 4);
            stored_sha256 = dup_column_text (stmt, 5);
            stored_source = dup_column_text (stmt, 6);
          }
        else if (rc == SQLITE_DONE)
          {
            set_not_found (error, id);
            ok = FALSE;
          }
        else
          ok = fail (self, rc, error);
      }
  }

  if (ok && gk_report_get_sha256 (new_parse) != NULL
      && g_ascii_strcasecmp (gk_report_get_sha256 (new_parse), stored_sha256) != 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, GK_STORE_ERROR, GK_STORE_ERROR_INVALID,
                   _("The new parse is of a different file than report %s."), number);
      ok = FALSE;
    }

  if (ok)
    {
      g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_UPDATE_REPORT, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          bind_metadata (stmt, new_parse);
          bind_summary (stmt, 19, new_parse);
          ok = run (self, stmt, error);
        }
    }

  ok = ok
       && delete_content (self, id, error)
       && insert_content (self, id, new_parse, error)
       && refile_report (self, id, old_agency, old_year, error);

  if (!end (self, ok, ok ? error : NULL))
    return FALSE;

  if (gk_report_get_sha256 (new_parse) == NULL)
    gk_report_set_sha256 (new_parse, stored_sha256);
  gk_report_set_source_name (new_parse, stored_source);

  {
    g_autoptr(GError) info_error = NULL;

    /* The new parse is in the database; failing to read back its version
     * only leaves the in-memory copy without it. */
    if (!refresh_report_info (self, new_parse, id, &info_error))
      g_warning ("Could not read back report %" G_GINT64_FORMAT ": %s", id, info_error->message);
  }

  g_clear_pointer (&locker, g_mutex_locker_free);
  gk_store_apply_corrections (self, new_parse);
  return TRUE;
}

/**
 * gk_store_reparse:
 * @parse: the parser, usually a wrapper of gk_parse_bytes() that also runs
 *   the checks
 *
 * Parses report @id's original bytes again and replaces what the library
 * holds of it with gk_store_replace_parse().
 *
 * Returns: (transfer full): the new parse with the user's corrections
 *   applied, or %NULL with @error set
 */
GkReport *
gk_store_reparse (GkStore           *self,
                  gint64             id,
                  GkStoreParseFunc   parse,
                  GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GkReport) report = NULL;
  g_autofree char *source_name = NULL;

  g_return_val_if_fail (GK_IS_STORE (self), NULL);
  g_return_val_if_fail (parse != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = gk_store_load_original (self, id, error);
  if (bytes == NULL)
    return NULL;

  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
    g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_REPORT_INFO, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, id);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      source_name = dup_column_text (stmt, 6);
  }

  /* Parsing takes a while and needs no lock. */
  report = parse (bytes, source_name, error);
  if (report == NULL)
    return NULL;

  if (!gk_store_replace_parse (self, id, report, error))
    return NULL;

  return g_steal_pointer (&report);
}

/**
 * gk_store_report_id:
 *
 * Returns: the id of @report in the library it was loaded from or
 *   imported into, 0 for a report no store has seen
 */
gint64
gk_store_report_id (GkReport *report)
{
  const ReportInfo *info;

  g_return_val_if_fail (GK_IS_REPORT (report), 0);

  info = get_report_info (report);
  return info != NULL ? info->id : 0;
}

/**
 * gk_store_report_version:
 *
 * Returns: 1 for the first report of its agency and year in the library,
 *   2 for the second …; 0 for a report no store has seen
 */
guint
gk_store_report_version (GkReport *report)
{
  const ReportInfo *info;

  g_return_val_if_fail (GK_IS_REPORT (report), 0);

  info = get_report_info (report);
  return info != NULL ? info->version : 0;
}

/**
 * gk_store_report_is_active:
 *
 * Returns: whether @report is the version of its agency and year that
 *   counts (the first imported, unless the user chose another)
 */
gboolean
gk_store_report_is_active (GkReport *report)
{
  const ReportInfo *info;

  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);

  info = get_report_info (report);
  return info != NULL && info->active;
}

/**
 * gk_store_report_imported_at:
 *
 * Returns: when @report was imported, in microseconds since 1970 (UTC),
 *   as g_get_real_time() counts; 0 for a report no store has seen
 */
gint64
gk_store_report_imported_at (GkReport *report)
{
  const ReportInfo *info;

  g_return_val_if_fail (GK_IS_REPORT (report), 0);

  info = get_report_info (report);
  return info != NULL ? info->imported_at : 0;
}

/**
 * gk_store_set_verdict:
 * @id: the report's id
 * @finding_id: gk_finding_dup_id() of the finding
 * @verdict: %GK_VERDICT_NONE forgets an earlier verdict
 * @note: (nullable): why
 *
 * Stores what the user decided about a finding of report @id.  It is kept
 * by the finding's id, so a re-check or a re-parse that finds the same
 * problem again shows it with the same verdict.
 */
gboolean
gk_store_set_verdict (GkStore     *self,
                      gint64       id,
                      const char  *finding_id,
                      GkVerdict    verdict,
                      const char  *note,
                      GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GkStoreStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (finding_id != NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  if (verdict == GK_VERDICT_NONE)
    stmt = get_stmt (self, "DELETE FROM verdicts WHERE report_id = ?1 AND finding = ?2", error);
  else
    stmt = get_stmt (self,
                     "INSERT INTO verdicts (report_id, finding, verdict, note, decided_at)"
                     " SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM reports WHERE id = ?1)"
                     " ON CONFLICT (report_id, finding) DO UPDATE"
                     " SET verdict = excluded.verdict, note = excluded.note, decided_at = excluded.decided_at",
                     error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, finding_id);
      if (verdict != GK_VERDICT_NONE)
        {
          bind_text (stmt, 3, gk_verdict_to_string (verdict));
          bind_text (stmt, 4, note != NULL && *note != '\0' ? note : NULL);
          sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
        }
      ok = run (self, stmt, error);
    }
  if (ok && verdict != GK_VERDICT_NONE && sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, id);
      ok = FALSE;
    }

  return end (self, ok, ok ? error : NULL);
}

/* ---------------------------------------------------------------------- */
/* Findings across reports                                                */

/* Runs a statement whose one parameter is a text, e.g. an agency. */
static gboolean
run_for_text (GkStore     *self,
              const char  *sql,
              const char  *text,
              GError     **error)
{
  g_autoptr(GkStoreStmt) stmt = get_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, text);
  return run (self, stmt, error);
}

/* The reports of an agency the cross checks compare: every report with a
 * year, except the versions the user put aside by choosing another. */
#define SQL_CROSS_GROUP \
  "SELECT id FROM reports r WHERE eff_agency = ?1 AND eff_year > 0" \
  " AND (active = 1 OR NOT EXISTS (SELECT 1 FROM reports o WHERE o.eff_agency = r.eff_agency" \
  "   AND o.eff_year = r.eff_year AND o.active = 1 AND o.chosen = 1))" \
  " ORDER BY id"
#define SQL_DELETE_CROSS \
  "DELETE FROM cross_findings WHERE report_id IN (SELECT id FROM reports WHERE eff_agency = ?1)"
/* A report removed or moved to another agency since it was loaded gets
 * nothing: its new agency's check writes its findings. */
#define SQL_INSERT_CROSS \
  "INSERT INTO cross_findings (report_id, findings, n_errors, n_warnings)" \
  " SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM reports WHERE id = ?1 AND eff_agency = ?5)" \
  " ON CONFLICT (report_id) DO UPDATE SET findings = excluded.findings," \
  " n_errors = excluded.n_errors, n_warnings = excluded.n_warnings"
#define SQL_ADD_PENDING    "INSERT OR IGNORE INTO cross_pending (agency) VALUES (?1)"
#define SQL_DELETE_PENDING "DELETE FROM cross_pending WHERE agency = ?1"
#define SQL_SELECT_PENDING "SELECT agency FROM cross_pending ORDER BY agency"

/**
 * gk_store_load_cross_group:
 * @agency: an agency name, as the library lists it (corrections and
 *   merges applied)
 *
 * Loads, with their contents, the reports of @agency that the checks
 * across reports compare: all that have a year, but of a year whose
 * version the user chose (gk_store_set_active_version()) only that one.
 * Meant for a worker thread; the caller drops them when done, so that
 * only one agency's tables are in memory at a time.
 *
 * Returns: (transfer container) (element-type GkReport): the reports, by id
 */
GPtrArray *
gk_store_load_cross_group (GkStore     *self,
                           const char  *agency,
                           GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok;

  g_return_val_if_fail (GK_IS_STORE (self), NULL);
  g_return_val_if_fail (agency != NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_READ, error))
    return NULL;

  {
    g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_CROSS_GROUP, error);
    int rc = SQLITE_DONE;

    ok = stmt != NULL;
    if (ok)
      {
        bind_text (stmt, 1, agency);
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            gint64 id = sqlite3_column_int64 (stmt, 0);
            g_array_append_val (ids, id);
          }
        if (rc != SQLITE_DONE)
          ok = fail (self, rc, error);
      }
  }

  reports = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; ok && i < ids->len; i++)
    {
      g_autoptr(GPtrArray) one = load_reports_in_transaction (self, g_array_index (ids, gint64, i),
                                                              TRUE, error);

      ok = one != NULL;
      if (ok && one->len == 1)
        g_ptr_array_add (reports, g_object_ref (g_ptr_array_index (one, 0)));
    }

  if (!end (self, ok, ok ? error : NULL))
    return NULL;
  return g_steal_pointer (&reports);
}

#define SQL_LONE_AGENCY \
  "SELECT (SELECT count(*) FROM (" SQL_CROSS_GROUP "))," \
  " (SELECT count(*) FROM cross_findings WHERE report_id IN (SELECT id FROM reports WHERE eff_agency = ?1))"

/**
 * gk_store_settle_lone_agency:
 * @agency: an agency name, as the library lists it
 * @settled: (out): whether @agency was settled
 *
 * Most agencies of a library have one report, which has nothing to be
 * compared with: when @agency has at most one report to compare and
 * none of its reports holds findings across reports, marks it as
 * checked without loading anything, and sets @settled.  Otherwise
 * changes nothing: the agency needs gk_store_load_cross_group() and
 * gk_store_replace_cross_findings().
 */
gboolean
gk_store_settle_lone_agency (GkStore     *self,
                             const char  *agency,
                             gboolean    *settled,
                             GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean ok;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (agency != NULL, FALSE);
  g_return_val_if_fail (settled != NULL, FALSE);

  *settled = FALSE;
  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  {
    g_autoptr(GkStoreStmt) stmt = get_stmt (self, SQL_LONE_AGENCY, error);
    int rc;

    ok = stmt != NULL;
    if (ok)
      {
        bind_text (stmt, 1, agency);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          *settled = sqlite3_column_int64 (stmt, 0) <= 1 && sqlite3_column_int64 (stmt, 1) == 0;
        else
          ok = fail (self, rc, error);
      }
  }
  if (ok && *settled)
    ok = run_for_text (self, SQL_DELETE_PENDING, agency, error);
  if (!ok)
    *settled = FALSE;

  return end (self, ok, ok ? error : NULL);
}

/**
 * gk_store_replace_cross_findings:
 * @agency: the agency @reports were loaded for
 * @reports: (element-type GkReport): what gk_store_load_cross_group()
 *   gave for @agency, after gk_cross_checks_run()
 *
 * Replaces the stored findings across reports of every report of @agency
 * by those of @reports (their own findings are left as they are), and
 * marks @agency as checked.
 */
gboolean
gk_store_replace_cross_findings (GkStore     *self,
                                 const char  *agency,
                                 GPtrArray   *reports,
                                 GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean ok;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (agency != NULL, FALSE);
  g_return_val_if_fail (reports != NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;

  ok = run_for_text (self, SQL_DELETE_CROSS, agency, error);
  for (guint i = 0; ok && i < reports->len; i++)
    {
      GkReport *report = g_ptr_array_index (reports, i);
      GListModel *findings = gk_report_get_findings (report);
      g_autoptr(GString) json = NULL;
      g_autoptr(GkStoreStmt) stmt = NULL;
      guint n_errors = 0, n_warnings = 0, n_cross = 0;

      for (guint j = 0; j < g_list_model_get_n_items (findings); j++)
        {
          g_autoptr(GkFinding) finding = g_list_model_get_item (findings, j);

          if (!gk_cross_checks_is_cross_rule (gk_finding_get_rule (finding)))
            continue;
          n_cross++;
          if (gk_finding_get_status (finding) != GK_FINDING_FAILED)
            continue;
          if (gk_finding_get_severity (finding) == GK_SEVERITY_ERROR)
            n_errors++;
          else
            n_warnings++;
        }
      if (n_cross == 0)
        continue;

      json = g_string_sized_new (1024);
      append_json_findings (json, report, TRUE);
      stmt = get_stmt (self, SQL_INSERT_CROSS, error);
      ok = stmt != NULL;
      if (!ok)
        break;
      sqlite3_bind_int64 (stmt, 1, gk_store_report_id (report));
      sqlite3_bind_text64 (stmt, 2, json->str, json->len, SQLITE_STATIC, SQLITE_UTF8);
      sqlite3_bind_int (stmt, 3, n_errors);
      sqlite3_bind_int (stmt, 4, n_warnings);
      bind_text (stmt, 5, agency);
      ok = run (self, stmt, error);
    }
  ok = ok && run_for_text (self, SQL_DELETE_PENDING, agency, error);

  return end (self, ok, ok ? error : NULL);
}

/**
 * gk_store_add_cross_pending:
 * @agencies: agency names
 *
 * Notes that the findings across reports of @agencies need checking
 * again, so that they are when the library next opens should the checks
 * now under way not finish.  One transaction for all: an import adds
 * thousands.
 */
gboolean
gk_store_add_cross_pending (GkStore             *self,
                            const char * const  *agencies,
                            GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (agencies != NULL, FALSE);

  if (agencies[0] == NULL)
    return TRUE;

  locker = g_mutex_locker_new (&self->mutex);
  if (!begin (self, SQL_BEGIN_WRITE, error))
    return FALSE;
  for (guint i = 0; ok && agencies[i] != NULL; i++)
    ok = run_for_text (self, SQL_ADD_PENDING, agencies[i], error);
  return end (self, ok, ok ? error : NULL);
}

/**
 * gk_store_dup_cross_pending:
 *
 * Returns: (transfer full): the agencies whose findings across reports
 *   were never checked or whose check did not finish; %NULL on error
 */
GStrv
gk_store_dup_cross_pending (GkStore  *self,
                            GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GkStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GK_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);
  stmt = get_stmt (self, SQL_SELECT_PENDING, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * gk_store_refresh_report:
 *
 * Reads again which version @report is and whether it is the active one,
 * after gk_store_set_active_version() changed its group.
 */
gboolean
gk_store_refresh_report (GkStore   *self,
                         GkReport  *report,
                         GError   **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (GK_IS_STORE (self), FALSE);
  g_return_val_if_fail (GK_IS_REPORT (report), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  return refresh_report_info (self, report, gk_store_report_id (report), error);
}

/* ---------------------------------------------------------------------- */
/* Every finding                                                          */

/* Straight from the JSON, without reading a cell: the findings view of a
 * library of ten thousand reports must not build them.  The id is
 * gk_finding_dup_id()'s, to find the verdict by. */
#define SQL_LIST_FINDINGS \
  "SELECT c.report_id, r.eff_agency, r.eff_year, f.value ->> 0, f.value ->> 1," \
  " f.value ->> 4, f.value ->> 3, f.value ->> 9, v.verdict" \
  " FROM (SELECT report_id, findings FROM contents" \
  "       UNION ALL SELECT report_id, findings FROM cross_findings) c" \
  " JOIN reports r ON r.id = c.report_id" \
  " JOIN json_each (c.findings) f" \
  " LEFT JOIN verdicts v ON v.report_id = c.report_id AND v.finding =" \
  "   (f.value ->> 0) || ':' || COALESCE (f.value ->> 3, '') || COALESCE ('@' || (f.value ->> 9), '')" \
  " WHERE f.value ->> 2 = ?1" \
  " ORDER BY c.report_id, f.key"

void
gk_store_finding_free (GkStoreFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->agency);
  g_free (finding->rule);
  g_free (finding->message);
  g_free (finding->finding_id);
  g_free (finding->other_report);
  g_free (finding);
}

/**
 * gk_store_list_findings:
 *
 * Lists the failed findings of every report, its own and those across
 * reports, with the user's verdicts, without loading any report's
 * tables.  Meant for a worker thread.
 *
 * Returns: (transfer container) (element-type GkStoreFinding): the
 *   findings, by report id; %NULL on error
 */
GPtrArray *
gk_store_list_findings (GkStore  *self,
                        GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_store_finding_free);
  g_autoptr(GkStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GK_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);
  stmt = get_stmt (self, SQL_LIST_FINDINGS, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, gk_finding_status_to_string (GK_FINDING_FAILED));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GkStoreFinding *row = g_new0 (GkStoreFinding, 1);
      const char *subject = (const char *) sqlite3_column_text (stmt, 6);

      row->report_id = sqlite3_column_int64 (stmt, 0);
      row->agency = dup_column_text (stmt, 1);
      row->year = sqlite3_column_int (stmt, 2);
      row->rule = dup_column_text (stmt, 3);
      row->severity = severity_from_string ((const char *) sqlite3_column_text (stmt, 4));
      row->message = dup_column_text (stmt, 5);
      row->other_report = dup_column_text (stmt, 7);
      if (row->other_report != NULL)
        row->finding_id = g_strconcat (row->rule, ":", subject ? subject : "", "@", row->other_report, NULL);
      else
        row->finding_id = g_strconcat (row->rule, ":", subject ? subject : "", NULL);
      row->verdict = gk_verdict_from_string ((const char *) sqlite3_column_text (stmt, 8));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
