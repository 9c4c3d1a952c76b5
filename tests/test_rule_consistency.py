"""Every record of a case (interventions, notes, procedures, discharge plans...) is readable
exactly by who may read the case.

Odoo's record rules cannot refer to another model's rules, so each addon repeats the case's
domain inside `[('case_id', 'any', <case domain>)]`. This test fails as soon as a copy differs
from the case's rule of the same group, in any installed addon: a copy left behind when the
case rule changes would open a restricted case's procedures or plans to someone who may not
open the case itself.
"""

import re

from odoo.tests import TransactionCase

ROLES = ("worker", "coordinator", "manager")
# rules that widen the case's domain on purpose, with the reason
WIDENED = {
    # the social worker also sees the liaison requests they made themselves
    "social_network_partners.social_liaison_request_rule_worker": "('requester_id','=',user.id)",
    # a consent recorded without a case (a nurse's liaison request) is read by who recorded it
    "social_case.social_consent_rule_worker": "('recorded_by_id','=',user.id)",
    # ... and by the Manager, who answers for the register
    "social_case.social_consent_rule_manager": "('case_id','=',False)",
}
# rules that ask the case's domain of a second case too, on purpose: a household link is
# read only by who may read both of its cases
BOTH_CASES = {
    "social_case.social_case_link_rule_worker": "linked_case_id",
    "social_case.social_case_link_rule_coordinator": "linked_case_id",
    "social_case.social_case_link_rule_manager": "linked_case_id",
}
# rules that do not follow a case at all, on purpose
UNBOUND = {
    # the coordinator triages every referral, before any case exists
    "social_case.social_referral_rule_coordinator",
    # a liaison request holds the minimum about the patient; the coordinator dispatches them all
    "social_network_partners.social_liaison_request_rule_coordinator",
}


def compact(domain):
    return re.sub(r"\s+", "", domain or "")


class TestRulesFollowTheCase(TransactionCase):
    test_tags = {"standard", "post_install"}
    test_module = "social_service_scenarios"

    def test_child_rules_copy_the_case_rule_of_their_group(self):
        rules = self.env["ir.rule"].search([])
        groups = {role: self.env.ref(f"social_case.group_social_{role}") for role in ROLES}
        case_domain = {
            role: compact(rule.domain_force)
            for role, group in groups.items()
            for rule in rules
            if rule.model_id.model == "social.case" and group in rule.groups
        }
        self.assertEqual(set(case_domain), set(ROLES), "each role has its rule on social.case")
        # every model linked to a case, whatever the text of its rules says: {model: the
        # field to the case} (Odoo's survey answers of an assessment name it social_case_id)
        children = {
            name: field
            for name, model in self.env.items()
            for field in ("case_id", "social_case_id")
            if name != "social.case"
            and not model._abstract
            and not model._transient
            and getattr(model._fields.get(field), "comodel_name", None) == "social.case"
        }
        self.assertIn("social.procedure", children)
        checked = 0
        for rule in rules:
            if rule.model_id.model not in children:
                continue
            domain = compact(rule.domain_force)
            xmlid = rule.get_external_id()[rule.id]
            if xmlid in UNBOUND:
                continue
            for role, group in groups.items():
                if group not in rule.groups:
                    continue
                expected = f"('{children[rule.model_id.model]}','any',{case_domain[role]})"
                if xmlid in BOTH_CASES:
                    second = f"('{BOTH_CASES[xmlid]}','any',{case_domain[role]})"
                    self.assertEqual(domain, f"[{expected},{second}]", f"{xmlid} ({role})")
                elif xmlid in WIDENED:
                    self.assertIn(expected, domain, xmlid)
                    self.assertIn(WIDENED[xmlid], domain, xmlid)
                else:
                    self.assertEqual(domain, f"[{expected}]", f"{xmlid} ({role})")
                checked += 1
        # interventions, needs, episodes, notes, referrals, procedures, plans, tasks, requests
        self.assertGreaterEqual(checked, 20)
