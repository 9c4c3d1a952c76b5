from . import social_portal_invite
