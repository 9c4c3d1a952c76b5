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
        {
            content: "The rights sheet is in sight in the header, not behind the gear",
            trigger: ".o_form_statusbar .o_phone_main_buttons button[name=action_print_rights_sheet]",
        },
        {
            content: "Log an intervention from the header",
            trigger: ".o_form_statusbar .o_phone_main_buttons button[name=action_log_intervention]",
            run: "click",
        },
        {
            content: "The intervention opens in a dialog of its own",
            trigger: ".modal .o_field_widget[name=type_id] input",
            run: "click",
        },
        {
            content: "Pick the phone call",
            trigger: ".modal .o_kanban_record:contains('Phone Call'), .modal .o_data_row:contains('Phone Call')",
            run: "click",
        },
        {
            content: "How long",
            trigger: ".modal .o_field_widget[name=duration] input",
            run: "edit 20",
        },
        {
            content: "What was said",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Tour call with the daughter.",
        },
        {
            content: "Save the dialog",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Open the interventions",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Interventions')",
            run: "click",
        },
        {
            content: "The interventions are cards on a phone, the new one among them",
            trigger:
                ".o_field_widget[name=intervention_ids] .o_kanban_record:contains('Tour call with the daughter')",
        },
        {
            content: "Open the earlier call to correct it",
            trigger:
                ".o_field_widget[name=intervention_ids] .o_kanban_record:contains('Tour earlier call')",
            run: "click",
        },
        {
            content: "It opens in a dialog of its own",
            trigger: ".modal .o_field_widget[name=duration] input",
            run: "edit 35",
        },
        {
            content: "Save the dialog",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The card shows the correction",
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=intervention_ids] .o_kanban_record:contains('Tour earlier call'):contains('35')",
        },
        {
            content: "The case has nothing left to save: the dialog stored the correction",
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
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
            run: "click",
        },
        {
            content: "Triage is in sight in the header, not behind the gear",
            trigger: ".o_form_statusbar .o_phone_main_buttons button[name=action_open_triage_wizard]",
            run: "click",
        },
        {
            content: "The triage opens",
            trigger: ".modal .o_field_widget[name=decision]",
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

function wait(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

registry.category("web_tour.tours").add("social_first_day_nurse_leaves_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The nurse lands on the referral form",
            trigger: ".o_form_view .o_field_widget[name=unit_id] input:value('Tour Ward')",
            async run() {
                // the patient's list is folded until she types a name
                await wait(500);
                const items = document.querySelectorAll(
                    ".o_field_widget[name=patient_id] .o-autocomplete--dropdown-item"
                );
                if (items.length) {
                    throw new Error(`${items.length} patients listed before a letter is typed`);
                }
            },
        },
        {
            content: "Leaving the untouched form asks nothing",
            trigger: ".o_form_view .o_field_widget[name=patient_id] input",
            run() {
                // after the step: the tour takes a beforeunload during a step for a reload
                setTimeout(async () => {
                    const event = new Event("beforeunload", { cancelable: true });
                    window.dispatchEvent(event);
                    await wait(200);
                    document.body.dataset.socialLeave = event.defaultPrevented ? "asks" : "silent";
                }, 0);
            },
        },
        {
            content: "The browser did not ask 'Leave site?'",
            trigger: "body[data-social-leave=silent]",
        },
        {
            content: "Typing a name lists the matching patients",
            trigger: ".o_form_view .o_field_widget[name=patient_id] input",
            run: "edit Tour Known",
        },
        {
            trigger:
                ".o_field_widget[name=patient_id] .o-autocomplete--dropdown-item:contains('Tour Known Patient')",
        },
        {
            content: "She discards the referral",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "She sees her referrals, not an empty inbox",
            trigger: ".o_breadcrumb:contains('My Referrals')",
        },
        {
            trigger: "body:not(:has(.o_mail_discuss, .o-mail-Discuss))",
        },
    ],
});

