from . import social_partner_finder
