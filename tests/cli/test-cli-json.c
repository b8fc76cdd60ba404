/* test-cli-json.c — ranah-cli's JSON writer: escaping and nesting
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ranah-cli-json.h"

static void
test_escape (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  ranah_cli_json_escape (out, "a\"b\\c\nd\te\x01" "f\x7f");
  g_assert_cmpstr (out->str, ==, "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u007f\"");

  g_string_truncate (out, 0);
  ranah_cli_json_escape (out, "Dinas \xe2\x80\xa8 Kesehatan \xc3\xa9");
  g_assert_cmpstr (out->str, ==, "\"Dinas \\u2028 Kesehatan \xc3\xa9\"");

  /* Characters that change the text direction are escapes, not themselves. */
  g_string_truncate (out, 0);
  ranah_cli_json_escape (out, "laporan\u202efdp.exe \u2066x\u2069 \u200f\xc2\x9b");
  g_assert_cmpstr (out->str, ==, "\"laporan\\u202efdp.exe \\u2066x\\u2069 \\u200f\\u009b\"");

  /* Bytes that are not UTF-8 never make the document invalid. */
  g_string_truncate (out, 0);
  ranah_cli_json_escape (out, "a\xff" "b\xc3");
  g_assert_cmpstr (out->str, ==, "\"a\\ufffdb\\ufffd\"");
}

static void
test_nesting (void)
{
  g_autoptr(RanahCliJson) json = ranah_cli_json_new ();
  const char *strv[] = { "x", "y", NULL };

  ranah_cli_json_begin_object (json);
  ranah_cli_json_member_int (json, "id", 7);
  ranah_cli_json_member_string (json, "none", NULL);
  ranah_cli_json_member_bool (json, "ok", TRUE);
  ranah_cli_json_member_double (json, "days", 0.5);
  ranah_cli_json_member_time (json, "at", 0);
  ranah_cli_json_member_time (json, "when", 86400);
  ranah_cli_json_member_strv (json, "list", strv);
  ranah_cli_json_key (json, "empty");
  ranah_cli_json_begin_array (json);
  ranah_cli_json_end_array (json);
  ranah_cli_json_key (json, "rows");
  ranah_cli_json_begin_array (json);
  ranah_cli_json_begin_object (json);
  ranah_cli_json_end_object (json);
  ranah_cli_json_int (json, -1);
  ranah_cli_json_end_array (json);
  ranah_cli_json_end_object (json);

  g_assert_cmpstr (ranah_cli_json_get_text (json), ==,
                   "{\"id\":7,\"none\":null,\"ok\":true,\"days\":0.500,\"at\":null,"
                   "\"when\":\"1970-01-02T00:00:00Z\",\"list\":[\"x\",\"y\"],\"empty\":[],"
                   "\"rows\":[{},-1]}\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ranah/cli/json/escape", test_escape);
  g_test_add_func ("/ranah/cli/json/nesting", test_nesting);
  return g_test_run ();
}
