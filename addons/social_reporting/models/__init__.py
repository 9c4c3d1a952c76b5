from . import res_company
from . import res_config_settings
from . import social_report_intervention
from . import social_report_caseload
