"""HL7 v2.x ADT messages read with python-hl7, and the ACK that answers them."""

import codecs
from datetime import UTC, datetime

import hl7

from .adt import EVENTS, HisEvent, HisParseError

# PID-3 identifier type codes (HL7 table 0203) of the Belgian national number, and of the
# hospital's own patient number
NISS_TYPES = {"NN", "SS", "NNBEL"}
NISS_AUTHORITIES = {"NISS", "INSZ", "SSIN", "BEL", "RN", "RRN"}
NUMBER_TYPES = {"PI", "MR", "PT"}


# MSH-18 (HL7 table 0211) and the codecs that read them; the header itself is ASCII
CHARSETS = {
    "ASCII": "ascii",
    "8859/1": "iso8859-1",
    "8859/2": "iso8859-2",
    "8859/5": "iso8859-5",
    "8859/7": "iso8859-7",
    "8859/9": "iso8859-9",
    "8859/15": "iso8859-15",
    "UNICODE UTF-8": "utf-8",
}


def decode_hl7v2(data, charset=None):
    """The text of an HL7 v2 message received as bytes: in the character set the request
    names (``charset``, from its Content-Type), else the one MSH-18 names, a byte that does
    not belong to it read as U+FFFD; when neither names one, UTF-8 if the bytes are UTF-8,
    else ISO 8859-1, which European integration engines send without saying so."""
    codec = None
    if charset:
        # a name Python does not know, or a codec that does not read text (rot13, base64),
        # is read as if none were named
        try:
            info = codecs.lookup(charset.strip())
        except LookupError:
            info = None
        if info and getattr(info, "_is_text_encoding", True):
            codec = info.name
    else:
        header = data.split(b"\r", 1)[0].split(b"\n", 1)[0]
        if header[:3] == b"MSH" and len(header) > 3:
            fields = header.split(header[3:4])
            if len(fields) > 17:
                name = fields[17].split(b"~", 1)[0].decode("ascii", "replace").strip()
                codec = CHARSETS.get(name.upper())
    if codec:
        return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("iso8859-1")


def _segment(message, name):
    try:
        return message.segment(name)
    except KeyError:
        return None


def _text(value):
    """A component (a list of sub-components) or a string as its first text."""
    while not isinstance(value, str):
        value = value[0] if len(value) else ""
    return value


def _repetitions(segment, index):
    """The repetitions of SEG-index, each as its list of component texts."""
    if segment is None or len(segment) <= index:
        return []
    field = segment[index]
    if isinstance(field, str):
        return [[field]] if field else []
    if all(isinstance(item, str) for item in field):
        text = "".join(field)
        return [[text]] if text else []
    return [[_text(component) for component in rep] for rep in field]


def _components(field_or_segment, index=None):
    """The components of the first repetition of a field."""
    reps = _repetitions(field_or_segment, index)
    return reps[0] if reps else []


def _value(segment, index, component=1):
    """The text of SEG-index.component (1-based, as the standard counts), or None."""
    return _get(_components(segment, index), component)


def _get(parts, index):
    """Component ``index`` (1-based) of a list of components, stripped, or None."""
    if len(parts) >= index:
        value = (parts[index - 1] or "").strip()
        return value or None
    return None


def parse_datetime(value, tz, _):
    """An HL7 DTM (YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]) as naive UTC; local times are in
    ``tz`` (a pytz time zone, the hospital's)."""
    if not value:
        return None
    try:
        moment = hl7.parse_datetime(value)
    except ValueError as error:
        raise HisParseError(_("%(value)s is not an HL7 date and time.", value=value)) from error
    if moment.tzinfo is None:
        moment = tz.localize(moment)
    return moment.astimezone(UTC).replace(tzinfo=None)


def parse_date(value, _):
    if not value:
        return None
    try:
        return hl7.parse_datetime(value[:8]).date()
    except ValueError as error:
        raise HisParseError(_("%(value)s is not an HL7 date.", value=value)) from error


def parse_hl7v2(text, tz, _):
    """Read an ADT message into an ``HisEvent``; raise ``HisParseError`` with what is wrong
    (and the control id when it could be read, so that the ACK refers to it)."""
    text = (text or "").replace("\r\n", "\r").replace("\n", "\r").strip()
    if not text.startswith("MSH"):
        raise HisParseError(_("The message does not start with an MSH segment."))
    try:
        message = hl7.parse(text)
    except Exception as error:  # python-hl7 raises various errors on garbage
        raise HisParseError(_("The message cannot be parsed: %(error)s", error=error)) from error
    msh = _segment(message, "MSH")
    # python-hl7 counts MSH-1 (the field separator) as field 1: MSH[n] is MSH-n
    control_id = _value(msh, 10)
    message_type = _components(msh, 9)
    event_code = _get(message_type, 2)
    if not control_id:
        raise HisParseError(_("MSH-10 (the message control id) is empty."), event_code=event_code)
    if _get(message_type, 1) != "ADT":
        raise HisParseError(
            _("MSH-9 is %(type)s, not an ADT message.", type=_get(message_type, 1)),
            control_id=control_id,
            event_code=event_code,
        )
    evn = _segment(message, "EVN")
    if event_code is None and evn is not None:
        event_code = _value(evn, 1)
    if event_code not in EVENTS:
        raise HisParseError(
            _("Event %(event)s is not one the social service uses.", event=event_code),
            control_id=control_id,
            event_code=event_code,
        )
    try:
        event = _read_event(message, msh, evn, control_id, event_code, tz, _)
    except HisParseError as error:
        error.control_id, error.event_code = control_id, event_code
        raise
    except (IndexError, TypeError, ValueError) as error:
        raise HisParseError(
            _("The message cannot be read: %(error)s", error=error),
            control_id=control_id,
            event_code=event_code,
        ) from error
    return event


