from . import social_discharge_confirm_wizard
from . import social_discharge_provider_wizard
from . import social_discharge_withdraw_wizard
