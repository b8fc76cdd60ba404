/* letter-test-util.h — running poppler-utils on generated PDFs and reading their answers
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "letter-fixture.h"

G_BEGIN_DECLS

/* Runs @argv (NULL-terminated), asserts it succeeded, returns its standard output. */
static inline char *
util_run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  /* A copy: GCC 12 otherwise takes the text for a pointer into this frame. */
  return g_strdup (out);
}

/* Writes @pdf into @dir as @name; returns the path. */
static inline char *
util_write (const char *dir,
            const char *name,
            GBytes     *pdf)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_nonnull (pdf);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  return path;
}

/* The text of @path with every run of white space made one space. */
static inline char *
util_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autofree char *raw = util_run (argv);
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autoptr(GRegex) page_numbers = g_regex_new ("(^| )-\\s*([0-9]+)\\s*-( |$)", 0, 0, NULL);
  g_autofree char *single = g_regex_replace_literal (spaces, raw, -1, 0, " ", 0, NULL);

  /* pdftotext prints a page number "- 2 -" as "-2-" or "- 2 -" depending on its
   * neighbours: one spelling for the tests. */
  return g_regex_replace (page_numbers, single, -1, 0, "\\1- \\2 -\\3", 0, NULL);
}

/* Asserts that each of @parts occurs in @text, in this order. */
static inline void
util_assert_in_order (const char         *text,
                      const char * const *parts)
{
  const char *at = text;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *found = strstr (at, parts[i]);

      if (found == NULL)
        g_error ("“%s” missing (or out of order) after “%.60s”", parts[i], at);
      at = found + strlen (parts[i]);
    }
}

/* The page size that pdfinfo reports for @path, in points. */
static inline void
util_page_size (const char *path,
                double     *width,
                double     *height)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = util_run (argv);
  const char *line = strstr (info, "Page size:");
  int n;

  g_assert_nonnull (line);
  n = sscanf (line, "Page size: %lf x %lf pts", width, height);
  g_assert_cmpint (n, ==, 2);
}

typedef struct {
  double x0, y0, x1, y1;
  guint  page;
  char  *text;
} UtilWord;

static inline void
util_word_free (gpointer data)
{
  UtilWord *word = data;

  g_free (word->text);
  g_free (word);
}

/* Every word box of @path from pdftotext -bbox; @page_width/@page_height of the first
 * page. */
static inline GPtrArray *
util_words (const char *path,
            double     *page_width,
            double     *page_height)
{
  const char *argv[] = { "pdftotext", "-bbox", path, "-", NULL };
  g_autofree char *html = util_run (argv);
  g_autoptr(GRegex) re = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">|"
                                      "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                      "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>",
                                      0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (util_word_free);
  int page = -1;

  g_regex_match (re, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *pw = g_match_info_fetch (match, 1);

      if (pw != NULL && *pw != '\0')
        {
          g_autofree char *ph = g_match_info_fetch (match, 2);
          if (page < 0)
            {
              *page_width = g_ascii_strtod (pw, NULL);
              *page_height = g_ascii_strtod (ph, NULL);
            }
          page++;
        }
      else
        {
          UtilWord *word = g_new0 (UtilWord, 1);
          g_autofree char *x0 = g_match_info_fetch (match, 3);
          g_autofree char *y0 = g_match_info_fetch (match, 4);
          g_autofree char *x1 = g_match_info_fetch (match, 5);
          g_autofree char *y1 = g_match_info_fetch (match, 6);

          word->x0 = g_ascii_strtod (x0, NULL);
          word->y0 = g_ascii_strtod (y0, NULL);
          word->x1 = g_ascii_strtod (x1, NULL);
          word->y1 = g_ascii_strtod (y1, NULL);
          word->page = (guint) MAX (page, 0);
          word->text = g_match_info_fetch (match, 7);
          g_ptr_array_add (words, word);
        }
      g_match_info_next (match, NULL);
    }
  return words;
}

G_END_DECLS
