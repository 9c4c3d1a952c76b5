from . import (
    res_company,
    res_config_settings,
    res_partner,
    res_users,
    social_case,
    social_case_contact,
    social_case_access_log,
    social_consent,
    social_consent_purpose,
    social_discharge_request,
    social_portal_access,
    social_procedure,
)
