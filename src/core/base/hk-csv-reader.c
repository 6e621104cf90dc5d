/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkCore"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <glib/gi18n.h>

#include "hk-csv-reader-private.h"

#define BLOCK_SIZE      ((gsize) 1 << 20)
#define MAX_RECORD      ((gsize) 64 << 20)
/* Zeroed bytes after the data: room for the NUL ending a last field that has
 * no line end, and for chunk loads that run past the data. */
#define PADDING         64
#define NO_OFFSET       G_MAXSIZE
#define CHUNK           64     /* bytes classified at a time */

enum {
  FIELD_QUOTED  = 1 << 0,
  FIELD_COMPLEX = 1 << 1, /* doubled quotes, or text after the closing quote */
  FIELD_HIGH    = 1 << 2, /* has bytes >= 0x80: validate as UTF-8 */
};

/* start is from the start of the record. */
typedef HkCsvField Field;

/* The state of scanning a record, kept when the buffer ends inside it so that
 * reading more data only costs scanning the new bytes. Offsets are from the
 * start of the record, which moves when the buffer is refilled. */
typedef struct {
  gsize    at;          /* where to go on */
  gsize    field;       /* start of the current field */
  guint    flags;       /* of the current field */
  guint    all_flags;   /* of all fields so far */
  gboolean quoted;      /* inside the current field's quotes */
  guint64  newlines;    /* line ends inside quoted fields */
  gsize    nul;         /* first NUL byte, or NO_OFFSET */
  gsize    end;         /* the record: end of its last field */
  gsize    next;        /* after its line end */
} Scan;

struct _HkCsvReader {
  int           fd;           /* path readers; -1 otherwise */
  guint64       fd_left;      /* bytes of the file as it was when opened, still to read */
  GInputStream *stream;       /* stream readers */
  const char   *data;         /* data readers: borrowed */
  gsize         data_len;
  gsize         data_pos;

  char         *buf;
  gsize         buf_size;     /* capacity, not counting PADDING */
  gsize         buf_len;      /* bytes of data in buf */
  gsize         pos;          /* first byte not parsed yet */
  goffset       buf_offset;   /* file offset of buf[0] */
  gsize         read_size;
  gsize         max_record;
  goffset       end;          /* -1: end of file */
  gboolean      eof;
  gboolean      at_start;     /* a BOM may follow */
  gboolean      finished;     /* after a fatal error */

  guint64       line;         /* line of buf[pos] */
  guint64       record_line;
  Scan          scan;
  gsize         chunk;        /* the chunk where the last record ended, or NO_OFFSET */
  guint64       chunk_mask;   /* its bytes left to visit */
  guint64       chunk_high;

  char         *record;       /* the current record's first byte */
  Field        *fields;
  guint         n_fields;
  guint         fields_size;
};

/* What scan_record() found about the record starting at pos. */
typedef enum {
  SCAN_RECORD,
  SCAN_MORE,          /* the record does not end in the buffer: read on */
  SCAN_UNTERMINATED,
} ScanResult;

G_DEFINE_QUARK (hk-csv-error-quark, hk_csv_error)

#ifdef __SSE2__
/* Bit i set when p[i] may matter to the parser: ',', '"', a control
 * character up to '\r' (NUL, LF and CR among them) or a byte >= 0x80 (signed,
 * so below 0x0e too). *high gets the bytes >= 0x80. */
static inline guint64
special_mask (const guchar *p,
              guint64      *high)
{
  const __m128i controls = _mm_set1_epi8 (0x0e);
  const __m128i comma = _mm_set1_epi8 (',');
  const __m128i quote = _mm_set1_epi8 ('"');
  guint64 mask = 0, hi = 0;

  for (guint i = 0; i < CHUNK / 16; i++)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (p + 16 * i));
      __m128i m = _mm_or_si128 (_mm_cmplt_epi8 (v, controls),
                                _mm_or_si128 (_mm_cmpeq_epi8 (v, comma),
                                              _mm_cmpeq_epi8 (v, quote)));

      mask |= (guint64) (guint) _mm_movemask_epi8 (m) << (16 * i);
      hi |= (guint64) (guint) _mm_movemask_epi8 (v) << (16 * i);
    }
  *high = hi;
  return mask;
}
#else
static const guint8 special_bytes[256] = {
  [0x00 ... 0x0d] = 1, [','] = 1, ['"'] = 1, [0x80 ... 0xff] = 1,
};

