/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hk-csv-writer.h"
#include "hk-file-writer.h"

/* Output is buffered so that GIO is called once per 64 KiB, not per cell. */
#define BUFFER_SIZE (64 * 1024)

struct _HkCsvWriter {
  GOutputStream *stream;      /* stream writers */
  HkFileWriter  *file;        /* file writers */
  gboolean       owns_file;   /* not a member of a set */
  gboolean       closed;
  GError        *error;       /* the first error; later output is dropped */
  guint          n_cells;     /* in the current row */
  gboolean       cell_empty;  /* the last cell has no text */
  gboolean       quote_all;   /* hk_csv_writer_set_style() */
  gboolean       crlf;
  gsize          len;
  char           buf[BUFFER_SIZE];
};

static void
write_out (HkCsvWriter *self,
           const char  *data,
           gsize        len)
{
  if (self->error != NULL)
    return;
  if (self->file != NULL)
    hk_file_writer_write (self->file, data, len, &self->error);
  else
    g_output_stream_write_all (self->stream, data, len, NULL, NULL, &self->error);
}

static void
flush (HkCsvWriter *self)
{
  if (self->len > 0)
    write_out (self, self->buf, self->len);
  self->len = 0;
}

static void
put (HkCsvWriter *self,
     const char  *data,
     gsize        len)
{
  if (len > BUFFER_SIZE - self->len)
    {
      flush (self);
      if (len >= BUFFER_SIZE)
        {
          write_out (self, data, len);
          return;
        }
    }
  memcpy (self->buf + self->len, data, len);
  self->len += len;
}

static inline void
put_char (HkCsvWriter *self,
          char         c)
{
  if (self->len == BUFFER_SIZE)
    flush (self);
  self->buf[self->len++] = c;
}

static void
begin_cell (HkCsvWriter *self)
{
  if (self->n_cells++ > 0)
    put_char (self, ',');
  self->cell_empty = TRUE;
}

/* A cell's text that needs no quotes (a number), quoted all the same in the
 * quote-all style. */
static void
put_plain (HkCsvWriter *self,
           const char  *text,
           gsize        len)
{
  self->cell_empty = FALSE;
  if (self->quote_all)
    put_char (self, '"');
  put (self, text, len);
  if (self->quote_all)
    put_char (self, '"');
}

/* Writes value into out (at least 21 bytes) and returns its length. */
static gsize
format_int (gint64  value,
            char   *out)
{
  char digits[20];
  guint64 u = value < 0 ? -(guint64) value : (guint64) value;
  gsize n = 0, len = 0;

  do
    {
      digits[n++] = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u > 0);
  if (value < 0)
    out[len++] = '-';
  while (n > 0)
    out[len++] = digits[--n];
  out[len] = '\0';
  return len;
}

/* [+-] digits [. digits] [e [+-] digits], or with the digits after the point. */
static gboolean
is_plain_number (const char *text,
                 gsize       len)
{
  gsize i = 0, digits = 0;

  if (i < len && (text[i] == '+' || text[i] == '-'))
    i++;
  for (; i < len && g_ascii_isdigit (text[i]); i++)
    digits++;
  if (i < len && text[i] == '.')
    for (i++; i < len && g_ascii_isdigit (text[i]); i++)
      digits++;
  if (digits == 0)
    return FALSE;
  if (i < len && (text[i] == 'e' || text[i] == 'E'))
    {
      gsize exponent_digits = 0;

      i++;
      if (i < len && (text[i] == '+' || text[i] == '-'))
        i++;
      for (; i < len && g_ascii_isdigit (text[i]); i++)
        exponent_digits++;
      if (exponent_digits == 0)
        return FALSE;
    }
  return i == len;
}

/* Spreadsheets run a cell starting with one of these as a formula. */
static gboolean
needs_formula_guard (const char *text,
                     gsize       len)
{
  switch (text[0])
    {
    case '=': case '+': case '-': case '@': case '\t': case '\r':
      return !is_plain_number (text, len);
    default:
      return FALSE;
    }
}

