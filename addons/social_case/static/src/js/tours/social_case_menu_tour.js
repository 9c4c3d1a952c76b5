import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("social_case_menu_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Social Service app",
            trigger: '.o_app[data-menu-xmlid="social_case.social_menu_root"]',
            run: "click",
        },
        {
            content: "My caseload opens",
            trigger: ".o_control_panel .o_breadcrumb:contains('My Caseload')",
        },
    ],
});
