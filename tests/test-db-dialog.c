/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Connect to Database… under Xvfb: the fields come from the settings, Test
 * Connection reports what is wrong (here: no server on the port), Connect
 * remembers the fields but never the password, and a failed load leaves the
 * dataset on screen. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "hk-application.h"
#include "hk-db-dialog.h"
#include "hk-keyring.h"
#include "hk-window-actions.h"
#include "hk-window.h"

static HkApplication *app;
static gboolean have_keyring; /* a gnome-keyring of our own answers on the session bus */

static gboolean
bus_has_secrets (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                                           -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Starts gnome-keyring-daemon, unlocked, with its files in a temporary
 * folder, and waits for it on the session bus. FALSE when it is not
 * installed or no session bus runs. */
static gboolean
start_keyring (GPid *pid)
{
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *home = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  const char *argv[] = { NULL, "--foreground", "--unlock", "--components=secrets", NULL };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  int in;

  if (daemon == NULL || (bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL)) == NULL)
    return FALSE;
  home = g_dir_make_tmp ("hk-keyring-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", home, TRUE);
  argv[0] = daemon;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, pid, &in, NULL, NULL, NULL))
    return FALSE;
  /* The new login keyring's password, on standard input. */
  g_assert_cmpint (write (in, "test", 4), ==, 4);
  close (in);
  while (g_get_monotonic_time () < deadline)
    {
      if (bus_has_secrets (bus))
        return TRUE;
      g_usleep (50000);
    }
  return FALSE;
}

typedef struct {
  gboolean done;
  char    *password;
} Lookup;

static void
on_lookup (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Lookup *l = data;

  l->password = hk_keyring_lookup_finish (result);
  l->done = TRUE;
}

static gboolean
lookup_done (gpointer data)
{
  return ((Lookup *) data)->done;
}

static void
pump_until (gboolean (*check) (gpointer),
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!check (data))
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

/* Waits until the keyring holds expected for location (NULL: nothing). */
static void
keyring_holds (const char *location,
               const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      Lookup l = { FALSE, NULL };
      gboolean same;

      hk_keyring_lookup_async (location, NULL, on_lookup, &l);
      pump_until (lookup_done, &l);
      same = g_strcmp0 (l.password, expected) == 0;
      g_free (l.password);
      if (same)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
}

static gboolean
window_is_idle (gpointer data)
{
  return !hk_window_get_busy (data) && hk_window_get_analysis (data) != NULL;
}

static GtkWindow *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (g_strcmp0 (gtk_window_get_title (l->data), "Connect to Database") == 0 &&
        gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

/* Every widget under root of type, in order. */
static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect (c, type, out);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];
  g_assert_not_reached ();
}

static GtkLabel *status_label;

static GtkSwitch *
find_switch (GtkWidget *root)
{
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();

  collect (root, GTK_TYPE_SWITCH, switches);
  g_assert_cmpuint (switches->len, ==, 1);
  return switches->pdata[0];
}

static gboolean
keyring_filled (gpointer data)
{
  GtkWindow *dialog = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, rows);
  return g_str_equal (gtk_editable_get_text (rows->pdata[5]), "secret") &&
         gtk_switch_get_active (find_switch (GTK_WIDGET (dialog)));
}

/* Remember Password keeps it in the keyring, under the host, port, database
 * and user; the dialog finds it again; switched off, Connect forgets it. */
static void
check_keyring (HkWindow   *window,
               const char *port)
{
  g_autofree char *location = g_strdup_printf ("host=127.0.0.1 port=%s dbname=sales user=analyst", port);
  GtkWindow *dialog;

  keyring_holds (location, "secret");
  g_action_group_activate_action (G_ACTION_GROUP (app), "connect-db", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  pump_until (keyring_filled, dialog);
  gtk_switch_set_active (find_switch (GTK_WIDGET (dialog)), FALSE);
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Connect"), "clicked");
  pump_until (dialog_gone, NULL);
  keyring_holds (location, NULL);
  pump_until (window_is_idle, window);
}

static gboolean
status_says_something (gpointer data)
{
  const char *text = gtk_label_get_text (status_label);

  return *text && !g_str_equal (text, "Connecting…");
}

static void
test_dialog (void)
{
  GSettings *settings = hk_application_get_settings (app);
  HkWindow *window = hk_window_new (GTK_APPLICATION (app), settings);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autofree char *port = NULL;
  g_autofree char *last = NULL;
  HkDataset *shown;
  GtkWindow *dialog;

  /* A port nobody listens on: bound, never listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  hk_window_actions_install (window);
  hk_window_load_initial (window, NULL);
  gtk_window_present (GTK_WINDOW (window));
  pump_until (window_is_idle, window);
  shown = hk_window_get_dataset (window);

  g_settings_set_string (settings, "db-host", "127.0.0.1");
  g_settings_set_string (settings, "db-port", port);
  g_settings_set_string (settings, "db-name", "marketing");
  g_settings_set_string (settings, "db-user", "analyst");
  g_settings_set_string (settings, "db-schema", "q3");
  g_action_group_activate_action (G_ACTION_GROUP (app), "connect-db", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  /* Host, port, database, user, schema, then the password. */
  collect (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 6);
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[0]), ==, "127.0.0.1");
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[1]), ==, port);
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[2]), ==, "marketing");
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[3]), ==, "analyst");
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[4]), ==, "q3");
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[5]), ==, "");
  gtk_editable_set_text (rows->pdata[5], "secret");

  collect (GTK_WIDGET (dialog), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len && status_label == NULL; i++)
    if (gtk_label_get_selectable (labels->pdata[i]))
      status_label = labels->pdata[i];
  g_assert_nonnull (status_label);
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Test Connection"), "clicked");
  pump_until (status_says_something, NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (status_label), "No PostgreSQL server answers"));

  /* Connect: the fields are remembered, not the password; the load fails and
   * the demo stays. */
  gtk_editable_set_text (rows->pdata[2], "sales");
  if (have_keyring)
    gtk_switch_set_active (find_switch (GTK_WIDGET (dialog)), TRUE);
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Connect"), "clicked");
  pump_until (dialog_gone, NULL);
  g_free (last);
  last = g_settings_get_string (settings, "db-name");
  g_assert_cmpstr (last, ==, "sales");
  g_clear_pointer (&last, g_free);
  pump_until (window_is_idle, window);
  g_assert_true (hk_window_get_dataset (window) == shown);
  last = g_settings_get_string (settings, "last-folder");
  g_assert_null (strstr (last, "secret"));

  if (have_keyring)
    check_keyring (window, port);
  else
    g_test_message ("no gnome-keyring-daemon: Remember Password not checked");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;
  GPid keyring = 0;

  g_test_init (&argc, &argv, NULL);
  have_keyring = start_keyring (&keyring);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the database dialog test\n");
      return 77;
    }
  adw_init ();
  app = hk_application_new ("com.healthkart.InfluencerDashboard.Test", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_test_add_func ("/db-dialog/test-and-connect", test_dialog);
  status = g_test_run ();
  g_clear_object (&app);
  if (keyring)
    {
      kill (keyring, SIGTERM);
      g_spawn_close_pid (keyring);
    }
  return status;
}
