/* bench-letter.c — how fast and how lean one Surat Tanggapan PDF is, side by side with
 * LibreOffice converting an equivalent letter headless
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-letter               the whole comparison (a meson benchmark)
 *   bench-letter --one FILE    writes one signed letter and exits (the measured process)
 *
 * Whole-process figures come from wait4(): wall time from fork to reaping, and the peak
 * resident set of the child and everything it waited for (LibreOffice's soffice.bin runs
 * under oosplash). RANAH_BENCH_RUNS sets the number of process runs (default 15),
 * RANAH_BENCH_BATCH the batch size (default 1000), RANAH_BENCH_NO_SOFFICE=1 skips
 * LibreOffice.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "letter-fixture.h"

#define NUMBER "000.5.2/0123/DKISP/2026"

typedef struct {
  double seconds;
  double cpu_seconds;   /* user + system: less sensitive than wall time to a busy machine */
  long   max_rss_kib;
  int    status;
} ProcessRun;

static GBytes *
one_letter (GHashTable         *profile,
            const RanahRequest *request,
            const RanahOpd     *opd,
            const RanahEntry   *entry,
            const RanahLetter  *letter)
{
  g_autoptr(RanahLetterLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *pdf;

  layout = ranah_letter_layout_new (profile, request, opd, entry, letter, &error);
  if (layout == NULL)
    g_error ("%s", error->message);
  pdf = ranah_letter_layout_to_pdf (layout, &error);
  if (pdf == NULL)
    g_error ("%s", error->message);
  return pdf;
}

static int
write_one (const char *path)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahEntry) entry = fixture_entry (request);
  g_autoptr(RanahOpd) opd = fixture_opd ();
  g_autoptr(RanahLetter) letter = fixture_letter (NUMBER);
  g_autoptr(GBytes) pdf = one_letter (profile, request, opd, entry, letter);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error))
    g_error ("%s", error->message);
  return 0;
}

static ProcessRun
run_process (char **argv)
{
  ProcessRun run = { 0 };
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  pid_t pid = fork ();

  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, STDOUT_FILENO);
      dup2 (null, STDERR_FILENO);
      execvp (argv[0], argv);
      _exit (127);
    }
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (wait4 (pid, &run.status, 0, &usage), ==, pid);
  run.seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  run.max_rss_kib = usage.ru_maxrss;
  run.cpu_seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
                    + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  return run;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
summarise (GArray *runs,
           double *median_s,
           double *median_cpu_s,
           long   *max_rss)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

  *max_rss = 0;
  for (guint i = 0; i < runs->len; i++)
    {
      ProcessRun *run = &g_array_index (runs, ProcessRun, i);

      g_array_append_val (times, run->seconds);
      g_array_append_val (cpu, run->cpu_seconds);
      *max_rss = MAX (*max_rss, run->max_rss_kib);
    }
  g_array_sort (times, compare_doubles);
  g_array_sort (cpu, compare_doubles);
  *median_s = g_array_index (times, double, times->len / 2);
  *median_cpu_s = g_array_index (cpu, double, cpu->len / 2);
}

