from . import social_referral_triage
from . import social_case_break_glass
from . import social_case_transfer
