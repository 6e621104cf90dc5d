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
  guint64 key;    /* the first bytes, zero-padded (see string_key()) */
} Slot;

G_STATIC_ASSERT (sizeof (Slot) == 16);

/* A few dozen values (sources, products, campaigns) repeat millions of
 * times: a small table of copies of the first FRONT_SIZE / 2 strings, keyed
 * by the length and the first and last bytes, finds them without hashing the
 * whole string or reading the arena. Longer strings than FRONT_MAX bytes
 * (shop listings' product names) keep their first FRONT_MAX there and compare
 * the rest with the arena's copy, which so many repeats keep in cache. It is
 * never more than half full, and nothing leaves it, so values never evict
 * each other. */
#define FRONT_SIZE 256
#define FRONT_MAX  56
G_STATIC_ASSERT (FRONT_MAX % 8 == 0);

typedef struct {
  guint32 code1;             /* code + 1; 0: empty */
  guint32 len;
  char    bytes[FRONT_MAX];  /* zero-padded */
} Front;

G_STATIC_ASSERT (sizeof (Front) == 64);

struct _HkStrPool {
  char    *arena;
  gsize    arena_len;
  gsize    arena_size;   /* hk_big_size() of each, kept at hand */
  guint32 *offsets;
  gsize    offsets_size;
  guint    n_codes;
  Slot    *slots;
  guint    n_slots; /* a power of two */
  guint    n_front;
  gboolean borrowed; /* arena and offsets are someone else's (a snapshot) */
  Front    front[FRONT_SIZE];
};

/* Nine ASCII bytes, 7 bits each, in the low 63 bits, and the top bit set:
 * ids just too long for eight bytes (U00196928, INF034786) still compare in
 * the slot. Any other key of nine bytes has its top bit clear (see
 * string_key()), so the two kinds never meet. */
static inline guint64
pack9 (guint64 w,
       guchar  last)
{
  w = (w & 0x007F007F007F007Full) | ((w & 0x7F007F007F007F00ull) >> 1);
  w = (w & 0x00003FFF00003FFFull) | ((w & 0x3FFF00003FFF0000ull) >> 2);
  w = (w & 0x000000000FFFFFFFull) | ((w & 0x0FFFFFFF00000000ull) >> 4);
  return w | ((guint64) last << 56) | (G_GUINT64_CONSTANT (1) << 63);
}

/* The nine bytes of a pack9() key. */
static inline void
unpack9 (guint64  key,
         char    *out)
{
  guint64 w = key & 0x00FFFFFFFFFFFFFFull;

  w = (w & 0x000000000FFFFFFFull) | ((w & 0x00FFFFFFF0000000ull) << 4);
  w = (w & 0x00003FFF00003FFFull) | ((w & 0x0FFFC0000FFFC000ull) << 2);
  w = (w & 0x007F007F007F007Full) | ((w & 0x3F803F803F803F80ull) << 1);
  memcpy (out, &w, 8);
  out[8] = (char) ((key >> 56) & 0x7F);
}

/* A string of nine bytes is told apart by its key alone when it is ASCII. */
static inline gboolean
key_is_whole (gsize   len,
              guint64 key)
{
  return len <= 8 || (len == 9 && (key >> 63) != 0);
}

/* The first min (len, 8) bytes of str as an integer, the others zero: one or
 * two loads that stay within the string, rather than a call to memcpy(); for
 * nine bytes, pack9() or the first eight with the top bit cleared. */
