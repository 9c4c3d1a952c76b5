from . import social_report_annual_wizard
