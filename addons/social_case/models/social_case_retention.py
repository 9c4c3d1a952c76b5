from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class SocialCase(models.Model):
    """The retention of a case (readme: Retention): how long a closed case is kept, the hold
    that keeps it longer, and the anonymisation that erases who the patient was."""

    # a responsibility of the case in a file of its own, as Odoo core splits its models
    _inherit = "social.case"  # pylint: disable=consider-merging-classes-inherited

    legal_hold = fields.Boolean(
        tracking=True,
        copy=False,
        help="Kept as it is past the retention period (litigation, an inquiry, a request of "
        "the patient): the case is not anonymised while on hold.",
    )
    anonymisation_date = fields.Date(
        string="Anonymised From",
        compute="_compute_anonymisation_date",
        store=True,
        index=True,
        help="The day the closed case becomes due for anonymisation: its closing date plus "
        "the site's retention period.",
    )
    anonymised_on = fields.Date(readonly=True, copy=False, index=True, tracking=True)

    @api.depends("date_closed", "company_id.social_retention_years")
    def _compute_anonymisation_date(self):
        for case in self:
            years = case.company_id.social_retention_years
            case.anonymisation_date = (
                case.date_closed + relativedelta(years=years)
                if case.date_closed and years
                else False
            )

    @api.model
    def _due_for_anonymisation_domain(self):
        return [
            ("is_closed", "=", True),
            ("legal_hold", "=", False),
            ("anonymised_on", "=", False),
            ("anonymisation_date", "!=", False),
            ("anonymisation_date", "<=", fields.Date.context_today(self)),
        ]

    @api.model
    def _cron_anonymise(self):
        """Anonymise the closed cases past their site's retention period, never on hold."""
        # the nightly job runs as the superuser, and ``_anonymise`` works as the system
        cases = self.with_context(active_test=False).search(self._due_for_anonymisation_domain())
        cases._anonymise()
        return cases

    def _anonymise(self):
        """Erase who the patient is and what was written, keep what was done and when.

        The case points to a placeholder partner; the patient's own record is anonymised
        unless another case still needs it. Every record of the case on the privacy layer
        loses its free texts (``_social_anonymise``), every message its body and tracked
        values, every attachment its content. Dates, types, durations, stages, team and
        worker stay: the activity reports count the same before and after."""
        # the nightly job (``_cron_anonymise``) runs as the superuser: every trace of the
        # case goes, readable or not
        self = self.with_context(active_test=False)
        Partner = self.env["res.partner"]
        placeholders = Partner.create(
            [
                {"name": self.env._("Anonymised patient %(case)s", case=case.name), "active": False}
                for case in self
            ]
        )
        placeholder = dict(zip(self.ids, placeholders, strict=True))
        patients = self.patient_id
        patient_placeholder = {case.patient_id.id: placeholder[case.id] for case in self}
        records = self._social_case_records()
        for case in self:
            case._social_anonymise(placeholder[case.id])
            # the log stays evidence of who opened the file, not of who the patient was
            self.env["social.case.access.log"].search([("case_id", "=", case.id)]).write(
                {"patient_id": placeholder[case.id].id}
            )
        for model_records in records:
            for record in model_records:
                record._social_anonymise(placeholder[record.case_id.id])
        threads = [self, *records, *self._social_anonymise_linked_records()]
        self._social_erase_traces(threads)
        today = fields.Date.context_today(self)
        self.write({"anonymised_on": today})
        self._social_erase_traces([self])
        # patients with no case left to follow are anonymised themselves
        still_used = self.search(
            [("patient_id", "in", patients.ids), ("anonymised_on", "=", False)]
        ).patient_id
        unfollowed = patients - still_used
        gone = unfollowed - self._social_identity_kept(unfollowed)
        # what was recorded about them outside any case (a nurse's liaison request, a
        # redirected referral, a consent) goes with their identity
        loose = self._social_patient_records(gone)
        for model_records in loose:
            for record in model_records:
                record._social_anonymise(patient_placeholder[record.patient_id.id])
        self._social_erase_traces(loose)
        gone._social_anonymise_partner()
        self.env["social.case.access.log"]._log(self, "anonymised", system=True)
        return True

    def _social_identity_kept(self, partners):
        """Hook: of the former patients ``partners``, whom no case follows any more, those
        whose identity stays: a user of the database (an employee once a patient) and an
        organisation."""
        return partners.filtered(lambda p: p.user_ids or p.is_company)

    def _social_anonymise_linked_records(self):
        """Hook: erase what the cases ``self`` left in records off the privacy layer, which
        ``_social_anonymise`` does not reach (the handover notes of their referents'
        absences; an addon's sign-off comments or survey answers), one write per kind of
        record. Returns the record sets whose messages, attachments and activities go too."""
        self.env["social.absence"]._social_anonymise_handover_notes(self)
        return []

    def _social_case_records(self):
        """Every record of the privacy layer that belongs to the cases ``self``."""
        from .social_privacy_mixin import privacy_models

        result = []
        for name in privacy_models(self.env):
            field = self.env[name]._fields.get("case_id")
            if name == self._name or not field or not field.store:
                continue
            if field.comodel_name != self._name:
                continue
            result.append(self.env[name].search([("case_id", "in", self.ids)]))
        return result

    def _social_patient_records(self, patients):
        """Every record of the privacy layer about ``patients`` that belongs to no case."""
        from .social_privacy_mixin import privacy_models

        result = []
        for name in privacy_models(self.env):
            Model = self.env[name]
            patient = Model._fields.get("patient_id")
            if name == self._name or not patient or not patient.store:
                continue
            if patient.comodel_name != "res.partner" or patient.related:
                continue
            domain = [("patient_id", "in", patients.ids)]
            case = Model._fields.get("case_id")
            if case and case.store:
                domain.append(("case_id", "=", False))
            result.append(Model.search(domain))
        return result

    def _social_erase_traces(self, record_sets):
        """Empty what Odoo keeps around the records: messages and the e-mails made of them,
        tracked values, attachments and the e-mails that carry them, meetings, activities."""
        Message = self.env["mail.message"]
        Attachment = self.env["ir.attachment"]
        Mail = self.env["mail.mail"]
        anonymised = self.env._("Anonymised")
        for records in record_sets:
            if not records:
                continue
            if hasattr(records, "_track_discard"):
                records._track_discard()
            self.env.flush_all()
            linked = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
            messages = Message.search(
                [("model", "=", records._name), ("res_id", "in", records.ids)]
            )
            attachments = Attachment.search(
                [*linked, "|", ("res_field", "=", False), ("res_field", "!=", False)]
            )
            # the e-mails made of the messages, and those that carry the records' documents
            Mail.search(
                [
                    "|",
                    ("mail_message_id", "in", messages.ids),
                    ("attachment_ids", "in", (attachments | messages.attachment_ids).ids),
                ]
            )._social_anonymise_mail()
            messages.tracking_value_ids.unlink()
            attachments |= messages.attachment_ids
            messages.write({"body": "", "subject": False, "email_from": False, "reply_to": False})
            attachments.unlink()
            # a meeting or an activity keeps its date and its people, not what it was about
            self.env["calendar.event"].search(linked).write(
                {"name": anonymised, "description": False}
            )
            self.env["mail.activity"].search(linked).write({"summary": False, "note": False})
