from dataclasses import dataclass


@dataclass
class Item:
    sku: str
    quantity: int
    price_cents: int


def add_item(item, cart=[]):
    for existing in cart:
        if existing.sku == item.sku:
            existing.quantity += item.quantity
            return cart
    cart.append(item)
    return cart


def cartTotal(cart):
    return sum(i.quantity * i.price_cents for i in cart)
