from . import test_survey
from . import test_probe_survey
from . import test_probe_survey_app
from . import test_anonymisation_scan
from . import test_assessment
from . import test_assessment_tour
