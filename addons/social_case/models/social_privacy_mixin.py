"""The privacy layer of the social service.

Every model that holds case data inherits ``social.privacy.mixin`` (and, when it has a
chatter, ``social.privacy.thread``). Each privacy decision below is taken here, once, and
applies to all of them; the models only declare their own lists. SECURITY.md at the
root of the repository gives the role x model x field matrix that results.

1. **Minimum views** (``_social_care_fields``, ``_social_liaison_fields``): the care team and
   the liaison providers read only the fields listed; every other field of the model,
   including fields added later by another addon, gets ``groups`` = social worker at
   registry setup. Field groups are security, not presentation: ``read``, ``search``,
   ``read_group``, exports and views all honour them.
2. **Fields set by the system**: a model names them, ``_social_system_fields``
   (references, audit fields, consent evidence, timing); with the fields Odoo sets
   (``create_uid``...) and those computed without an inverse, they are never set by a user's
   own ``create``/``write``: only by our code (an ``action_*`` button, an override, through
   ``_social_as_system()``), the superuser or a Manager. ``_social_group_fields`` names fields
   that one group sets (triage is the coordinator's). ``default_*`` context keys count as
   values. A record can only be put in a company the user works in.
3. **Values are checked before they reach the database**: types, required values,
   selections, lengths, NUL bytes, integer and float ranges, finite numbers, dates between
   1900 and 2200, existing related records, well-formed x2many commands. A bad value gets a
   translated ``ValidationError``/``UserError``, never a traceback, and nothing is written
   (``check_values`` in ``social_values.py``).
4. **Buttons declare their check**: every public ``action_*`` method of the model is
   decorated ``@social_action("read")`` or ``@social_action("write")`` where it is defined:
   the caller must be allowed that on the records, then what the button writes is the
   system's (a test fails on any undecorated button).
5. **State machines**: ``_social_transitions`` declares the moves a ``state`` may take;
   any other move, and any unknown state, is refused with a clear error.
6. **Chatter** (``social.privacy.thread``, in ``social_privacy_thread.py``): only people who
   may read the record follow it, are mentioned, notified or assigned an activity, and a
   partner outside the service only with the patient's consent; subscribing needs read
   access; the audit trail cannot be silenced by the context; only a Manager edits or
   deletes its messages; followers, activities and meetings of a record are invisible to who
   cannot read it (see ``mail_followers.py``, ``calendar_event.py``, ``ir_attachment.py``).

7. **Malformed requests get a clear answer**: Odoo itself refuses what a read, search or
   grouping may not say (an unknown field, an order that is not one, a field the user may
   not read); what it refuses with a ``ValueError``, a ``TypeError`` or a database
   ``DataError`` is turned into one translated ``UserError`` at the one boundary the web
   client and API clients call, ``/web/dataset/call_kw`` (``clean_errors`` in ``social_values.py``,
   ``controllers/dataset.py``), the original being logged. Nothing is checked twice.

Checks 2-4 are the mixin's own ``create`` and ``write``: they check what the caller sends
when the environment is not the superuser's (lines of x2many commands included); a refusal
rolls the whole request back, so the order of the addons' overrides does not matter. Our own
code runs on an environment marked for the current user (``_social_as_system``: buttons, the
ORM below the mixin's ``create``/``write``): what it writes is the system's. The mark is an
object, not a value a client can send, and ``with_user`` leaves it behind. The fields a group
sets stay checked all the way down.
"""

import functools

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.osv import expression

from ..const import CARE, LIAISON, MANAGER, WORKER
from .social_values import check_values, is_id

# groups that every role of the service implies (a field declared for them is narrowed)
EVERY_ROLE_IMPLIES = ("base.group_user",)
# readable by everyone who may read the record at all
ALWAYS_READABLE = ("id", "display_name")
# the context key of an environment in which our own code runs (decision 2)
SYSTEM_KEY = "social_system"


