/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-bench-gen.c: synthesises a corpus of realistic annual reports for the
 * parser benchmark.  Both templates (report years 2019–2025, a few with the
 * "wrong" template for their year), all four layouts and sometimes a
 * different layout per table, the encodings real files use, agencies at
 * every level, prose of 3–10 kB made of the seeds' own sentences, and
 * random numbers that satisfy R1–R4 of report-format.md §7.
 *
 *   gk-bench-gen [--count N] [--seed S] [--seeds-dir DIR] [--verify] OUTDIR
 *
 * Writes OUTDIR/00000.txt … and OUTDIR/MANIFEST.tsv (one line per report:
 * file, agency, year, template, layouts of t2/t3/t4, encoding, bytes). */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gk-core.h"
#include "gk-report-writer.h"

static GRand *rng;

static const char * const cities[] = {
  "北京市", "天津市", "上海市", "重庆市", "河北省石家庄市", "山西省太原市",
  "辽宁省沈阳市", "吉林省长春市", "黑龙江省哈尔滨市", "江苏省南京市",
  "江苏省苏州市", "浙江省杭州市", "浙江省宁波市", "安徽省合肥市",
  "福建省厦门市", "江西省南昌市", "山东省青岛市", "山东省济南市",
  "河南省洛阳市", "河南省郑州市", "湖北省武汉市", "湖南省长沙市",
  "广东省广州市", "广东省深圳市", "广西壮族自治区南宁市", "海南省海口市",
  "四川省成都市", "贵州省贵阳市", "云南省昆明市", "陕西省西安市",
  "甘肃省兰州市", "青海省西宁市", "宁夏回族自治区银川市",
  "新疆维吾尔自治区乌鲁木齐市", "内蒙古自治区呼和浩特市",
};

static const char * const districts[] = {
  "朝阳区", "海淀区", "西城区", "东城区", "丰台区", "大兴区", "门头沟区",
  "怀柔区", "密云区", "昌平区", "顺义区", "通州区", "西工区", "高新区",
  "滨海新区", "江北区", "鼓楼区", "天河区", "武侯区", "雁塔区", "历下区",
  "江岸区", "金水区", "芙蓉区", "五华区", "南明区", "城关区", "新城区",
  "长安区", "南山区", "宝安区", "余杭区", "吴中区", "思明区", "市南区",
  "平谷县", "宁乡县", "长丰县", "青阳县", "永和县",
};

static const char * const departments[] = {
  "人民政府", "人民政府办公室", "发展和改革委员会", "教育委员会",
  "科学技术委员会", "经济和信息化局", "公安分局", "民政局", "司法局",
  "财政局", "人力资源和社会保障局", "规划和自然资源分局", "生态环境局",
  "住房和城乡建设委员会", "交通局", "水务局", "农业农村局", "商务局",
  "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局",
  "审计局", "市场监督管理局", "统计局", "医疗保障局", "城市管理委员会",
  "体育局", "园林绿化局", "政务服务管理局", "信访办公室", "国有资产监督管理委员会",
};

static const char * const places[] = {
  "金谷园", "建设路", "和平里", "新华", "城关", "永安", "光明", "长安", "东风",
  "胜利", "团结", "青龙", "白云", "桃源", "清河", "西湖", "南湖", "北苑",
  "兴隆", "太平", "石门", "龙泉", "马坊", "高丽营", "北七家", "月坛",
};

static const char * const service_items[] = {
  "行政检查", "行政确认", "行政奖励", "行政给付", "行政裁决", "其他行政权力",
};

/* Outcome weights of table 3, roughly as real reports distribute them. */
typedef struct
{
  const char *row;
  double      weight;
} Outcome;

