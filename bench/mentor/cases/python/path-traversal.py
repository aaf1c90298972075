import os

from flask import Blueprint, request, send_file

exports = Blueprint("exports", __name__)

EXPORT_DIR = "/var/lib/shop/exports"


@exports.route("/exports/download")
def downloadExport():
    name = request.args.get("name", "")
    return send_file(os.path.join(EXPORT_DIR, name), as_attachment=True)
