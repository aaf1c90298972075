import sqlite3

DB_PATH = "data/shop.sqlite3"


def find_customer(email):
    conn = sqlite3.connect(DB_PATH)
    try:
        cursor = conn.cursor()
        cursor.execute("SELECT id, name, email FROM customers WHERE email = '" + email + "'")
        return cursor.fetchone()
    finally:
        conn.close()


def customerCount():
    conn = sqlite3.connect(DB_PATH)
    try:
        return conn.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
    finally:
        conn.close()