static const Outcome outcomes_2021[] = {
  { "granted", 35 }, { "partial", 10 },
  { "denied.1", 0.3 }, { "denied.2", 0.5 }, { "denied.3", 0.5 }, { "denied.4", 1 },
  { "denied.5", 2 }, { "denied.6", 2 }, { "denied.7", 1 }, { "denied.8", 2 },
  { "unable.1", 25 }, { "unable.2", 3 }, { "unable.3", 2 },
  { "rejected.1", 3 }, { "rejected.2", 3 }, { "rejected.3", 0.5 },
  { "rejected.4", 0.5 }, { "rejected.5", 1 },
  { "other.1", 4 }, { "other.2", 0.5 }, { "other.3", 3.5 },
};

static const Outcome outcomes_2019[] = {
  { "granted", 35 }, { "partial", 10 },
  { "denied.1", 0.3 }, { "denied.2", 0.5 }, { "denied.3", 0.5 }, { "denied.4", 1 },
  { "denied.5", 2 }, { "denied.6", 2 }, { "denied.7", 1 }, { "denied.8", 2 },
  { "unable.1", 25 }, { "unable.2", 3 }, { "unable.3", 2 },
  { "rejected.1", 3 }, { "rejected.2", 3 }, { "rejected.3", 0.5 },
  { "rejected.4", 0.5 }, { "rejected.5", 1 },
  { "other", 8 },
};

#define PICK(array) (array[g_rand_int_range (rng, 0, G_N_ELEMENTS (array))])

static gboolean
chance (double p)
{
  return g_rand_double (rng) < p;
}

/* Log-uniform on [0, max]: most agencies are small, a few are huge. */
static gint64
log_uniform (double max)
{
  return (gint64) floor (exp (g_rand_double_range (rng, 0, log (max + 1)))) - 1;
}

static char *
format_int (gint64 v)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, v);
}

static char *
format_signed (gint64 v)
{
  return v > 0 ? g_strdup_printf ("+%" G_GINT64_FORMAT, v) : format_int (v);
}

/* 本年增/减 of a count of items: never more removed than there were. */
static char *
format_change (gint64 prev_items,
               gint32 max_removed,
               gint32 max_added)
{
  return format_signed (g_rand_int_range (rng, -(gint32) MIN (prev_items, max_removed), max_added + 1));
}

static char *
format_amount (void)
{
  if (chance (0.4))
    return g_strdup ("0");
  return g_strdup_printf ("%.4f", g_rand_double_range (rng, 0, exp (g_rand_double_range (rng, 0, 10))));
}

static void
add_cell (GkTable    *table,
          const char *row,
          const char *column,
          char       *raw)  /* (transfer full) */
{
  g_autoptr(GkCell) cell = gk_cell_new (gk_table_get_id (table), row, column, raw, 0);

  gk_table_add_cell (table, cell);
  g_free (raw);
}

/* ---- sentences ---------------------------------------------------------- */

static GPtrArray *sentences;   /* char*, from the seeds' prose */
static GRegex *year_regex;

static gboolean
is_heading (const char *line)
{
  static const char * const ordinals[] = { "一、", "二、", "三、", "四、", "五、", "六、" };

  for (guint i = 0; i < G_N_ELEMENTS (ordinals); i++)
    if (g_str_has_prefix (line, ordinals[i]))
      return TRUE;
  return strstr (line, "年度报告") != NULL;
}

/* A sentence worth reusing in any report: long enough, no list numbering
 * left at its start, no link, and no number but a year, so that the prose
 * of a synthetic report does not contradict its tables (rule T1). */
static void
add_sentence (const char *text)
{
  g_autofree char *s = gk_normalize_strip (text);
  const char *p = s;

  /* "1." and "- " of lists; a year such as "2021年" stays. */
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    p++;
  else
    p = s;
  while (*p == '-' || *p == ' ')
    p++;
  if (g_utf8_strlen (p, -1) < 12 || strstr (p, "http") != NULL)
    return;

  for (const char *q = p; *q; q++)
    if (g_ascii_isdigit (*q)
        && !(g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]) && g_ascii_isdigit (q[3])
             && g_str_has_prefix (q + 4, "年") && q[0] == '2'))
      return;
    else if (g_ascii_isdigit (*q))
      q += 3;

  g_ptr_array_add (sentences, g_strconcat (p, "。", NULL));
}

