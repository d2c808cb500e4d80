#!/usr/bin/python3
"""Issue 16's "Done when", as a person does it under ./dev.sh demo: AutoPay on
for Ada, the demo clock moved past a due date (./dev.sh clock +21d), the
invoice paid and the receipt mailed; another session seen and signed out;
the expiry notification for a card added that expires this month. Run inside
tests/run-headless.sh from the project root; screenshots in $OUT."""
import glob
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.getcwd()
sys.path.insert(0, os.path.join(ROOT, "tests", "person"))
import pyatspi  # noqa: E402
from gi.repository import Gio, GLib  # noqa: E402
import person  # noqa: E402
from person import App, click, find, press, type_text, wait_for  # noqa: E402

OUT = os.environ.get("OUT", "/tmp/demo-story")
os.makedirs(OUT, exist_ok=True)
PORT = int(os.environ.get("CP_DEMO_PORT", "8095"))
URL = f"http://127.0.0.1:{PORT}"
MAIL = os.path.join(ROOT, "_build", "demo", "mail")


def log(*a):
    print("#", *a, flush=True)


def shot(name):
    path = os.path.join(OUT, name + ".png")
    subprocess.run(["/usr/bin/import", "-window", "root", path], check=False)
    log("screenshot", path)


# ---- a stand-in notification server: what the desktop would show
NOTIFY_XML = """<node><interface name="org.freedesktop.Notifications">
<method name="Notify"><arg type="s" direction="in"/><arg type="u" direction="in"/>
<arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="s" direction="in"/>
<arg type="as" direction="in"/><arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
<arg type="u" direction="out"/></method>
<method name="GetCapabilities"><arg type="as" direction="out"/></method>
<method name="CloseNotification"><arg type="u" direction="in"/></method>
<method name="GetServerInformation"><arg type="s" direction="out"/><arg type="s" direction="out"/>
<arg type="s" direction="out"/><arg type="s" direction="out"/></method>
</interface></node>"""
notified = []


def start_notifications():
    info = Gio.DBusNodeInfo.new_for_xml(NOTIFY_XML).interfaces[0]

    def call(conn, sender, path, iface, method, params, inv):
        if method == "Notify":
            p = params.unpack()
            notified.append({"summary": p[3], "body": p[4], "actions": p[5]})
            log("notification:", p[3], "|", p[4], "| actions", p[5])
            inv.return_value(GLib.Variant("(u)", (len(notified),)))
        elif method == "GetCapabilities":
            inv.return_value(GLib.Variant("(as)", (["actions", "body"],)))
        elif method == "GetServerInformation":
            inv.return_value(GLib.Variant("(ssss)", ("stand-in", "demo", "1", "1.2")))
        else:
            inv.return_value(None)

    def acquired(conn, name):
        conn.register_object("/org/freedesktop/Notifications", info, call, None, None)

    Gio.bus_own_name(Gio.BusType.SESSION, "org.freedesktop.Notifications",
                     Gio.BusNameOwnerFlags.NONE, acquired, None, None)
    loop = GLib.MainLoop()
    threading.Thread(target=loop.run, daemon=True).start()
    time.sleep(0.5)


