from .adt import HisEvent, HisParseError  # noqa: F401
from .fhir import parse_fhir_bundle  # noqa: F401
from .hl7v2 import ack_message, parse_hl7v2  # noqa: F401
