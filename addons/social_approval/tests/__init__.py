from . import test_access_export_requests
from . import test_aid_request
from . import test_closure_request
from . import test_plan_sign_off
from . import test_probe_fuzz
from . import test_plan_tour
from . import test_demo
