"""What the tests of the annual report share: print it as a user and read the workbook
back (openpyxl), a table by its title, the key figures of its summary."""

import io
from datetime import date

import openpyxl

PERIOD = {"date_from": date(2025, 1, 1), "date_to": date(2025, 12, 31)}


def annual_workbook(env, user, site, refresh=True, **values):
    """The annual report of ``site`` over ``PERIOD`` printed by ``user``, after *Refresh
    Now* unless ``refresh`` is false: (the file, the workbook read back)."""
    wizard = (
        env["social.report.annual.wizard"]
        .with_user(user)
        .with_context(allowed_company_ids=site.ids)
        .create({"company_ids": [(6, 0, site.ids)], "lang": "en_US", **PERIOD, **values})
    )
    if refresh:
        wizard.action_refresh_file_active()
    content, kind = (
        env["ir.actions.report"]
        .with_user(user)
        .with_context(allowed_company_ids=site.ids)
        ._render_xlsx("social_reporting.annual_report", wizard.ids, {})
    )
    assert kind == "xlsx", kind
    return content, openpyxl.load_workbook(io.BytesIO(content))


def sheet_table(sheet, title):
    """The rows of the table headed ``title``: {row label: [cells...]}, header first."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == title)
    table = {"header": list(rows[start + 1])}
    for row in rows[start + 2 :]:
        if row[0] is None:
            break
        table[row[0]] = list(row[1:])
    return table


def table_total(table):
    """The grand total of a table as printed: its row total's column, or its only count."""
    header = table["header"]
    column = header.index("Total") - 1 if "Total" in header else 0
    return table["Total"][column]


def summary(book):
    """The key figures of the summary sheet: {name: value}."""
    return {
        row[0]: row[1] for row in book["Summary"].iter_rows(min_row=8, values_only=True) if row[0]
    }