def _read_event(message, msh, evn, control_id, event_code, tz, _):
    """The event of a message whose header is readable."""
    moment = (evn is not None and (_value(evn, 6) or _value(evn, 2))) or _value(msh, 7)
    event_time = parse_datetime(moment, tz, _)
    if not event_time:
        raise HisParseError(_("Neither EVN-2 nor MSH-7 gives the time of the event."))
    event = HisEvent(
        protocol="hl7v2",
        control_id=control_id,
        event_code=event_code,
        event_time=event_time,
        sending_application=_value(msh, 3),
        sending_facility=_value(msh, 4),
        version=_value(msh, 12),
    )
    pid = _segment(message, "PID")
    if pid is None:
        raise HisParseError(_("The message has no PID segment."))
    event.patient_niss, event.patient_number = _identifiers(_repetitions(pid, 3))
    if not (event.patient_niss or event.patient_number):
        raise HisParseError(
            _("PID-3 holds neither a national number nor a hospital patient number.")
        )
    names = _repetitions(pid, 5)
    if names:
        event.patient_family_name = _get(names[0], 1)
        event.patient_given_name = _get(names[0], 2)
    event.patient_birthdate = parse_date(_value(pid, 7), _)
    pv1 = _segment(message, "PV1")
    if pv1 is not None:
        _read_visit(event, pv1, _segment(message, "PV2"), tz, _)
    elif event_code in {"A01", "A02", "A03", "A04", "A11", "A12", "A13"}:
        raise HisParseError(_("An %(event)s message needs a PV1 segment.", event=event_code))
    mrg = _segment(message, "MRG")
    if mrg is not None:
        event.prior_patient_niss, event.prior_patient_number = _identifiers(_repetitions(mrg, 1))
    if event_code == "A40" and not (event.prior_patient_number or event.prior_patient_niss):
        raise HisParseError(_("MRG-1 gives no prior patient identifier to merge."))
    return event


def _read_visit(event, pv1, pv2, tz, _):
    """The stay: PV1-3 unit^room, PV1-19 visit, PV1-44/45 admission and discharge, PV2-9."""
    location = _repetitions(pv1, 3)
    if location:
        event.unit_code = _get(location[0], 1)
        event.room = _get(location[0], 2)
    event.visit_number = _value(pv1, 19)
    event.admitted_at = parse_datetime(_value(pv1, 44), tz, _)
    event.discharged_at = parse_datetime(_value(pv1, 45), tz, _)
    if pv2 is not None:
        event.expected_discharge_date = parse_date(_value(pv2, 9), _)


def _identifiers(repetitions):
    """(national number, hospital number) among CX identifiers (ID^^^authority^type)."""
    niss = number = None
    for parts in repetitions:
        value = _get(parts, 1)
        authority = (_get(parts, 4) or "").upper()
        id_type = (_get(parts, 5) or "").upper()
        if not value:
            continue
        if id_type in NISS_TYPES or authority in NISS_AUTHORITIES:
            niss = niss or value
        elif id_type in NUMBER_TYPES or not id_type:
            number = number or value
    return niss, number


def _escape(text):
    text = str(text or "")
    for char, code in (("\\", "\\E\\"), ("|", "\\F\\"), ("^", "\\S\\"), ("~", "\\R\\")):
        text = text.replace(char, code)
    return text.replace("&", "\\T\\").replace("\r", " ").replace("\n", " ")


def ack_message(code, control_id, text="", event_code=None, receiving=None, now=None):
    """An HL7 v2.5 ACK: MSA-1 ``code`` (AA, AE, AR) for ``control_id``; an ERR segment
    carries ``text`` when the message was not accepted."""
    now = now or datetime.now(UTC)
    app, facility = receiving or ("", "")
    segments = [
        "|".join(
            [
                "MSH",
                "^~\\&",
                "ODOO_SOCIAL",
                "SOCIAL_SERVICE",
                _escape(app),
                _escape(facility),
                now.strftime("%Y%m%d%H%M%S+0000"),
                "",
                f"ACK^{event_code or ''}^ACK",
                _escape(f"ACK{control_id or ''}")[:199],
                "P",
                "2.5",
            ]
        ),
        "|".join(["MSA", code, _escape(control_id or ""), _escape(text)[:80]]),
    ]
    if code != "AA":
        severity = "E"
        segments.append(
            "|".join(
                [
                    "ERR",
                    "",
                    "",
                    "207" if code == "AE" else "100",
                    severity,
                    "",
                    "",
                    "",
                    _escape(text),
                ]
            )
        )
    return "\r".join(segments) + "\r"
