from . import test_plan_sign_off
