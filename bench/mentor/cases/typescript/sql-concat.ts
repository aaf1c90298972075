import Database from 'better-sqlite3';

export interface Customer {
  id: number;
  email: string;
  name: string;
}

const db = new Database('data/shop.db');

export function findCustomerByEmail(email: string): Customer | undefined {
  const query = "SELECT id, email, name FROM customers WHERE email = '" + email + "'";
  return db.prepare(query).get() as Customer | undefined;
}

export function count_customers(): number {
  const row = db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number };
  return row.n;
}
