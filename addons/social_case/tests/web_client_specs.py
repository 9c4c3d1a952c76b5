"""What the web client asks for when it opens the case form and the caseload kanban (the
``specification`` of ``web_read`` and ``web_search_read``, as Odoo 18 sends them for the
views of this addon).

The one copy shared by the query-count tests (``test_performance.py``), the benchmark
(``scripts/bench/ops_daily.py``) and the load test (``scripts/load/locustfile.py``); the
last two load this file by its path, so it imports nothing."""

FORM_SPEC = {
    "stage_id": {"fields": {"display_name": {}}},
    "active": {},
    "name": {},
    "patient_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "coworker_ids": {"fields": {"display_name": {}}},
    "team_id": {"fields": {"display_name": {}}},
    "priority": {},
    "waiting_answer": {},
    "date_open": {},
    "date_closed": {},
    "close_reason": {},
    "is_closed": {},
    "confidentiality": {},
    "company_id": {"fields": {"display_name": {}}},
    "meeting_count": {},
    "attachment_count": {},
    "household_type": {},
    "dependants_count": {},
    "income_source": {},
    "housing": {},
    "residence_status": {},
    "insurer_id": {"fields": {"display_name": {}}},
    "insurer_member_number": {},
    "has_increased_reimbursement": {},
    "language_id": {"fields": {"display_name": {}}},
    "interpreter_needed": {},
    "legal_protection": {},
    "autonomy": {},
    "summary": {},
    "need_ids": {
        "fields": {
            "sequence": {},
            "need_type_id": {"fields": {"display_name": {}}},
            "category": {},
            "status": {},
            "note": {},
        },
        "limit": 40,
    },
    "episode_ids": {
        "fields": {
            "episode_type": {},
            "unit_id": {"fields": {"display_name": {}}},
            "date_start": {},
            "date_end": {},
            "expected_length_of_stay": {},
            "expected_end_date": {},
            "note": {},
        },
        "limit": 40,
    },
    "note_ids": {
        "fields": {
            "date": {},
            "author_id": {"fields": {"display_name": {}}},
            "confidentiality": {},
            "body": {},
        },
        "limit": 40,
    },
    "referral_ids": {
        "fields": {
            "name": {},
            "date": {},
            "unit_id": {"fields": {"display_name": {}}},
            "referrer_type": {},
            "urgency": {},
            "hours_to_first_contact": {},
        },
        "limit": 40,
    },
    "intervention_ids": {
        "fields": {
            "date": {},
            "type_id": {"fields": {"display_name": {}}},
            "duration": {},
            "partner_id": {"fields": {"display_name": {}}},
            "user_id": {"fields": {"display_name": {}}},
            "note": {},
        },
        "limit": 40,
    },
    "display_name": {},
}
KANBAN_SPEC = {
    "color": {},
    "activity_state": {},
    "name": {},
    "priority": {},
    "patient_id": {"fields": {"display_name": {}}},
    "team_id": {"fields": {"display_name": {}}},
    "activity_ids": {"fields": {}},
    "confidentiality": {},
    "user_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
}
