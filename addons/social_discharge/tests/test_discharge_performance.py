import logging

from odoo.tests import tagged

from .common import DischargeCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestDischargePerformance(DischargeCase):
    def _fill(self, plan, count):
        self.env["social.discharge.task"].create(
            [
                {
                    "plan_id": plan.id,
                    "name": f"Task {i}",
                    "user_id": self.worker_a.id,
                    "date_deadline": self.today,
                    "is_blocking": i % 2 == 0,
                }
                for i in range(count)
            ]
        )
        partners = self.env["res.partner"].create(
            [{"name": f"Perf provider {plan.id}-{i}", "is_company": True} for i in range(count)]
        )
        self.env["social.discharge.request"].create(
            [{"plan_id": plan.id, "partner_id": p.id, "channel": "phone"} for p in partners]
        )

    def _form_spec(self):
        view = self.env.ref("social_discharge.social_discharge_plan_view_form")
        arch = self.env["social.discharge.plan"].get_views([(view.id, "form")])
        fields_spec = {}
        for name in (
            "name",
            "case_id",
            "patient_id",
            "user_id",
            "unit_id",
            "stage_id",
            "admission_date",
            "expected_discharge_date",
            "medically_ready_date",
            "actual_discharge_date",
            "delay_days",
            "delay_reason_id",
            "destination_type",
            "destination_partner_id",
            "template_id",
            "readiness",
            "task_done_count",
            "task_count",
            "blocking_open_count",
            "request_count",
            "is_late",
            "active",
            "services_summary",
            "contact_info",
        ):
            fields_spec[name] = {"fields": {"display_name": {}}} if name.endswith("_id") else {}
        fields_spec["task_ids"] = {
            "fields": {
                "sequence": {},
                "name": {},
                "user_id": {"fields": {"display_name": {}}},
                "date_deadline": {},
                "is_blocking": {},
                "state": {},
            }
        }
        fields_spec["activity_ids"] = {}
        self.assertTrue(arch)
        return fields_spec

    def _list_spec(self):
        return {
            name: ({"fields": {"display_name": {}}} if name.endswith("_id") else {})
            for name in (
                "name",
                "patient_id",
                "user_id",
                "unit_id",
                "stage_id",
                "destination_type",
                "expected_discharge_date",
                "medically_ready_date",
                "actual_discharge_date",
                "delay_days",
                "readiness",
                "blocking_open_count",
                "is_late",
                "is_discharged",
                "activity_ids",
            )
        }

    def _count(self, func):
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        func()  # warm up caches
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        func()
        self.env.cr.flush()  # the request commits: the access log's one INSERT
        return self.env.cr.sql_log_count - start

    def test_form_and_list_do_not_grow(self):
        Plan = self.env["social.discharge.plan"].with_user(self.worker_a)
        patient2 = self.env["res.partner"].create({"name": "Second patient"})
        case2 = self.env["social.case"].create(
            {"patient_id": patient2.id, "user_id": self.worker_a.id}
        )
        plan2 = self.env["social.discharge.plan"].create(
            {
                "case_id": case2.id,
                "admission_date": self.admission,
                "unit_id": self.unit.id,
                "destination_type": self.plan.destination_type,
            }
        )
        self._fill(self.plan, 5)
        self._fill(plan2, 50)
        form_spec = self._form_spec()
        list_spec = self._list_spec()
        small = self._count(lambda: Plan.browse(self.plan.id).web_read(form_spec))
        big = self._count(lambda: Plan.browse(plan2.id).web_read(form_spec))
        list_query = [("id", "in", (self.plan | plan2).ids)]
        list_small = self._count(
            lambda: Plan.web_search_read([("id", "=", self.plan.id)], list_spec)
        )
        list_big = self._count(lambda: Plan.web_search_read(list_query, list_spec))
        _logger.info(
            "QUERY COUNTS form 5=%s form 50=%s list 1x5=%s list 5+50=%s",
            small,
            big,
            list_small,
            list_big,
        )
        self.assertEqual(small, big, "form queries grow with tasks and requests")
        self.assertEqual(list_small, list_big, "list queries grow with tasks and requests")
        for plan in (self.plan, plan2):
            Plan.browse(plan.id).web_read(form_spec)  # warm the ormcaches
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=small):
                Plan.browse(plan.id).web_read(form_spec)
        for domain in ([("id", "=", self.plan.id)], list_query):
            Plan.web_search_read(domain, list_spec)
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=list_small):
                Plan.web_search_read(domain, list_spec)
