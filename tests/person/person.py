"""Shared helpers for the `person` suite: the app and the reference server as real
processes, seen and driven from outside as a person and a screen reader do.

- reading state goes through AT-SPI (pyatspi): names, roles, states, extents;
- input goes through XTest (xdotool): keys with a given delay between them;
- every test program prints TAP on stdout; diagnostics go to stderr.

Run with Debian's /usr/bin/python3 (python3-pyatspi) inside tests/run-headless.sh.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

import pyatspi

# Sanitizer builds are several times slower: every wait polls a condition, with
# a generous bound, and never asserts on a fixed sleep.
SLOW = 3.0 if os.environ.get("CP_PERSON_SLOW") or "sanitize" in os.environ.get("CP_BUILD_ROOT", "") else 1.0
T_APP = 40 * SLOW      # the app to appear on the accessibility bus
T_UI = 10 * SLOW       # a screen or a dialog to appear after an input
T_NET = 10 * SLOW      # a round trip to the server to show its answer

KEYSYM = {"Tab": "Tab", "Return": "Return", "Escape": "Escape", "BackSpace": "BackSpace",
          "Down": "Down", "Up": "Up", "Left": "Left", "Right": "Right", "space": "space"}


def diag(*args):
    print("#", *args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- TAP

class Failures(Exception):
    pass


class Checks:
    """Soft assertions: a test collects every violation, then fails once with all."""

    def __init__(self):
        self.failures = []

    def check(self, cond, msg):
        if not cond:
            self.failures.append(msg)
            diag("FAIL:", msg)
        return cond

    def equal(self, got, want, what):
        return self.check(got == want, f"{what}: got {got!r}, want {want!r}")

    def done(self):
        if self.failures:
            raise Failures("; ".join(self.failures))


def run_tests(tests, setup=None, teardown=None):
    """tests: list of (name, fn). Prints TAP; a harness error in one test is a
    `not ok` with its traceback, never a crash of the program."""
    print(f"1..{len(tests)}", flush=True)
    n_failed = 0
    try:
        for i, (name, fn) in enumerate(tests, 1):
            t0 = time.monotonic()
            try:
                fn()
                print(f"ok {i} - {name}", flush=True)
            except Failures as e:
                n_failed += 1
                print(f"not ok {i} - {name}", flush=True)
                diag(f"{name}: {e}")
            except AssertionError as e:
                n_failed += 1
                print(f"not ok {i} - {name}", flush=True)
                diag(f"{name}: {e}")
            except Exception:
                n_failed += 1
                print(f"not ok {i} - {name}", flush=True)
                for line in traceback.format_exc().splitlines():
                    diag(line)
            diag(f"{name}: {time.monotonic() - t0:.1f} s")
    finally:
        if teardown:
            try:
                teardown()
            except Exception:
                traceback.print_exc(file=sys.stderr)
        Process.stop_all()
    # The TAP stream carries the failures: meson marks the program FAIL from
    # its `not ok` lines. A non-zero exit would be reported as ERROR (reserved
    # for a crashed harness, which exits non-zero by itself).
    diag(f"{n_failed} of {len(tests)} failed")
    sys.exit(0)


# --------------------------------------------------------------------------- waiting

def wait_for(pred, timeout=T_UI, what="condition", interval=0.1):
    """Polls pred() until it returns something truthy; stale accessibility nodes
    (the tree changing under us) count as 'not yet'."""
    deadline = time.monotonic() + timeout
    last_exc = None
    while True:
        try:
            v = pred()
            if v:
                return v
        except AssertionError:
            raise
        except Exception as e:  # noqa: BLE001 - GLib/DBus errors from stale nodes
            last_exc = e
        if time.monotonic() > deadline:
            extra = f" (last error: {last_exc})" if last_exc else ""
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}{extra}")
        time.sleep(interval)


# --------------------------------------------------------------------------- processes

class Process:
    _all = []

    def __init__(self, argv, env, stdout=None, log=None):
        self.log = log
        self.logf = open(log, "wb") if log else subprocess.DEVNULL
        self.p = subprocess.Popen(argv, env=env, stdout=stdout or self.logf,
                                  stderr=self.logf, stdin=subprocess.DEVNULL)
        Process._all.append(self)

    @property
    def pid(self):
        return self.p.pid

    def stop(self):
        if self.p.poll() is None:
            try:
                os.kill(self.p.pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
            self.p.terminate()
            try:
                self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        if self in Process._all:
            Process._all.remove(self)

    @classmethod
    def stop_all(cls):
        for p in list(cls._all):
            try:
                p.stop()
            except Exception:
                pass


def scratch_dir():
    d = tempfile.mkdtemp(prefix="cp-person-")
    import atexit
    atexit.register(shutil.rmtree, d, True)
    return d


class Server:
    """The reference server with --demo data on a fresh database."""

    def __init__(self, scratch=None):
        self.dir = scratch or scratch_dir()
        self.db = os.path.join(self.dir, "portal.db")
        self.mail = os.path.join(self.dir, "mail")
        os.makedirs(self.mail, exist_ok=True)
        self.port = 0
        self.proc = None

    def start(self, port=None):
        binary = os.environ["CP_SERVER_BINARY"]
        env = dict(os.environ, CP_SERVER_EXIT_WITH_PARENT="1")
        argv = [binary, "--db", self.db, "--listen", f"127.0.0.1:{port or 0}",
                "--mail-dir", self.mail, "--demo"]
        self.proc = Process(argv, env, stdout=subprocess.PIPE,
                            log=os.path.join(self.dir, "server.log"))
        line = self.proc.p.stdout.readline().decode()
        m = re.match(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if not m:
            raise RuntimeError(f"server did not start: first line {line!r}")
        self.port = int(m.group(1))
        self.url = f"http://127.0.0.1:{self.port}"
        return self

    def stop(self):
        if self.proc:
            self.proc.stop()
            self.proc = None

    def pause(self):
        os.kill(self.proc.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.proc.pid, signal.SIGCONT)

    # The API as a person's login sees it (to check what the server received).
    def api(self, method, path, body=None, token=None, timeout=10):
        req = urllib.request.Request(self.url + "/api/v1" + path, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        data = json.dumps(body).encode() if body is not None else None
        try:
            with urllib.request.urlopen(req, data, timeout=timeout) as r:
                raw = r.read()
                return r.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raw = e.read()
            return e.code, (json.loads(raw) if raw else None)

    def login(self, email, password):
        st, body = self.api("POST", "/auth/login", {"email": email, "password": password})
        assert st == 200, f"API login {email}: {st} {body}"
        return body["access_token"]

    def latest_mail(self, to=None):
        files = sorted((os.path.join(self.mail, f) for f in os.listdir(self.mail)),
                       key=os.path.getmtime)
        for f in reversed(files):
            text = open(f, errors="replace").read()
            if to is None or to in text:
                return text
        return None


class App:
    """The app as a real process on the shared display, accessibility on."""

    def __init__(self, server_url, scratch=None, extra_env=None, args=()):
        self.dir = scratch or scratch_dir()
        env = dict(os.environ)
        # The meson test env turns accessibility off for the other suites.
        for k in ("GTK_A11Y", "NO_AT_BRIDGE"):
            env.pop(k, None)
        # A GTK warning must not kill the process under observation: we record
        # the log and report it, the assertions are about what a person sees.
        env.pop("G_DEBUG", None)
        env.setdefault("GSETTINGS_BACKEND", "memory")
        env.setdefault("GSK_RENDERER", "cairo")
        env.update(extra_env or {})
        self.log = os.path.join(self.dir, "app.log")
        argv = [os.environ["CP_APP_BINARY"], "--server", server_url, *args]
        # Seen here now and then: GTK's first XOpenDisplay fails ("cannot open
        # display") although the display answers every other client; a second
        # start works. Retry that one harness failure, nothing else.
        for attempt in range(3):
            self.proc = Process(argv, env, log=self.log)
            try:
                self.acc = wait_for(self._find_app, T_APP, "the app on the accessibility bus")
                break
            except AssertionError:
                if attempt < 2 and "cannot open display" in self.log_tail():
                    diag("app could not open the display; starting it again")
                    time.sleep(0.5)
                    continue
                raise
        wait_for(lambda: self.main_window(), T_APP, "the app's window")
        time.sleep(0.5)  # the tree settles after the first frame
        self.focus_window()

    def _find_app(self):
        if self.proc.p.poll() is not None:
            if "cannot open display" in self.log_tail():
                raise AssertionError("cannot open display")
            raise RuntimeError(f"app exited with {self.proc.p.returncode}: {self.log_tail()}")
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            try:
                if a is not None and a.name == "customer-portal" and a.get_process_id() == self.proc.pid:
                    return a
            except Exception:
                continue
        return None

    def log_tail(self, n=20):
        try:
            return "".join(open(self.log, errors="replace").readlines()[-n:])
        except OSError:
            return ""

    def stop(self):
        self.proc.stop()

    def alive(self):
        return self.proc.p.poll() is None

    # ---- windows
    def windows(self):
        out = []
        for i in range(self.acc.childCount):
            w = self.acc.getChildAtIndex(i)
            # AdwMessageDialog comes without 'showing', only 'visible'
            st = w.getState() if w is not None else None
            if st and (st.contains(pyatspi.STATE_SHOWING) or st.contains(pyatspi.STATE_VISIBLE)):
                out.append(w)
        return out

    def main_window(self):
        for w in self.windows():
            if w.getRoleName() in ("frame", "window") and "Customer Portal" in (w.name or ""):
                return w
        ws = self.windows()
        return ws[0] if ws else None

    def top_window(self):
        """The most recently opened showing window (dialogs come last)."""
        ws = self.windows()
        return ws[-1] if ws else None

    def focus_window(self, win=None):
        """Without a window manager nobody gives a new toplevel the keyboard:
        give the X window that matches this accessible window's size the input
        focus (what a WM would do on map) and put the pointer over it."""
        win = win or self.top_window()
        if win is None:
            return
        x, y, w, h = extents(win)
        best = None
        for xid in self.x_windows():
            out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", str(xid)],
                                 capture_output=True, text=True).stdout
            g = dict(l.split("=", 1) for l in out.split() if "=" in l)
            try:
                gw, gh = int(g["WIDTH"]), int(g["HEIGHT"])
            except (KeyError, ValueError):
                continue
            score = abs(gw - w) + abs(gh - h)
            if best is None or score < best[0]:
                best = (score, xid)
        if best:
            subprocess.run(["xdotool", "windowfocus", str(best[1])], check=False,
                           stderr=subprocess.DEVNULL)
        cx, cy = x + max(1, w // 2), y + max(1, h // 2)
        subprocess.run(["xdotool", "mousemove", str(cx), str(cy)], check=False, stdout=subprocess.DEVNULL)
        time.sleep(0.1)

    def x_windows(self):
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.proc.pid)],
                             capture_output=True, text=True).stdout.split()
        return [int(w) for w in out]

    # ---- finding
    def find(self, role=None, name=None, root=None, pred=None, showing=True):
        return find(root or self.acc, role, name, pred, showing)

    def find_all(self, role=None, name=None, root=None, pred=None, showing=True):
        return find_all(root or self.acc, role, name, pred, showing)

    def wait(self, role=None, name=None, root=None, pred=None, timeout=T_UI, what=None):
        return wait_for(lambda: self.find(role, name, root, pred), timeout,
                        what or f"{role or 'any'} named {name!r}")

    def wait_gone(self, role=None, name=None, root=None, pred=None, timeout=T_UI, what=None):
        return wait_for(lambda: not self.find(role, name, root, pred), timeout,
                        what or f"{role or 'any'} named {name!r} to go away")

    def focused(self):
        """The accessible that has the keyboard focus: a window keeps its focus
        widget's state while a dialog is on top, so the newest window first."""
        for w in reversed(self.windows()):
            f = find(w, pred=lambda a, st: st.contains(pyatspi.STATE_FOCUSED))
            if f:
                return f
        return None

    def screenshot(self, name):
        d = os.path.join(os.environ.get("CP_SCREENSHOT_DIR", self.dir), "person")
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, name + ".png")
        subprocess.run(["/usr/bin/import", "-window", "root", path], check=False,
                       stderr=subprocess.DEVNULL)
        diag(f"screenshot {path}")
        return path

    def switch_tab(self, name):
        """Clicks the page tab `name` (a string or a compiled pattern) and waits
        until it is selected. AdwViewSwitcherTitle keeps two switchers (wide,
        narrow) and only one is drawn: try each until one takes the click."""
        deadline = time.monotonic() + T_UI
        while time.monotonic() < deadline:
            for t in self.find_all("page tab", name):
                try:
                    click(t)
                    wait_for(lambda: t.getState().contains(pyatspi.STATE_SELECTED), 2,
                             "the tab selected")
                    time.sleep(0.5)
                    return t
                except Exception:
                    continue
            time.sleep(0.3)
        raise AssertionError(f"no page tab {name!r} could be selected with a click")

    # ---- the common walks
    def login(self, email, password, delay=0.03):
        """Logs in by typing, as a person does (Tab between fields, Enter)."""
        entry = self.wait("text", "Email", timeout=T_APP)
        click(entry)
        select_all_and_clear()
        type_text(email, delay)
        press("Tab")
        type_text(password, delay)
        press("Return")


