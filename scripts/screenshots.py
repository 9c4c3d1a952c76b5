#!/usr/bin/env python3
"""Take the README's screenshots from a running `make run` server with headless Chromium.

    .venv/bin/python scripts/screenshots.py [http://localhost:8069 [file.png ...]]

Logs in as a demo user, opens pages by their URL and saves PNG files in the
`static/description/` folder of the addon they show, where the readmes link to them.
Uses the Chrome DevTools protocol through websocket-client (in requirements.txt).
"""

import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"

MY_CASELOAD = "/odoo/action-social_case.social_case_action_my"
DIRECTORY = "/odoo/action-social_network_partners.res_partner_action_social_directory"
LIAISON = "/odoo/action-social_network_partners.social_liaison_request_action"
PLANS = "/odoo/action-social_discharge.social_discharge_plan_action"
PROCEDURES = "/odoo/action-social_case.social_procedure_action"
REFER = "/odoo/action-social_case.social_referral_action_refer"
TRIAGE = "/odoo/action-social_case.social_referral_action_triage"
MY_REQUESTS = "/odoo/action-social_network_partners.social_liaison_request_action_mine"
REPORT = "/odoo/action-social_reporting.social_report_caseload_action"
DASHBOARD = "/odoo/action-social_reporting.social_dashboard_action"
FILE_ACTIVE = "/odoo/action-social_reporting.social_report_file_active_action"
MINE = ("social.case", [["user_id.login", "=", "socialworker"]])

JOZEF = ("social.case", [["patient_id.name", "=", "Jozef Claes"], ["is_closed", "=", False]])
ARABIC = ("social.referral", [["patient_id.name", "=", "Youssef Amrani"]])
PEOPLE_TAB = (
    "document.querySelector('.o_notebook_headers a[name=contacts]').click();"
    "document.querySelector('.o_notebook').scrollIntoView()"
)
TRIAGE_DIALOG = "document.querySelector('button[name=action_open_triage_wizard]').click()"
RESULTS = "/odoo/action-social_survey.social_survey_results_action"
CASE_PLANS = "/odoo/action-social_case.social_case_plan_action"
AID = "/odoo/action-social_approval.social_aid_request_action"
PLAN_TO_SIGN = ("social.case.plan", [["case_id.patient_id.name", "=", "Ana Popescu"]])
AID_PAID = ("social.aid.request", [["state", "=", "paid"]])
OPEN_CASE = "document.querySelector('a.o_social_portal_case_link').click()"

# (file name, login, path, width, height, record to open as (model, domain), or None,
#  and optionally a script to run on the page before the shot, such as opening a tab)
SHOTS = [
    ("case_kanban.png", "socialworker", MY_CASELOAD + "?view_type=kanban", 1280, 800, None),
    ("case_form.png", "socialworker", MY_CASELOAD + "/{id}", 1280, 900, MINE),
    ("caseload_phone.png", "socialworker", MY_CASELOAD, 375, 740, None),
    ("referral_form.png", "nurse", REFER, 1280, 720, None),
    ("referral_phone.png", "nurse", REFER, 375, 740, None),
    ("triage_list.png", "coordinator", TRIAGE, 1280, 720, None),
    (
        "procedure_form.png",
        "socialworker",
        PROCEDURES + "/{id}",
        1280,
        860,
        ("social.procedure", []),
    ),
    ("partner_directory.png", "socialworker", DIRECTORY + "?view_type=list", 1280, 760, None),
    ("partner_directory_phone.png", "socialworker", DIRECTORY, 375, 740, None),
    ("liaison_requests_phone.png", "volunteer", MY_REQUESTS, 375, 740, None),
    (
        "liaison_request_phone.png",
        "volunteer",
        LIAISON + "/{id}",
        375,
        740,
        ("social.liaison.request", [["state", "in", ["accepted", "scheduled"]]]),
    ),
    (
        "discharge_plan_form.png",
        "socialworker",
        PLANS + "/{id}",
        1280,
        900,
        ("social.discharge.plan", [["task_count", ">", 0]]),
    ),
    ("discharge_kanban.png", "coordinator", PLANS + "?view_type=kanban", 1280, 760, None),
    ("reporting.png", "manager", REPORT, 1280, 720, None),
    ("dashboard.png", "manager", DASHBOARD, 1280, 1000, None),
    ("file_active.png", "manager", FILE_ACTIVE + "?view_type=pivot", 1280, 720, None),
    ("case_people.png", "socialworker2", MY_CASELOAD + "/{id}", 1280, 860, JOZEF, PEOPLE_TAB),
    ("case_people_phone.png", "socialworker2", MY_CASELOAD + "/{id}", 375, 740, JOZEF, PEOPLE_TAB),
    ("triage_language.png", "coordinator", TRIAGE + "/{id}", 1280, 860, ARABIC, TRIAGE_DIALOG),
    ("survey_results.png", "coordinator", RESULTS, 1280, 900, None),
    ("case_plan_form.png", "coordinator", CASE_PLANS + "/{id}", 1280, 860, PLAN_TO_SIGN),
    ("case_plan_sign_off_phone.png", "coordinator", CASE_PLANS + "/{id}", 375, 740, PLAN_TO_SIGN),
    ("aid_request_form.png", "socialworker", AID + "/{id}", 1280, 760, AID_PAID),
    ("patient_page_phone.png", "patient", "/fr_BE/my/social", 375, 740, None, OPEN_CASE),
]

