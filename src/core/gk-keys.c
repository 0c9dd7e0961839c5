/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "gk-keys.h"

static const GkKeyLabel t3_rows_2021[] = {
  { "new",         "一、本年新收政府信息公开申请数量" },
  { "carried_in",  "二、上年结转政府信息公开申请数量" },
  { "granted",     "三、本年度办理结果（一）予以公开" },
  { "partial",     "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" },
  { "denied.1",    "（三）不予公开 1.属于国家秘密" },
  { "denied.2",    "2.其他法律行政法规禁止公开" },
  { "denied.3",    "3.危及“三安全一稳定”" },
  { "denied.4",    "4.保护第三方合法权益" },
  { "denied.5",    "5.属于三类内部事务信息" },
  { "denied.6",    "6.属于四类过程性信息" },
  { "denied.7",    "7.属于行政执法案卷" },
  { "denied.8",    "8.属于行政查询事项" },
  { "unable.1",    "（四）无法提供 1.本机关不掌握相关政府信息" },
  { "unable.2",    "2.没有现成信息需要另行制作" },
  { "unable.3",    "3.补正后申请内容仍不明确" },
  { "rejected.1",  "（五）不予处理 1.信访举报投诉类申请" },
  { "rejected.2",  "2.重复申请" },
  { "rejected.3",  "3.要求提供公开出版物" },
  { "rejected.4",  "4.无正当理由大量反复申请" },
  { "rejected.5",  "5.要求行政机关确认或重新出具已获取信息" },
  { "other.1",     "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" },
  { "other.2",     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" },
  { "other.3",     "3.其他" },
  { "total",       "（七）总计" },
  { "carried_out", "四、结转下年度继续办理" },
};

/* The 2019 template is the 2021 one with a single 其他处理 row. */
static const GkKeyLabel t3_rows_2019[] = {
  { "new",         "一、本年新收政府信息公开申请数量" },
  { "carried_in",  "二、上年结转政府信息公开申请数量" },
  { "granted",     "三、本年度办理结果（一）予以公开" },
  { "partial",     "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" },
  { "denied.1",    "（三）不予公开 1.属于国家秘密" },
  { "denied.2",    "2.其他法律行政法规禁止公开" },
  { "denied.3",    "3.危及“三安全一稳定”" },
  { "denied.4",    "4.保护第三方合法权益" },
  { "denied.5",    "5.属于三类内部事务信息" },
  { "denied.6",    "6.属于四类过程性信息" },
  { "denied.7",    "7.属于行政执法案卷" },
  { "denied.8",    "8.属于行政查询事项" },
  { "unable.1",    "（四）无法提供 1.本机关不掌握相关政府信息" },
  { "unable.2",    "2.没有现成信息需要另行制作" },
  { "unable.3",    "3.补正后申请内容仍不明确" },
  { "rejected.1",  "（五）不予处理 1.信访举报投诉类申请" },
  { "rejected.2",  "2.重复申请" },
  { "rejected.3",  "3.要求提供公开出版物" },
  { "rejected.4",  "4.无正当理由大量反复申请" },
  { "rejected.5",  "5.要求行政机关确认或重新出具已获取信息" },
  { "other",       "（六）其他处理" },
  { "total",       "（七）总计" },
  { "carried_out", "四、结转下年度继续办理" },
};

static const GkKeyLabel t3_columns[] = {
  { "natural",    "自然人" },
  { "commercial", "商业企业" },
  { "research",   "科研机构" },
  { "nonprofit",  "社会公益组织" },
  { "legal",      "法律服务机构" },
  { "other_org",  "其他" },
  { "total",      "总计" },
};

static const GkKeyLabel t4_rows[] = {
  { "review",            "行政复议" },
  { "suit_direct",       "行政诉讼 未经复议直接起诉" },
  { "suit_after_review", "行政诉讼 复议后起诉" },
};

static const GkKeyLabel t4_columns[] = {
  { "upheld",    "结果维持" },
  { "corrected", "结果纠正" },
  { "other",     "其他结果" },
  { "pending",   "尚未审结" },
  { "total",     "总计" },
};

static const GkT2Row t2_rows_2021[] = {
  { "rules",     "规章",           "（一）", { "issued", "repealed", "in_force", NULL } },
  { "normative", "行政规范性文件", "（一）", { "issued", "repealed", "in_force", NULL } },
  { "licensing", "行政许可",       "（五）", { "decisions", NULL } },
  { "penalty",   "行政处罚",       "（六）", { "decisions", NULL } },
  { "coercion",  "行政强制",       "（六）", { "decisions", NULL } },
  { "fees",      "行政事业性收费", "（八）", { "amount", NULL } },
};

/* other_services may be split into named sub-items in a report; the parser
 * then adds rows "other_services.<name>" in place of this one. */
static const GkT2Row t2_rows_2019[] = {
  { "rules",          "规章",               "（一）", { "made", "published", "published_total", NULL } },
  { "normative",      "规范性文件",         "（一）", { "made", "published", "published_total", NULL } },
  { "licensing",      "行政许可",           "（五）", { "prev_items", "change", "decisions", NULL } },
  { "other_services", "其他对外管理服务事项", "（五）", { "prev_items", "change", "decisions", NULL } },
  { "penalty",        "行政处罚",           "（六）", { "prev_items", "change", "decisions", NULL } },
  { "coercion",       "行政强制",           "（六）", { "prev_items", "change", "decisions", NULL } },
  { "fees",           "行政事业性收费",     "（八）", { "prev_items", "change", NULL } },
  { "procurement",    "政府集中采购",       "（九）", { "items", "amount", NULL } },
};

static const GkKeyLabel t2_columns_2021[] = {
  { "issued",    "本年制发件数" },
  { "repealed",  "本年废止件数" },
  { "in_force",  "现行有效件数" },
  { "decisions", "本年处理决定数量" },
  { "amount",    "本年收费金额（单位：万元）" },
};

static const GkKeyLabel t2_columns_2019[] = {
  { "made",            "本年新制作数量" },
  { "published",       "本年新公开数量" },
  { "published_total", "对外公开总数量" },
  { "prev_items",      "上一年项目数量" },
  { "change",          "本年增/减" },
  { "decisions",       "处理决定数量" },
  { "items",           "采购项目数量" },
  { "amount",          "采购总金额" },
};

const GkKeyLabel *
gk_keys_t3_rows (GkTemplate  template_,
                 guint      *n_rows)
{
  g_return_val_if_fail (n_rows != NULL, NULL);

  /* Unknown and legacy reports are read into the current template, which
   * holds every row of the older one but 其他处理's split. */
  if (template_ == GK_TEMPLATE_2019)
    {
      *n_rows = G_N_ELEMENTS (t3_rows_2019);
      return t3_rows_2019;
    }

  *n_rows = G_N_ELEMENTS (t3_rows_2021);
  return t3_rows_2021;
}

const GkKeyLabel *
gk_keys_t3_columns (guint *n_columns)
{
  g_return_val_if_fail (n_columns != NULL, NULL);

  *n_columns = G_N_ELEMENTS (t3_columns);
  return t3_columns;
}

const GkKeyLabel *
gk_keys_t4_rows (guint *n_rows)
{
  g_return_val_if_fail (n_rows != NULL, NULL);

  *n_rows = G_N_ELEMENTS (t4_rows);
  return t4_rows;
}

const GkKeyLabel *
gk_keys_t4_columns (guint *n_columns)
{
  g_return_val_if_fail (n_columns != NULL, NULL);

  *n_columns = G_N_ELEMENTS (t4_columns);
  return t4_columns;
}

const GkT2Row *
gk_keys_t2_rows (GkTemplate  template_,
                 guint      *n_rows)
{
  g_return_val_if_fail (n_rows != NULL, NULL);

  if (template_ == GK_TEMPLATE_2019)
    {
      *n_rows = G_N_ELEMENTS (t2_rows_2019);
      return t2_rows_2019;
    }

  *n_rows = G_N_ELEMENTS (t2_rows_2021);
  return t2_rows_2021;
}

static const char *
find_label (const GkKeyLabel *list,
            guint             n,
            const char       *key)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (list[i].key, key) == 0)
      return list[i].label;
  return NULL;
}

