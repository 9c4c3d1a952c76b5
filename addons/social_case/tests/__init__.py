from . import test_access
from . import test_case
from . import test_performance
from . import test_referral
from . import test_security_groups
from . import test_tour
from . import test_triage
