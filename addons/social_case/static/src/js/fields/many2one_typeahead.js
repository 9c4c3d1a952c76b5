/** @odoo-module **/
import { registry } from "@web/core/registry";
import { Many2OneField, many2OneField } from "@web/views/fields/many2one/many2one_field";
import { Many2XAutocomplete } from "@web/views/fields/relational_utils";

// the inline list shows nothing before the first letter: every patient of the address
// book would otherwise cover the form before the name is typed
class Many2XTypeahead extends Many2XAutocomplete {
    async loadOptionsSource(request) {
        if (!this.props.dropdown && !request.trim()) {
            return [];
        }
        return super.loadOptionsSource(request);
    }
}

/**
 * A many2one that keeps its type-ahead on a phone: typing a name lists the matches and
 * offers to create it, instead of opening a full-screen search dialog.
 * Used where a care team member names a patient in a few taps.
 *
 *     <field name="patient_id" widget="many2one_typeahead" />
 */
export class Many2OneTypeaheadField extends Many2OneField {
    static components = { ...Many2OneField.components, Many2XAutocomplete: Many2XTypeahead };

    get Many2XAutocompleteProps() {
        // the list is inline while the field is empty; once a patient is chosen it closes
        // (an inline list reopens each time it is drawn, offering to create the name again)
        const empty = !this.props.record.data[this.props.name];
        return { ...super.Many2XAutocompleteProps, dropdown: !empty };
    }
}

registry.category("fields").add("many2one_typeahead", {
    ...many2OneField,
    component: Many2OneTypeaheadField,
});
