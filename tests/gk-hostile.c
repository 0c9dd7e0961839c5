/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "gk-hostile.h"

/**
 * gk_hostile_deep_html:
 * @depth: how many elements deep
 *
 * Returns: a page of tables and divs nested @depth deep: a reader that
 *   walks the tree by recursion runs out of stack
 */
GBytes *
gk_hostile_deep_html (guint depth)
{
  GString *page = g_string_new ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");

  for (guint i = 0; i < depth; i++)
    g_string_append (page, i % 2 ? "<div>" : "<table><tr><td>");
  g_string_append (page, "本年新收政府信息公开申请数量</td></tr></table></body></html>");
  return g_string_free_to_bytes (page);
}

/**
 * gk_hostile_docx_bomb:
 * @megabytes: how large its body inflates
 *
 * Returns: a Word document whose word/document.xml, a thousandth of that
 *   deflated, inflates to @megabytes MB of spaces
 */
GBytes *
gk_hostile_docx_bomb (guint megabytes)
{
  static const char types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
  static const char head[] =
    "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:body><w:p><w:r><w:t>";
  g_autofree char *spaces = g_strnfill (1024 * 1024, ' ');
  struct archive *zip = archive_write_new ();
  struct archive_entry *entry;
  gsize capacity = 64 * 1024 + megabytes * 2048;
  guint8 *buffer = g_malloc (capacity);
  size_t used = 0;

  g_assert_cmpint (archive_write_set_format_zip (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_zip_set_compression_deflate (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_memory (zip, buffer, capacity, &used), ==, ARCHIVE_OK);

  entry = archive_entry_new ();
  archive_entry_set_pathname (entry, "[Content_Types].xml");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, strlen (types));
  g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (zip, types, strlen (types)), ==, (la_ssize_t) strlen (types));
  archive_entry_free (entry);

  /* The body starts like one, then is all spaces. */
  entry = archive_entry_new ();
  archive_entry_set_pathname (entry, "word/document.xml");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, strlen (head) + (gsize) megabytes * 1024 * 1024);
  g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (zip, head, strlen (head)), ==, (la_ssize_t) strlen (head));
  for (guint i = 0; i < megabytes; i++)
    g_assert_cmpint (archive_write_data (zip, spaces, 1024 * 1024), ==, 1024 * 1024);
  archive_entry_free (entry);

  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);

  return g_bytes_new_take (buffer, used);
}

/**
 * gk_hostile_pdf_pages:
 * @n_pages: how many pages
 *
 * Returns: a PDF of @n_pages empty pages, some 100 bytes each
 */
