/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include "hk-big.h"
#include "hk-str-pool-private.h"

/* Strings live NUL-terminated in one growing arena, addressed by offset. The
 * table keeps the first 8 bytes of each string inline, so telling strings of
 * up to 8 bytes (most ids) apart costs one memory access: with tens of
 * millions of interns, a random access into a large table is the whole cost. */
typedef struct {
  guint32 code1;  /* code + 1; 0 marks an empty slot, so new tables need no fill */
  guint16 len;    /* G_MAXUINT16 for longer strings */
  guint16 tag;    /* high bits of the hash */
  char    key[8]; /* the first bytes, zero-padded */
} Slot;

G_STATIC_ASSERT (sizeof (Slot) == 16);

#define FRONT_SIZE 256

struct _HkStrPool {
  char    *arena;
  gsize    arena_len;
  guint32 *offsets;
  guint    n_codes;
  Slot    *slots;
  guint    n_slots; /* a power of two */
  guint32  front[FRONT_SIZE]; /* code + 1 of recently interned strings */
};

static inline void
slot_key (const char *str,
          gsize       len,
          char        key[8])
{
  memset (key, 0, 8);
  memcpy (key, str, MIN (len, 8));
}

static inline gsize
string_len (const HkStrPool *pool,
            guint32          code)
{
  gsize end = code + 1 < pool->n_codes ? pool->offsets[code + 1] : pool->arena_len;
  return end - pool->offsets[code] - 1;
}

static inline gboolean
slot_matches (const HkStrPool *pool,
              const Slot      *s,
              guint16          tag,
              const char      *key,
              const char      *str,
              gsize            len)
{
  if (s->tag != tag || s->len != MIN (len, G_MAXUINT16) || memcmp (s->key, key, 8) != 0)
    return FALSE;
  if (len <= 8)
    return TRUE;
  return string_len (pool, s->code1 - 1) == len &&
         memcmp (pool->arena + pool->offsets[s->code1 - 1] + 8, str + 8, len - 8) == 0;
}

static Slot *
new_slots (guint n)
{
  return hk_big_alloc ((gsize) n * sizeof (Slot));
}

static void
grow_slots (HkStrPool *pool)
{
  guint n = pool->n_slots * 2;
  Slot *slots = new_slots (n);

  for (guint i = 0; i < pool->n_slots; i++)
    {
      const Slot *s = &pool->slots[i];
      const char *str;
      guint j;

      if (s->code1 == 0)
        continue;
      str = pool->arena + pool->offsets[s->code1 - 1];
      for (j = hk_str_pool_hash (str, string_len (pool, s->code1 - 1)) & (n - 1); slots[j].code1 != 0; j = (j + 1) & (n - 1))
        ;
      slots[j] = *s;
    }
  hk_big_free (pool->slots);
  pool->slots = slots;
  pool->n_slots = n;
}

static guint32
add_string (HkStrPool  *pool,
            const char *str,
            gsize       len)
{
  guint32 code = pool->n_codes;

  if (pool->arena_len + len + 1 > G_MAXUINT32 || code == G_MAXUINT32 - 1)
    g_error ("string pool over 4 GiB");
  if (pool->arena_len + len + 1 > hk_big_size (pool->arena))
    pool->arena = hk_big_realloc (pool->arena, MAX (hk_big_size (pool->arena) * 2, pool->arena_len + len + 1));
  if ((gsize) (code + 1) * sizeof (guint32) > hk_big_size (pool->offsets))
    pool->offsets = hk_big_realloc (pool->offsets, hk_big_size (pool->offsets) * 2);
  pool->offsets[code] = pool->arena_len;
  memcpy (pool->arena + pool->arena_len, str, len);
  pool->arena[pool->arena_len + len] = '\0';
  pool->arena_len += len + 1;
  pool->n_codes++;
  return code;
}

HkStrPool *
hk_str_pool_new (void)
{
  HkStrPool *pool = g_new0 (HkStrPool, 1);

  pool->arena = hk_big_alloc (256);
  pool->offsets = hk_big_alloc (16 * sizeof (guint32));
  pool->n_slots = 32;
  pool->slots = new_slots (pool->n_slots);
  hk_str_pool_intern (pool, "", 0);
  return pool;
}

void
hk_str_pool_free (HkStrPool *pool)
{
  if (pool == NULL)
    return;
  hk_big_free (pool->arena);
  hk_big_free (pool->offsets);
  hk_big_free (pool->slots);
  g_free (pool);
}

