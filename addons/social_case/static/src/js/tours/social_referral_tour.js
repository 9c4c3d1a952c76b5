/** @odoo-module **/
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function pickMany2one(field, text) {
    return [
        {
            isActive: ["desktop"],
            content: `Type ${text}`,
            trigger: `.o_field_widget[name=${field}] input`,
            run: `edit ${text}`,
        },
        {
            isActive: ["desktop"],
            content: `Choose ${text}`,
            trigger: `.o-autocomplete--dropdown-item > a:contains('${text}')`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Open the list of ${field}`,
            trigger: `.o_field_widget[name=${field}] input`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Choose ${text}`,
            trigger: `.modal .o_kanban_record:contains('${text}')`,
            run: "click",
        },
    ];
}

function typeMany2one(field, text) {
    // the patient field keeps its type-ahead on a phone too
    return [
        {
            content: `Type ${text}`,
            trigger: `.o_field_widget[name=${field}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${text}`,
            trigger: `.o-autocomplete--dropdown-item > a:contains('${text}')`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("social_referral_refer_tour", {
    steps: () => [
        ...typeMany2one("patient_id", "Aaa Tour Patient"),
        {
            content: "Say why",
            trigger: ".o_field_widget[name=reason] textarea",
            run: "edit Lives alone, cannot go home without help.",
        },
        ...stepUtils.saveForm(),
        {
            content: "The referral has its reference",
            trigger: ".o_form_view .oe_title:contains('SR/')",
        },
    ],
});

registry.category("web_tour.tours").add("social_referral_triage_tour", {
    steps: () => [
        {
            isActive: ["mobile"],
            content: "The record's actions are behind the cog on a phone",
            trigger: ".o_control_panel .o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "Open the triage",
            trigger: "button[name=action_open_triage_wizard]",
            run: "click",
        },
        {
            content: "A referent is proposed",
            trigger: ".modal .o_field_widget[name=user_id] input:value('Tour Referent')",
        },
        {
            content: "Accept into a new case",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Back on the referrals to triage",
            trigger: ".o_breadcrumb:contains('To Triage')",
        },
    ],
});

registry.category("web_tour.tours").add("social_intervention_log_tour", {
    steps: () => [
        ...pickMany2one("case_id", "SC/"),
        ...pickMany2one("type_id", "Phone Call"),
        {
            content: "How long",
            trigger: ".o_field_widget[name=duration] input",
            run: "edit 25",
        },
        {
            content: "What was said",
            trigger: ".o_field_widget[name=note] textarea",
            run: "edit Called the patient's daughter about the return home.",
        },
        ...stepUtils.saveForm(),
    ],
});
