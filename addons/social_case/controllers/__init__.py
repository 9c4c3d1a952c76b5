from . import main
from . import dataset