static inline guint64
special_mask (const guchar *p,
              guint64      *high)
{
  guint64 mask = 0, hi = 0;

  for (guint i = 0; i < CHUNK; i++)
    {
      mask |= (guint64) special_bytes[p[i]] << i;
      hi |= (guint64) (p[i] >> 7) << i;
    }
  *high = hi;
  return mask;
}
#endif

/* The mask of the CHUNK bytes at p, of which only avail exist. */
static inline guint64
load_chunk (const guchar *p,
            gsize         avail,
            guint64      *high)
{
  guint64 mask = special_mask (p, high);

  if (avail < CHUNK)
    {
      guint64 valid = (G_GUINT64_CONSTANT (1) << avail) - 1;

      mask &= valid;
      *high &= valid;
    }
  return mask;
}

/* Makes room for the fields a chunk can end, and one more. */
static G_GNUC_NO_INLINE Field *
grow_fields (HkCsvReader *self,
             guint        n_fields)
{
  while (self->fields_size - n_fields <= CHUNK)
    self->fields_size = MAX (2 * CHUNK, self->fields_size * 2);
  self->fields = g_renew (Field, self->fields, self->fields_size);
  return self->fields;
}

/* A quote, CR or LF inside a quoted field: a doubled quote is one quote
 * (skip its second half), a lone one closes the field, a line end counts.
 * Returns whether the field is still quoted. Inlined: scan_record() is the
 * reader's hot loop. */
static inline __attribute__ ((always_inline)) gboolean
scan_quoted_byte (Scan         *s,
                  const guchar *b,
                  gsize         p,
                  gsize         n,
                  guint         bit,
                  guint64      *mask,
                  gsize        *next_chunk,
                  guint        *flags)
{
  guchar c = b[p];

  if (c == '"' && p + 1 < n && b[p + 1] == '"')
    {
      *flags |= FIELD_COMPLEX;
      if (bit == CHUNK - 1)
        *next_chunk = p + 2;
      else
        *mask &= ~(G_GUINT64_CONSTANT (2) << bit);
    }
  else if (c == '"')
    {
      if (p + 1 < n && b[p + 1] != ',' && b[p + 1] != '\n' && b[p + 1] != '\r')
        *flags |= FIELD_COMPLEX;
      return FALSE;
    }
  else if (c == '\n' || (c == '\r' && (p + 1 == n || b[p + 1] != '\n')))
    s->newlines++;
  return TRUE;
}

/* Finds the fields of the record at pos, going on from where self->scan
 * stopped. The buffer is left as it is, so that a record the buffer cuts
 * short can be resumed after reading more.
 *
 * The loop visits only the bytes special_mask() marks, 64 at a time. The
 * chunk holding the end of a record is kept: the next record usually starts
 * in it. */
