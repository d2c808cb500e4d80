/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz.h"

/*
 * The regression runner of a fuzzing harness, for the normal build: no
 * libFuzzer, the same LLVMFuzzerTestOneInput() fed each file of the
 * checked-in corpus given on the command line (files or folders). A
 * harness that crashes, trips a sanitizer or fails an assertion on any of
 * them fails the test. tests/fuzz/run builds the same harnesses with
 * libFuzzer and fuzzes them.
 */

static guint n_inputs;

static void
feed_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, length);
  n_inputs++;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
feed (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      feed_file (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  /* In a fixed order, so that a failure is the same every run. */
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    feed (names->pdata[i]);
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-FILE-OR-FOLDER...\n", argv[0]);
      return 2;
    }
  if (LLVMFuzzerInitialize != NULL)
    LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    feed (argv[i]);
  fprintf (stderr, "%u inputs, no failure\n", n_inputs);
  return n_inputs > 0 ? 0 : 1;
}