def privacy_models(env, threads_only=False):
    """Names of the models on the privacy layer (optionally: those with a chatter)."""
    name = "social.privacy.thread" if threads_only else "social.privacy.mixin"
    return sorted(
        model
        for model in env.registry.descendants([name], "_inherit")
        if not env.registry[model]._abstract
    )


class _SystemMark(str):
    """The value of ``SYSTEM_KEY``: the id of the user our code runs for, as an object that
    no request can carry (JSON gives plain strings)."""

    __slots__ = ()


def social_action(access):
    """Declare a public button of a model of the privacy layer (decision 4): the caller
    must be allowed ``access`` ('read': it shows something, 'write': it changes the
    records) on the records, then what the button writes is the system's. Put it on every
    ``action_*`` method, and on every override of one::

        @social_action("write")
        def action_done(self):
            ...
    """
    if access not in ("read", "write"):
        raise ValueError(access)

    def decorate(method):
        @functools.wraps(method)
        def action(self, *args, **kwargs):
            if not self.env.su:
                self.check_access(access)
            return method(self._social_as_system(), *args, **kwargs)

        action._social_action = access
        return action

    return decorate


class SocialPrivacyMixin(models.AbstractModel):
    """Privacy layer of every model that holds case data (see the module docstring).

    Example::

        class SocialCaseNote(models.Model):
            _name = "social.case.note"
            _inherit = ["social.privacy.mixin"]
            _social_care_fields = ()              # the care team reads nothing
            _social_group_fields = {"author_id": "social_case.group_social_manager"}
    """

    _name = "social.privacy.mixin"
    _description = "Social Service Privacy Layer"
    # 7. malformed requests get a translated error at /web/dataset/call_kw (clean_errors)
    _social_clean_errors = True

    # fields the care team may read (on top of id and display_name); others: workers only
    _social_care_fields = ()
    # fields liaison providers may read, and those they may change
    _social_liaison_fields = ()
    _social_liaison_writable = ()
    # fields that only the system sets (decision 2)
    _social_system_fields = ()
    # {field: group xml id}: fields that only this group sets
    _social_group_fields = {}
    # the code of the sequence that gives new records their ``name`` (a reference)
    _social_sequence = None
    # {state: set of states it may move to}; empty: the model has no fixed state machine
    _social_transitions = {}
    # True: every read of the records by a person is written to the access log
    _social_log_reads = True
    # fields erased by the anonymisation on top of every free text (text and html fields)
    _social_identifying_fields = ()

    # -- 1. minimum views -------------------------------------------------------------
    @api.model
    def _setup_fields(self):
        super()._setup_fields()
        if self._abstract or not self._social_minimum_views():
            return
        for name, field in self._fields.items():
            if name not in ALWAYS_READABLE:
                declared = field.groups if field.groups and not field.related else ""
                field.groups = self._social_field_groups(name, declared)

    @classmethod
    def _social_minimum_views(cls):
        """Whether the care team or the liaison providers read records of the model: then
        each field is for the roles that may read it. A model they have no access right on
        (``test_security_groups``) needs no field groups: its access rights say it already,
        and every field checked on every read costs (a ``has_group`` each)."""
        return bool(cls._social_care_fields or cls._social_liaison_fields)

    @classmethod
    def _social_field_groups(cls, name, declared):
        """The groups of field ``name``, declared ``declared`` by its addon (a related
        field's own are its target's, not a declaration): the intersection of the
        declaration and the layer's minimum views, never wider than either."""
        groups = declared.split(",") if declared else []
        if groups and all(g.startswith("social_case.") for g in groups):
            return declared  # a decision of our own, on the field itself
        if set(groups) - set(EVERY_ROLE_IMPLIES):
            # another addon restricted the field further (to the administrators, to debug
            # mode): only people of the service read the record, and among them those groups
            return declared
        # any other field, inherited ones too (the chatter's are for base.group_user, which
        # every role of the service has: the intersection is the layer's groups)
        layer = [CARE if name in set(cls._social_care_fields) else WORKER]
        if name in set(cls._social_liaison_fields):
            layer.append(LIAISON)
        return ",".join(layer)

    def _check_access(self, operation):
        """The record rules of a batch of records, evaluated by PostgreSQL.

        Odoo evaluates them in Python on the records in memory (``filtered_domain``), which
        walks the rules' paths (co-workers, team members, emergency accesses) record by
        record, fetching what they go through: for the 80 cases of a list that costs more
        than the whole SQL of the screen, and for one record it costs more queries than one.
        The same domain, the one ``_compute_domain`` gives, is run as one query instead; the
        decision is the rules' own, and a batch with any forbidden or missing record is
        checked again the usual way, so that its error is Odoo's."""
        if self.env.su or not self._ids or not all(self._ids):
            return super()._check_access(operation)
        # the access rights of the model (with no record, no rule is evaluated)
        if result := super(SocialPrivacyMixin, self.browse())._check_access(operation):
            return self, result[1]
        domain = self.env["ir.rule"]._compute_domain(self._name, operation)
        if not domain:
            return None
        records = self.sudo().with_context(active_test=False)
        allowed = records._search(expression.AND([[("id", "in", self._ids)], domain]))
        if len(set(allowed)) == len(set(self._ids)):
            return None
        return super()._check_access(operation)

    # -- the access log (SECURITY.md T12) ------------------------------------------------
    # Reads write their lines in the access log at commit (an INSERT): they need a
    # read/write cursor, so these entry points are not ``api.readonly``.
    def read(self, fields=None, load="_classic_read"):
        return super().read(fields, load)

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        return super().search_read(domain, fields, offset, limit, order, **kwargs)

    def web_read(self, specification):
        # a form reads its one record: it opens it (a list read from web_search_read does not)
        records = self
        if len(self) == 1 and "social_opening" not in self.env.context:
            records = self.with_context(social_opening=[self._name, self.id])
        return super(SocialPrivacyMixin, records).web_read(specification)

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        return super(SocialPrivacyMixin, self.with_context(social_opening=False)).web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    read._readonly = search_read._readonly = False
    web_read._readonly = web_search_read._readonly = False

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        # every read of the file's content by a person; the id and the display name (a
        # reference) of a record that another one points at are not its content
        if self._social_log_reads and result and set(fnames) - set(ALWAYS_READABLE):
            opened = len(self) == 1 and self.env.context.get("social_opening") == [
                self._name,
                self.id,
            ]
            operation = "open" if opened else "read"
            self.env["social.case.access.log"]._log_reads(
                self.browse([row["id"] for row in result]), operation
            )
        return result

    def export_data(self, fields_to_export):
        self.check_access("read")
        return super().export_data(fields_to_export)

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        rows = super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        # the exported records, and the records of the file exported through them (the
        # interventions of exported cases); a reference alone is not their content
        if self._social_log_reads and any(
            path and path[0] not in ALWAYS_READABLE for path in fields
        ):
            self.env["social.case.access.log"]._log_reads(self, "export")
        return rows

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if self._social_log_reads:
            self.env["social.case.access.log"]._log_reads(self, "read")
        return vals_list

    # -- 2. who sets a field ------------------------------------------------------------
    def _social_setter_group(self, name):
        """The group that may set field ``name`` itself, MANAGER for a system field, or
        None when anyone who may write the record may."""
        if name in self._social_group_fields:
            return self._social_group_fields[name]
        field = self._fields[name]
        if (
            name in self._social_system_fields
            or name in models.MAGIC_COLUMNS
            or (field.compute and field.readonly and not field.inverse)
        ):
            return MANAGER
        return None

    def _social_as_system(self):
        """``self`` in an environment where what our code writes is the system's, for the
        current user only: checked already, or not the user's input (decision 2)."""
        return self.with_context(**{SYSTEM_KEY: _SystemMark(self.env.uid)})

    def _social_marked(self):
        mark = self.env.context.get(SYSTEM_KEY)
        return isinstance(mark, _SystemMark) and mark == str(self.env.uid)

    def _social_is_system(self):
        return self.env.su or self._social_marked() or self.env.user.has_group(MANAGER)

    @api.model
    def _social_default(self, name):
        field = self._fields[name]
        if not field.default:
            return False
        value = field.default(self.with_env(self.env(context=self._social_clean_context())))
        return value.id if isinstance(value, models.BaseModel) else value

    def _social_clean_context(self):
        return {key: value for key, value in self.env.context.items() if key[:8] != "default_"}

    def _social_check_setters(self, vals, creating):
        if self.env.su:
            return
        user = self.env.user
        for name, value in vals.items():
            group = self._social_setter_group(name)
            if not group:
                continue
            if creating and value == self._social_default(name):
                continue  # the value a new record gets anyway
            if group == MANAGER:
                if self._social_is_system():
                    continue
            elif user.has_group(group):
                continue
            label = self._fields[name]._description_string(self.env)
            if group == MANAGER:
                # a system field: named as the form labels it, never with its value
                raise AccessError(
                    self.env._(
                        "%(field)s is set by the social service's workflow, not by hand.",
                        field=label,
                    )
                )
            raise AccessError(
                self.env._(
                    "%(field)s is set by the %(group)s only.",
                    field=label,
                    group=self.env.ref(group).name,
                )
            )
        if self._social_is_system():
            return
        if "company_id" in vals and vals["company_id"]:
            if vals["company_id"] not in user.company_ids.ids:
                raise AccessError(self.env._("A record can only belong to a site you work in."))
        if user.has_group(LIAISON) and not user.has_group(CARE):
            forbidden = set(vals) - set(self._social_liaison_writable)
            if forbidden:
                raise AccessError(
                    self.env._(
                        "A liaison provider may only update the follow-up of a request "
                        "(not: %(fields)s).",
                        fields=", ".join(
                            sorted(self._fields[f]._description_string(self.env) for f in forbidden)
                        ),
                    )
                )

    # -- 4. buttons: Odoo's own, declared as ours --------------------------------------------
    @social_action("write")
    def action_archive(self):
        return super().action_archive()

    @social_action("write")
    def action_unarchive(self):
        return super().action_unarchive()

    def _social_check_links(self, vals):
        """Refuse to link ``self`` (or the record being created) to a record the caller may
        not read: a case, a patient, a request. Checked at the entry of ``create`` (default
        values included) as of ``write``; what a record is already linked to is not checked
        again."""
        if self.env.su:
            return
        for name, value in vals.items():
            field = self._fields[name]
            if not value or field.type not in ("many2one", "one2many", "many2many"):
                continue
            ids = self._social_linked_ids(field, value)
            if self and ids:
                ids -= set(self.sudo().with_context(active_test=False)[name].ids)
            targets = self.env[field.comodel_name].browse(ids).exists()
            if targets and targets._filtered_access("read") != targets:
                raise AccessError(
                    self.env._(
                        "%(field)s: choose a record you may read.",
                        field=field._description_string(self.env),
                    )
                )

    @staticmethod
    def _social_linked_ids(field, value):
        """The ids of existing records that ``value`` links to through ``field``."""

        if field.type == "many2one":
            value = value.id if isinstance(value, models.BaseModel) else value
            return {value} if is_id(value) else set()
        ids = set()
        for command in value if isinstance(value, (list, tuple)) else ():
            if is_id(command):
                ids.add(command)
            elif not isinstance(command, (list, tuple)) or len(command) < 2:
                continue
            elif command[0] == Command.LINK and is_id(command[1]):
                ids.add(command[1])
            elif command[0] == Command.SET and isinstance(command[-1], (list, tuple)):
                ids.update(i for i in command[-1] if is_id(i))
        return ids

    # -- 5. state machines ------------------------------------------------------------------
    def _social_check_transition(self, target):
        if not self._social_transitions or "state" not in self._fields:
            return
        for record in self:
            # the same state again is a move too: a button pressed twice is refused
            if target in self._social_transitions.get(record.state, ()):
                continue
            raise UserError(record._social_transition_error(target))

    def _social_transition_error(self, target):
        """The message refusing a move of ``self.state`` to ``target`` (one record)."""
        labels = dict(self._fields["state"]._description_selection(self.env))
        return self.env._(
            "%(record)s is %(state)s: it cannot become %(target)s.",
            record=self.display_name,
            state=labels.get(self.state, self.state),
            target=labels.get(target, target),
        )

    # -- 7. anonymisation (social.case._anonymise) ----------------------------------------
    def _social_anonymise_values(self, placeholder):
        """What the anonymisation writes: every free text and identifying field emptied,
        the patient replaced by the case's placeholder partner; the rest (dates, types,
        durations, states, people of the service) is kept for the reports."""
        vals = {}
        for name, field in self._fields.items():
            # a stored computed field the user may edit (a contact's name, phone) is a value
            # of its own: it is erased as any other; one the code alone sets is recomputed
            if not field.store or field.related or (field.compute and field.readonly):
                continue
            if field.type in ("text", "html") or name in self._social_identifying_fields:
                vals[name] = self.env._("Anonymised") if field.required else False
            elif name == "patient_id" and field.comodel_name == "res.partner":
                vals[name] = placeholder.id
        return vals

    def _social_anonymise(self, placeholder):
        vals = self._social_anonymise_values(placeholder)
        if vals:
            self.sudo().write(vals)

    # -- what the caller sends (checked at the entry of create and write) ------------------
    @api.model
    def _social_check_create(self, vals_list, trusted=False):
        if not isinstance(vals_list, (list, tuple)):
            raise UserError(self.env._("The values to save must be given field by field."))
        defaults = {
            key[8:]: value
            for key, value in self.env.context.items()
            if key[:8] == "default_" and key[8:] in self._fields
        }
        for vals in vals_list:
            if not trusted:
                check_values(self, vals)
            provided = dict(defaults, **vals) if defaults else vals
            self._social_check_setters(provided, creating=True)
            if not trusted:
                self._social_check_links(provided)
            if "state" in vals and self._social_transitions and not self.env.su:
                start = self._social_default("state")
                if vals["state"] not in (start, False, None) and not self._social_is_system():
                    raise UserError(
                        self.env._(
                            "A new record starts in its first state; use its buttons to move it."
                        )
                    )

    def _social_check_write(self, vals, trusted=False):
        if not trusted:
            check_values(self, vals)
        self._social_check_setters(vals, creating=False)
        if not trusted:
            self._social_check_links(vals)

    # -- create and write: checks 2, 3, 5 ----------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._social_check_create(vals_list, trusted=self._social_marked())
        records = super(SocialPrivacyMixin, self._social_as_system()).create(vals_list)
        records = records.with_env(self.env)
        records._social_mark_patients()
        return records

    def write(self, vals):
        if not self.env.su:
            self._social_check_write(vals, trusted=self._social_marked())
        if vals.get("state"):
            # the superuser's code too moves a state only along its transitions
            self._social_check_transition(vals["state"])
        super(SocialPrivacyMixin, self._social_as_system()).write(vals)
        if "patient_id" in vals:
            self._social_mark_patients()
        return True

    @api.model
    def _prepare_create_values(self, vals_list):
        result = super()._prepare_create_values(vals_list)
        if self._social_sequence:
            for vals in result:
                if vals.get("name", "/") == "/":
                    company = self.env["res.company"].browse(vals.get("company_id"))
                    sequence = self.env["ir.sequence"].with_company(company or self.env.company)
                    vals["name"] = sequence.next_by_code(self._social_sequence) or "/"
        return result

    # -- the patients' contacts (SECURITY.md T22) --------------------------------------------
    def _social_mark_patients(self):
        """The patients of ``self``, when the model makes patients: from now on seen only by
        who follows them (``res.partner._social_patient_models``)."""
        Partner = self.env["res.partner"]
        if self._name in Partner._social_patient_models():
            self.sudo().with_context(active_test=False).patient_id._social_mark_patients()
