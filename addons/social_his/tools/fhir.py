"""FHIR R4 Bundles (Patient + Encounter) read with fhir.resources, mapped onto ADT events."""

import json
from datetime import UTC, date, datetime

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError as PydanticError

from .adt import HisEvent, HisParseError

# the Belgian eHealth naming system of the national number (INSZ/NISS, SSIN)
SSIN_SYSTEM = "https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin"
# the R5 element Encounter.plannedEndDate carried in R4 by its cross-version extension
PLANNED_END_URL = "http://hl7.org/fhir/5.0/StructureDefinition/extension-Encounter.plannedEndDate"
# Encounter.status -> the ADT event it stands for
STATUS_EVENTS = {
    "planned": None,
    "arrived": "A01",
    "in-progress": "A01",
    "onleave": "A08",
    "finished": "A03",
    "cancelled": "A11",
    "entered-in-error": "A11",
}


def _utc(moment, tz):
    if moment is None:
        return None
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = tz.localize(moment)
        return moment.astimezone(UTC).replace(tzinfo=None)
    if isinstance(moment, date):
        return (
            tz.localize(datetime(moment.year, moment.month, moment.day))
            .astimezone(UTC)
            .replace(tzinfo=None)
        )
    return None


def parse_fhir_bundle(payload, tz, _):
    """Read a Bundle holding a Patient and an Encounter into an ``HisEvent``."""
    try:
        data = json.loads(payload) if isinstance(payload, str | bytes) else payload
    except ValueError as error:
        raise HisParseError(_("The body is not JSON: %(error)s", error=error)) from error
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise HisParseError(_("The body is not a FHIR Bundle."))
    control_id = (data.get("identifier") or {}).get("value") or data.get("id")
    if not control_id:
        raise HisParseError(_("The Bundle has neither an identifier nor an id."))
    try:
        bundle = Bundle.model_validate(data)
    except PydanticError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        raise HisParseError(
            _(
                "The Bundle is not valid FHIR R4: %(where)s: %(error)s",
                where=where,
                error=first.get("msg"),
            ),
            control_id=control_id,
        ) from error
    resources = [entry.resource for entry in bundle.entry or [] if entry.resource]
    patient = next((r for r in resources if r.get_resource_type() == "Patient"), None)
    encounter = next((r for r in resources if r.get_resource_type() == "Encounter"), None)
    if patient is None or encounter is None:
        raise HisParseError(
            _("The Bundle needs a Patient and an Encounter."), control_id=control_id
        )
    event_code = STATUS_EVENTS.get(encounter.status)
    if event_code is None:
        raise HisParseError(
            _(
                "An encounter %(status)s is not one the social service uses.",
                status=encounter.status,
            ),
            control_id=control_id,
        )
    moment = bundle.timestamp or (bundle.meta and bundle.meta.lastUpdated)
    if moment is None:
        raise HisParseError(_("The Bundle has no timestamp."), control_id=control_id)
    event = HisEvent(
        protocol="fhir",
        control_id=control_id,
        event_code=event_code,
        event_time=_utc(moment, tz),
        version="R4",
    )
    _read_patient(event, patient, _)
    _read_encounter(event, encounter, tz)
    return event


def _read_patient(event, patient, _):
    for identifier in patient.identifier or []:
        if identifier.system == SSIN_SYSTEM:
            event.patient_niss = event.patient_niss or identifier.value
        elif identifier.value:
            event.patient_number = event.patient_number or identifier.value
    if not (event.patient_niss or event.patient_number):
        raise HisParseError(
            _(
                "The Patient has neither a national number (%(system)s) nor another identifier.",
                system=SSIN_SYSTEM,
            ),
            control_id=event.control_id,
        )
    if patient.name:
        event.patient_family_name = patient.name[0].family
        event.patient_given_name = " ".join(patient.name[0].given or []) or None
    event.patient_birthdate = patient.birthDate if isinstance(patient.birthDate, date) else None


def _read_encounter(event, encounter, tz):
    """Visit number, unit and room (locations), admission, discharge and planned end."""
    event.visit_number = encounter.identifier[0].value if encounter.identifier else encounter.id
    for location in encounter.location or []:
        ref = location.location
        code = (ref.identifier and ref.identifier.value) or None
        coding = location.physicalType and location.physicalType.coding
        if coding and coding[0].code in ("ro", "bd"):
            event.room = event.room or code or ref.display
        elif code and not event.unit_code:
            event.unit_code = code
    period = encounter.period
    if period:
        event.admitted_at = _utc(period.start, tz)
        if encounter.status == "finished":
            event.discharged_at = _utc(period.end, tz)
        elif period.end:
            event.expected_discharge_date = _utc(period.end, tz).date()
    for extension in encounter.extension or []:
        if extension.url == PLANNED_END_URL and extension.valueDateTime:
            value = extension.valueDateTime
            event.expected_discharge_date = (
                _utc(value, tz).date() if isinstance(value, datetime) else value
            )
