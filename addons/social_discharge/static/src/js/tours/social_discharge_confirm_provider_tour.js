import { registry } from "@web/core/registry";

// The worker opens the request a provider accepted through the e-mail's link and confirms
// it: the plan's other requests are withdrawn.
registry.category("web_tour.tours").add("social_discharge_confirm_provider_tour", {
    steps: () => [
        {
            content: "The provider's answer is there",
            trigger: ".o_form_view .o_field_widget[name=admission_date]",
        },
        {
            content: "Confirm this provider",
            trigger: ".o_form_view button[name=action_confirm_provider]",
            run: "click",
        },
        {
            content: "Confirmed: the button is gone",
            trigger: ".o_form_view:not(:has(button[name=action_confirm_provider]))",
        },
    ],
});
