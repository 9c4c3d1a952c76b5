import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("social_approval_plan_tour", {
    steps: () => [
        {
            content: "The plan waits for the coordinator's sign-off",
            trigger: ".o_form_view .alert-warning:contains(waits for the sign-off)",
        },
        {
            content: "Sign off the plan",
            trigger: ".o_form_statusbar .o_phone_main_buttons button[name=validate_tier]",
            run: "click",
        },
        {
            content: "Write the comment",
            trigger: ".modal .o_field_widget[name=comment] input",
            run: "edit Realistic goals, go ahead",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=add_comment]",
            run: "click",
        },
        {
            content: "The plan is active",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=state]:contains(Active)",
        },
    ],
});
