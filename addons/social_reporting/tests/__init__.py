from . import test_reporting
from . import test_retention