static gboolean
needs_quotes (const char *text,
              gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (text[i] == ',' || text[i] == '"' || text[i] == '\n' || text[i] == '\r')
      return TRUE;
  return FALSE;
}

HkCsvWriter *
hk_csv_writer_new_for_path (const char  *path,
                            GError     **error)
{
  HkFileWriter *file;
  HkCsvWriter *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = hk_file_writer_new (path, error);
  if (file == NULL)
    return NULL;
  self = hk_csv_writer_new_for_file_writer (file);
  self->owns_file = TRUE;
  return self;
}

HkCsvWriter *
hk_csv_writer_new_for_file_writer (HkFileWriter *file)
{
  HkCsvWriter *self;

  g_return_val_if_fail (file != NULL, NULL);

  self = g_new0 (HkCsvWriter, 1);
  self->file = file;
  return self;
}

HkCsvWriter *
hk_csv_writer_new_for_stream (GOutputStream *stream)
{
  HkCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_new0 (HkCsvWriter, 1);
  self->stream = g_object_ref (stream);
  return self;
}

void
hk_csv_writer_add_text (HkCsvWriter *writer,
                        const char  *text)
{
  hk_csv_writer_add_text_len (writer, text, text != NULL ? strlen (text) : 0);
}

void
hk_csv_writer_add_text_len (HkCsvWriter *writer,
                            const char  *text,
                            gsize        len)
{
  gboolean guard, quote;

  g_return_if_fail (writer != NULL);
  g_return_if_fail (!writer->closed);

  begin_cell (writer);
  if (text == NULL || len == 0)
    {
      if (writer->quote_all)
        put (writer, "\"\"", 2);
      return;
    }

  writer->cell_empty = FALSE;
  guard = needs_formula_guard (text, len);
  quote = writer->quote_all || needs_quotes (text, len);
  if (quote)
    put_char (writer, '"');
  if (guard)
    put_char (writer, '\'');
  if (!quote)
    {
      put (writer, text, len);
      return;
    }
  for (const char *end = text + len, *q; text < end; text = q + 1)
    {
      q = memchr (text, '"', (gsize) (end - text));
      if (q == NULL)
        {
          put (writer, text, (gsize) (end - text));
          break;
        }
      put (writer, text, (gsize) (q - text) + 1);
      put_char (writer, '"');
    }
  put_char (writer, '"');
}

void
hk_csv_writer_add_double (HkCsvWriter *writer,
                          double       value)
{
  char text[32];

  g_return_if_fail (writer != NULL);
  g_return_if_fail (!writer->closed);

  begin_cell (writer);
  if (hk_format_double_roundtrip (value, text))
    put_plain (writer, text, strlen (text));
  else if (writer->quote_all)
    put (writer, "\"\"", 2);
}

void
hk_csv_writer_add_int (HkCsvWriter *writer,
                       gint64       value)
{
  char text[24];

  g_return_if_fail (writer != NULL);
  g_return_if_fail (!writer->closed);

  begin_cell (writer);
  put_plain (writer, text, format_int (value, text));
}

void
hk_csv_writer_add_empty (HkCsvWriter *writer)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (!writer->closed);

  begin_cell (writer);
  if (writer->quote_all)
    put (writer, "\"\"", 2);
}

void
hk_csv_writer_set_style (HkCsvWriter *writer,
                         gboolean     quote_all,
                         gboolean     crlf)
{
  g_return_if_fail (writer != NULL);

  writer->quote_all = quote_all;
  writer->crlf = crlf;
}

/* Rows end with "\n" alone: RFC 4180 asks for CRLF, but every reader takes
 * LF, and LF keeps files byte-identical with what the Python scripts wrote. */
