/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-decode.h: bytes of a text report to UTF-8, with the encoding named. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GK_DECODE_ERROR (gk_decode_error_quark ())

typedef enum
{
  GK_DECODE_ERROR_EMPTY,
  GK_DECODE_ERROR_BINARY,
  GK_DECODE_ERROR_ENCODING,
} GkDecodeError;

GQuark  gk_decode_error_quark (void);

char   *gk_decode_text        (const guint8  *data,
                               gsize          length,
                               char         **encoding,
                               GError       **error);
char   *gk_decode_with        (const guint8  *data,
                               gsize          length,
                               const char    *charset,
                               GError       **error);

G_END_DECLS
