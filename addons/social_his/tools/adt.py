"""What the hospital system tells, whatever the protocol: one ADT event about one patient."""

import dataclasses
from datetime import date, datetime

# the events the inbox knows: v2 trigger events (FHIR encounters are mapped onto them)
EVENTS = {
    "A01": "Admission",
    "A02": "Transfer",
    "A03": "Discharge",
    "A04": "Registration",
    "A08": "Update",
    "A11": "Admission Cancelled",
    "A12": "Transfer Cancelled",
    "A13": "Discharge Cancelled",
    "A40": "Patient Merge",
}


class HisParseError(ValueError):
    """The message cannot be read; ``control_id`` and ``event_code`` when they were found."""

    def __init__(self, message, control_id=None, event_code=None):
        super().__init__(message)
        self.control_id = control_id
        self.event_code = event_code


@dataclasses.dataclass
class HisEvent:
    """The fields of an ADT message that the social service uses. Datetimes are naive UTC."""

    protocol: str
    control_id: str
    event_code: str
    event_time: datetime
    patient_niss: str | None = None
    patient_number: str | None = None
    patient_family_name: str | None = None
    patient_given_name: str | None = None
    patient_birthdate: date | None = None
    visit_number: str | None = None
    unit_code: str | None = None
    room: str | None = None
    admitted_at: datetime | None = None
    discharged_at: datetime | None = None
    expected_discharge_date: date | None = None
    prior_patient_number: str | None = None
    prior_patient_niss: str | None = None
    sending_application: str | None = None
    sending_facility: str | None = None
    version: str | None = None