/* The same letter as HTML for LibreOffice Writer: same paper, margins, face and parts. */
static const char letter_html[] =
  "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Surat Tanggapan</title>"
  "<style>@page { size: 21cm 29.7cm; margin: 2cm 2cm 2.5cm 3cm }"
  "body { font-family: 'Liberation Sans'; font-size: 12pt }"
  ".kop { text-align: center } .gov { font-size: 14pt } .agency { font-size: 18.5pt; font-weight: bold }"
  ".addr { font-size: 9.5pt } p.body { text-align: justify; text-indent: 1.25cm }"
  "table.rec { border-collapse: collapse; margin-left: 1.25cm } table.rec td, table.rec th"
  "{ border: 0.6pt solid black; font-size: 11pt; padding: 3pt }</style></head><body>"
  "<table width=\"100%\"><tr><td width=\"74\"><svg width=\"74\" height=\"74\"><rect x=\"7\" "
  "y=\"4\" width=\"60\" height=\"60\" fill=\"#eef\" stroke=\"#234\"/></svg></td><td class=\"kop\">"
  "<div class=\"gov\">PEMERINTAH KOTA TARAKAN</div><div class=\"agency\">DINAS KOMUNIKASI, "
  "INFORMATIKA, STATISTIK DAN PERSANDIAN</div><div class=\"addr\">Jalan Jenderal Sudirman No. 76, "
  "Tarakan, Kalimantan Utara 77111, Telepon (0551) 21000, Pos-el diskominfo@tarakankota.go.id, "
  "Laman diskominfo.tarakankota.go.id</div></td></tr></table><hr size=\"3\" noshade>"
  "<p align=\"right\">Tarakan, 27 November 2026</p><table><tr><td>Nomor</td><td>: "
  NUMBER "</td></tr><tr><td>Sifat</td><td>: Biasa</td></tr><tr><td>Lampiran</td><td>: -</td></tr>"
  "<tr><td>Hal</td><td>: Tanggapan atas Permohonan Pembuatan Subdomain</td></tr></table>"
  "<p>Yth. Kepala Dinas Kesehatan Kota Tarakan<br>di<br>&nbsp;&nbsp;&nbsp;&nbsp;Tarakan</p>"
  "<p class=\"body\">Menindaklanjuti surat Kepala Dinas Kesehatan Kota Tarakan Nomor "
  "400.7/512/DINKES/2026 tanggal 16 November 2026 perihal Permohonan Pembuatan Subdomain Sistem "
  "Informasi Manajemen Rumah Sakit, dengan ini kami sampaikan bahwa permohonan pembuatan "
  "subdomain telah kami setujui dan subdomain simrs.tarakankota.go.id telah aktif sejak tanggal "
  "23 November 2026 dengan rekaman DNS sebagai berikut:</p><table class=\"rec\"><tr><th>No.</th>"
  "<th>Nama</th><th>Jenis</th><th>Tujuan</th></tr><tr><td>1.</td><td>simrs.tarakankota.go.id"
  "</td><td>A</td><td>103.156.110.21</td></tr><tr><td>2.</td><td>www.simrs.tarakankota.go.id"
  "</td><td>CNAME</td><td>simrs.tarakankota.go.id.</td></tr></table><p class=\"body\">"
  "Sehubungan dengan hal tersebut, Kepala Dinas Kesehatan Kota Tarakan berkewajiban untuk:</p>"
  "<ol><li>menjaga agar isi situs dan layanan pada subdomain tersebut selalu mutakhir;</li>"
  "<li>mengamankan aplikasi dan server yang digunakan;</li><li>melaporkan setiap insiden "
  "keamanan informasi kepada Dinas Komunikasi, Informatika, Statistik dan Persandian Kota "
  "Tarakan;</li><li>mengajukan penonaktifan apabila subdomain tidak lagi digunakan.</li></ol>"
  "<p class=\"body\">Pengelolaan subdomain berpedoman pada:</p><ol><li>Undang-Undang Nomor 11 "
  "Tahun 2008 tentang Informasi dan Transaksi Elektronik</li><li>Peraturan Pemerintah Nomor 71 "
  "Tahun 2019 tentang Penyelenggaraan Sistem dan Transaksi Elektronik</li><li>Peraturan Menteri "
  "Komunikasi dan Informatika Nomor 5 Tahun 2015 tentang Registrar Nama Domain Instansi "
  "Penyelenggara Negara</li></ol><p class=\"body\">Demikian disampaikan, atas perhatian dan "
  "kerja samanya diucapkan terima kasih.</p><table width=\"100%\"><tr><td width=\"50%\"></td>"
  "<td>KEPALA DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN,<br><br>Ditandatangani "
  "secara elektronik.<br>Kode verifikasi: 7K3Q-M9XD-2PWA<br><br><b><u>Dr. Hendra Kusuma, "
  "S.Kom., M.T.</u></b><br>Pembina Utama Muda (IV/c)<br>NIP. 19720315 199803 1 004</td></tr>"
  "</table><p style=\"font-size: 11pt\">Tembusan:<br>1. Wali Kota Tarakan (sebagai laporan);"
  "<br>2. Sekretaris Daerah Kota Tarakan;<br>3. Arsip.</p></body></html>";

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

/* This process's own peak resident set in KiB. Not getrusage(): Linux carries ru_maxrss
 * over execve(), so it would report the launcher's (meson's Python) peak instead. */