static ScanResult
scan_record (HkCsvReader *self)
{
  Scan *s = &self->scan;
  guchar *b = (guchar *) self->buf;
  const gsize base = self->pos, n = self->buf_len;
  const gboolean eof = self->eof;
  gsize field = base + s->field, chunk, next_chunk, at = n;
  gboolean quoted = s->quoted;
  guint flags = s->flags;
  Field *fields = self->fields;
  guint n_fields = self->n_fields;
  guint64 mask = 0, high = 0;
  ScanResult result = SCAN_MORE;

  /* A field ends in place at once (bytes already visited are not looked at
   * again); a quoted one is cut short later by finish_record(). */
#define PUSH_FIELD(end) G_STMT_START {                                         \
    fields[n_fields++] = (Field) { field - base, (guint32) ((end) - field), flags }; \
    b[end] = '\0';                                                            \
  } G_STMT_END

  if (s->at == 0 && self->chunk != NO_OFFSET && base >= self->chunk && base - self->chunk < CHUNK)
    {
      chunk = self->chunk;
      mask = self->chunk_mask & (~G_GUINT64_CONSTANT (0) << (base - chunk));
      high = self->chunk_high;
    }
  else
    {
      chunk = base + s->at;
      if (chunk < n)
        mask = load_chunk (b + chunk, n - chunk, &high);
    }
  next_chunk = MIN (chunk + CHUNK, n);

  for (;;)
    {
      if (G_UNLIKELY (self->fields_size - n_fields <= CHUNK))
        fields = grow_fields (self, n_fields);

      while (mask)
        {
          guint bit = (guint) __builtin_ctzll (mask);
          gsize p = chunk + bit;
          guchar c = b[p];

          mask &= mask - 1;

          /* The common case first: a separator outside quotes. */
          if (!quoted && c == ',')
            {
              PUSH_FIELD (p);
              field = p + 1;
              flags = 0;
              continue;
            }
          if (!quoted && c == '\n')
            {
              PUSH_FIELD (p);
              s->end = p - base;
              s->next = p + 1 - base;
              goto record;
            }

          if (c >= 0x80)
            {
              /* One flag is enough: skip the rest of this run of non-ASCII
               * bytes, up to the next byte that matters. */
              guint64 rest = mask & ~high;

              flags |= FIELD_HIGH;
              s->all_flags |= FIELD_HIGH;
              mask &= ~(high & ((rest & -rest) - 1));
              continue;
            }
          if (c == '\0')
            {
              s->nul = MIN (s->nul, p - base);
              continue;
            }
          /* A quote or CR needs the next byte to be understood. */
          if (p + 1 == n && !eof && (c == '"' || c == '\r'))
            {
              at = p;
              goto out;
            }

          if (quoted)
            quoted = scan_quoted_byte (s, b, p, n, bit, &mask, &next_chunk, &flags);
          else if (c == '"')
            {
              /* Only a quote that opens a field quotes it; others are text. */
              if (p == field)
                {
                  quoted = TRUE;
                  flags |= FIELD_QUOTED;
                  s->all_flags |= FIELD_QUOTED;
                }
            }
          else if (c == '\r')
            {
              PUSH_FIELD (p);
              s->end = p - base;
              s->next = p + 1 + (p + 1 < n && b[p + 1] == '\n') - base;
              goto record;
            }
          /* Any other control character is plain text. */
        }

      if (next_chunk >= n)
        break;
      chunk = next_chunk;
      mask = load_chunk (b + chunk, n - chunk, &high);
      next_chunk = MIN (chunk + CHUNK, n);
    }

  if (eof)
    {
      if (quoted)
        result = SCAN_UNTERMINATED;
      else
        {
          PUSH_FIELD (n);
          s->end = s->next = n - base;
          goto record;
        }
    }

out:
  s->at = at - base;
  s->field = field - base;
  s->flags = flags;
  s->quoted = quoted;
  self->n_fields = n_fields;
  self->chunk = NO_OFFSET;
  return result;

record:
  self->n_fields = n_fields;
  self->chunk = chunk;
  self->chunk_mask = mask;
  self->chunk_high = high;
  return SCAN_RECORD;

#undef PUSH_FIELD
}

/* Line and 1-based character column of offset target in the record at pos. */
static void
locate (HkCsvReader *self,
        gsize        target,
        guint64     *line,
        guint64     *column)
{
  const char *b = self->buf + self->pos;
  gsize line_start = 0;

  *line = self->line;
  for (gsize p = 0; p < target; p++)
    if (b[p] == '\n' || (b[p] == '\r' && b[p + 1] != '\n'))
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = 1;
  for (gsize p = line_start; p < target; p++)
    if (((guchar) b[p] & 0xc0) != 0x80)
      (*column)++;
}

static void
set_error_at (GError         **error,
              HkCsvErrorCode   code,
              guint64          line,
              guint64          column,
              const char      *message)
{
  g_set_error (error, HK_CSV_ERROR, code,
               "%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ": %s",
               line, column, message);
}

