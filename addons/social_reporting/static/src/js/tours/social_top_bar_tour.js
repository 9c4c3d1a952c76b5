import { registry } from "@web/core/registry";

// The top bar of the head of service and of the coordinator at 1280 px: every menu of the
// app in sight, none folded into the unlabelled "+" of an overflowing bar.
registry.category("web_tour.tours").add("social_top_bar_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The app's menus are drawn",
            trigger:
                ".o_main_navbar .o_menu_sections [data-menu-xmlid='social_case.social_menu_reporting']",
        },
        {
            content: "Every top menu is in sight, nothing behind a '+'",
            trigger: ".o_main_navbar .o_menu_sections",
            async run() {
                // the bar folds what overflows after a 250 ms debounce: give it time
                await new Promise((resolve) => setTimeout(resolve, 1000));
                const bar = document.querySelector(".o_main_navbar .o_menu_sections");
                const sections = [...bar.querySelectorAll(":scope > *:not(.o_menu_sections_more)")];
                const hidden = sections.filter((section) => section.classList.contains("d-none"));
                const used = sections.reduce((sum, s) => sum + s.getBoundingClientRect().width, 0);
                const available = bar.getBoundingClientRect().width;
                if (bar.querySelector(".o_menu_sections_more") || hidden.length || used > available) {
                    const names = hidden.map((section) => section.textContent.trim());
                    throw new Error(
                        `The top bar overflows: ${Math.round(used)} px of menus in ` +
                            `${Math.round(available)} px, hidden: ${names.join(", ")}`
                    );
                }
            },
        },
    ],
});