const char *
gk_keys_t2_column_label (GkTemplate  template_,
                         const char *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  if (template_ == GK_TEMPLATE_2019)
    return find_label (t2_columns_2019, G_N_ELEMENTS (t2_columns_2019), column);
  return find_label (t2_columns_2021, G_N_ELEMENTS (t2_columns_2021), column);
}

const char *
gk_keys_row_label (GkTableId   table,
                   GkTemplate  template_,
                   const char *row)
{
  g_return_val_if_fail (row != NULL, NULL);

  switch (table)
    {
    case GK_TABLE_2:
      {
        guint n;
        const GkT2Row *rows = gk_keys_t2_rows (template_, &n);

        for (guint i = 0; i < n; i++)
          if (strcmp (rows[i].key, row) == 0)
            return rows[i].label;
        /* A named sub-item of 其他对外管理服务事项 is labelled by its name. */
        if (g_str_has_prefix (row, "other_services."))
          return row + strlen ("other_services.");
        return NULL;
      }
    case GK_TABLE_3:
      {
        guint n;
        const GkKeyLabel *rows = gk_keys_t3_rows (template_, &n);
        const char *label = find_label (rows, n, row);

        /* Let a 2019 key be labelled in a 2021 table and the reverse. */
        if (label == NULL)
          label = find_label (t3_rows_2019, G_N_ELEMENTS (t3_rows_2019), row);
        if (label == NULL)
          label = find_label (t3_rows_2021, G_N_ELEMENTS (t3_rows_2021), row);
        return label;
      }
    case GK_TABLE_4:
      return find_label (t4_rows, G_N_ELEMENTS (t4_rows), row);
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
gk_keys_column_label (GkTableId   table,
                      GkTemplate  template_,
                      const char *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  switch (table)
    {
    case GK_TABLE_2:
      return gk_keys_t2_column_label (template_, column);
    case GK_TABLE_3:
      return find_label (t3_columns, G_N_ELEMENTS (t3_columns), column);
    case GK_TABLE_4:
      return find_label (t4_columns, G_N_ELEMENTS (t4_columns), column);
    default:
      g_return_val_if_reached (NULL);
    }
}

int
gk_keys_row_index (GkTableId   table,
                   GkTemplate  template_,
                   const char *row)
{
  guint n = 0;

  g_return_val_if_fail (row != NULL, -1);

  if (table == GK_TABLE_3)
    {
      const GkKeyLabel *rows = gk_keys_t3_rows (template_, &n);
      for (guint i = 0; i < n; i++)
        if (strcmp (rows[i].key, row) == 0)
          return i;
    }
  else if (table == GK_TABLE_4)
    {
      for (guint i = 0; i < G_N_ELEMENTS (t4_rows); i++)
        if (strcmp (t4_rows[i].key, row) == 0)
          return i;
    }
  else if (table == GK_TABLE_2)
    {
      const GkT2Row *rows = gk_keys_t2_rows (template_, &n);
      for (guint i = 0; i < n; i++)
        if (strcmp (rows[i].key, row) == 0)
          return i;
    }

  return -1;
}

int
gk_keys_column_index (GkTableId   table,
                      const char *column)
{
  g_return_val_if_fail (column != NULL, -1);

  if (table == GK_TABLE_3)
    {
      for (guint i = 0; i < G_N_ELEMENTS (t3_columns); i++)
        if (strcmp (t3_columns[i].key, column) == 0)
          return i;
    }
  else if (table == GK_TABLE_4)
    {
      for (guint i = 0; i < G_N_ELEMENTS (t4_columns); i++)
        if (strcmp (t4_columns[i].key, column) == 0)
          return i;
    }

  return -1;
}

/**
 * gk_keys_intern:
 *
 * Interns every key of the tables above as the static string it is, once,
 * so that a cell's interned row and column are the very pointers of these
 * tables, and comparing keys is mostly comparing pointers.
 */
void
gk_keys_intern (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (t3_rows_2021); i++)
        g_intern_static_string (t3_rows_2021[i].key);
      for (guint i = 0; i < G_N_ELEMENTS (t3_rows_2019); i++)
        g_intern_static_string (t3_rows_2019[i].key);
      for (guint i = 0; i < G_N_ELEMENTS (t3_columns); i++)
        g_intern_static_string (t3_columns[i].key);
      for (guint i = 0; i < G_N_ELEMENTS (t4_rows); i++)
        g_intern_static_string (t4_rows[i].key);
      for (guint i = 0; i < G_N_ELEMENTS (t4_columns); i++)
        g_intern_static_string (t4_columns[i].key);
      for (guint i = 0; i < G_N_ELEMENTS (t2_rows_2021); i++)
        {
          g_intern_static_string (t2_rows_2021[i].key);
          for (guint c = 0; t2_rows_2021[i].columns[c] != NULL; c++)
            g_intern_static_string (t2_rows_2021[i].columns[c]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (t2_rows_2019); i++)
        {
          g_intern_static_string (t2_rows_2019[i].key);
          for (guint c = 0; t2_rows_2019[i].columns[c] != NULL; c++)
            g_intern_static_string (t2_rows_2019[i].columns[c]);
        }
      g_once_init_leave (&done, 1);
    }
}

/* Keywords that name a sub-row of table 3 wherever its group label went
 * (split over cells, on the row above, or missing). */
static const struct
{
  GkT3Group   group;
  int         item;
  const char *keyword;
} t3_item_keywords[] = {
  { GK_T3_GROUP_DENIED,   1, "国家秘密" },
  { GK_T3_GROUP_DENIED,   2, "禁止公开" },
  { GK_T3_GROUP_DENIED,   3, "三安全" },
  { GK_T3_GROUP_DENIED,   3, "一稳定" },
  { GK_T3_GROUP_DENIED,   4, "第三方" },
  { GK_T3_GROUP_DENIED,   5, "内部事务" },
  { GK_T3_GROUP_DENIED,   6, "过程性" },
  { GK_T3_GROUP_DENIED,   7, "执法案卷" },
  { GK_T3_GROUP_DENIED,   8, "行政查询" },
  { GK_T3_GROUP_UNABLE,   1, "不掌握" },
  { GK_T3_GROUP_UNABLE,   2, "另行制作" },
  { GK_T3_GROUP_UNABLE,   3, "仍不明确" },
  { GK_T3_GROUP_UNABLE,   3, "补正后申请" },
  { GK_T3_GROUP_REJECTED, 1, "信访" },
  { GK_T3_GROUP_REJECTED, 2, "重复申请" },
  { GK_T3_GROUP_REJECTED, 3, "出版物" },
  { GK_T3_GROUP_REJECTED, 4, "大量反复" },
  { GK_T3_GROUP_REJECTED, 5, "重新出具" },
  { GK_T3_GROUP_REJECTED, 5, "确认或" },
  { GK_T3_GROUP_OTHER,    1, "不补正" },
  { GK_T3_GROUP_OTHER,    2, "缴纳费用" },
  { GK_T3_GROUP_OTHER,    2, "收费通知" },
};

/**
 * gk_keys_t3_row_key:
 * @label: the row's label, its label cells joined and normalised
 * @number: the sub-row's number the caller read from the label ("1." of
 *   "（三）不予公开1.属于国家秘密"), 0 when it has none; used when no
 *   keyword names the sub-row
 * @group: (inout): the group of the rows above, for a sub-row that gives
 *   only its number; set to the row's own
 *
 * Names a row of table 3 from its label, as the parser and the scraped-text
 * reader both must: the two read the same rows from different layouts.
 *
 * Returns: (nullable): the row's interned key, %NULL when the label names
 *   no row of the table
 */
const char *
gk_keys_t3_row_key (const char *label,
                    int         number,
                    GkT3Group  *group)
{
  static const char * const group_keys[] = { NULL, "denied", "unable", "rejected", "other" };
  /* The sub-rows each group has in the later template. */
  static const int max_items[] = { 0, 8, 3, 5, 3 };
  int item = 0;

  if (*label == '\0')
    return NULL;
  if (strstr (label, "本年新收") != NULL)
    return (*group = GK_T3_GROUP_NONE, "new");
  if (strstr (label, "上年结转") != NULL)
    return (*group = GK_T3_GROUP_NONE, "carried_in");
  if (strstr (label, "结转下年度") != NULL || strstr (label, "下年度继续办理") != NULL)
    return (*group = GK_T3_GROUP_NONE, "carried_out");
  if (strstr (label, "部分公开") != NULL)
    return (*group = GK_T3_GROUP_NONE, "partial");
  if (strstr (label, "予以公开") != NULL)
    return (*group = GK_T3_GROUP_NONE, "granted");
  if (strstr (label, "总计") != NULL && strstr (label, "其他") == NULL)
    return (*group = GK_T3_GROUP_NONE, "total");

  if (strstr (label, "不予公开") != NULL)
    *group = GK_T3_GROUP_DENIED;
  else if (strstr (label, "无法") != NULL)
    *group = GK_T3_GROUP_UNABLE;
  else if (strstr (label, "不予处理") != NULL)
    *group = GK_T3_GROUP_REJECTED;
  else if (strstr (label, "其他处理") != NULL)
    *group = GK_T3_GROUP_OTHER;

  for (guint i = 0; i < G_N_ELEMENTS (t3_item_keywords); i++)
    if (strstr (label, t3_item_keywords[i].keyword) != NULL)
      {
        *group = t3_item_keywords[i].group;
        item = t3_item_keywords[i].item;
        break;
      }

  if (item == 0)
    item = number;

  if (*group == GK_T3_GROUP_NONE)
    return NULL;
  if (item == 0 && *group == GK_T3_GROUP_OTHER)
    {
      const char *heading = strstr (label, "其他处理");

      /* 2021's "3.其他" has no words but 其他: when its number is gone
       * (Word numbers its lists itself, and a copy of the text loses
       * them), it is the 其他 left once the group's own 其他处理 is
       * taken out. */
      if (heading == NULL ? strstr (label, "其他") != NULL
                          : (strstr (heading + strlen ("其他处理"), "其他") != NULL
                             || g_strstr_len (label, heading - label, "其他") != NULL))
        item = 3;
      /* Else only 其他处理 has a row of its own in one template (2019). */
      else
        return heading != NULL ? "other" : NULL;
    }
  else if (item == 0)
    return NULL;
  if (item < 0 || item > max_items[*group])
    return NULL;

  {
    g_autofree char *key = g_strdup_printf ("%s.%d", group_keys[*group], item);
    return g_intern_string (key);
  }
}
