/* ranah-letter-fonts.c — a snapshot of the system's font configuration, for processes that
 * only write letters
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the first letter, fontconfig parses every file of /etc/fonts/conf.d (47 on Debian 12)
 * and then runs all their rules on each font pattern Pango asks for: together about a third
 * of the instructions `ranah-cli letter pdf` executes. A letter names its family and sets its
 * own rendering options, so it needs only the configuration's font and cache directories:
 * the rules choose fonts for generic names ("sans-serif") and set hinting and antialiasing,
 * which a vector PDF does not use.
 *
 * The snapshot keeps those directories, taken from the system's configuration once loaded,
 * in the user's cache directory, together with the modification times of every
 * configuration file and directory that was read, and of the places a user's own
 * configuration would go. It is used only while they are all unchanged: otherwise the
 * system's configuration is loaded as usual and the snapshot written again. Fonts added to a
 * known directory need nothing of this: fontconfig checks each directory against its cache.
 */
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "ranah-letter.h"

#define GROUP "fontconfig"

/* Environment that changes which configuration fontconfig reads or where it resolves
 * "xdg" paths: a snapshot made under other values is not used. */
static const char *const config_env[] = {
  "FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME", "XDG_CONFIG_HOME",
  "XDG_DATA_HOME", "XDG_CACHE_HOME",
};

static char *
snapshot_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "ranah", "fontconfig-snapshot.ini", NULL);
}

/* What the snapshot is valid for: fontconfig's version and the environment above. */
static char *
environment_key (void)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "fontconfig %d", FcGetVersion ());
  for (gsize i = 0; i < G_N_ELEMENTS (config_env); i++)
    {
      const char *value = g_getenv (config_env[i]);
      g_string_append_printf (key, ";%s=%s", config_env[i], value != NULL ? value : "");
    }
  return g_string_free (key, FALSE);
}

/* "mtime.nsec size" of @path, or "absent": a file that appears counts as a change too. */
static char *
stamp_of (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return g_strdup ("absent");
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%09ld %" G_GINT64_FORMAT,
                          (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                          (gint64) st.st_size);
}

static void
add_strings (GPtrArray *out,
             FcStrList *list)
{
  FcChar8 *s;

  if (list == NULL)
    return;
  while ((s = FcStrListNext (list)) != NULL)
    g_ptr_array_add (out, g_strdup ((const char *) s));
  FcStrListDone (list);
}

/* Where a user's own configuration goes (fontconfig's 50-user.conf): watched even while
 * absent, since creating one must end the snapshot. */
static void
add_user_config_places (GPtrArray *watched)
{
  const char *home = g_get_home_dir ();

  g_ptr_array_add (watched, g_build_filename (g_get_user_config_dir (), "fontconfig", NULL));
  g_ptr_array_add (watched, g_build_filename (g_get_user_config_dir (), "fontconfig",
                                              "fonts.conf", NULL));
  g_ptr_array_add (watched, g_build_filename (g_get_user_config_dir (), "fontconfig",
                                              "conf.d", NULL));
  g_ptr_array_add (watched, g_build_filename (home, ".fonts.conf", NULL));
  g_ptr_array_add (watched, g_build_filename (home, ".fonts.conf.d", NULL));
}

/* FcConfigGetFontDirs() lists every directory below the configured ones too; fontconfig
 * walks those itself, so only the topmost are kept. */
static void
keep_topmost (GPtrArray *dirs)
{
  for (guint i = dirs->len; i-- > 0;)
    for (guint j = 0; j < dirs->len; j++)
      {
        const char *dir = dirs->pdata[i], *other = dirs->pdata[j];
        gsize n = strlen (other);

        if (i != j && strncmp (dir, other, n) == 0 && dir[n] == G_DIR_SEPARATOR)
          {
            g_ptr_array_remove_index (dirs, i);
            break;
          }
      }
}

