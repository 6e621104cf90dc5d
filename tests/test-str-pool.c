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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/str-pool/basics", test_basics);
  g_test_add_func ("/str-pool/prefixes", test_prefixes);
  g_test_add_func ("/str-pool/many", test_many);
  g_test_add_func ("/str-pool/collision", test_collision);
  g_test_add_func ("/str-pool/batch", test_batch);

  return g_test_run ();
}
