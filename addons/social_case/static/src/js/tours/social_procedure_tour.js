import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const PATIENT = "Amina Tour Rights";
const RIGHT = "Urgent medical aid";

registry.category("web_tour.tours").add("social_procedure_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Social Service app",
            trigger: '.o_app[data-menu-xmlid="social_case.social_menu_root"]',
            run: "click",
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
            content: "Submit the procedure",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_submit]",
            run: "click",
        },
        {
            content: "The procedure is submitted",
            trigger: ".o_statusbar_status button[aria-checked=true]:contains(Submitted)",
        },
    ],
});
