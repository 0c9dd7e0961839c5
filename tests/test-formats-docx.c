/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-formats-docx.c: reports as Word documents.  Each seed, parsed from
 * its text, is written as a .docx (libarchive's zip writer, w:gridSpan and
 * w:vMerge for the templates' merged cells) and must parse to the same
 * agency, year, template, cells and sections, even named .pdf.  Then the
 * reader itself on small documents, and hostile files: zip bombs (honest
 * and lying headers), truncated and damaged zips, bad XML, entities, a
 * legacy .doc. */

#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "gk-core.h"
#include "gk-docx-reader.h"
#include "gk-report-diff.h"
#include "gk-report-docx.h"

#define DOC_START "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
                  "<w:document xmlns:w=\"" GK_DOCX_W_NS "\"><w:body>"
#define DOC_END   "</w:body></w:document>"

static GHashTable *originals;  /* seed file name → GkReport */

static GkReport *
parse_seed (const char *seed)
{
  GkReport *report = g_hash_table_lookup (originals, seed);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (report != NULL)
    return report;

  /* Read without GFile, whose VFS modules stay loaded and look like leaks
   * under valgrind. */
  path = g_test_build_filename (G_TEST_DIST, "data", "seeds", seed, NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, length);
  report = gk_parse_bytes (bytes, seed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_hash_table_insert (originals, g_strdup (seed), report);
  return report;
}

static GBytes *
pack (const char *body)
{
  g_autofree char *xml = g_strconcat (DOC_START, body, DOC_END, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = gk_docx_pack (xml, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* The rows as text: "P3|text" for prose, "G3|a|b" for a table row, with
 * the row's line (its first paragraph's number). */
static char *
read_to_string (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GPtrArray) rows = gk_docx_read (data, size, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  for (guint r = 0; r < rows->len; r++)
    {
      const GkTextRow *row = g_ptr_array_index (rows, r);

      g_string_append_printf (out, "%c%u", row->layout == GK_ROW_PROSE ? 'P' : 'G', row->line);
      for (guint c = 0; c < row->n_cells; c++)
        {
          g_string_append_c (out, '|');
          g_string_append (out, row->cells[c].raw);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
read_body (const char *body)
{
  g_autoptr(GBytes) bytes = pack (body);

  return read_to_string (bytes);
}

/* Parses @bytes as a whole report and returns the error it gives. */
static GError *
parse_error (GBytes     *bytes,
             const char *name)
{
  GError *error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (bytes, name, &error);

  g_assert_null (report);
  g_assert_nonnull (error);
  return error;
}

/* ---------------------------------------------------------------------- */
/* The seeds as Word documents                                            */

static void
test_seed_docx (gconstpointer data)
{
  const char *seed = data;
  GkReport *original = parse_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = gk_report_write_docx (original, &error);
  g_autofree char *name = g_strdup_printf ("%.3s.pdf", seed);
  g_autoptr(GkReport) report = NULL;
  g_autofree char *diff = NULL;
  GListModel *findings;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  /* Named .pdf: the format comes from the bytes. */
  report = gk_parse_bytes (bytes, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (gk_report_get_format (report), ==, GK_FORMAT_DOCX);
  g_assert_cmpstr (gk_report_get_encoding (report), ==, "UTF-8");
  g_assert_nonnull (gk_report_get_table (report, GK_TABLE_3));

  diff = gk_report_diff (original, report, TRUE, 20);
  if (*diff != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (diff, "\n", -1);

      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        g_test_message ("%s", lines[i]);
      g_test_fail_printf ("the document made of %s does not parse like its text (listed above)", seed);
    }

  /* A merged cell never reads as a missing one: the document has no
   * finding of the parser's that the text has not. */
  findings = gk_report_get_findings (report);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);
      GListModel *others = gk_report_get_findings (original);
      gboolean known = FALSE;

      if (gk_finding_get_rule (finding)[0] != 'P')
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (others) && !known; k++)
        {
          g_autoptr(GkFinding) other = g_list_model_get_item (others, k);
          known = g_strcmp0 (gk_finding_get_subject (other), gk_finding_get_subject (finding)) == 0;
        }
      if (!known)
        g_test_fail_printf ("unexpected finding %s: %s", gk_finding_get_rule (finding),
                            gk_finding_get_message (finding));
    }
}

static void
test_writer (void)
{
  GkReport *original = parse_seed ("002_7c3adba71c2c08c1.txt");
  g_autofree char *xml = gk_report_write_docx_xml (original);
  g_autoptr(GBytes) bytes = gk_report_write_docx (original, NULL);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* （三）不予公开 starts a merge of eight rows; the rows below continue it. */
  g_assert_nonnull (strstr (xml, "<w:vMerge w:val=\"restart\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
                                 "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/>"
                                 "<w:sz w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">（三）不予公开</w:t>"));
  g_assert_nonnull (strstr (xml, "<w:vMerge/><w:vAlign w:val=\"center\"/></w:tcPr><w:p/></w:tc>"));
  g_assert_nonnull (strstr (xml, "<w:gridSpan w:val=\"10\"/>"));
  /* Table 2's rows are narrower than its sub-items' rows. */
  g_assert_nonnull (strstr (xml, "<w:trPr><w:gridAfter w:val=\"1\"/></w:trPr>"));
  g_assert_true (size > 4 && memcmp (data, "PK\003\004", 4) == 0);
  /* Compressed: the names are there, the text is not. */
  g_assert_nonnull (memmem (data, size, "word/document.xml", 17));
  g_assert_null (memmem (data, size, "gridSpan", 8));
}

/* ---------------------------------------------------------------------- */
/* The reader                                                             */

static void
test_merges (void)
{
  g_autofree char *text = read_body (
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr>"
    "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc>"
    "</w:tr>"
    "<w:tr>"
    "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>stale</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>D</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:tcPr><w:vMerge w:val=\"continue\"/></w:tcPr><w:p/></w:tc>"
    "</w:tr>"
    "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/></w:trPr>"
    "<w:tc><w:p><w:r><w:t>E</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>F</w:t></w:r></w:p></w:tc>"
    "</w:tr>"
    "<w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>"
    "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>G</w:t></w:r></w:p></w:tc>"
    "</w:tr>"
    "</w:tbl>");

  /* Text at the top-left of a merge; the positions it covers, and those
   * before and after a row, are empty cells. */
  g_assert_cmpstr (text, ==,
                   "G1|A||B|C\n"
                   "G4|||D|\n"
                   "G7||E|F|\n"
                   "G9|||G|\n");
}

static void
test_text (void)
{
  g_autofree char *text = read_body (
    "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:bookmarkStart w:id=\"0\" w:name=\"a\"/>"
    "<w:r><w:t>某某局</w:t></w:r><w:r><w:rPr><w:lang w:val=\"en-US\"/></w:rPr><w:t>2021</w:t></w:r>"
    "<w:proofErr w:type=\"spellStart\"/><w:r><w:t xml:space=\"preserve\">年 报告</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:tab/><w:t>续</w:t></w:r></w:p>"
    "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
    "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>显示</w:t></w:r>"
    "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>删除</w:delText></w:r></w:del>"
    "<w:ins w:id=\"2\" w:author=\"x\"><w:r><w:t>插入</w:t></w:r></w:ins>"
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> HYPERLINK \"x\" </w:instrText></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    "<w:hyperlink w:history=\"1\"><w:r><w:t>链接</w:t></w:r></w:hyperlink>"
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
    "<w:p/>"
    "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>内容控件</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    "<w:p><w:r><w:t>a &amp; b &lt; c</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>（四）无法</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>提供</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>1</w:t><w:br/><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");

  /* Runs join, a tab is a space, a break ends a line; hidden, deleted and
   * field-code text is left out; a row's line is its first paragraph. */
  g_assert_cmpstr (text, ==,
                   "P1|某某局2021年 报告\n"
                   "P2|第一行\n"
                   "P2|第二行 续\n"
                   "P3|显示插入链接\n"
                   "P5|内容控件\n"
                   "P6|a & b < c\n"
                   "G7|（四）无法\n提供|1\n2\n");
}

static void
test_layout_tables (void)
{
  /* A table holding a table lays the page out; a one-column table is a
   * box around paragraphs. */
  g_autofree char *text = read_body (
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>左</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p/></w:tc><w:tc><w:p><w:r><w:t>右</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>方框</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");

  g_assert_cmpstr (text, ==,
                   "P1|左\n"
                   "G2|甲|乙\n"
                   "P5|右\n"
                   "P6|方框\n"
                   "P7|第二段\n");
}

static void
test_strict_namespace (void)
{
  const char *xml = "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\">"
                    "<w:body><w:p><w:r><w:t>严格</w:t></w:r></w:p></w:body></w:document>";
  g_autoptr(GBytes) bytes = gk_docx_pack (xml, 0, NULL);
  g_autofree char *text = read_to_string (bytes);

  g_assert_cmpstr (text, ==, "P1|严格\n");
}

/* ---------------------------------------------------------------------- */
/* A document as Word saves it                                            */

static void
test_fixture (void)
{
  /* "table/row/column=raw"; every other cell of tables 3 and 4 is "0". */
  static const char * const expected[] = {
    "t3/new/natural=12", "t3/new/commercial=3", "t3/new/legal=1", "t3/new/total=16",
    "t3/carried_in/natural=1", "t3/carried_in/total=1",
    "t3/granted/natural=6", "t3/granted/commercial=1", "t3/granted/total=7",
    "t3/partial/natural=2", "t3/partial/total=2",
    "t3/denied.4/natural=1", "t3/denied.4/total=1",
    "t3/unable.1/natural=2", "t3/unable.1/commercial=1", "t3/unable.1/legal=1", "t3/unable.1/total=4",
    "t3/rejected.2/natural=1", "t3/rejected.2/total=1",
    "t3/other.3/natural=", "t3/other.3/commercial=", "t3/other.3/research=", "t3/other.3/nonprofit=",
    "t3/other.3/legal=", "t3/other.3/other_org=", "t3/other.3/total=",
    "t3/total/natural=12", "t3/total/commercial=2", "t3/total/legal=1", "t3/total/total=15",
    "t3/carried_out/natural=1", "t3/carried_out/commercial=1", "t3/carried_out/total=2",
    "t4/review/upheld=2", "t4/review/corrected=1", "t4/review/total=3",
    "t4/suit_direct/upheld=1", "t4/suit_direct/pending=1", "t4/suit_direct/total=2",
    "t2/normative/issued=3", "t2/normative/repealed=1", "t2/normative/in_force=22",
    "t2/licensing/decisions=356", "t2/penalty/decisions=48", "t2/coercion/decisions=2",
    NULL
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", "docx-report.docx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GkReport) report = NULL;
  char *contents = NULL;
  gsize length = 0;
  GListModel *findings;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, length);
  report = gk_parse_bytes (bytes, "report.doc", &error);
  g_assert_no_error (error);

  g_assert_cmpint (gk_report_get_format (report), ==, GK_FORMAT_DOCX);
  g_assert_cmpstr (gk_report_get_agency (report), ==, "某某市生态环境局");
  g_assert_cmpint (gk_report_get_year (report), ==, 2022);
  g_assert_cmpint (gk_report_get_template (report), ==, GK_TEMPLATE_2021);
  g_assert_cmpstr (gk_report_get_section (report, 0), ==,
                   "2022年，市生态环境局全面贯彻落实《条例》，全年主动公开政府信息412条，其中环境质量信息186条。\n"
                   "相关信息可在市政府门户网站查阅。");

  for (GkTableId id = GK_TABLE_2; id <= GK_TABLE_4; id++)
    {
      GkTable *table = gk_report_get_table (report, id);

      g_assert_nonnull (table);
      for (guint i = 0; i < gk_table_get_n_cells (table); i++)
        {
          GkCell *cell = gk_table_get_cell (table, i);
          g_autofree char *key = gk_cell_dup_key (cell);
          const char *want = "0";

          for (guint k = 0; expected[k] != NULL; k++)
            if (g_str_has_prefix (expected[k], key) && expected[k][strlen (key)] == '=')
              want = expected[k] + strlen (key) + 1;
          if (g_strcmp0 (gk_cell_get_raw (cell) != NULL ? gk_cell_get_raw (cell) : "", want) != 0)
            g_test_fail_printf ("%s holds \"%s\", expected \"%s\"", key, gk_cell_get_raw (cell), want);
        }
    }
  g_assert_cmpuint (gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_3)), ==, 175);

  /* Complete tables: no finding of the parser's own. */
  findings = gk_report_get_findings (report);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GkFinding) finding = g_list_model_get_item (findings, i);

      if (gk_finding_get_rule (finding)[0] == 'P')
        g_test_fail_printf ("unexpected finding %s: %s", gk_finding_get_rule (finding),
                            gk_finding_get_message (finding));
    }
}

/* ---------------------------------------------------------------------- */
/* Hostile and damaged files                                              */

/* Sets the uncompressed size of @name to @size in the zip's local header
 * and central directory, as a zip bomb lies about it. */
static void
patch_sizes (guint8     *data,
             gsize       size,
             const char *name,
             guint32     value)
{
  gsize name_len = strlen (name);
  guint patched = 0;

  for (gsize i = 0; i + 46 + name_len <= size; i++)
    {
      if (memcmp (data + i, "PK\003\004", 4) == 0 && i + 30 + name_len <= size
          && memcmp (data + i + 30, name, name_len) == 0)
        {
          data[i + 22] = value & 0xFF;
          data[i + 23] = (value >> 8) & 0xFF;
          data[i + 24] = (value >> 16) & 0xFF;
          data[i + 25] = (value >> 24) & 0xFF;
          patched++;
        }
      else if (memcmp (data + i, "PK\001\002", 4) == 0 && memcmp (data + i + 46, name, name_len) == 0)
        {
          data[i + 24] = value & 0xFF;
          data[i + 25] = (value >> 8) & 0xFF;
          data[i + 26] = (value >> 16) & 0xFF;
          data[i + 27] = (value >> 24) & 0xFF;
          patched++;
        }
    }
  g_assert_cmpuint (patched, ==, 2);
}

static void
test_zip_bomb (void)
{
  /* 65 MB of white space in document.xml: about 65 kB of zip. */
  g_autofree char *xml = g_strconcat (DOC_START, "<w:p><w:r><w:t>x</w:t></w:r></w:p>", DOC_END, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bomb = gk_docx_pack (xml, 65 * 1024 * 1024, &error);
  g_autoptr(GBytes) liar = NULL;
  g_autoptr(GError) honest_error = NULL;
  g_autoptr(GError) liar_error = NULL;
  gsize size;
  guint8 *copy;

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);

  /* It says how big it is: refused before anything is inflated. */
  honest_error = parse_error (bomb, "bomb.docx");
  g_assert_error (honest_error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
  g_assert_nonnull (strstr (honest_error->message, "word/document.xml"));
  g_assert_nonnull (strstr (honest_error->message, "zip bomb"));
  g_assert_nonnull (strstr (honest_error->message, "65 MB"));

  /* It says it is 1 kB: what is refused is what actually comes out. */
  copy = (guint8 *) g_bytes_get_data (bomb, &size);
  copy = g_memdup2 (copy, size);
  patch_sizes (copy, size, "word/document.xml", 1024);
  liar = g_bytes_new_take (copy, size);
  liar_error = parse_error (liar, "liar.docx");
  g_assert_error (liar_error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
  g_assert_nonnull (strstr (liar_error->message, "zip bomb"));
  g_assert_nonnull (strstr (liar_error->message, "times the size"));
}

static void
test_truncated (void)
{
  GkReport *original = parse_seed ("000_fd56001bfeaab35a.txt");
  g_autoptr(GBytes) bytes = gk_report_write_docx (original, NULL);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  const guint8 *header = memmem (data, size, "word/document.xml", 17);
  gsize first_cut = header - data + 17;

  g_assert_nonnull (header);

  /* Cut anywhere after document.xml's header, the file is a damaged
   * Word document; before it, a zip that is not one.  Never a crash. */
  for (guint i = 1; i < 16; i++)
    {
      gsize cut = size * i / 16;
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(GError) error = parse_error (part, "cut.docx");

      if (cut >= first_cut)
        {
          g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT);
          g_assert_nonnull (strstr (error->message, "damaged"));
        }
      else
        g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED);
    }
}

static void
test_damaged (void)
{
  GkReport *original = parse_seed ("001_0c1ccc46f30db888.txt");
  g_autoptr(GBytes) bytes = gk_report_write_docx (original, NULL);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint8 *copy = g_memdup2 (data, size);
  const guint8 *header = memmem (copy, size, "word/document.xml", 17);
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GError) error = NULL;

  /* Bytes overwritten inside document.xml's compressed data. */
  memset ((guint8 *) header + 17 + 200, 0x55, 64);
  damaged = g_bytes_new_take (copy, size);
  error = parse_error (damaged, "damaged.docx");
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
}

static void
test_bad_xml (void)
{
  const char *xml = DOC_START "<w:p><w:r><w:t>未闭合</w:r></w:p>" DOC_END;
  g_autoptr(GBytes) bytes = gk_docx_pack (xml, 0, NULL);
  g_autoptr(GError) error = parse_error (bytes, "bad.docx");

  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "not well-formed XML (line 2"));
}

static void
test_entities (void)
{
  /* An external entity is never fetched, an internal one never expanded. */
  const char *xml =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE w:document [\n"
    "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
    "  <!ENTITY big \"本年新收政府信息公开申请数量\">\n"
    "]>\n"
    "<w:document xmlns:w=\"" GK_DOCX_W_NS "\"><w:body>"
    "<w:p><w:r><w:t>前&xxe;后</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>甲&big;乙</w:t></w:r></w:p>"
    DOC_END;
  g_autoptr(GBytes) bytes = gk_docx_pack (xml, 0, NULL);
  g_autofree char *text = read_to_string (bytes);

  g_assert_cmpstr (text, ==, "P1|前后\nP2|甲乙\n");
}

static void
test_billion_laughs (void)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [\n<!ENTITY l0 \"哈哈哈哈哈哈哈哈哈哈\">\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *body = NULL;
  gsize size;
  const guint8 *data;

  for (guint i = 1; i < 10; i++)
    g_string_append_printf (xml, "<!ENTITY l%u \"&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;\">\n",
                            i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  g_string_append (xml, "]>\n<w:document xmlns:w=\"" GK_DOCX_W_NS "\"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p>"
                        "<w:p><w:r><w:t>正文</w:t></w:r></w:p>" DOC_END);
  body = g_string_free (xml, FALSE);
  bytes = gk_docx_pack (body, 0, NULL);
  data = g_bytes_get_data (bytes, &size);

  /* Refused, or read without the expansion: never a billion laughs. */
  rows = gk_docx_read (data, size, &error);
  if (rows == NULL)
    g_assert_true (g_error_matches (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT)
                   || g_error_matches (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT));
  else
    {
      g_assert_cmpuint (rows->len, ==, 1);
      g_assert_cmpstr (((GkTextRow *) g_ptr_array_index (rows, 0))->cells[0].raw, ==, "正文");
    }
}

static void
test_depth (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append (body, "<w:sdt><w:sdtContent>");
  g_string_append (body, "<w:p><w:r><w:t>深处</w:t></w:r></w:p>");
  for (guint i = 0; i < 300; i++)
    g_string_append (body, "</w:sdtContent></w:sdt>");
  xml = g_strconcat (DOC_START, body->str, DOC_END, NULL);
  bytes = gk_docx_pack (xml, 0, NULL);

  error = parse_error (bytes, "deep.docx");
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "word/document.xml"));
}

static void
test_not_a_document (void)
{
  static const char * const names[] = { "[Content_Types].xml", "old/word/document.xml", NULL };
  static const char * const contents[] = { "<Types/>", DOC_START DOC_END, NULL };
  static const char * const odt_names[] = { "mimetype", "content.xml", NULL };
  static const char * const odt_contents[] = { "application/vnd.oasis.opendocument.text", "<office:document-content/>", NULL };
  g_autoptr(GBytes) zip = gk_zip_pack (names, contents, NULL);
  g_autoptr(GBytes) odt = gk_zip_pack (odt_names, odt_contents, NULL);
  g_autoptr(GBytes) empty = pack ("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p><w:sectPr/>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) odt_error = NULL;
  g_autoptr(GError) empty_error = NULL;

  /* The name shows, the part is not there. */
  error = parse_error (zip, "x.docx");
  g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "no word/document.xml"));

  odt_error = parse_error (odt, "x.docx");
  g_assert_error (odt_error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (odt_error->message, "OpenDocument"));

  empty_error = parse_error (empty, "x.docx");
  g_assert_error (empty_error, GK_PARSE_ERROR, GK_PARSE_ERROR_EMPTY);
}

