/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include "hk-analysis.h"
#include "hk-date.h"
#include "hk-engine-private.h"

/* The engine's preparation as bytes, kept in a dataset's snapshot so that
 * reopening it skips the passes over every tracking row (issue 17). The
 * bytes come from a cache file: every count, code and day is checked before
 * the engine uses it, and anything that does not fit the dataset makes
 * hk_engine_new() prepare as usual. Test names and notes are made again, in
 * the current language. */

#define MAGIC "HKENGPRE"

typedef struct {
  char    magic[8];
  guint32 layout[5];     /* sizeof Payout, Share, TestRow, SavedTest, Header */
  guint32 n_payouts;
  guint32 n_influencers;
  guint32 n_campaigns;
  guint32 n_tests;
  guint32 n_shares;
  guint32 n_test_rows;
} Header;

/* The arrays after the header, in this order, each padded to 8 bytes. */
typedef struct {
  const Payout    *payouts;
  const Share     *shares;
  const double    *unallocated;
  const gint64    *numeric_id;
  const gint32    *campaign_first;
  const gint32    *campaign_last;
  const guint32   *campaign_brand;
  const double    *campaign_attributed;
  const SavedTest *tests;
  const TestRow   *test_rows;
} Arrays;

static void
fill_header (Header  *h)
{
  memcpy (h->magic, MAGIC, sizeof h->magic);
  h->layout[0] = sizeof (Payout);
  h->layout[1] = sizeof (Share);
  h->layout[2] = sizeof (TestRow);
  h->layout[3] = sizeof (SavedTest);
  h->layout[4] = sizeof (Header);
}

static void
append (GByteArray *out,
        const void *data,
        gsize       len)
{
  static const guint8 zeros[8];

  g_byte_array_append (out, data, len);
  if (len % 8 != 0)
    g_byte_array_append (out, zeros, 8 - len % 8);
}

GBytes *
hk_engine_save_prepared (HkEngine *self)
{
  HkDataset *ds;
  Header h = { { 0 } };
  GByteArray *out;
  g_autofree SavedTest *tests = NULL;

  g_return_val_if_fail (HK_IS_ENGINE (self), NULL);

  ds = self->ds;
  fill_header (&h);
  h.n_payouts = ds->n_payouts;
  h.n_influencers = ds->n_influencers;
  h.n_campaigns = self->n_campaigns;
  h.n_tests = self->tests->len;
  h.n_shares = self->shares->len;
  h.n_test_rows = self->n_test_rows;
  tests = _hk_engine_save_tests (self);

  {
    const struct { const void *data; gsize len; } parts[] = {
      { &h, sizeof h },
      { self->payouts, (gsize) h.n_payouts * sizeof (Payout) },
      { self->shares->data, (gsize) h.n_shares * sizeof (Share) },
      { self->unallocated, (gsize) h.n_influencers * sizeof (double) },
      { self->numeric_id, (gsize) h.n_influencers * sizeof (gint64) },
      { self->campaign_first, (gsize) h.n_campaigns * sizeof (gint32) },
      { self->campaign_last, (gsize) h.n_campaigns * sizeof (gint32) },
      { self->campaign_brand, (gsize) h.n_campaigns * sizeof (guint32) },
      { self->campaign_attributed, (gsize) h.n_campaigns * sizeof (double) },
      { tests, (gsize) h.n_tests * sizeof (SavedTest) },
      { self->test_rows, (gsize) h.n_test_rows * sizeof (TestRow) },
    };
    gsize total = 0;

    /* Sized once: growing by doubling copied and touched it all twice. */
    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      total += parts[i].len + 7;
    out = g_byte_array_sized_new (total);
    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      append (out, parts[i].data, parts[i].len);
  }
  return g_byte_array_free_to_bytes (out);
}

/* Points a at the arrays of data (size bytes), if the header's counts fit
 * ds and the size is exactly theirs. */