GBytes *
gk_hostile_pdf_pages (guint n_pages)
{
  GString *pdf = g_string_new ("%PDF-1.4\n");
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize xref, offset;

  /* 1: the catalog, 2: the page tree, 3…: a page each. */
  offset = pdf->len;
  g_array_append_val (offsets, offset);
  g_string_append (pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  offset = pdf->len;
  g_array_append_val (offsets, offset);
  g_string_append_printf (pdf, "2 0 obj << /Type /Pages /Count %u /Kids [", n_pages);
  for (guint i = 0; i < n_pages; i++)
    g_string_append_printf (pdf, "%u 0 R ", i + 3);
  g_string_append (pdf, "] >> endobj\n");
  for (guint i = 0; i < n_pages; i++)
    {
      offset = pdf->len;
      g_array_append_val (offsets, offset);
      g_string_append_printf (pdf, "%u 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n", i + 3);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", offsets->len + 1);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", g_array_index (offsets, gsize, i));
  g_string_append_printf (pdf, "trailer << /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          offsets->len + 1, xref);

  return g_string_free_to_bytes (pdf);
}

static char *
load_seed (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/**
 * gk_hostile_new_row:
 * @value: (nullable): what replaces the last value of the row
 * @label_tail: (nullable): what follows the row's label
 *
 * Returns: seed 001 with its table-3 row 本年新收 (line 62) changed
 */
char *
gk_hostile_new_row (const char *value,
                    const char *label_tail)
{
  g_autofree char *text = load_seed ("001_0c1ccc46f30db888.txt");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean done = FALSE;

  for (guint i = 0; lines[i] != NULL && !done; i++)
    {
      g_auto(GStrv) fields = NULL;
      int last = -1;

      if (strstr (lines[i], "本年新收政府信息公开申请数量") == NULL || strchr (lines[i], '\t') == NULL)
        continue;

      fields = g_strsplit (lines[i], "\t", -1);
      for (int f = 0; fields[f] != NULL; f++)
        if (fields[f][0] != '\0')
          last = f;
      g_assert_cmpint (last, >, 0);

      if (value != NULL)
        {
          g_free (fields[last]);
          fields[last] = g_strdup (value);
        }
      if (label_tail != NULL)
        {
          char *label = g_strconcat (fields[0], label_tail, NULL);
          g_free (fields[0]);
          fields[0] = label;
        }
      g_free (lines[i]);
      lines[i] = g_strjoinv ("\t", fields);
      done = TRUE;
    }

  g_assert_true (done);
  return g_strjoinv ("\n", lines);
}

static void
write_file (const char *dir,
            const char *name,
            const void *data,
            gsize       length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
write_bytes (const char *dir,
             const char *name,
             GBytes     *bytes)
{
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);

  write_file (dir, name, data, length);
  g_bytes_unref (bytes);
}

#define write_literal(dir, name, literal) write_file ((dir), (name), (literal), sizeof (literal) - 1)

static const GkHostileFile hostile_files[] = {
  { "empty.txt",      TRUE,  TRUE,  "empty" },
  { "blank.txt",      TRUE,  TRUE,  "no text" },
  { "binary.txt",     TRUE,  TRUE,  "binary" },
  { "nul.txt",        TRUE,  TRUE,  NULL },
  { "latin1.txt",     TRUE,  TRUE,  NULL },
  { "one-line.txt",   TRUE,  TRUE,  "no report tables" },
  { "huge.txt",       TRUE,  TRUE,  "more than the 64 MB" },
  { "image.png.txt",  TRUE,  TRUE,  "an image" },
  { "legacy.doc",     TRUE,  TRUE,  "legacy Word" },
  { "letter.rtf.doc", TRUE,  TRUE,  "Rich Text" },
  { "archive.docx",   TRUE,  TRUE,  "zip archive" },
  { "writer.docx",    TRUE,  TRUE,  "OpenDocument" },
  { "bomb.docx",      TRUE,  TRUE,  NULL },
  { "deep.html",      TRUE,  TRUE,  NULL },
  { "cut.pdf",        TRUE,  TRUE,  NULL },
  { "pages.pdf",      TRUE,  TRUE,  NULL },
  { "long-cell.txt",  TRUE,  FALSE, NULL },
  { "pipe.txt",       FALSE, TRUE,  "not a file" },
  { "zero.txt",       FALSE, TRUE,  "not a file" },
  { "loop.txt",       FALSE, TRUE,  "link" },
  { "dangling.txt",   FALSE, TRUE,  "link" },
};

/**
 * gk_hostile_write_dir:
 * @dir: an existing, empty folder
 * @n_files: (out): how many files
 *
 * Fills @dir with hostile files.
 *
 * Returns: (array length=n_files): what they are and what must become of
 *   them
 */
const GkHostileFile *
gk_hostile_write_dir (const char *dir,
                      guint      *n_files)
{
  g_autofree char *binary = g_malloc (4096);
  g_autofree char *one_line = NULL;
  g_autofree char *digits = g_strnfill (5000, '7');
  g_autofree char *long_cell = gk_hostile_new_row (digits, NULL);
  g_autoptr(GBytes) pages = NULL;

  for (guint i = 0; i < 4096; i++)
    binary[i] = (char) (i * 7919 % 251);
  {
    GString *line = g_string_new (NULL);

    while (line->len < 2 * 1024 * 1024)
      g_string_append (line, "政府信息公开工作年度报告，本年新收申请数量为零，");
    one_line = g_string_free (line, FALSE);
  }

  write_literal (dir, "empty.txt", "");
  write_literal (dir, "blank.txt", " \t\n\xe3\x80\x80\r\n");
  write_file (dir, "binary.txt", binary, 4096);
  write_literal (dir, "nul.txt", "一、总体情况\0\0\0本年新收\t0\n");
  write_literal (dir, "latin1.txt", "Gesch\xe4\x66tsbericht \xfc\x62\x65r 2021\n\xa7 1\t12\t0\n");
  write_file (dir, "one-line.txt", one_line, strlen (one_line));
  write_literal (dir, "image.png.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
  write_literal (dir, "legacy.doc", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0");
  write_literal (dir, "letter.rtf.doc", "{\\rtf1\\ansi 2021\\par}");
  write_literal (dir, "archive.docx", "PK\x03\x04" "report.txt");
  write_literal (dir, "writer.docx", "PK\x03\x04" "mimetypecontent.xml");
  write_bytes (dir, "bomb.docx", gk_hostile_docx_bomb (128));
  write_bytes (dir, "deep.html", gk_hostile_deep_html (100000));
  pages = gk_hostile_pdf_pages (50000);
  write_file (dir, "pages.pdf", g_bytes_get_data (pages, NULL), g_bytes_get_size (pages));
  /* The page tree of the same, cut off. */
  write_file (dir, "cut.pdf", g_bytes_get_data (pages, NULL), 4000);
  write_file (dir, "long-cell.txt", long_cell, strlen (long_cell));

  /* 65 MB of nothing, costing no disk: refused by its size alone. */
  {
    g_autofree char *path = g_build_filename (dir, "huge.txt", NULL);
    FILE *f = fopen (path, "w");

    g_assert_nonnull (f);
    g_assert_cmpint (ftruncate (fileno (f), 65 * 1024 * 1024), ==, 0);
    fclose (f);
  }

  /* A pipe nobody writes to, a device without end, links to nowhere. */
  {
    g_autofree char *pipe = g_build_filename (dir, "pipe.txt", NULL);
    g_autofree char *zero = g_build_filename (dir, "zero.txt", NULL);
    g_autofree char *loop = g_build_filename (dir, "loop.txt", NULL);
    g_autofree char *dangling = g_build_filename (dir, "dangling.txt", NULL);

    g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
    g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
    g_assert_cmpint (symlink ("loop.txt", loop), ==, 0);
    g_assert_cmpint (symlink ("nowhere.txt", dangling), ==, 0);
  }

  *n_files = G_N_ELEMENTS (hostile_files);
  return hostile_files;
}
