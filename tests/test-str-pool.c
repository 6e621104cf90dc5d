/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hk-str-pool-private.h"

static void
test_basics (void)
{
  g_autoptr(HkStrPool) pool = hk_str_pool_new ();

  /* Code 0 is the empty value, there from the start. */
  g_assert_cmpuint (hk_str_pool_get_size (pool), ==, 1);
  g_assert_cmpstr (hk_str_pool_get (pool, 0), ==, "");
  g_assert_cmpuint (hk_str_pool_intern (pool, "", 0), ==, 0);
  g_assert_cmpuint (hk_str_pool_lookup (pool, "", 0), ==, 0);

  /* Dense codes in order of first appearance. */
  g_assert_cmpuint (hk_str_pool_intern (pool, "Instagram", 9), ==, 1);
  g_assert_cmpuint (hk_str_pool_intern (pool, "YouTube", 7), ==, 2);
  g_assert_cmpuint (hk_str_pool_intern (pool, "Instagram", 9), ==, 1);
  g_assert_cmpuint (hk_str_pool_intern (pool, "instagram", 9), ==, 3);
  g_assert_cmpuint (hk_str_pool_get_size (pool), ==, 4);

  /* Only len bytes count. */
  g_assert_cmpuint (hk_str_pool_intern (pool, "YouTube Shorts", 7), ==, 2);
  g_assert_cmpuint (hk_str_pool_intern (pool, "Insta", 5), ==, 4);
  g_assert_cmpstr (hk_str_pool_get (pool, 4), ==, "Insta");

  g_assert_cmpuint (hk_str_pool_lookup (pool, "Twitter", 7), ==, HK_STR_NONE);
  g_assert_cmpuint (hk_str_pool_lookup (pool, "Instagra", 8), ==, HK_STR_NONE);
  g_assert_cmpuint (hk_str_pool_lookup (pool, "Instagram!", 10), ==, HK_STR_NONE);
  g_assert_cmpuint (hk_str_pool_lookup (pool, "YouTube", 7), ==, 2);

  /* Case-insensitive lookup: the first code that matches. */
  g_assert_cmpuint (hk_str_pool_lookup_ci (pool, "INSTAGRAM"), ==, 1);
  g_assert_cmpuint (hk_str_pool_lookup_ci (pool, "youtube"), ==, 2);
  g_assert_cmpuint (hk_str_pool_lookup_ci (pool, "twitter"), ==, HK_STR_NONE);

  g_assert_cmpuint (hk_str_pool_get_memory (pool), >, 0);
}

/* Prefixes of one another and strings with the same bytes up to a NUL are
 * different values. */
