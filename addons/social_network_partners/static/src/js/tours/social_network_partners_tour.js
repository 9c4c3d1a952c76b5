import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("social_find_partner_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Social Service app",
            trigger: '.o_app[data-menu-xmlid="social_case.social_menu_root"]',
            run: "click",
        },
        {
            content: "Open the cases menu",
            trigger: '.o_menu_sections [data-menu-xmlid="social_case.social_menu_cases"]',
            run: "click",
        },
        {
            content: "All cases",
            trigger: '.dropdown-item[data-menu-xmlid="social_case.social_case_menu"]',
            run: "click",
        },
        {
            content: "Open Maria's case",
            trigger: ".o_data_row td:contains('Maria Da Silva'), .o_kanban_record:contains('Maria Da Silva')",
            run: "click",
        },
        {
            content: "Find a partner for the case",
            trigger: ".o_form_view button[name='action_social_find_partner']",
            run: "click",
        },
        {
            content: "The patient's postal code is prefilled",
            trigger: ".modal div[name='zip_code'] input:value(1000)",
        },
        {
            content: "Choose the need",
            trigger: ".modal div[name='need_type_id'] input",
            run: "edit Residential",
        },
        {
            content: "Pick residential care",
            trigger: ".o-autocomplete--dropdown-item a:contains('Residential care')",
            run: "click",
        },
        {
            content: "Search",
            trigger: ".modal button[name='action_search']",
            run: "click",
        },
        {
            content: "A nursing home of the area speaking Portuguese comes first",
            trigger: ".modal .o_data_row:first-child td:contains('Maison de repos Saint-Joseph')",
        },
        {
            content: "Log the contact",
            trigger: ".modal .o_data_row:first-child button[name='action_log_contact']",
            run: "click",
        },
        {
            content: "The search closes",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Back on the case, open the interventions",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Interventions')",
            run: "click",
        },
        {
            content: "The contact is logged",
            trigger: ".o_field_widget[name='intervention_ids'] td:contains('Maison de repos Saint-Joseph')",
        },
    ],
});

registry.category("web_tour.tours").add("social_liaison_volunteer_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "All apps",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            content: "Open the Social Service app",
            trigger: '.o_app_menu_sidebar li.o_app[data-menu-xmlid="social_case.social_menu_root"]',
            run: "click",
        },
        {
            content: "Open the request assigned to me",
            trigger: ".o_kanban_record:contains('Maria Da Silva'), .o_data_row:contains('Maria Da Silva')",
            run: "click",
        },
        {
            content: "The request shows the place",
            trigger: ".o_form_view .o_field_widget[name='room']:contains('302'), .o_form_view .o_field_widget[name='room'] input:value(302)",
        },
        {
            content: "Write the visit report",
            trigger: ".o_form_view div[name='report'] textarea",
            run: "edit Visited twice, brought magazines. Would like another visit.",
        },
        {
            content: "Open the actions",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Mark done",
            trigger: ".o-dropdown--menu button[name='action_done']",
            run: "click",
        },
        {
            content: "The request is done",
            trigger: ".o_form_view .o_statusbar_status button.active:contains('Done'), .o_form_view .o_field_widget[name='state'] :contains('Done')",
        },
        {
            content: "Open the menu again",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Liaison requests only, no Cases menu",
            trigger: ".o_app_menu_sidebar .o_burger_menu_app:contains('Liaison Requests'):not(:contains('Cases'))",
        },
    ],
});

registry.category("web_tour.tours").add("social_first_day_volunteer_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The volunteer lands on the requests asked of them",
            trigger: ".o_breadcrumb:contains('My Requests')",
        },
        {
            content: "The card shows the visit date",
            trigger:
                ".o_kanban_record:contains('Tour Visit Patient') .o_liaison_visit_date:not(:contains('Visit to schedule'))",
            run: "click",
        },
        {
            content: "The visit date is at the top of the request",
            trigger: ".o_form_view div[name=visit_datetime]",
        },
        {
            content: "An accepted request asks no decline reason",
            trigger: ".o_form_view:not(:has(div[name=decline_reason]))",
        },
        {
            content: "Write the visit report",
            trigger: ".o_form_view div[name='report'] textarea",
            run: "edit Visited, played cards.",
        },
        {
            content: "Mark done, in sight on the phone",
            trigger: ".o_form_sheet div[name=phone_actions] button[name=action_done]",
            run: "click",
        },
        {
            content: "The request is done",
            trigger: ".o_form_view .o_field_widget[name='state'] :contains('Done')",
        },
    ],
});

registry.category("web_tour.tours").add("social_volunteer_asked_in_the_action_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The volunteer opens the request asked of them",
            trigger: ".o_kanban_record:contains('Tour Ask Patient')",
            run: "click",
        },
        {
            content: "The request itself is the care team's: the purpose is not an input",
            trigger:
                ".o_form_view div[name=purpose]:not(:has(textarea)):contains('Company in the afternoon')",
        },
        {
            content: "Nor is the patient's consent",
            trigger: ".o_form_view div[name=consent_given] input:disabled",
        },
        {
            content: "Schedule the visit before it has a date",
            trigger: ".o_form_sheet div[name=phone_actions] button[name=action_schedule]",
            run: "click",
        },
        {
            content: "The action asks for the date, no error",
            trigger: ".modal div[name=visit_datetime] input",
            run: "edit 01/15/2030 10:00:00 && press Enter",
        },
        {
            content: "Schedule",
            trigger: ".modal footer button[name=action_schedule]",
            run: "click",
        },
        {
            content: "The visit is scheduled",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_field_widget[name=state] :contains('Scheduled')",
        },
        {
            content: "Mark done before writing the report",
            trigger: ".o_form_sheet div[name=phone_actions] button[name=action_done]",
            run: "click",
        },
        {
            content: "The action asks for the report, no error",
            trigger: ".modal div[name=report] textarea",
            run: "edit Visited, read the newspaper together.",
        },
        {
            content: "Mark done",
            trigger: ".modal footer button[name=action_done]",
            run: "click",
        },
        {
            content: "The request is done",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_field_widget[name=state] :contains('Done')",
        },
    ],
});

registry.category("web_tour.tours").add("social_find_partner_phone_tour", {
    url: "/odoo/action-social_case.social_case_action",
    steps: () => [
        {
            content: "Open Maria's case",
            trigger: ".o_kanban_record:contains('Maria Da Silva')",
            run: "click",
        },
        {
            content: "Find a Partner is in sight in the header, not behind the gear",
            trigger: ".o_form_statusbar .o_phone_main_buttons button[name=action_social_find_partner]",
            run: "click",
        },
        {
            content: "The search opens with the patient's postal code",
            trigger: ".modal div[name='zip_code'] input:value(1000)",
        },
    ],
});