static void
load_sentences (const char *dir_path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  sentences = g_ptr_array_new_with_free_func (g_free);
  dir = g_dir_open (dir_path, 0, &error);
  if (dir == NULL)
    g_error ("cannot read the seeds: %s", error->message);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GString) pending = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (!g_file_get_contents (path, &contents, &length, NULL)
          || !g_utf8_validate (contents, length, NULL))
        continue;

      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *line = gk_normalize_strip (lines[i]);
          g_auto(GStrv) parts = NULL;
          const char *text = line;
          guint n;

          if (*line == '\0')
            continue;

          /* Prose only: no table rows, no headings, no short labels.  A
           * sentence broken over two lines (seed 002) is joined again. */
          if (strchr (line, '\t') != NULL || strchr (line, '|') != NULL
              || is_heading (line) || g_utf8_strlen (line, -1) < 20)
            {
              g_string_truncate (pending, 0);
              continue;
            }
          if (g_str_has_prefix (text, "- "))
            text += 2;
          /* What is left of a sub-heading ("（一）主动公开工作") is not
           * the start of the next sentence. */
          if (g_str_has_prefix (pending->str, "(") || g_str_has_prefix (pending->str, "（"))
            g_string_truncate (pending, 0);
          g_string_append (pending, text);

          parts = g_strsplit (pending->str, "。", -1);
          n = g_strv_length (parts);
          for (guint j = 0; j + 1 < n; j++)
            add_sentence (parts[j]);
          g_string_assign (pending, parts[n - 1]);
        }
    }

  if (sentences->len == 0)
    g_error ("no prose found in %s", dir_path);
}

/* Appends paragraphs of seed sentences until @out has grown by @bytes. */
static void
append_prose (GString *out,
              gsize    bytes,
              int      year,
              gboolean numbered)
{
  gsize start = out->len;
  g_autofree char *year_text = g_strdup_printf ("%d年", year);
  guint paragraph = 0;

  while (out->len - start < bytes)
    {
      guint n = g_rand_int_range (rng, 2, 6);

      if (out->len > start)
        g_string_append (out, "\n\n");
      if (numbered)
        g_string_append_printf (out, "%u.", ++paragraph);

      for (guint i = 0; i < n; i++)
        {
          const char *s = g_ptr_array_index (sentences, g_rand_int_range (rng, 0, sentences->len));
          g_autofree char *dated = g_regex_replace_literal (year_regex, s, -1, 0, year_text, 0, NULL);

          g_string_append (out, dated != NULL ? dated : s);
        }
    }
}

/* ---- tables ------------------------------------------------------------- */

