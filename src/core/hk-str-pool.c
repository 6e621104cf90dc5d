/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <string.h>

#include "hk-str-pool.h"

/* Strings live NUL-terminated in one growing arena and are addressed by offset,
 * so a pool of millions of user ids costs little more than their bytes. */
typedef struct {
  guint32 code;
  guint32 hash;
} Slot;

struct _HkStrPool {
  char    *arena;
  gsize    arena_len;
  gsize    arena_cap;
  guint32 *offsets;
  guint    n_codes;
  guint    offsets_cap;
  Slot    *slots;
  guint    n_slots; /* a power of two */
};

#define EMPTY_SLOT G_MAXUINT32

static inline guint32
hash_bytes (const char *str,
            gsize       len)
{
  /* FNV-1a folded with a final mix: short keys (ids, names) dominate. */
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) str[i]) * 16777619u;
  h ^= h >> 15;
  h *= 0x2c1b3c6du;
  h ^= h >> 12;
  return h;
}

static void
grow_slots (HkStrPool *pool)
{
  guint n = pool->n_slots * 2;
  Slot *slots = g_new (Slot, n);

  for (guint i = 0; i < n; i++)
    slots[i].code = EMPTY_SLOT;
  for (guint i = 0; i < pool->n_slots; i++)
    {
      Slot s = pool->slots[i];
      guint j;

      if (s.code == EMPTY_SLOT)
        continue;
      for (j = s.hash & (n - 1); slots[j].code != EMPTY_SLOT; j = (j + 1) & (n - 1))
        ;
      slots[j] = s;
    }
  g_free (pool->slots);
  pool->slots = slots;
  pool->n_slots = n;
}

static guint32
add_string (HkStrPool  *pool,
            const char *str,
            gsize       len)
{
  guint32 code = pool->n_codes;

  if (pool->arena_len + len + 1 > G_MAXUINT32)
    g_error ("string pool over 4 GiB");
  if (pool->arena_len + len + 1 > pool->arena_cap)
    {
      pool->arena_cap = MAX (pool->arena_cap * 2, pool->arena_len + len + 1);
      pool->arena = g_realloc (pool->arena, pool->arena_cap);
    }
  if (pool->n_codes == pool->offsets_cap)
    {
      pool->offsets_cap *= 2;
      pool->offsets = g_renew (guint32, pool->offsets, pool->offsets_cap);
    }
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

  pool->arena_cap = 256;
  pool->arena = g_malloc (pool->arena_cap);
  pool->offsets_cap = 16;
  pool->offsets = g_new (guint32, pool->offsets_cap);
  pool->n_slots = 32;
  pool->slots = g_new (Slot, pool->n_slots);
  for (guint i = 0; i < pool->n_slots; i++)
    pool->slots[i].code = EMPTY_SLOT;
  hk_str_pool_intern (pool, "", 0);
  return pool;
}

void
hk_str_pool_free (HkStrPool *pool)
{
  if (pool == NULL)
    return;
  g_free (pool->arena);
  g_free (pool->offsets);
  g_free (pool->slots);
  g_free (pool);
}

/* The length of a code's string, from where the next one starts. */
static inline gsize
code_len (const HkStrPool *pool,
          guint32          code)
{
  return (code + 1 < pool->n_codes ? pool->offsets[code + 1] : pool->arena_len) - pool->offsets[code] - 1;
}

static inline gboolean
code_matches (const HkStrPool *pool,
              guint32          code,
              const char      *str,
              gsize            len)
{
  /* Compare lengths first: memcmp() may read all len bytes, and a shorter
   * string at the end of the arena has fewer than that behind it. */
  return code_len (pool, code) == len && memcmp (pool->arena + pool->offsets[code], str, len) == 0;
}

static inline gboolean
slot_matches (const HkStrPool *pool,
              Slot             s,
              guint32          hash,
              const char      *str,
              gsize            len)
{
  return s.hash == hash && code_matches (pool, s.code, str, len);
}

/* Builds the index of a frozen pool again, for n_codes + 1 values. */
static void
thaw (HkStrPool *pool)
{
  guint n = 32;

  while ((pool->n_codes + 1) * 4 > n * 3)
    n *= 2;
  pool->n_slots = n;
  pool->slots = g_new (Slot, n);
  for (guint i = 0; i < n; i++)
    pool->slots[i].code = EMPTY_SLOT;
  for (guint32 code = 0; code < pool->n_codes; code++)
    {
      guint32 hash = hash_bytes (pool->arena + pool->offsets[code], code_len (pool, code));
      guint j;

      for (j = hash & (n - 1); pool->slots[j].code != EMPTY_SLOT; j = (j + 1) & (n - 1))
        ;
      pool->slots[j] = (Slot) { code, hash };
    }
}

guint32
hk_str_pool_intern (HkStrPool  *pool,
                    const char *str,
                    gsize       len)
{
  guint32 hash = hash_bytes (str, len);
  guint mask;
  guint i;

  if (pool->slots == NULL)
    thaw (pool);
  mask = pool->n_slots - 1;

  for (i = hash & mask; pool->slots[i].code != EMPTY_SLOT; i = (i + 1) & mask)
    if (slot_matches (pool, pool->slots[i], hash, str, len))
      return pool->slots[i].code;

  pool->slots[i].hash = hash;
  pool->slots[i].code = add_string (pool, str, len);
  if (pool->n_codes * 4 > pool->n_slots * 3)
    grow_slots (pool);
  return pool->n_codes - 1;
}

guint32
hk_str_pool_lookup (const HkStrPool *pool,
                    const char      *str,
                    gsize            len)
{
  guint32 hash = hash_bytes (str, len);
  guint mask = pool->n_slots - 1;

  /* Frozen: no index, a scan (reads only, so still thread-safe). */
  if (pool->slots == NULL)
    {
      for (guint32 code = 0; code < pool->n_codes; code++)
        if (code_matches (pool, code, str, len))
          return code;
      return HK_STR_NONE;
    }

  for (guint i = hash & mask; pool->slots[i].code != EMPTY_SLOT; i = (i + 1) & mask)
    if (slot_matches (pool, pool->slots[i], hash, str, len))
      return pool->slots[i].code;
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

void
hk_str_pool_freeze (HkStrPool *pool)
{
  g_clear_pointer (&pool->slots, g_free);
  pool->n_slots = 0;
  pool->arena_cap = pool->arena_len;
  pool->arena = g_realloc (pool->arena, pool->arena_cap);
  pool->offsets_cap = pool->n_codes;
  pool->offsets = g_renew (guint32, pool->offsets, pool->offsets_cap);
}

gsize
hk_str_pool_get_memory (const HkStrPool *pool)
{
  return sizeof *pool + pool->arena_cap + pool->offsets_cap * sizeof (guint32) +
         pool->n_slots * sizeof (Slot);
}