OWNER = {
    "case_kanban.png": "social_case",
    "case_form.png": "social_case",
    "caseload_phone.png": "social_case",
    "referral_form.png": "social_case",
    "referral_phone.png": "social_case",
    "triage_list.png": "social_case",
    "procedure_form.png": "social_case",
    "partner_directory.png": "social_network_partners",
    "partner_directory_phone.png": "social_network_partners",
    "liaison_requests_phone.png": "social_network_partners",
    "liaison_request_phone.png": "social_network_partners",
    "discharge_plan_form.png": "social_discharge",
    "discharge_kanban.png": "social_discharge",
    "reporting.png": "social_reporting",
    "dashboard.png": "social_reporting",
    "file_active.png": "social_reporting",
    "annual_report_summary.png": "social_reporting",
    "case_people.png": "social_case",
    "case_people_phone.png": "social_case",
    "triage_language.png": "social_case",
    "survey_results.png": "social_survey",
    "case_plan_form.png": "social_approval",
    "case_plan_sign_off_phone.png": "social_approval",
    "aid_request_form.png": "social_approval",
    "patient_page_phone.png": "social_portal",
}
# the element each page is ready with
READY = {
    "dashboard.png": ".o_spreadsheet_dashboard_action .o-grid canvas",
    "patient_page_phone.png": "a.o_social_portal_case_link",
}


class Browser:
    def __init__(self, width, height):
        binary = shutil.which("chromium") or shutil.which("google-chrome")
        self.profile = tempfile.mkdtemp()
        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-port=9333",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                with urllib.request.urlopen("http://127.0.0.1:9333/json") as answer:
                    pages = [t for t in json.load(answer) if t["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60)
        self.counter = 0
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 500,
        )

    def call(self, method, **params):
        self.counter += 1
        self.ws.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.counter:
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def goto(self, url, wait_for=None, settle=2.5):
        self.call("Page.navigate", url=url)
        deadline = time.time() + 30
        while time.time() < deadline:
            time.sleep(0.3)
            if self.evaluate("document.readyState") == "complete" and (
                not wait_for or self.evaluate(f"!!document.querySelector({wait_for!r})")
            ):
                break
        time.sleep(settle)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def login(browser, base, user):
    browser.goto(f"{base}/web/login", wait_for="input[name=login]", settle=0.5)
    browser.evaluate(
        f"document.querySelector('input[name=login]').value = {user!r};"
        f"document.querySelector('input[name=password]').value = {user!r};"
        "document.querySelector('form.oe_login_form').submit();"
    )
    time.sleep(3)


def first_record_id(browser, model, domain):
    """The first record the logged-in user can read, through the web client's own RPC."""
    params = {"model": model, "method": "search", "args": [domain], "kwargs": {"limit": 1}}
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
    return browser.evaluate(
        "fetch('/web/dataset/call_kw', {method: 'POST',"
        " headers: {'Content-Type': 'application/json'},"
        f" body: {json.dumps(body)}}})"
        ".then(r => r.json()).then(r => r.result[0])"
    )


def main(base="http://localhost:8069", *only):
    for name, user, path, width, height, record, *script in SHOTS:
        if only and name not in only:
            continue
        browser = Browser(width, height)
        try:
            login(browser, base, user)
            if record:
                path = path.format(id=first_record_id(browser, *record))
            browser.goto(
                base + path,
                wait_for=READY.get(name, ".o_action_manager .o_view_controller"),
                settle=5 if name in READY else 2.5,
            )
            for expression in script:
                browser.evaluate(expression)
                time.sleep(2.5)
            target = ADDONS / OWNER[name] / "static" / "description" / name
            browser.screenshot(target)
            print(f"saved {target}")
        finally:
            browser.close()
    if not only or "annual_report_summary.png" in only:
        annual_report_summary(base)


def annual_report_summary(base, user="coordinator"):
    """The first sheet of the annual report (for publication) as the coordinator downloads
    it, turned into a PNG by LibreOffice (Debian's libreoffice-calc-nogui: XLSX to PDF,
    charts included) and pdftoppm (poppler-utils): page 1 is the Summary sheet."""
    browser = Browser(1280, 800)
    try:
        login(browser, base, user)
        params = {
            "model": "social.report.annual.wizard",
            "method": "create",
            "args": [
                {"date_from": time.strftime("%Y-01-01"), "date_to": time.strftime("%Y-%m-%d")}
            ],
            "kwargs": {},
        }
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        content = browser.evaluate(
            "fetch('/web/dataset/call_kw', {method: 'POST',"
            " headers: {'Content-Type': 'application/json'},"
            f" body: {json.dumps(body)}}})"
            ".then(r => r.json()).then(r => fetch("
            "'/report/xlsx/social_reporting.annual_report/' + r.result))"
            ".then(r => r.arrayBuffer()).then(b => btoa(String.fromCharCode("
            "...new Uint8Array(b))))"
        )
    finally:
        browser.close()
    folder = Path(tempfile.mkdtemp())
    try:
        xlsx = folder / "annual_report.xlsx"
        xlsx.write_bytes(base64.b64decode(content))
        subprocess.check_call(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(xlsx)],
            stdout=subprocess.DEVNULL,
        )
        target = ADDONS / "social_reporting" / "static" / "description" / "annual_report_summary"
        subprocess.check_call(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(folder / "annual_report.pdf"),
                str(target),
            ]
        )
        print(f"saved {target}.png")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
