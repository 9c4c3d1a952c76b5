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
            content: "Add a goal",
            trigger: ".o_field_widget[name=goal_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Choose the case's need",
            trigger: ".o_field_widget[name=need_id] input",
            run: "click",
        },
        {
            content: "Pick the need",
            trigger: ".modal .o_kanban_record:contains(Home help)",
            run: "click",
        },
        {
            content: "Name the goal",
            trigger: ".o_field_widget[name=goal_ids] .o_field_widget[name=name] input, .modal .o_field_widget[name=name] input",
            run: `edit ${GOAL}`,
        },
        {
            content: "Save the plan",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The plan is saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Open the actions",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Actions)",
            run: "click",
        },
        {
            content: "Add an action",
            trigger: ".o_field_widget[name=plan_action_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name the action",
            trigger: ".o_field_widget[name=plan_action_ids] .o_field_widget[name=name] input, .modal .o_field_widget[name=name] input",
            run: `edit ${ACTION}`,
        },
        {
            content: "Save the plan",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The plan is saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Mark the action done",
            trigger: `.o_field_widget[name=plan_action_ids] .o_data_row:contains(${ACTION}) button[name=action_done]`,
            run: "click",
        },
        {
            content: "The action is done",
            trigger: `.o_field_widget[name=plan_action_ids] .o_data_row:contains(${ACTION}) .o_field_widget[name=state]:contains(Done)`,
        },
    ],
});
