from . import test_reporting
from . import test_retention
from . import test_small_counts
from . import test_settings
from . import test_annual_report
from . import test_tour
from . import test_file_active
from . import test_probe_reporting