static void
write_snapshot (FcConfig *config)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GPtrArray) watched = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) font_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cache_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stamps = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = snapshot_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *key = environment_key ();
  g_autofree char *data = NULL;
  gsize length = 0;

  add_strings (watched, FcConfigGetConfigFiles (config));
  add_strings (watched, FcConfigGetConfigDirs (config));
  add_user_config_places (watched);
  add_strings (font_dirs, FcConfigGetFontDirs (config));
  keep_topmost (font_dirs);
  add_strings (cache_dirs, FcConfigGetCacheDirs (config));
  if (watched->len == 0 || font_dirs->len == 0)
    return;
  for (guint i = 0; i < watched->len; i++)
    g_ptr_array_add (stamps, stamp_of (watched->pdata[i]));

  g_key_file_set_string (file, GROUP, "key", key);
  g_key_file_set_string_list (file, GROUP, "watched", (const char *const *) watched->pdata,
                              watched->len);
  g_key_file_set_string_list (file, GROUP, "stamps", (const char *const *) stamps->pdata,
                              stamps->len);
  g_key_file_set_string_list (file, GROUP, "font-dirs",
                              (const char *const *) font_dirs->pdata, font_dirs->len);
  g_key_file_set_string_list (file, GROUP, "cache-dirs",
                              (const char *const *) cache_dirs->pdata, cache_dirs->len);
  data = g_key_file_to_data (file, &length, NULL);
  /* Only a speed-up: a cache that cannot be written is simply not there next time. */
  if (g_mkdir_with_parents (dir, 0700) == 0)
    g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                              NULL);
}

static void
append_element (GString    *xml,
                const char *element,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (xml, "<%s>%s</%s>", element, escaped, element);
}

/* The configuration the snapshot describes, or NULL when there is none or it is stale. */
static FcConfig *
load_snapshot (void)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = snapshot_path ();
  g_autofree char *key = environment_key ();
  g_autofree char *stored_key = NULL;
  g_auto(GStrv) watched = NULL, stamps = NULL, font_dirs = NULL, cache_dirs = NULL;
  g_autoptr(GString) xml = NULL;
  FcConfig *config;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL)
      || (stored_key = g_key_file_get_string (file, GROUP, "key", NULL)) == NULL
      || !g_str_equal (stored_key, key))
    return NULL;
  watched = g_key_file_get_string_list (file, GROUP, "watched", NULL, NULL);
  stamps = g_key_file_get_string_list (file, GROUP, "stamps", NULL, NULL);
  font_dirs = g_key_file_get_string_list (file, GROUP, "font-dirs", NULL, NULL);
  cache_dirs = g_key_file_get_string_list (file, GROUP, "cache-dirs", NULL, NULL);
  if (watched == NULL || stamps == NULL || font_dirs == NULL || cache_dirs == NULL
      || g_strv_length (watched) != g_strv_length (stamps) || font_dirs[0] == NULL)
    return NULL;
  for (guint i = 0; watched[i] != NULL; i++)
    {
      g_autofree char *now = stamp_of (watched[i]);
      if (!g_str_equal (now, stamps[i]))
        return NULL;
    }

  xml = g_string_new ("<?xml version=\"1.0\"?>\n<fontconfig>");
  for (guint i = 0; font_dirs[i] != NULL; i++)
    append_element (xml, "dir", font_dirs[i]);
  for (guint i = 0; cache_dirs[i] != NULL; i++)
    append_element (xml, "cachedir", cache_dirs[i]);
  /* As Debian's 70-no-bitmaps.conf does: a PDF wants outlines. */
  g_string_append (xml, "<selectfont><rejectfont><pattern><patelt name=\"scalable\">"
                        "<bool>false</bool></patelt></pattern></rejectfont></selectfont>"
                        "</fontconfig>");

  config = FcConfigCreate ();
  if (!FcConfigParseAndLoadFromMemory (config, (const FcChar8 *) xml->str, FcFalse)
      || !FcConfigBuildFonts (config))
    {
      FcConfigDestroy (config);
      return NULL;
    }
  return config;
}

void
ranah_letter_fonts_use_snapshot (void)
{
  static gsize done = 0;
  FcConfig *config;

  if (!g_once_init_enter (&done))
    return;
  if ((config = load_snapshot ()) != NULL)
    {
      FcConfigSetCurrent (config);
      FcConfigDestroy (config);  /* the current configuration holds its own reference */
    }
  else if (FcInit ())
    write_snapshot (FcConfigGetCurrent ());
  g_once_init_leave (&done, 1);
}
