/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every input a fuzzing campaign kept (tests/data/fuzz-regressions/TARGET:
 * crashes, leaks and timeouts once found and fixed since) and every seed of
 * the campaigns (tests/fuzz/corpus/TARGET) runs through the entry point of
 * its target, with the same checks as under the fuzzer: a bug fixed once
 * stays fixed in every build, sanitized or not. */

#include "config.h"

#include <string.h>

#include "gk-core.h"
#include "gk-docx-reader.h"
#include "gk-fuzz-entries.h"
#include "gk-report-docx.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Runs each file of @dir (which may not exist: git keeps no empty folder)
 * through @target.  Returns how many there were. */
static guint
run_dir (const GkFuzzTarget *target,
         const char         *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return 0;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  /* In a fixed order, so that a failure names the same file every run. */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      g_autofree guint8 *copy = NULL;
      gsize length = 0;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      g_file_get_contents (path, &data, &length, &error);
      g_assert_no_error (error);

      g_test_message ("%s: %s (%" G_GSIZE_FORMAT " bytes)", target->name, path, length);
      /* A copy of exactly the file's size, as libFuzzer passes it: reading
       * a byte past the end is then caught by ASan and valgrind. */
      copy = g_memdup2 (data, length);
      target->run (copy, length);
    }

  return names->len;
}

static void
test_target (gconstpointer data)
{
  const GkFuzzTarget *target = data;
  g_autofree char *kept = g_test_build_filename (G_TEST_DIST, "data", "fuzz-regressions", target->name, NULL);
  g_auto(GStrv) folders = g_strsplit (target->seeds, " ", -1);
  guint n_kept = run_dir (target, kept);
  guint n_seeds = 0;

  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", folders[i], NULL);
      n_seeds += run_dir (target, corpus);
    }

  g_test_message ("%s: %u kept inputs, %u seeds", target->name, n_kept, n_seeds);
  /* Every target has seeds: a missing folder is a broken checkout, not a
   * pass. */
  g_assert_cmpuint (n_seeds, >, 0);
}

/* A failed g_return_if_fail() in the core is a bug the fuzzer must report:
 * gk_fuzz_init() makes criticals abort, as they do under g_test_init(). */
static void
test_criticals_fatal (void)
{
  if (g_test_subprocess ())
    {
      const char *cells[] = { "a", "b" };
      GkTextRow *row;

      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      gk_fuzz_init ();
      /* A prose row takes exactly one cell. */
      row = gk_text_row_new (GK_ROW_PROSE, 1, cells, 2);
      gk_text_row_free (row);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*n_cells == 1*");
}

static GBytes *
load_kept (const char *target,
           const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "fuzz-regressions", target, name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* PDFs whose damaged font maps (ToUnicode) name hundreds of thousands of
 * codes, many of them mapped to strings, or codes in the millions:
 * poppler took seconds a page to read them.  They are refused, before
 * poppler reads a page, with a limit that says why. */
static void
test_font_maps (void)
{
  static const char * const kept[][2] = {
    { "pdf", "timeout-890c96a4cc70c7c20b2ff5be200c0d21122c0f7f" },
    { "pdf", "timeout-c91b78f72a6aabe3b4609839ae99d2ff6a223507" },
    /* The map hides in a PDF inside an uncompressed stream of another. */
    { "pdf", "timeout-aecf949d7da846d390d548eb79d47e3ebd338f9c" },
    { "parse", "timeout-fd7507a30f6036cbbd8b73fb6086f402c5f4a498" },
    /* Few codes, but one of them near 0xFFFFFF: an array of 16 million
     * entries, zeroed for each page. */
    { "pdf", "timeout-ed499f1e6b8dfcee7f947ea6b6efece02c245b2f" },
    { "parse", "timeout-54f9531090db2cc63156bf5469f9edd47f2146ed" },
    /* The maps' Flate streams are damaged: zlib stops early, poppler's
     * inflater reads on and finds thousands of mappings to strings. */
    { "pdf", "timeout-79733f902648965a80be95a639fcc55e5272ab05" },
    { "pdf", "timeout-1d11f1935c2a6af3b11d058e5683519a3366d30f" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autoptr(GBytes) bytes = load_kept (kept[i][0], kept[i][1]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GkReport) report = gk_parse_bytes (bytes, kept[i][1], &error);

      g_assert_null (report);
      g_assert_error (error, GK_PARSE_ERROR, GK_PARSE_ERROR_LIMIT);
      g_assert_nonnull (strstr (error->message, "font maps"));
    }
}

/* libxml2's message quoted a namespace with its byte 0xFF: the error is
 * UTF-8, the byte replaced, the rest of the quote kept. */
static void
test_docx_message (void)
{
  g_autoptr(GBytes) xml = load_kept ("docx", "crash-bfa1112206d8de4fe58af02f1fc73340aef19940");
  g_autofree char *text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gsize size;
  const guint8 *data;

  /* The byte that made the message invalid is still in the input. */
  g_assert_false (g_utf8_validate (text, -1, NULL));

  docx = gk_docx_pack (text, 0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (docx, &size);
  rows = gk_docx_read (data, size, &error);

  g_assert_null (rows);
  g_assert_nonnull (error);
  g_assert_cmpuint (error->domain, ==, GK_PARSE_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "word/document.xml"));
}

int
main (int   argc,
      char *argv[])
{
  const GkFuzzTarget *targets;
  guint n_targets;

  g_test_init (&argc, &argv, NULL);
  gk_fuzz_init ();

  targets = gk_fuzz_targets (&n_targets);
  for (guint i = 0; i < n_targets; i++)
    {
      g_autofree char *path = g_strdup_printf ("/fuzz-regressions/%s", targets[i].name);
      g_test_add_data_func (path, &targets[i], test_target);
    }
  g_test_add_func ("/fuzz-regressions/criticals-are-fatal", test_criticals_fatal);
  g_test_add_func ("/fuzz-regressions/pdf-font-maps", test_font_maps);
  g_test_add_func ("/fuzz-regressions/docx-message-utf8", test_docx_message);

  return g_test_run ();
}
