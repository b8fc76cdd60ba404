/* test-fonts.c — the font configuration snapshot: used while the system's configuration is
 * unchanged, dropped when it changes, and the letter the same either way
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fontconfig's configuration is global to a process, so every case runs its steps in
 * subprocesses, each starting fresh. They share one XDG_CACHE_HOME (where the snapshot is
 * kept) and one FONTCONFIG_FILE: a file of the test's own that includes the system's
 * configuration, so that a case can change a configuration file without touching /etc.
 */
#include <glib/gstdio.h>
#include <fontconfig/fontconfig.h>

#include "letter-fixture.h"

static char *tmp_dir;
static char *own_config;

static void
write_own_config (const char *extra_comment)
{
  g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\"?>\n<fontconfig>\n"
                                          "  <!-- %s -->\n"
                                          "  <include>/etc/fonts/fonts.conf</include>\n"
                                          "</fontconfig>\n", extra_comment);

  g_assert_true (g_file_set_contents (own_config, xml, -1, NULL));
}

static char *
snapshot_file (void)
{
  return g_build_filename (tmp_dir, "cache", "ranah", "fontconfig-snapshot.ini", NULL);
}

/* Whether the current configuration came from the snapshot: one loaded from files lists
 * them; the snapshot is parsed from memory and lists none. */
static gboolean
current_is_snapshot (void)
{
  FcStrList *files = FcConfigGetConfigFiles (FcConfigGetCurrent ());
  gboolean none = FcStrListNext (files) == NULL;

  FcStrListDone (files);
  return none;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FcPattern, FcPatternDestroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FcObjectSet, FcObjectSetDestroy)

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The sorted font files of @config's scalable fonts. */
static GPtrArray *
scalable_font_files (FcConfig *config)
{
  g_autoptr(FcPattern) pattern = FcPatternBuild (NULL, FC_SCALABLE, FcTypeBool, FcTrue, NULL);
  g_autoptr(FcObjectSet) objects = FcObjectSetBuild (FC_FILE, FC_INDEX, NULL);
  FcFontSet *set = FcFontList (config, pattern, objects);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; set != NULL && i < set->nfont; i++)
    {
      FcChar8 *file = NULL;
      int index = 0;

      FcPatternGetString (set->fonts[i], FC_FILE, 0, &file);
      FcPatternGetInteger (set->fonts[i], FC_INDEX, 0, &index);
      g_ptr_array_add (files, g_strdup_printf ("%s#%d", (const char *) file, index));
    }
  if (set != NULL)
    FcFontSetDestroy (set);
  g_ptr_array_sort (files, compare_strings);
  return files;
}

