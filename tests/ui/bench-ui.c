/* bench-ui.c — the ui benchmark's in-process half: a store with 10,000 requests in an
 * inbox and 100,000 registry entries; the registry shown and each filter keystroke timed
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-ui prepare DIR   fills DIR/bench.db (password "rahasia-123")
 *   bench-ui registry DIR  times the registry view on it, prints figures
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include <gtk/gtk.h>

#include "ranah-application.h"
#include "ranah-inbox-page.h"
#include "ui-test-request.h"
#include "ranah-registry-page.h"
#include "ranah-task.h"
#include "ranah-window.h"

#define PASSWORD "rahasia-123"
#define N_REQUESTS 10000
#define N_ENTRIES 100000

static void
set_str (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
check (gboolean ok, GError *error)
{
  if (!ok)
    g_error ("%s", error ? error->message : "failed");
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + 6, NULL, 10);
}

static int
prepare (const char *dir)
{
  g_autofree char *uri = g_strconcat ("sqlite:", dir, "/bench.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = ranah_store_open (uri, &error);
  g_autoptr(RanahUser) admin = ranah_user_new ();
  g_autoptr(RanahUser) kadis = ranah_user_new ();
  g_autoptr(RanahUser) opd_user = ranah_user_new ();
  g_autoptr(RanahUser) subkoor = ranah_user_new ();
  g_autoptr(RanahOpd) opd = ranah_opd_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ranah_entry_free);
  GPtrArray *problems = NULL;
  gint64 opd_id;
  gint64 t0 = g_get_monotonic_time ();

  check (store != NULL, error);
  set_str (&admin->username, "admin");
  admin->role = RANAH_ROLE_ADMIN;
  check (ranah_store_initialize (store, admin, PASSWORD, &error), error);
  check (ranah_store_sign_in (store, "admin", PASSWORD, &error), error);
  set_str (&opd->code, "DINKES");
  set_str (&opd->name, "Dinas Kesehatan");
  set_str (&opd->head_title, "Kepala Dinas Kesehatan");
  opd_id = ranah_store_add_opd (store, opd, &error);
  check (opd_id != 0, error);
  set_str (&kadis->username, "kadis");
  kadis->role = RANAH_ROLE_KADIS;
  check (ranah_store_add_user (store, kadis, PASSWORD, &error) != 0, error);
  set_str (&subkoor->username, "subkoor");
  subkoor->role = RANAH_ROLE_SUBKOOR;
  check (ranah_store_add_user (store, subkoor, PASSWORD, &error) != 0, error);
  set_str (&opd_user->username, "dinkes");
  opd_user->role = RANAH_ROLE_OPD;
  opd_user->opd_id = opd_id;
  check (ranah_store_add_user (store, opd_user, PASSWORD, &error) != 0, error);

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      RanahEntry *entry = ranah_entry_new ();
      entry->name = g_strdup_printf ("lama%06u", i);
      entry->fqdn = g_strdup_printf ("lama%06u.tarakankota.go.id", i);
      set_str (&entry->opd_name, "Dinas Kesehatan");
      entry->opd_id = opd_id;
      set_str (&entry->purpose, i % 3 ? "Layanan publik" : "Aplikasi internal");
      set_str (&entry->activated_on, "2024-01-15");
      entry->status = (RanahEntryStatus) (i % 10 == 0 ? RANAH_ENTRY_SUSPENDED : RANAH_ENTRY_ACTIVE);
      entry->records = ranah_records_new ();
      {
        g_autofree char *target = g_strdup_printf ("103.76.%u.%u", 100 + (i / 250) % 100, 1 + i % 250);
        g_ptr_array_add (entry->records, ranah_record_new (RANAH_RECORD_A, "", target));
      }
      g_ptr_array_add (entries, entry);
    }
  if (!ranah_store_import_entries (store, entries, &problems, &error))
    {
      if (problems != NULL && problems->len > 0)
        g_error ("import: line %u: %s", ((RanahImportProblem *) problems->pdata[0])->line,
                 ((RanahImportProblem *) problems->pdata[0])->reason);
      check (FALSE, error);
    }
  g_print ("prepared %u registry entries in %.1f s\n", N_ENTRIES,
           (g_get_monotonic_time () - t0) / 1e6);

  check (ranah_store_sign_in (store, "dinkes", PASSWORD, &error), error);
  for (guint i = 0; i < N_REQUESTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("baru%05u", i);
      g_autofree char *number = g_strdup_printf ("000.5.2/%u/DINKES/2026", i);
      g_autofree char *target = g_strdup_printf ("103.77.%u.%u", i / 250, 1 + i % 250);
      g_autoptr(RanahRequest) request = ui_test_request_new (name, opd_id, number, target);

      check (ranah_store_submit_request (store, request, NULL, &error) != 0, error);
    }
  g_print ("prepared %u requests in %.1f s\n", N_REQUESTS, (g_get_monotonic_time () - t0) / 1e6);
  return 0;
}

static void
settle (void)
{
  ranah_task_wait_idle ();
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Minor page faults so far: the first frame to paint a large area after a run of small
 * ones pays hundreds of them in cairo's fresh image and shared-memory buffers. */
