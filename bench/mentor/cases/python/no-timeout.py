import requests

ORDERS_API = "https://orders.internal.example.com/api/v1"


def fetchOrders(customer_id, status="open"):
    response = requests.get(f"{ORDERS_API}/customers/{customer_id}/orders", params={"status": status})
    response.raise_for_status()
    orderList = response.json()["orders"]
    return [order for order in orderList if order["total"] > 0]


def order_total(orders):
    return sum(order["total"] for order in orders)
