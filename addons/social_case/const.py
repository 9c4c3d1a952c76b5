"""The xml ids of the social service's groups, for the code of every addon: one name each."""

LIAISON = "social_case.group_social_liaison"  # volunteers and chaplains
CARE = "social_case.group_social_care"  # the care team: nurses who refer patients
WORKER = "social_case.group_social_worker"
COORDINATOR = "social_case.group_social_coordinator"
MANAGER = "social_case.group_social_manager"  # the head of service
PORTAL = "base.group_portal"  # the providers who answer discharge requests
