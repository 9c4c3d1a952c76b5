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
