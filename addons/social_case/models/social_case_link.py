from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .social_privacy_mixin import social_action

RELATIONS = [
    ("spouse", "Spouse or Partner"),
    ("parent", "Parent"),
    ("child", "Child"),
    ("sibling", "Sibling"),
    ("other", "Other Household Member"),
]
# what this patient is to the other one, when the other one is <relation> to this one
REVERSE = {"spouse": "spouse", "parent": "child", "child": "parent", "sibling": "sibling"}


class SocialCaseLink(models.Model):
    """Two cases of one household (a couple both in hospital, a parent and a child),
    linked both ways: each case shows the other with the relation.

    A link is read only by who may read both cases (the record rules ask both): a user
    who may not read the other case sees nothing of the link, not even that it exists.
    Nothing about it is written in the chatter, which the readers of one case only read."""

    _name = "social.case.link"
    _description = "Household Link Between Cases"
    _inherit = ["social.privacy.mixin"]
    _order = "case_id, id"
    _check_company_auto = True

    case_id = fields.Many2one(
        "social.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    linked_case_id = fields.Many2one(
        "social.case",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    linked_patient_id = fields.Many2one(
        related="linked_case_id.patient_id", string="Linked Patient"
    )
    relation = fields.Selection(
        RELATIONS,
        required=True,
        default="spouse",
        help="What the patient of the linked case is to the patient of this case.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "case_pair_unique",
            "unique(case_id, linked_case_id)",
            "These two cases are linked already.",
        ),
        ("not_itself", "check(case_id != linked_case_id)", "A case cannot be linked to itself."),
    ]

    @api.depends("linked_case_id", "relation")
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = dict(self._fields["relation"]._description_selection(self.env))
        for link in self:
            link.display_name = self.env._(
                "%(relation)s: %(case)s",
                relation=labels.get(link.relation, ""),
                case=link.linked_case_id.name or "",
            )

    @api.constrains("case_id", "linked_case_id")
    def _check_same_site(self):
        for link in self:
            if link.case_id.company_id != link.linked_case_id.company_id:
                raise ValidationError(self.env._("Only cases of one site are linked."))

    @api.model
    def _reverse_relation(self, relation):
        return REVERSE.get(relation, "other")

    def _reverse_links(self):
        """The links the other way, archived ones included."""
        if not self:
            return self.browse()
        domain = ["|"] * (len(self) - 1)
        for link in self:
            domain += [
                "&",
                ("case_id", "=", link.linked_case_id.id),
                ("linked_case_id", "=", link.case_id.id),
            ]
        return self.with_context(active_test=False).search(domain)

    @api.model_create_multi
    def create(self, vals_list):
        links = super().create(vals_list)
        missing = links - links._reverse_links()._reverse_links()
        if missing:
            # the other way round; its own create finds this one and stops there
            self.create(
                [
                    {
                        "case_id": link.linked_case_id.id,
                        "linked_case_id": link.case_id.id,
                        "relation": self._reverse_relation(link.relation),
                    }
                    for link in missing
                ]
            )
        return links

    def write(self, vals):
        if {"case_id", "linked_case_id"} & set(vals):
            raise UserError(
                self.env._("A link joins the same two cases: remove it and link other cases.")
            )
        result = super().write(vals)
        if {"relation", "active"} & set(vals):
            # the other way round follows; its own write finds nothing left to change
            for link in self:
                values = {"relation": self._reverse_relation(link.relation), "active": link.active}
                reverse = link._reverse_links().filtered(
                    lambda other, values=values: (
                        other.relation != values["relation"] or other.active != values["active"]
                    )
                )
                reverse.write(values)
        return result

    @social_action("write")
    def action_remove(self):
        """Unlink the two cases, both ways; the link is archived, not deleted."""
        self.filtered("active").write({"active": False})
        return True
