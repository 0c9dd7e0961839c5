/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-tooltip.c: tooltips whose long lines wrap at a readable width.
 *
 * GTK 4.8's own tooltip label wraps, but its window is sized from the
 * label's minimum width, and the minimum width of Chinese text, which
 * may break between any two characters, is one character: a tooltip of
 * Chinese prose came out one character per line.  Labels of mixed text
 * went the other way and ran across the screen.  Here the label is given
 * the width its longest line needs, capped at MAX_WIDTH, and wraps
 * within that, so a short tooltip stays on one line and a long one
 * wraps into a block of lines of even length. */

#include "config.h"

#include "gk-tooltip.h"

/* About 32 Chinese characters or 60 Latin ones at the default size. */
#define MAX_WIDTH 460
#define MAX_WIDTH_CHARS 60

/**
 * gk_tooltip_label_new:
 * @markup: Pango markup
 *
 * Returns: (transfer floating): the label a tooltip of @markup shows
 */
GtkWidget *
gk_tooltip_label_new (const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);
  PangoLayout *layout;
  int width;

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);

  /* The layout has no width yet: its extent is that of the longest
   * line, unwrapped. */
  layout = gtk_label_get_layout (GTK_LABEL (label));
  pango_layout_get_pixel_size (layout, &width, NULL);

  if (width > MAX_WIDTH)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      /* Both the minimum width, which would otherwise be one Chinese
       * character, and the natural one, which would be the whole line. */
      gtk_label_set_width_chars (GTK_LABEL (label), MAX_WIDTH_CHARS);
      gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_WIDTH_CHARS);
    }

  return label;
}

/**
 * gk_tooltip_set_markup:
 * @tooltip: the tooltip of a #GtkWidget::query-tooltip handler
 * @markup: Pango markup
 *
 * Shows @markup in @tooltip, wrapped at a readable width when long.
 */
void
gk_tooltip_set_markup (GtkTooltip *tooltip,
                       const char *markup)
{
  g_return_if_fail (GTK_IS_TOOLTIP (tooltip));
  g_return_if_fail (markup != NULL);

  gtk_tooltip_set_custom (tooltip, gk_tooltip_label_new (markup));
}

/**
 * gk_tooltip_set_text:
 * @tooltip: the tooltip of a #GtkWidget::query-tooltip handler
 * @text: plain text
 *
 * Shows @text in @tooltip, wrapped at a readable width when long.
 */
void
gk_tooltip_set_text (GtkTooltip *tooltip,
                     const char *text)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (text != NULL);

  markup = g_markup_escape_text (text, -1);
  gk_tooltip_set_markup (tooltip, markup);
}

static gboolean
query_text_cb (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard_mode,
               GtkTooltip *tooltip,
               gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "gk-tooltip-text");

  if (text == NULL || *text == '\0')
    return FALSE;
  gk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * gk_widget_set_wrapped_tooltip:
 * @widget: a widget
 * @text: (nullable): plain text, or %NULL for no tooltip
 *
 * Like gtk_widget_set_tooltip_text(), for text that may be long or
 * Chinese: it wraps at a readable width.  The text is also what the
 * widget's #GtkWidget:tooltip-text would have said to accessibility, so
 * it is set as the widget's description.
 */
void
gk_widget_set_wrapped_tooltip (GtkWidget  *widget,
                               const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Once per widget: list rows set and clear their tooltips at each bind. */
  if (text != NULL && g_object_get_data (G_OBJECT (widget), "gk-tooltip-connected") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_text_cb), NULL);
      g_object_set_data (G_OBJECT (widget), "gk-tooltip-connected", GINT_TO_POINTER (TRUE));
    }

  g_object_set_data_full (G_OBJECT (widget), "gk-tooltip-text", g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "",
                                  -1);
}
