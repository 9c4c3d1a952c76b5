from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common import SocialNetworkCommon

SAMPLE = "social_network_partners/data/sample/partner_directory_sample.csv"


@tagged("post_install", "-at_install")
class TestImport(SocialNetworkCommon):
    def test_import_sample_directory(self):
        """The sample file imports with Odoo's standard import, types, needs, territories and
        languages resolved by their names."""
        with file_open(SAMPLE, "rb") as sample:
            content = sample.read()
        importer = self.env["base_import.import"].create(
            {
                "res_model": "res.partner",
                "file": content,
                "file_name": "partner_directory_sample.csv",
                "file_type": "text/csv",
            }
        )
        options = {
            "has_headers": True,
            "quoting": '"',
            "separator": ",",
            "encoding": "utf-8",
            "date_format": "%Y-%m-%d",
            "import_skip_records": [],
            "import_set_empty_fields": [],
            "fallback_values": {},
            "name_create_enabled_fields": {},
        }
        preview = importer.parse_preview(options)
        self.assertFalse(preview.get("error"), preview.get("error"))
        headers = preview["headers"]
        matches = preview["matches"]
        fields = [
            matches.get(index, [False])[0] if matches.get(index) else False
            for index in range(len(headers))
        ]
        self.assertNotIn(False, fields, f"unmatched columns: {headers} -> {fields}")
        result = importer.execute_import(fields, headers, options)
        self.assertFalse(
            [m for m in result["messages"] if m["type"] == "error"], result["messages"]
        )
        partners = self.env["res.partner"].browse(result["ids"])
        self.assertEqual(len(partners), 6)
        self.assertTrue(all(partners.mapped("social_is_partner")))
        glycines = partners.filtered(lambda p: p.name == "Résidence Les Glycines")
        self.assertEqual(
            glycines.social_partner_type_ids,
            self.env.ref("social_network_partners.partner_type_nursing_home"),
        )
        self.assertEqual(glycines.social_need_type_ids, self.need_nursing_home)
        self.assertEqual(set(glycines.social_territory_ids.mapped("zip")), {"1030", "1140", "1210"})
        self.assertIn(self.lang_pt, glycines.social_language_ids)
        self.assertEqual(glycines.social_capacity, 2)
        self.assertEqual(str(glycines.social_availability_date), "2025-01-15")
        # imported partners are found by the partner search at once
        found = (
            self.env["res.partner"]
            .with_user(self.worker_a)
            ._social_rank_partners(self.need_nursing_home, "1030", self.lang_pt)
        )
        self.assertIn(glycines, [partner for partner, _criteria in found])