static inline guint64
string_key (const char *str,
            gsize       len)
{
  if (len == 9)
    {
      guint64 w = read64 (str);
      guchar last = (guchar) str[8];

      if (((w & 0x8080808080808080ull) | (last & 0x80)) == 0)
        return pack9 (w, last);
      return w & ~(G_GUINT64_CONSTANT (1) << 63);
    }
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (len >= 8)
    return read64 (str);
  if (len >= 4)
    return read32 (str) | ((guint64) read32 (str + len - 4) << (8 * (len - 4)));
  if (len > 0)
    return (guint64) (guchar) str[0] | ((guint64) (guchar) str[len / 2] << (8 * (len / 2))) |
           ((guint64) (guchar) str[len - 1] << (8 * (len - 1)));
  return 0;
#else
  guint64 key = 0;

  memcpy (&key, str, MIN (len, 8));
  return key;
#endif
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
              guint64          key,
              const char      *str,
              gsize            len)
{
  if (s->tag != tag || s->len != MIN (len, G_MAXUINT16) || s->key != key)
    return FALSE;
  if (key_is_whole (len, key))
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
      char nine[9];
      guint j;

      if (s->code1 == 0)
        continue;
      /* A string whose key is whole is all in the slot: no need to fetch it
       * from the arena, a cache miss per string. */
      if (s->len <= 8)
        str = (const char *) &s->key;
      else if (key_is_whole (s->len, s->key))
        {
          unpack9 (s->key, nine);
          str = nine;
        }
      else
        str = pool->arena + pool->offsets[s->code1 - 1];
      for (j = hk_str_pool_hash (str, key_is_whole (s->len, s->key) ? s->len : string_len (pool, s->code1 - 1)) &
               (n - 1);
           slots[j].code1 != 0; j = (j + 1) & (n - 1))
        ;
      slots[j] = *s;
    }
  hk_big_free (pool->slots);
  pool->slots = slots;
  pool->n_slots = n;
}

/* A borrowed pool copies its strings before it grows. */
static void
own_data (HkStrPool *pool)
{
  char *arena = hk_big_alloc (MAX (pool->arena_len, 1));
  guint32 *offsets = hk_big_alloc ((gsize) MAX (pool->n_codes, 1) * sizeof (guint32));

  memcpy (arena, pool->arena, pool->arena_len);
  memcpy (offsets, pool->offsets, (gsize) pool->n_codes * sizeof (guint32));
  pool->arena = arena;
  pool->arena_size = hk_big_size (arena);
  pool->offsets = offsets;
  pool->offsets_size = hk_big_size (offsets);
  pool->borrowed = FALSE;
}