static gboolean
map_arrays (const HkDataset *ds,
            const guint8    *data,
            gsize            size,
            Header          *h,
            Arrays          *a)
{
  Header want = { { 0 } };
  gsize offset = 0;
  const void **slots[] = {
    (const void **) &a->payouts, (const void **) &a->shares, (const void **) &a->unallocated,
    (const void **) &a->numeric_id, (const void **) &a->campaign_first, (const void **) &a->campaign_last,
    (const void **) &a->campaign_brand, (const void **) &a->campaign_attributed, (const void **) &a->tests,
    (const void **) &a->test_rows,
  };
  guint64 lengths[G_N_ELEMENTS (slots)];

  if (size < sizeof *h || (guintptr) data % 8 != 0)
    return FALSE;
  memcpy (h, data, sizeof *h);
  fill_header (&want);
  if (memcmp (h->magic, want.magic, sizeof h->magic) != 0 || memcmp (h->layout, want.layout, sizeof h->layout) != 0 ||
      h->n_payouts != ds->n_payouts || h->n_influencers != ds->n_influencers ||
      h->n_campaigns != hk_str_pool_get_size (ds->pools[HK_POOL_CAMPAIGN]) || h->n_tests > ds->n_holdout)
    return FALSE;
  lengths[0] = (guint64) h->n_payouts * sizeof (Payout);
  lengths[1] = (guint64) h->n_shares * sizeof (Share);
  lengths[2] = lengths[3] = (guint64) h->n_influencers * 8;
  lengths[4] = lengths[5] = lengths[6] = (guint64) h->n_campaigns * 4;
  lengths[7] = (guint64) h->n_campaigns * 8;
  lengths[8] = (guint64) h->n_tests * sizeof (SavedTest);
  lengths[9] = (guint64) h->n_test_rows * sizeof (TestRow);
  offset = (sizeof *h + 7) & ~(gsize) 7;
  for (guint k = 0; k < G_N_ELEMENTS (slots); k++)
    {
      if (lengths[k] > size - offset)
        return FALSE;
      *slots[k] = data + offset;
      offset += (lengths[k] + 7) & ~(guint64) 7;
      if (offset > size)
        return FALSE;
    }
  return offset == size;
}

static gboolean
day_ok (const HkDataset *ds,
        gint32           day)
{
  return day == HK_DAY_NONE || (ds->first_day != HK_DAY_NONE && day >= ds->first_day && day <= ds->last_day);
}

/* Every value the analyses use as an index or a count stays in range. */
static gboolean
payouts_ok (const HkDataset *ds,
            const Header    *h,
            const Arrays    *a)
{
  static const HkPool dist_pool[N_DISTS] = { HK_POOL_PRODUCT, HK_POOL_SOURCE, HK_POOL_BRAND, HK_POOL_CAMPAIGN };

  for (guint row = 0; row < h->n_payouts; row++)
    {
      const Payout *p = &a->payouts[row];

      if (p->campaign != ds->pay_campaign[row] || p->brand != ds->pay_brand[row] ||
          p->basis != ds->pay_basis[row] || p->alloc > ALLOC_ROWS || p->masks >= 1 << N_MASKS)
        return FALSE;
      for (guint d = 0; d < N_DISTS; d++)
        {
          guint size = hk_str_pool_get_size (ds->pools[dist_pool[d]]);

          if (p->dist[d] > p->dist[d + 1] || p->dist[d + 1] > h->n_shares)
            return FALSE;
          for (guint s = p->dist[d]; s < p->dist[d + 1]; s++)
            if (a->shares[s].code >= size)
              return FALSE;
        }
    }
  return TRUE;
}

static gboolean
campaigns_ok (const HkDataset *ds,
              const Header    *h,
              const Arrays    *a)
{
  guint n_brands = hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]);

  for (guint c = 0; c < h->n_campaigns; c++)
    {
      gint32 first = a->campaign_first[c], last = a->campaign_last[c];

      if (a->campaign_brand[c] >= n_brands || !day_ok (ds, first) || !day_ok (ds, last) ||
          (first == HK_DAY_NONE) != (last == HK_DAY_NONE) || first > last)
        return FALSE;
    }
  return TRUE;
}

