import { registry } from "@web/core/registry";

// Each role logs in on a phone and lands on its own work, without a tap.

registry.category("web_tour.tours").add("social_first_day_worker_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The social worker lands on My Caseload",
            trigger: ".o_breadcrumb:contains('My Caseload')",
        },
        {
            content: "The caseload is cards, with the patient's place and last contact",
            trigger:
                ".o_kanban_view .o_kanban_record:contains('Tour Caseload Patient'):contains('Tour Ward'):contains('Last contact')",
            run: "click",
        },
        {
            content: "The case shows the current hospital stay",
            trigger: ".o_form_view .o_field_widget[name=current_stay_id]:contains('Tour Ward')",
        },
    ],
});

registry.category("web_tour.tours").add("social_first_day_coordinator_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The coordinator lands on the referrals to triage",
            trigger: ".o_breadcrumb:contains('To Triage')",
        },
        {
            content: "Each referral says why, from which unit, and how long it has waited",
            trigger:
                ".o_kanban_record:contains('Tour Triage Patient'):contains('Needs a place in a nursing home'):contains('Tour Ward'):contains('days ago')",
        },
    ],
});

registry.category("web_tour.tours").add("social_first_day_nurse_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The nurse lands on the referral form, her unit already set",
            trigger:
                ".o_form_view .o_field_widget[name=unit_id] input:value('Tour Ward')",
        },
        {
            content: "1. Type the new patient's name",
            trigger: ".o_form_view .o_field_widget[name=patient_id] input",
            run: "edit Tour New Patient",
        },
        {
            content: "2. Create the patient from the field: a dialog, not a second contact",
            trigger: ".o-autocomplete--dropdown-item.o_m2o_dropdown_option_create_edit a",
            run: "click",
        },
        {
            content: "The dialog asks nothing but what she knows; she saves the patient",
            trigger: ".modal .o_form_view .o_field_widget[name=name] input:value('Tour New Patient')",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The patient is set",
            trigger: ".o_form_view .o_field_widget[name=patient_id] input:value('Tour New Patient')",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "No create line stays open under the field",
            trigger: "body:not(:has(.o-autocomplete--dropdown-menu))",
        },
        {
            content: "4. Say why",
            trigger: ".o_form_view .o_field_widget[name=reason] textarea",
            run: "edit Lives alone, cannot go home without help.",
        },
        {
            content: "5. Send to the social service",
            trigger: ".o_form_sheet button[name=action_send]",
            run: "click",
        },
        {
            content: "She is told who follows up",
            trigger: ".o_notification:contains('coordinator')",
        },
        {
            content: "Her referrals waiting for the social service are shown",
            trigger: ".o_breadcrumb:contains('My Referrals')",
        },
        {
            content: "The new referral is among them",
            trigger: ".o_kanban_record:contains('Tour New Patient')",
        },
    ],
});