static long
own_peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return strtol (line + strlen ("VmHWM:"), NULL, 10);
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ranah_pdf = NULL;
  g_autoptr(GArray) ranah_runs = g_array_new (FALSE, FALSE, sizeof (ProcessRun));
  g_autoptr(GArray) soffice_runs = g_array_new (FALSE, FALSE, sizeof (ProcessRun));
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  guint runs = env_uint ("RANAH_BENCH_RUNS", 15);
  guint batch = env_uint ("RANAH_BENCH_BATCH", 1000);
  double ranah_s, soffice_s = 0, batch_s, cold_s = 0, ranah_cpu, soffice_cpu = 0;
  long ranah_rss, soffice_rss = 0, cold_rss = 0;
  long batch_rss;

  if (argc == 3 && g_str_equal (argv[1], "--one"))
    return write_one (argv[2]);

  self = g_file_read_link ("/proc/self/exe", NULL);
  dir = g_dir_make_tmp ("ranah-bench-XXXXXX", NULL);
  ranah_pdf = g_build_filename (dir, "surat.pdf", NULL);

  /* 1. One letter, whole process: start, fonts, layout, PDF, exit. */
  for (guint i = 0; i < runs; i++)
    {
      char *child[] = { self, (char *) "--one", ranah_pdf, NULL };
      ProcessRun run = run_process (child);

      g_assert_true (WIFEXITED (run.status) && WEXITSTATUS (run.status) == 0);
      g_array_append_val (ranah_runs, run);
    }
  summarise (ranah_runs, &ranah_s, &ranah_cpu, &ranah_rss);

  /* 2. A batch in one process, as a mail-merge of the day's letters would run. */
  {
    g_autoptr(GHashTable) profile = fixture_profile ("A4");
    g_autoptr(RanahRequest) request = fixture_request ();
    g_autoptr(RanahEntry) entry = fixture_entry (request);
    g_autoptr(RanahOpd) opd = fixture_opd ();
    g_autoptr(RanahLetter) letter = fixture_letter (NUMBER);
    gint64 start = g_get_monotonic_time ();
    gsize bytes = 0;

    for (guint i = 0; i < batch; i++)
      {
        g_autoptr(GBytes) pdf = NULL;

        g_free (letter->number);
        letter->number = g_strdup_printf ("000.5.2/%04u/DKISP/2026", i + 1);
        pdf = one_letter (profile, request, opd, entry, letter);
        bytes += g_bytes_get_size (pdf);
      }
    batch_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
    g_print ("batch: %u letters, %.1f KiB each on average\n", batch,
             bytes / 1024.0 / MAX (batch, 1));
  }
  batch_rss = own_peak_rss_kib ();

  /* 3. LibreOffice converting the equivalent letter, with a profile of its own. */
  if (soffice != NULL && g_getenv ("RANAH_BENCH_NO_SOFFICE") == NULL)
    {
      g_autofree char *html = g_build_filename (dir, "surat.html", NULL);
      g_autofree char *profile_uri = g_strdup_printf ("-env:UserInstallation=file://%s/lo", dir);
      g_autofree char *outdir = g_build_filename (dir, "lo-out", NULL);
      g_autofree char *lo_pdf = g_build_filename (outdir, "surat.pdf", NULL);
      char *child[] = { soffice, profile_uri, (char *) "--headless", (char *) "--norestore",
                        (char *) "--convert-to", (char *) "pdf:writer_web_pdf_Export",
                        (char *) "--outdir", outdir, html, NULL };
      guint lo_runs = MAX (runs / 5, 3);

      g_file_set_contents (html, letter_html, -1, NULL);
      {
        /* The first run also creates LibreOffice's user profile: report it apart. */
        ProcessRun cold = run_process (child);

        cold_s = cold.seconds;
        cold_rss = cold.max_rss_kib;
      }
      for (guint i = 0; i < lo_runs; i++)
        {
          ProcessRun run = run_process (child);

          g_assert_true (WIFEXITED (run.status) && WEXITSTATUS (run.status) == 0);
          g_array_append_val (soffice_runs, run);
        }
      g_assert_true (g_file_test (lo_pdf, G_FILE_TEST_EXISTS));
      summarise (soffice_runs, &soffice_s, &soffice_cpu, &soffice_rss);
    }

  g_print ("\n%-44s %13s %13s %14s\n", "one Surat Tanggapan as PDF", "wall (median)",
           "CPU (median)", "peak RSS");
  g_print ("%-44s %10.1f ms %10.1f ms %10.1f MiB\n", "Ranah letter layer, whole process",
           ranah_s * 1000, ranah_cpu * 1000, ranah_rss / 1024.0);
  if (soffice_runs->len > 0)
    {
      g_print ("%-44s %10.1f ms %10.1f ms %10.1f MiB\n",
               "LibreOffice 7 headless --convert-to pdf", soffice_s * 1000, soffice_cpu * 1000,
               soffice_rss / 1024.0);
      g_print ("%-44s %10.1f ms %13s %10.1f MiB\n", "  (first run, creating its profile)",
               cold_s * 1000, "", cold_rss / 1024.0);
      g_print ("%-44s %11.1fx %12.1fx %13.1fx\n", "LibreOffice / Ranah", soffice_s / ranah_s,
               soffice_cpu / ranah_cpu, (double) soffice_rss / ranah_rss);
    }
  else
    g_print ("LibreOffice: not measured (soffice %s)\n",
             soffice == NULL ? "not installed" : "skipped by RANAH_BENCH_NO_SOFFICE");
  g_print ("%-44s %10.1f letters/s (%u in %.2f s, peak RSS %.1f MiB)\n",
           "batch in one process", batch / batch_s, batch, batch_s, batch_rss / 1024.0);
  if (soffice_runs->len > 0)
    g_print ("%-44s %10.1f letters/s\n", "LibreOffice, one process per letter", 1.0 / soffice_s);

  remove_tree (dir);
  return 0;
}
