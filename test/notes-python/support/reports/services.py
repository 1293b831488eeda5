REPORTS = [{"year": 2024, "orders": 120, "revenue": "5400.00"}, {"year": 2025, "orders": 80, "revenue": "3900.50"}]


def list_reports(year=None):
    return [report for report in REPORTS if year is None or str(report["year"]) == str(year)]


def build_report(year):
    return {"year": int(year), "orders": 0, "revenue": "0.00"}
