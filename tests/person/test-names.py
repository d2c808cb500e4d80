#!/usr/bin/python3
"""What a screen reader hears: on every screen and dialog reached, every control
has a non-empty accessible name that is not a widget type name, is not doubled
("Cancel Cancel"), carries no mnemonic underscore ("_Delete Delete"), contains
the visible words of its label (WCAG 2.5.3), list rows are named, and no
decorative image is announced ("GtkImage"). Screens are reached however is
quickest (AT-SPI actions, shortcuts, clicks): the keyboard-only walk is
test-keyboard.py's job; this one only listens."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyatspi  # noqa: E402
from person import (App, Checks, Server, T_NET, T_UI, chord, click, diag, press,  # noqa: E402
                    run_tests, wait_for)

CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "text", "password text",
    "entry", "list item", "menu item", "check menu item", "radio menu item", "combo box",
    "switch", "page tab", "spin button", "slider", "link", "tree item", "table cell",
    "menu button", "toggle",
}
IMAGE_ROLES = {"image", "icon"}
TYPE_NAME = re.compile(r"^(Gtk|Adw|Cp)[A-Z]\w*$")
MNEMONIC = re.compile(r"(^|[\s(])_[^\s_]")
# Views that stay in the tree (with stale extents) after they are left: a screen
# lists the views it is made of, every other Cp* view is not on screen.
VIEW = re.compile(r"^Cp[A-Z]\w*(Page|View|Search|Record)$")

state = {}


def doubled(name):
    words = name.split()
    if len(words) >= 2 and len(words) % 2 == 0:
        h = len(words) // 2
        if words[:h] == words[h:]:
            return True
    # "Use as primary card Use as primary card" and the like, any length
    m = re.match(r"^(.+?)\s+\1$", name)
    return bool(m)


def visible_text(node):
    """The words a sighted person reads on a control: its label children."""
    texts = []

    def rec(a, depth):
        if depth > 4:
            return
        for i in range(a.childCount):
            c = a.getChildAtIndex(i)
            if c is None:
                continue
            try:
                role = c.getRoleName()
            except Exception:
                continue
            if role == "label" and c.name and not TYPE_NAME.match(c.name):
                texts.append(c.name)
            elif role not in CONTROL_ROLES:
                rec(c, depth + 1)
    rec(node, 0)
    return texts


def walk_screen(root, views, path=()):
    try:
        n = root.childCount
    except Exception:
        return
    for i in range(n):
        try:
            c = root.getChildAtIndex(i)
            role, name = c.getRoleName(), c.name or ""
        except Exception:
            continue
        if VIEW.match(name) and name not in views:
            continue
        try:
            e = c.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            if e.width <= 0 and e.height <= 0:
                continue
        except NotImplementedError:
            pass
        except Exception:
            pass
        p = path + (f"{role}[{name}]" if name else role,)
        yield c, role, name, p
        yield from walk_screen(c, views, p)


def audit(screen, root, views=()):
    """Returns the violations on one screen; prints the count audited."""
    views = set(views)
    problems, images, n = [], [], 0
    for a, role, name, path in walk_screen(root, views):
        where = " > ".join(path[-4:])
        if role in IMAGE_ROLES:
            if not name.strip() or TYPE_NAME.match(name):
                images.append(where)
            continue
        if role in ("list", "page tab list", "tree", "table", "dialog", "alert"):
            # containers a screen reader announces on entering them
            nm = name.strip()
            # (a page tab list is left out here: the squeezed-out view switcher
            # stays in the tree with stale extents where it is not drawn)
            if TYPE_NAME.match(nm) and role != "page tab list":
                problems.append(f"{role} announced by its widget type {nm!r} at {where}")
            elif nm and doubled(nm.replace("_", "")):
                problems.append(f"{role} {nm!r}: name doubled, at {where}")
            continue
        if role not in CONTROL_ROLES:
            continue
        n += 1
        nm = name.strip()
        if not nm:
            problems.append(f"{role} with an empty name at {where}")
            continue
        if TYPE_NAME.match(nm):
            problems.append(f"{role} named by its widget type {nm!r} at {where}")
        if doubled(nm.replace("_", "")):
            problems.append(f"{role} {nm!r}: name doubled, at {where}")
        if MNEMONIC.search(nm):
            problems.append(f"{role} {nm!r}: mnemonic underscore in the name, at {where}")
        if role in ("push button", "toggle button", "check box", "menu item", "link"):
            for t in visible_text(a):
                vis = t.replace("_", "").strip()
                if vis and vis.lower() not in nm.lower():
                    problems.append(f"{role} {nm!r}: visible label {vis!r} not inside the "
                                    f"name (WCAG 2.5.3), at {where}")
    print(f"# screen {screen}: {n} controls audited", flush=True)
    if images:
        problems.append(f"{len(images)} decorative images announced as 'GtkImage' or "
                        f"unnamed, e.g. at {images[0]}" + (f"; {images[1]}" if len(images) > 1 else ""))
    for p in problems:
        diag(f"{screen}: {p}")
    return problems


def screen_test(screen, get_root, views, before=None, after=None):
    def fn():
        app = state["app"]
        if before:
            before(app)
        app = state["app"]  # the staff screens start another process
        root = get_root(app)
        time.sleep(0.5)
        app.screenshot(f"names-{screen}")
        c = Checks()
        for p in audit(screen, root, views):
            c.failures.append(p)
        for p in state.pop("pay_confirmation", []):
            c.failures.append("on the pay confirmation: " + p)
        if after:
            after(app)
        if c.failures:
            raise AssertionError(f"{len(c.failures)} violations on {screen}: " + " | ".join(c.failures))
    return (f"names on {screen}", fn)


def window_named(name):
    return lambda app: wait_for(lambda: next((w for w in app.windows() if w.name == name), None),
                                T_UI, f"the window {name!r}")


def main_window(app):
    return app.main_window()


def top_window(app):
    return wait_for(lambda: len(app.windows()) > 1 and app.top_window(), T_UI, "a dialog")


def do(role, name, root=None):
    def f(app):
        b = app.wait(role, name, root=root(app) if root else None)
        b.queryAction().doAction(0)
        time.sleep(0.5)
    return f


def seq(*fs):
    def f(app):
        for g in fs:
            g(app)
    return f


def close_top(app):
    n = len(app.windows())
    app.focus_window(app.top_window())
    press("Escape")
    wait_for(lambda: len(app.windows()) < n, T_UI, "the dialog to close on Escape")
    app.focus_window(app.main_window())


def wait_label(pattern):
    def f(app):
        app.wait("label", re.compile(pattern), timeout=T_NET, what=f"a label /{pattern}/")
    return f


def tab(name):
    def f(app):
        app.switch_tab(name)
        time.sleep(0.5)
    return f


def pay_in_dialog(app):
    dlg = top_window(app)
    n = len(app.windows())
    click(app.wait("push button", re.compile(r"^_?Pay\b"), root=dlg))
    # a confirmation ("Pay $461.50?") may come first: audit it, then confirm
    conf = wait_for(lambda: (len(app.windows()) > n and app.top_window()) or
                    app.find("push button", re.compile("Done"), root=dlg), T_NET,
                    "the confirmation or the receipt")
    if conf.getRoleName() in ("dialog", "frame", "window", "alert"):
        time.sleep(0.5)
        app.screenshot("names-pay-confirmation")
        state["pay_confirmation"] = audit("pay-confirmation", conf)
        click(app.wait("push button", re.compile(r"Pay"), root=conf))
    app.wait("push button", re.compile("Done"), root=dlg, timeout=T_NET, what="the receipt")
    time.sleep(0.5)


def login_customer(app):
    app.login("ada@example.com", "demo-customer-password")
    wait_label(r"^Balance")(app)


def start(login_email=None):
    def f():
        if state.get("app"):
            state["app"].stop()
        state["app"] = App(state["server"].url)
    return f


def customer_tests():
    cust = {"CpCustomerView"}
    return [
        screen_test("login", main_window, {"CpLoginPage"}),
        screen_test("invitation", main_window, {"CpInvitationPage"},
                    before=do("push button", re.compile(r"(?i)^Request (an )?Invitation$")),
                    after=do("push button", re.compile("Back|Log"), root=None)),
        screen_test("overview", main_window, cust | {"CpOverviewPage"}, before=login_customer),
        screen_test("pay", top_window, set(),
                    before=do("push button", "Pay"), after=close_top),
        screen_test("receipt", top_window, set(),
                    before=seq(do("push button", "Pay"), pay_in_dialog), after=close_top),
        # after paying: the overview's Recent Payments, each with its status
        screen_test("overview-payments", main_window, cust | {"CpOverviewPage"},
                    before=wait_label(r"^Succeeded$")),
        screen_test("history", main_window, cust | {"CpHistoryPage"},
                    before=seq(tab("Service History"), lambda app: time.sleep(1))),
        screen_test("cards", main_window, cust | {"CpCardsPage"},
                    before=seq(tab("Saved Credit Cards"),
                               lambda app: app.wait("push button", re.compile("Set"), timeout=T_NET))),
        screen_test("autopay", window_named("AutoPay"), set(),
                    before=seq(do("push button", "Set Up…"),
                               lambda app: app.wait("label", re.compile("^I authorize"),
                                                    timeout=T_NET)),
                    after=close_top),
        screen_test("add-card", window_named("Add New Card"), set(),
                    before=lambda app: chord("ctrl+n"), after=close_top),
        screen_test("add-bank", window_named("Add Bank Account"), set(),
                    before=do("push button", "Add Bank Account"), after=close_top),
        screen_test("delete-confirmation", top_window, set(),
                    before=lambda app: click(app.wait("push button", re.compile(r"^(Delete|Remove)"))),
                    after=close_top),
        screen_test("preferences", top_window, set(),
                    before=lambda app: chord("ctrl+comma"), after=close_top),
        screen_test("shortcuts-customer", top_window, set(),
                    before=lambda app: chord("ctrl+question"), after=close_top),
    ]


def login_staff(app):
    app.stop()
    state["app"] = app2 = App(state["server"].url)
    app2.login("admin@example.com", "demo-admin-password")
    app2.wait("page tab", re.compile("Customers"), timeout=T_NET, what="the staff view")


def staff_tests():
    staff = {"CpStaffView", "CpCustomerSearch"}
    A = lambda: state["app"]  # noqa: E731
    return [
        screen_test("staff-search", main_window, staff,
                    before=lambda app: (login_staff(app), search_rows(A()))),
        screen_test("staff-record", main_window, staff | {"CpCustomerRecord"},
                    before=lambda app: open_first_record(A())),
        screen_test("card-history", top_window, set(),
                    before=lambda app: do("push button", re.compile("View History"))(A()),
                    after=lambda app: close_top(A())),
        screen_test("booking", main_window, {"CpStaffView", "CpBookingPage"},
                    before=lambda app: tab(re.compile("Booking"))(A())),
        screen_test("settings", main_window, {"CpStaffView", "CpSettingsPage"},
                    before=lambda app: tab(re.compile("Settings"))(A())),
        screen_test("shortcuts-staff", top_window, set(),
                    before=lambda app: chord("ctrl+question"), after=lambda app: close_top(A())),
    ]


def search_rows(app):
    search = app.wait("filler", "CpCustomerSearch", timeout=T_NET)
    return wait_for(lambda: app.find_all("list item", root=search), T_NET, "search results")


def open_first_record(app):
    row = search_rows(app)[0]
    click(row)
    time.sleep(0.3)
    press("Return")
    app.wait("push button", re.compile("View History"), timeout=T_NET)


if __name__ == "__main__":
    tests = customer_tests() + staff_tests()
    # Each screen test gets the current app (the staff ones replace it).
    wrapped = []
    for name, fn in tests:
        wrapped.append((name, fn))
    try:
        state["server"] = Server().start()
        state["app"] = App(state["server"].url)
    except Exception as e:
        err = e
        wrapped = [(n, (lambda: (_ for _ in ()).throw(AssertionError(f"setup: {err}"))))
                   for n, _ in wrapped]
    run_tests(wrapped)
