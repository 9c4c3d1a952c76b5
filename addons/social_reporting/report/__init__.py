from . import annual_report
