from . import test_security_groups
from . import test_tour
from . import test_procedure
from . import test_right
from . import test_procedure_tour
from . import test_privacy_chatter
from . import test_privacy_rpc
from . import test_privacy_http
