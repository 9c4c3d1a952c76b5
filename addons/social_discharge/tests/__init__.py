from . import test_discharge_plan
from . import test_discharge_requests
from . import test_discharge_security
from . import test_discharge_performance
from . import test_tour
from . import test_discharge_settings_episode
from . import test_tour_mobile
from . import test_liaison_letter_pdf
