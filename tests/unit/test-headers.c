/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-core.h"

/* The public headers compile on their own and register their enum types. */
static void
test_enum_types (void)
{
  g_autoptr(GEnumClass) brands = g_type_class_ref (CP_TYPE_CARD_BRAND);

  g_assert_nonnull (g_enum_get_value (brands, CP_CARD_BRAND_UNIONPAY));
  g_assert_true (G_TYPE_IS_ENUM (CP_TYPE_ROLE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unit/headers/enum-types", test_enum_types);

  return g_test_run ();
}
