from . import social_report_intervention
from . import social_report_caseload
