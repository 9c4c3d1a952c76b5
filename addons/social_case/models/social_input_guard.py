from odoo import api, models
from odoo.exceptions import UserError, ValidationError


class SocialInputGuard(models.AbstractModel):
    """Dates received from a client are checked before they reach the database, so that
    a malformed value gives a clear error instead of a database failure."""

    _name = "social.input.guard"
    _description = "Social Service Input Checks"

    def _social_check_input(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if not field or field.type not in ("date", "datetime"):
                continue
            if not value or not isinstance(value, str):
                continue
            try:
                field.to_date(value) if field.type == "date" else field.to_datetime(value)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "%(value)s is not a valid date for %(field)s.",
                        value=value[:40],
                        field=field._description_string(self.env),
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._social_check_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._social_check_input(vals)
        return super().write(vals)


class SocialCase(models.Model):
    _name = "social.case"
    _inherit = ["social.input.guard", "social.case"]


class SocialIntervention(models.Model):
    _name = "social.intervention"
    _inherit = ["social.input.guard", "social.intervention"]


class SocialProcedure(models.Model):
    _name = "social.procedure"
    _inherit = ["social.input.guard", "social.procedure"]

    @api.model_create_multi
    def create(self, vals_list):
        # the state flow starts at "to do": no procedure is born granted or refused
        if not self.env.su and any(vals.get("state", "to_do") != "to_do" for vals in vals_list):
            raise UserError(
                self.env._(
                    "A new procedure starts as To Do; submit it and record the answer "
                    "to move it further."
                )
            )
        return super().create(vals_list)
