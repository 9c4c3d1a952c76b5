from . import report_rights_sheet