static HkCsvStatus
fail (HkCsvReader     *self,
      GError         **error,
      HkCsvErrorCode   code,
      guint64          column,
      const char      *message)
{
  set_error_at (error, code, self->line, column, message);
  self->finished = TRUE;
  self->n_fields = 0;
  return HK_CSV_FATAL;
}

/* Turns the quoted fields into NUL-terminated, unescaped strings in place,
 * once the record is known to be good. */
static void
unescape_fields (HkCsvReader *self)
{
  for (guint i = 0; i < self->n_fields; i++)
    {
      Field *f = &self->fields[i];
      char *field = self->record + f->start;

      if (!(f->flags & FIELD_QUOTED))
        continue;
      if (f->flags & FIELD_COMPLEX)
        {
          const char *r = field + 1, *end = field + f->len;
          char *w = field;
          gboolean quoted = TRUE;

          while (r < end)
            {
              if (quoted && *r == '"' && r + 1 < end && r[1] == '"')
                {
                  *w++ = '"';
                  r += 2;
                }
              else if (quoted && *r == '"')
                {
                  quoted = FALSE;
                  r++;
                }
              else
                *w++ = *r++;
            }
          f->len = (guint32) (w - field);
        }
      else
        {
          f->start++;
          f->len -= 2;
        }
      self->record[f->start + f->len] = '\0';
    }
}

static HkCsvStatus
finish_record (HkCsvReader *self,
               GError     **error)
{
  const Scan *s = &self->scan;
  gsize bad = s->nul;
  HkCsvErrorCode code = HK_CSV_ERROR_NUL_BYTE;
  HkCsvStatus status = HK_CSV_RECORD;

  if (s->end > self->max_record)
    return fail (self, error, HK_CSV_ERROR_RECORD_TOO_LARGE, 1, _("record larger than 64 MiB"));

  self->record = self->buf + self->pos;
  for (guint i = 0; (s->all_flags & FIELD_HIGH) && bad == NO_OFFSET && i < self->n_fields; i++)
    {
      const Field *f = &self->fields[i];
      const char *end;

      if ((f->flags & FIELD_HIGH) && !g_utf8_validate_len (self->record + f->start, f->len, &end))
        {
          bad = (gsize) (end - self->record);
          code = HK_CSV_ERROR_INVALID_UTF8;
        }
    }

  if (bad != NO_OFFSET)
    {
      guint64 line, column;

      locate (self, bad, &line, &column);
      set_error_at (error, code, line, column,
                    code == HK_CSV_ERROR_NUL_BYTE ? _("NUL byte") : _("invalid UTF-8"));
      self->n_fields = 0;
      status = HK_CSV_BAD_RECORD;
    }
  else if (s->all_flags & FIELD_QUOTED)
    unescape_fields (self);

  self->record_line = self->line;
  /* A last line without a line end counts as read too. */
  self->line += s->newlines + 1;
  self->pos += s->next;
  return status;
}

static gssize
read_source (HkCsvReader *self,
             char        *dest,
             gsize        count,
             GError     **error)
{
  if (self->stream != NULL)
    return g_input_stream_read (self->stream, dest, count, NULL, error);

  if (self->fd >= 0)
    {
      gssize n;

      /* What a writer appends while we read is not part of this snapshot. */
      count = MIN (count, self->fd_left);
      if (count == 0)
        return 0;
      do
        n = read (self->fd, dest, count);
      while (n < 0 && errno == EINTR);
      if (n > 0)
        self->fd_left -= n;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
        }
      return n;
    }

  count = MIN (count, self->data_len - self->data_pos);
  if (count > 0)
    memcpy (dest, self->data + self->data_pos, count);
  self->data_pos += count;
  return (gssize) count;
}

/* Reads more data after the unparsed bytes, which move to the start of the
 * buffer; the buffer grows only when they fill it. */
