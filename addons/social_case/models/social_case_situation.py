from odoo import models
from odoo.exceptions import UserError
from odoo.fields import Command

from .social_case import SITUATION_FIELDS
from .social_privacy_mixin import social_action


class SocialCase(models.Model):
    """Tell the story once: the patient's situation a new case takes from the last one."""

    # a responsibility of the case in a file of its own, as Odoo core splits its models
    _inherit = "social.case"  # pylint: disable=consider-merging-classes-inherited

    def _situation_fields(self):
        """The patient's situation a new case takes from the last one: the one list, that
        addons extend (the people around the patient, for instance)."""
        return [*SITUATION_FIELDS, "contact_ids"]

    def _situation_values(self, source):
        """What ``self`` takes of the situation of case ``source``: every field still empty
        (or at its default) on ``self`` that ``source`` knows."""
        self.ensure_one()
        vals = {}
        for name in self._situation_fields():
            field = self._fields[name]
            value = source[name]
            if not value:
                continue
            current = self[name]
            default = field.default(self) if field.default else False
            if current and current != default:
                continue
            if field.type == "many2one":
                vals[name] = value.id
            elif field.type == "one2many":
                # the lines the user may read, copied onto this case
                lines = value._filtered_access("read")
                vals[name] = [
                    Command.create(data)
                    for data in lines.with_context(active_test=False).copy_data()
                ]
                for command in vals[name]:
                    command[2].pop(field.inverse_name, None)
            elif field.type == "many2many":
                vals[name] = [Command.set(value.ids)]
            else:
                vals[name] = value
        return vals

    def _start_from_case(self, source):
        """Fill the case from the situation of case ``source`` and say so in the chatter."""
        self.ensure_one()
        vals = self._situation_values(source)
        if vals:
            self.write(vals)
        self.message_post(
            body=self._social_system_env()._(
                "Started from the situation known in case %(case)s (opened on %(date)s): "
                "check with the patient what changed.",
                case=source.name,
                date=source.date_open,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return vals

    @social_action("read")
    def action_start_from_last_situation(self):
        """Take the patient's last known situation, from their latest earlier case."""
        self.ensure_one()
        self.check_access("write")
        source = self.previous_case_ids[:1]
        if not source:
            raise UserError(
                self.env._(
                    "%(patient)s has no earlier case to start from.",
                    patient=self.patient_id.display_name,
                )
            )
        self._start_from_case(source)
        return True