static gboolean
test_rows_ok (const HkDataset *ds,
              const Header    *h,
              const Arrays    *a)
{
  guint32 n_users = hk_dataset_get_n_user_codes (ds);
  guint n_products = hk_str_pool_get_size (ds->pools[HK_POOL_PRODUCT]);
  guint64 previous = 0;

  for (guint r = 0; r < h->n_test_rows; r++)
    {
      const TestRow *tr = &a->test_rows[r];
      guint64 key = ((guint64) tr->test * 3 + tr->group) << 32 | tr->user;

      /* In test, group and user order: the holdout sums read them so. */
      if (tr->test >= h->n_tests || tr->user >= n_users || tr->product >= n_products ||
          (tr->group != HK_AB_EXPOSED && tr->group != HK_AB_HOLDOUT) || tr->purchases == 0 || key < previous)
        return FALSE;
      previous = key;
    }
  return TRUE;
}

gboolean
_hk_engine_restore_prepared (HkEngine *self,
                             GBytes   *bytes)
{
  HkDataset *ds = self->ds;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  Header h;
  Arrays a;
  guint n_brands = hk_str_pool_get_size (ds->pools[HK_POOL_BRAND]);

  if (data == NULL || !map_arrays (ds, data, size, &h, &a) || !payouts_ok (ds, &h, &a) ||
      !campaigns_ok (ds, &h, &a) || !test_rows_ok (ds, &h, &a))
    return FALSE;
  for (guint i = 0; i < h.n_tests; i++)
    if (a.tests[i].brand >= n_brands || a.tests[i].has_rows > 2)
      return FALSE;

  self->n_campaigns = h.n_campaigns;
  self->campaign_first = g_memdup2 (a.campaign_first, (gsize) h.n_campaigns * sizeof (gint32));
  self->campaign_last = g_memdup2 (a.campaign_last, (gsize) h.n_campaigns * sizeof (gint32));
  self->campaign_brand = g_memdup2 (a.campaign_brand, (gsize) h.n_campaigns * sizeof (guint32));
  self->campaign_attributed = g_new (double, MAX (1, h.n_campaigns));
  memcpy (self->campaign_attributed, a.campaign_attributed, (gsize) h.n_campaigns * sizeof (double));
  self->campaign_test = g_new (gint, MAX (1, h.n_campaigns));
  for (guint c = 0; c < h.n_campaigns; c++)
    self->campaign_test[c] = -1;
  /* Read in place, as the dataset's columns are: the engine never writes
   * them, and they are most of the bytes. */
  self->prepared = g_bytes_ref (bytes);
  self->test_rows = (TestRow *) a.test_rows;
  self->n_test_rows = h.n_test_rows;
  /* The tests are listed from the dataset again: they must be the same. */
  if (!_hk_engine_restore_tests (self, a.tests, h.n_tests))
    return FALSE;

  self->payouts = (Payout *) a.payouts;
  g_array_append_vals (self->shares, a.shares, h.n_shares);
  memcpy (self->unallocated, a.unallocated, (gsize) h.n_influencers * sizeof (double));
  self->numeric_id = g_new (gint64, MAX (1, h.n_influencers));
  memcpy (self->numeric_id, a.numeric_id, (gsize) h.n_influencers * sizeof (gint64));
  for (guint i = 0; i < ds->n_influencers; i++)
    self->max_payouts = MAX (self->max_payouts, ds->pay_start[i + 1] - ds->pay_start[i]);
  return TRUE;
}

/* What a failed restore left, so that the preparation starts clean. */
void
_hk_engine_clear_prepared (HkEngine *self)
{
  g_clear_pointer (&self->campaign_first, g_free);
  g_clear_pointer (&self->campaign_last, g_free);
  g_clear_pointer (&self->campaign_brand, g_free);
  g_clear_pointer (&self->campaign_test, g_free);
  _hk_engine_free_tests (self);
  g_clear_pointer (&self->prepared, g_bytes_unref);
  self->payouts = NULL;
  self->test_rows = NULL;
  self->campaign_attributed = NULL;
  self->n_test_rows = 0;
  self->n_campaigns = 0;
}
