import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function pickProvider(name) {
    return [
        {
            content: `Search ${name}`,
            trigger: ".modal .o_field_widget[name=partner_ids] input",
            run: `edit ${name}`,
        },
        {
            content: `Pick ${name}`,
            trigger: `.o-autocomplete--dropdown-item a:contains('${name}')`,
            run: "click",
        },
        {
            content: `${name} is selected`,
            trigger: `.modal .o_field_widget[name=partner_ids] .o_tag:contains('${name}')`,
        },
    ];
}

registry.category("web_tour.tours").add("social_discharge_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Social Service app",
            trigger: '.o_app[data-menu-xmlid="social_case.social_menu_root"]',
            run: "click",
        },
        {
            content: "Open the discharge menu",
            trigger: '.o_main_navbar button:contains("Discharge")',
            run: "click",
        },
        {
            content: "Open the discharge plans",
            trigger: '.dropdown-item[data-menu-xmlid="social_discharge.social_discharge_plan_menu"]',
            run: "click",
        },
        {
            content: "Create a plan",
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Choose the case",
            trigger: ".o_field_widget[name=case_id] input",
            run: "edit SC/",
        },
        {
            content: "Pick the case",
            trigger: ".o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option) a:contains('SC/')",
            run: "click",
        },
        {
            content: "Going home with services",
            trigger: ".o_field_widget[name=destination_type] select",
            run: "selectByLabel Home with Services",
        },
        {
            content: "The checklist template is proposed",
            trigger: ".o_field_widget[name=template_id] input:value(Home with services)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The plan is saved",
            trigger: ".o_breadcrumb .o_last_breadcrumb_item:contains('SC/')",
        },
        {
            content: "Apply the checklist",
            trigger: "button[name=action_apply_template]",
            run: "click",
        },
        {
            content: "The tasks are there",
            trigger: ".o_field_widget[name=task_ids] .o_data_row:contains('GP informed')",
        },
        {
            content: "Request providers",
            trigger: "button[name=action_find_providers]",
            run: "click",
        },
        ...pickProvider("Tour Provider One"),
        ...pickProvider("Tour Provider Two"),
        ...pickProvider("Tour Provider Three"),
        {
            content: "Create the three requests",
            trigger: ".modal button[name=action_create_requests]",
            run: "click",
        },
        {
            content: "Open the answer of provider two",
            trigger: ".o_list_view .o_data_row:contains('Tour Provider Two') td[name=partner_id]",
            run: "click",
        },
        {
            content: "Record the acceptance",
            trigger: ".o_form_view button[name=action_accept]",
            run: "click",
        },
        {
            content: "Withdraw the other requests",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The request is accepted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Accepted')",
        },
        {
            content: "Back to the plan",
            trigger: ".o_breadcrumb .breadcrumb-item:nth-child(2) a",
            run: "click",
        },
        {
            content: "The destination is the accepting provider",
            trigger: ".o_field_widget[name=destination_partner_id] input:value(Tour Provider Two)",
        },
        {
            content: "Discharge",
            trigger: "button[name=action_discharge]",
            run: "click",
        },
        {
            content: "Give the reason for the open blocking tasks",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit The family takes the patient home today",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The plan is discharged",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Discharged')",
        },
        {
            content: "Open the case",
            trigger: ".o_field_widget[name=case_id] a",
            run: "click",
        },
        {
            content: "The follow-up call is planned on the case",
            trigger: ".o-mail-Activity:contains('Follow-up after discharge')",
        },
    ],
});
