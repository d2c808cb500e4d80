#include "config.h"
#include "cp-test-ui.h"
int main (int argc, char *argv[]) { cp_test_ui_init (&argc, &argv); return g_test_run (); }
