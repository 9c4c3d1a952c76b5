from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models.social_privacy_mixin import privacy_models


@tagged("post_install", "-at_install")
class TestSecurityGroups(TransactionCase):
    def test_implied_chain(self):
        """Manager ⊃ Coordinator ⊃ Social worker ⊃ Care team; the liaison group implies none."""
        ref = self.env.ref
        chain = ["manager", "coordinator", "worker", "care"]
        groups = [ref(f"social_case.group_social_{name}") for name in chain]
        for upper, lower in zip(groups, groups[1:], strict=False):
            self.assertIn(lower, upper.implied_ids, f"{upper.name} must imply {lower.name}")
        self.assertIn(ref("base.group_user"), ref("social_case.group_social_care").implied_ids)
        liaison = ref("social_case.group_social_liaison")
        self.assertFalse(liaison.implied_ids, "Liaison providers must imply no other group")
        self.assertEqual(liaison.category_id, ref("social_case.module_category_social_service"))

    def test_the_layer_narrows_the_groups_another_addon_declared_never_widens_them(self):
        """A field of a case model declared for the administrators (or debug mode) by
        another addon stays theirs; one declared for every internal user (the chatter's)
        becomes the service's; our own declarations are kept."""
        Case = self.env.registry["social.case"]
        worker, care = "social_case.group_social_worker", "social_case.group_social_care"
        self.assertEqual(
            Case._social_field_groups("x_audit", "base.group_system"), "base.group_system"
        )
        self.assertEqual(
            Case._social_field_groups("x_audit", "base.group_no_one,base.group_user"),
            "base.group_no_one,base.group_user",
        )
        self.assertEqual(Case._social_field_groups("x_notes", "base.group_user"), worker)
        self.assertEqual(Case._social_field_groups("x_notes", ""), worker)
        Referral = self.env.registry["social.referral"]
        self.assertIn("name", Referral._social_care_fields)
        self.assertEqual(Referral._social_field_groups("name", "base.group_user"), care)
        manager = "social_case.group_social_manager"
        self.assertEqual(Case._social_field_groups("x_own", manager), manager)
        # as set up: a field the care team may not read, on a model they read, is the social
        # workers'; on a model they have no access right to, the access rights say it
        self.assertEqual(self.env["social.referral"]._fields["case_id"].groups, worker)

    def test_a_model_without_minimum_view_is_closed_to_the_roles_below_the_worker(self):
        """A model of the layer that names no field for the care team nor the liaison
        providers leaves its fields without groups: then no access right may let anyone but
        social workers (and the roles above) read it."""
        worker = self.env.ref("social_case.group_social_worker")
        closed = [
            model
            for model in privacy_models(self.env)
            if not self.env.registry[model]._social_minimum_views()
        ]
        self.assertIn("social.case", closed)
        self.assertNotIn("social.referral", closed)
        self.assertFalse(self.env["social.case"]._fields["summary"].groups)
        lines = self.env["ir.model.access"].search(
            [("model_id.model", "in", closed), ("perm_read", "=", True)]
        )
        for line in lines:
            self.assertIn(
                worker,
                line.group_id | line.group_id.trans_implied_ids,
                f"{line.name} lets {line.group_id.full_name} read {line.model_id.model}, "
                "whose fields have no groups: give the model a minimum view",
            )
        care = new_test_user(self.env, "t_care_closed", groups="social_case.group_social_care")
        for model in closed:
            self.assertFalse(self.env[model].with_user(care).has_access("read"), model)

    def test_liaison_provider_has_no_social_worker_right(self):
        volunteer = new_test_user(
            self.env, "t_volunteer", groups="base.group_user,social_case.group_social_liaison"
        )
        self.assertFalse(volunteer.has_group("social_case.group_social_worker"))
        self.assertFalse(volunteer.has_group("social_case.group_social_care"))
        for model in ("social.case", "social.intervention", "social.case.need"):
            self.assertFalse(self.env[model].with_user(volunteer).has_access("read"), model)
        patient = self.env["res.partner"].create({"name": "Patient Test"})
        case = self.env["social.case"].create({"patient_id": patient.id})
        with self.assertRaises(AccessError):
            case.with_user(volunteer).read(["patient_id"])

    def test_no_access_line_without_group(self):
        """An access line without a group would open our models to portal and public users."""
        lines = self.env["ir.model.access"].search(
            [("model_id.model", "=like", "social.%"), ("group_id", "=", False)]
        )
        self.assertFalse(lines, f"Access lines without group: {lines.mapped('name')}")
