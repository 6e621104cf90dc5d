/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Imports the input as a dataset of up to five files. The first byte says
 * which tables are missing (bit i set: table i, in HkTable order); the rest is
 * split on 0x1E (ASCII record separator) into influencers, posts, tracking,
 * payouts and holdout groups, in that order. Whatever the bytes, the import
 * must not crash or leak, and what it returns must be consistent. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "hk-dataset-private.h"
#include "hk-date.h"
#include "hk-import.h"

#define SEPARATOR 0x1e

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_dataset (HkDataset *ds)
{
  HkImportReport *report = hk_dataset_get_report (ds);
  g_autoptr(GPtrArray) messages = hk_import_report_dup_messages (report);
  g_autofree char *text = hk_import_report_to_text (report);
  JsonNode *json = hk_import_report_to_json (report);
  const guint *starts[] = { ds->post_start, ds->trk_start, ds->pay_start };
  const guint n_rows[] = { ds->n_posts, ds->n_tracking, ds->n_payouts };

  json_node_unref (json);
  for (guint i = 0; i < messages->len; i++)
    g_assert (g_utf8_validate (messages->pdata[i], -1, NULL));
  g_assert (g_utf8_validate (text, -1, NULL));

  /* Groups are in order and cover every row. */
  for (guint t = 0; t < G_N_ELEMENTS (starts); t++)
    {
      g_assert (starts[t][0] == 0);
      for (guint g = 0; g < ds->n_influencers + 2; g++)
        g_assert (starts[t][g] <= starts[t][g + 1]);
      g_assert (starts[t][ds->n_influencers + 2] == n_rows[t]);
    }
  /* Posts and payouts never have unattributed rows. */
  g_assert (ds->post_start[ds->n_influencers] == ds->post_start[ds->n_influencers + 1]);
  g_assert (ds->pay_start[ds->n_influencers] == ds->pay_start[ds->n_influencers + 1]);
  for (guint i = 0; i < ds->n_influencers; i++)
    {
      g_assert (ds->inf_persona[i] != 0);
      g_assert (ds->inf_name[i][0] != '\0');
      g_assert (ds->inf_of_id[ds->inf_id[i]] == i);
    }
  for (guint r = 0; r < ds->n_tracking; r++)
    {
      g_assert (ds->trk_date[r] != HK_DAY_NONE);
      g_assert (ds->trk_brand[r] < hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]));
    }
  for (guint r = 0; r < ds->n_posts; r++)
    g_assert (ds->post_reach[r] >= 0 && ds->post_brand[r] < hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]));
  for (guint r = 0; r < ds->n_payouts; r++)
    g_assert (!(isnan (ds->pay_rate[r]) && isnan (ds->pay_total[r])));

  for (guint d = 0; d < HK_N_DIMS; d++)
    g_ptr_array_unref (hk_dataset_dup_values (ds, d));
  (void) hk_dataset_get_memory_size (ds);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GBytes *files[HK_N_TABLES] = { NULL };
  g_autoptr(HkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HkDataset) ds = NULL;
  const guint8 *p, *end;
  guint8 missing;

  if (size == 0)
    return 0;
  missing = data[0];
  p = data + 1;
  end = data + size;
  for (guint t = 0; t < HK_N_TABLES; t++)
    {
      const guint8 *stop = t + 1 < HK_N_TABLES ? memchr (p, SEPARATOR, end - p) : NULL;

      if (stop == NULL)
        stop = end;
      if (!(missing & (1u << t)))
        files[t] = g_bytes_new (p, stop - p);
      p = stop < end ? stop + 1 : end;
    }

  ds = hk_import_bytes (files, NULL, NULL, &report, &error);
  g_assert ((ds == NULL) == (error != NULL));
  if (ds != NULL)
    check_dataset (ds);
  else
    {
      g_assert (report != NULL);
      g_assert (hk_import_report_has_problems (report));
      g_ptr_array_unref (hk_import_report_dup_messages (report));
    }

  for (guint t = 0; t < HK_N_TABLES; t++)
    g_clear_pointer (&files[t], g_bytes_unref);
  return 0;
}