static void
test_prefixes (void)
{
  g_autoptr(HkStrPool) pool = hk_str_pool_new ();
  const char *words[] = { "a", "ab", "abc", "abcd", "b", "ba", "bab" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    g_assert_cmpuint (hk_str_pool_intern (pool, words[i], strlen (words[i])), ==, i + 1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_assert_cmpuint (hk_str_pool_lookup (pool, words[i], strlen (words[i])), ==, i + 1);
      g_assert_cmpstr (hk_str_pool_get (pool, i + 1), ==, words[i]);
    }
}

/* Hundreds of thousands of values (user ids): the table and the arena grow,
 * every code keeps its string. */
static void
test_many (void)
{
  g_autoptr(HkStrPool) pool = hk_str_pool_new ();
  const guint n = 300000;
  char buf[32];

  for (guint i = 0; i < n; i++)
    {
      int len = g_snprintf (buf, sizeof buf, "U%u", i * 7919u);
      g_assert_cmpuint (hk_str_pool_intern (pool, buf, len), ==, i + 1);
    }
  g_assert_cmpuint (hk_str_pool_get_size (pool), ==, n + 1);
  for (guint i = 0; i < n; i++)
    {
      int len = g_snprintf (buf, sizeof buf, "U%u", i * 7919u);
      g_assert_cmpuint (hk_str_pool_lookup (pool, buf, len), ==, i + 1);
      g_assert_cmpuint (hk_str_pool_intern (pool, buf, len), ==, i + 1);
      g_assert_cmpstr (hk_str_pool_get (pool, i + 1), ==, buf);
    }
  for (guint i = 0; i < 1000; i++)
    {
      int len = g_snprintf (buf, sizeof buf, "V%u", i);
      g_assert_cmpuint (hk_str_pool_lookup (pool, buf, len), ==, HK_STR_NONE);
    }
  /* The bytes of the strings, a 4-byte offset each, and 16-byte slots
   * at least 3/8 full. */
  g_assert_cmpuint (hk_str_pool_get_memory (pool), <, n * (8 + 4 + 16 * 8 / 3) + 4096);
}

/* Issue 17: nine-byte ids (U00196928) compare in the slot when they are
 * ASCII, through the arena otherwise; the two kinds of key never mix up: nine
 * bytes with a high bit anywhere, and strings that differ only in the bits
 * packing drops for ASCII (the top bit of a byte), stay apart. Through
 * interning, batches, lookups, and a frozen pool's index made again. */
static void
test_nine_bytes (void)
{
  g_autoptr(HkStrPool) pool = hk_str_pool_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint32 *codes = NULL;
  guint32 seed = 17;

  for (guint i = 0; i < 50000; i++)
    g_ptr_array_add (values, g_strdup_printf ("U%08u", i * 7919u % 100000000u));
  for (guint i = 0; i < 2000; i++)
    {
      char v[10];

      for (guint k = 0; k < 9; k++)
        {
          seed = seed * 1103515245u + 12345u;
          v[k] = (char) (i % 3 == 0 ? 'a' + (seed >> 16) % 3 : 1 + (seed >> 16) % 255);
        }
      v[9] = '\0';
      g_ptr_array_add (values, g_strdup (v));
      /* The same with one byte's top bit flipped. */
      v[i % 9] ^= (char) 0x80;
      if (v[i % 9] != '\0')
        g_ptr_array_add (values, g_strdup (v));
    }
  for (guint i = 0; i < values->len; )
    if (!g_hash_table_add (seen, values->pdata[i]))
      g_ptr_array_remove_index (values, i);
    else
      i++;

  for (guint i = 0; i < values->len; i++)
    g_assert_cmpuint (hk_str_pool_intern (pool, values->pdata[i], 9), ==, i + 1);
  hk_str_pool_freeze (pool);
  codes = g_new (guint32, values->len);
  {
    g_autofree guint32 *lens = g_new (guint32, values->len);

    for (guint i = 0; i < values->len; i++)
      lens[i] = 9;
    hk_str_pool_intern_batch (pool, (const char *const *) values->pdata, lens, values->len, codes);
  }
  for (guint i = 0; i < values->len; i++)
    {
      g_assert_cmpuint (codes[i], ==, i + 1);
      g_assert_cmpuint (hk_str_pool_lookup (pool, values->pdata[i], 9), ==, i + 1);
      g_assert_cmpstr (hk_str_pool_get (pool, i + 1), ==, values->pdata[i]);
    }
  g_assert_cmpuint (hk_str_pool_lookup (pool, "V00000000", 9), ==, HK_STR_NONE);
  g_assert_cmpuint (hk_str_pool_get_size (pool), ==, values->len + 1);
}

/* A frozen pool keeps every code, answers lookups without its index, costs
 * less, and takes new values again. */
static void
test_freeze (void)
{
  g_autoptr(HkStrPool) pool = hk_str_pool_new ();
  const guint n = 20000;
  char buf[32];
  gsize before, after;

  for (guint i = 0; i < n; i++)
    hk_str_pool_intern (pool, buf, g_snprintf (buf, sizeof buf, "U%07u", i));
  before = hk_str_pool_get_memory (pool);
  hk_str_pool_freeze (pool);
  after = hk_str_pool_get_memory (pool);
  g_test_message ("%" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT " frozen", before, after);
  /* Strings (9 bytes) and offsets (4), and a fixed 16 KiB (the table of
   * frequent values) and change. */
  g_assert_cmpuint (after, <=, (n + 1) * 13 + 20 * 1024);
  g_assert_cmpuint (after, <, before / 2);

  g_assert_cmpuint (hk_str_pool_get_size (pool), ==, n + 1);
  for (guint i = 0; i < n; i += 97)
    {
      int len = g_snprintf (buf, sizeof buf, "U%07u", i);
      g_assert_cmpuint (hk_str_pool_lookup (pool, buf, len), ==, i + 1);
      g_assert_cmpstr (hk_str_pool_get (pool, i + 1), ==, buf);
    }
  g_assert_cmpuint (hk_str_pool_lookup (pool, "U", 1), ==, HK_STR_NONE);
  g_assert_cmpuint (hk_str_pool_lookup (pool, "", 0), ==, 0);
  g_assert_cmpuint (hk_str_pool_lookup_ci (pool, "u0000007"), ==, 8);

  /* Interning again: old values keep their codes, new ones come next. */
  g_assert_cmpuint (hk_str_pool_intern (pool, "U0000005", 8), ==, 6);
  g_assert_cmpuint (hk_str_pool_intern (pool, "new", 3), ==, n + 1);
  g_assert_cmpuint (hk_str_pool_lookup (pool, "new", 3), ==, n + 1);
  g_assert_cmpuint (hk_str_pool_lookup (pool, "U0019999", 8), ==, n);

  /* An empty pool freezes too. */
  {
    g_autoptr(HkStrPool) empty = hk_str_pool_new ();

    hk_str_pool_freeze (empty);
    g_assert_cmpuint (hk_str_pool_lookup (empty, "", 0), ==, 0);
    g_assert_cmpuint (hk_str_pool_intern (empty, "a", 1), ==, 1);
  }
}

/* Two strings of the same length and the same first 8 bytes (so the slot's
 * inline key and length agree) whose hashes collide: the pool must compare the
 * rest of the bytes. Found by a birthday search over the pool's own hash. */
static void
test_collision (void)
{
  g_autoptr(GHashTable) by_hash = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(HkStrPool) pool = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  for (guint i = 0; i < 2000000 && a == NULL; i++)
    {
      char *s = g_strdup_printf ("prefix__%012u", i);
      guint32 h = hk_str_pool_hash (s, 20);
      const char *other = g_hash_table_lookup (by_hash, GUINT_TO_POINTER (h));

      if (other != NULL)
        {
          a = g_strdup (other);
          b = s;
        }
      else
        g_hash_table_insert (by_hash, GUINT_TO_POINTER (h), s);
    }
  g_assert_nonnull (a);
  g_test_message ("\"%s\" and \"%s\" share a hash", a, b);

  pool = hk_str_pool_new ();
  g_assert_cmpuint (hk_str_pool_intern (pool, a, 20), ==, 1);
  g_assert_cmpuint (hk_str_pool_lookup (pool, b, 20), ==, HK_STR_NONE);
  g_assert_cmpuint (hk_str_pool_intern (pool, b, 20), ==, 2);
  g_assert_cmpuint (hk_str_pool_lookup (pool, a, 20), ==, 1);
  g_assert_cmpuint (hk_str_pool_lookup (pool, b, 20), ==, 2);
  g_assert_cmpstr (hk_str_pool_get (pool, 2), ==, b);
}

/* The batch call gives the codes one call each would. */
static void
test_batch (void)
{
  g_autoptr(HkStrPool) one = hk_str_pool_new ();
  g_autoptr(HkStrPool) batch = hk_str_pool_new ();
  g_autoptr(GPtrArray) strs = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint32 *lens = g_new (guint32, 50000);
  g_autofree guint32 *codes = g_new (guint32, 50000);

  for (guint i = 0; i < 50000; i++)
    {
      /* Repeats, short and long ids, an empty one. */
      char *s = i % 997 == 0 ? g_strdup ("") : g_strdup_printf (i % 3 ? "U%u" : "user-%u-of-a-longer-id", (i * 31) % 7001);
      g_ptr_array_add (strs, s);
      lens[i] = strlen (s);
    }
  hk_str_pool_intern_batch (batch, (const char * const *) strs->pdata, lens, strs->len, codes);
  for (guint i = 0; i < strs->len; i++)
    g_assert_cmpuint (codes[i], ==, hk_str_pool_intern (one, strs->pdata[i], lens[i]));
  g_assert_cmpuint (hk_str_pool_get_size (one), ==, hk_str_pool_get_size (batch));
}

/* Values that repeat (the pool keeps copies of the first ones at hand):
 * strings that share their length and first and last bytes but differ in
 * between, strings of every length up to beyond what is kept at hand, more
 * values than are kept at hand, each interned several times, always get
 * their own code. */
static void
test_repeats (void)
{
  g_autoptr(HkStrPool) pool = hk_str_pool_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 200; i++)
    g_ptr_array_add (values, g_strdup_printf ("MuscleBlaze_%03u_Campaign_2025", i));
  for (guint len = 1; len <= 70; len++)
    {
      g_ptr_array_add (values, g_strnfill (len, 'a'));
      g_ptr_array_add (values, g_strnfill (len, 'b'));
    }
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < values->len; i++)
      {
        const char *s = values->pdata[i];

        g_assert_cmpuint (hk_str_pool_intern (pool, s, strlen (s)), ==, i + 1);
        g_assert_cmpstr (hk_str_pool_get (pool, i + 1), ==, s);
      }
  g_assert_cmpuint (hk_str_pool_get_size (pool), ==, values->len + 1);
}

