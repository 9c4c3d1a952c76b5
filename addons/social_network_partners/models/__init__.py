from . import social_partner_type
from . import res_partner
