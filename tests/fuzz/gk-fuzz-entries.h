/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-fuzz-entries.h: each entry point of the core that takes bytes from
 * strangers, wrapped with the checks of what it promises.  The libFuzzer
 * targets of tests/fuzz call these, and so does test-fuzz-regressions, so
 * that a kept crash input runs through exactly the code that found it. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*GkFuzzFunc) (const guint8 *data,
                            gsize         size);

typedef struct
{
  const char *name;   /* as in tests/fuzz/fuzz-NAME.c and build-aux/fuzz */
  GkFuzzFunc  run;
  /* The folders of tests/fuzz/corpus its seeds are in, space-separated;
   * build-aux/fuzz lists the same. */
  const char *seeds;
} GkFuzzTarget;

void                gk_fuzz_init          (void);
const GkFuzzTarget *gk_fuzz_targets       (guint        *n_targets);
const GkFuzzTarget *gk_fuzz_target_lookup (const char   *name);

void                gk_fuzz_decode        (const guint8 *data,
                                           gsize         size);
void                gk_fuzz_layout        (const guint8 *data,
                                           gsize         size);
void                gk_fuzz_text          (const guint8 *data,
                                           gsize         size);
void                gk_fuzz_parse         (const guint8 *data,
                                           gsize         size);
void                gk_fuzz_html          (const guint8 *data,
                                           gsize         size);
void                gk_fuzz_docx          (const guint8 *data,
                                           gsize         size);
void                gk_fuzz_pdf           (const guint8 *data,
                                           gsize         size);

/* The two functions libFuzzer calls, for one entry point. */
#define GK_FUZZ_DEFINE_TARGET(func)                                    \
  int LLVMFuzzerInitialize (int *argc, char ***argv);                  \
  int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);        \
                                                                       \
  int                                                                  \
  LLVMFuzzerInitialize (int    *argc,                                  \
                        char ***argv)                                  \
  {                                                                    \
    gk_fuzz_init ();                                                   \
    return 0;                                                          \
  }                                                                    \
                                                                       \
  int                                                                  \
  LLVMFuzzerTestOneInput (const guint8 *data,                          \
                          size_t        size)                          \
  {                                                                    \
    func (data, size);                                                 \
    return 0;                                                          \
  }

G_END_DECLS
