#!/usr/bin/python3
"""Narrow: at 360 px wide (the X window resized with xdotool, there being no
window manager) every screen fits: the window really is 360 px, no control's
extents leave the window, sibling controls do not overlap. Screenshots at 360
and 1280 px of each screen."""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyatspi  # noqa: E402
from person import (App, Server, T_NET, T_UI, chord, click, diag, extents, press,  # noqa: E402
                    run_tests, wait_for)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
names = __import__("test-names")  # reuse its screen walk (stale views pruned)

state = {}
NARROW, WIDE, HEIGHT = 360, 1280, 900
CONTROLS = names.CONTROL_ROLES | {"label"}


def resize(width):
    app = state["app"]
    win = app.main_window()
    for xid in app.x_windows():
        subprocess.run(["xdotool", "windowsize", str(xid), str(width), str(HEIGHT)], check=False, stdout=subprocess.DEVNULL)
    try:
        wait_for(lambda: extents(app.main_window())[2] == width, 2, f"the window at {width} px", interval=0.1)
    except AssertionError:
        pass
    time.sleep(0.8)
    return extents(win)


def overlap(a, b, margin=2):
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return (ax + margin < bx + bw and bx + margin < ax + aw and
            ay + margin < by + bh and by + margin < ay + ah)


def measure(views):
    """{key: (role, name, extents, path)} of the controls and labels on screen.
    GTK 4.8 leaves stale extents on what is not drawn (the squeezed-out view
    switcher, recycled list rows, left stack pages) and has no working
    GetAccessibleAtPoint: a node that is not horizontally inside its parent
    is taken as not drawn and skipped with its subtree."""
    app = state["app"]
    out = {}
    state["accs"] = {}

    def clip_to(e, clip):
        x0, y0 = max(e[0], clip[0]), max(e[1], clip[1])
        x1, y1 = min(e[0] + e[2], clip[0] + clip[2]), min(e[1] + e[3], clip[1] + clip[3])
        return (x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None

    def rec(node, pext, clip, path, key):
        try:
            n = node.childCount
        except Exception:
            return
        for i in range(n):
            try:
                c = node.getChildAtIndex(i)
                role, name = c.getRoleName(), c.name or ""
            except Exception:
                continue
            if names.VIEW.match(name) and name not in views:
                continue
            try:
                e = extents(c)
            except Exception:
                e = None
            cclip = clip
            if e is not None:
                if e[2] <= 0 and e[3] <= 0:
                    continue
                if pext and (e[0] < pext[0] - 1 or e[0] + e[2] > pext[0] + pext[2] + 1):
                    continue
                # what a scrolled window shows is the part inside its viewport
                vis = clip_to(e, clip)
                if vis is None:
                    continue
                if role == "scroll pane":
                    cclip = vis
            else:
                vis = None
            p = path + (f"{role}[{name}]" if name else role,)
            k = key + (i,)
            if role in CONTROLS and e is not None:
                out[k] = (role, name, vis, p)
                state["accs"][k] = c
            rec(c, e or pext, cclip, p, k)
    win = app.main_window()
    rec(win, extents(win), extents(win), (), ())
    return out


def mid_word_breaks(a):
    """The places where a label's text is broken into lines between two
    letters or digits (e.g. "Masterca|rd"), from the Text interface's
    line boundaries."""
    try:
        t = a.queryText()
        n = t.characterCount
        text = t.getText(0, n)
    except Exception:
        return []
    out, off = [], 0
    for _ in range(50):
        if off >= n:
            break
        try:
            line, start, end = t.getTextAtOffset(off, pyatspi.TEXT_BOUNDARY_LINE_START)
        except Exception:
            break
        if end <= off:
            break
        if 0 < end < n and text[end - 1].isalnum() and text[end].isalnum():
            out.append(f"{text[:end]}|{text[end:]}")
        off = end
    return out


def check_fit(screen, views):
    app = state["app"]
    problems = []
    resize(WIDE)
    wide = measure(views)
    app.screenshot(f"narrow-{screen}-1280")
    wx, wy, ww, wh = resize(NARROW)
    if ww > NARROW:
        problems.append(f"the window asked for {NARROW} px stays {ww} px wide (its minimum width)")
    app.screenshot(f"narrow-{screen}-360")
    narrow = measure(views)
    items = list(narrow.items())
    for k, (role, name, (x, y, w, h), path) in items:
        where = " > ".join(path[-3:])
        if x < wx - 1 or x + w > wx + ww + 1:
            problems.append(f"{role} {name!r} spans x {x}..{x + w}, outside the window's "
                            f"{wx}..{wx + ww}, at {where}")
        if role == "label" and name:
            acc = state["accs"].get(k)
            for b in (mid_word_breaks(acc) if acc is not None else []):
                problems.append(f"label {name!r} broken mid-word at {NARROW} px: {b!r}, at {where}")
    for i, (k, (r, n, e, p)) in enumerate(items):
        for (k2, (r2, n2, e2, p2)) in items[i + 1:]:
            if k2[:len(k)] == k or k[:len(k2)] == k2:
                continue  # one inside the other (a button and its label)
            if r == r2 == "label" and n == n2:
                continue  # AdwEntryRow draws its title twice (one is faded out)
            if overlap(e, e2):
                problems.append(f"{r} {n!r} {e} overlaps {r2} {n2!r} {e2}")
    print(f"# screen {screen}: {len(narrow)} controls measured at {NARROW} px", flush=True)
    for p in problems:
        diag(f"{screen}: {p}")
    if problems:
        raise AssertionError(f"{len(problems)} problems at {NARROW} px on {screen}: "
                             + " | ".join(problems[:12]))


def t_login():
    check_fit("login", {"CpLoginPage"})


def login_then(tab, views, screen):
    def fn():
        app = state["app"]
        if not state.get("logged_in"):
            app.login("ada@example.com", "demo-customer-password")
            app.wait("label", re.compile("^Balance"), timeout=T_NET)
            state["logged_in"] = True
        if tab:
            resize(WIDE)  # the header's view switcher (the bottom bar's is hidden)
            app.switch_tab(tab)
            time.sleep(1.5)
        check_fit(screen, views)
    return fn


def dialog_fits(screen, open_it):
    def fn():
        app = state["app"]
        problems = []
        for width in (WIDE, NARROW):
            resize(width)
            n = len(app.windows())
            app.focus_window(app.main_window())
            open_it(app)
            dlg = wait_for(lambda: len(app.windows()) > n and app.top_window(), T_UI,
                           f"the {screen} dialog")
            time.sleep(0.8)
            app.screenshot(f"narrow-{screen}-{width}")
            mw = extents(app.main_window())[2]
            dx, dy, dw, dh = extents(dlg)
            if width == NARROW and dw > max(mw, NARROW):
                problems.append(f"the {screen} dialog {dlg.name!r} is {dw} px wide over a "
                                f"{mw} px window")
            app.focus_window(dlg)
            press("Escape")
            wait_for(lambda: len(app.windows()) <= n, T_UI, f"the {screen} dialog to close")
        print(f"# screen {screen}: dialog width measured", flush=True)
        if problems:
            raise AssertionError("; ".join(problems))
    return fn


tests = [
    ("login fits at 360 px", t_login),
    ("overview fits at 360 px", login_then(None, {"CpCustomerView", "CpOverviewPage"}, "overview")),
    ("service history fits at 360 px",
     login_then("Service History", {"CpCustomerView", "CpHistoryPage"}, "history")),
    ("saved cards fit at 360 px",
     login_then("Saved Credit Cards", {"CpCustomerView", "CpCardsPage"}, "cards")),
    ("Add New Card dialog fits at 360 px", dialog_fits("add-card", lambda app: chord("ctrl+n"))),
    ("Pay dialog fits at 360 px",
     dialog_fits("pay", lambda app: (app.switch_tab("Overview"),
                                     click(app.wait("push button", "Pay"))))),
]

if __name__ == "__main__":
    try:
        state["server"] = Server().start()
        state["app"] = App(state["server"].url)
    except Exception as e:
        err = e
        tests = [(n, (lambda: (_ for _ in ()).throw(AssertionError(f"setup: {err}"))))
                 for n, _ in tests]
    run_tests(tests)
