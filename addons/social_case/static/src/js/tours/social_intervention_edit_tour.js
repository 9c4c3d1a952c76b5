import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

// A worker corrects an intervention opened from the case's list (a row on a desk, a card on
// a phone): saving its dialog stores it, the case itself is never saved.

const ROW =
    ".o_field_widget[name=intervention_ids] td.o_data_cell[name=note]:contains('Tour call to correct'), " +
    ".o_field_widget[name=intervention_ids] .o_kanban_record:contains('Tour call to correct')";

registry.category("web_tour.tours").add("social_intervention_edit_tour", {
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
            async run() {
                const rows = await rpc("/web/dataset/call_kw/social.intervention/search_read", {
                    model: "social.intervention",
                    method: "search_read",
                    args: [[["note", "=", "Tour call to correct"]], ["duration"]],
                    kwargs: {},
                });
                if (rows.length !== 1 || rows[0].duration !== 35) {
                    throw new Error(`Stored: ${JSON.stringify(rows)}`);
                }
            },
        },
    ],
});
