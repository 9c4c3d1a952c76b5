from odoo.tests import tagged

from odoo.addons.social_case.tests.common_probe import REFUSALS, ProbeCommon
from odoo.addons.social_case.tests.fuzz import implausible_numbers, run_fuzz


class ProbeLiaisonCommon(ProbeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Service = env["social.liaison.service"]
        cls.volunteering = Service.create(
            {"name": "Probe Volunteering", "member_ids": [(6, 0, cls.volunteer.ids)]}
        )
        cls.chaplaincy = Service.create(
            {
                "name": "Probe Chaplaincy",
                "asks_faith": True,
                "member_ids": [(6, 0, cls.chaplain.ids)],
            }
        )
        Request = env["social.liaison.request"]
        # the referent asks for a volunteer; the patient has not consented yet
        cls.request_a = Request.with_user(cls.worker_a).create(
            {
                "service_id": cls.volunteering.id,
                "patient_id": cls.patient_a.id,
                "case_id": cls.case_a.id,
                "purpose": "Probe: company in the afternoon",
            }
        )
        # a chaplain visit for the patient of a restricted case of team B
        cls.request_restricted = Request.with_user(cls.worker_b).create(
            {
                "service_id": cls.chaplaincy.id,
                "patient_id": cls.patient_restricted.id,
                "case_id": cls.case_restricted.id,
                "purpose": "Probe: a visit before the surgery",
                "consent_given": True,
                "faith": "Probe faith",
            }
        )
        env.flush_all()


@tagged("post_install", "-at_install")
class TestProbeLiaisonChatter(ProbeLiaisonCommon):
    """SECURITY.md T8, T10, T17: only who may read a liaison request follows it, is
    mentioned in it or is assigned its activities."""

    def test_non_readers_cannot_follow_a_request(self):
        """A nurse who did not make the request, and the volunteer before the patient
        consented, subscribe themselves to liaison requests: Odoo answers a silent False,
        the call must be refused."""
        failures = []
        for user, request in (
            (self.nurse, self.request_a),
            (self.nurse, self.request_restricted),
            (self.volunteer, self.request_a),
            (self.volunteer, self.request_restricted),
        ):
            with self.collect(failures, user=user.login, request=request.name):
                with self.assertRefused(request):
                    caught_result = self.rpc(
                        user,
                        "social.liaison.request",
                        "message_subscribe",
                        [request.ids],
                        {"partner_ids": user.partner_id.ids},
                    )
                    self.assertTrue(caught_result, "subscription silently skipped")
        self.assertFalse(failures, "\n".join(failures))

    def test_assignee_before_consent_receives_nothing(self):
        """The referent creates a request already assigned to the volunteer, before the
        patient consented: the volunteer, who may not read it yet, must neither become a
        follower nor be notified of the comments that follow."""
        request_id = self.rpc(
            self.worker_a,
            "social.liaison.request",
            "create",
            [
                {
                    "service_id": self.volunteering.id,
                    "patient_id": self.patient_a.id,
                    "case_id": self.case_a.id,
                    "purpose": "Probe: a walk in the garden",
                    "assignee_id": self.volunteer.id,
                }
            ],
        )
        message_id = self.rpc(
            self.worker_a,
            "social.liaison.request",
            "message_post",
            [[request_id]],
            {
                "body": "Probe: she is afraid of the operation",
                "message_type": "comment",
                "subtype_xmlid": "mail.mt_comment",
            },
        )
        self.env.invalidate_all()
        partner = self.volunteer.partner_id
        failures = []
        with self.collect(failures, what="follower"):
            self.assertFalse(
                self.env["mail.followers"]
                .sudo()
                .search_count(
                    [
                        ("res_model", "=", "social.liaison.request"),
                        ("res_id", "=", request_id),
                        ("partner_id", "=", partner.id),
                    ]
                ),
                "the volunteer follows a request she may not read",
            )
        with self.collect(failures, what="notification"):
            self.assertFalse(
                self.env["mail.notification"]
                .sudo()
                .search_count(
                    [
                        ("mail_message_id", "=", getattr(message_id, "id", message_id)),
                        ("res_partner_id", "=", partner.id),
                    ]
                ),
                "the volunteer is notified of the comment",
            )
        self.assertFalse(failures, "\n".join(failures))

    def test_activities_and_mentions_only_for_readers(self):
        """The referent assigns an activity on her request, or mentions in it, the volunteer
        (no consent yet), the chaplain (another service) and a nurse who did not ask."""
        failures = []
        for user in (self.volunteer, self.chaplain, self.nurse):
            with self.collect(failures, user=user.login, path="activity_schedule"):
                with self.assertRefused(self.request_a):
                    self.rpc(
                        self.worker_a,
                        "social.liaison.request",
                        "activity_schedule",
                        [self.request_a.ids],
                        {"act_type_xmlid": "mail.mail_activity_data_todo", "user_id": user.id},
                    )
            with self.collect(failures, user=user.login, path="mention"):
                with self.assertRefused(self.request_a):
                    self.rpc(
                        self.worker_a,
                        "social.liaison.request",
                        "message_post",
                        [self.request_a.ids],
                        {
                            "body": "Probe: see below",
                            "message_type": "comment",
                            "partner_ids": user.partner_id.ids,
                        },
                    )
        self.assertFalse(failures, "\n".join(failures))


@tagged("post_install", "-at_install")
class TestProbeLiaisonMetadata(ProbeLiaisonCommon):
    """SECURITY.md T17 for liaison requests."""

    def test_followers_and_activities_hidden_from_non_readers(self):
        """The volunteer (no consent, or another service), the chaplain (another service),
        a nurse who did not ask and another team's worker read the followers and activities
        of liaison requests they may not read."""
        # each record is followed by someone who may read it
        self.seed_metadata([self.request_restricted], self.worker_b)
        self.seed_metadata([self.request_a], self.worker_a)
        leaks = []
        leaks += self.metadata_leaks(self.volunteer, [self.request_a, self.request_restricted])
        leaks += self.metadata_leaks(self.chaplain, [self.request_a])
        leaks += self.metadata_leaks(self.nurse, [self.request_a, self.request_restricted])
        leaks += self.metadata_leaks(self.worker_a, [self.request_restricted])
        self.assertFalse(leaks, "\n".join(leaks))


@tagged("post_install", "-at_install")
class TestProbeLiaisonSystemFields(ProbeLiaisonCommon):
    """SECURITY.md T19, T20: the consent evidence (who recorded it, when), the requester,
    the reference and the company are not chosen by the caller."""

    def _forged(self):
        return [
            {"consent_given": True, "consent_user_id": self.nurse_2.id},
            {"consent_given": True, "consent_date": "2000-01-01 08:00:00"},
            {"consent_user_id": self.nurse_2.id},
            {"consent_date": "2000-01-01 08:00:00"},
            {"requester_id": self.worker_b.id},
            {"name": "LIA/FORGED/0001"},
            {"company_id": self.company_2.id},
        ]

    def test_consent_evidence_refused_on_create(self):
        """Worker and coordinator create a request whose consent was 'recorded' by a
        colleague or in 2000, 'requested' by someone else, with a chosen reference, or on a
        site they do not work in while the case is on theirs."""
        failures = []
        for user in (self.worker_a, self.coordinator):
            for values in self._forged():
                with self.collect(failures, user=user.login, values=values):
                    vals = {
                        "service_id": self.volunteering.id,
                        "patient_id": self.patient_a.id,
                        "case_id": self.case_a.id,
                        "purpose": "Probe: forged request",
                        **values,
                    }
                    Request = self.env["social.liaison.request"].sudo()
                    before = Request.search_count([])
                    with self.assertRefused(self.request_a):
                        self.rpc(user, "social.liaison.request", "create", [vals])
                    self.assertEqual(Request.search_count([]), before)
        self.assertFalse(failures, "\n".join(failures))

    def test_consent_evidence_refused_on_write(self):
        """Worker and coordinator rewrite the consent evidence, the requester, the
        reference or the company of an existing request."""
        failures = []
        for user in (self.worker_a, self.coordinator):
            for values in self._forged():
                with self.collect(failures, user=user.login, values=values):
                    with self.assertRefused(self.request_a):
                        self.rpc(
                            user,
                            "social.liaison.request",
                            "write",
                            [self.request_a.ids, values],
                        )
        self.assertFalse(failures, "\n".join(failures))


@tagged("post_install", "-at_install")
class TestProbeLiaisonButtons(ProbeLiaisonCommon):
    """SECURITY.md #12 for the network and liaison models."""

    def test_every_button_refused_on_unreadable_records(self):
        """Another team's worker, a nurse and a volunteer press every public action_* of the
        social_network_partners models on a chaplaincy request of a restricted case, on an
        evaluation and on a partner search of another worker."""
        env = self.env
        provider = env["res.partner"].create({"name": "Probe Provider", "is_company": True})
        finder = (
            env["social.partner.finder"]
            .with_user(self.worker_b)
            .create(
                {
                    "case_id": self.case_b.id,
                    "need_type_id": env.ref("social_case.need_home_care").id,
                }
            )
        )
        targets = {
            "social.liaison.request": self.request_restricted,
            "social.liaison.service": self.chaplaincy,
            "social.partner.type": env["social.partner.type"].search([], limit=1),
            "social.partner.evaluation": env["social.partner.evaluation"].create(
                {"partner_id": provider.id, "user_id": self.worker_b.id}
            ),
            "social.partner.finder": finder.with_env(env),
            "social.partner.finder.line": env["social.partner.finder.line"].create(
                {"finder_id": finder.id, "partner_id": provider.id}
            ),
        }
        failures = self.button_failures(
            "social_network_partners", targets, (self.worker_a, self.nurse, self.volunteer)
        )
        self.assertGreater(self.buttons_pressed, 10)
        self.assertFalse(failures, "\n".join(failures))


@tagged("post_install", "-at_install")
class TestProbeLiaisonCareView(ProbeLiaisonCommon):
    """REFUSALS are the only answers to a nurse reading a request she did not make."""

    def test_nurse_cannot_read_a_request_she_did_not_make(self):
        """Control: the nurse reads nothing of the referent's request."""
        with self.assertRefused(self.request_a, exceptions=REFUSALS):
            self.rpc(self.nurse, "social.liaison.request", "read", [self.request_a.ids])


def request_problems(record):
    problems = implausible_numbers(record)
    if not 0 <= record.visit_duration <= 24:
        problems.append(f"visit_duration={record.visit_duration} hours")
    if record.faith and not record.service_id.asks_faith:
        problems.append(f"faith={record.faith!r:.40} on a {record.service_id.name} request")
    return problems


@tagged("post_install", "-at_install")
class TestProbeLiaisonFuzz(ProbeLiaisonCommon):
    """SECURITY.md #13 for liaison requests."""

    def test_fuzz_request(self):
        """Crafted values on every field of a liaison request; a visit lasts at most a day
        and only chaplaincy requests carry a faith."""
        run_fuzz(
            self,
            "social.liaison.request",
            lambda user: {
                "service_id": self.volunteering.id,
                "patient_id": self.patient_a.id,
                "case_id": self.case_a.id,
                "purpose": "Probe: fuzzed request",
            },
            self.request_a,
            request_problems,
        )


@tagged("post_install", "-at_install")
class TestProbeLiaisonLinks(ProbeLiaisonCommon):
    """SECURITY.md T16, T22: a liaison request is linked only to a case and a patient the
    caller may read, at create as at write."""

    def test_nurse_cannot_link_a_request_to_a_case_she_cannot_read(self):
        Request = self.env["social.liaison.request"].sudo()
        failures = []
        for values in (
            {"patient_id": self.patient_free.id, "case_id": self.case_b.id},
            {"patient_id": self.patient_free.id, "case_id": self.case_restricted.id},
            {"patient_id": self.patient_b.id},
        ):
            with self.collect(failures, values=values):
                before = Request.search_count([])
                with self.assertRefused(self.case_b, self.patient_b) as caught:
                    self.rpc(
                        self.nurse,
                        "social.liaison.request",
                        "create",
                        [
                            dict(
                                values,
                                service_id=self.volunteering.id,
                                purpose="Probe: a visit",
                            )
                        ],
                    )
                self.assertIn("choose a record you may read", str(caught.exception))
                self.assertEqual(Request.search_count([]), before)
        # the patient she referred, with no case: her request is made
        self.rpc(
            self.nurse,
            "social.liaison.request",
            "create",
            [
                {
                    "patient_id": self.patient_free.id,
                    "service_id": self.volunteering.id,
                    "purpose": "Probe: a visit",
                }
            ],
        )
        self.assertFalse(failures, "\n".join(failures))
