/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Connect to Database… under Xvfb: the fields come from the settings, Test
 * Connection reports what is wrong (here: no server on the port), Connect
 * remembers the fields but never the password, and a failed load leaves the
 * dataset on screen. */
#include "config.h"

#include <string.h>

#include "hk-application.h"
#include "hk-db-dialog.h"
#include "hk-window-actions.h"
#include "hk-window.h"

static HkApplication *app;

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

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
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
  return status;
}