/* Issue 17: long repeated values (product names of 150 bytes) are found in
 * the front table by their first bytes and the arena's copy of the rest:
 * strings alike but for one byte, anywhere, stay apart, also once the pool
 * was frozen (and its arena moved). */
static void
test_long_repeats (void)
{
  g_autoptr(HkStrPool) pool = hk_str_pool_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  static const guint lens[] = { 57, 63, 64, 65, 150, 300 };

  for (guint l = 0; l < G_N_ELEMENTS (lens); l++)
    {
      char *base = g_strnfill (lens[l], 'x');

      g_ptr_array_add (values, base);
      for (guint at = 0; at < lens[l]; at += at < 60 ? 7 : 29)
        {
          char *other = g_strdup (base);

          other[at] = 'y';
          g_ptr_array_add (values, other);
        }
      {
        char *last = g_strdup (base);

        last[lens[l] - 1] = 'z';
        g_ptr_array_add (values, last);
      }
    }
  g_assert_cmpuint (values->len, <, 128); /* all of them fit in the front table */
  for (guint round = 0; round < 4; round++)
    {
      if (round == 2)
        hk_str_pool_freeze (pool);
      for (guint i = 0; i < values->len; i++)
        {
          const char *v = values->pdata[i];

          g_assert_cmpuint (hk_str_pool_intern (pool, v, strlen (v)), ==, i + 1);
          g_assert_cmpuint (hk_str_pool_lookup (pool, v, strlen (v)), ==, i + 1);
        }
    }
  g_assert_cmpuint (hk_str_pool_get_size (pool), ==, values->len + 1);
  for (guint i = 0; i < values->len; i++)
    g_assert_cmpstr (hk_str_pool_get (pool, i + 1), ==, values->pdata[i]);
}

