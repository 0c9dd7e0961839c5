/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bad input is normal: every seed cut short anywhere, or with bytes
 * damaged, parses to a report or to a clear error, never a crash. */

#include "config.h"

#include <string.h>

#include "gk-core.h"

static const char * const seeds[] = {
  "000_fd56001bfeaab35a.txt",
  "001_0c1ccc46f30db888.txt",
  "002_7c3adba71c2c08c1.txt",
  "003_3a1e568c72146643.txt",
  "004_666f3d5e264c9cf1.txt",
};

static GBytes *
load_seed (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seeds", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* Parses and checks; asserts the result is consistent either way. */
static void
parse_and_check (const guint8 *data,
                 gsize         length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_parse_bytes (bytes, "damaged.txt", &error);

  if (report == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == GK_PARSE_ERROR);
      g_assert_cmpstr (error->message, !=, "");
      return;
    }

  g_assert_no_error (error);
  gk_checks_run (report);
  /* Whatever was parsed is complete: a present table has every cell of
   * its template. */
  if (gk_report_get_table (report, GK_TABLE_3) != NULL)
    {
      guint n = gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_3));
      g_assert_true (n == 23 * 7 || n == 25 * 7);
    }
  if (gk_report_get_table (report, GK_TABLE_4) != NULL)
    g_assert_cmpuint (gk_table_get_n_cells (gk_report_get_table (report, GK_TABLE_4)), ==, 15);
}

static void
test_truncated (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autoptr(GBytes) bytes = load_seed (seeds[s]);
      gsize length;
      const guint8 *data = g_bytes_get_data (bytes, &length);

      /* Every 97th byte: cuts land inside characters, cells, rows. */
      for (gsize cut = 0; cut < length; cut += 97)
        parse_and_check (data, cut);
    }
}

static void
test_damaged (void)
{
  GRand *rand = g_rand_new_with_seed (20261123);

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autoptr(GBytes) bytes = load_seed (seeds[s]);
      gsize length;
      const guint8 *data = g_bytes_get_data (bytes, &length);

      for (guint round = 0; round < 40; round++)
        {
          g_autofree guint8 *copy = g_memdup2 (data, length);
          guint n_flips = g_rand_int_range (rand, 1, 20);

          for (guint i = 0; i < n_flips; i++)
            {
              gsize at = g_rand_int_range (rand, 0, length);
              /* Tabs, newlines, pipes and digits move cells around; other
               * bytes break the encoding. */
              static const guint8 nasty[] = { '\t', '\n', '|', '0', '9', 0xFF, 0x80, ' ', '-', '/' };
              copy[at] = nasty[g_rand_int_range (rand, 0, G_N_ELEMENTS (nasty))];
            }
          parse_and_check (copy, length);
        }
    }

  g_rand_free (rand);
}

/* Lines of every layout in a shuffled order: the parser must not trust
 * that tables come in their usual order. */
static void
test_shuffled_lines (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autoptr(GBytes) bytes = load_seed (seeds[s]);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      guint n = g_strv_length (lines);

      for (guint round = 0; round < 5; round++)
        {
          g_autofree char *joined = NULL;

          for (guint i = n; i > 1; i--)
            {
              guint j = g_rand_int_range (rand, 0, i);
              char *tmp = lines[i - 1];
              lines[i - 1] = lines[j];
              lines[j] = tmp;
            }
          joined = g_strjoinv ("\n", lines);
          parse_and_check ((const guint8 *) joined, strlen (joined));
        }
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/robustness/truncated", test_truncated);
  g_test_add_func ("/robustness/damaged", test_damaged);
  g_test_add_func ("/robustness/shuffled-lines", test_shuffled_lines);

  return g_test_run ();
}
