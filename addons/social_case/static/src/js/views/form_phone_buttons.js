/** @odoo-module **/
import { patch } from "@web/core/utils/patch";
import { append, createElement } from "@web/core/utils/xml";
import { FormCompiler } from "@web/views/form/form_compiler";

/**
 * On a phone, Odoo folds every button of a form's header into the gear menu. A header
 * button with the class ``o_phone_main`` (the day's main action of the form) stays in
 * sight in the header on a phone, and is not repeated in the gear menu.
 *
 *     <header>
 *         <button name="action_discharge" type="object" string="Discharge"
 *                 class="btn-primary o_phone_main" />
 *     </header>
 */
const PHONE_MAIN = "o_phone_main";

function isPhoneMain(node) {
    return node.nodeType === Node.ELEMENT_NODE && node.classList.contains(PHONE_MAIN);
}

patch(FormCompiler.prototype, {
    compileHeader(el, params) {
        const mains = [...el.children].filter(isPhoneMain);
        if (!mains.length) {
            return super.compileHeader(...arguments);
        }
        if (params.asDropdownItems) {
            // the gear menu of a phone: the main actions are already in the header
            const rest = el.cloneNode(true);
            for (const node of [...rest.children].filter(isPhoneMain)) {
                node.remove();
            }
            return super.compileHeader(rest, params);
        }
        const phoneButtons = createElement("div", {
            class: "o_statusbar_buttons o_phone_main_buttons d-flex flex-wrap align-items-center gap-1",
            "t-if": "__comp__.env.isSmall and !__comp__.env.inDialog",
        });
        for (const node of mains) {
            const compiled = this.compileNode(node.cloneNode(true), params);
            if (compiled) {
                if (compiled.tagName === "ViewButton") {
                    compiled.setAttribute("defaultRank", "'btn-secondary'");
                }
                append(phoneButtons, compiled);
            }
        }
        const statusBar = super.compileHeader(el, params);
        statusBar.prepend(phoneButtons);
        return statusBar;
    },
});