/* Merging into a frozen pool gives the codes interning each string would,
 * whether the pool was frozen or indexed before. */
static void
test_merge_frozen (void)
{
  for (guint frozen_before = 0; frozen_before < 2; frozen_before++)
    {
      g_autoptr(HkStrPool) into = hk_str_pool_new ();
      g_autoptr(HkStrPool) reference = hk_str_pool_new ();
      g_autoptr(HkStrPool) from = hk_str_pool_new ();
      g_autofree guint32 *map = NULL;
      char buf[48];
      guint n_from;

      for (guint i = 0; i < 30000; i++)
        {
          int len = g_snprintf (buf, sizeof buf, i % 5 ? "U%u" : "user-%u-of-a-longer-id", i * 3);
          hk_str_pool_intern (into, buf, len);
          hk_str_pool_intern (reference, buf, len);
        }
      if (frozen_before)
        hk_str_pool_freeze (into);
      /* Half old values, half new, and the empty one. */
      for (guint i = 0; i < 20000; i++)
        {
          int len = g_snprintf (buf, sizeof buf, i % 5 ? "U%u" : "user-%u-of-a-longer-id", i * 5);
          hk_str_pool_intern (from, buf, len);
        }
      n_from = hk_str_pool_get_size (from);
      map = g_new (guint32, n_from);

      /* Looked up in two ranges (as two threads would), the codes are
       * those of one lookup each, indexed or frozen. */
      hk_str_pool_lookup_strings (into, from, 0, n_from / 3, map);
      hk_str_pool_lookup_strings (into, from, n_from / 3, n_from - n_from / 3, map + n_from / 3);
      for (guint code = 0; code < n_from; code++)
        {
          const char *s = hk_str_pool_get (from, code);

          g_assert_cmpuint (map[code], ==, hk_str_pool_lookup (into, s, strlen (s)));
        }
      hk_str_pool_append_missing (into, from, map);

      g_assert_cmpuint (map[0], ==, 0);
      for (guint code = 0; code < n_from; code++)
        {
          const char *s = hk_str_pool_get (from, code);

          g_assert_cmpuint (map[code], ==, hk_str_pool_intern (reference, s, strlen (s)));
          g_assert_cmpstr (hk_str_pool_get (into, map[code]), ==, s);
        }
      g_assert_cmpuint (hk_str_pool_get_size (into), ==, hk_str_pool_get_size (reference));
      /* Frozen: no index, but lookups and new values still work. */
      g_assert_cmpuint (hk_str_pool_get_memory (into), <, hk_str_pool_get_memory (reference));
      g_assert_cmpuint (hk_str_pool_lookup (into, "U15", 3), ==, hk_str_pool_lookup (reference, "U15", 3));
      g_assert_cmpuint (hk_str_pool_intern (into, "new", 3), ==, hk_str_pool_get_size (reference));
      g_assert_cmpuint (hk_str_pool_intern (into, "U15", 3), ==, hk_str_pool_lookup (reference, "U15", 3));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/str-pool/basics", test_basics);
  g_test_add_func ("/str-pool/prefixes", test_prefixes);
  g_test_add_func ("/str-pool/many", test_many);
  g_test_add_func ("/str-pool/nine-bytes", test_nine_bytes);
  g_test_add_func ("/str-pool/freeze", test_freeze);
  g_test_add_func ("/str-pool/collision", test_collision);
  g_test_add_func ("/str-pool/batch", test_batch);
  g_test_add_func ("/str-pool/merge-frozen", test_merge_frozen);
  g_test_add_func ("/str-pool/repeats", test_repeats);
  g_test_add_func ("/str-pool/long-repeats", test_long_repeats);

  return g_test_run ();
}