static long
minor_faults (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

/* CPU time of this (the main) thread, in ms: unlike the wall-clock figures it includes
 * work the page leaves for idle time, while the frame clock waits for its next tick. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

typedef struct
{
  gint64 began;
  gint64 ended;
  long   faults_began;
  long   faults_ended;
} Frame;

static void
frame_began (GdkFrameClock *clock,
             Frame         *frame)
{
  frame->began = g_get_monotonic_time ();
  frame->faults_began = minor_faults ();
}

static void
frame_ended (GdkFrameClock *clock,
             Frame         *frame)
{
  frame->ended = g_get_monotonic_time ();
  frame->faults_ended = minor_faults ();
}

/* The main loop's longest busy stretch between two polls: what a key pressed meanwhile
 * would wait for. */
static GPollFunc default_poll;
static gint64 poll_returned;
static gint64 longest_busy;

static gint
timed_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint ret;

  if (poll_returned != 0)
    longest_busy = MAX (longest_busy, now - poll_returned);

  ret = default_poll (fds, n_fds, timeout);
  poll_returned = g_get_monotonic_time ();
  return ret;
}

typedef struct
{
  double call;    /* the filter call alone, wall clock */
  double done;    /* the call and the first frame after it, which shows its result */
  double cpu;     /* main-thread CPU from the call until every row is in the list, painted */
  double stall;   /* the main loop's longest busy stretch from the call until then */
} Keystroke;

/* Sets the filter to @text as a keystroke would and times it (see registry()). */
static Keystroke
keystroke (RanahRegistryPage *page,
           Frame             *frame,
           const char        *text)
{
  gint64 start = g_get_monotonic_time ();
  double cpu_start = thread_cpu_ms ();
  Keystroke k;

  poll_returned = start;
  longest_busy = 0;
  ranah_registry_page_set_filter (page, text, NULL, -1);
  k.call = (g_get_monotonic_time () - start) / 1000.0;
  frame->ended = 0;
  /* The page is what a keystroke changes (a keystroke that changes nothing would not
   * draw at all; this draws it anyway). */
  gtk_widget_queue_draw (GTK_WIDGET (page));
  while (frame->ended == 0)
    g_main_context_iteration (NULL, TRUE);
  k.done = k.call + (frame->ended - frame->began) / 1000.0;
  if (g_getenv ("RANAH_BENCH_VERBOSE"))
    g_print ("  \"%s\" blocking %.2f with its frame %.2f (%u rows shown at once, %ld page faults "
             "in the frame)", text, k.call, k.done,
             g_list_model_get_n_items (ranah_registry_page_get_shown (page)),
             frame->faults_ended - frame->faults_began);
  /* A list that grew gets the rest of its rows a batch per frame: wait for them and the
   * frame after the last. */
  while (ranah_registry_page_is_filtering (page))
    g_main_context_iteration (NULL, TRUE);
  frame->ended = 0;
  gtk_widget_queue_draw (GTK_WIDGET (page));
  while (frame->ended == 0)
    g_main_context_iteration (NULL, TRUE);
  k.cpu = thread_cpu_ms () - cpu_start;
  k.stall = longest_busy / 1000.0;
  if (g_getenv ("RANAH_BENCH_VERBOSE"))
    g_print ("; then %u rows, main-thread CPU %.2f, longest busy stretch %.2f\n",
             g_list_model_get_n_items (ranah_registry_page_get_shown (page)), k.cpu, k.stall);
  return k;
}

