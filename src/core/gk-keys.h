/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-keys.h: the stable row and column keys of every table (report-format.md
 * §11), in template order, with the labels the official templates print. */

#pragma once

#include <glib.h>

#include "gk-types.h"

G_BEGIN_DECLS

typedef struct
{
  const char *key;
  /* The label as the official template prints it: report data, not UI text,
   * so it is not translated. */
  const char *label;
} GkKeyLabel;

#define GK_T2_MAX_COLUMNS 3

typedef struct
{
  const char *key;
  const char *label;
  /* The sub-table of 第二十条 the row belongs to, e.g. "（一）". */
  const char *item;
  const char *columns[GK_T2_MAX_COLUMNS + 1];
} GkT2Row;

#define GK_T3_N_COLUMNS 7
#define GK_T4_N_ROWS    3
#define GK_T4_N_COLUMNS 5

const GkKeyLabel *gk_keys_t3_rows       (GkTemplate  template_,
                                         guint      *n_rows);
const GkKeyLabel *gk_keys_t3_columns    (guint      *n_columns);
const GkKeyLabel *gk_keys_t4_rows       (guint      *n_rows);
const GkKeyLabel *gk_keys_t4_columns    (guint      *n_columns);
const GkT2Row    *gk_keys_t2_rows       (GkTemplate  template_,
                                         guint      *n_rows);
const char       *gk_keys_t2_column_label (GkTemplate  template_,
                                           const char *column);
const char       *gk_keys_row_label     (GkTableId   table,
                                         GkTemplate  template_,
                                         const char *row);
const char       *gk_keys_column_label  (GkTableId   table,
                                         GkTemplate  template_,
                                         const char *column);
int               gk_keys_row_index     (GkTableId   table,
                                         GkTemplate  template_,
                                         const char *row);
int               gk_keys_column_index  (GkTableId   table,
                                         const char *column);
void              gk_keys_intern        (void);

/* The groups of table 3's sub-rows, as a label names them. */
typedef enum
{
  GK_T3_GROUP_NONE = 0,
  GK_T3_GROUP_DENIED,    /* 不予公开 */
  GK_T3_GROUP_UNABLE,    /* 无法提供 */
  GK_T3_GROUP_REJECTED,  /* 不予处理 */
  GK_T3_GROUP_OTHER,     /* 其他处理 */
} GkT3Group;

const char       *gk_keys_t3_row_key    (const char  *label,
                                         int          number,
                                         GkT3Group   *group);

G_END_DECLS
