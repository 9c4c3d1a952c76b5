import { registry } from "@web/core/registry";

// The patient, on her phone, in French: she logs in, reads why a procedure is needed, and
// withdraws a consent with a reason.
registry.category("web_tour.tours").add("social_portal_patient_tour", {
    steps: () => [
        {
            content: "Her e-mail address",
            trigger: "input[name=login]",
            run: "edit patient.discharge@example.com",
        },
        {
            content: "Her password",
            trigger: "input[name=password]",
            run: "edit patient.discharge@example.com",
        },
        {
            content: "Log in",
            trigger: "button[type=submit]",
            run: "click",
        },
        {
            content: "Her page lists the procedure shared with her",
            trigger: ".o_social_portal_procedure h5:contains('Intervention majorée')",
        },
        {
            content: "Open why the procedure is needed",
            trigger: ".o_social_portal_why summary",
            run: "click",
        },
        {
            content: "The reason, in plain words",
            trigger: ".o_social_portal_why[open] p:contains('moins cher à la pharmacie')",
        },
        {
            content: "Open the withdrawal of her consent",
            trigger: ".o_social_portal_withdraw summary",
            run: "click",
        },
        {
            content: "Say why",
            trigger: ".o_social_portal_withdraw[open] textarea[name=reason]",
            run: "edit Je préfère choisir la maison de repos moi-même",
        },
        {
            content: "Withdraw",
            trigger: ".o_social_portal_withdraw_submit",
            run: "click",
        },
        {
            content: "The consent is withdrawn",
            trigger: ".o_social_portal_success:contains('retiré')",
        },
    ],
});
