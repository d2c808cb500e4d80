#!/usr/bin/python3
"""Typing, as a person does: key by key through XTest, with a slip corrected by
Backspace, at 30 ms and 300 ms between keys. What the fields hold is checked
through what the server received (AT-SPI reads '' from GTK 4.8's entries):
the login succeeds, the saved card has the brand, last 4 and expiry typed."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from person import (App, Checks, Server, T_NET, T_UI, click, diag, press, run_tests,  # noqa: E402
                    type_keys, type_text, wait_for, with_backspace, chord, text_of)

CUSTOMER = ("ada@example.com", "demo-customer-password")

# Published processor test numbers only.
CARDS = [
    # (name, number, expiry keys, cvc, delay)
    ("Visa", "4242424242424242", "1229", "123", 0.03),
    ("Mastercard", "5555555555554444", "1130", "321", 0.03),
    ("Amex", "378282246310005", "0931", "4321", 0.03),
    ("Discover", "6011111111111117", "0532", "456", 0.03),
    ("Visa", "4242424242424242", "0734", "789", 0.3),
]

state = {}


def setup():
    state["server"] = Server().start()
    state["app"] = App(state["server"].url)
    token = state["server"].login(*CUSTOMER)
    st, me = state["server"].api("GET", "/me", token=token)
    state["token"], state["customer_id"] = token, me["customer_id"]


def cards_on_server():
    st, body = state["server"].api("GET", f"/customers/{state['customer_id']}/payment-methods",
                                   token=state["token"])
    assert st == 200, f"payment-methods: {st} {body}"
    return body["items"]


def test_login_typed():
    app = state["app"]
    app.login(*CUSTOMER, delay=0.03)
    # The login only succeeds if both fields hold exactly what was typed.
    try:
        app.wait("label", __import__("re").compile(r"^Balance"), timeout=T_NET,
                 what="the overview after a typed login")
    except AssertionError:
        app.screenshot("typing-login-failed")
        raise
    app.screenshot("typing-overview")


def add_card_typed(brand, number, expiry, cvc, delay):
    app = state["app"]
    c = Checks()
    before = {c_["id"] for c_ in cards_on_server()}
    chord("ctrl+n")
    dlg = wait_for(lambda: next((w for w in app.windows() if w.name == "Add New Card"), None),
                   T_UI, "the Add New Card dialog")
    time.sleep(0.3)
    app.focus_window(dlg)
    fields = {n: app.wait("text", n, root=dlg) for n in
              ("Card Number", "Expiry (MM/YY)", "CVC", "Name on Card", "ZIP Code")}
    static = {a.name for a in app.find_all("label", root=dlg)}
    click(fields["Card Number"])
    type_keys(with_backspace(number, 6), delay)
    click(fields["Expiry (MM/YY)"])
    type_keys(with_backspace(expiry, 2), delay)
    click(fields["CVC"])
    type_keys(with_backspace(cvc, 1), delay)
    click(fields["Name on Card"])
    type_text("Ada Lovelace", delay)
    click(fields["ZIP Code"])
    type_keys(with_backspace("94107", 3), delay)
    shown = {n: text_of(f) for n, f in fields.items()}
    diag(f"{brand}: AT-SPI reads the fields as {shown}")
    tag = f"typing-card-{brand.lower()}-{int(delay * 1000)}ms"
    app.screenshot(tag + "-typed")
    save = app.wait("push button", "Save", root=dlg)
    click(save)

    def outcome():
        if not any(w.name == "Add New Card" for w in app.windows()):
            return "closed"
        # an error shown in the dialog ends the wait too
        err = app.find(root=dlg, pred=lambda a, st: a.getRoleName() == "label"
                       and a.name and a.name not in static and a.name != "GtkLabel"
                       and a.name not in ("Visa", "Mastercard", "American Express", "Amex",
                                          "Discover"))
        return ("error", err.name) if err else None
    try:
        res = wait_for(outcome, T_NET, "the dialog to close or show an error")
    except AssertionError as e:
        res = ("timeout", str(e))
    if res != "closed":
        app.screenshot(tag + "-not-saved")
        c.check(False, f"{brand} {number} exp {expiry} typed at {int(delay * 1000)} ms: "
                       f"not saved, the dialog says {res[1]!r}")
        press("Escape")
        wait_for(lambda: not any(w.name == "Add New Card" for w in app.windows()), T_UI,
                 "the dialog to close on Escape")
        app.focus_window(app.main_window())
        c.done()
        return
    new = [x for x in cards_on_server() if x["id"] not in before]
    c.equal(len(new), 1, f"{brand}: cards added on the server")
    if new:
        n = new[0]
        got = (n["brand"].lower(), n["last4"], n["exp_month"], n["exp_year"] % 100)
        want = (brand.lower(), number[-4:], int(expiry[:2]), int(expiry[2:]))
        c.equal(got, want, f"{brand} typed as {number} exp {expiry}: the server's (brand, last4, "
                           f"month, year)")
    app.focus_window(app.main_window())
    c.done()


def card_test(args):
    return lambda: add_card_typed(*args)


tests = [("login typed key by key at 30 ms", test_login_typed)]
for args in CARDS:
    brand, number, expiry, cvc, delay = args
    tests.append((f"Add New Card: {brand} {number} exp {expiry} typed with a Backspace "
                  f"at {int(delay * 1000)} ms", card_test(args)))


if __name__ == "__main__":
    try:
        setup()
    except Exception as e:  # the plan still prints, every test fails with the reason
        err = e
        tests = [(n, (lambda: (_ for _ in ()).throw(AssertionError(f"setup: {err}"))))
                 for n, _ in tests]
    run_tests(tests)
