import { registry } from "@web/core/registry";

// A nursing home's nurse, on her phone: she opens the request sent to her organisation in
// her portal and refuses it with a reason from the list and a comment.
registry.category("web_tour.tours").add("social_discharge_provider_portal_tour", {
    url: "/my/discharge-requests",
    steps: () => [
        {
            content: "The requests sent to the organisation are listed",
            trigger: "a.o_discharge_request_link",
            run: "click",
        },
        {
            content: "The summary shared by the social service is shown",
            trigger: ".o_discharge_summary:contains('Insulin twice a day')",
        },
        {
            content: "Open the refusal",
            trigger: "button.o_discharge_answer_refuse",
            run: "click",
        },
        {
            content: "Choose the reason",
            trigger: "#o_discharge_refuse.show select[name=refusal_reason_id]",
            run: "selectByLabel No bed or place available",
        },
        {
            content: "Explain",
            trigger: "#o_discharge_refuse.show textarea[name=comment]",
            run: "edit Full until the end of the month",
        },
        {
            content: "Send the refusal",
            trigger: "#o_discharge_refuse.show button[type=submit]",
            run: "click",
        },
        {
            content: "The answer was sent",
            trigger: ".o_discharge_success",
        },
        {
            content: "And is shown as the request's answer",
            trigger: ".card-body:contains('No bed or place available')",
        },
    ],
});
