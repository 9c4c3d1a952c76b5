from . import tier_definition
from . import tier_review
from . import tier_validation
from . import comment_wizard
from . import social_case_plan