static inline guint32
intern_hashed (HkStrPool  *pool,
               const char *str,
               gsize       len,
               guint32     hash)
{
  guint mask = pool->n_slots - 1;
  guint16 tag = hash >> 16;
  char key[8];
  guint i;

  slot_key (str, len, key);
  for (i = hash & mask; pool->slots[i].code1 != 0; i = (i + 1) & mask)
    if (slot_matches (pool, &pool->slots[i], tag, key, str, len))
      return pool->slots[i].code1 - 1;

  pool->slots[i].code1 = add_string (pool, str, len) + 1;
  pool->slots[i].len = MIN (len, G_MAXUINT16);
  pool->slots[i].tag = tag;
  memcpy (pool->slots[i].key, key, 8);
  if (pool->n_codes * 4 > pool->n_slots * 3)
    grow_slots (pool);
  return pool->n_codes - 1;
}

/* A few hundred values (brands, products, campaigns) repeat millions of
 * times: a small cache keyed by the length and the first and last bytes finds
 * them without hashing the whole string. */
static inline guint
front_slot (const char *str,
            gsize       len)
{
  guint64 first = 0, last = 0;

  memcpy (&first, str, MIN (len, 8));
  if (len > 8)
    memcpy (&last, str + len - 8, 8);
  return (guint) (((first * 0x9e3779b97f4a7c15ull) ^ (last * 0xc2b2ae3d27d4eb4full) ^ len) >> 56);
}

guint32
hk_str_pool_intern (HkStrPool  *pool,
                    const char *str,
                    gsize       len)
{
  guint f = front_slot (str, len);
  guint32 code1 = pool->front[f];
  guint32 code;

  if (code1 != 0 && string_len (pool, code1 - 1) == len &&
      memcmp (pool->arena + pool->offsets[code1 - 1], str, len) == 0)
    return code1 - 1;
  code = intern_hashed (pool, str, len, hk_str_pool_hash (str, len));
  pool->front[f] = code + 1;
  return code;
}

/* Hashes first and asks for each slot's memory well before it is needed, so
 * the misses of a batch overlap instead of following one another. */
void
hk_str_pool_intern_batch (HkStrPool          *pool,
                          const char * const *strs,
                          const guint32      *lens,
                          guint               n,
                          guint32            *codes)
{
  enum { AHEAD = 16 };
  guint32 hashes[256];

  for (guint base = 0; base < n; base += G_N_ELEMENTS (hashes))
    {
      guint m = MIN (n - base, G_N_ELEMENTS (hashes));

      for (guint k = 0; k < m; k++)
        hashes[k] = hk_str_pool_hash (strs[base + k], lens[base + k]);
      for (guint k = 0; k < MIN (m, AHEAD); k++)
        __builtin_prefetch (&pool->slots[hashes[k] & (pool->n_slots - 1)]);
      for (guint k = 0; k < m; k++)
        {
          if (k + AHEAD < m)
            __builtin_prefetch (&pool->slots[hashes[k + AHEAD] & (pool->n_slots - 1)]);
          codes[base + k] = intern_hashed (pool, strs[base + k], lens[base + k], hashes[k]);
        }
    }
}

guint32
hk_str_pool_lookup (const HkStrPool *pool,
                    const char      *str,
                    gsize            len)
{
  guint32 hash = hk_str_pool_hash (str, len);
  guint mask = pool->n_slots - 1;
  char key[8];

  slot_key (str, len, key);
  for (guint i = hash & mask; pool->slots[i].code1 != 0; i = (i + 1) & mask)
    if (slot_matches (pool, &pool->slots[i], hash >> 16, key, str, len))
      return pool->slots[i].code1 - 1;
  return HK_STR_NONE;
}

guint32
hk_str_pool_lookup_ci (const HkStrPool *pool,
                       const char      *str)
{
  for (guint code = 0; code < pool->n_codes; code++)
    if (g_ascii_strcasecmp (pool->arena + pool->offsets[code], str) == 0)
      return code;
  return HK_STR_NONE;
}

const char *
hk_str_pool_get (const HkStrPool *pool,
                 guint32          code)
{
  g_return_val_if_fail (code < pool->n_codes, NULL);
  return pool->arena + pool->offsets[code];
}

guint
hk_str_pool_get_size (const HkStrPool *pool)
{
  return pool->n_codes;
}

gsize
hk_str_pool_get_memory (const HkStrPool *pool)
{
  return sizeof *pool + pool->arena_len + (gsize) pool->n_codes * sizeof (guint32) +
         (gsize) pool->n_slots * sizeof (Slot);
}
