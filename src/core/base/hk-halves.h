/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A job split in two independent halves: func (second) on a new thread and
 * func (first) on this one, both cores at once, when parallel (the job is
 * large enough to pay for a thread); else both here. Returns when both are
 * done. */
static inline void
hk_run_halves (const char  *name,
               GThreadFunc  func,
               gpointer     first,
               gpointer     second,
               gboolean     parallel)
{
  GThread *thread = parallel ? g_thread_new (name, func, second) : NULL;

  func (first);
  if (thread != NULL)
    g_thread_join (thread);
  else
    func (second);
}

G_END_DECLS
