from . import report_survey_invitation