# --------------------------------------------------------------------------- tree

def states(a):
    return a.getState()


def walk(root, showing=True, depth=0, path=()):
    """Yields (accessible, state set, path) depth first; with showing=True only
    what is on screen (hidden stack pages are pruned)."""
    try:
        st = root.getState()
    except Exception:
        return
    if showing and depth > 0 and not on_screen(root):
        return
    yield root, st, path
    try:
        n = root.childCount
    except Exception:
        return
    for i in range(n):
        try:
            c = root.getChildAtIndex(i)
        except Exception:
            continue
        if c is None:
            continue
        try:
            label = f"{c.getRoleName()}[{c.name}]" if c.name else c.getRoleName()
        except Exception:
            continue
        yield from walk(c, showing, depth + 1, path + (label,))


def on_screen(a):
    """GTK 4.8 sets 'showing' only on windows: a widget of a hidden stack page
    or a collapsed row has empty extents instead."""
    try:
        e = a.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except Exception:
        return True  # no Component (e.g. GtkStackPage): look at the children
    return e.width > 0 or e.height > 0


def _match(a, st, role, name, pred):
    try:
        if role is not None and a.getRoleName() != role:
            return False
        if name is not None:
            if hasattr(name, "search"):
                if not name.search(a.name or ""):
                    return False
            elif a.name != name:
                return False
        if pred is not None and not pred(a, st):
            return False
        return True
    except Exception:
        return False


