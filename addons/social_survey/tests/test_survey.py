import re

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.social_case.tests.common import SocialServiceCommon
from odoo.addons.social_reporting.tools.small_counts import audit


@tagged("post_install", "-at_install")
class TestPatientJudgesTheService(SocialServiceCommon, HttpCase):
    """When a case closes, the patient is offered an anonymous questionnaire built with
    Odoo's survey; the answers are never linked to the case or the patient; the results
    appear by team with small counts masked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.patient = env["res.partner"].create(
            {"name": "Survey Patient Zoltan", "email": "zoltan@patient.example"}
        )
        cls.case = env["social.case"].create(
            {"patient_id": cls.patient.id, "user_id": cls.worker_a.id, "team_id": cls.team_a.id}
        )
        cls.closed = env.ref("social_case.stage_closed")
        cls.survey = env.ref("social_survey.survey_social_service")
        # a site of its own, so that the demo's answers are not counted
        cls.site = env["res.company"].create(
            {"name": "Survey Site", "social_report_small_count": 5}
        )
        cls.coordinator.company_ids |= cls.site

    def _close(self, reason="goal_reached"):
        # the coordinator closes the case (a worker asks for its closure with social_approval)
        self.case.with_user(self.coordinator).write(
            {"stage_id": self.closed.id, "close_reason": reason}
        )

    def _printed_url(self):
        report = self.env.ref("social_survey.action_report_survey_invitation")
        html, _kind = report.with_user(self.worker_a)._render_qweb_html(
            report.report_name, self.case.ids
        )
        html = html.decode()
        # the sheet names neither the patient nor the case
        self.assertNotIn(self.patient.name, html)
        self.assertNotIn(self.case.name, html)
        return re.search(r"(/social/survey/[\w-]+)", html).group(1)

    def test_the_answer_is_anonymous_by_construction(self):
        # the invitation holds no link to a case or a person, and no date or author of its own
        Invitation = self.env["social.survey.invitation"]
        for name, field in Invitation._fields.items():
            self.assertNotIn(field.comodel_name, ("social.case", "res.partner", "res.users"), name)
        self.assertFalse(
            {"create_date", "create_uid", "write_date", "write_uid"} & set(Invitation._fields)
        )
        with self.assertRaises(UserError):
            self.case.with_user(self.worker_a).action_print_survey_invitation()
        self._close()
        url = self._printed_url()
        self.assertTrue(self.case.survey_offered)
        # even opened in the social worker's own browser session, the answer names no one
        self.authenticate(self.worker_a.login, self.worker_a.login)
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"/survey/start/{self.survey.access_token}", response.headers["Location"])
        answer = self.env["survey.user_input"].search(
            [("survey_id", "=", self.survey.id), ("social_team_id", "=", self.team_a.id)]
        )
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.social_team_id, self.team_a)
        self.assertFalse(
            answer.partner_id or answer.email or answer.nickname or answer.invite_token
        )
        # no field of an answer points to a case, and the only one to a person is empty
        links = [
            name
            for name, field in answer._fields.items()
            if field.comodel_name in ("social.case", "res.partner") and answer[name]
        ]
        self.assertEqual(links, [])
        self.assertFalse(answer.message_partner_ids)
        self.assertEqual(answer.create_uid, self.env.ref("base.user_root"))
        self.assertNotIn(self.case.name, str(answer.read()))
        # whoever writes on it later, it stays anonymous
        answer.write({"partner_id": self.patient.id, "email": self.patient.email})
        self.assertFalse(answer.partner_id or answer.email)
        # the invitation is used up: the printed link opens nothing any more, nor the sheet
        # printed again, which gives the same link
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 404)
        self.assertEqual(self._printed_url(), url)
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 404)
        self.assertEqual(
            self.env["survey.user_input"].search_count([("social_team_id", "=", self.team_a.id)]),
            1,
        )
        # and the survey itself cannot be started without an invitation
        self.authenticate(None, None)
        start = self.url_open(f"/survey/start/{self.survey.access_token}", allow_redirects=False)
        self.assertFalse(
            self.env["survey.user_input"].search_count(
                [("survey_id", "=", self.survey.id), ("id", ">", answer.id)]
            ),
            start.status_code,
        )

    def test_the_link_by_e_mail_leaves_no_trace_in_the_file(self):
        self._close()
        self.case.with_user(self.worker_a).action_send_survey_invitation()
        mail = self.env["mail.mail"].search([("email_to", "=", self.patient.email)])
        self.assertEqual(len(mail), 1)
        self.assertIn("/social/survey/", mail.body_html)
        self.assertTrue(mail.auto_delete)
        self.assertFalse(mail.model or mail.res_id)
        token = re.search(r"/social/survey/([\w-]+)", mail.body_html).group(1)
        chatter = " ".join(self.case.message_ids.mapped("body"))
        self.assertIn("anonymous questionnaire was sent", chatter)
        self.assertNotIn(token, chatter)

    def test_the_e_mail_is_a_template_in_the_language_of_the_rights_sheet(self):
        """The invitation is the template an administrator edits and translates, in the
        language chosen for the patient's rights sheet, with the link of this closure."""
        self.env["res.lang"]._activate_lang("nl_BE")
        self.case.rights_sheet_lang = "nl_BE"
        self._close()
        self.case.with_user(self.worker_a).action_send_survey_invitation()
        mail = self.env["mail.mail"].search([("email_to", "=", self.patient.email)])
        self.assertEqual(mail.subject, "Hoe was de sociale dienst van het ziekenhuis?")
        self.assertIn("De vragenlijst invullen", mail.body_html)
        link = re.search(r'href="([^"]+/social/survey/[\w-]+)"', mail.body_html).group(1)
        # the same link as the printed sheet's, whole: the patient opens it from a mailbox
        self.assertEqual(link, self.case.get_base_url() + self._printed_url())

    def test_no_questionnaire_for_a_deceased_patient_nor_without_an_address(self):
        self._close("deceased")
        with self.assertRaisesRegex(UserError, "died"):
            self.case.with_user(self.worker_a).action_send_survey_invitation()
        self.case.close_reason = "moved"
        self.patient.email = False
        with self.assertRaisesRegex(UserError, "no e-mail address"):
            self.case.with_user(self.worker_a).action_send_survey_invitation()

    def _answers(self, team, choices):
        """Completed anonymous answers of ``team``, one per choice of the first question."""
        question = self.env.ref("social_survey.survey_question_listened")
        Invitation = self.env["social.survey.invitation"]
        for choice in choices:
            # one closure each
            key = f"results-{Invitation.sudo().search_count([])}"
            answer = Invitation._redeem(Invitation._issue(team, self.site, key).token)
            answer._save_lines(
                question, self.env.ref(f"social_survey.survey_question_listened_{choice}").id
            )
            answer.write({"state": "done", "end_datetime": fields.Datetime.now()})

    def test_the_results_by_team_mask_small_counts(self):
        # team A: 6 "fully", 5 "mostly"; team B: 2 "fully" (two patients: recognisable)
        self._answers(self.team_a, [1] * 6 + [2] * 5)
        self._answers(self.team_b, [1, 1])
        results = (
            self.env["social.survey.results"]
            .with_user(self.coordinator)
            .create({"company_id": self.site.id})
        )
        self.assertEqual(results.answer_count, 13)
        html = str(results.results_html)
        table = html[: html.index("</table>")]
        rows = dict(re.findall(r"<tr><th>([^<]+)</th>(.*?)</tr>", table))
        cells = lambda row: re.findall(r"<td class='text-end[^']*'>([^<]*)</td>", row)  # noqa: E731
        team_b = cells(rows[self.team_b.name])
        self.assertEqual(team_b[0], "&lt; 5")
        self.assertNotIn("2", team_b)
        # and no masked count can be worked out from what is printed (the totals included)
        (_question, teams, _choices, masked), *_others = results._tables()[0]
        self.assertEqual(teams.mapped("name"), [self.team_a.name, self.team_b.name])
        self.assertFalse(masked.withheld)
        protection = audit(masked)
        self.assertTrue(protection)
        self.assertTrue(all(other is not None for other in protection.values()))
        for (i, j), _other in protection.items():
            printed = masked.label(i if i < 2 else None, j if j < 4 else None)
            self.assertNotIsInstance(printed, int)
        # nobody but a coordinator reads them
        with self.assertRaises(AccessError):
            self.env["social.survey.results"].with_user(self.worker_a).create({})
        with self.assertRaises(AccessError):
            self.env["social.survey.invitation"].with_user(self.coordinator).search([])
