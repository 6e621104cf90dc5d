/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hk-date.h"
#include "hk-filter.h"
#include "hk-format.h"

struct _HkFilter {
  GPtrArray *values[HK_N_DIMS]; /* sorted char *, NULL-terminated; NULL when empty */
  gint32     first_day;
  gint32     last_day;
  char      *search;
};

G_DEFINE_BOXED_TYPE (HkFilter, hk_filter, hk_filter_copy, hk_filter_free)

static const char * const no_values[] = { NULL };

static gpointer
copy_string (gconstpointer src,
             gpointer      data)
{
  return g_strdup (src);
}

static gboolean
is_set_dimension (HkDimension dim)
{
  return dim != HK_DIM_DAY && dim < HK_N_DIMS;
}

HkFilter *
hk_filter_new (void)
{
  HkFilter *filter = g_new0 (HkFilter, 1);

  filter->first_day = filter->last_day = HK_DAY_NONE;
  return filter;
}

HkFilter *
hk_filter_copy (const HkFilter *filter)
{
  HkFilter *copy = hk_filter_new ();

  for (guint d = 0; d < HK_N_DIMS; d++)
    if (filter->values[d])
      copy->values[d] = g_ptr_array_copy (filter->values[d], copy_string, NULL);
  copy->first_day = filter->first_day;
  copy->last_day = filter->last_day;
  copy->search = g_strdup (filter->search);
  return copy;
}

void
hk_filter_free (HkFilter *filter)
{
  if (filter == NULL)
    return;
  for (guint d = 0; d < HK_N_DIMS; d++)
    if (filter->values[d])
      g_ptr_array_unref (filter->values[d]);
  g_free (filter->search);
  g_free (filter);
}

const char * const *
hk_filter_get_values (const HkFilter *filter,
                      HkDimension     dim)
{
  g_return_val_if_fail (filter != NULL && dim < HK_N_DIMS, no_values);

  if (filter->values[dim] == NULL)
    return no_values;
  return (const char * const *) filter->values[dim]->pdata;
}

gboolean
hk_filter_equal (const HkFilter *a,
                 const HkFilter *b)
{
  if (a->first_day != b->first_day || a->last_day != b->last_day ||
      g_strcmp0 (hk_filter_get_search (a), hk_filter_get_search (b)) != 0)
    return FALSE;
  for (guint d = 0; d < HK_N_DIMS; d++)
    {
      const char * const *va = hk_filter_get_values (a, d);
      const char * const *vb = hk_filter_get_values (b, d);

      if (!g_strv_equal ((const char **) va, (const char **) vb))
        return FALSE;
    }
  return TRUE;
}

/* Position of value in the sorted set, or where it would go. */
static guint
find_value (GPtrArray  *set,
            const char *value,
            gboolean   *found)
{
  guint lo = 0, hi = set->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int cmp = strcmp (set->pdata[mid], value);

      if (cmp == 0)
        {
          *found = TRUE;
          return mid;
        }
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *found = FALSE;
  return lo;
}

void
hk_filter_add (HkFilter    *filter,
               HkDimension  dim,
               const char  *value)
{
  gboolean found;
  guint pos;

  g_return_if_fail (filter != NULL && is_set_dimension (dim) && value != NULL);

  if (filter->values[dim] == NULL)
    filter->values[dim] = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  pos = find_value (filter->values[dim], value, &found);
  if (!found)
    g_ptr_array_insert (filter->values[dim], pos, g_strdup (value));
}

void
hk_filter_remove (HkFilter    *filter,
                  HkDimension  dim,
                  const char  *value)
{
  gboolean found;
  guint pos;

  g_return_if_fail (filter != NULL && is_set_dimension (dim) && value != NULL);

  if (filter->values[dim] == NULL)
    return;
  pos = find_value (filter->values[dim], value, &found);
  if (found)
    g_ptr_array_remove_index (filter->values[dim], pos);
  if (filter->values[dim]->len == 0)
    g_clear_pointer (&filter->values[dim], g_ptr_array_unref);
}

void
hk_filter_clear (HkFilter    *filter,
                 HkDimension  dim)
{
  g_return_if_fail (filter != NULL && dim < HK_N_DIMS);
  g_clear_pointer (&filter->values[dim], g_ptr_array_unref);
}

gboolean
hk_filter_allows (const HkFilter *filter,
                  HkDimension     dim,
                  const char     *value)
{
  gboolean found;

  if (filter->values[dim] == NULL)
    return TRUE;
  find_value (filter->values[dim], value, &found);
  return found;
}

void
hk_filter_set_date_range (HkFilter *filter,
                          gint32    first_day,
                          gint32    last_day)
{
  g_return_if_fail (filter != NULL);
  filter->first_day = first_day;
  filter->last_day = last_day;
}

void
hk_filter_get_date_range (const HkFilter *filter,
                          gint32         *first_day,
                          gint32         *last_day)
{
  if (first_day)
    *first_day = filter->first_day;
  if (last_day)
    *last_day = filter->last_day;
}

void
hk_filter_set_search (HkFilter   *filter,
                      const char *text)
{
  g_return_if_fail (filter != NULL);
  g_free (filter->search);
  filter->search = text && *text ? g_strdup (text) : NULL;
}

const char *
hk_filter_get_search (const HkFilter *filter)
{
  return filter->search;
}

gboolean
hk_filter_has_row_filter (const HkFilter *filter)
{
  return filter->values[HK_DIM_BRAND] || filter->values[HK_DIM_PRODUCT] ||
         filter->values[HK_DIM_CAMPAIGN] || filter->values[HK_DIM_SOURCE] ||
         filter->first_day != HK_DAY_NONE || filter->last_day != HK_DAY_NONE;
}

