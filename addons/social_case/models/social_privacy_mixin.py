"""The privacy layer of the social service: who reads and who sets what.

Every model that holds case data inherits ``social.privacy.mixin`` (with a chatter:
``social.privacy.thread``) and declares its lists; the layer decides for all of them, once
(SECURITY.md gives the resulting role x field matrix):

1. **Minimum views**: the care team and the liaison providers read only
   ``_social_care_fields`` and ``_social_liaison_fields``; every other field, one added later
   by another addon included, gets ``groups`` = social worker at registry setup.
2. **Who sets a field**: ``_social_system_fields``, the fields Odoo sets and those computed
   without an inverse are set only by our code (``_social_as_system()``: buttons, overrides),
   the superuser or a Manager; ``_social_group_fields`` by one group. ``default_*`` context
   keys count as values; a record goes only to a company the user works in.
3. **Values** are checked before the database (``check_values``, ``social_values.py``).
4. **Buttons**: every public ``action_*`` is decorated ``@social_action("read"|"write")``.
5. **State machines**: ``_social_transitions``; any other move is refused.
6. **Chatter**: only readers take part, outsiders with the patient's consent
   (``social_privacy_thread.py``); followers, meetings and documents of a record are hidden
   from who cannot read it (``mail_followers.py``, ``calendar_event.py``, ``ir_attachment.py``).
7. **Malformed requests** get one translated error (``clean_errors``, ``social_values.py``).

Checks 2, 3 and 5 run at the entry of ``create`` and ``write`` unless the environment is the
superuser's (x2many lines included); a refusal rolls the whole request back. Below that
entry the ORM runs marked for the current user: the mark is an object no client can send,
and ``with_user`` leaves it behind. Example::

    class SocialCaseNote(models.Model):
        _name = "social.case.note"
        _inherit = ["social.privacy.mixin"]
        _social_care_fields = ()  # the care team reads nothing
        _social_group_fields = {"author_id": "social_case.group_social_manager"}
"""

