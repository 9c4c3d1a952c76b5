import re
from datetime import timedelta

from lxml import etree

from odoo.tests import tagged

from .common import DischargeCase

TECHNICAL_NAME = re.compile(r"^[a-z_.]+,\d+$")


@tagged("post_install", "-at_install")
class TestDischargePlanAsCareTeam(DischargeCase):
    """A nurse opens a discharge plan: every name reads as a name, no link ends in an error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["social.case.episode"].create(
            {"case_id": cls.case.id, "unit_id": cls.unit.id, "date_start": cls.admission}
        )
        cls.plan.write(
            {
                "episode_id": cls.case.episode_ids[:1].id,
                "medically_ready_date": cls.today - timedelta(days=1),
                "delay_reason_id": cls.env.ref("social_discharge.delay_reason_no_place").id,
                "destination_partner_id": cls.providers[0].id,
            }
        )

    def _many2one_fields(self, view_type):
        Plan = self.env["social.discharge.plan"].with_user(self.nurse)
        views = Plan.get_views([(False, view_type)])
        arch = etree.fromstring(views["views"][view_type]["arch"])
        fields_info = views["models"]["social.discharge.plan"]["fields"]
        for node in arch.iter("field"):
            name = node.get("name")
            if fields_info.get(name, {}).get("type") == "many2one":
                yield name, node

    def test_nurse_opens_only_what_she_may_read(self):
        plan = self.plan.with_user(self.nurse)
        self.assertTrue(list(self._many2one_fields("form")))
        for name, node in self._many2one_fields("form"):
            if "no_open" in (node.get("options") or "") or node.get("widget") == "statusbar":
                continue
            record = plan[name]
            with self.subTest(field=name):
                self.assertTrue(
                    not record or record.has_access("read"),
                    f"{name} is a link to a {record._name} the nurse cannot open",
                )

    def test_nurse_reads_no_technical_name(self):
        plan = self.plan.with_user(self.nurse)
        names = [name for name, _node in self._many2one_fields("form")]
        # the hospital stay is the social workers' (privacy layer): the nurse reads the unit
        self.assertNotIn("episode_id", names)
        self.assertIn("unit_id", names)
        values = plan.web_read({name: {"fields": {"display_name": {}}} for name in names})[0]
        for name in names:
            with self.subTest(field=name):
                value = values[name]
                if value:
                    self.assertFalse(TECHNICAL_NAME.match(value["display_name"]))
        self.assertIn(self.unit.name, values["unit_id"]["display_name"])
        self.assertNotRegex(plan.display_name, r"\d{4}-\d{2}-\d{2}")
