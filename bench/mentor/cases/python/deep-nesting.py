import logging

logger = logging.getLogger(__name__)


def import_products(rows, catalog):
    importedCount = 0
    for row in rows:
        if row.get("sku"):
            if row.get("active") == "yes":
                for variant in row.get("variants", []):
                    if variant.get("stock", 0) > 0:
                        if variant["sku"] not in catalog:
                            catalog[variant["sku"]] = variant
                            importedCount += 1
    logger.info("imported %d variants", importedCount)
    return importedCount
