"""Each provider's response time, acceptance rate and refusal reasons, in the provider
requests analysis and the annual report: requests sent and answered at known moments, in
the provider's portal or by the worker, every figure below counted by hand."""

import re
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.social_case.tests.common_probe import ProbeCommon

from ..report import annual_report
from .common_report import annual_workbook, sheet_table

# every request is sent on Monday 3 March 2025 at 08:00 (UTC, as stored)
SENT = datetime(2025, 3, 3, 8)
MEASURES = ["request_count", "answered_count", "accepted_count", "acceptance_rate"]


@tagged("post_install", "-at_install")
class TestProviderAnswers(ProbeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.site = env["res.company"].create({"name": "Provider Answers Site"})
        companies = [(6, 0, cls.site.ids)]

        def user(login, groups):
            return new_test_user(
                env, login, groups=groups, company_id=cls.site.id, company_ids=companies
            )

        cls.head = user("pa_head", "social_case.group_social_manager")
        cls.coord = user("pa_coord", "social_case.group_social_coordinator")
        cls.worker = user("pa_worker", "social_case.group_social_worker")
        team = env["social.team"].create(
            {"name": "PA Team", "company_id": cls.site.id, "member_ids": [(6, 0, cls.worker.ids)]}
        )
        Partner = env["res.partner"]
        cls.a, cls.b, cls.c, cls.d = Partner.create(
            [{"name": f"PA Provider {letter}"} for letter in "ABCD"]
        )
        cls.portal = {
            provider: new_test_user(env, f"pa_portal_{provider.id}", groups="base.group_portal")
            for provider in (cls.a, cls.b, cls.c)
        }
        for provider, portal_user in cls.portal.items():
            portal_user.partner_id.parent_id = provider
        purpose = env.ref("social_case.consent_purpose_discharge_provider")
        cls.plans = env["social.discharge.plan"]
        for n in range(4):
            case = env["social.case"].create(
                {
                    "patient_id": Partner.create(
                        {"name": f"PA Patient {n}", "company_id": cls.site.id}
                    ).id,
                    "company_id": cls.site.id,
                    "team_id": team.id,
                    "user_id": cls.worker.id,
                    "date_open": date(2025, 2, 1),
                }
            )
            env["social.consent"].create(
                {"case_id": case.id, "purpose_id": purpose.id, "date_given": date(2025, 2, 1)}
            )
            cls.plans |= env["social.discharge.plan"].create(
                {"case_id": case.id, "admission_date": date(2025, 2, 20)}
            )
        p1, p2, p3, p4 = cls.plans
        asked = [(p1, cls.a), (p2, cls.a), (p3, cls.a), (p1, cls.b), (p2, cls.b), (p3, cls.b)]
        asked += [(p1, cls.c), (p4, cls.c), (p4, cls.d)]
        Request = env["social.discharge.request"]
        cls.requests = {
            (plan, provider): Request.create(
                {"plan_id": plan.id, "partner_id": provider.id, "channel": "platform"}
            )
            for plan, provider in asked
        }
        with freeze_time(SENT):
            Request.browse([r.id for r in cls.requests.values()]).with_user(
                cls.worker
            ).action_send()
        no_bed = env.ref("social_discharge.refusal_reason_no_bed")
        cls.no_bed = no_bed
        # A: accepted after 2 h; waiting list after 4 h, accepted by the worker's hand the
        # next day (its first answer counts); refused after 6 h for want of a bed
        cls.answer(cls.a, p1, 2, "accept")
        cls.answer(cls.a, p2, 4, "waiting", waiting_position="2")
        cls.by_worker(cls.requests[p2, cls.a], 30, "action_accept")
        cls.answer(cls.a, p3, 6, "refuse", refusal_reason_id=str(no_bed.id))
        # B: refused by the worker after 24 h with a comment and no reason of the list;
        # waiting list after 3 h; refused after 12 h for want of a bed
        cls.requests[p1, cls.b].with_user(cls.worker).refusal_reason = "No nurse at night"
        cls.by_worker(cls.requests[p1, cls.b], 24, "action_refuse")
        cls.answer(cls.b, p2, 3, "waiting", waiting_position="5")
        cls.answer(cls.b, p3, 12, "refuse", refusal_reason_id=str(no_bed.id))
        # C: waiting list after 48 h, then withdrawn (answered all the same); accepted after 8 h
        cls.answer(cls.c, p1, 48, "waiting", waiting_position="1")
        cls.by_worker(cls.requests[p1, cls.c], 50, "action_withdraw")
        cls.answer(cls.c, p4, 8, "accept")
        # D: no answer, withdrawn
        cls.by_worker(cls.requests[p4, cls.d], 60, "action_withdraw")

    @classmethod
    def answer(cls, provider, plan, hours, answer, **post):
        """The provider answers in its portal ``hours`` after the sending."""
        with freeze_time(SENT + timedelta(hours=hours)):
            if answer == "accept":
                post["admission_date"] = fields.Date.to_string(date(2025, 3, 10))
            cls.requests[plan, provider]._portal_answer(
                answer, post, cls.portal[provider].partner_id
            )
            cls.env.flush_all()
            cls.env.cr.precommit.run()  # the chatter tracks the answer at that moment

    @classmethod
    def by_worker(cls, request, hours, method):
        """The worker records an answer (or withdraws) ``hours`` after the sending."""
        with freeze_time(SENT + timedelta(hours=hours)):
            getattr(request.with_user(cls.worker), method)()
            cls.env.flush_all()
            cls.env.cr.precommit.run()  # the chatter tracks the answer at that moment

    def analysis(self, user=None):
        return (
            self.env["social.report.discharge.request"]
            .with_user(user or self.coord)
            .with_context(allowed_company_ids=self.site.ids)
        )

    def test_first_answer_is_recorded_whoever_records_it(self):
        p1, p2, _p3, p4 = self.plans
        moments = {key: r.answered_at for key, r in self.requests.items() if r.answered_at}
        self.assertEqual(moments[p1, self.a], SENT + timedelta(hours=2))
        # waiting list, then accepted: the first answer's moment stays
        self.assertEqual(self.requests[p2, self.a].state, "accepted")
        self.assertEqual(moments[p2, self.a], SENT + timedelta(hours=4))
        self.assertEqual(moments[p1, self.b], SENT + timedelta(hours=24))
        self.assertEqual(self.requests[p1, self.c].state, "withdrawn")
        self.assertEqual(moments[p1, self.c], SENT + timedelta(hours=48))
        self.assertNotIn((p4, self.d), moments)
        # the moment is the system's: a worker does not set it over RPC
        request = self.requests[p1, self.a]
        with self.assertRefused(request):
            self.rpc(
                self.worker,
                request._name,
                "write",
                [request.ids, {"answered_at": "2025-03-03 08:30:00"}],
            )

    def test_analysis_per_provider(self):
        groups = self.analysis().read_group(
            [], [*MEASURES, "hours_to_answer"], ["partner_id"], lazy=False
        )

        def figure(value):
            # an average of nothing is empty, not 0
            return None if value is False or value is None else round(value, 2)

        figures = {
            g["partner_id"][1]: [figure(g[m]) for m in [*MEASURES, "hours_to_answer"]]
            for g in groups
        }
        self.assertEqual(
            figures,
            {
                # 3 requests, 3 answered, 2 accepted: 66.7 %; hours (2 + 4 + 6) / 3
                "PA Provider A": [3, 3, 2, 66.67, 4.0],
                # hours (24 + 3 + 12) / 3
                "PA Provider B": [3, 3, 0, 0.0, 13.0],
                # the withdrawn one had answered: hours (48 + 8) / 2
                "PA Provider C": [2, 2, 1, 50.0, 28.0],
                "PA Provider D": [1, 0, 0, None, None],
            },
        )
        [total] = self.analysis().read_group([], [*MEASURES, "hours_to_answer"], [])
        # 3 accepted of 8 answered; (12 + 39 + 56) / 8 hours
        self.assertEqual([total[m] for m in MEASURES], [9, 8, 3, 37.5])
        self.assertAlmostEqual(total["hours_to_answer"], 107 / 8)

    def test_analysis_refusals_per_reason(self):
        groups = self.analysis().read_group(
            [("state", "=", "refused")], ["request_count"], ["refusal_reason_id"]
        )
        reasons = {g["refusal_reason_id"]: g["request_count"] for g in groups}
        self.assertEqual(reasons, {(self.no_bed.id, self.no_bed.name): 2, False: 1})
        # the refusal reason is the provider's answer: not kept on a request it did not refuse
        self.assertEqual(self.analysis().search_count([("refusal_reason_id", "!=", False)]), 2)

    def test_analysis_is_one_query_whatever_the_rows(self):
        def queries():
            self.env.invalidate_all()
            with self.assertLogs("odoo.sql_db", "DEBUG") as logs:
                self.analysis().read_group(
                    [],
                    [*MEASURES, "hours_to_answer"],
                    ["partner_id", "refusal_reason_id"],
                    lazy=False,
                )
            return [line for line in logs.output if "query:" in line]

        queries()  # warm up
        first = queries()
        # three more requests, answered
        for provider in (self.a, self.b, self.c):
            plan = self.plans[3] if provider != self.c else self.plans[1]
            request = self.env["social.discharge.request"].create(
                {
                    "plan_id": plan.id,
                    "partner_id": provider.id,
                    "channel": "platform",
                    "state": "refused",
                    "date_sent": SENT,
                    "date_answer": date(2025, 3, 4),
                    "refusal_reason_id": self.no_bed.id,
                }
            )
            # created answered (an import): noon of the answer's day
            self.assertEqual(request.answered_at, datetime(2025, 3, 4, 12))
        self.env.flush_all()
        second = queries()
        self.assertEqual(len(second), len(first))
        # one query reads the analysis; the others name and order its few groups
        self.assertEqual(
            [bool(re.search(r'\) AS "social_report_discharge_request"', q)) for q in second].count(
                True
            ),
            1,
        )

    def workbook(self, user, **values):
        return annual_workbook(self.env, user, self.site, **values)[1]

    table = staticmethod(sheet_table)

    def test_annual_report_rates_hours_and_reasons(self):
        book = self.workbook(self.head, for_publication=False)
        providers = self.table(book["Partners"], "Requests to providers and their answers")
        self.assertEqual(
            providers["header"][:7],
            [
                None,
                "Accepted",
                "Answered, not accepted",
                "Not answered",
                "Total",
                "Acceptance rate (%)",
                "Hours to the first answer (average)",
            ],
        )
        self.assertEqual(providers["PA Provider A"][:6], [2, 1, 0, 3, 66.7, 4.0])
        self.assertEqual(providers["PA Provider B"][:6], [0, 3, 0, 3, 0.0, 13.0])
        self.assertEqual(providers["PA Provider C"][:6], [1, 1, 0, 2, 50.0, 28.0])
        self.assertEqual(providers["PA Provider D"][:6], [0, 0, 1, 1, None, None])
        self.assertEqual(providers["Total"][:4], [3, 5, 1, 9])
        reasons = self.table(book["Partners"], "Refusals per reason")
        self.assertEqual(reasons["header"][:2], [None, "Refusals"])
        self.assertEqual(reasons[self.no_bed.name][:1], [2])
        self.assertEqual(reasons["No reason from the list"][:1], [1])
        self.assertEqual(reasons["Total"][:1], [3])

    def test_other_providers_rates_come_from_their_sums(self):
        with patch.object(annual_report, "TOP_PROVIDERS", 1):
            book = self.workbook(self.head, for_publication=False)
        providers = self.table(book["Partners"], "Requests to providers and their answers")
        self.assertEqual(list(providers)[1:], ["PA Provider A", "Other providers", "Total"])
        # B, C and D: 1 accepted of 5 answered (20 %, not the 25 % of their rates'
        # average); (39 + 56) / 5 hours (not the 20.5 of their averages)
        self.assertEqual(providers["Other providers"][:6], [1, 4, 1, 6, 20.0, 19.0])

    def test_published_report_masks_small_counts_and_their_rates(self):
        book = self.workbook(self.coord)
        providers = self.table(book["Partners"], "Requests to providers and their answers")
        for name in ("PA Provider A", "PA Provider B", "PA Provider C", "PA Provider D"):
            counts, extras = providers[name][:4], providers[name][4:6]
            self.assertFalse([c for c in counts if isinstance(c, int) and 0 < c < 5], name)
            # a rate or hours of masked counts is not printed either
            self.assertEqual(extras, [None, None], name)
        self.assertEqual(providers["PA Provider A"][0], "< 5")
        reasons = self.table(book["Partners"], "Refusals per reason")
        self.assertEqual(reasons[self.no_bed.name][0], "< 5")
        self.assertEqual(reasons["No reason from the list"][0], "< 5")