static guint32
add_string (HkStrPool  *pool,
            const char *str,
            gsize       len)
{
  guint32 code = pool->n_codes;

  if (G_UNLIKELY (pool->borrowed))
    own_data (pool);
  if (pool->arena_len + len + 1 > G_MAXUINT32 || code == G_MAXUINT32 - 1)
    g_error ("string pool over 4 GiB");
  if (G_UNLIKELY (pool->arena_len + len + 1 > pool->arena_size))
    {
      pool->arena_size = MAX (pool->arena_size * 2, pool->arena_len + len + 1);
      pool->arena = hk_big_realloc (pool->arena, pool->arena_size);
    }
  if (G_UNLIKELY ((gsize) (code + 1) * sizeof (guint32) > pool->offsets_size))
    {
      pool->offsets_size *= 2;
      pool->offsets = hk_big_realloc (pool->offsets, pool->offsets_size);
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

  pool->arena_size = 256;
  pool->arena = hk_big_alloc (pool->arena_size);
  pool->offsets_size = 16 * sizeof (guint32);
  pool->offsets = hk_big_alloc (pool->offsets_size);
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
  if (!pool->borrowed)
    {
      hk_big_free (pool->arena);
      hk_big_free (pool->offsets);
    }
  hk_big_free (pool->slots);
  g_free (pool);
}

/* Builds the index of a frozen pool again. */
static void
thaw (HkStrPool *pool)
{
  guint n = 32;

  while ((gsize) (pool->n_codes + 1) * 4 > (gsize) n * 3)
    n *= 2;
  pool->n_slots = n;
  pool->slots = new_slots (n);
  for (guint32 code = 0; code < pool->n_codes; code++)
    {
      const char *str = pool->arena + pool->offsets[code];
      gsize len = string_len (pool, code);
      guint32 hash = hk_str_pool_hash (str, len);
      guint j;

      for (j = hash & (n - 1); pool->slots[j].code1 != 0; j = (j + 1) & (n - 1))
        ;
      pool->slots[j].code1 = code + 1;
      pool->slots[j].len = MIN (len, G_MAXUINT16);
      pool->slots[j].tag = hash >> 16;
      pool->slots[j].key = string_key (str, len);
    }
}

static inline guint32
intern_hashed (HkStrPool  *pool,
               const char *str,
               gsize       len,
               guint32     hash)
{
  guint mask = pool->n_slots - 1;
  guint16 tag = hash >> 16;
  guint64 key = string_key (str, len);
  guint i;

  for (i = hash & mask; pool->slots[i].code1 != 0; i = (i + 1) & mask)
    if (slot_matches (pool, &pool->slots[i], tag, key, str, len))
      return pool->slots[i].code1 - 1;

  pool->slots[i].code1 = add_string (pool, str, len) + 1;
  pool->slots[i].len = MIN (len, G_MAXUINT16);
  pool->slots[i].tag = tag;
  pool->slots[i].key = key;
  if (pool->n_codes * 4 > pool->n_slots * 3)
    grow_slots (pool);
  return pool->n_codes - 1;
}

/* Whether the copy f holds str: eight bytes at a time, the last eight
 * overlapping the ones before (so no load leaves the string). */
static inline gboolean
front_matches (const HkStrPool *pool,
               const Front     *f,
               const char      *str,
               gsize            len,
               guint64          key)
{
  const char *rest;
  gsize i;

  if (f->len != len)
    return FALSE;
  if (len <= 8)
    return read64 (f->bytes) == key;
  if (len <= FRONT_MAX)
    {
      for (i = 0; i + 8 < len; i += 8)
        if (read64 (f->bytes + i) != read64 (str + i))
          return FALSE;
      return read64 (f->bytes + len - 8) == read64 (str + len - 8);
    }
  for (i = 0; i < FRONT_MAX; i += 8)
    if (read64 (f->bytes + i) != read64 (str + i))
      return FALSE;
  rest = pool->arena + pool->offsets[f->code1 - 1];
  for (; i + 8 < len; i += 8)
    if (read64 (rest + i) != read64 (str + i))
      return FALSE;
  return read64 (rest + len - 8) == read64 (str + len - 8);
}

/* Not in the front table: through the index, then into the front table if
 * there is room. Kept apart so that the common case stays small. */
static G_GNUC_NO_INLINE guint32
intern_slow (HkStrPool  *pool,
             const char *str,
             gsize       len,
             Front      *free_front)
{
  guint32 code;

  if (pool->slots == NULL)
    thaw (pool);
  code = intern_hashed (pool, str, len, hk_str_pool_hash (str, len));
  if (len <= G_MAXUINT32 && pool->n_front < FRONT_SIZE / 2)
    {
      free_front->code1 = code + 1;
      free_front->len = len;
      memcpy (free_front->bytes, str, MIN (len, FRONT_MAX));
      pool->n_front++;
    }
  return code;
}

guint32
hk_str_pool_intern (HkStrPool  *pool,
                    const char *str,
                    gsize       len)
{
  guint64 key = string_key (str, len);
  guint64 last = len > 8 ? read64 (str + len - 8) : 0;
  guint i = ((key * 0x9e3779b97f4a7c15ull) ^ (last * 0xc2b2ae3d27d4eb4full) ^ len) >> 56;

  G_STATIC_ASSERT (FRONT_SIZE == 256);
  for (; pool->front[i].code1 != 0; i = (i + 1) % FRONT_SIZE)
    if (front_matches (pool, &pool->front[i], str, len, key))
      return pool->front[i].code1 - 1;
  return intern_slow (pool, str, len, &pool->front[i]);
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

  if (pool->slots == NULL)
    thaw (pool);
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

static inline guint32
lookup_hashed (const HkStrPool *pool,
               const char      *str,
               gsize            len,
               guint32          hash)
{
  guint mask = pool->n_slots - 1;
  guint64 key = string_key (str, len);

  for (guint i = hash & mask; pool->slots[i].code1 != 0; i = (i + 1) & mask)
    if (slot_matches (pool, &pool->slots[i], hash >> 16, key, str, len))
      return pool->slots[i].code1 - 1;
  return HK_STR_NONE;
}

guint32
hk_str_pool_lookup (const HkStrPool *pool,
                    const char      *str,
                    gsize            len)
{
  if (pool->slots == NULL)
    {
      for (guint32 code = 0; code < pool->n_codes; code++)
        if (string_len (pool, code) == len && memcmp (pool->arena + pool->offsets[code], str, len) == 0)
          return code;
      return HK_STR_NONE;
    }
  return lookup_hashed (pool, str, len, hk_str_pool_hash (str, len));
}

/* As in hk_str_pool_intern_batch(), the slots are asked for ahead of need. */
void
hk_str_pool_lookup_strings (const HkStrPool *pool,
                            const HkStrPool *from,
                            guint            first,
                            guint            n,
                            guint32         *codes)
{
  enum { AHEAD = 16 };
  guint32 hashes[256];

  g_return_if_fail (first + n <= from->n_codes);

  if (pool->slots == NULL)
    {
      /* Frozen: no index to ask ahead, and nothing to build one from
       * threads; correct, but slow. */
      for (guint k = 0; k < n; k++)
        codes[k] = hk_str_pool_lookup (pool, from->arena + from->offsets[first + k], string_len (from, first + k));
      return;
    }

  for (guint base = 0; base < n; base += G_N_ELEMENTS (hashes))
    {
      guint m = MIN (n - base, G_N_ELEMENTS (hashes));

      for (guint k = 0; k < m; k++)
        {
          guint32 code = first + base + k;

          hashes[k] = hk_str_pool_hash (from->arena + from->offsets[code], string_len (from, code));
        }
      for (guint k = 0; k < MIN (m, AHEAD); k++)
        __builtin_prefetch (&pool->slots[hashes[k] & (pool->n_slots - 1)]);
      for (guint k = 0; k < m; k++)
        {
          guint32 code = first + base + k;

          if (k + AHEAD < m)
            __builtin_prefetch (&pool->slots[hashes[k + AHEAD] & (pool->n_slots - 1)]);
          codes[base + k] = lookup_hashed (pool, from->arena + from->offsets[code], string_len (from, code), hashes[k]);
        }
    }
}

void
hk_str_pool_append_missing (HkStrPool       *pool,
                            const HkStrPool *from,
                            guint32         *map)
{
  for (guint32 code = 0; code < from->n_codes; code++)
    if (map[code] == HK_STR_NONE)
      map[code] = add_string (pool, from->arena + from->offsets[code], string_len (from, code));
  hk_str_pool_freeze (pool);
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
  if (pool->borrowed)
    {
      g_clear_pointer (&pool->slots, hk_big_free);
      pool->n_slots = 0;
      return;
    }
  pool->arena_size = MAX (pool->arena_len, 1);
  pool->arena = hk_big_shrink (pool->arena, pool->arena_size);
  pool->offsets_size = (gsize) MAX (pool->n_codes, 1) * sizeof (guint32);
  pool->offsets = hk_big_shrink (pool->offsets, pool->offsets_size);
  g_clear_pointer (&pool->slots, hk_big_free);
  pool->n_slots = 0;
}

gsize
hk_str_pool_get_memory (const HkStrPool *pool)
{
  return sizeof *pool + pool->arena_len + (gsize) pool->n_codes * sizeof (guint32) +
         (gsize) pool->n_slots * sizeof (Slot);
}

HkStrPool *
hk_str_pool_new_borrowed (const char    *arena,
                          gsize          arena_len,
                          const guint32 *offsets,
                          guint          n_codes,
                          gboolean       frozen,
                          GError       **error)
{
  HkStrPool *pool;

  /* Every string must end inside the arena: offsets rise, and the byte
   * before each next offset (and the arena's last) is a NUL. Code 0 is "". */
  if (n_codes == 0 || arena_len == 0 || arena_len > G_MAXUINT32 || offsets[0] != 0 || arena[0] != '\0' ||
      arena[arena_len - 1] != '\0')
    goto bad;
  for (guint c = 1; c < n_codes; c++)
    if (offsets[c] <= offsets[c - 1] || offsets[c] >= arena_len || arena[offsets[c] - 1] != '\0')
      goto bad;

  pool = g_new0 (HkStrPool, 1);
  pool->arena = (char *) arena;
  pool->arena_len = pool->arena_size = arena_len;
  pool->offsets = (guint32 *) offsets;
  pool->offsets_size = (gsize) n_codes * sizeof (guint32);
  pool->n_codes = n_codes;
  pool->borrowed = TRUE;
  if (!frozen)
    thaw (pool);
  return pool;

bad:
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "string pool out of bounds");
  return NULL;
}

void
hk_str_pool_get_data (const HkStrPool  *pool,
                      const char      **arena,
                      gsize            *arena_len,
                      const guint32   **offsets)
{
  *arena = pool->arena;
  *arena_len = pool->arena_len;
  *offsets = pool->offsets;
}

gboolean
hk_str_pool_is_frozen (const HkStrPool *pool)
{
  return pool->slots == NULL;
}
