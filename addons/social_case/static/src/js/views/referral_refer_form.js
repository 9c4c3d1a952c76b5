/** @odoo-module **/
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formView } from "@web/views/form/form_view";
import { FormController } from "@web/views/form/form_controller";

/**
 * The care team's "Refer a Patient" form, often the first screen of their day.
 *
 * - An empty new referral is not a change: leaving the page asks nothing.
 * - Discarding the first screen of the day leads to the user's referrals, not to the
 *   default app (an empty inbox for who uses no other app).
 *
 *     <form js_class="social_referral_refer_form"> ... </form>
 */
export class ReferralReferFormController extends FormController {
    setup() {
        super.setup();
        this.actionService = useService("action");
    }

    async beforeUnload(ev) {
        const root = this.model.root;
        if (root.isNew && !(await root.isDirty())) {
            return;
        }
        return super.beforeUnload(ev);
    }

    async discard() {
        const root = this.model.root;
        const first = !this.env.inDialog && this.env.config.breadcrumbs.length <= 1;
        if (!root.isNew || !first || this.props.discardRecord) {
            return super.discard();
        }
        await root.discard();
        return this.actionService.doAction("social_case.social_referral_action_mine", {
            clearBreadcrumbs: true,
        });
    }
}

registry.category("views").add("social_referral_refer_form", {
    ...formView,
    Controller: ReferralReferFormController,
});
