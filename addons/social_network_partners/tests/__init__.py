from . import test_directory
