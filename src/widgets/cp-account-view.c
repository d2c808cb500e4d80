/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include "cp-account-view.h"

G_DEFINE_INTERFACE (CpAccountView, cp_account_view, GTK_TYPE_WIDGET)

static void
cp_account_view_default_init (CpAccountViewInterface *iface)
{
}

/**
 * cp_account_view_get_stack:
 *
 * Returns: (transfer none): the view's pages
 */
AdwViewStack *
cp_account_view_get_stack (CpAccountView *self)
{
  g_return_val_if_fail (CP_IS_ACCOUNT_VIEW (self), NULL);

  return CP_ACCOUNT_VIEW_GET_IFACE (self)->get_stack (self);
}

/**
 * cp_account_view_get_switcher_bar:
 *
 * Returns: (transfer none): the switcher bar for narrow windows
 */
AdwViewSwitcherBar *
cp_account_view_get_switcher_bar (CpAccountView *self)
{
  g_return_val_if_fail (CP_IS_ACCOUNT_VIEW (self), NULL);

  return CP_ACCOUNT_VIEW_GET_IFACE (self)->get_switcher_bar (self);
}

/**
 * cp_account_view_get_actions:
 *
 * Returns: (transfer none): the view's actions ("refresh", "add-card",
 *   "find", … as the view has them)
 */
GActionGroup *
cp_account_view_get_actions (CpAccountView *self)
{
  g_return_val_if_fail (CP_IS_ACCOUNT_VIEW (self), NULL);

  return CP_ACCOUNT_VIEW_GET_IFACE (self)->get_actions (self);
}

/**
 * cp_account_view_get_shortcuts_resource:
 *
 * Returns: the resource path of the view's shortcuts window
 */
const char *
cp_account_view_get_shortcuts_resource (CpAccountView *self)
{
  g_return_val_if_fail (CP_IS_ACCOUNT_VIEW (self), NULL);

  return CP_ACCOUNT_VIEW_GET_IFACE (self)->get_shortcuts_resource (self);
}

/**
 * cp_account_view_select_page:
 * @position: 1 for the first page that shows, 2 for the second, …
 *
 * Shows a page by its place in the switcher (Alt+1, Alt+2, …); pages
 * hidden at the moment (Saved Credit Cards while online payments are off)
 * do not count.
 *
 * Returns: whether there was such a page
 */
gboolean
cp_account_view_select_page (CpAccountView *self,
                             guint          position)
{
  AdwViewStack *stack;
  g_autoptr(GtkSelectionModel) pages = NULL;
  guint n = 0;

  g_return_val_if_fail (CP_IS_ACCOUNT_VIEW (self), FALSE);

  stack = cp_account_view_get_stack (self);
  pages = adw_view_stack_get_pages (stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (!adw_view_stack_page_get_visible (page) || ++n != position)
        continue;
      adw_view_stack_set_visible_child (stack, adw_view_stack_page_get_child (page));
      return TRUE;
    }
  return FALSE;
}
