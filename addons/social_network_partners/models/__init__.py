from . import social_partner_type
from . import social_partner_evaluation
from . import res_partner
from . import social_liaison_service
from . import social_liaison_request
from . import social_case
from . import res_config_settings
from . import social_consent
