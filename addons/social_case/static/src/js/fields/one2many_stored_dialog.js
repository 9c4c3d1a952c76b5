/** @odoo-module **/
import { makeContext } from "@web/core/context";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { X2ManyField, x2ManyField } from "@web/views/fields/x2many/x2many_field";

/**
 * A one2many whose lines open, and are added, in a dialog of their own: saving the dialog
 * stores the line at once, instead of keeping it in the parent until the parent is saved (a
 * worker who leaves the case without the cloud icon would lose it). The parent is saved
 * first, as a button would, and read again when the dialog closes.
 *
 *     <field name="intervention_ids" widget="one2many_stored_dialog"
 *            options="{'form_view_ref': 'social_case.social_intervention_view_form_dialog'}" />
 */
export class One2ManyStoredDialogField extends X2ManyField {
    setup() {
        super.setup();
        this.actionService = useService("action");
    }

    async openRecord(record) {
        if (this.props.readonly || !record.resId) {
            return super.openRecord(record);
        }
        if (await this.props.record.model.root.save()) {
            await this.openStoredDialog(record.resModel, record.resId, this.props.context);
        }
    }

    async onAdd({ context, editable } = {}) {
        if (this.props.readonly || editable) {
            return super.onAdd(...arguments);
        }
        if (!(await this.props.record.model.root.save())) {
            return;
        }
        // the parent may have been new: its id is known only now
        const inverse = this.field.relation_field;
        const defaults = inverse ? { [`default_${inverse}`]: this.props.record.resId } : {};
        await this.openStoredDialog(this.field.relation, false, {
            ...makeContext([this.props.context, context]),
            ...defaults,
        });
    }

    async openStoredDialog(resModel, resId, context) {
        const root = this.props.record.model.root;
        const formViewRef = this.props.crudOptions?.form_view_ref;
        await this.actionService.doAction(
            {
                type: "ir.actions.act_window",
                res_model: resModel,
                res_id: resId,
                views: [[false, "form"]],
                target: "new",
                context: formViewRef ? { ...context, form_view_ref: formViewRef } : context,
            },
            { onClose: () => root.load() }
        );
    }
}

registry.category("fields").add("one2many_stored_dialog", {
    ...x2ManyField,
    component: One2ManyStoredDialogField,
});
