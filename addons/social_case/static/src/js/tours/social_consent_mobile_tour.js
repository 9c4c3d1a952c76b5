import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("social_consent_mobile_tour", {
    url: "/odoo/action-social_case.social_consent_action/new",
    steps: () => [
        {
            content: "At the bedside: choose the patient",
            trigger: ".o_form_view .o_field_widget[name=patient_id] input",
            run: "click",
        },
        {
            content: "A phone searches in a full-screen list",
            trigger: ".modal .o_kanban_record:contains('Consent Phone Patient')",
            run: "click",
        },
        {
            content: "What the patient agrees to",
            trigger: ".o_form_view .o_field_widget[name=purpose_id] input",
            run: "click",
        },
        {
            trigger: ".modal .o_kanban_record:contains('A visit by volunteers')",
            run: "click",
        },
        {
            content: "Given by the patient, orally: the defaults",
            trigger: ".o_form_view .o_field_widget[name=given_by]",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Once recorded, the consent can only be withdrawn",
            trigger: ".o_form_view .o_field_widget[name=withdrawal_reason]",
        },
    ],
});
