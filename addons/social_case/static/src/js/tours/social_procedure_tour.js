import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const PATIENT = "Amina Tour Rights";
const RIGHT = "Urgent medical aid";
const APP = '.o_app[data-menu-xmlid="social_case.social_menu_root"]';

registry.category("web_tour.tours").add("social_procedure_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            isActive: ["desktop"],
            content: "Open the Social Service app",
            trigger: APP,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the menu of the apps",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Show all the apps",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the Social Service app",
            trigger: `.o_app_menu_sidebar ${APP}`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "My Caseload is a kanban on a phone",
            trigger: ".o_action_manager .o_kanban_view",
        },
        {
            content: "Open the patient's case from the caseload",
            trigger: `.o_kanban_record:contains(${PATIENT}), .o_data_row:contains(${PATIENT}) .o_data_cell`,
            run: "click",
        },
        {
            content: "Open the rights to check",
            trigger: ".o_notebook .nav-link:contains(Rights to Check)",
            run: "click",
        },
        {
            content: "Start the procedure of the suggested right in one click",
            trigger: `.o_field_widget[name=suggested_right_ids] .o_data_row:contains(${RIGHT}) button[name=action_start_procedure]`,
            run: "click",
        },
        {
            content: "The explanation for the patient is shown",
            trigger: ".o_form_view .alert-info:contains(Explain to the patient)",
        },
        {
            isActive: ["mobile"],
            content: "The procedure's actions are behind the cog on a phone",
            trigger: ".o_control_panel .o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "Submit the procedure",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_submit]",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Submit the procedure",
            trigger: ".o-dropdown--menu button[name=action_submit]",
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "The procedure is submitted",
            trigger: ".o_statusbar_status button[aria-checked=true]:contains(Submitted)",
        },
        {
            isActive: ["mobile"],
            content: "The procedure is submitted: a phone shows only the current state",
            trigger: ".o_statusbar_status button.dropdown-toggle:contains(Submitted)",
        },
    ],
});
