/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "hk-str-pool.h"

G_BEGIN_DECLS

static inline guint64
read64 (const char *p)
{
  guint64 v;
  memcpy (&v, p, sizeof v);
  return v;
}

static inline guint32
read32 (const char *p)
{
  guint32 v;
  memcpy (&v, p, sizeof v);
  return v;
}

/* Eight bytes at a time with a multiply-xorshift mix. */
static inline guint32
hk_str_pool_hash (const char *s,
            gsize       len)
{
  guint64 h = 0x9e3779b97f4a7c15ull ^ len;

  for (; len >= 8; s += 8, len -= 8)
    {
      h = (h ^ read64 (s)) * 0xff51afd7ed558ccdull;
      h ^= h >> 32;
    }
  if (len >= 4)
    h = (h ^ (((guint64) read32 (s) << 32) | read32 (s + len - 4))) * 0xc4ceb9fe1a85ec53ull;
  else if (len > 0)
    h = (h ^ (((guint64) (guchar) s[0] << 16) | ((guint64) (guchar) s[len / 2] << 8) |
              (guchar) s[len - 1])) * 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  return (guint32) h;
}

G_END_DECLS
