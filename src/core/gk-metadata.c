/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "gk-metadata"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gk-metadata.h"
#include "gk-normalize.h"

/* Whose report it is and which year it covers (report-format.md §8).
 *
 * Each guess keeps the line it was read from and how sure it is:
 *   0.95  stated in the title ("西工区金谷园街道办事处2021年…年度报告")
 *   0.9   the line above the title, or 统计期限
 *   0.8   the signature at the end
 *   0.7   the first "20XX年，" of 总体情况
 *   0.6   the body's "区政府办公室" completed by the government the
 *         footer names ("北京市怀柔区人民政府网站…")
 *   0.4   a government named in the text, or the commonest year
 * Names are kept as written: merging spellings of one agency is the
 * library's job, not the parser's. */

#define TITLE_ROWS 8

/* A page copied with its report brings chrome (breadcrumbs, "打印本页",
 * "【字体:大 中 小】") and a block of page metadata ("标题:…", "来源:…")
 * before the body.  Chrome says nothing about the report: it is skipped,
 * and never taken for the agency ("当前位置:首页>…>XX区政府2020年…报告"
 * would be).  A "标题:" field is the report's title; a "来源:" field names
 * the publisher, which is the agency when the title does not say. */

static const char * const chrome_prefixes[] = {
  "当前位置", "您的位置", "您现在的位置", "您当前的位置", "首页", "【", "[", "打印", "关闭",
  "分享", "微信", "微博", "扫一扫", "收藏", "返回",
};

typedef enum
{
  FIELD_NONE,
  FIELD_TITLE,
  FIELD_SOURCE,
  FIELD_OTHER,
} PageField;

static const struct
{
  const char *label;
  PageField   field;
} page_fields[] = {
  { "标题", FIELD_TITLE }, { "题名", FIELD_TITLE },
  { "来源", FIELD_SOURCE }, { "信息来源", FIELD_SOURCE }, { "发布机构", FIELD_SOURCE },
  { "发文机关", FIELD_SOURCE }, { "发文机构", FIELD_SOURCE },
  { "发布时间", FIELD_OTHER }, { "发布日期", FIELD_OTHER }, { "成文日期", FIELD_OTHER },
  { "发文日期", FIELD_OTHER }, { "印发日期", FIELD_OTHER }, { "生成日期", FIELD_OTHER },
  { "索引号", FIELD_OTHER }, { "主题分类", FIELD_OTHER }, { "主题词", FIELD_OTHER },
  { "公开方式", FIELD_OTHER }, { "公开范围", FIELD_OTHER }, { "文号", FIELD_OTHER },
  { "发文字号", FIELD_OTHER }, { "原文链接", FIELD_OTHER }, { "链接", FIELD_OTHER },
  { "浏览次数", FIELD_OTHER }, { "点击数", FIELD_OTHER }, { "阅读次数", FIELD_OTHER },
  { "访问量", FIELD_OTHER }, { "作者", FIELD_OTHER }, { "责任编辑", FIELD_OTHER }, { "编辑", FIELD_OTHER },
};

static gboolean
is_page_chrome (const char *norm)
{
  for (guint i = 0; i < G_N_ELEMENTS (chrome_prefixes); i++)
    if (g_str_has_prefix (norm, chrome_prefixes[i]))
      return TRUE;
  return FALSE;
}

/* "标题:…" (full-width colon folded): the field, and where its value
 * starts. */
static PageField
page_field (const char  *norm,
            const char **value)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_fields); i++)
    if (g_str_has_prefix (norm, page_fields[i].label) && norm[strlen (page_fields[i].label)] == ':')
      {
        *value = norm + strlen (page_fields[i].label) + 1;
        return page_fields[i].field;
      }
  return FIELD_NONE;
}

/* Neither chrome nor a field: a row of the report itself. */
static gboolean
is_page_row (const char *norm)
{
  const char *value;
  return is_page_chrome (norm) || page_field (norm, &value) != FIELD_NONE;
}

static const char * const agency_suffixes[] = {
  "人民政府", "政府", "办公室", "办公厅", "委员会", "管理局", "局", "办事处", "街道", "镇", "乡",
  "厅", "委", "院", "中心", "处", "部", "署", "所", "站", "队", "馆", "会", "司", "办",
};