typedef struct
{
  double call, done, cpu, stall;     /* typing: worst */
  double total_call, total_done, total_cpu;
  double back, total_back, back_stall; /* deleting: worst and sum */
  guint  n;                          /* keys typed */
  guint  matches;                    /* rows shown for the whole text */
} Round;

/* Types @typed one key at a time, then deletes it key by key: the list narrows, then grows
 * back, and GTK builds the rows it destroyed while it shrank. */
static Round
type_and_delete (RanahRegistryPage *page,
                 Frame             *frame,
                 const char        *typed)
{
  Round r = { 0 };

  r.n = strlen (typed);
  for (guint i = 1; i <= r.n; i++)
    {
      g_autofree char *text = g_strndup (typed, i);
      Keystroke k = keystroke (page, frame, text);

      r.total_call += k.call;
      r.total_done += k.done;
      r.total_cpu += k.cpu;
      r.call = MAX (r.call, k.call);
      r.done = MAX (r.done, k.done);
      r.cpu = MAX (r.cpu, k.cpu);
      r.stall = MAX (r.stall, k.stall);
    }
  r.matches = g_list_model_get_n_items (ranah_registry_page_get_shown (page));
  for (guint i = r.n; i-- > 0;)
    {
      g_autofree char *text = g_strndup (typed, i);
      Keystroke k = keystroke (page, frame, text);

      r.total_back += k.done;
      r.back = MAX (r.back, k.done);
      r.back_stall = MAX (r.back_stall, k.stall);
    }
  return r;
}

