/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-test-import.c: imports report files into a library as the app does
 * (parse, check, store), so that test-cli.sh can export a library without
 * the app:
 *
 *   gk-test-import LIBRARY.db FILE…
 *
 * Prints one line per file: "added", "duplicate" or "new-version". */

#include "config.h"

#include <stdio.h>

#include "gk-core.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GkStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s LIBRARY.db FILE…\n", argv[0]);
      return 2;
    }

  store = gk_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (argv[i]);
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
      g_autoptr(GkReport) report = NULL;
      g_autofree char *name = NULL;
      GkStoreImportResult result;
      gint64 id;

      if (bytes == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[i], error->message);
          return 1;
        }

      /* The app stores the file's name, not its path. */
      name = g_path_get_basename (argv[i]);
      report = gk_parse_bytes (bytes, name, &error);
      if (report == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[i], error->message);
          return 1;
        }
      gk_checks_run (report);

      if (!gk_store_import (store, report, bytes, &result, &id, &error))
        {
          fprintf (stderr, "%s: %s\n", argv[i], error->message);
          return 1;
        }
      printf ("%s\n", result == GK_STORE_IMPORT_ADDED ? "added"
                      : result == GK_STORE_IMPORT_DUPLICATE ? "duplicate" : "new-version");
    }

  return 0;
}