static GkTable *
make_t2 (GkTemplate template_)
{
  GkTable *t2 = gk_table_new (GK_TABLE_2, template_);

  if (template_ == GK_TEMPLATE_2021)
    {
      gint64 rules_in_force = g_rand_int_range (rng, 0, 20);
      gint64 normative_in_force = log_uniform (400);

      add_cell (t2, "rules", "issued", format_int (g_rand_int_range (rng, 0, 3)));
      add_cell (t2, "rules", "repealed", format_int (g_rand_int_range (rng, 0, 2)));
      add_cell (t2, "rules", "in_force", format_int (rules_in_force));
      add_cell (t2, "normative", "issued", format_int (log_uniform (40)));
      add_cell (t2, "normative", "repealed", format_int (log_uniform (20)));
      add_cell (t2, "normative", "in_force", format_int (normative_in_force));
      add_cell (t2, "licensing", "decisions", format_int (log_uniform (50000)));
      add_cell (t2, "penalty", "decisions", format_int (log_uniform (20000)));
      add_cell (t2, "coercion", "decisions", format_int (log_uniform (500)));
      add_cell (t2, "fees", "amount", format_amount ());
      return t2;
    }

  add_cell (t2, "rules", "made", format_int (g_rand_int_range (rng, 0, 3)));
  add_cell (t2, "rules", "published", format_int (g_rand_int_range (rng, 0, 3)));
  add_cell (t2, "rules", "published_total", format_int (g_rand_int_range (rng, 0, 30)));
  add_cell (t2, "normative", "made", format_int (log_uniform (40)));
  add_cell (t2, "normative", "published", format_int (log_uniform (40)));
  add_cell (t2, "normative", "published_total", format_int (log_uniform (400)));

  {
    static const char * const rows[] = { "licensing", "other_services", "penalty", "coercion" };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        gint64 prev;

        if (i == 1 && chance (0.2))
          {
            /* 其他对外管理服务事项 split into named items, as in seed 002. */
            guint n = g_rand_int_range (rng, 2, 4);
            guint first = g_rand_int_range (rng, 0, G_N_ELEMENTS (service_items) - n + 1);

            for (guint k = 0; k < n; k++)
              {
                g_autofree char *row = g_strconcat ("other_services.", service_items[first + k], NULL);
                gint64 item_prev = log_uniform (300);
                add_cell (t2, row, "prev_items", format_int (item_prev));
                add_cell (t2, row, "change", format_change (item_prev, 20, 60));
                add_cell (t2, row, "decisions", format_int (log_uniform (100000)));
              }
            continue;
          }
        prev = log_uniform (5000);
        add_cell (t2, rows[i], "prev_items", format_int (prev));
        add_cell (t2, rows[i], "change", format_change (prev, 30, 100));
        add_cell (t2, rows[i], "decisions", format_int (log_uniform (50000)));
      }
  }

  {
    gint64 prev = log_uniform (40);
    add_cell (t2, "fees", "prev_items", format_int (prev));
    add_cell (t2, "fees", "change", format_change (prev, 3, 3));
  }
  add_cell (t2, "procurement", "items", format_int (log_uniform (5000)));
  add_cell (t2, "procurement", "amount", format_amount ());
  return t2;
}

/* Table 3 with R1 (new + carried_in = total + carried_out), R2 (total is the
 * sum of the outcomes) and R3 (总计 is the sum of the applicant columns). */
static GkTable *
make_t3 (GkTemplate template_)
{
  GkTable *t3 = gk_table_new (GK_TABLE_3, template_);
  const Outcome *outcomes = template_ == GK_TEMPLATE_2019 ? outcomes_2019 : outcomes_2021;
  guint n_outcomes = template_ == GK_TEMPLATE_2019 ? G_N_ELEMENTS (outcomes_2019) : G_N_ELEMENTS (outcomes_2021);
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  double weight_sum = 0;
  gboolean idle = chance (0.35);
  gint64 natural_new = idle ? 0 : log_uniform (3000);

  rows = gk_keys_t3_rows (template_, &n_rows);
  columns = gk_keys_t3_columns (&n_columns);

  for (guint o = 0; o < n_outcomes; o++)
    weight_sum += outcomes[o].weight;

  for (guint c = 0; c + 1 < n_columns; c++)
    {
      const char *column = columns[c].key;
      gint64 new_, carried_in, carried_out, total, left;
      gint64 *v;

      if (c == 0)
        new_ = natural_new;
      else if (idle || chance (c == 1 ? 0.4 : 0.85))
        new_ = 0;
      else
        new_ = (gint64) floor (natural_new * g_rand_double_range (rng, 0, c == 1 ? 0.25 : 0.05));

      carried_in = new_ > 0 && chance (0.4) ? g_rand_int_range (rng, 0, (gint32) MIN (new_ / 8 + 2, 1000)) : 0;
      carried_out = (new_ + carried_in) > 0 && chance (0.4)
                    ? g_rand_int_range (rng, 0, (gint32) MIN ((new_ + carried_in) / 8 + 1, 1000))
                    : 0;
      total = new_ + carried_in - carried_out;

#define SET(row, value) \
      G_STMT_START { \
        v = g_new (gint64, 1); *v = (value); \
        g_hash_table_insert (values, g_strconcat (row, "/", column, NULL), v); \
      } G_STMT_END

      SET ("new", new_);
      SET ("carried_in", carried_in);
      SET ("carried_out", carried_out);
      SET ("total", total);

      /* Outcomes: about their expected share each, the rest granted. */
      left = total;
      for (guint o = n_outcomes; o-- > 1; )
        {
          double expected = total * outcomes[o].weight / weight_sum;
          gint64 n = (gint64) floor (expected * g_rand_double_range (rng, 0.5, 1.5) + g_rand_double (rng));
          n = CLAMP (n, 0, left);
          left -= n;
          SET (outcomes[o].row, n);
        }
      SET (outcomes[0].row, left);
#undef SET
    }

  for (guint r = 0; r < n_rows; r++)
    {
      gint64 sum = 0;

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *key = NULL;
          gint64 value;

          if (c + 1 == n_columns)
            value = sum;
          else
            {
              gint64 *v;
              key = g_strconcat (rows[r].key, "/", columns[c].key, NULL);
              v = g_hash_table_lookup (values, key);
              g_assert (v != NULL);
              value = *v;
              sum += value;
            }
          add_cell (t3, rows[r].key, columns[c].key, format_int (value));
        }
    }

  return t3;
}

