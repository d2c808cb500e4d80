/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CP_TYPE_ACCOUNT_VIEW (cp_account_view_get_type ())

G_DECLARE_INTERFACE (CpAccountView, cp_account_view, CP, ACCOUNT_VIEW, GtkWidget)

/**
 * CpAccountViewInterface:
 * @get_stack: the pages, for the window's view switcher
 * @get_switcher_bar: the bar that switches pages in a narrow window
 * @get_actions: the view's actions, which the window puts under "view."
 *   so that their shortcuts work wherever focus is in the window
 * @get_shortcuts_resource: the GtkShortcutsWindow `.ui` resource that lists
 *   this view's shortcuts
 *
 * What the window needs of the view of whoever is logged in (the customer
 * view, the staff view), without knowing which one it holds.
 */
struct _CpAccountViewInterface
{
  GTypeInterface parent_iface;

  AdwViewStack       *(*get_stack)              (CpAccountView *self);
  AdwViewSwitcherBar *(*get_switcher_bar)       (CpAccountView *self);
  GActionGroup       *(*get_actions)            (CpAccountView *self);
  const char         *(*get_shortcuts_resource) (CpAccountView *self);
};

AdwViewStack       *cp_account_view_get_stack              (CpAccountView *self);
AdwViewSwitcherBar *cp_account_view_get_switcher_bar       (CpAccountView *self);
GActionGroup       *cp_account_view_get_actions            (CpAccountView *self);
const char         *cp_account_view_get_shortcuts_resource (CpAccountView *self);
gboolean            cp_account_view_select_page            (CpAccountView *self,
                                                            guint          position);

G_END_DECLS
