from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import HttpCase

from odoo.addons.social_case.tests.common import SocialServiceCommon


def niss(birth, serial):
    """A valid Belgian national number for a date of birth (before 2000) and a serial."""
    first = f"{birth:%y%m%d}{serial:03d}"
    return first + f"{97 - int(first) % 97:02d}"


def hl7_time(moment):
    return moment.strftime("%Y%m%d%H%M%S") + "+0000"


class HisCommon(SocialServiceCommon, HttpCase):
    """The shared fixture, with a sending system and its key, two units mapped from the
    hospital system's codes, the patient of case A known by national and hospital number, a
    known patient without an open case, and messages built as a real HIS writes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.his_user = env["res.users"].create(
            {
                "name": "Probe His",
                "login": "probe_his",
                "password": "probe_his",
                "groups_id": [
                    (
                        6,
                        0,
                        [env.ref("base.group_user").id, env.ref("social_his.group_social_his").id],
                    )
                ],
            }
        )
        cls.sender = env["social.his.sender"].create({"name": "Integration engine"})
        cls.key = cls.sender._generate_key()
        Unit = env["social.unit"]
        cls.cardiology = Unit.create({"name": "Probe Cardiology", "target_length_of_stay": 6})
        cls.geriatrics = Unit.create({"name": "Probe Geriatrics", "target_length_of_stay": 12})
        env["social.his.unit.map"].create(
            [
                {"code": "PCARD", "unit_id": cls.cardiology.id},
                {"code": "PGERI", "unit_id": cls.geriatrics.id},
            ]
        )
        cls.niss_a = niss(datetime(1950, 3, 14), 123)
        cls.patient_a.sudo().write({"social_niss": cls.niss_a, "social_patient_number": "P-1001"})
        # known to the service (a closed case), not followed now
        cls.patient_known = env["res.partner"].create(
            {"name": "Probe Patient Known", "social_patient_number": "P-2002"}
        )
        cls.case_known = env["social.case"].create(
            {"patient_id": cls.patient_known.id, "user_id": cls.worker_a.id}
        )
        cls.case_known.write({"stage_id": env.ref("social_case.stage_closed").id})
        cls.today = fields.Date.today()
        cls.day0 = datetime.combine(cls.today - timedelta(days=5), time(9, 0))
        env.flush_all()
        cls.counter = 0

    def control(self):
        type(self).counter += 1
        return f"CTRL{self.counter:05d}"

    def hl7(
        self,
        event,
        when,
        control=None,
        patient_number="P-1001",
        patient_niss=None,
        unit="PCARD",
        room="204",
        visit="V0001",
        expected=None,
        discharged=None,
        prior=None,
        name=("Dupont", "Marie"),
        birthdate="19500314",
    ):
        """An HL7 v2.5 ADT message as an integration engine sends it (segments ended by CR)."""
        msg_type = {"A04": "ADT_A01", "A08": "ADT_A01", "A40": "ADT_A39"}.get(event, f"ADT_{event}")
        ids = [f"{patient_number}^^^SRH^PI"] if patient_number else []
        if patient_niss:
            ids.append(f"{patient_niss}^^^BEL^NN")
        segments = [
            f"MSH|^~\\&|HIS|SRH|SOCIAL|SRH|{hl7_time(when)}||ADT^{event}^{msg_type}|"
            f"{control or self.control()}|P|2.5|||AL|NE|BEL|UNICODE UTF-8",
            f"EVN|{event}|{hl7_time(when)}",
            f"PID|1||{'~'.join(ids)}||{name[0]}^{name[1]}||{birthdate}|F",
        ]
        if event == "A40":
            segments.append(f"MRG|{prior}^^^SRH^PI")
        else:
            pv1 = ["PV1", "1", "I", f"{unit or ''}^{room or ''}^1^SRH"] + [""] * 42
            pv1[19] = visit or ""
            pv1[44] = hl7_time(when) if event in ("A01", "A04") else ""
            pv1[45] = hl7_time(discharged) if discharged else ""
            segments.append("|".join(pv1).rstrip("|"))
            if expected:
                segments.append(f"PV2|||||||||{expected:%Y%m%d}")
        return "\r".join(segments) + "\r"

    def fhir(
        self,
        status,
        when,
        control,
        ssin=None,
        number="P-1001",
        unit="PCARD",
        room="204",
        visit="V0001",
        planned_end=None,
        end=None,
    ):
        """A FHIR R4 Bundle with a Patient identified by the eHealth SSIN naming system."""
        identifiers = []
        if ssin:
            identifiers.append(
                {
                    "system": "https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin",
                    "value": ssin,
                }
            )
        if number:
            identifiers.append({"system": "urn:oid:2.16.56.1.999.1", "value": number})
        encounter = {
            "resourceType": "Encounter",
            "id": "enc-1",
            "identifier": [{"system": "urn:oid:2.16.56.1.999.2", "value": visit}],
            "status": status,
            "class": {
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                "code": "IMP",
            },
            "subject": {"reference": "Patient/pat-1"},
            "period": {"start": when.strftime("%Y-%m-%dT%H:%M:%S+00:00")},
            "location": [
                {"location": {"identifier": {"value": unit}, "display": unit}},
                {
                    "location": {"identifier": {"value": room}},
                    "physicalType": {"coding": [{"code": "ro"}]},
                },
            ],
        }
        if end:
            encounter["period"]["end"] = end.strftime("%Y-%m-%dT%H:%M:%S+00:00")
        if planned_end:
            encounter["extension"] = [
                {
                    "url": "http://hl7.org/fhir/5.0/StructureDefinition/"
                    "extension-Encounter.plannedEndDate",
                    "valueDateTime": planned_end.isoformat(),
                }
            ]
        return {
            "resourceType": "Bundle",
            "id": control,
            "identifier": {"system": "urn:oid:2.16.56.1.999.3", "value": control},
            "type": "collection",
            "timestamp": when.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "entry": [
                {
                    "fullUrl": "urn:uuid:pat-1",
                    "resource": {
                        "resourceType": "Patient",
                        "id": "pat-1",
                        "identifier": identifiers,
                        "name": [{"family": "Dupont", "given": ["Marie"]}],
                        "birthDate": "1950-03-14",
                    },
                },
                {"fullUrl": "urn:uuid:enc-1", "resource": encounter},
            ],
        }

    def receive(self, body, protocol="hl7v2"):
        """What the endpoint does with a message, without HTTP."""
        message = self.env["social.his.message"]._receive(self.sender, protocol, body)
        self.env.flush_all()
        self.env.invalidate_all()
        return message

    def post(self, path, body, key=None, content_type="application/hl7-v2"):
        """POST as the integration engine: with the sender's key, another (``key``) or
        none (``key=False``)."""
        headers = {"Content-Type": content_type}
        if key is not False:
            headers["Authorization"] = f"Bearer {self.key if key is None else key}"
        response = self.url_open(path, data=body.encode(), headers=headers)
        self.env.invalidate_all()
        return response

    def messages(self):
        return self.env["social.his.message"].search([("sender_id", "=", self.sender.id)])

    def stays(self, case):
        return self.env["social.case.episode"].search(
            [("case_id", "=", case.id), ("episode_type", "=", "hospital_stay")]
        )

    def chatter(self, case):
        self.flush_tracking()
        return "\n".join(case.message_ids.mapped("body"))
