/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>

#include "hk-export-advice.h"

const char *
hk_export_advice (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_PERMISSION_DENIED:
      case G_IO_ERROR_READ_ONLY:
        return _("This folder cannot be written to. Export again and choose a folder of your own, such as Documents.");
      case G_IO_ERROR_NO_SPACE:
        return _("The disk is full. Free some space, or export again to another drive.");
      case G_IO_ERROR_NOT_FOUND:
        return _("The folder is gone (a drive removed?). Export again and choose another folder.");
      case G_IO_ERROR_IS_DIRECTORY:
      case G_IO_ERROR_NOT_REGULAR_FILE:
        return _("A folder or a special file already has that name. Export again with another name.");
      case G_IO_ERROR_FILENAME_TOO_LONG:
      case G_IO_ERROR_INVALID_FILENAME:
        return _("The file name cannot be used here. Export again with a shorter, plainer name.");
      default:
        break;
      }
  return _("Try again, or export to another folder.");
}