static void
print_round (const Round *r,
             const char  *which,
             const char  *typed)
{
  g_print ("filter-keystroke-blocking-ms (%s) mean %.2f worst %.2f\n", which,
           r->total_call / r->n, r->call);
  g_print ("filter-keystroke-with-frame-ms (%s) mean %.2f worst %.2f (%u rows match)\n",
           which, r->total_done / r->n, r->done, r->matches);
  g_print ("filter-backspace-with-frame-ms (%s) mean %.2f worst %.2f (\"%s\" deleted key by key)\n",
           which, r->total_back / r->n, r->back, typed);
  g_print ("filter-longest-busy-ms (%s) typing %.2f deleting %.2f\n", which, r->stall,
           r->back_stall);
  g_print ("filter-keystroke-main-thread-cpu-ms (%s) mean %.2f worst %.2f\n", which,
           r->total_cpu / r->n, r->cpu);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The median over @n rounds of the double at @offset in each. */
static double
median_of (const Round *rounds,
           guint        n,
           gsize        offset)
{
  g_autofree double *values = g_new (double, n);

  for (guint i = 0; i < n; i++)
    values[i] = G_STRUCT_MEMBER (double, &rounds[i], offset);
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static int
registry (const char *dir)
{
  GdkFrameClock *clock;
  Frame frame = { 0, 0 };
  g_autofree char *uri = g_strconcat ("sqlite:", dir, "/bench.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahStore) store = ranah_store_open (uri, &error);
  RanahWindow *window;
  RanahRegistryPage *page;
  const char *typed = "lama0123";
  gint64 t0;

  check (store != NULL, error);
  check (ranah_store_sign_in (store, "subkoor", PASSWORD, &error), error);
  window = ranah_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  g_print ("idle-rss-kib (window, inbox) %ld\n", rss_kib ());

  page = RANAH_REGISTRY_PAGE (ranah_window_get_page (window, "registry"));
  t0 = g_get_monotonic_time ();
  ranah_window_show_page (window, "registry");
  while (g_list_model_get_n_items (ranah_registry_page_get_shown (page)) < N_ENTRIES
         || ranah_registry_page_is_filtering (page))
    g_main_context_iteration (NULL, TRUE);
  g_print ("registry-shown-ms %.1f (%u entries)\n", (g_get_monotonic_time () - t0) / 1000.0,
           g_list_model_get_n_items (ranah_registry_page_get_shown (page)));
  settle ();

  /* Type a filter one key at a time. A keystroke costs the filter call itself (it blocks
   * the main loop) and then the frame that shows its result: layout and paint, from the
   * frame clock's before-paint to its after-paint. The wait for the frame clock's next
   * tick is pacing, not work, and is left out; the main loop's longest busy stretch until
   * the whole list is in place tells what a key pressed meanwhile would wait for. The
   * first round is the first use after the registry opens (fresh buffers: page faults);
   * then the same keys again, RANAH_BENCH_ROUNDS times (default 5), as the rest of a
   * working day types them. */
  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (frame_began), &frame);
  g_signal_connect (clock, "after-paint", G_CALLBACK (frame_ended), &frame);
  {
    const char *rounds_env = g_getenv ("RANAH_BENCH_ROUNDS");
    guint again = rounds_env != NULL ? MAX (1, (guint) g_ascii_strtoull (rounds_env, NULL, 10)) : 5;
    g_autofree Round *rounds = g_new0 (Round, again);
    Round first, r;

    if (g_getenv ("RANAH_BENCH_VERBOSE"))
      g_print (" first use:\n");
    first = type_and_delete (page, &frame, typed);
    print_round (&first, "first use", typed);
    for (guint i = 0; i < again; i++)
      {
        if (g_getenv ("RANAH_BENCH_VERBOSE"))
          g_print (" again, round %u:\n", i + 1);
        rounds[i] = type_and_delete (page, &frame, typed);
      }
    /* Each figure of the rounds after the first: its median over them, so that one round
     * the machine stalled does not stand for all. */
#define MEDIAN_OF(field) (r.field = median_of (rounds, again, G_STRUCT_OFFSET (Round, field)))
    r = rounds[0];
    MEDIAN_OF (call);
    MEDIAN_OF (done);
    MEDIAN_OF (cpu);
    MEDIAN_OF (stall);
    MEDIAN_OF (total_call);
    MEDIAN_OF (total_done);
    MEDIAN_OF (total_cpu);
    MEDIAN_OF (back);
    MEDIAN_OF (total_back);
    MEDIAN_OF (back_stall);
#undef MEDIAN_OF
    {
      g_autofree char *which = g_strdup_printf ("again, median of %u rounds", again);
      double done = 0, back = 0, busy = 0;

      print_round (&r, which, typed);
      for (guint i = 0; i < again; i++)
        {
          done = MAX (done, rounds[i].done);
          back = MAX (back, rounds[i].back);
          busy = MAX (busy, MAX (rounds[i].stall, rounds[i].back_stall));
        }
      g_print ("filter-worst-of-%u-rounds-ms keystroke with frame %.2f, backspace with frame %.2f, "
               "longest busy %.2f\n", again, done, back, busy);
    }
  }
  g_signal_handlers_disconnect_by_data (clock, &frame);
  g_main_context_set_poll_func (NULL, default_poll);
  settle ();
  g_print ("idle-rss-kib (registry with %u entries) %ld\n", N_ENTRIES, rss_kib ());
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc != 3)
    {
      g_printerr ("usage: bench-ui prepare|registry DIR\n");
      return 2;
    }
  if (g_str_equal (argv[1], "prepare"))
    return prepare (argv[2]);
  gtk_init ();
  ranah_ui_init ();
  return registry (argv[2]);
}
