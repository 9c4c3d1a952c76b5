import { registry } from "@web/core/registry";

// ISAR: help before (1) and more help since (2), sees well (4): 2 points, at risk
const ANSWERS = [
    ["need someone to help you on a regular basis", "Yes"],
    ["more help than usual", "Yes"],
    ["hospitalised for one or more nights", "No"],
    ["do you see well", "Yes"],
    ["serious problems with your memory", "No"],
    ["more than three different medications", "No"],
];

registry.category("web_tour.tours").add("social_assessment_tour", {
    steps: () => [
        {
            content: "Open the case's assessments",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Assessments)",
            run: "click",
        },
        {
            content: "Start an assessment",
            trigger: ".o_form_view button[name=action_start_assessment]",
            run: "click",
        },
        {
            content: "Choose its type",
            trigger: ".modal .o_field_widget[name=survey_id] input",
            run: "click",
        },
        {
            content: "Pick ISAR",
            trigger: ".modal .o_kanban_record:contains(ISAR)",
            run: "click",
        },
        {
            content: "Open the questions in the survey screen, once the type is chosen",
            trigger: "body:not(:has(.modal .o_kanban_view)) .modal button[name=action_start]",
            run: "click",
        },
        {
            content: "Begin",
            trigger: 'button.btn:contains("Start")',
            run: "click",
        },
        ...ANSWERS.map(([question, answer]) => ({
            content: `Answer: ${question}`,
            trigger: `div.js_question-wrapper:contains("${question}") label:contains("${answer}")`,
            run: "click",
        })),
        {
            content: "Submit the answers",
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "The end page says where the score is",
            trigger: ".o_survey_finished:contains(The score and its band are on the case)",
        },
    ],
});
