"""The hospital system link (``social_his``): ADT messages applied to the open cases of the
hospital group, as the integration engine posts them (the HTTP layer aside)."""

from datetime import datetime, timedelta

from registry import operation

MESSAGES = 200  # an admission then a transfer for each of 100 patients with an open case


def _hl7(event, when, control, number, unit, room):
    stamp = when.strftime("%Y%m%d%H%M%S") + "+0000"
    pv1 = ["PV1", "1", "I", f"{unit}^{room}^1^SRH"] + [""] * 42
    pv1[19] = f"V-{number}"
    if event == "A01":
        pv1[44] = stamp
    return "\r".join(
        [
            f"MSH|^~\\&|HIS|SRH|SOCIAL|SRH|{stamp}||ADT^{event}^ADT_{event}|{control}|P|2.5",
            f"EVN|{event}|{stamp}",
            f"PID|1||{number}^^^SRH^PI||Bench^Patient",
            "|".join(pv1).rstrip("|"),
        ]
    )


def _setup(env):
    if "social.his.message" not in env:
        return {}
    env.cr.execute(
        """
        SELECT patient_id FROM social_case
         WHERE is_closed IS NOT TRUE AND active AND company_id = %s
         ORDER BY id LIMIT 100
        """,
        [env.company.id],
    )
    patients = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        "SELECT id FROM social_unit WHERE active AND company_id IS NOT DISTINCT FROM %s "
        "ORDER BY id LIMIT 2",
        [env.company.id],
    )
    units = [row[0] for row in env.cr.fetchall()]
    when = datetime.now().replace(microsecond=0) - timedelta(days=1)
    messages = []
    for index, patient in enumerate(patients):
        number = f"BENCH-{patient}"
        messages.append(_hl7("A01", when, f"B{index}-1", number, "U0", 10 + index))
        messages.append(
            _hl7("A02", when + timedelta(hours=1), f"B{index}-2", number, "U1", 500 + index)
        )
    return {"patients": patients, "units": units, "messages": messages}


@operation(
    f"HIS: {MESSAGES} ADT messages applied (A01 + A02 per patient)",
    size=("cases", "SELECT count(*) FROM social_case"),
    setup=_setup,
)
def his_messages(env, ctx):
    if not ctx:
        return None
    # the hospital numbers, the sender and the unit codes, in the measured transaction
    # (rolled back after each run): a few milliseconds of the total
    env.cr.execute(
        "UPDATE res_partner SET social_patient_number = 'BENCH-' || id WHERE id = ANY(%s)",
        [ctx["patients"]],
    )
    env.invalidate_all()
    sender = env["social.his.sender"].create({"name": "Bench engine"})
    env["social.his.unit.map"].create(
        [{"code": f"U{n}", "unit_id": unit} for n, unit in enumerate(ctx["units"][:2])]
    )
    Message = env["social.his.message"]
    done = 0
    for body in ctx["messages"]:
        done += Message._receive(sender, "hl7v2", body).state == "done"
    if done != MESSAGES:
        raise AssertionError(f"{done} of {MESSAGES} messages applied")
    return done