static gboolean
ends_with_agency_suffix (const char *norm)
{
  for (guint i = 0; i < G_N_ELEMENTS (agency_suffixes); i++)
    if (g_str_has_suffix (norm, agency_suffixes[i]))
      return TRUE;
  return FALSE;
}

/* A line that can be an agency's name on its own: short, no sentence. */
static gboolean
looks_like_agency_line (const char *norm)
{
  glong n = g_utf8_strlen (norm, -1);

  if (n < 3 || n > 40)
    return FALSE;
  if (strstr (norm, "。") || strstr (norm, ",") || strstr (norm, "、") || strstr (norm, ":")
      || strstr (norm, "网站") || strstr (norm, "报告") || strstr (norm, "情况"))
    return FALSE;
  for (const char *p = norm; *p; p++)
    if (g_ascii_isdigit (*p))
      return FALSE;
  return ends_with_agency_suffix (norm);
}

static char *
shorten_evidence (const char *raw)
{
  g_autofree char *stripped = gk_normalize_strip (raw);

  if (g_utf8_strlen (stripped, -1) <= 80)
    return g_steal_pointer (&stripped);
  {
    g_autofree char *head = g_utf8_substring (stripped, 0, 80);
    return g_strconcat (head, "…", NULL);
  }
}

static gboolean
valid_year (int year)
{
  return year >= 1990 && year <= 2100;
}

/* Finds "YYYY年" in @norm; returns the year and where the digits start. */
static int
find_year (const char  *norm,
           const char **where)
{
  for (const char *p = norm; *p; p++)
    {
      if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3])
          && !g_ascii_isdigit (p[4]) && (p == norm || !g_ascii_isdigit (p[-1]))
          && g_str_has_prefix (p + 4, "年"))
        {
          int year = atoi (p);
          if (valid_year (year))
            {
              if (where)
                *where = p;
              return year;
            }
        }
    }
  return 0;
}

static gboolean
is_title (const char *norm)
{
  return strstr (norm, "报告") != NULL && strstr (norm, "公开") != NULL;
}

static const GkTextRow *
first_prose (GPtrArray *rows,
             guint      start,
             guint     *index)
{
  for (guint i = start; i < rows->len; i++)
    {
      const GkTextRow *row = g_ptr_array_index (rows, i);
      if (row->layout == GK_ROW_PROSE)
        {
          *index = i;
          return row;
        }
    }
  return NULL;
}

static gboolean
guess_from_title (GkReport  *report,
                  GPtrArray *rows,
                  gboolean  *have_year)
{
  guint seen = 0;
  guint i = 0;
  const GkTextRow *row;
  const GkTextRow *previous[TITLE_ROWS] = { NULL, };
  const GkTextRow *source = NULL;
  const char *source_name = NULL;

  for (row = first_prose (rows, 0, &i); row != NULL && seen < TITLE_ROWS; row = first_prose (rows, i + 1, &i))
    {
      const char *norm = row->cells[0].norm;
      const char *where = NULL;
      const char *value = NULL;
      int year;

      if (is_page_chrome (norm))
        continue;
      switch (page_field (norm, &value))
        {
        case FIELD_TITLE:
          norm = value;
          break;
        case FIELD_SOURCE:
          if (source == NULL && looks_like_agency_line (value))
            {
              source = row;
              source_name = value;
            }
          continue;
        case FIELD_OTHER:
          continue;
        case FIELD_NONE:
        default:
          previous[seen++] = row;
          break;
        }

      if (!is_title (norm))
        continue;

      year = find_year (norm, &where);
      if (year > 0)
        {
          g_autofree char *evidence = shorten_evidence (row->cells[0].raw);

          gk_report_set_year (report, year, evidence, row->line, 0.95);
          *have_year = TRUE;

          /* "西工区金谷园街道办事处2021年…": the name before the year. */
          if (where > norm)
            {
              g_autofree char *name = g_strndup (norm, where - norm);
              if (g_utf8_strlen (name, -1) >= 3)
                {
                  gk_report_set_agency (report, name, evidence, row->line, 0.95);
                  return TRUE;
                }
            }
        }

      /* "北京市大兴区人民政府政府办公室" on the line above the title. */
      for (guint k = seen; k-- > 0; )
        if (previous[k] != row && looks_like_agency_line (previous[k]->cells[0].norm))
          {
            g_autofree char *evidence = shorten_evidence (previous[k]->cells[0].raw);
            gk_report_set_agency (report, previous[k]->cells[0].norm, evidence, previous[k]->line, 0.9);
            return TRUE;
          }

      /* The page's "来源:": the publisher, said outside the report. */
      if (source != NULL)
        {
          g_autofree char *evidence = shorten_evidence (source->cells[0].raw);
          gk_report_set_agency (report, source_name, evidence, source->line, 0.85);
          return TRUE;
        }

      return FALSE;
    }

  return FALSE;
}

