/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <math.h>

#include <glib-object.h>
#include <glib/gi18n.h>

#include "hk-dataset.h"
#include "hk-date.h"
#include "hk-format.h"
#include "hk-gui-format.h"
#include "hk-types.h"

GType
hk_money_style_get_type (void)
{
  static gsize type;
  static const GEnumValue values[] = {
    { HK_MONEY_FULL, "HK_MONEY_FULL", "full" },
    { HK_MONEY_WHOLE, "HK_MONEY_WHOLE", "whole" },
    { HK_MONEY_COMPACT, "HK_MONEY_COMPACT", "compact" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("HkMoneyStyle"), values));
  return type;
}

char *
hk_gui_format_money (double       value,
                     HkMoneyStyle style)
{
  switch (style)
    {
    case HK_MONEY_WHOLE:
      return hk_format_money (NULL, value, 0);
    case HK_MONEY_COMPACT:
      return hk_format_money_short (NULL, value);
    case HK_MONEY_FULL:
    default:
      return hk_format_money (NULL, value, 2);
    }
}

char *
hk_gui_format_number (HkCellKind   kind,
                      double       value,
                      HkMoneyStyle style)
{
  if (isnan (value))
    return g_strdup ("—");

  switch (kind)
    {
    case HK_CELL_COUNT:
      return hk_format_number (NULL, value, 0);
    case HK_CELL_MONEY:
      return hk_gui_format_money (value, style);
    case HK_CELL_RATIO:
      return hk_format_ratio (NULL, value);
    case HK_CELL_PERCENT:
      return hk_format_percent (NULL, value, 2);
    case HK_CELL_DATE:
      return hk_format_date_long ((gint32) value);
    case HK_CELL_RATE:
      /* An order-basis rate below 1 is a commission on revenue (DESIGN.md
       * §3); a rate per post or per order is rupees, never below 1 in practice. */
      return value < 1 ? hk_format_percent (NULL, value, 2) : hk_gui_format_money (value, style);
    case HK_CELL_FLAG:
      return g_strdup (value == HK_PAYOUT_EXCEEDS_REVENUE ? _("Exceeds revenue") :
                       value == HK_PAYOUT_BELOW_BREAKEVEN ? _("Below break-even") : "");
    case HK_CELL_TEXT:
    case HK_CELL_VALUE:
    case HK_CELL_BASIS:
    case HK_CELL_TIER:
    case HK_CELL_METHOD:
    case HK_CELL_SOURCE:
    case HK_CELL_DECISION:
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

const char *
hk_gui_format_value (const char *value)
{
  return value == NULL || *value == '\0' ? _("Unknown") : value;
}

/* "holdout+calibrated" → "Holdout test, calibrated share"; interned, as the
 * few combinations there are recur in every row. */
static const char *
format_methods (const char *methods)
{
  static const struct { const char *name; const char *words; } known[] = {
    /* Translators: how an incremental revenue was estimated, as a table shows it */
    { "holdout", N_("Holdout test") },
    { "pre-period", N_("Pre-period") },
    { "calibrated", N_("Calibrated share") },
    { "assumed", N_("Assumed share") },
  };
  g_auto(GStrv) parts = g_strsplit (methods ? methods : "", "+", -1);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint k = 0; parts[k]; k++)
    {
      const char *words = parts[k];

      for (guint i = 0; i < G_N_ELEMENTS (known); i++)
        if (g_str_equal (parts[k], known[i].name))
          words = _(known[i].words);
      if (s->len)
        g_string_append (s, ", ");
      g_string_append (s, words);
    }
  return g_intern_string (s->str);
}

const char *
hk_gui_format_source (const char         *value,
                      const char * const *platforms)
{
  gunichar first;
  char buf[8];

  if (value == NULL || *value == '\0')
    return _("Unknown");
  for (guint i = 0; platforms != NULL && platforms[i] != NULL; i++)
    if (g_ascii_strcasecmp (platforms[i], value) == 0)
      return g_intern_string (platforms[i]);
  first = g_utf8_get_char (value);
  buf[g_unichar_to_utf8 (g_unichar_totitle (first), buf)] = '\0';
  {
    g_autofree char *capitalised = g_strconcat (buf, g_utf8_next_char (value), NULL);

    return g_intern_string (capitalised);
  }
}

/* The platforms of a dataset as written, kept with the dataset: cells ask
 * for them on every bind. */
const char * const *
hk_gui_dataset_get_platforms (HkDataset *dataset)
{
  static GMutex lock;
  const char * const *platforms;

  g_mutex_lock (&lock);
  platforms = g_object_get_data (G_OBJECT (dataset), "hk-platform-spellings");
  if (platforms == NULL)
    {
      g_autoptr(GPtrArray) values = hk_dataset_dup_values (dataset, HK_DIM_PLATFORM);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      char **strv;

      for (guint i = 0; i < values->len; i++)
        g_strv_builder_add (builder, ((HkValueCount *) values->pdata[i])->value);
      strv = g_strv_builder_end (builder);
      g_object_set_data_full (G_OBJECT (dataset), "hk-platform-spellings", strv, (GDestroyNotify) g_strfreev);
      platforms = (const char * const *) strv;
    }
  g_mutex_unlock (&lock);
  return platforms;
}

const char *
hk_gui_format_text (HkCellKind  kind,
                    const char *text)
{
  HkTier tier;

  if (kind == HK_CELL_VALUE)
    return hk_gui_format_value (text);
  if (kind == HK_CELL_BASIS && g_strcmp0 (text, "post") == 0)
    return _("Per post");
  if (kind == HK_CELL_BASIS && g_strcmp0 (text, "order") == 0)
    return _("Per order");
  if (kind == HK_CELL_BASIS && g_strcmp0 (text, "mixed") == 0)
    return _("Mixed");
  if (kind == HK_CELL_TIER && hk_tier_from_name (text, &tier))
    {
      /* Translators: follower tiers, as a table shows them */
      static const char * const names[HK_N_TIERS] = { N_("Nano"), N_("Micro"), N_("Macro"), N_("Mega") };
      return _(names[tier]);
    }
  if (kind == HK_CELL_METHOD)
    return format_methods (text);
  if (kind == HK_CELL_DECISION)
    for (HkDecision d = HK_DECISION_DROP; d < HK_N_DECISIONS; d++)
      if (g_strcmp0 (text, hk_decision_name (d)) == 0)
        return hk_decision_label (d);
  return text;
}
