/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hk-analysis.h"
#include "hk-date.h"
#include "hk-big.h"
#include "hk-engine-private.h"
#include "hk-halves.h"

/* Holdout tests (DESIGN.md §3, method 1): which users are in which group of
 * which test, their purchases inside the test's window, and the estimate.
 *
 * Membership comes from rows carrying ab_group: a row of the tested campaign
 * belongs to its test; a row with an empty campaign (a held-out user never
 * saw the campaign) to the test of its brand whose window holds its date. A
 * user's outcome is every purchase of the test's brand inside the window,
 * whatever its campaign, attributed or not. */

#define GROUP_INDEX(ab) ((ab) == HK_AB_EXPOSED ? 0 : 1)

/* A user's membership of a test: bit 0 exposed, bit 1 holdout. Memberships
 * of one user are chained through next (-1 ends). */
typedef struct {
  guint32 test;
  guint8  bits;
  gint    next;
} Member;

/* The users of rows carrying a group, few among millions of codes (which may
 * range over a billion numbers, hk_dataset_get_user_id()): a bit per code,
 * and their rank among those users indexes their first memberships. Tens of
 * MB at 100 million rows, where an array by code took 400. */
typedef struct {
  GArray  *marked;   /* guint: the rows carrying a group */
  GArray  *members;  /* Member */
  guint64 *is_user;  /* a bit per user code: a user of a marked row */
  guint32 *rank;     /* per 64 codes: such users before them */
  gint    *first;    /* per such user: its first membership + 1, or 0 */
} Members;

static void
members_init (Members   *m,
              HkDataset *ds)
{
  guint kept = ds->trk_start[ds->n_influencers + 1];
  gsize n_words = hk_dataset_get_n_user_codes (ds) / 64 + 1;
  guint32 n = 0;

  m->marked = g_array_new (FALSE, FALSE, sizeof (guint));
  m->members = g_array_new (FALSE, FALSE, sizeof (Member));
  /* Zeroed pages cost nothing until touched. */
  m->is_user = g_new0 (guint64, n_words);
  m->rank = g_new (guint32, n_words);
  /* Few rows carry a group: list them once. */
  for (guint r = 0; r < kept; r++)
    if ((ds->trk_flags[r] & HK_TRACKING_FLAG_AB_MASK) != HK_AB_NONE && ds->trk_user[r] != 0)
      {
        guint32 u = ds->trk_user[r];

        g_array_append_val (m->marked, r);
        m->is_user[u >> 6] |= G_GUINT64_CONSTANT (1) << (u & 63);
      }
  for (gsize w = 0; w < n_words; w++)
    {
      m->rank[w] = n;
      n += __builtin_popcountll (m->is_user[w]);
    }
  m->first = g_new0 (gint, MAX (1, n));
}

static void
members_clear (Members *m)
{
  g_array_unref (m->marked);
  g_array_unref (m->members);
  g_free (m->is_user);
  g_free (m->rank);
  g_free (m->first);
}

static inline gboolean
is_user (const Members *m,
         guint32        user)
{
  return (m->is_user[user >> 6] >> (user & 63)) & 1;
}

/* Where the first membership of a user of a marked row is kept (+ 1; 0:
 * none yet). */
static inline gint *
member_first (Members *m,
              guint32  user)
{
  guint64 below = m->is_user[user >> 6] & ((G_GUINT64_CONSTANT (1) << (user & 63)) - 1);

  return &m->first[m->rank[user >> 6] + __builtin_popcountll (below)];
}

static gint
member_find (Members *m,
             guint32  user,
             guint32  test)
{
  for (gint k = *member_first (m, user) - 1; k >= 0; k = g_array_index (m->members, Member, k).next)
    if (g_array_index (m->members, Member, k).test == test)
      return k;
  return -1;
}

