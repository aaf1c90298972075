import csv
import os

REPORT_DIR = os.environ.get("REPORT_DIR", "reports")


def read_report(name):
    path = os.path.join(REPORT_DIR, name + ".csv")
    f = open(path, newline="")
    rows = list(csv.DictReader(f))
    return rows


def totalByRegion(rows):
    totals = {}
    for row in rows:
        totals[row["region"]] = totals.get(row["region"], 0) + float(row["amount"])
    return totals