def find(root, role=None, name=None, pred=None, showing=True):
    for a, st, _ in walk(root, showing):
        if _match(a, st, role, name, pred):
            return a
    return None


def find_all(root, role=None, name=None, pred=None, showing=True):
    return [a for a, st, _ in walk(root, showing) if _match(a, st, role, name, pred)]


def extents(a):
    e = a.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return e.x, e.y, e.width, e.height


def text_of(a):
    """An entry's or a label's text over AT-SPI. GTK 4.8 answers '' to
    getText(0, -1) (the 'whole text' idiom): ask for characterCount
    characters instead. None when the accessible has no Text interface."""
    try:
        t = a.queryText()
    except Exception:
        return None
    try:
        return t.getText(0, t.characterCount)
    except Exception:
        return None


def dump(root, file=sys.stderr, showing=True):
    for a, st, path in walk(root, showing):
        try:
            flags = "".join(c for c, s in (("F", pyatspi.STATE_FOCUSABLE), ("*", pyatspi.STATE_FOCUSED))
                            if st.contains(s))
            print("  " * len(path) + f"{a.getRoleName()} {a.name!r} {flags}", file=file)
        except Exception:
            pass


# --------------------------------------------------------------------------- input

def press(key, times=1, delay=0.05):
    for _ in range(times):
        subprocess.run(["xdotool", "key", "--clearmodifiers", key], check=True, stdout=subprocess.DEVNULL)
        time.sleep(delay)