/* Table 4 with R4: each group's 总计 is the sum of its four results. */
static GkTable *
make_t4 (void)
{
  GkTable *t4 = gk_table_new (GK_TABLE_4, GK_TEMPLATE_UNKNOWN);
  const GkKeyLabel *rows, *columns;
  guint n_rows, n_columns;

  rows = gk_keys_t4_rows (&n_rows);
  columns = gk_keys_t4_columns (&n_columns);

  for (guint r = 0; r < n_rows; r++)
    {
      gint64 sum = 0;
      gboolean busy = chance (0.3);

      for (guint c = 0; c < n_columns; c++)
        {
          gint64 v;

          if (c + 1 == n_columns)
            v = sum;
          else
            v = busy ? log_uniform (c == 0 ? 60 : 12) : 0;
          sum += v;
          add_cell (t4, rows[r].key, columns[c].key, format_int (v));
        }
    }

  return t4;
}

/* ---- reports ------------------------------------------------------------ */

/* --verify: the report parsed back from its bytes must hold the cells it
 * was generated with, and its agency, year and template.  Returns how many
 * things differ, and names the first. */
static guint
verify (GkReport   *generated,
        GBytes     *bytes,
        const char *name)
{
  g_autoptr(GkReport) parsed = NULL;
  g_autoptr(GError) error = NULL;
  static const GkTableId ids[] = { GK_TABLE_2, GK_TABLE_3, GK_TABLE_4 };
  g_autofree char *first = NULL;
  guint n = 0;

  parsed = gk_parse_bytes (bytes, name, &error);
  if (parsed == NULL)
    {
      g_printerr ("%s: does not parse: %s\n", name, error->message);
      return 1;
    }

  if (g_strcmp0 (gk_report_get_agency (generated), gk_report_get_agency (parsed)) != 0)
    {
      n++;
      first = g_strdup_printf ("agency \"%s\" read as \"%s\"",
                               gk_report_get_agency (generated), gk_report_get_agency (parsed));
    }
  if (gk_report_get_year (generated) != gk_report_get_year (parsed)
      || gk_report_get_template (generated) != gk_report_get_template (parsed))
    {
      n++;
      if (first == NULL)
        first = g_strdup_printf ("year %d template %s read as year %d template %s",
                                 gk_report_get_year (generated),
                                 gk_template_to_string (gk_report_get_template (generated)),
                                 gk_report_get_year (parsed),
                                 gk_template_to_string (gk_report_get_template (parsed)));
    }

  for (guint t = 0; t < G_N_ELEMENTS (ids); t++)
    {
      GkTable *a = gk_report_get_table (generated, ids[t]);
      GkTable *b = gk_report_get_table (parsed, ids[t]);

      if (b == NULL || gk_table_get_n_cells (a) != gk_table_get_n_cells (b))
        {
          n++;
          if (first == NULL)
            first = g_strdup_printf ("%s has %u cells, read %u", gk_table_id_to_key (ids[t]),
                                     gk_table_get_n_cells (a), b ? gk_table_get_n_cells (b) : 0);
          continue;
        }

      for (guint i = 0; i < gk_table_get_n_cells (a); i++)
        {
          GkCell *ca = gk_table_get_cell (a, i);
          GkCell *cb = gk_table_lookup (b, gk_cell_get_row (ca), gk_cell_get_column (ca));

          if (cb == NULL || g_strcmp0 (gk_cell_get_raw (ca), gk_cell_get_raw (cb)) != 0)
            {
              n++;
              if (first == NULL)
                {
                  g_autofree char *key = gk_cell_dup_key (ca);
                  first = g_strdup_printf ("%s \"%s\" read as \"%s\"", key, gk_cell_get_raw (ca),
                                           cb ? gk_cell_get_raw (cb) : "(missing)");
                }
            }
        }
    }

  if (n > 0)
    g_printerr ("%s: %u differences, first: %s\n", name, n, first);
  return n;
}

