from . import report_liaison_letter
