/** @odoo-module **/
import { ActivityMenu } from "@mail/core/web/activity_menu";
import { patch } from "@web/core/utils/patch";

// On a phone, the social service's records with an activity to do (a case gone quiet, a plan
// to review, a referral to triage) open from the top bar as cards, not as a table wider than
// the screen.
patch(ActivityMenu.prototype, {
    openActivityGroup(group, filter = "all") {
        if (this.ui.isSmall && group.model?.startsWith("social.") && group.view_type === "list") {
            group = { ...group, view_type: "kanban" };
        }
        return super.openActivityGroup(group, filter);
    },
});