/* Runs the test's subprocess @step and checks that it passed. */
static void
run_step (const char *step)
{
  g_autofree char *path = g_strdup_printf ("%s/subprocess/%s", g_test_get_path (), step);

  g_test_trap_subprocess (path, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
start_clean (void)
{
  g_autofree char *snapshot = snapshot_file ();

  g_remove (snapshot);
  write_own_config ("first");
}

/* Subprocess steps. */

static void
step_expect_system (void)
{
  ranah_letter_fonts_use_snapshot ();
  g_assert_false (current_is_snapshot ());
}

static void
step_expect_snapshot (void)
{
  ranah_letter_fonts_use_snapshot ();
  g_assert_true (current_is_snapshot ());
}

/* The snapshot sees exactly the system configuration's scalable fonts. */
static void
step_same_fonts (void)
{
  FcConfig *system;
  g_autoptr(GPtrArray) from_snapshot = NULL;
  g_autoptr(GPtrArray) from_system = NULL;

  ranah_letter_fonts_use_snapshot ();
  g_assert_true (current_is_snapshot ());
  from_snapshot = scalable_font_files (FcConfigGetCurrent ());
  system = FcInitLoadConfigAndFonts ();
  from_system = scalable_font_files (system);
  FcConfigDestroy (system);

  g_assert_cmpuint (from_snapshot->len, >, 0);
  g_assert_cmpuint (from_snapshot->len, ==, from_system->len);
  for (guint i = 0; i < from_system->len; i++)
    g_assert_cmpstr (from_snapshot->pdata[i], ==, from_system->pdata[i]);
}

/* Draws the fixture's letter, first page, at 100 dpi, to FILE in the temporary directory. */
static void
render_page (const char *name)
{
  g_autoptr(GHashTable) profile = fixture_profile ("A4");
  g_autoptr(RanahRequest) request = fixture_request ();
  g_autoptr(RanahEntry) entry = fixture_entry (request);
  g_autoptr(RanahOpd) opd = fixture_opd ();
  g_autoptr(RanahLetter) letter = fixture_letter ("000.5.2/0123/DKISP/2026");
  g_autoptr(GError) error = NULL;
  g_autoptr(RanahLetterLayout) layout = ranah_letter_layout_new (profile, request, opd, entry,
                                                                 letter, &error);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  double scale = 100.0 / 72.0;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_no_error (error);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) (ranah_letter_layout_get_page_width (layout) * scale),
                                        (int) (ranah_letter_layout_get_page_height (layout) * scale));
  cr = cairo_create (surface);
  ranah_letter_layout_draw_page (layout, cr, 0, scale);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
step_render_system (void)
{
  /* Not through the snapshot: the system's configuration, as the desktop app has it. */
  render_page ("system.png");
  g_assert_false (current_is_snapshot ());
}

static void
step_render_snapshot (void)
{
  ranah_letter_fonts_use_snapshot ();
  g_assert_true (current_is_snapshot ());
  render_page ("snapshot.png");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* Cases. */

static void
test_used_when_unchanged (void)
{
  if (g_test_subprocess ())
    return;
  start_clean ();
  run_step ("expect-system");  /* no snapshot yet: the system's, and one is written */
  run_step ("expect-snapshot");
  run_step ("expect-snapshot");
}

static void
test_same_fonts (void)
{
  if (g_test_subprocess ())
    return;
  start_clean ();
  run_step ("expect-system");
  run_step ("same-fonts");
}

static void
test_dropped_when_config_changes (void)
{
  if (g_test_subprocess ())
    return;
  start_clean ();
  run_step ("expect-system");
  run_step ("expect-snapshot");
  write_own_config ("changed, and longer than before");
  run_step ("expect-system");  /* a changed file: the system's again, and a new snapshot */
  run_step ("expect-snapshot");
}

static void
test_dropped_when_user_config_appears (void)
{
  g_autofree char *user_dir = g_build_filename (tmp_dir, "config", "fontconfig", NULL);
  g_autofree char *user_conf = g_build_filename (user_dir, "fonts.conf", NULL);

  if (g_test_subprocess ())
    return;
  start_clean ();
  run_step ("expect-system");
  run_step ("expect-snapshot");
  g_assert_cmpint (g_mkdir_with_parents (user_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (user_conf, "<?xml version=\"1.0\"?>\n<fontconfig/>\n",
                                      -1, NULL));
  run_step ("expect-system");
  g_remove (user_conf);
  g_rmdir (user_dir);
}

static void
test_same_letter (void)
{
  g_autofree char *system_png = g_build_filename (tmp_dir, "system.png", NULL);
  g_autofree char *snapshot_png = g_build_filename (tmp_dir, "snapshot.png", NULL);
  g_autofree char *a = NULL, *b = NULL;
  gsize a_len = 0, b_len = 0;

  if (g_test_subprocess ())
    return;
  start_clean ();
  run_step ("expect-system");
  run_step ("render-system");
  run_step ("render-snapshot");
  g_assert_true (g_file_get_contents (system_png, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (snapshot_png, &b, &b_len, NULL));
  g_assert_cmpmem (a, a_len, b, b_len);
}

static void
add_case (const char *name,
          GTestFunc   func)
{
  g_autofree char *path = g_strdup_printf ("/ranah/letter/fonts/%s", name);

  g_test_add_func (path, func);
}

static void
add_step (const char *case_name,
          const char *step,
          GTestFunc   func)
{
  g_autofree char *path = g_strdup_printf ("/ranah/letter/fonts/%s/subprocess/%s", case_name,
                                           step);

  g_test_add_func (path, func);
}

int
main (int   argc,
      char *argv[])
{
  static const char *const cases[] = {
    "used-when-unchanged", "same-fonts", "dropped-when-config-changes",
    "dropped-when-user-config-appears", "same-letter",
  };
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The parent makes the directory; subprocesses find it through the environment. */
  if (g_getenv ("RANAH_TEST_FONTS_DIR") == NULL)
    {
      tmp_dir = g_dir_make_tmp ("ranah-fonts-XXXXXX", NULL);
      g_setenv ("RANAH_TEST_FONTS_DIR", tmp_dir, TRUE);
    }
  else
    tmp_dir = g_strdup (g_getenv ("RANAH_TEST_FONTS_DIR"));
  own_config = g_build_filename (tmp_dir, "fonts.conf", NULL);
  {
    g_autofree char *cache = g_build_filename (tmp_dir, "cache", NULL);
    g_autofree char *config = g_build_filename (tmp_dir, "config", NULL);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("FONTCONFIG_FILE", own_config, TRUE);
  }

  add_case (cases[0], test_used_when_unchanged);
  add_case (cases[1], test_same_fonts);
  add_case (cases[2], test_dropped_when_config_changes);
  add_case (cases[3], test_dropped_when_user_config_appears);
  add_case (cases[4], test_same_letter);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      add_step (cases[i], "expect-system", step_expect_system);
      add_step (cases[i], "expect-snapshot", step_expect_snapshot);
    }
  add_step ("same-fonts", "same-fonts", step_same_fonts);
  add_step ("same-letter", "render-system", step_render_system);
  add_step ("same-letter", "render-snapshot", step_render_snapshot);

  status = g_test_run ();
  if (!g_test_subprocess ())
    remove_tree (tmp_dir);
  g_free (own_config);
  g_free (tmp_dir);
  return status;
}