gboolean
hk_filter_is_empty (const HkFilter *filter)
{
  for (guint d = 0; d < HK_N_DIMS; d++)
    if (filter->values[d])
      return FALSE;
  return filter->search == NULL && filter->first_day == HK_DAY_NONE &&
         filter->last_day == HK_DAY_NONE;
}

GVariant *
hk_filter_serialize (const HkFilter *filter)
{
  GVariantBuilder b;
  char buf[HK_DATE_ISO_LEN];

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  for (guint d = 0; d < HK_N_DIMS; d++)
    if (filter->values[d])
      g_variant_builder_add (&b, "{sv}", hk_dimension_name (d),
                             g_variant_new_strv ((const char * const *) filter->values[d]->pdata, -1));
  if (filter->first_day != HK_DAY_NONE)
    {
      hk_date_format_iso (filter->first_day, buf);
      g_variant_builder_add (&b, "{sv}", "from", g_variant_new_string (buf));
    }
  if (filter->last_day != HK_DAY_NONE)
    {
      hk_date_format_iso (filter->last_day, buf);
      g_variant_builder_add (&b, "{sv}", "to", g_variant_new_string (buf));
    }
  if (filter->search)
    g_variant_builder_add (&b, "{sv}", "search", g_variant_new_string (filter->search));
  return g_variant_builder_end (&b);
}

HkFilter *
hk_filter_deserialize (GVariant *variant)
{
  HkFilter *filter = hk_filter_new ();
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (variant == NULL || !g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    return filter;
  g_variant_iter_init (&iter, variant);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      HkDimension dim;
      gint32 day;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY) &&
          hk_dimension_from_name (key, &dim) && is_set_dimension (dim))
        {
          g_autofree const char **strv = g_variant_get_strv (value, NULL);
          for (guint i = 0; strv[i]; i++)
            hk_filter_add (filter, dim, strv[i]);
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          const char *text = g_variant_get_string (value, NULL);

          if (g_str_equal (key, "from") && hk_date_parse_iso (text, &day))
            filter->first_day = day;
          else if (g_str_equal (key, "to") && hk_date_parse_iso (text, &day))
            filter->last_day = day;
          else if (g_str_equal (key, "search"))
            hk_filter_set_search (filter, text);
        }
      g_variant_unref (value);
    }
  return filter;
}

gboolean
hk_text_contains_folded (const char *text,
                         const char *needle_folded)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle_folded) != NULL;
}

/* The order a description names the dimensions in: what was promoted, then
 * who promoted it. */
static const struct {
  HkDimension  dim;
  const char  *label;
} described[] = {
  { HK_DIM_BRAND, N_("Brand") },
  { HK_DIM_PRODUCT, N_("Product") },
  { HK_DIM_CAMPAIGN, N_("Campaign") },
  { HK_DIM_SOURCE, N_("Source") },
  { HK_DIM_PLATFORM, N_("Platform") },
  { HK_DIM_CATEGORY, N_("Category") },
  { HK_DIM_PERSONA, N_("Persona") },
  { HK_DIM_GENDER, N_("Gender") },
  { HK_DIM_CITY, N_("City") },
  { HK_DIM_AGE_GROUP, N_("Age group") },
  { HK_DIM_TIER, N_("Tier") },
};

#define DESCRIBED_VALUES 3   /* then "+2 more" */

static void
append_part (GString    *s,
             const char *part)
{
  if (s->len > 0)
    g_string_append (s, " · ");
  g_string_append (s, part);
}

char *
hk_filter_dup_description (const HkFilter *filter,
                           gint32          first_day,
                           gint32          last_day)
{
  GString *s = g_string_new (NULL);
  g_autofree char *range = NULL;

  g_return_val_if_fail (filter != NULL, NULL);

  for (guint k = 0; k < G_N_ELEMENTS (described); k++)
    {
      const char * const *values = hk_filter_get_values (filter, described[k].dim);
      guint n = g_strv_length ((char **) values);
      g_autoptr(GString) list = NULL;
      g_autofree char *part = NULL;

      if (n == 0)
        continue;
      list = g_string_new (NULL);
      for (guint i = 0; i < MIN (n, DESCRIBED_VALUES); i++)
        {
          if (i > 0)
            g_string_append (list, ", ");
          /* Translators: the empty value of a column, as the tables show it */
          g_string_append (list, *values[i] ? values[i] : _("Unknown"));
        }
      if (n > DESCRIBED_VALUES)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (NULL, "+%u more", "+%u more",
                                                                n - DESCRIBED_VALUES),
                                                   n - DESCRIBED_VALUES);
          g_string_append_printf (list, ", %s", more);
        }
      /* Translators: a filter in a chart's subtitle, "Brand: MuscleBlaze, HKVitals" */
      part = g_strdup_printf (_("%s: %s"), _(described[k].label), list->str);
      append_part (s, part);
    }
  if (hk_filter_get_search (filter))
    {
      /* Translators: the name search in a chart's subtitle */
      g_autofree char *part = g_strdup_printf (_("Name contains “%s”"), hk_filter_get_search (filter));
      append_part (s, part);
    }
  range = hk_format_date_range (filter->first_day != HK_DAY_NONE ? filter->first_day : first_day,
                                filter->last_day != HK_DAY_NONE ? filter->last_day : last_day);
  if (range)
    append_part (s, range);
  if (s->len == 0)
    g_string_append (s, _("All data"));
  return g_string_free (s, FALSE);
}