def api(method, path, body=None, token=None):
    req = urllib.request.Request(URL + "/api/v1" + path, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(req, data, timeout=10) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        return e.code, (json.loads(raw) if raw else None)


class Attached(App):
    """The app dev.sh started, found on the accessibility bus."""

    def __init__(self, pid):
        self.dir = OUT
        self.log = os.path.join(OUT, "app.log")

        class P:
            def __init__(self, pid):
                self.pid = pid
                self.p = self

            def poll(self):
                return None if os.path.exists(f"/proc/{self.pid}") else 1

        self.proc = P(pid)
        self.acc = wait_for(self._find, 60, "the app on the accessibility bus")
        wait_for(lambda: self.main_window(), 60, "the app's window")
        time.sleep(1)
        self.focus_window()

    def _find(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            try:
                if a is not None and a.name == "customer-portal" and a.get_process_id() == self.proc.pid:
                    return a
            except Exception:
                continue
        return None


def app_pid():
    def f():
        out = subprocess.run(["pgrep", "-f", "_build/src/customer-portal --server"],
                             capture_output=True, text=True).stdout.split()
        return int(out[0]) if out else None
    return wait_for(f, 300, "the app started by dev.sh")


def main():
    start_notifications()
    env = dict(os.environ, CP_DEMO_PORT=str(PORT), GSETTINGS_BACKEND="memory",
               GSK_RENDERER="cairo")
    for k in ("GTK_A11Y", "NO_AT_BRIDGE", "G_DEBUG"):
        env.pop(k, None)
    demo = subprocess.Popen(["./dev.sh", "demo", "--reset"], env=env,
                            stdout=open(os.path.join(OUT, "demo.log"), "w"),
                            stderr=subprocess.STDOUT)
    try:
        story(Attached(app_pid()))
    finally:
        demo.terminate()
        demo.wait(20)


def story(app):
    # ---- AutoPay on for Ada
    app.login("ada@example.com", "demo-customer-password")
    app.wait("page tab", re.compile("Overview"), timeout=30)
    time.sleep(1)
    shot("01-ada-overview")
    app.switch_tab(re.compile("Saved Credit Cards"))
    click(app.wait("push button", "Set Up…", timeout=20))
    dialog = wait_for(lambda: next((w for w in app.windows() if w.name == "AutoPay"), None), 10,
                      "the AutoPay dialog")
    app.focus_window(dialog)
    terms = app.wait("label", re.compile("^I authorize"), root=dialog, timeout=20)
    log("terms shown:", terms.name)
    agree = app.wait("check box", "I agree to these terms", root=dialog)
    click(agree)
    time.sleep(0.5)
    shot("02-autopay-dialog")
    click(app.wait("push button", "Turn On", root=dialog))
    app.wait("label", re.compile("^On: each invoice is paid"), timeout=20)
    time.sleep(1)
    shot("03-autopay-on")

    # ---- the demo clock past the due date
    def login(device):
        st, body = api("POST", "/auth/login", {"email": "ada@example.com",
                                                "password": "demo-customer-password",
                                                "device_name": device, "app_version": "demo"})
        assert st == 200, (st, body)
        return body
    look = login("Demo script")
    me = look["user"]["customer_id"]
    st, inv = api("GET", f"/customers/{me}/invoices?status=open", token=look["access_token"])
    log("open invoices before:", [(i["number"], i["due_on"], i["balance"]["amount"]) for i in inv["items"]])
    api("POST", "/auth/logout", {"refresh_token": look["refresh_token"]}, token=look["access_token"])
    out = subprocess.run(["./dev.sh", "clock", "+21d"], capture_output=True, text=True)
    log("./dev.sh clock +21d:", out.stderr.strip())
    due_before = {i["number"] for i in inv["items"]}
    # Signed in once the portal has read its clock anew (at most a second).
    time.sleep(2)
    phone = login("Ada's phone")

    def paid():
        s, b = api("GET", f"/customers/{me}/invoices?status=open", token=phone["access_token"])
        if s != 200:
            log("invoices:", s, b)
            return None
        return {i["number"] for i in b["items"]} != due_before and b
    after = wait_for(paid, 60, "AutoPay to pay the invoice that fell due")
    log("open invoices after:", [(i["number"], i["due_on"]) for i in after["items"]])
    receipt = wait_for(lambda: next((open(f).read() for f in sorted(glob.glob(MAIL + "/*.eml"))
                                     if "Receipt for your payment" in open(f).read()), None),
                       30, "the receipt mail")
    log("receipt mail:\n" + receipt)
    app.switch_tab(re.compile("Overview"))
    person.chord("ctrl+r")
    app.wait("label", re.compile("AutoPay"), timeout=20)
    time.sleep(1)
    shot("04-overview-paid-by-autopay")

    # ---- another session: seen and signed out
    app.focus_window()
    menu = app.find(pred=lambda a, st: a.getRoleName() in ("toggle button", "push button")
                    and re.search("(?i)menu", a.name or ""))
    log("menu button:", menu.name if menu else None)
    click(menu)
    time.sleep(0.8)
    item = app.wait("menu item", re.compile("Signed-in .?Devices"), timeout=10)
    log("menu item:", item.name)
    try:
        item.queryAction().doAction(0)
    except Exception as e:
        log("no action on the menu item:", e)
        click(item)
    time.sleep(1)
    log("windows:", [(w.name, w.getRoleName()) for w in app.windows()])
    devices = wait_for(lambda: next((w for w in app.windows() if "Devices" in (w.name or "")), None),
                       10, "the devices dialog")
    app.wait("label", re.compile("Ada's phone"), root=devices, timeout=20)
    time.sleep(0.5)
    shot("05-devices")
    buttons = [b for b in app.find_all("push button", re.compile("^Sign Out"), root=devices)
               if "everywhere" not in (b.name or "").lower()]
    log("sign-out buttons:", [b.name for b in buttons])
    click(buttons[0])
    time.sleep(0.5)
    confirm = app.top_window()
    btn = app.find("push button", re.compile("^Sign Out$|^_Sign Out$"), root=confirm)
    if btn is not None and confirm is not devices:
        click(btn)
    app.wait_gone("label", re.compile("Ada's phone"), root=devices, timeout=20)
    shot("06-devices-after-sign-out")
    st, body = api("POST", "/auth/refresh", {"refresh_token": phone["refresh_token"]})
    log("the phone's next refresh:", st, body)
    press("Escape")
    time.sleep(0.5)

    # ---- a card expiring this month: the desktop notification
    app.focus_window()
    app.switch_tab(re.compile("Saved Credit Cards"))
    click(app.wait("push button", "Add Card", timeout=10))
    add = wait_for(lambda: next((w for w in app.windows() if w.name == "Add New Card"), None), 10,
                   "Add New Card")
    app.focus_window(add)
    now = time.gmtime()
    for name, text in (("Card Number", "4000056655665556"),
                       ("Expiry (MM/YY)", time.strftime("%m%y", now)),
                       ("CVC", "123"), ("Name on Card", "Ada Lovelace"), ("ZIP Code", "10001")):
        e = app.wait("text", name, root=add)
        click(e)
        type_text(text)
    shot("07-add-card-expiring")
    click(app.wait("push button", "Save", root=add))
    app.wait("label", re.compile("4000 0566 5566 5556|Visa •••• 5556"), timeout=20)
    time.sleep(1)
    shot("08-card-added")
    # The reminder looks when a session starts (and every few hours): Ada
    # signs out and in again, as she would start the app tomorrow.
    app.focus_window()
    person.chord("ctrl+shift+l")
    time.sleep(1)
    app.login("ada@example.com", "demo-customer-password")
    wait_for(lambda: notified, 30, "the expiry notification")
    time.sleep(1)
    shot("09-after-sign-in")
    log("notifications:", notified)


if __name__ == "__main__":
    main()
