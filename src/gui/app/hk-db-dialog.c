/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "HkGui"

#include "config.h"

#include <glib/gi18n.h>

#include "hk-db-dialog.h"
#include "hk-keyring.h"
#include "hk-pg-source.h"
#include "hk-window-private.h"

enum { F_HOST, F_PORT, F_DB, F_USER, F_SCHEMA, N_FIELDS };

static const struct {
  const char *key;     /* GSettings */
  const char *keyword; /* libpq; NULL: not a connection parameter */
  const char *title;
} fields[N_FIELDS] = {
  { "db-host", "host", N_("Host") },
  { "db-port", "port", N_("Port") },
  { "db-name", "dbname", N_("Database") },
  { "db-user", "user", N_("User") },
  { "db-schema", NULL, N_("Schema") },
};

typedef struct {
  HkWindow     *window;
  GtkWindow    *dialog;
  GtkEditable  *entries[N_FIELDS];
  GtkEditable  *password;
  GtkSwitch    *remember;
  GtkLabel     *status;
  GtkWidget    *test_button;
  GCancellable *cancellable;
} Dialog;

static void
dialog_free (Dialog *d)
{
  g_cancellable_cancel (d->cancellable);
  g_clear_object (&d->cancellable);
  g_clear_object (&d->window);
  g_free (d);
}

static void
append_pair (GString    *out,
             const char *keyword,
             const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_string_append_printf (out, "%s%s='", out->len ? " " : "", keyword);
  for (const char *p = value; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* The connection string of the fields, with the schema folded in. */
static char *
dialog_conninfo (Dialog   *d,
                 gboolean  with_password)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint f = 0; f < N_FIELDS; f++)
    if (fields[f].keyword)
      append_pair (out, fields[f].keyword, gtk_editable_get_text (d->entries[f]));
  if (with_password)
    append_pair (out, "password", gtk_editable_get_text (d->password));
  if (out->len == 0)
    g_string_append (out, "dbname=postgres");
  return hk_pg_location_with_schema (out->str, gtk_editable_get_text (d->entries[F_SCHEMA]));
}

static void
test_thread (GTask        *task,
             gpointer      source,
             gpointer      conninfo,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *summary = NULL;

  if (hk_pg_test_connection (conninfo, NULL, &summary, &error))
    g_task_return_pointer (task, summary, g_free);
  else
    g_task_return_error (task, error);
}

static void
on_tested (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_task_propagate_pointer (G_TASK (result), &error);
  Dialog *d = data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_label_set_text (d->status, summary ? summary : error->message);
  gtk_widget_set_sensitive (d->test_button, TRUE);
}

static void
on_test_clicked (Dialog *d)
{
  g_autoptr(GTask) task = g_task_new (NULL, d->cancellable, on_tested, d);

  gtk_label_set_text (d->status, _("Connecting…"));
  gtk_widget_set_sensitive (d->test_button, FALSE);
  g_task_set_task_data (task, dialog_conninfo (d, TRUE), g_free);
  g_task_run_in_thread (task, test_thread);
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(HkWindow) window = data;
  g_autoptr(GError) error = NULL;

  if (!hk_keyring_store_finish (result, &error))
    {
      /* Translators: %s says why, e.g. "The name org.freedesktop.secrets was not provided" */
      g_autofree char *title = g_strdup_printf (_("The password could not be kept in the keyring: %s"),
                                                error->message);

      _hk_window_toast (window, title, NULL);
    }
}

/* The keyring's password for the fields as they stand, shown with the
 * switch on; nothing when none is kept. data is the dialog's cancellable,
 * cancelled when the dialog goes (it holds the dialog while not). */
static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GCancellable) cancellable = data;
  g_autofree char *password = hk_keyring_lookup_finish (result);
  Dialog *d;

  if (password == NULL || g_cancellable_is_cancelled (cancellable))
    return;
  d = g_object_get_data (G_OBJECT (cancellable), "hk-db-dialog");
  if (*gtk_editable_get_text (d->password) == '\0')
    gtk_editable_set_text (d->password, password);
  gtk_switch_set_active (d->remember, TRUE);
}

