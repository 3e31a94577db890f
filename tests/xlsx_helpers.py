"""Opening a downloaded workbook in tests, the way a spreadsheet would."""

import io

from openpyxl import load_workbook

from webapp.core.tabular_export import XLSX_MIMETYPE


def workbook_rows(response) -> tuple:
    """(sheet, rows as value lists) of an .xlsx download, after checking it is one."""
    assert response.status_code == 200 and response.mimetype == XLSX_MIMETYPE
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.data)).active
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]