static gboolean
fill (HkCsvReader *self,
      GError     **error)
{
  gsize keep = self->buf_len - self->pos;
  gssize n;

  self->chunk = NO_OFFSET;
  if (self->pos > 0)
    {
      memmove (self->buf, self->buf + self->pos, keep);
      self->buf_offset += (goffset) self->pos;
      self->buf_len = keep;
      self->pos = 0;
    }
  if (self->buf == NULL || self->buf_len == self->buf_size)
    {
      if (self->buf != NULL)
        self->buf_size = MAX (self->buf_size + 1, MIN (self->buf_size * 2, self->max_record + 2));
      self->buf = g_realloc (self->buf, self->buf_size + PADDING);
    }

  n = read_source (self, self->buf + self->buf_len,
                   MIN (self->buf_size - self->buf_len, self->read_size), error);
  if (n < 0)
    return FALSE;
  self->eof = n == 0;
  self->buf_len += (gsize) n;
  memset (self->buf + self->buf_len, 0, PADDING);
  return TRUE;
}

static HkCsvReader *
reader_new (gsize size_hint)
{
  HkCsvReader *self = g_new0 (HkCsvReader, 1);

  self->fd = -1;
  self->end = -1;
  self->chunk = NO_OFFSET;
  self->line = 1;
  self->at_start = TRUE;
  self->read_size = BLOCK_SIZE;
  /* No need for a whole block to read a small file. */
  self->buf_size = CLAMP (size_hint, CHUNK, BLOCK_SIZE);
  self->max_record = MAX_RECORD;
  return self;
}

HkCsvReader *
hk_csv_reader_new_for_path (const char  *path,
                            GError     **error)
{
  return hk_csv_reader_new_for_path_range (path, 0, -1, error);
}

HkCsvReader *
hk_csv_reader_new_for_path_range (const char  *path,
                                  goffset      start,
                                  goffset      end,
                                  GError     **error)
{
  g_autoptr(HkCsvReader) self = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (start >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Non-blocking, so that a FIFO under a table's name cannot hang the import
   * before it is refused below. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), name, g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_autofree char *name = g_filename_display_name (path);

      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Could not read “%s”: not a regular file"), name);
      return NULL;
    }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  self = reader_new (st.st_size >= start ? (gsize) (st.st_size - start) + 1 : BLOCK_SIZE);
  self->fd = fd;
  self->fd_left = (guint64) MAX (st.st_size - MAX (start - 1, 0), 0);
  self->end = end;
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif

  if (start > 0)
    {
      /* Move start to the next line start (it may already be one). */
      self->at_start = FALSE;
      if (lseek (fd, start - 1, SEEK_SET) < 0)
        {
          int saved_errno = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return NULL;
        }
      self->buf_offset = start - 1;
      for (;;)
        {
          const char *nl = self->pos < self->buf_len
                           ? memchr (self->buf + self->pos, '\n', self->buf_len - self->pos)
                           : NULL;

          if (nl != NULL)
            {
              self->pos = (gsize) (nl - self->buf) + 1;
              break;
            }
          self->pos = self->buf_len;
          if (self->eof)
            break;
          if (!fill (self, error))
            return NULL;
        }
    }
  return g_steal_pointer (&self);
}

HkCsvReader *
hk_csv_reader_new_for_data (const char *data,
                            gsize       len)
{
  HkCsvReader *self;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  self = reader_new (len);
  self->data = data;
  self->data_len = len;
  return self;
}

HkCsvReader *
hk_csv_reader_new_for_stream (GInputStream *stream)
{
  HkCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = reader_new (BLOCK_SIZE);
  self->stream = g_object_ref (stream);
  return self;
}

void
hk_csv_reader_free (HkCsvReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->fd >= 0)
    close (reader->fd);
  g_clear_object (&reader->stream);
  g_free (reader->buf);
  g_free (reader->fields);
  g_free (reader);
}

void
hk_csv_reader_set_end (HkCsvReader *reader,
                       goffset      end)
{
  g_return_if_fail (reader != NULL);

  reader->end = end;
}

