"""Every user-visible string of every addon is translated into French and Dutch."""

import io

import polib
import pytest
from harness import ADDONS, ROOT

import odoo
from odoo.tools.translate import trans_export

LANGUAGES = ["fr", "nl"]


def exported_terms(addon):
    registry = odoo.modules.registry.Registry(odoo.tools.config["db_name"])
    buffer = io.BytesIO()
    with registry.cursor() as cr:
        trans_export(None, [addon], buffer, "po", cr)
        cr.rollback()
    return {entry.msgid for entry in polib.pofile(buffer.getvalue().decode()) if entry.msgid}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("addon", ADDONS)
def test_every_term_is_translated(addon, lang):
    terms = exported_terms(addon)
    path = ROOT / "addons" / addon / "i18n" / f"{lang}.po"
    assert path.is_file(), f"{path} is missing"
    translated = {
        entry.msgid
        for entry in polib.pofile(str(path))
        if entry.msgstr.strip() and not entry.obsolete
    }
    missing = sorted(terms - translated)
    assert not missing, f"{len(missing)} terms of {addon} untranslated in {lang}: {missing[:15]}"
