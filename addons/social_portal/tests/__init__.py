from . import test_portal_http, test_portal_rpc, test_portal_tour