static void
member_add (Members *m,
            guint32  user,
            guint32  test,
            guint8   ab)
{
  gint k = member_find (m, user, test);

  if (k < 0)
    {
      gint *first = member_first (m, user);
      Member nm = { test, 0, *first - 1 };

      k = m->members->len;
      *first = k + 1;
      g_array_append_val (m->members, nm);
    }
  g_array_index (m->members, Member, k).bits |= 1 << GROUP_INDEX (ab);
}

static inline gboolean
in_window (const HoldoutTest *t,
           gint32             day)
{
  return t->first_day != HK_DAY_NONE && day >= t->first_day && day <= t->last_day;
}

/* The tests of holdout_groups.csv: their users as listed, brand and the
 * window's given ends. */
static void
list_tests (HkEngine *self)
{
  HkDataset *ds = self->ds;

  self->tests = g_array_new (FALSE, TRUE, sizeof (HoldoutTest));
  for (guint h = 0; h < ds->n_holdout; h++)
    {
      guint32 c = ds->ho_campaign[h];
      HoldoutTest *t;

      if (self->campaign_test[c] < 0)
        {
          HoldoutTest nt = { 0 };

          nt.name = g_strdup (hk_str_pool_get (ds->pools[HK_POOL_CAMPAIGN], c));
          nt.campaign = c;
          nt.first_day = nt.last_day = HK_DAY_NONE;
          self->campaign_test[c] = self->tests->len;
          g_array_append_val (self->tests, nt);
        }
      t = &g_array_index (self->tests, HoldoutTest, self->campaign_test[c]);
      if (ds->ho_group[h] == HK_AB_EXPOSED)
        t->exposed_users += ds->ho_users[h];
      else
        t->holdout_users += ds->ho_users[h];
      if (ds->ho_brand[h] != 0)
        t->brand = ds->ho_brand[h];
      if (ds->ho_start[h] != HK_DAY_NONE && (t->first_day == HK_DAY_NONE || ds->ho_start[h] < t->first_day))
        t->first_day = ds->ho_start[h];
      if (ds->ho_end[h] != HK_DAY_NONE && (t->last_day == HK_DAY_NONE || ds->ho_end[h] > t->last_day))
        t->last_day = ds->ho_end[h];
    }
}

/* Each test's brand (else its campaign's) and window: the given ends, else
 * the campaign's first and last attributed day (any unattributed row's when
 * none is attributed); whether its campaign has any row (2: attributed). */
static void
settle_windows (HkEngine *self,
                guint8   *has_rows)
{
  for (guint i = 0; i < self->tests->len; i++)
    {
      HoldoutTest *t = &g_array_index (self->tests, HoldoutTest, i);
      const CampaignDays *cd = &self->campaign_days[t->campaign];
      gint k = cd->first[RANGE_ATTRIBUTED] != HK_DAY_NONE ? RANGE_ATTRIBUTED :
               cd->first[RANGE_UNATTRIBUTED] != HK_DAY_NONE ? RANGE_UNATTRIBUTED : -1;

      has_rows[i] = k == RANGE_ATTRIBUTED ? 2 : k == RANGE_UNATTRIBUTED ? 1 : 0;
      if (t->brand == 0)
        t->brand = self->campaign_brand[t->campaign];
      if (t->first_day == HK_DAY_NONE)
        t->first_day = k >= 0 ? cd->first[k] : HK_DAY_NONE;
      if (t->last_day == HK_DAY_NONE)
        t->last_day = k >= 0 ? cd->last[k] : HK_DAY_NONE;
      if (t->first_day != HK_DAY_NONE && t->last_day == HK_DAY_NONE)
        t->last_day = G_MAXINT32;
    }
}

/* Who is in which group: rows of a tested campaign first, then rows with an
 * empty campaign (a user already in a test of that brand stays in it). */
