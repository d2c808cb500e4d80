#!/usr/bin/python3
"""Typing, as a person does: every form filled key by key through XTest, with a
slip taken back with Backspace, at 30 ms (and one card at 300 ms) between keys.
Each field must hold exactly what the person meant: read over AT-SPI (Text
interface) and checked again through what the server received."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from person import (App, Checks, Server, T_NET, T_UI, chord, click, diag, press,  # noqa: E402
                    run_tests, select_all_and_clear, text_of, type_keys, type_text, wait_for,
                    with_backspace)

CUSTOMER = ("ada@example.com", "demo-customer-password")
STAFF = ("staff@example.com", "demo-staff-password")

# Published processor test numbers only; the grouping a card shows
# (4-4-4-4, Amex 4-6-5).
CARDS = [
    # (brand, number, expiry keys, cvc, delay)
    ("Visa", "4242424242424242", "1229", "123", 0.03),
    ("Mastercard", "5555555555554444", "1130", "321", 0.03),
    ("Amex", "378282246310005", "0931", "4321", 0.03),
    ("Discover", "6011111111111117", "0532", "456", 0.03),
    ("Visa", "4242424242424242", "0734", "789", 0.3),
]

state = {}


def grouped(number):
    groups = (4, 6, 5) if number.startswith(("34", "37")) else (4, 4, 4, 4)
    out, i = [], 0
    for g in groups:
        out.append(number[i:i + g])
        i += g
    return " ".join(x for x in out if x)


def srv():
    return state["server"]


def app():
    return state["app"]


def window(name, n_before=None):
    """The window named `name`, or with n_before, whichever window is newest."""
    if n_before is not None:
        w = wait_for(lambda: len(app().windows()) > n_before and app().top_window(), T_UI,
                     f"the {name} window")
    else:
        w = wait_for(lambda: next((w for w in app().windows() if w.name == name), None), T_UI,
                     f"the window {name!r}")
    time.sleep(0.3)
    app().focus_window(w)
    return w


def field_text(c, field, want, what):
    got = text_of(field)
    c.equal(got, want, f"{what}: the field reads")
    return got


def customer_api():
    if "token" not in state:
        tok = srv().login(*CUSTOMER)
        state["token"] = tok
        state["cid"] = srv().api("GET", "/me", token=tok)[1]["customer_id"]
    return state["token"], state["cid"]


# ---------------------------------------------------------------- before login

def t_login_server_address():
    """The Portal Address row on the login page (the same setting as
    Preferences): typed with a slip, it must read back as typed."""
    c = Checks()
    expander = app().wait("list item", "Portal Address")
    click(expander)
    entry = app().wait("text", "Address", what="the Address entry in Portal Address")
    click(entry)
    select_all_and_clear()
    url = srv().url
    type_keys(with_backspace(url, 10, "x"), 0.03)
    field_text(c, entry, url, "Portal Address typed")
    app().screenshot("typing-portal-address")
    click(expander)  # fold it again
    c.done()


def t_invitation():
    """Request an invitation and verify it, typed: the code comes from the mail."""
    c = Checks()
    staff_tok = srv().login(*STAFF)
    items = srv().api("GET", "/customers?limit=100", token=staff_tok)[1]["items"]
    who = None
    for it in items:
        if it.get("email"):
            d = srv().api("GET", f"/customers/{it['id']}", token=staff_tok)[1]
            if d.get("portal_account") == "none":
                who = d
                break
    assert who, "no demo customer without a portal account"
    email = who["email"]
    click(app().wait("push button", re.compile(r"(?i)^Request (an )?Invitation$")))
    page = app().wait("filler", "CpInvitationPage")
    entry = app().wait("text", "Email", root=page)
    click(entry)
    type_keys(with_backspace(email, 3, "q"), 0.03)
    field_text(c, entry, email, "invitation Email typed")
    press("Return")
    code_entry = app().wait("text", "6-Digit Code", root=page, timeout=T_NET,
                            what="the code page")
    mail = wait_for(lambda: srv().latest_mail(email), T_NET, "the verification mail")
    code = re.search(r"\b(\d{6})\b", mail).group(1)
    click(code_entry)
    type_keys(with_backspace(code, 3), 0.03)
    field_text(c, code_entry, code, "6-Digit Code typed")
    password = "typed-by-a-person-42"
    click(app().wait("text", "New Password", root=page))
    type_text(password, 0.03)
    click(app().wait("text", "Confirm Password", root=page))
    type_text(password, 0.03)
    app().screenshot("typing-invitation-verify")
    press("Return")
    try:
        wait_for(lambda: srv().api("POST", "/auth/login", {"email": email, "password": password})[0]
                 == 200, T_NET, f"a login for {email} with the typed password")
    except AssertionError as e:
        app().screenshot("typing-invitation-failed")
        c.check(False, f"invitation for {email}: {e}")
    # back to a clean login page for the next test
    app().stop()
    state["app"] = App(srv().url)
    c.done()


def t_login_typed():
    c = Checks()
    entry = app().wait("text", "Email", timeout=T_UI)
    click(entry)
    select_all_and_clear()
    type_keys(with_backspace(CUSTOMER[0], 5, "x"), 0.03)
    field_text(c, entry, CUSTOMER[0], "login Email typed")
    press("Tab")
    type_text(CUSTOMER[1], 0.03)
    press("Return")
    try:
        app().wait("label", re.compile(r"^Balance"), timeout=T_NET,
                   what="the overview after a typed login")
    except AssertionError as e:
        app().screenshot("typing-login-failed")
        c.check(False, str(e))
    app().screenshot("typing-overview")
    c.done()


# ---------------------------------------------------------------- cards

def cards_on_server():
    tok, cid = customer_api()
    st, body = srv().api("GET", f"/customers/{cid}/payment-methods", token=tok)
    assert st == 200, f"payment-methods: {st} {body}"
    return body["items"]


def add_card_typed(brand, number, expiry, cvc, delay):
    c = Checks()
    ms = int(delay * 1000)
    before = {x["id"] for x in cards_on_server()}
    app().focus_window(app().main_window())
    chord("ctrl+n")
    dlg = window("Add New Card")
    fields = {n: app().wait("text", n, root=dlg) for n in
              ("Card Number", "Expiry (MM/YY)", "CVC", "Name on Card", "ZIP Code")}
    static = {a.name for a in app().find_all("label", root=dlg)}
    click(fields["Card Number"])
    type_keys(with_backspace(number, 6), delay)
    got = field_text(c, fields["Card Number"], grouped(number),
                     f"{brand} {number} typed at {ms} ms")
    if got is not None:
        c.equal(re.sub(r"\D", "", got), number, f"{brand} typed at {ms} ms: the digits in the field")
    click(fields["Expiry (MM/YY)"])
    type_keys(with_backspace(expiry, 2), delay)
    field_text(c, fields["Expiry (MM/YY)"], f"{expiry[:2]}/{expiry[2:]}",
               f"expiry {expiry} typed at {ms} ms")
    click(fields["CVC"])
    type_keys(with_backspace(cvc, 1), delay)
    click(fields["Name on Card"])
    type_text("Ada Lovelace", delay)
    field_text(c, fields["Name on Card"], "Ada Lovelace", "Name on Card typed")
    click(fields["ZIP Code"])
    type_keys(with_backspace("94107", 3), delay)
    field_text(c, fields["ZIP Code"], "94107", "ZIP Code typed")
    tag = f"typing-card-{brand.lower()}-{ms}ms"
    app().screenshot(tag + "-typed")
    click(app().wait("push button", "Save", root=dlg))

    def outcome():
        if not any(w.name == "Add New Card" for w in app().windows()):
            return "closed"
        err = app().find(root=dlg, pred=lambda a, st: a.getRoleName() == "label"
                         and a.name and a.name not in static and a.name != "GtkLabel"
                         and a.name not in ("Visa", "Mastercard", "American Express", "Amex",
                                            "Discover"))
        return ("error", err.name) if err else None
    try:
        res = wait_for(outcome, T_NET, "the dialog to close or show an error")
    except AssertionError as e:
        res = ("timeout", str(e))
    if res != "closed":
        app().screenshot(tag + "-not-saved")
        c.check(False, f"{brand} {number} exp {expiry} typed at {ms} ms: not saved, the dialog "
                       f"says {res[1]!r}")
        press("Escape")
        wait_for(lambda: not any(w.name == "Add New Card" for w in app().windows()), T_UI,
                 "the dialog to close on Escape")
        app().focus_window(app().main_window())
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
    app().focus_window(app().main_window())
    c.done()


def card_test(args):
    return lambda: add_card_typed(*args)


# ---------------------------------------------------------------- pay

def t_pay_amount():
    c = Checks()
    tok, cid = customer_api()
    before = {p["id"] for p in srv().api("GET", f"/customers/{cid}/payments", token=tok)[1]["items"]}
    app().focus_window(app().main_window())
    app().switch_tab("Overview")
    n = len(app().windows())
    click(app().wait("push button", "Pay", timeout=T_NET))
    dlg = window("Pay", n)
    diag(f"the Pay dialog is named {dlg.name!r}")
    amount = app().wait("text", "Amount", root=dlg)
    click(amount)
    select_all_and_clear()
    type_keys(["2", "0", "7", "BackSpace", "0", ".", "0", "0"], 0.03)
    field_text(c, amount, "200.00", "Pay amount typed as 2 0 7 ⌫ 0 . 0 0")
    app().screenshot("typing-pay-amount")
    pay = app().wait("push button", re.compile(r"^_?Pay\b"), root=dlg)
    n_dlg = len(app().windows())
    click(pay)
    try:
        # a confirmation ("Pay $200.00?") may come first
        conf = wait_for(lambda: len(app().windows()) > n_dlg and app().top_window(), 3 * T_UI / 10,
                        "a confirmation")
        time.sleep(0.3)
        click(app().wait("push button", re.compile("Pay"), root=conf))
    except AssertionError:
        pass
    try:
        new = wait_for(lambda: [p for p in srv().api("GET", f"/customers/{cid}/payments",
                                                     token=tok)[1]["items"]
                                if p["id"] not in before], T_NET, "the payment on the server")
        c.equal(new[0]["amount"]["amount"], 20000, "the amount the server charged (minor units)")
    except AssertionError as e:
        app().screenshot("typing-pay-failed")
        c.check(False, str(e))
    for _ in range(3):
        if len(app().windows()) <= n:
            break
        app().focus_window()
        press("Escape")
        time.sleep(0.5)
    c.done()


# ---------------------------------------------------------------- booking

def t_booking():
    c = Checks()
    app().stop()
    state["app"] = App(srv().url)
    app().login(*STAFF)
    app().wait("page tab", re.compile("Booking"), timeout=T_NET, what="the staff view")
    app().switch_tab(re.compile("Booking"))
    page = app().wait("filler", "CpBookingPage")
    values = [("Name", "Mary Somerville", 4), ("Email", "mary.somerville@example.com", 7),
              ("Phone", "555-0142", 3), ("Service Address", "1 Jedburgh Road, Burntisland", 9)]
    for field_name, value, slip in values:
        f = app().wait("text", field_name, root=page)
        click(f)
        type_keys(with_backspace(value, slip, "z"), 0.03)
        field_text(c, f, value, f"booking {field_name} typed")
    app().screenshot("typing-booking")
    click(app().wait("push button", re.compile("Book Customer"), root=page))
    tok = srv().login(*STAFF)
    try:
        found = wait_for(lambda: [x for x in srv().api("GET", "/customers?query=Somerville",
                                                       token=tok)[1]["items"]],
                         T_NET, "the booked customer on the server")
        got = {k: found[0].get(k) for k in ("name", "email", "phone", "address")}
        c.equal(got, {"name": "Mary Somerville", "email": "mary.somerville@example.com",
                      "phone": "555-0142", "address": "1 Jedburgh Road, Burntisland"},
                "the customer the server booked")
    except AssertionError as e:
        c.check(False, str(e))
    c.done()


tests = [
    ("Portal Address typed with a Backspace", t_login_server_address),
    ("invitation request and verification typed", t_invitation),
    ("login typed key by key at 30 ms", t_login_typed),
]
for args in CARDS:
    brand, number, expiry, cvc, delay = args
    tests.append((f"Add New Card: {brand} {number} exp {expiry} typed with a Backspace "
                  f"at {int(delay * 1000)} ms", card_test(args)))
tests += [
    ("Pay amount typed with a Backspace", t_pay_amount),
    ("Call Booking typed (staff)", t_booking),
]


if __name__ == "__main__":
    try:
        state["server"] = Server().start()
        state["app"] = App(state["server"].url)
    except Exception as e:  # the plan still prints, every test fails with the reason
        err = e
        tests = [(n, (lambda: (_ for _ in ()).throw(AssertionError(f"setup: {err}"))))
                 for n, _ in tests]
    run_tests(tests)
