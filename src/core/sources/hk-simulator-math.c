/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "hk-simulator-private.h"

/* ---------------------------------------------------------------------- */
/* Logarithm, exponential, normal draws                                     */

/* Natural logarithm and exponential from +, -, *, / and exact libm calls, so
 * they give the same bits everywhere (about 1 ulp from the true value). */
static double
det_log (double x)
{
  int e;
  double m = frexp (x, &e); /* x = m * 2^e, m in [0.5, 1) */
  double f, s, s2, series;

  g_assert (x > 0);
  if (m < 0.70710678118654752)
    {
      m *= 2;
      e--;
    }
  f = m - 1;
  s = f / (2 + f);
  s2 = s * s;
  /* log(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), |s| < 0.172 */
  series = 1.0 / 23;
  for (int k = 21; k >= 1; k -= 2)
    series = 1.0 / k + s2 * series;
  return e * 0.69314718055994531 + 2 * s * series;
}

double
_hk_sim_det_exp (double x)
{
  double k, r, sum;

  if (x > 700)
    x = 700;
  if (x < -700)
    x = -700;
  k = floor (x * 1.4426950408889634 + 0.5);
  r = (x - k * 0.693145751953125) - k * 1.4286068203094173e-06; /* ln 2, split */
  sum = 1;
  for (int n = 18; n >= 1; n--)
    sum = 1 + sum * r / n;
  return ldexp (sum, (int) k);
}

double
_hk_sim_det_pow (double base,
                 double exponent)
{
  return _hk_sim_det_exp (exponent * det_log (base));
}

/* Standard normal (Marsaglia's polar method: only log and sqrt). */
static double
rng_gauss (HkRng *rng)
{
  double u, v, s;

  do
    {
      u = 2 * rng_uniform (rng) - 1;
      v = 2 * rng_uniform (rng) - 1;
      s = u * u + v * v;
    }
  while (s >= 1 || s == 0);
  return u * sqrt (-2 * det_log (s) / s);
}

double
_hk_sim_rng_lognormal (HkRng  *rng,
                       double  mu,
                       double  sigma)
{
  return _hk_sim_det_exp (mu + sigma * rng_gauss (rng));
}

/* ---------------------------------------------------------------------- */
/* Largest remainder                                                        */

typedef struct {
  double fraction;
  guint  index;
} Remainder;

static int
compare_remainders (gconstpointer a,
                    gconstpointer b)
{
  const Remainder *ra = a, *rb = b;

  if (ra->fraction != rb->fraction)
    return ra->fraction > rb->fraction ? -1 : 1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

/* Splits total into integers proportional to weights (largest remainder),
 * none above its cap (caps may be NULL). The caps must allow the total. */
void
_hk_sim_apportion (guint64        total,
                   const double  *weights,
                   const guint64 *caps,
                   guint          n,
                   guint64       *out)
{
  g_autofree guint8 *fixed = g_new0 (guint8, n);
  g_autofree Remainder *remainders = g_new (Remainder, n);
  guint64 remaining = total, assigned = 0;
  guint n_remainders = 0;
  gboolean capped;

  do
    {
      double weight_sum = 0;

      capped = FALSE;
      for (guint i = 0; i < n; i++)
        if (!fixed[i])
          weight_sum += weights[i];
      for (guint i = 0; i < n && weight_sum > 0; i++)
        if (!fixed[i] && caps && (double) remaining * (weights[i] / weight_sum) > (double) caps[i])
          {
            out[i] = caps[i];
            fixed[i] = TRUE;
            remaining -= caps[i];
            capped = TRUE;
          }
      if (!capped)
        {
          for (guint i = 0; i < n; i++)
            {
              double ideal;

              if (fixed[i])
                continue;
              ideal = weight_sum > 0 ? (double) remaining * (weights[i] / weight_sum) : 0;
              out[i] = (guint64) floor (ideal);
              if (caps && out[i] > caps[i])
                out[i] = caps[i];
              if (weights[i] > 0)
                remainders[n_remainders++] = (Remainder) { ideal - floor (ideal), i };
            }
        }
    }
  while (capped);

  for (guint i = 0; i < n; i++)
    assigned += out[i];
  qsort (remainders, n_remainders, sizeof (Remainder), compare_remainders);
  for (guint r = 0; r < n_remainders && assigned < total; r++)
    {
      guint i = remainders[r].index;

      if (!caps || out[i] < caps[i])
        {
          out[i]++;
          assigned++;
        }
    }
  /* Rounding slack: round robin over whatever still has room. */
  while (assigned < total)
    {
      gboolean progressed = FALSE;

      for (guint i = 0; i < n && assigned < total; i++)
        if ((weights[i] > 0 || caps) && (!caps || out[i] < caps[i]))
          {
            out[i]++;
            assigned++;
            progressed = TRUE;
          }
      g_assert (progressed);
    }
  while (assigned > total)
    for (guint i = n; i-- > 0 && assigned > total;)
      if (out[i] > 0)
        {
          out[i]--;
          assigned--;
        }
}