static void
find_members (HkEngine *self,
              Members  *m)
{
  HkDataset *ds = self->ds;
  GArray *marked = m->marked;

  for (guint pass = 0; pass < 2; pass++)
    for (guint k = 0; k < marked->len; k++)
      {
        guint r = g_array_index (marked, guint, k);
        guint8 ab = ds->trk_flags[r] & HK_TRACKING_FLAG_AB_MASK;
        guint32 c = ds->trk_campaign[r], u = ds->trk_user[r];
        gint chosen = -1;

        if (pass == 0 && c != 0 && self->campaign_test[c] >= 0)
          chosen = self->campaign_test[c];
        else if (pass == 1 && c == 0)
          for (guint t = 0; t < self->tests->len; t++)
            {
              const HoldoutTest *ht = &g_array_index (self->tests, HoldoutTest, t);

              if (ht->brand != ds->trk_brand[r] || !in_window (ht, ds->trk_date[r]))
                continue;
              if (chosen < 0)
                chosen = t;
              if (member_find (m, u, t) >= 0)
                {
                  chosen = t;
                  break;
                }
            }
        if (chosen >= 0)
          member_add (m, u, chosen, ab);
      }
}

#define PREFETCH_ROWS 16

typedef struct {
  HkEngine *self;
  Members  *m;
  guint     from, to;
  TestRow  *rows;   /* hk_big: pages only as rows come */
  guint     n, cap;
} Collect;

static gpointer
collect_range (gpointer data)
{
  Collect *c = data;
  HkDataset *ds = c->self->ds;
  Members *m = c->m;

  c->cap = 4096;
  c->rows = hk_big_alloc ((gsize) c->cap * sizeof (TestRow));
  for (guint r = c->from; r < c->to; r++)
    {
      guint32 u = ds->trk_user[r];

      /* The bit of a user some rows ahead is fetched meanwhile: at 100
       * million rows user codes reach 10^8, 12 MB of bits that miss the
       * caches (collecting took 2.7 s there, 2.2 s with this). */
      if (r + PREFETCH_ROWS < c->to)
        __builtin_prefetch (&m->is_user[ds->trk_user[r + PREFETCH_ROWS] >> 6]);
      /* Most rows are of users who are not members. */
      if (!is_user (m, u))
        continue;
      for (gint k = *member_first (m, u) - 1; k >= 0; k = g_array_index (m->members, Member, k).next)
        {
          const Member *mb = &g_array_index (m->members, Member, k);
          const HoldoutTest *t = &g_array_index (c->self->tests, HoldoutTest, mb->test);
          TestRow tr;

          if (mb->bits == 3 || t->brand != ds->trk_brand[r] || !in_window (t, ds->trk_date[r]))
            continue;
          tr = (TestRow) { ds->trk_revenue[r], u, mb->test, ds->trk_product[r], ds->trk_date[r], HK_TRK_ROWS (ds, r),
                           mb->bits == 1 ? HK_AB_EXPOSED : HK_AB_HOLDOUT };
          if (c->n == c->cap)
            c->rows = hk_big_realloc (c->rows, (gsize) (c->cap *= 2) * sizeof (TestRow));
          c->rows[c->n++] = tr;
        }
    }
  return NULL;
}

/* The rows of the tests' users that count: the test's brand, inside its
 * window, not a user seen in both groups. A pass over every row whose
 * lookups miss the caches at 100 million rows: the other core takes half.
 * Returns them (hk_big), n_rows of them. */
