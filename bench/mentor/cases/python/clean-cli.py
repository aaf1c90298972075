"""Command line entry point for importing price lists."""

from __future__ import annotations

import json

import click


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--currency", default="EUR", show_default=True, help="Currency of the prices.")
def import_prices(path: str, currency: str) -> None:
    """Import the price list stored as JSON at PATH."""
    with open(path, encoding="utf-8") as f:
        prices = json.load(f)
    if not isinstance(prices, dict):
        raise click.ClickException(f"{path} must hold an object of prices")
    for sku, amount in sorted(prices.items()):
        click.echo(f"{sku}: {amount} {currency}")