static void
on_connect_clicked (Dialog *d)
{
  g_autofree char *conninfo = dialog_conninfo (d, TRUE);
  const char *password = gtk_editable_get_text (d->password);

  /* Everything but the password is remembered in settings; the password
   * only in the keyring, and only when asked. */
  for (guint f = 0; f < N_FIELDS; f++)
    g_settings_set_string (d->window->settings, fields[f].key, gtk_editable_get_text (d->entries[f]));
  if (gtk_switch_get_active (d->remember) && *password)
    hk_keyring_store_async (conninfo, password, NULL, on_stored, g_object_ref (d->window));
  else if (!gtk_switch_get_active (d->remember))
    hk_keyring_forget (conninfo);
  hk_window_open_folder (d->window, conninfo);
  gtk_window_destroy (d->dialog);
}

void
hk_db_dialog_show (HkWindow *window)
{
  Dialog *d = g_new0 (Dialog, 1);
  GtkWidget *box, *group, *buttons, *connect, *header, *toolbar;
  AdwWindow *dialog;

  d->window = g_object_ref (window);
  d->cancellable = g_cancellable_new ();
  dialog = ADW_WINDOW (adw_window_new ());
  d->dialog = GTK_WINDOW (dialog);
  gtk_window_set_title (d->dialog, _("Connect to Database"));
  gtk_window_set_modal (d->dialog, TRUE);
  gtk_window_set_transient_for (d->dialog, GTK_WINDOW (window));
  gtk_window_set_default_size (d->dialog, 420, -1);
  g_object_set_data_full (G_OBJECT (dialog), "hk-db-dialog", d, (GDestroyNotify) dialog_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  header = adw_header_bar_new ();
  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), box);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A PostgreSQL or Citus database with the tables influencers, posts, "
                                           "tracking, payouts and holdout_groups. Leave the password empty to "
                                           "use ~/.pgpass or a service file; Remember Password keeps it in the "
                                           "desktop keyring, never in settings."));
  for (guint f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *value = g_settings_get_string (window->settings, fields[f].key);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[f].title));
      gtk_editable_set_text (GTK_EDITABLE (row), value);
      d->entries[f] = GTK_EDITABLE (row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  d->password = GTK_EDITABLE (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->password), _("Password"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->password));
  {
    /* libadwaita 1.2 has no AdwSwitchRow: an action row with a switch. */
    GtkWidget *row = adw_action_row_new ();

    d->remember = GTK_SWITCH (gtk_switch_new ());
    gtk_widget_set_valign (GTK_WIDGET (d->remember), GTK_ALIGN_CENTER);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Remember Password"));
    adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("In the desktop keyring"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (d->remember));
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (d->remember));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  }
  gtk_box_append (GTK_BOX (box), group);

  d->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (d->status, TRUE);
  gtk_label_set_xalign (d->status, 0);
  gtk_label_set_selectable (d->status, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->status));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  d->test_button = gtk_button_new_with_mnemonic (_("_Test Connection"));
  connect = gtk_button_new_with_mnemonic (_("_Connect"));
  gtk_widget_add_css_class (connect, "suggested-action");
  g_signal_connect_swapped (d->test_button, "clicked", G_CALLBACK (on_test_clicked), d);
  g_signal_connect_swapped (connect, "clicked", G_CALLBACK (on_connect_clicked), d);
  gtk_box_append (GTK_BOX (buttons), d->test_button);
  gtk_box_append (GTK_BOX (buttons), connect);
  gtk_box_append (GTK_BOX (box), buttons);

  adw_window_set_content (dialog, toolbar);
  {
    g_autofree char *conninfo = dialog_conninfo (d, FALSE);

    g_object_set_data (G_OBJECT (d->cancellable), "hk-db-dialog", d);
    hk_keyring_lookup_async (conninfo, d->cancellable, on_looked_up, g_object_ref (d->cancellable));
  }
  gtk_window_present (d->dialog);
}