static TestRow *
collect_rows (HkEngine *self,
              Members  *m,
              guint    *n_rows)
{
  HkDataset *ds = self->ds;
  guint kept = ds->trk_start[ds->n_influencers + 1];
  Collect halves[2] = { { self, m, 0, kept / 2 }, { self, m, kept / 2, kept } };

  for (guint k = 0; k < m->members->len; k++)
    {
      const Member *mb = &g_array_index (m->members, Member, k);
      HoldoutTest *t = &g_array_index (self->tests, HoldoutTest, mb->test);

      if (mb->bits == 3)
        t->excluded++;
      t->seen[0] += (mb->bits & 1) != 0;
      t->seen[1] += (mb->bits & 2) != 0;
    }
  hk_run_halves ("hk-holdout-rows", collect_range, &halves[0], &halves[1], kept >= 1 << 20);
  /* The second half after the first, given back as it is copied: the two
   * are never held twice (at 100 million rows they are 240 MB). */
  {
    guint n0 = halves[0].n, n1 = halves[1].n;
    TestRow *rows = hk_big_realloc (halves[0].rows, (gsize) MAX (n0 + n1, 1) * sizeof (TestRow));
    const guint step = 65536;

    for (guint k = 0; k < n1; k += step)
      {
        guint len = MIN (step, n1 - k);

        memcpy (rows + n0 + k, halves[1].rows + k, (gsize) len * sizeof (TestRow));
        hk_big_release (halves[1].rows, (gsize) k * sizeof (TestRow), (gsize) (k + len) * sizeof (TestRow));
      }
    hk_big_free (halves[1].rows);
    *n_rows = n0 + n1;
    return rows;
  }
}

/* Rows ordered by test, group and user, so each user's rows are adjacent: a
 * least-significant-digit radix sort of the keys, 16 bits a pass, then the
 * rows moved into that order in place (a copy would hold them twice: 240 MB
 * more at 100 million rows). Takes data (hk_big). */
static void
sort_rows (HkEngine *self,
           TestRow  *data,
           guint     n)
{
  g_autofree guint64 *keys = g_new (guint64, MAX (1, n));
  g_autofree guint64 *tmp = g_new (guint64, MAX (1, n));
  g_autofree guint *idx = g_new (guint, MAX (1, n));
  g_autofree guint *tmp_idx = g_new (guint, MAX (1, n));
  g_autofree guint *count = g_new (guint, 65536 + 1);
  guint64 max_key = 0;
  guint32 max_user = 0;
  guint user_bits = 0;

  /* The user takes only the bits it needs: a pass fewer, mostly. */
  for (guint k = 0; k < n; k++)
    max_user = MAX (max_user, data[k].user);
  while (user_bits < 32 && (max_user >> user_bits) != 0)
    user_bits++;
  for (guint k = 0; k < n; k++)
    {
      const TestRow *tr = &data[k];

      keys[k] = ((guint64) tr->test * 3 + tr->group) << user_bits | tr->user;
      idx[k] = k;
      max_key = MAX (max_key, keys[k]);
    }
  for (guint shift = 0; shift < 64 && (max_key >> shift) != 0; shift += 16)
    {
      guint64 *swap_keys;
      guint *swap_idx;

      memset (count, 0, sizeof (guint) * (65536 + 1));
      for (guint k = 0; k < n; k++)
        count[((keys[k] >> shift) & 0xffff) + 1]++;
      for (guint d = 0; d < 65536; d++)
        count[d + 1] += count[d];
      for (guint k = 0; k < n; k++)
        {
          guint pos = count[(keys[k] >> shift) & 0xffff]++;
          tmp[pos] = keys[k];
          tmp_idx[pos] = idx[k];
        }
      swap_keys = keys, keys = tmp, tmp = swap_keys;
      swap_idx = idx, idx = tmp_idx, tmp_idx = swap_idx;
    }
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&tmp, g_free);
  g_clear_pointer (&tmp_idx, g_free);

  /* Row k takes row idx[k]: each cycle of the permutation in turn, a row
   * done marked by idx[k] == k. */
  for (guint k = 0; k < n; k++)
    {
      TestRow first;
      guint j = k;

      if (idx[k] == k)
        continue;
      first = data[k];
      while (idx[j] != k)
        {
          guint from = idx[j];

          /* The next row to move is known a step ahead: its miss overlaps
           * this move's. */
          __builtin_prefetch (&data[idx[from]]);
          data[j] = data[from];
          idx[j] = j;
          j = from;
        }
      data[j] = first;
      idx[j] = j;
    }
  self->test_rows = data;
  self->n_test_rows = n;
}

