from . import social_survey_invitation
from . import survey_survey
from . import survey_user_input
from . import social_assessment_band
from . import social_assessment
from . import social_case
from . import social_survey_results
from . import res_partner