def chord(keys):
    """e.g. chord('alt+1'), chord('ctrl+shift+l')"""
    subprocess.run(["xdotool", "key", "--clearmodifiers", keys], check=True, stdout=subprocess.DEVNULL)
    time.sleep(0.1)


def type_text(text, delay=0.03):
    """Types text key by key with `delay` seconds between keys (XTest)."""
    for ch in text:
        subprocess.run(["xdotool", "type", "--delay", "0", "--", ch], check=True, stdout=subprocess.DEVNULL)
        time.sleep(delay)


def type_keys(seq, delay=0.03):
    """seq: list of single characters and key names (e.g. 'BackSpace')."""
    for k in seq:
        if len(k) == 1:
            subprocess.run(["xdotool", "type", "--delay", "0", "--", k], check=True, stdout=subprocess.DEVNULL)
        else:
            subprocess.run(["xdotool", "key", k], check=True, stdout=subprocess.DEVNULL)
        time.sleep(delay)


def select_all_and_clear():
    chord("ctrl+a")
    press("BackSpace")


def click(a):
    """A mouse click in the middle of an accessible (used by the typing tests to
    put the caret in a field; the keyboard test never clicks)."""
    x, y, w, h = extents(a)
    subprocess.run(["xdotool", "mousemove", str(x + w // 2), str(y + h // 2), "click", "1"],
                   check=True)
    time.sleep(0.2)


def with_backspace(s, at, wrong="9"):
    """The keys of a person who types s, hits one wrong digit after `at`
    characters, sees it and takes it back with Backspace."""
    return list(s[:at]) + [wrong, "BackSpace"] + list(s[at:])