/* Whether a test can be used, and its line of the report. */
static void
judge_test (HkEngine    *self,
            HoldoutTest *t,
            gboolean     has_rows)
{
  const HoldoutSums *s = &t->full;
  GString *note = g_string_new (NULL);

  if (!has_rows)
    t->status = TEST_NO_ROWS;
  else if (!(t->exposed_users > 0 && t->holdout_users > 0))
    t->status = TEST_NO_GROUP;
  else if (t->exposed_users < t->seen[0] || t->holdout_users < t->seen[1])
    t->status = TEST_USERS_TOO_FEW;
  else if (s->purchases[0] + s->purchases[1] <= 0 || s->users[0] < 2 || s->users[1] < 2)
    t->status = TEST_NO_PURCHASE;
  else
    t->status = TEST_VALID;

  switch (t->status)
    {
    case TEST_NO_ROWS:
      g_string_printf (note, _("Holdout test %s: the campaign matches no tracking row; not used"), t->name);
      break;
    case TEST_NO_GROUP:
      g_string_printf (note, _("Holdout test %s: it needs users in both an exposed and a holdout group; not used"),
                       t->name);
      break;
    case TEST_USERS_TOO_FEW:
      g_string_printf (note, _("Holdout test %s: %g exposed and %g holdout users listed, but %u and %u seen in "
                               "the tracking rows; not used"),
                       t->name, t->exposed_users, t->holdout_users, t->seen[0], t->seen[1]);
      break;
    case TEST_NO_PURCHASE:
      g_string_printf (note, _("Holdout test %s: its users bought nothing of %s in its window; not used"),
                       t->name, hk_str_pool_get (self->ds->pools[HK_POOL_BRAND], t->brand));
      break;
    case TEST_VALID:
    default:
      g_string_printf (note, _("Holdout test %s: %g exposed users (%g bought), %g held out (%g bought)"),
                       t->name, s->users[0], s->buyers[0], s->users[1], s->buyers[1]);
      if (s->buyers[1] < 30)
        g_string_append_printf (note, _("; fewer than 30 held-out buyers: a wide interval"));
      break;
    }
  if (t->excluded > 0)
    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                               "; %u user in both groups left out",
                                               "; %u users in both groups left out", t->excluded),
                            t->excluded);
  t->note = g_string_free (note, FALSE);
}

void
_hk_engine_prepare_tests (HkEngine *self)
{
  Members m;
  TestRow *rows;
  guint n_rows;
  g_autofree guint8 *has_rows = NULL;

  list_tests (self);
  if (self->tests->len == 0)
    {
      self->test_rows = hk_big_alloc (sizeof (TestRow));
      return;
    }
  has_rows = g_new0 (guint8, self->tests->len);
  settle_windows (self, has_rows);

  members_init (&m, self->ds);
  find_members (self, &m);
  rows = collect_rows (self, &m, &n_rows);
  members_clear (&m);
  sort_rows (self, rows, n_rows);

  {
    g_autofree HoldoutSums *sums = g_new0 (HoldoutSums, self->tests->len);

    _hk_holdout_sum (self, NULL, sums);
    for (guint i = 0; i < self->tests->len; i++)
      {
        HoldoutTest *t = &g_array_index (self->tests, HoldoutTest, i);

        t->full = sums[i];
        t->attributed = self->campaign_attributed[t->campaign];
        judge_test (self, t, has_rows[i] != 0);
        _hk_holdout_estimate (&t->full, &t->incremental, &t->se);
      }
  }
}

SavedTest *
_hk_engine_save_tests (HkEngine *self)
{
  SavedTest *saved = g_new0 (SavedTest, MAX (1, self->tests->len));

  for (guint i = 0; i < self->tests->len; i++)
    {
      const HoldoutTest *t = &g_array_index (self->tests, HoldoutTest, i);

      saved[i] = (SavedTest) { t->full, t->first_day, t->last_day, t->brand, { t->seen[0], t->seen[1] },
                               t->excluded, t->status != TEST_NO_ROWS, 0 };
    }
  return saved;
}

