from . import social_his_sender
from . import social_his_unit_map
from . import social_his_admission
from . import social_his_message
from . import social_case
from . import social_case_episode
from . import res_config_settings