void
hk_csv_writer_end_row (HkCsvWriter *writer)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (!writer->closed);

  /* A row of one empty cell would be a blank line, which readers skip. */
  if (writer->n_cells == 1 && writer->cell_empty && !writer->quote_all)
    put (writer, "\"\"", 2);
  if (writer->crlf)
    put_char (writer, '\r');
  put_char (writer, '\n');
  writer->n_cells = 0;
}

void
hk_csv_writer_add_row (HkCsvWriter *writer,
                       const char  *first,
                       ...)
{
  va_list args;

  g_return_if_fail (writer != NULL);

  va_start (args, first);
  for (const char *text = first; text != NULL; text = va_arg (args, const char *))
    hk_csv_writer_add_text (writer, text);
  va_end (args);
  hk_csv_writer_end_row (writer);
}

gboolean
hk_csv_writer_close (HkCsvWriter   *writer,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!writer->closed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer->closed = TRUE;
  flush (writer);
  if (writer->file != NULL)
    {
      /* Closed even after a write error (which the file writer keeps):
       * that removes the temporary file. */
      hk_file_writer_close (writer->file, cancellable,
                            writer->error == NULL ? &writer->error : NULL);
    }
  else if (writer->error == NULL)
    g_output_stream_flush (writer->stream, cancellable, &writer->error);

  if (writer->error != NULL)
    {
      g_propagate_error (error, g_error_copy (writer->error));
      return FALSE;
    }
  return TRUE;
}

void
hk_csv_writer_free (HkCsvWriter *writer)
{
  if (writer == NULL)
    return;

  /* An unclosed file writer removes its temporary file; a set's member is
   * left to its set. */
  if (writer->owns_file)
    hk_file_writer_free (writer->file);
  g_clear_object (&writer->stream);
  g_clear_error (&writer->error);
  g_free (writer);
}

/* Number formatting ------------------------------------------------------ */

#define TWO_53 9007199254740992.0

/* The exact shortest-digits path needs 128-bit integers (GCC and Clang on
 * 64-bit targets); elsewhere every fraction takes the printf path below. */
#ifdef __SIZEOF_INT128__
typedef unsigned __int128 u128;

#define E19 G_GUINT64_CONSTANT (10000000000000000000)

static const u128 powers_of_10[] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
  10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
  1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000,
  E19, (u128) E19 * 10, (u128) E19 * 100, (u128) E19 * 1000,
};

/* Whether a = f / 2^s, rounded to t digits after the point (*n / 10^t), reads
 * back as a: as printf would, n is rounded to nearest, ties to even, and must
 * lie within half a unit in the last place of a (a quarter below a power of
 * two, where the next double down is closer; ties go to even f). All of it
 * scaled by 10^t 2^s, exactly in 128-bit integers. */
static gboolean
reads_back (guint64   f,
            guint     s,
            guint     t,
            guint64  *n)
{
  const guint64 hidden = G_GUINT64_CONSTANT (1) << 52;
  u128 p10 = powers_of_10[t], num = (u128) f * p10;
  u128 rem, half = (u128) 1 << (s - 1), back, diff;
  gboolean below;

  *n = (guint64) (num >> s);
  rem = num - ((u128) *n << s);
  if (rem > half || (rem == half && (*n & 1)))
    (*n)++;

  back = (u128) *n << s;
  below = back < num;
  diff = below ? num - back : back - num;
  diff *= below && f == hidden ? 4 : 2;
  return diff < p10 || (diff == p10 && (f & 1) == 0);
}

/* The shortest decimal that reads back as a, for 2^-19 <= a < 2^52 not an
 * integer, as printf's "%.*g" with the fewest digits would give, but without
 * printf, strtod or their locale: a = f / 2^s, so a × 10^t = f × 10^t / 2^s
 * for t digits after the point. */
