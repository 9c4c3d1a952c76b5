import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("social_discharge_mobile_tour", {
    url: "/odoo/action-social_discharge.social_discharge_plan_action",
    steps: () => [
        {
            content: "The plans open as cards on a phone",
            trigger: ".o_kanban_view .o_kanban_record:contains('Mobile Patient')",
        },
        {
            content: "The late plan is marked",
            trigger: ".o_kanban_record:contains('Mobile Patient') .badge:contains('Late')",
        },
        {
            content: "Open the plan",
            trigger: ".o_kanban_record:contains('Mobile Patient') .fw-bold",
            run: "click",
        },
        {
            content: "The case comes first",
            trigger: ".o_form_view .o_field_widget[name=case_id]",
        },
        {
            content: "The hospital stay is shown",
            trigger: ".o_form_view .o_field_widget[name=episode_id]",
        },
        {
            content: "Tasks are cards, not a wide table",
            trigger:
                ".o_field_widget[name=task_ids] .o_kanban_record:contains('GP informed') button[name=action_done]",
            run: "click",
        },
        {
            content: "The task is done",
            trigger:
                ".o_field_widget[name=task_ids] .o_kanban_record:contains('GP informed') .badge:contains('Done')",
        },
    ],
});

registry.category("web_tour.tours").add("social_discharge_from_the_case_mobile_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The social worker lands on her caseload",
            trigger: ".o_kanban_record:contains('Mobile Patient')",
            run: "click",
        },
        {
            content: "The case's buttons are under the bolt on a phone",
            trigger: ".o_form_view .o_button_more",
            run: "click",
        },
        {
            content: "Discharge",
            trigger: "button[name=action_view_discharge_plans]",
            run: "click",
        },
        {
            content: "The case's plan opens itself, not a board of stages",
            trigger: ".o_form_view .o_field_widget[name=task_ids]",
        },
        {
            content: "Discharge is in sight in the header",
            trigger: ".o_form_statusbar .o_phone_main_buttons button[name=action_discharge]",
        },
        {
            content: "So is the liaison letter",
            trigger: ".o_form_statusbar .o_phone_main_buttons button[name=action_print_letter]",
        },
        {
            content: "Request providers, in sight too",
            trigger: ".o_form_statusbar .o_phone_main_buttons button[name=action_find_providers]",
            run: "click",
        },
        {
            content: "The request dialog opens",
            trigger: ".modal .o_field_widget[name=need_type_id]",
        },
        {
            content: "Cancel the request dialog",
            trigger: ".modal footer button[special=cancel]",
            run: "click",
        },
        {
            content: "The requests to providers, under the bolt",
            trigger: "body:not(:has(.modal)) .o_form_view .o_button_more",
            run: "click",
        },
        {
            trigger: "button[name=action_view_requests]",
            run: "click",
        },
        {
            content: "The requests are cards, not a wide table",
            trigger: ".o_kanban_view .o_kanban_record:contains('Mobile Nursing Home')",
        },
    ],
});
