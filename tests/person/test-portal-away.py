#!/usr/bin/python3
"""The portal goes away and comes back. The app talks to the real server
through a small TCP relay in this program, so that the test can make the
portal unreachable (every connection closed at once, as a portal behind a
dead load balancer) and bring it back on the same address, and can count the
requests the app makes on its own. With the overview shown: Ctrl+R while the
portal is away must keep the balance on screen (its pixels unchanged) with a
banner saying so, leave no spinner turning, and once the portal answers again
the app must try again by itself and take the banner away within a bound."""
import os
import re
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyatspi  # noqa: E402
from person import (App, Server, SLOW, T_NET, chord, diag, extents, run_tests,  # noqa: E402
                    wait_for)

RECOVER_WITHIN = 30 * SLOW  # seconds, without any input
state = {}


class Relay:
    def __init__(self, upstream_port):
        self.up = upstream_port
        self.away = False
        self.requests = 0
        self.refused = 0
        self.log = []  # request lines and answer status lines, in order
        self.lock = threading.Lock()
        self.conns = []
        self.ls = socket.socket()
        self.ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.ls.bind(("127.0.0.1", 0))
        self.ls.listen(64)
        self.port = self.ls.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                c, _ = self.ls.accept()
            except OSError:
                return
            if self.away:
                self.refused += 1
                c.close()
                continue
            try:
                u = socket.create_connection(("127.0.0.1", self.up))
            except OSError:
                c.close()
                continue
            with self.lock:
                self.conns += [c, u]
            threading.Thread(target=self._pump, args=(c, u, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(u, c, False), daemon=True).start()

    def _pump(self, a, b, count):
        try:
            while True:
                data = a.recv(65536)
                if not data:
                    break
                if count:
                    lines = re.findall(rb"(?:GET|POST|PUT|PATCH|DELETE) /api/\S*", data)
                    with self.lock:
                        self.requests += len(lines)
                        self.log += [ln.decode(errors="replace") for ln in lines]
                else:
                    with self.lock:
                        self.log += [ln.decode(errors="replace") for ln in
                                     re.findall(rb"HTTP/1\.[01] \d\d\d", data)]
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def go_away(self):
        self.away = True
        with self.lock:
            for s in self.conns:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self.conns = []

    def come_back(self):
        self.away = False


def crop_signature(box, name):
    """A crop of the screen at box, to compare before and after."""
    x, y, w, h = box
    path = os.path.join(state["dir"], f"{name}.png")
    subprocess.run(["/usr/bin/import", "-window", "root", "-crop", f"{w}x{h}+{x}+{y}", path],
                   check=False, stderr=subprocess.DEVNULL)
    return path


def same_pixels(a, b):
    r = subprocess.run(["/usr/bin/compare", "-metric", "AE", a, b, "null:"],
                       capture_output=True, text=True)
    try:
        return float(r.stderr.split()[0]) == 0
    except (ValueError, IndexError):
        return False


def visible_named(root, pattern):
    out = []
    for a, st, _ in __import__("person").walk(root):
        try:
            if st.contains(pyatspi.STATE_VISIBLE) and a.name and re.search(pattern, a.name):
                e = extents(a)
                if e[2] > 0 and e[3] > 0:
                    out.append((a.getRoleName(), a.name, e))
        except Exception:
            pass
    return out


def labels_on_screen(app):
    return {(r, n) for r, n, e in visible_named(app.main_window(), r".")}


def t_setup_overview():
    app = state["app"]
    app.login("ada@example.com", "demo-customer-password")
    bal = app.wait("label", re.compile(r"^Balance: "), timeout=T_NET, what="the balance")
    time.sleep(1.0)
    state["balance_name"] = bal.name
    state["balance_box"] = extents(bal)
    state["before_img"] = crop_signature(state["balance_box"], "balance-before")
    state["before_names"] = labels_on_screen(app)
    state["before_full"] = app.screenshot("portal-away-0-overview")


def t_away_keeps_content_with_banner():
    app, relay = state["app"], state["relay"]
    relay.go_away()
    app.focus_window(app.main_window())
    chord("ctrl+r")
    try:
        wait_for(lambda: relay.refused > 0, 10 * SLOW, "Ctrl+R to reach for the portal")
    except AssertionError:
        raise AssertionError("Ctrl+R made no connection to the portal within "
                             f"{10 * SLOW:.0f} s (the refresh did not run)")
    problems = []
    banner_re = r"(?i)portal|connect|offline|reach|network|server"

    def banner_now():
        new = labels_on_screen(app) - state["before_names"]
        return [n for r, n in new if r == "label" and re.search(banner_re, n)]
    try:
        banner = wait_for(banner_now, T_NET, "a banner")
    except AssertionError:
        banner = []
    time.sleep(1.0)  # a revealer slides the banner in
    app.screenshot("portal-away-1-refresh-while-away")
    new = sorted(labels_on_screen(app) - state["before_names"])
    diag(f"shown after the refresh with the portal away: {new}")
    # The balance label, where it is now (a banner may push it down): a label
    # that is still drawn has live extents; one on a page that was replaced
    # keeps its old extents over whatever is drawn there now.
    bal = app.find("label", state["balance_name"])
    if bal is None:
        problems.append(f"the balance {state['balance_name']!r} is gone from the tree; new on "
                        f"screen: {new}")
    else:
        box = wait_for(lambda: (lambda a, b: a if a == b else None)(
            extents(bal), (time.sleep(0.3), extents(bal))[1]), 5, "the layout to settle")
        img = crop_signature(box, "balance-away")
        if box[2:] != state["balance_box"][2:] or not same_pixels(state["before_img"], img):
            problems.append(f"the balance ({state['balance_name']!r}) is not drawn where its label "
                            f"is ({box}): the content was replaced; new on screen: {new}")
    if not banner:
        problems.append(f"no banner says the portal cannot be reached within {T_NET:.0f} s "
                        f"(new on screen: {new})")
    state["banner"] = banner
    if banner:
        lab = app.find("label", banner[0])
        state["banner_box"] = extents(lab) if lab else None
    if problems:
        raise AssertionError("; ".join(problems))


def t_no_stuck_spinner():
    app = state["app"]
    time.sleep(5 * SLOW)
    spinning = visible_named(app.main_window(), r"^(Loading|Refreshing|Opening|Reconnecting|Checking)")
    stuck = [s for s in spinning if (s[0], s[1]) not in state["before_names"]]
    app.screenshot("portal-away-2-later")
    if stuck:
        raise AssertionError(f"still turning {5 * SLOW:.0f} s after the failed refresh: {stuck}")


def t_recovers_by_itself():
    app, relay = state["app"], state["relay"]
    n0 = relay.requests
    state["log0"] = len(relay.log)
    relay.come_back()
    problems = []
    try:
        wait_for(lambda: relay.requests > n0, RECOVER_WITHIN,
                 "the app to ask the portal again by itself")
    except AssertionError:
        problems.append(f"no request to the portal within {RECOVER_WITHIN:.0f} s after it came "
                        f"back (no retry, no network monitor)")
    banner = state.get("banner") or []
    box = state.get("banner_box")
    if banner and box:
        # A banner in a closed revealer keeps 'visible' and its extents: look
        # at the pixels where it was drawn, which must be back to what they
        # were before the portal went away.
        x, y, w, h = box
        ref = os.path.join(state["dir"], "banner-area-before.png")
        subprocess.run(["/usr/bin/convert", state["before_full"], "-crop", f"{w}x{h}+{x}+{y}",
                        "+repage", ref], check=False)
        try:
            wait_for(lambda: same_pixels(ref, crop_signature(box, "banner-area-now")),
                     RECOVER_WITHIN, "the banner to go away", interval=1.0)
        except AssertionError:
            problems.append(f"the banner {banner} is still shown {RECOVER_WITHIN:.0f} s after the "
                            f"portal came back, though the app made {relay.requests - n0} "
                            f"request(s) to it since: {relay.log[state['log0']:][:12]}")
    app.screenshot("portal-away-3-back")
    if not app.find("label", state["balance_name"]):
        problems.append(f"the balance {state['balance_name']!r} is gone after the portal came back")
    if problems:
        raise AssertionError("; ".join(problems))


tests = [
    ("overview shown, portal answering", t_setup_overview),
    ("portal away, Ctrl+R: the balance stays and a banner says so", t_away_keeps_content_with_banner),
    ("portal away: no spinner left turning", t_no_stuck_spinner),
    ("portal back: the app retries by itself and clears the banner", t_recovers_by_itself),
]

if __name__ == "__main__":
    try:
        server = Server().start()
        state["dir"] = server.dir
        state["relay"] = Relay(server.port)
        state["app"] = App(state["relay"].url)
    except Exception as e:
        err = e
        tests = [(n, (lambda: (_ for _ in ()).throw(AssertionError(f"setup: {err}"))))
                 for n, _ in tests]
    run_tests(tests)
