from . import report_rights_sheet
from . import report_access_export
from . import report_case_plan