import functools

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..const import CARE, LIAISON, MANAGER, WORKER
from .social_values import check_values, linked_ids

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
    """Declare a public button (decision 4): the caller must be allowed ``access`` ('read'
    or 'write') on the records, then what the button writes is the system's::

        @social_action("write")
        def action_done(self): ...
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
    _name = "social.privacy.mixin"
    _description = "Social Service Privacy Layer"
    _social_clean_errors = True  # decision 7

    # fields the care team may read (on top of id and display_name); others: workers only
    _social_care_fields = ()
    # fields liaison providers may read, and those they may change
    _social_liaison_fields = ()
    _social_liaison_writable = ()
    # fields that only the system sets
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

    # -- 1. minimum views --------------------------------------------------------------------
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
        """Whether the care team or the liaison providers read the model: otherwise its access
        rights say it already, and field groups would cost a ``has_group`` on every read."""
        return bool(cls._social_care_fields or cls._social_liaison_fields)

    @classmethod
    def _social_field_groups(cls, name, declared):
        """The groups of field ``name``, declared ``declared`` by its addon (a related field's
        are its target's): never wider than the declaration nor the minimum views."""
        groups = declared.split(",") if declared else []
        if groups and all(g.startswith("social_case.") for g in groups):
            return declared  # a decision of our own, on the field itself
        if set(groups) - {"base.group_user"}:
            return declared  # another addon's narrower groups (administrators, debug mode)
        # any other field; base.group_user (the chatter's) is implied by every role
        layer = [CARE if name in set(cls._social_care_fields) else WORKER]
        if name in set(cls._social_liaison_fields):
            layer.append(LIAISON)
        return ",".join(layer)

    def _check_access(self, operation):
        """The record rules' own domain run as one query, not in Python record by record
        (which fetches every path of the rules); a batch with any forbidden or missing
        record is checked again the usual way, so that its error is Odoo's."""
        if self.env.su or not self._ids or not all(self._ids):
            return super()._check_access(operation)
        # the access rights of the model (with no record, no rule is evaluated)
        if result := super(SocialPrivacyMixin, self.browse())._check_access(operation):
            return self, result[1]
        if self.env["ir.rule"]._social_forbidden(self, operation):
            return super()._check_access(operation)
        return None

    def _apply_ir_rules(self, query, mode="read"):
        # the rules' SQL, parsed once and not per request (``ir.rule._social_rules_sql``)
        if self.env.su or self.env["ir.rule"]._social_apply(self, query, mode):
            return None
        return super()._apply_ir_rules(query, mode)

    # -- the access log (SECURITY.md T12): reads write it, so they are not api.readonly ------
    def read(self, fields=None, load="_classic_read"):
        return super().read(fields, load)

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        return super().search_read(domain, fields, offset, limit, order, **kwargs)

    def web_read(self, specification):
        # a form reads its one record: it opens it
        records = self
        if len(self) == 1 and "social_opening" not in self.env.context:
            records = self.with_context(social_opening=[self._name, self.id])
        return super(SocialPrivacyMixin, records).web_read(specification)

    @api.model
    def web_search_read(self, domain, specification, *args, **kwargs):
        records = self.with_context(social_opening=False)  # a list opens none of its records
        return super(SocialPrivacyMixin, records).web_search_read(
            domain, specification, *args, **kwargs
        )

    read._readonly = search_read._readonly = False
    web_read._readonly = web_search_read._readonly = False

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        # every read of the file's content by a person; the id and the display name (a
        # reference) of a record that another one points at are not its content
        if self._social_log_reads and result and set(fnames) - set(ALWAYS_READABLE):
            opening = self.env.context.get("social_opening")
            opened = len(self) == 1 and opening == [self._name, self.id]
            self.env["social.case.access.log"]._log_reads(
                self.browse([row["id"] for row in result]), "open" if opened else "read"
            )
        return result

    def export_data(self, fields_to_export):
        self.check_access("read")
        return super().export_data(fields_to_export)

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        rows = super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        # the exported records, and the records of the file exported through them (the
        # interventions of exported cases); a reference alone is not their content
        if self._social_log_reads and any(p and p[0] not in ALWAYS_READABLE for p in fields):
            self.env["social.case.access.log"]._log_reads(self, "export")
        return rows

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if self._social_log_reads:
            self.env["social.case.access.log"]._log_reads(self, "read")
        return vals_list

    # -- 2. who sets a field -----------------------------------------------------------------
    def _social_setter_group(self, name):
        """The group that may set field ``name`` itself, MANAGER for a system field, or
        None when anyone who may write the record may."""
        if name in self._social_group_fields:
            return self._social_group_fields[name]
        field = self._fields[name]
        system = name in self._social_system_fields or name in models.MAGIC_COLUMNS
        return (
            MANAGER if system or (field.compute and field.readonly and not field.inverse) else None
        )

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
        """The default of field ``name``, ``default_*`` context keys aside."""
        field = self._fields[name]
        if not field.default:
            return False
        context = {k: v for k, v in self.env.context.items() if k[:8] != "default_"}
        value = field.default(self.with_env(self.env(context=context)))
        return value.id if isinstance(value, models.BaseModel) else value

    def _social_check_setters(self, vals, creating):
        if self.env.su:
            return
        user = self.env.user
        for name, value in vals.items():
            group = self._social_setter_group(name)
            if not group or (creating and value == self._social_default(name)):
                continue  # anyone sets it, or the value a new record gets anyway
            if self._social_is_system() if group == MANAGER else user.has_group(group):
                continue
            # a field named as the form labels it, never with its value
            label = self._fields[name]._description_string(self.env)
            raise AccessError(
                self.env._(
                    "%(field)s is set by the social service's workflow, not by hand.", field=label
                )
                if group == MANAGER
                else self.env._(
                    "%(field)s is set by the %(group)s only.",
                    field=label,
                    group=self.env.ref(group).name,
                )
            )
        if self._social_is_system():
            return
        if vals.get("company_id") and vals["company_id"] not in user.company_ids.ids:
            raise AccessError(self.env._("A record can only belong to a site you work in."))
        forbidden = set(vals) - set(self._social_liaison_writable)
        if forbidden and user.has_group(LIAISON) and not user.has_group(CARE):
            labels = sorted(self._fields[f]._description_string(self.env) for f in forbidden)
            raise AccessError(
                self.env._(
                    "A liaison provider may only update the follow-up of a request "
                    "(not: %(fields)s).",
                    fields=", ".join(labels),
                )
            )

    # -- 4. buttons: Odoo's own, declared as ours -------------------------------------------
    @social_action("write")
    def action_archive(self):
        return super().action_archive()

    @social_action("write")
    def action_unarchive(self):
        return super().action_unarchive()

    def _social_check_links(self, vals):
        """Refuse to link ``self`` (or the record being created) to a record the caller may
        not read (a case, a patient, a request); what it is already linked to is not checked
        again."""
        if self.env.su:
            return
        for name, value in vals.items():
            field = self._fields[name]
            if not value or field.type not in ("many2one", "one2many", "many2many"):
                continue
            ids = linked_ids(field, value)
            if self and ids:
                # the current links, whether or not the user may read them all
                ids -= set(self.sudo().with_context(active_test=False)[name].ids)
            targets = self.env[field.comodel_name].browse(ids).exists()
            if targets and targets._filtered_access("read") != targets:
                raise AccessError(
                    self.env._(
                        "%(field)s: choose a record you may read.",
                        field=field._description_string(self.env),
                    )
                )

    # -- 5. state machines -------------------------------------------------------------------
    def _social_check_transition(self, target):
        if not self._social_transitions or "state" not in self._fields:
            return
        for record in self:
            # the same state again is a move too: a button pressed twice is refused
            if target not in self._social_transitions.get(record.state, ()):
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

    # -- anonymisation (social.case._anonymise) ---------------------------------------------
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
        if vals := self._social_anonymise_values(placeholder):
            self.write(vals)  # as the superuser (``social.case._anonymise``)

    # -- create and write: checks 2, 3, 5 of what the caller sends -------------------------
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
            self._social_check_write(vals, trusted, defaults=defaults, creating=True)
            state = vals.get("state")
            if state and self._social_transitions and state != self._social_default("state"):
                if not self._social_is_system():
                    raise UserError(
                        self.env._(
                            "A new record starts in its first state; use its buttons to move it."
                        )
                    )

    def _social_check_write(self, vals, trusted=False, defaults=None, creating=False):
        if not trusted:
            check_values(self, vals)
        provided = dict(defaults, **vals) if defaults else vals
        self._social_check_setters(provided, creating=creating)
        if not trusted:
            self._social_check_links(provided)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._social_check_create(vals_list, trusted=self._social_marked())
        system = self._social_as_system()
        records = super(SocialPrivacyMixin, system).create(vals_list).with_env(self.env)
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

    @api.model
    def _social_count(self, domain, groupby=()):
        """{group: number of records} of ``domain`` grouped by ``groupby`` (a tuple of the
        group's values), counting the records the user may not read too: the one place an
        invariant ("one open case per patient", "one current plan per case") or a caseload
        counts what the user may not see. Only numbers come out, keyed by the caller's own."""
        groups = self.sudo()._read_group(domain, list(groupby), ["__count"])
        return {
            tuple(
                value.with_env(self.env) if isinstance(value, models.BaseModel) else value
                for value in key
            ): count
            for *key, count in groups
        }

    def _social_mark_patients(self):
        """The patients of ``self``, when the model makes patients: from now on seen only by
        who follows them (SECURITY.md T22, ``res.partner._social_patient_models``)."""
        if self._name in self.env["res.partner"]._social_patient_models():
            # every patient, whether or not the user may read their contact yet
            self.sudo().with_context(active_test=False).patient_id._social_mark_patients()