static void
test_legacy (void)
{
  /* OLE2 compound files: a .doc, and a DOCX saved with a password. */
  guint8 doc[512] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, };
  guint8 encrypted[512] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, };
  const char *stream = "EncryptedPackage";
  g_autoptr(GBytes) doc_bytes = NULL;
  g_autoptr(GBytes) encrypted_bytes = NULL;
  g_autoptr(GError) doc_error = NULL;
  g_autoptr(GError) encrypted_error = NULL;

  for (guint i = 0; stream[i] != '\0'; i++)
    encrypted[300 + 2 * i] = stream[i];
  doc_bytes = g_bytes_new (doc, sizeof doc);
  encrypted_bytes = g_bytes_new (encrypted, sizeof encrypted);

  doc_error = parse_error (doc_bytes, "report.docx");
  g_assert_error (doc_error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (doc_error->message, "legacy Word (.doc)"));

  encrypted_error = parse_error (encrypted_bytes, "report.docx");
  g_assert_error (encrypted_error, GK_PARSE_ERROR, GK_PARSE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (encrypted_error->message, "password"));
}

/* ---------------------------------------------------------------------- */

static GPtrArray *
list_seeds (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "seeds", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *seeds = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (seeds, g_strdup (name));
  g_ptr_array_sort (seeds, (GCompareFunc) g_strcmp0);
  return seeds;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) seeds = NULL;
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  seeds = list_seeds ();

  for (guint s = 0; s < seeds->len; s++)
    {
      const char *seed = g_ptr_array_index (seeds, s);
      g_autofree char *path = g_strdup_printf ("/formats/docx/seed/%.3s", seed);

      g_test_add_data_func (path, seed, test_seed_docx);
    }

  g_test_add_func ("/formats/docx/writer", test_writer);
  g_test_add_func ("/formats/docx/merges", test_merges);
  g_test_add_func ("/formats/docx/text", test_text);
  g_test_add_func ("/formats/docx/layout-tables", test_layout_tables);
  g_test_add_func ("/formats/docx/strict-namespace", test_strict_namespace);
  g_test_add_func ("/formats/docx/fixture", test_fixture);
  g_test_add_func ("/formats/docx/bad/zip-bomb", test_zip_bomb);
  g_test_add_func ("/formats/docx/bad/truncated", test_truncated);
  g_test_add_func ("/formats/docx/bad/damaged", test_damaged);
  g_test_add_func ("/formats/docx/bad/xml", test_bad_xml);
  g_test_add_func ("/formats/docx/bad/entities", test_entities);
  g_test_add_func ("/formats/docx/bad/billion-laughs", test_billion_laughs);
  g_test_add_func ("/formats/docx/bad/depth", test_depth);
  g_test_add_func ("/formats/docx/bad/not-a-document", test_not_a_document);
  g_test_add_func ("/formats/docx/bad/legacy", test_legacy);

  ret = g_test_run ();
  g_hash_table_unref (originals);
  return ret;
}