/* The tests listed from the dataset with what a preparation found of them
 * (campaign_test, campaign_attributed and test_rows already in place). */
gboolean
_hk_engine_restore_tests (HkEngine        *self,
                          const SavedTest *saved,
                          guint            n_saved)
{
  list_tests (self);
  if (self->tests->len != n_saved)
    return FALSE;
  for (guint i = 0; i < n_saved; i++)
    {
      HoldoutTest *t = &g_array_index (self->tests, HoldoutTest, i);

      t->brand = saved[i].brand;
      t->first_day = saved[i].first_day;
      t->last_day = saved[i].last_day;
      t->seen[0] = saved[i].seen[0];
      t->seen[1] = saved[i].seen[1];
      t->excluded = saved[i].excluded;
      t->full = saved[i].full;
      t->attributed = self->campaign_attributed[t->campaign];
      judge_test (self, t, saved[i].has_rows != 0);
      _hk_holdout_estimate (&t->full, &t->incremental, &t->se);
    }
  return TRUE;
}

void
_hk_engine_free_tests (HkEngine *self)
{
  for (guint i = 0; self->tests && i < self->tests->len; i++)
    {
      g_free (g_array_index (self->tests, HoldoutTest, i).name);
      g_free (g_array_index (self->tests, HoldoutTest, i).note);
    }
  g_clear_pointer (&self->tests, g_array_unref);
  if (self->prepared == NULL)
    hk_big_free (self->test_rows);
  g_free (self->campaign_attributed);
}

/* Each test's sums, within the selection's product and date filters (sel
 * NULL: every row). Users listed but never seen bought nothing: zeros. */
void
_hk_holdout_sum (HkEngine          *self,
                 const HkSelection *sel,
                 HoldoutSums       *sums)
{
  guint r0 = 0;

  /* Only a product or date filter leaves tested rows out; with neither the
   * sums are those the preparation made (a pass over every tested row, 6
   * million at 100 million rows, saved). */
  if (sel != NULL && sel->allow[HK_DIM_PRODUCT] == NULL &&
      sel->first_day == HK_DAY_NONE && sel->last_day == HK_DAY_NONE)
    {
      for (guint i = 0; i < self->tests->len; i++)
        sums[i] = g_array_index (self->tests, HoldoutTest, i).full;
      return;
    }
  for (guint i = 0; i < self->tests->len; i++)
    {
      const HoldoutTest *t = &g_array_index (self->tests, HoldoutTest, i);

      memset (&sums[i], 0, sizeof sums[i]);
      sums[i].users[0] = t->exposed_users - t->excluded;
      sums[i].users[1] = t->holdout_users - t->excluded;
    }
  while (r0 < self->n_test_rows)
    {
      const TestRow *first = &self->test_rows[r0];
      HoldoutSums *s = &sums[first->test];
      guint g = GROUP_INDEX (first->group);
      double x = 0, n = 0;
      guint r1 = r0;

      for (; r1 < self->n_test_rows; r1++)
        {
          const TestRow *tr = &self->test_rows[r1];

          if (tr->test != first->test || tr->group != first->group || tr->user != first->user)
            break;
          if (sel && !(hk_selection_allows (sel, HK_DIM_PRODUCT, tr->product) &&
                       hk_selection_keeps_day (sel, tr->date)))
            continue;
          x += tr->revenue;
          n += tr->purchases;
          /* Rows stored aggregated: their purchases taken as alike. */
          s->revenue_sq += tr->revenue * tr->revenue / tr->purchases;
          if (tr->revenue > 0)
            {
              double l = log (tr->revenue / tr->purchases);

              s->log_n += tr->purchases;
              s->log_sum += tr->purchases * l;
              s->log_sq += tr->purchases * l * l;
            }
        }
      if (n > 0)
        {
          s->buyers[g]++;
          s->purchases[g] += n;
          s->purchases_sq[g] += n * n;
          s->revenue[g] += x;
        }
      r0 = r1;
    }
}