static char *
make_agency (void)
{
  double p = g_rand_double (rng);

  if (p < 0.55)
    return g_strconcat (PICK (cities), PICK (districts), PICK (departments), NULL);
  if (p < 0.80)
    return g_strconcat (PICK (cities), PICK (districts), PICK (places),
                        chance (0.6) ? "街道办事处" : chance (0.7) ? "镇人民政府" : "乡人民政府",
                        NULL);
  return g_strconcat (PICK (cities), PICK (departments), NULL);
}

static GkWriteLayout
pick_layout (void)
{
  double p = g_rand_double (rng);

  if (p < 0.30)
    return GK_WRITE_BLOCK;
  if (p < 0.60)
    return GK_WRITE_TSV;
  if (p < 0.85)
    return GK_WRITE_PIPE;
  return GK_WRITE_MARKDOWN;
}

static GkWriteEncoding
pick_encoding (void)
{
  double p = g_rand_double (rng);

  if (p < 0.85)
    return GK_WRITE_UTF8;
  if (p < 0.94)
    return GK_WRITE_GB18030;
  if (p < 0.97)
    return GK_WRITE_UTF8_BOM;
  if (p < 0.99)
    return GK_WRITE_UTF16LE_BOM;
  return GK_WRITE_UTF16BE_BOM;
}

static GkReport *
make_report (void)
{
  GkReport *report = gk_report_new ();
  int year = g_rand_int_range (rng, 2019, 2026);
  GkTemplate template_ = year <= 2020 ? GK_TEMPLATE_2019 : GK_TEMPLATE_2021;
  g_autofree char *agency = make_agency ();
  gsize prose = g_rand_int_range (rng, 3000, 10001);
  static const double shares[GK_N_SECTIONS] = { 0.58, 0.03, 0.03, 0.02, 0.26, 0.08 };

  /* Late and early adopters of the 2021 template (T3). */
  if (chance (0.03))
    template_ = template_ == GK_TEMPLATE_2019 ? GK_TEMPLATE_2021 : GK_TEMPLATE_2019;

  gk_report_set_agency (report, agency, NULL, 1, 1.0);
  gk_report_set_year (report, year, NULL, 1, 1.0);
  gk_report_set_template (report, template_);

  for (guint i = 0; i < GK_N_SECTIONS; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      append_prose (text, (gsize) (prose * shares[i]), year, i == 0 || i == 4);
      gk_report_set_section (report, i, text->str, 0);
    }

  {
    g_autoptr(GkTable) t2 = make_t2 (template_);
    g_autoptr(GkTable) t3 = make_t3 (template_);
    g_autoptr(GkTable) t4 = make_t4 ();

    gk_report_set_table (report, t2);
    gk_report_set_table (report, t3);
    gk_report_set_table (report, t4);
  }

  return report;
}

