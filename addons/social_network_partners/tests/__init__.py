from . import test_directory
from . import test_finder
from . import test_liaison_flow
from . import test_liaison_security
from . import test_import
from . import test_tour
from . import test_probe_liaison
from . import test_liaison_consent
