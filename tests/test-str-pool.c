/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hk-str-pool.h"

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
  /* About the bytes of the strings plus a few words each. */
  g_assert_cmpuint (hk_str_pool_get_memory (pool), <, n * 40);
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
  /* Strings (9 bytes) and offsets (4) only. */
  g_assert_cmpuint (after, <=, (n + 1) * 13 + 256);
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

/* The pool's hash, FNV-1a with a final mix, repeated here only to build two
 * strings that collide: the pool must tell them apart, and comparing them must
 * not read past the shorter one's bytes. */
static guint32
pool_hash (const char *str,
           gsize       len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) str[i]) * 16777619u;
  h ^= h >> 15;
  h *= 0x2c1b3c6du;
  h ^= h >> 12;
  return h;
}

static void
test_collision (void)
{
  g_autoptr(GHashTable) short_by_hash = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(HkStrPool) pool = NULL;
  g_autofree char *short_str = NULL;
  g_autofree char *long_str = NULL;
  char filler[244];
  char *prefix;

  /* Short strings of 10 bytes, long ones of 200: a birthday search finds a
   * pair with the same 32-bit hash in about 40 000 tries. */
  for (guint i = 0; i < 100000; i++)
    {
      char *s = g_strdup_printf ("s%09u", i);
      g_hash_table_insert (short_by_hash, GUINT_TO_POINTER (pool_hash (s, 10)), s);
    }
  prefix = g_strnfill (190, 'x');
  for (guint i = 0; i < 5000000 && short_str == NULL; i++)
    {
      char *l = g_strdup_printf ("%s%010u", prefix, i);
      const char *s = g_hash_table_lookup (short_by_hash, GUINT_TO_POINTER (pool_hash (l, 200)));

      if (s != NULL)
        {
          short_str = g_strdup (s);
          long_str = g_steal_pointer (&l);
        }
      g_free (l);
    }
  g_free (prefix);
  if (short_str == NULL)
    {
      g_test_skip ("no colliding pair found");
      return;
    }
  g_test_message ("\"%s\" and \"%.12s…\" share a hash", short_str, long_str);

  /* The short string ends the arena (256 bytes: "", a 242-byte filler, it). */
  pool = hk_str_pool_new ();
  memset (filler, 'f', sizeof filler);
  g_assert_cmpuint (hk_str_pool_intern (pool, filler, 243), ==, 1);
  g_assert_cmpuint (hk_str_pool_intern (pool, short_str, 10), ==, 2);

  g_assert_cmpuint (hk_str_pool_lookup (pool, long_str, 200), ==, HK_STR_NONE);
  g_assert_cmpuint (hk_str_pool_intern (pool, long_str, 200), ==, 3);
  g_assert_cmpuint (hk_str_pool_lookup (pool, short_str, 10), ==, 2);
  g_assert_cmpuint (hk_str_pool_lookup (pool, long_str, 200), ==, 3);
  g_assert_cmpstr (hk_str_pool_get (pool, 3), ==, long_str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/str-pool/basics", test_basics);
  g_test_add_func ("/str-pool/prefixes", test_prefixes);
  g_test_add_func ("/str-pool/many", test_many);
  g_test_add_func ("/str-pool/freeze", test_freeze);
  g_test_add_func ("/str-pool/collision", test_collision);

  return g_test_run ();
}
