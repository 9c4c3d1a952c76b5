import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("social_reporting_morning_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The head of service lands on the morning dashboard",
            trigger: ".o_spreadsheet_dashboard_action .o_renderer",
        },
        {
            content: "The dashboard is the social service's",
            trigger: ".o_spreadsheet_dashboard_action:contains(Social Service: This Morning)",
        },
        {
            content: "No error while the figures load",
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status.error)) canvas",
        },
        {
            content: "Scroll down to the charts, under the tables",
            trigger: ".o_spreadsheet_dashboard_action .o-scrollbar",
            run() {
                const bars = document.querySelectorAll(".o_spreadsheet_dashboard_action .o-scrollbar");
                const vertical = [...bars].find((bar) => bar.scrollHeight > bar.clientHeight);
                vertical.scrollTop = 1300;
                vertical.dispatchEvent(new Event("scroll"));
            },
        },
        {
            content: "The charts fit a 1280 px screen and count in whole numbers",
            trigger: ".o_spreadsheet_dashboard_action .o-figure canvas",
            async run() {
                const figures = document.querySelectorAll(".o_spreadsheet_dashboard_action .o-figure");
                for (const figure of figures) {
                    const right = Math.round(figure.getBoundingClientRect().right);
                    if (right > 1280) {
                        throw new Error(`A chart ends at ${right} px, beyond a 1280 px screen`);
                    }
                }
                // the bar charts of counts, once their figures are loaded
                const loadedBars = () =>
                    [...document.querySelectorAll(".o_spreadsheet_dashboard_action .o-figure canvas")]
                        .map((canvas) => window.Chart.getChart(canvas))
                        .filter((chart) => chart?.config.type === "bar")
                        .filter((chart) =>
                            chart.data.datasets.some((dataset) =>
                                dataset.data.some((value) => typeof value === "number" && value > 0)
                            )
                        );
                for (let attempt = 0; attempt < 50 && !loadedBars().length; attempt++) {
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                const bars = loadedBars();
                if (!bars.length) {
                    throw new Error("No bar chart of counts on the dashboard");
                }
                for (const chart of bars) {
                    const ticks = chart.scales.y.ticks.map((tick) => tick.value);
                    if (!ticks.every(Number.isInteger)) {
                        throw new Error(`A chart of counts has ticks between whole numbers: ${ticks}`);
                    }
                }
            },
        },
        {
            content: "Open the annual activity report from the app menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            trigger: '.o-dropdown--menu .o_app[data-menu-xmlid="social_case.social_menu_root"]',
            run: "click",
        },
        {
            trigger: '.o_menu_sections button[data-menu-xmlid="social_case.social_menu_reporting"]',
            run: "click",
        },
        {
            trigger: '.o-dropdown--menu a[data-menu-xmlid="social_reporting.social_report_annual_menu"]',
            run: "click",
        },
        {
            content: "The period starts on the first of January",
            trigger: ".modal .o_field_widget[name=date_from] input",
        },
        {
            content: "The wizard tells when the file active was computed",
            trigger: ".modal .o_field_widget[name=file_active_date]:contains(:)",
        },
        {
            content: "Compute it now",
            trigger: ".modal button[name=action_refresh_file_active]",
            run: "click",
        },
        {
            content: "The wizard shows the time of the new figures once computed",
            trigger: ".modal .o_social_file_active_computed",
        },
        {
            content: "The Manager asks for the internal version",
            trigger: ".modal .o_field_widget[name=for_publication] input",
            run: "click",
        },
        {
            trigger: ".modal .alert-warning:contains(Internal version)",
        },
        {
            content: "Download the workbook",
            trigger: ".modal button[name=action_print]",
            run: "click",
        },
        {
            content: "The screen is free again once the file is downloaded",
            trigger: "body:not(:has(.o_blockUI)) .modal button[name=action_print]",
        },
        {
            content: "Close the wizard",
            trigger: ".modal footer button.btn-secondary",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal .o_form_view))",
        },
        {
            content: "Open the file active analysis",
            trigger: '.o_menu_sections button[data-menu-xmlid="social_case.social_menu_reporting"]',
            run: "click",
        },
        {
            trigger: '.o-dropdown--menu a[data-menu-xmlid="social_reporting.social_report_file_active_menu"]',
            run: "click",
        },
        {
            content: "Switch to the pivot",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The patients followed, per month",
            trigger: ".o_pivot .o_pivot_measure_row:contains(Patients Followed)",
        },
    ],
});
