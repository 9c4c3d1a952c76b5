import io
import json
import zipfile
from contextlib import contextmanager

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.service.model import get_public_method
from odoo.tools import SQL

from odoo.addons.mail.tests.common import mail_new_test_user

from .. import const
from .common import SocialServiceCommon

# what a refused call may raise (SECURITY.md #12, #13)
REFUSALS = (AccessError, UserError, ValidationError, MissingError)
# tables that a refused call must leave as they were
AUDITED_TABLES = (
    "mail_message",
    "mail_followers",
    "mail_notification",
    "mail_mail",
    "mail_activity",
    "calendar_event",
    "ir_attachment",
)
IGNORED_FIELDS = {"write_date", "write_uid", "__last_update"}


class Caught:
    """The refusal caught by ``assertRefused``."""

    exception = None
    result = None


class ProbeCommon(SocialServiceCommon):
    """An attacker's playground: the common roles, teams, cases and second site, with a
    second nurse and a chaplain, a person no one refers yet, a nurse's referral, and an
    intervention and procedures on the cases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env

        def user(login, *groups):
            return mail_new_test_user(
                env,
                login,
                groups=",".join(groups),
                email=f"{login}@hospital.example",
                name=login.replace("_", " ").title(),
            )

        cls.nurse_2 = user("probe_nurse_2", const.CARE)
        cls.chaplain = user("probe_chaplain", "base.group_user", const.LIAISON)
        Partner = env["res.partner"]
        cls.patient_free = Partner.create({"name": "Probe Patient Without Case"})
        # a person no one refers yet: anyone may refer them (not yet a patient of the service)
        cls.person_new = Partner.create({"name": "Probe Person Not Known Yet"})
        cls.intervention_a = env["social.intervention"].create(
            {"case_id": cls.case_a.id, "type_id": cls.interview.id, "user_id": cls.worker_a.id}
        )
        cls.procedure_a = env["social.procedure"].create(
            {"case_id": cls.case_a.id, "type_id": cls.aid.id, "user_id": cls.worker_a.id}
        )
        cls.procedure_restricted = env["social.procedure"].create(
            {"case_id": cls.case_restricted.id, "type_id": cls.aid.id, "user_id": cls.worker_b.id}
        )
        Referral = env["social.referral"]
        cls.referral_nurse = Referral.with_user(cls.nurse).create(
            {"patient_id": cls.patient_free.id, "reason": "Lives alone, falls at home"}
        )
        env.flush_all()

    def access_export(self, user, patient):
        """(JSON data, readable PDF) of the right-of-access ZIP that ``user`` exports of
        ``patient`` (the route that delivers it: test_access_export_http.py)."""
        action = self.rpc(user, "res.partner", "action_social_access_export", [patient.ids])
        self.assertEqual(action["url"], f"/social_case/access_export/{patient.id}")
        name, content = patient.with_user(user)._social_access_export_zip()
        self.assertTrue(name.endswith(".zip"))
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = archive.namelist()
        data = json.loads(archive.read(next(n for n in names if n.endswith(".json"))))
        readable = next(n for n in names if not n.endswith(".json"))
        return data, archive.read(readable)

    # -- what a refused call must leave untouched ---------------------------------------
    def table_counts(self, *tables):
        self.env.flush_all()
        counts = {}
        for table in tables or AUDITED_TABLES:
            self.env.cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            counts[table] = self.env.cr.fetchone()[0]
        return counts

    def stored_values(self, records):
        """Every stored value of ``records``, read as superuser from the database."""
        self.env.invalidate_all()
        records = records.sudo().with_context(active_test=False)
        names = [
            name
            for name, field in records._fields.items()
            if field.store and name not in IGNORED_FIELDS and field.type != "binary"
        ]
        return records.read(names)

    def snapshot(self, *records):
        return self.table_counts(), [self.stored_values(record) for record in records]

    def withdraw_consent(self, user, consent, reason):
        """``user`` records the patient's withdrawal of ``consent``, as the form does: the
        reason first, then the button."""
        self.rpc(user, "social.consent", "write", [consent.ids, {"withdrawal_reason": reason}])
        self.rpc(user, "social.consent", "action_withdraw", [consent.ids])

    @contextmanager
    def assertRefused(self, *records, exceptions=REFUSALS):
        """The call in the block raises one of ``exceptions`` and neither ``records`` nor
        the chatter, followers, activities, events and attachments changed."""
        before = self.snapshot(*records)
        caught = Caught()
        try:
            yield caught
        except exceptions as error:
            caught.exception = error
        else:
            self.fail(f"the call was not refused (it returned {caught.result!r:.200})")
        self.env.invalidate_all()
        after = self.snapshot(*records)
        self.assertEqual(after, before, "the refused call changed something")

    def collect(self, failures, **label):
        """A context that records an AssertionError in ``failures`` instead of stopping,
        so that one run lists every hole."""
        test = self

        class Collector:
            def __enter__(self):
                return self

            def __exit__(self, kind, error, tb):
                if kind is not None and issubclass(kind, AssertionError):
                    failures.append(f"{label}: {error}")
                    test.env.invalidate_all()
                    return True
                return False

        return Collector()

    # -- metadata of records (SECURITY.md T17) -------------------------------------------
    def seed_metadata(self, records, owner):
        """``owner`` follows every record and has an activity on it."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for record in records:
            record.sudo().message_subscribe(partner_ids=owner.partner_id.ids)
            record.sudo().activity_schedule(
                activity_type_id=todo.id, user_id=owner.id, summary="Probe follow-up"
            )
        self.env.flush_all()

    def metadata_leaks(self, user, records):
        """What ``user`` learns through mail.followers and mail.activity about ``records``."""
        leaks = []
        for record in records:
            domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
            for model in ("mail.followers", "mail.activity"):
                self.env.invalidate_all()
                try:
                    count = self.rpc(user, model, "search_count", [domain])
                    ids = self.rpc(user, model, "search", [domain])
                    rows = self.rpc(user, model, "search_read", [domain, ["res_id"]])
                    group_by = "partner_id" if model == "mail.followers" else "user_id"
                    groups = self.rpc(
                        user,
                        model,
                        "read_group",
                        [domain, [group_by], [group_by]],
                        {"lazy": False},
                    )
                except REFUSALS:
                    continue
                seen = sum(g["__count"] for g in groups)
                if count or ids or rows or seen:
                    leaks.append(
                        f"{user.login} sees {count} {model} rows of {record._name} {record.id} "
                        f"(search: {len(ids)}, search_read: {len(rows)}, read_group: {seen})"
                    )
        return leaks

    # -- buttons (SECURITY.md #12) -----------------------------------------------------
    def addon_buttons(self, addon):
        """{model: public action_* methods} of the models the addon defines."""
        buttons = {}
        for name in self.env.registry:
            Model = self.env[name]
            if type(Model)._original_module != addon or Model._abstract:
                continue
            names = sorted(n for n in dir(Model) if n.startswith("action_"))
            if not Model._active_name:  # archiving is not a button of this model
                names = [n for n in names if n not in ("action_archive", "action_unarchive")]
            public = []
            for method in names:
                try:
                    get_public_method(Model, method)
                except AccessError:
                    continue
                public.append(method)
            if public:
                buttons[name] = public
        return buttons

    def button_failures(self, addon, targets, users):
        """Every public action_* of ``addon``'s models, called over RPC by each of
        ``users`` on a target record the user may not read."""
        failures = []
        buttons = self.addon_buttons(addon)
        missing = set(buttons) - set(targets)
        self.assertFalse(missing, f"no target record for {sorted(missing)}: add one")
        self.buttons_pressed = 0
        for model, names in buttons.items():
            target = targets[model]
            for user in users:
                self.env.invalidate_all()
                if target.with_user(user)._filtered_access("read"):
                    continue  # a catalogue the user reads: not this test's business
                self.buttons_pressed += len(names)
                for name in names:
                    with self.collect(failures, model=model, button=name, user=user.login):
                        try:
                            with self.assertRefused(target) as caught:
                                caught.result = self.rpc(
                                    user, model, name, [target.ids], context=self.button_context
                                )
                        except AssertionError:
                            raise
                        except Exception as error:  # any other error is a bug
                            self.fail(f"raised {type(error).__name__}: {error}")
                        self.assertIsInstance(
                            caught.exception,
                            AccessError,
                            f"refused with {type(caught.exception).__name__}: {caught.exception}",
                        )
        return failures

    button_context = {}
