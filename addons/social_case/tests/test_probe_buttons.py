from odoo import fields
from odoo.tests import new_test_user, tagged

from .common_probe import ProbeCommon


@tagged("post_install", "-at_install")
class TestProbeButtons(ProbeCommon):
    """SECURITY.md #12: every button of the case file's models, called over RPC on a record
    the caller may not read, is refused with an AccessError and changes nothing."""

    def _absence_of_team_b(self):
        """An absence of team B's worker, covered by a colleague of team B."""
        colleague = new_test_user(
            self.env, "probe_colleague_b", groups="social_case.group_social_worker"
        )
        self.team_b.member_ids |= colleague
        return self.env["social.absence"].create(
            {
                "user_id": self.worker_b.id,
                "cover_user_id": colleague.id,
                "date_from": fields.Date.today(),
                "date_to": fields.Date.today(),
            }
        )

    def test_every_button_refused_on_unreadable_records(self):
        """Another team's worker, a nurse and a volunteer press every public action_* of the
        social_case models (found by introspection: our buttons, archive, unarchive...) on
        a restricted case and its children, on its referral and on wizards opened by others."""
        env = self.env
        case = self.case_restricted
        triage = (
            env["social.referral.triage"]
            .with_user(self.coordinator)
            .create({"referral_id": self.referral_nurse.id, "decision": "redirect"})
        )
        glass = (
            env["social.case.break.glass"]
            .with_user(self.manager)
            .create({"case_reference": case.name, "reason": "Emergency today"})
        )
        plan = env["social.case.plan"].create({"case_id": case.id})
        targets = {
            "social.case": case,
            "social.case.plan": plan,
            "social.case.plan.action": env["social.case.plan.action"].create(
                {"plan_id": plan.id, "name": "Probe action", "owner_type": "patient"}
            ),
            "social.procedure": self.procedure_restricted,
            "social.case.flag": env["social.case.flag"].create(
                {
                    "case_id": case.id,
                    "flag_type_id": env.ref("social_case.flag_type_aggression").id,
                    "reason": "Probe flag",
                }
            ),
            "social.case.flag.type": env.ref("social_case.flag_type_aggression"),
            "social.case.link": env["social.case.link"].create(
                {"case_id": case.id, "linked_case_id": self.case_minor.id, "relation": "child"}
            ),
            "social.absence": self._absence_of_team_b(),
            "social.case.transfer": env["social.case.transfer"]
            .with_user(self.coordinator)
            .create(
                {
                    "from_user_id": self.worker_b.id,
                    "to_user_id": self.worker_b.id,
                    "scope": "all",
                    "reason": "Probe transfer",
                }
            )
            .with_user(env.user),
            "social.referral": self.referral_restricted,
            "social.intervention": env["social.intervention"].create(
                {"case_id": case.id, "type_id": self.interview.id, "user_id": self.worker_b.id}
            ),
            "social.case.need": env["social.case.need"].create(
                {"case_id": case.id, "need_type_id": env.ref("social_case.need_home_care").id}
            ),
            "social.case.note": env["social.case.note"].create(
                {"case_id": case.id, "body": "<p>Probe secret note</p>"}
            ),
            "social.case.episode": env["social.case.episode"].create(
                {"case_id": case.id, "episode_type": "hospital_stay"}
            ),
            "social.case.access.grant": env["social.case.access.grant"].create(
                {"case_id": case.id, "user_id": self.manager.id, "reason": "Probe emergency"}
            ),
            "social.case.access.log": env["social.case.access.log"]
            .with_user(self.worker_b)
            ._log(case, "open")
            .with_user(env.user),
            "social.consent": env["social.consent"].create(
                {
                    "case_id": case.id,
                    "purpose_id": env.ref("social_case.consent_purpose_chaplaincy").id,
                    "withdrawal_reason": "Probe withdrawal",
                }
            ),
            "social.consent.purpose": env.ref("social_case.consent_purpose_chaplaincy"),
            "social.right": env["social.right"].search([], limit=1),
            "social.referral.triage": triage,
            "social.case.break.glass": glass,
            "social.team": self.team_b,
            "social.case.stage": case.stage_id,
            "social.need.type": env.ref("social_case.need_home_care"),
            "social.intervention.type": self.interview,
            "social.procedure.type": self.aid,
            "social.unit": env["social.unit"].search([], limit=1),
            "social.language": env["social.language"].search([], limit=1),
            "social.territory": env["social.territory"].search([], limit=1),
        }
        self.button_context = {"social_case_id": case.id}
        failures = self.button_failures(
            "social_case", targets, (self.worker_a, self.nurse, self.volunteer)
        )
        self.assertGreater(self.buttons_pressed, 60)
        self.assertFalse(failures, "\n".join(failures))
