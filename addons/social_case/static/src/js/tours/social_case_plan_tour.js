import { registry } from "@web/core/registry";

const GOAL = "Tour goal: home help";
const ACTION = "Tour action: call the home help service";

registry.category("web_tour.tours").add("social_case_plan_tour", {
    steps: () => [
        {
            content: "Open the goals",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Goals)",
            run: "click",
        },
        {
            content: "Add a goal: on a phone the goals are cards",
            trigger: ".o_field_widget[name=goal_ids] .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Choose the case's need",
            trigger: ".modal .o_field_widget[name=need_id] input",
            run: "click",
        },
        {
            content: "Pick the need",
            trigger: ".modal .o_kanban_record:contains(Home help)",
            run: "click",
        },
        {
            content: "Name the goal",
            trigger: ".modal .o_field_widget[name=name] input",
            run: `edit ${GOAL}`,
        },
        {
            content: "Save the goal's dialog",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The goal is a card of the plan, stored by its dialog",
            trigger: `body:not(:has(.modal)) .o_field_widget[name=goal_ids] .o_kanban_record:contains(${GOAL})`,
        },
        {
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Open the actions",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Actions)",
            run: "click",
        },
        {
            content: "Add an action",
            trigger: ".o_field_widget[name=plan_action_ids] .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Name the action",
            trigger: ".modal .o_field_widget[name=name] input",
            run: `edit ${ACTION}`,
        },
        {
            content: "Save the action's dialog",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The action is a card of the plan",
            trigger: `body:not(:has(.modal)) .o_field_widget[name=plan_action_ids] .o_kanban_record:contains(${ACTION})`,
        },
        {
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Mark the action done from its card",
            trigger: `.o_field_widget[name=plan_action_ids] .o_kanban_record:contains(${ACTION}) button[name=action_done]`,
            run: "click",
        },
        {
            content: "The action is done",
            trigger: `.o_field_widget[name=plan_action_ids] .o_kanban_record:contains(${ACTION}) .o_field_widget[name=state]:contains(Done)`,
        },
    ],
});
