from . import test_his_access
from . import test_his_events
from . import test_his_http