int
main (int   argc,
      char *argv[])
{
  int count = 10000;
  gint64 seed = 20190101;
  gboolean do_verify = FALSE;
  guint n_unverified = 0;
  g_autofree char *seeds_dir = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) manifest = g_string_new ("file\tagency\tyear\ttemplate\tt2\tt3\tt4\tencoding\tbytes\n");
  g_autofree char *manifest_path = NULL;
  const char *out_dir;
  guint64 total_bytes = 0;
  GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, "How many reports to write (10000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed, for a reproducible corpus", "S" },
    { "seeds-dir", 'd', 0, G_OPTION_ARG_FILENAME, &seeds_dir, "The seed reports to take prose from", "DIR" },
    { "verify", 'v', 0, G_OPTION_ARG_NONE, &do_verify, "Parse every report back and compare it with what was generated", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("OUTDIR — write a benchmark corpus of synthetic reports");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || count < 0)
    {
      g_printerr ("%s\nusage: gk-bench-gen [--count N] [--seed S] [--seeds-dir DIR] [--verify] OUTDIR\n",
                  error ? error->message : "");
      return 2;
    }
  out_dir = argv[1];
  if (seeds_dir == NULL)
    seeds_dir = g_strdup ("tests/data/seeds");

  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_printerr ("cannot create %s\n", out_dir);
      return 1;
    }

  rng = g_rand_new_with_seed ((guint32) seed);
  year_regex = g_regex_new ("20[0-9][0-9]年", G_REGEX_OPTIMIZE, 0, NULL);
  load_sentences (seeds_dir);

  for (int i = 0; i < count; i++)
    {
      g_autoptr(GkReport) report = make_report ();
      g_autofree char *name = g_strdup_printf ("%05d.txt", i);
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GBytes) bytes = NULL;
      GkWriteLayout layouts[3];
      GkWriteEncoding encoding = pick_encoding ();
      gsize size;
      const char *data;

      layouts[0] = pick_layout ();
      if (chance (0.65))
        layouts[1] = layouts[2] = layouts[0];
      else
        {
          layouts[1] = pick_layout ();
          layouts[2] = pick_layout ();
        }

      text = gk_report_write_mixed (report, layouts[0], layouts[1], layouts[2]);
      bytes = gk_report_encode (text, encoding, &error);
      if (bytes == NULL)
        {
          g_printerr ("%s: %s\n", name, error->message);
          return 1;
        }

      if (do_verify && verify (report, bytes, name) > 0)
        n_unverified++;

      data = g_bytes_get_data (bytes, &size);
      if (!g_file_set_contents (path, data, size, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      total_bytes += size;

      g_string_append_printf (manifest, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%" G_GSIZE_FORMAT "\n",
                              name, gk_report_get_agency (report), gk_report_get_year (report),
                              gk_template_to_string (gk_report_get_template (report)),
                              gk_write_layout_to_string (layouts[0]),
                              gk_write_layout_to_string (layouts[1]),
                              gk_write_layout_to_string (layouts[2]),
                              gk_write_encoding_to_string (encoding), size);
    }

  manifest_path = g_build_filename (out_dir, "MANIFEST.tsv", NULL);
  if (!g_file_set_contents (manifest_path, manifest->str, manifest->len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("wrote %d reports, %.1f MB, to %s\n", count, total_bytes / 1e6, out_dir);
  if (do_verify)
    g_print ("verified: %d of %d read back as generated\n", count - n_unverified, count);

  g_regex_unref (year_regex);
  g_ptr_array_unref (sentences);
  g_rand_free (rng);
  return n_unverified > 0 ? 1 : 0;
}
