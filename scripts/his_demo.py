#!/usr/bin/env python3
"""Post a day of a hospital's ADT messages (HL7 v2.5) to a running instance with `social_his`.

    python3 scripts/his_demo.py --setup                 # on the demo database of `make run`
    python3 scripts/his_demo.py --url https://odoo.example --key <key> --patients P-1,P-2,P-3

``--setup`` prepares the demo database over XML-RPC as its administrator: the Hospital
System Integration group for the administrator, a sender and its key, the hospital's unit
codes mapped to the first units of the service, and hospital numbers on three patients with
an open case (and one known patient without an open case). Then the day is posted:
admissions, transfers, an update with the expected discharge date, discharges, a cancelled
transfer, a merge, a message with an unknown unit, a malformed one and a duplicate delivery.
Each answer (the ACK's MSA segment) is printed. Only the standard library is used.
"""

import argparse
import sys
import urllib.error
import urllib.request
import xmlrpc.client
from datetime import UTC, datetime, timedelta

UNIT_CODES = ["MED", "CARD", "GERI"]


def rpc_setup(url, db, login, password):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    if not uid:
        sys.exit(f"cannot log in to {db} as {login}")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, password, model, method, list(args), kwargs)

    group = call("ir.model.data", "check_object_reference", "social_his", "group_social_his")[1]
    call("res.users", "write", [uid], {"groups_id": [(4, group)]})
    senders = call("social.his.sender", "search", [("name", "=", "Demo integration engine")])
    sender = (
        senders[0]
        if senders
        else call("social.his.sender", "create", {"name": "Demo integration engine"})
    )
    action = call("social.his.sender", "action_generate_key", [sender])
    key = call("social.his.sender.key", "read", [action["res_id"]], ["key"])[0]["key"]
    units = call("social.unit", "search", [], limit=len(UNIT_CODES), order="id")
    for code, unit in zip(UNIT_CODES, units, strict=False):
        if not call("social.his.unit.map", "search", [("code", "=", code)]):
            call("social.his.unit.map", "create", {"code": code, "unit_id": unit})
    cases = call(
        "social.case",
        "search_read",
        [("is_closed", "=", False)],
        ["patient_id"],
        limit=3,
        order="id",
    )
    numbers = []
    for index, case in enumerate(cases, start=1):
        number = f"DEMO-{index:04d}"
        call("res.partner", "write", [case["patient_id"][0]], {"social_patient_number": number})
        numbers.append(number)
    closed = call(
        "social.case",
        "search_read",
        [("is_closed", "=", True)],
        ["patient_id"],
        limit=1,
        context={"active_test": False},
    )
    if closed:
        call(
            "res.partner",
            "write",
            [closed[0]["patient_id"][0]],
            {"social_patient_number": "DEMO-KNOWN"},
        )
        numbers.append("DEMO-KNOWN")
    return key, numbers


def hl7_time(moment):
    return moment.strftime("%Y%m%d%H%M%S+0000")


def message(
    event,
    when,
    control,
    number,
    unit="MED",
    room="101",
    visit=None,
    expected=None,
    prior=None,
    discharged=None,
):
    structure = {"A04": "ADT_A01", "A08": "ADT_A01", "A40": "ADT_A39"}.get(event, f"ADT_{event}")
    segments = [
        f"MSH|^~\\&|HIS|SRH|SOCIAL|SRH|{hl7_time(when)}||ADT^{event}^{structure}|{control}|P|2.5",
        f"EVN|{event}|{hl7_time(when)}",
        f"PID|1||{number}^^^SRH^PI||Demo^Patient",
    ]
    if event == "A40":
        segments.append(f"MRG|{prior}^^^SRH^PI")
    else:
        pv1 = ["PV1", "1", "I", f"{unit}^{room}^1^SRH"] + [""] * 42
        pv1[19] = visit or f"V-{number}"
        if event == "A01":
            pv1[44] = hl7_time(when)
        if discharged:
            pv1[45] = hl7_time(discharged)
        segments.append("|".join(pv1))
        if expected:
            segments.append(f"PV2|||||||||{expected:%Y%m%d}")
    return "\r".join(segments) + "\r"


def the_day(numbers):
    """(title, HL7 text) of a day on the wards, in the order the engine sends them."""
    day = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    a, b, c = (numbers + ["DEMO-0001"] * 3)[:3]
    known = numbers[3] if len(numbers) > 3 else "DEMO-KNOWN"
    hour = timedelta(hours=1)
    stamp = day.strftime("%Y%m%d")
    items = [
        ("admission, medicine", message("A01", day, f"{stamp}-001", a, "MED", "101")),
        ("admission, cardiology", message("A01", day + hour, f"{stamp}-002", b, "CARD", "204")),
        (
            "admission, known patient without case",
            message("A01", day + hour, f"{stamp}-003", known, "GERI", "12"),
        ),
        ("transfer to geriatrics", message("A02", day + 2 * hour, f"{stamp}-004", a, "GERI", "7")),
        (
            "expected discharge date (A08, PV2-9)",
            message(
                "A08",
                day + 3 * hour,
                f"{stamp}-005",
                a,
                "GERI",
                "7",
                expected=(day + timedelta(days=6)).date(),
            ),
        ),
        ("admission, geriatrics", message("A01", day + 3 * hour, f"{stamp}-006", c, "GERI", "3")),
        ("transfer to cardiology", message("A02", day + 4 * hour, f"{stamp}-007", c, "CARD", "9")),
        ("transfer cancelled", message("A12", day + 5 * hour, f"{stamp}-008", c, "GERI", "3")),
        (
            "discharge",
            message(
                "A03", day + 6 * hour, f"{stamp}-009", b, "CARD", "204", discharged=day + 6 * hour
            ),
        ),
        (
            "merge of two hospital numbers",
            message("A40", day + 7 * hour, f"{stamp}-010", a, prior=b),
        ),
        ("unknown unit code", message("A02", day + 8 * hour, f"{stamp}-011", c, "ICU", "1")),
        (
            "malformed (no patient identifier)",
            message("A01", day + 9 * hour, f"{stamp}-012", "", "MED", "5"),
        ),
    ]
    items.append(("duplicate delivery of the first admission", items[0][1]))
    return items


def post(url, key, text):
    request = urllib.request.Request(
        f"{url}/social_his/hl7v2",
        data=text.encode(),
        headers={"Content-Type": "application/hl7-v2", "Authorization": f"Bearer {key}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="social_service")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--key", help="the sender's API key (else --setup makes one)")
    parser.add_argument("--patients", help="hospital numbers of patients with an open case")
    parser.add_argument("--setup", action="store_true", help="prepare the demo database")
    args = parser.parse_args()
    numbers = args.patients.split(",") if args.patients else []
    key = args.key
    if args.setup:
        key, numbers = rpc_setup(args.url, args.db, args.login, args.password)
        print(f"sender key: {key}")
    if not key:
        sys.exit("give --key, or --setup on a demo database")
    failures = 0
    for title, text in the_day(numbers):
        status, answer = post(args.url, key, text)
        msa = next((s for s in answer.split("\r") if s.startswith("MSA")), answer.strip())
        print(f"{status} {msa[:110]:<110} {title}")
        failures += status != 200
    status, _answer = post(args.url, "wrong-key", the_day(numbers)[0][1])
    print(f"{status} (a wrong key)")
    return 1 if failures or status != 401 else 0


if __name__ == "__main__":
    sys.exit(main())