static gboolean
guess_from_signature (GkReport  *report,
                      GPtrArray *rows)
{
  guint checked = 0;

  for (guint i = rows->len; i-- > 0 && checked < 4; )
    {
      const GkTextRow *row = g_ptr_array_index (rows, i);
      const char *norm;

      if (row->layout != GK_ROW_PROSE)
        break;
      norm = row->cells[0].norm;
      /* "打印本页 关闭窗口" under the report. */
      if (is_page_row (norm))
        continue;
      checked++;
      /* A date under the signature: "2022年1月20日". */
      if (find_year (norm, NULL) > 0 && g_utf8_strlen (norm, -1) <= 14)
        continue;
      if (looks_like_agency_line (norm))
        {
          g_autofree char *evidence = shorten_evidence (row->cells[0].raw);
          gk_report_set_agency (report, norm, evidence, row->line, 0.8);
          return TRUE;
        }
    }

  return FALSE;
}

/* The government a page's footer names: "北京市怀柔区人民政府网站网址为…". */
static char *
find_government (GPtrArray *rows,
                 guint     *line)
{
  static const char * const lead_ins[] = { "请登录", "可登录", "登录", "请访问", "访问", "详见", "通过", "在", "见" };

  for (guint i = rows->len; i-- > 0; )
    {
      const GkTextRow *row = g_ptr_array_index (rows, i);
      const char *norm, *site, *start;

      if (row->layout != GK_ROW_PROSE)
        continue;
      norm = row->cells[0].norm;
      site = strstr (norm, "政府网站");
      if (site == NULL)
        site = strstr (norm, "政府门户网站");
      if (site == NULL)
        continue;

      /* The name runs back from "政府" to the start of the clause. */
      start = site;
      while (start > norm)
        {
          const char *prev = g_utf8_prev_char (start);
          gunichar c = g_utf8_get_char (prev);
          if (!g_unichar_isalpha (c) || c < 0x2E80)
            break;
          start = prev;
        }
      for (guint k = 0; k < G_N_ELEMENTS (lead_ins); k++)
        if (g_str_has_prefix (start, lead_ins[k]))
          {
            start += strlen (lead_ins[k]);
            break;
          }

      {
        g_autofree char *name = g_strndup (start, site + strlen ("政府") - start);
        if (g_utf8_strlen (name, -1) >= 4)
          {
            *line = row->line;
            return g_steal_pointer (&name);
          }
      }
    }

  return NULL;
}

static gboolean
guess_from_body (GkReport  *report,
                 GPtrArray *rows)
{
  static const char * const levels[] = { "区", "市", "县" };
  guint gov_line = 0;
  g_autofree char *government = find_government (rows, &gov_line);

  if (government == NULL)
    return FALSE;

  /* "区政府办公室" in the body is the office of the 区 government. */
  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      const char *text = gk_report_get_section (report, i);
      g_autofree char *norm = NULL;

      if (text == NULL)
        continue;
      norm = gk_normalize_compact (text);

      for (guint k = 0; k < G_N_ELEMENTS (levels); k++)
        {
          g_autofree char *office = g_strconcat (levels[k], "政府办公室", NULL);
          g_autofree char *level_gov = g_strconcat (levels[k], "人民政府", NULL);
          g_autofree char *level_gov_short = g_strconcat (levels[k], "政府", NULL);

          if (strstr (norm, office) != NULL
              && (g_str_has_suffix (government, level_gov) || g_str_has_suffix (government, level_gov_short)))
            {
              g_autofree char *name = g_strconcat (government, "办公室", NULL);
              g_autofree char *evidence = g_strdup_printf ("%s + %s", office, government);
              gk_report_set_agency (report, name, evidence, gov_line, 0.6);
              return TRUE;
            }
        }
    }

  {
    g_autofree char *evidence = g_strdup (government);
    gk_report_set_agency (report, government, evidence, gov_line, 0.4);
  }
  return TRUE;
}