/* Student's t 97.5% quantile with df degrees of freedom (at least 2; exact
 * below 5, a Cornish-Fisher expansion above, within 0.2%). */
#define Z975 1.959964

static double
t975 (double df)
{
  static const double exact[] = { 0, 12.706, 4.303, 3.182, 2.776 };
  const double z = Z975;

  df = MAX (2, df);
  if (df < 5)
    return exact[(int) df];
  return z + (z * z * z + z) / (4 * df) + (5 * pow (z, 5) + 16 * z * z * z + 3 * z) / (96 * df * df) +
         (3 * pow (z, 7) + 19 * pow (z, 5) + 17 * z * z * z - 15 * z) / (384 * df * df * df);
}

/* The two-part estimate (docs/metrics.md): (purchases per exposed user −
 * purchases per held-out user) × revenue per purchase, pooled over both
 * groups, × exposed users. Its standard error by the delta method, purchases
 * per user as over-dispersed counts: variance φ × (purchases + ½) ÷ users²
 * per group, φ (at least 1) their variance-to-mean ratio pooled over both
 * groups; the half purchase keeps a group with no buyer from claiming
 * certainty. Heavy-tailed baskets then only scale the estimate instead of
 * deciding its sign, which holds the coverage where the plain difference of
 * means does not (bench/README.md). */
void
_hk_holdout_estimate (const HoldoutSums *s,
                      double            *incremental,
                      double            *se)
{
  double ne = s->users[0], nh = s->users[1];
  double purchases = s->purchases[0] + s->purchases[1];
  double fe, fh, d, per, var_basket = 0, var_per = 0, phi = 1, var_d;

  if (!(ne > 1 && nh > 1) || purchases <= 0)
    {
      *incremental = 0;
      *se = 0;
      return;
    }
  fe = s->purchases[0] / ne;
  fh = s->purchases[1] / nh;
  d = fe - fh;
  per = (s->revenue[0] + s->revenue[1]) / purchases;
  if (purchases > 1)
    {
      var_basket = MAX (0, (s->revenue_sq - purchases * per * per) / (purchases - 1));

      /* With heavy-tailed baskets the sample variance mostly falls short of
       * the true one (a few huge baskets decide it); their spread on the log
       * scale does not, and gives the squared coefficient of variation of a
       * log-normal. The larger of the two is taken. */
      if (s->log_n > 1)
        {
          double m = s->log_sum / s->log_n;
          double v = MAX (0, (s->log_sq - s->log_n * m * m) / (s->log_n - 1));

          var_basket = MAX (var_basket, expm1 (v) * per * per);
        }
      var_per = var_basket / purchases;
    }
  {
    double within = (s->purchases_sq[0] - ne * fe * fe) + (s->purchases_sq[1] - nh * fh * fh);
    double mean = purchases / (ne + nh);

    phi = MAX (1, within / (ne + nh - 2) / mean);
  }
  var_d = phi * (s->purchases[0] + 0.5) / (ne * ne) + phi * (s->purchases[1] + 0.5) / (nh * nh);
  *incremental = d * per * ne;
  /* The lift is the revenue of the purchases the campaign caused, d × ne of
   * them: their own baskets vary around per too, by var_basket each. */
  *se = sqrt (ne * ne * (per * per * var_d + d * d * var_per + var_d * var_per) + MAX (0, d * ne) * var_basket);
  /* Few buyers in a group: the normal interval is too narrow, as a mean of
   * few observations is; widened as Student's t with that group's buyers
   * less one degrees of freedom would be (1.14× at 10 buyers, 1.03× at 40,
   * nothing to speak of with hundreds). */
  *se *= t975 (MIN (s->buyers[0], s->buyers[1]) - 1) / Z975;
}
