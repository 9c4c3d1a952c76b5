import { registry } from "@web/core/registry";

// On a phone (375 px) the social worker sees a case's flag at a glance and acts on the
// reminder of a case gone quiet.

registry.category("web_tour.tours").add("social_flag_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The flag is on the case's card in her caseload",
            trigger:
                ".o_kanban_record:contains('Tour Flagged Patient') .o_social_case_flags:contains('Interpreter needed')",
            run: "click",
        },
        {
            content: "The flag is at the top of the case, under the patient's name",
            trigger: ".o_form_view .oe_title .o_social_case_flags:contains('Interpreter needed')",
        },
        {
            content: "Open the flags",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Flags')",
            run: "click",
        },
        {
            content: "The flag is a card with its reason",
            trigger:
                ".o_field_widget[name=flag_ids]:not(:has(table)) .o_kanban_record:contains('Interpreter needed'):contains('Speaks only Tigrinya')",
            run: "click",
        },
        {
            content: "It opens in a dialog: add when the interpreter comes",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Speaks only Tigrinya; the interpreter comes on Tuesdays.",
        },
        {
            content: "Save the dialog",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The card shows the new reason",
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=flag_ids] .o_kanban_record:contains('on Tuesdays')",
        },
        {
            content: "Stored by the dialog: the case has nothing left to save",
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
    ],
});

registry.category("web_tour.tours").add("social_quiet_reminder_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Her activities are counted in the top bar",
            trigger: ".o_menu_systray .dropdown-toggle:has(i[aria-label=Activities]) .o-mail-ActivityMenu-counter",
            run: "click",
        },
        {
            content: "The cases with a reminder, late",
            trigger: ".o-mail-ActivityMenu .o-mail-ActivityGroup[data-model_name='social.case']",
            run: "click",
        },
        {
            content: "The quiet case is among them, its flag on its card",
            trigger:
                ".o_kanban_record:contains('Tour Quiet Patient'):has(.o_social_case_flags:contains('Interpreter needed'))",
            run: "click",
        },
        {
            content: "The reminder is under the case: no contact for too long",
            trigger: ".o-mail-Activity:contains('Case Gone Quiet') .o-mail-Activity-markDone",
            run: "click",
        },
        {
            content: "Say what was done",
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "edit Called the daughter: all is well.",
        },
        {
            content: "Done",
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label=Done]",
            run: "click",
        },
        {
            content: "The reminder is gone, its feedback in the chatter",
            trigger:
                ".o-mail-Chatter:not(:has(.o-mail-Activity)) .o-mail-Message:contains('Called the daughter')",
        },
    ],
});