static void
guess_year_from_text (GkReport  *report,
                      GPtrArray *rows)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  int best = 0;
  guint best_count = 0, best_line = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const GkTextRow *row = g_ptr_array_index (rows, i);
      const char *norm, *p;

      if (row->layout != GK_ROW_PROSE)
        continue;
      norm = row->cells[0].norm;

      /* 统计期限为2021年1月1日至12月31日 */
      if ((p = strstr (norm, "统计期限")) != NULL || (p = strstr (norm, "1月1日至12月31日")) != NULL)
        {
          int year = find_year (norm, NULL);
          if (year > 0)
            {
              g_autofree char *evidence = shorten_evidence (row->cells[0].raw);
              gk_report_set_year (report, year, evidence, row->line, 0.9);
              return;
            }
        }
    }

  /* The first "20XX年，" of 总体情况. */
  {
    guint line0 = gk_report_get_section_line (report, 0);

    for (guint i = 0; i < rows->len && line0 > 0; i++)
      {
        const GkTextRow *row = g_ptr_array_index (rows, i);
        const char *norm, *where = NULL;
        int year;

        if (row->layout != GK_ROW_PROSE || row->line <= line0)
          continue;
        norm = row->cells[0].norm;
        year = find_year (norm, &where);
        if (year > 0 && (g_str_has_prefix (where + 4, "年,") || g_str_has_prefix (where + 4, "年以来")
                         || g_str_has_prefix (where + 4, "年度,") || g_str_has_prefix (where + 4, "年，")))
          {
            g_autofree char *evidence = shorten_evidence (row->cells[0].raw);
            gk_report_set_year (report, year, evidence, row->line, 0.7);
            return;
          }
        /* Only 总体情况 counts: stop at the next heading's line. */
        if (gk_report_get_section_line (report, 1) > 0 && row->line > gk_report_get_section_line (report, 1))
          break;
      }
  }

  for (guint i = 0; i < rows->len; i++)
    {
      const GkTextRow *row = g_ptr_array_index (rows, i);
      const char *p;

      /* "发布时间:2022年1月20日" is when the page went up. */
      if (row->layout != GK_ROW_PROSE || is_page_row (row->cells[0].norm))
        continue;
      for (p = row->cells[0].norm; *p; )
        {
          const char *where = NULL;
          int year = find_year (p, &where);
          guint count;

          if (year == 0)
            break;
          count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GINT_TO_POINTER (year))) + 1;
          g_hash_table_insert (counts, GINT_TO_POINTER (year), GUINT_TO_POINTER (count));
          if (count > best_count)
            {
              best = year;
              best_count = count;
              best_line = row->line;
            }
          p = where + 4;
        }
    }

  if (best > 0)
    {
      g_autofree char *evidence = g_strdup_printf ("%d年 ×%u", best, best_count);
      gk_report_set_year (report, best, evidence, best_line, 0.4);
    }
}

/**
 * gk_metadata_guess:
 * @report: a report whose sections are already set
 * @rows: (element-type GkTextRow): its rows
 *
 * Sets the report's agency and year with their evidence.
 */
void
gk_metadata_guess (GkReport  *report,
                   GPtrArray *rows)
{
  gboolean have_year = FALSE;

  g_return_if_fail (GK_IS_REPORT (report));
  g_return_if_fail (rows != NULL);

  if (!guess_from_title (report, rows, &have_year)
      && !guess_from_signature (report, rows))
    guess_from_body (report, rows);

  if (!have_year)
    guess_year_from_text (report, rows);
}
