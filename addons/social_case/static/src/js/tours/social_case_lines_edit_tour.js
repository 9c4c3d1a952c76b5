import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

// A worker corrects an intervention and a person around the patient opened from the case's
// lists (a row on a desk, a card on a phone): saving each dialog stores it, the case itself
// is never saved.

async function stored(model, domain, field, value) {
    const rows = await rpc(`/web/dataset/call_kw/${model}/search_read`, {
        model,
        method: "search_read",
        args: [domain, [field]],
        kwargs: {},
    });
    if (rows.length !== 1 || rows[0][field] !== value) {
        throw new Error(`Stored ${model}: ${JSON.stringify(rows)}`);
    }
}

const ROW =
    ".o_field_widget[name=intervention_ids] td.o_data_cell[name=note]:contains('Tour call to correct'), " +
    ".o_field_widget[name=intervention_ids] .o_kanban_record:contains('Tour call to correct')";

registry.category("web_tour.tours").add("social_case_lines_edit_tour", {
    steps: () => [
        {
            content: "Open the case's interventions",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Interventions')",
            run: "click",
        },
        {
            content: "Open the intervention to correct from the list",
            trigger: ROW,
            run: "click",
        },
        {
            content: "It opens in a dialog of its own: correct how long it took",
            trigger: ".modal .o_field_widget[name=duration] input",
            run: "edit 35",
        },
        {
            content: "Save the dialog",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The case's list shows the correction",
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=intervention_ids] .o_data_row:contains('Tour call to correct'):contains('35'), " +
                "body:not(:has(.modal)) .o_field_widget[name=intervention_ids] .o_kanban_record:contains('Tour call to correct'):contains('35')",
        },
        {
            content: "The case has nothing left to save",
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "The correction is in the database, the case never saved",
            trigger: ".o_form_view",
            run: () =>
                stored("social.intervention", [["note", "=", "Tour call to correct"]], "duration", 35),
        },
        {
            content: "Open the people around the patient",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('People Around the Patient')",
            run: "click",
        },
        {
            content: "Open the daughter from the list",
            trigger:
                ".o_field_widget[name=contact_ids] td.o_data_cell[name=name]:contains('Tour Daughter'), " +
                ".o_field_widget[name=contact_ids] .o_kanban_record:contains('Tour Daughter')",
            run: "click",
        },
        {
            content: "She has a new phone number",
            trigger: ".modal .o_field_widget[name=phone] input",
            run: "edit +32 470 99 88 77",
        },
        {
            content: "Save the dialog",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The case's list shows the new number",
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=contact_ids] .o_data_row:contains('Tour Daughter'):contains('99 88 77'), " +
                "body:not(:has(.modal)) .o_field_widget[name=contact_ids] .o_kanban_record:contains('Tour Daughter'):contains('99 88 77')",
        },
        {
            content: "The case has nothing left to save",
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "The new number is in the database, the case never saved",
            trigger: ".o_form_view",
            run: () =>
                stored("social.case.contact", [["name", "=", "Tour Daughter"]], "phone", "+32 470 99 88 77"),
        },
    ],
});