void
hk_csv_reader_set_block_size (HkCsvReader *reader,
                              gsize        size)
{
  gsize keep;

  g_return_if_fail (reader != NULL);
  g_return_if_fail (size > 0);

  keep = reader->buf_len - reader->pos;
  reader->chunk = NO_OFFSET;
  if (keep > 0)
    memmove (reader->buf, reader->buf + reader->pos, keep);
  reader->buf_offset += (goffset) reader->pos;
  reader->buf_len = keep;
  reader->pos = 0;
  reader->buf_size = MAX (size, keep);
  reader->buf = g_realloc (reader->buf, reader->buf_size + PADDING);
  memset (reader->buf + reader->buf_len, 0, PADDING);
  reader->read_size = size;
}

void
hk_csv_reader_set_max_record (HkCsvReader *reader,
                              gsize        size)
{
  g_return_if_fail (reader != NULL);

  reader->max_record = size;
}

HkCsvStatus
hk_csv_reader_next (HkCsvReader  *reader,
                    GError      **error)
{
  HkCsvReader *self = reader;
  gboolean scanning = FALSE;

  g_return_val_if_fail (reader != NULL, HK_CSV_END);
  g_return_val_if_fail (error == NULL || *error == NULL, HK_CSV_END);

  self->n_fields = 0;
  if (self->finished)
    return HK_CSV_END;

  for (;;)
    {
      gsize avail = self->buf_len - self->pos;
      g_autoptr(GError) local_error = NULL;

      if (self->end >= 0 && self->buf_offset + (goffset) self->pos >= self->end)
        return HK_CSV_END;

      if (self->at_start)
        {
          if (avail >= 3 || self->eof)
            {
              if (avail >= 3 && memcmp (self->buf + self->pos, "\xef\xbb\xbf", 3) == 0)
                self->pos += 3;
              self->at_start = FALSE;
              continue;
            }
        }
      else if (avail == 0)
        {
          if (self->eof)
            return HK_CSV_END;
        }
      else if (self->buf[self->pos] == '\n')
        {
          self->pos++;
          self->line++;
          continue;
        }
      else if (self->buf[self->pos] == '\r')
        {
          if (avail >= 2 || self->eof)
            {
              self->pos += 1 + (avail >= 2 && self->buf[self->pos + 1] == '\n');
              self->line++;
              continue;
            }
        }
      else
        {
          if (!scanning)
            {
              self->scan = (Scan) { .nul = NO_OFFSET };
              self->n_fields = 0;
              scanning = TRUE;
            }
          switch (scan_record (self))
            {
            case SCAN_RECORD:
              return finish_record (self, error);

            case SCAN_UNTERMINATED:
              {
                guint64 line, column;

                locate (self, self->scan.field, &line, &column);
                return fail (self, error, HK_CSV_ERROR_UNTERMINATED_QUOTE,
                             line == self->line ? column : 1,
                             _("unterminated quoted field"));
              }

            case SCAN_MORE:
              if (avail > self->max_record + 1)
                return fail (self, error, HK_CSV_ERROR_RECORD_TOO_LARGE, 1,
                             _("record larger than 64 MiB"));
              break;
            }
        }

      if (!fill (self, &local_error))
        {
          g_autofree char *message = g_strdup_printf (_("read error: %s"), local_error->message);

          return fail (self, error, HK_CSV_ERROR_IO, 1, message);
        }
    }
}

guint
hk_csv_reader_get_n_fields (HkCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->n_fields;
}

const char *
hk_csv_reader_get_field (HkCsvReader *reader,
                         guint        index,
                         gsize       *len)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (index < reader->n_fields, NULL);

  if (len != NULL)
    *len = reader->fields[index].len;
  return reader->record + reader->fields[index].start;
}

const char *
hk_csv_reader_get_record (HkCsvReader       *reader,
                          const HkCsvField **fields,
                          guint             *n_fields)
{
  *fields = reader->fields;
  *n_fields = reader->n_fields;
  return reader->record;
}

guint64
hk_csv_reader_get_line (HkCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->record_line;
}

goffset
hk_csv_reader_get_offset (HkCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->buf_offset + (goffset) reader->pos;
}

guint64
hk_csv_reader_get_lines_read (HkCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->line - 1;
}