registry.category("web_tour.tours").add("social_triage_duplicates_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The coordinator opens the referral to triage",
            trigger: ".o_kanban_record:contains('Tour Homonym')",
            run: "click",
        },
        {
            content: "The likely duplicates are cards on a phone, not a table",
            trigger:
                ".o_field_widget[name=patient_duplicate_ids]:not(:has(table)) .o_kanban_record:contains('1950')",
            run: "click",
        },
        {
            content: "The likely duplicate opens: the person already known to the service",
            trigger: ".modal .o_form_view .o_field_widget[name=social_birthdate]:contains('1950')",
        },
        {
            content: "Back to the referral",
            trigger: ".modal .o_form_button_cancel",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=patient_duplicate_ids]",
        },
        {
            content: "Triage, in sight in the header",
            trigger: ".o_form_statusbar .o_phone_main_buttons button[name=action_open_triage_wizard]",
            run: "click",
        },
        {
            content: "In the triage, the likely duplicates are cards too",
            trigger:
                ".modal .o_field_widget[name=duplicate_ids]:not(:has(table)) .o_kanban_record:contains('1950')",
        },
        {
            content: "Nothing in the triage scrolls sideways",
            trigger: ".modal .modal-body",
            run() {
                const body = document.querySelector(".modal .modal-body");
                if (body.scrollWidth > body.clientWidth + 1) {
                    throw new Error(
                        `The triage is ${body.scrollWidth} px wide in a ${body.clientWidth} px screen`
                    );
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("social_interventions_phone_tour", {
    url: "/odoo/action-social_case.social_intervention_action",
    steps: () => [
        {
            content: "The Interventions menu is open",
            trigger: ".o_breadcrumb:contains('Interventions')",
        },
        {
            content: "The interventions are cards on a phone, each with its case and its type",
            trigger: ".o_kanban_view .o_kanban_record:contains('Phone Call'):contains('25')",
        },
        {
            content: "Nothing scrolls sideways",
            trigger: ".o_kanban_view",
            run() {
                const page = document.querySelector(".o_action_manager");
                if (page.scrollWidth > page.clientWidth + 1) {
                    throw new Error(`The page is ${page.scrollWidth} px wide in ${page.clientWidth} px`);
                }
            },
        },
    ],
});

// each tab of the case whose lines are cards on a phone: [tab, field, text of a card]
const CASE_TABS = [
    ["Needs", "need_ids", "Tour Housing"],
    ["Pathway", "episode_ids", "Tour Ward"],
    ["Plan", "plan_ids", "v1"],
    ["Notes", "note_ids", "Tour note about the rent"],
    ["Consents", "consent_ids", "Discharge"],
    ["Referrals", "referral_ids", "Tour Ward"],
    ["Procedures", "procedure_ids", "Tour Income"],
];

function notSideways() {
    const sheet = document.querySelector(".o_form_view .o_form_sheet");
    if (sheet.scrollWidth > sheet.clientWidth + 1) {
        throw new Error(`The case is ${sheet.scrollWidth} px wide in ${sheet.clientWidth} px`);
    }
}

registry.category("web_tour.tours").add("social_case_tabs_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the case from the caseload",
            trigger: ".o_kanban_record:contains('Tour Tabs Patient')",
            run: "click",
        },
        ...CASE_TABS.flatMap(([tab, field, text]) => [
            {
                content: `Open the ${tab} tab`,
                trigger: `.o_form_view .o_notebook a.nav-link:contains('${tab}')`,
                run: "click",
            },
            {
                content: `${tab}: cards, not a table`,
                trigger: `.o_field_widget[name=${field}]:not(:has(table)) .o_kanban_record:contains('${text}')`,
                run: notSideways,
            },
        ]),
        {
            content: "Write a note from its tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Notes')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=note_ids] button:contains('Write a Note')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=body] .odoo-editor-editable",
            run: "editor Tour note written on a phone",
        },
        {
            content: "Save the note's dialog",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The note is a card of the case, and the case has nothing left to save",
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=note_ids] .o_kanban_record:contains('Tour note written on a phone')",
        },
        {
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Add a need from its tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Needs')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=need_ids] .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Which need",
            trigger: ".modal .o_field_widget[name=need_type_id] input",
            run: "click",
        },
        {
            trigger: ".modal .o_kanban_record:contains('Tour Debts')",
            run: "click",
        },
        {
            content: "Save the need's dialog",
            trigger: ".modal:not(:has(.o_kanban_record)) .o_form_button_save",
            run: "click",
        },
        {
            content: "The need is a card of the case, and the case has nothing left to save",
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=need_ids] .o_kanban_record:contains('Tour Debts')",
        },
        {
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Procedures')",
            run: "click",
        },
        {
            content: "Open the procedure to note the organisation's reference",
            trigger: ".o_field_widget[name=procedure_ids] .o_kanban_record:contains('Tour Income')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=reference] input",
            run: "edit TOUR-REF-7",
        },
        {
            content: "Save the procedure's dialog",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Stored by the dialog: the case has nothing left to save",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Record a consent from the case",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Consents')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=consent_ids] .o-kanban-button-new",
            run: "click",
        },
        {
            content: "What the patient agrees to",
            trigger: ".modal .o_field_widget[name=purpose_id] input",
            run: "click",
        },
        {
            trigger: ".modal .o_kanban_record:contains('A visit by volunteers')",
            run: "click",
        },
        {
            content: "Save the consent's dialog",
            trigger: ".modal:not(:has(.o_kanban_record)) .o_form_button_save",
            run: "click",
        },
        {
            content: "The consent is among the case's cards",
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=consent_ids] .o_kanban_record:contains('volunteers')",
        },
        {
            content: "Stored by the dialog: the case has nothing left to save",
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
    ],
});