static void
format_fraction (double  a,
                 char   *out)
{
  const guint64 hidden = G_GUINT64_CONSTANT (1) << 52;
  guint64 bits, f, n;
  guint s, lo, hi;
  int e10 = -6;
  u128 p10 = powers_of_10[17], scaled;
  char digits[24];
  guint nd = 0, len = 0;
  int exponent;

  memcpy (&bits, &a, sizeof bits);
  f = (bits & (hidden - 1)) | hidden;
  s = 1075 - (guint) (bits >> 52);                  /* 1 to 71 here */

  /* a = d.dd… × 10^e10, e10 >= -6: a × 10^22 >= 10^(e10 + 22). Below, all
   * fits in 128 bits: f × 10^t < 2^53 × 10^22 < 2^127. */
  scaled = ((u128) f * powers_of_10[22]) >> s;
  for (; p10 <= scaled; p10 *= 10)
    e10++;

  /* Fewer digits would round a to an integer, never to a itself; 17
   * significant digits always read back. More digits read back whenever
   * fewer do, so a binary search finds the fewest, except at a power of two
   * (its lower half-gap is narrower), searched one by one. */
  lo = (guint) MAX (1, -e10);
  hi = (guint) (16 - e10);
  if (f == hidden)
    while (!reads_back (f, s, lo, &n))
      lo++;
  else
    {
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (reads_back (f, s, mid, &n))
            hi = mid;
          else
            lo = mid + 1;
        }
      reads_back (f, s, lo, &n);
    }

  /* n has lo digits after the point; printed like "%g" would. */
  for (; lo > 0 && n % 10 == 0; lo--)
    n /= 10;
  for (; n > 0; n /= 10)
    digits[nd++] = (char) ('0' + n % 10);
  exponent = (int) nd - 1 - (int) lo;
  if (exponent < -4)
    {
      out[len++] = digits[--nd];
      if (nd > 0)
        out[len++] = '.';
      while (nd > 0)
        out[len++] = digits[--nd];
      out[len++] = 'e';
      out[len++] = '-';
      out[len++] = (char) ('0' - exponent / 10);
      out[len++] = (char) ('0' - exponent % 10);
    }
  else
    {
      /* digits holds n backwards: pad it with zeros to before the point. */
      while (nd <= lo)
        digits[nd++] = '0';
      while (nd > 0)
        {
          out[len++] = digits[--nd];
          if (nd == lo && lo > 0)
            out[len++] = '.';
        }
    }
  out[len] = '\0';
}

#endif /* __SIZEOF_INT128__ */

static locale_t
c_locale (void)
{
  static gsize once;
  static locale_t locale;

  if (g_once_init_enter (&once))
    {
      locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      g_once_init_leave (&once, 1);
    }
  return locale;
}

gboolean
hk_format_double_roundtrip (double value,
                            char   buf[32])
{
  double a = fabs (value);
  gsize len = 0;

  if (!isfinite (value))
    {
      buf[0] = '\0';
      return FALSE;
    }

  if (a <= TWO_53 && a == floor (a))
    {
      /* Integers, -0 included, print as such, without an exponent. */
      format_int ((gint64) value, buf);
      return TRUE;
    }

  if (value < 0)
    buf[len++] = '-';
#ifdef __SIZEOF_INT128__
  if (a >= 0x1p-19 && a < TWO_53)
    {
      /* Money, ratios, shares: the common case, done without printf. */
      format_fraction (a, buf + len);
      return TRUE;
    }
#endif

  /* Rare magnitudes: the fewest digits printf gives that read back (more
   * digits read back whenever fewer do), in the C locale. */
  {
    locale_t old = uselocale (c_locale ());
    int lo = 1, hi = 17;

    while (lo < hi)
      {
        int mid = (lo + hi) / 2;

        snprintf (buf + len, 32 - len, "%.*g", mid, a);
        if (strtod (buf + len, NULL) == a)
          hi = mid;
        else
          lo = mid + 1;
      }
    snprintf (buf + len, 32 - len, "%.*g", lo, a);
    uselocale (old);
  }
  return TRUE;
}
