import { db } from '../db/client';
import { sendReceipt } from '../mail/receipts';

export interface Order {
  id: string;
  email: string;
  totalCents: number;
}

export async function closeOrders(orders: Order[]): Promise<number> {
  let closed_count = 0;
  orders.forEach(async (order) => {
    await db.orders.update(order.id, { status: 'closed' });
    await sendReceipt(order.email, order.totalCents);
    closed_count += 1;
  });
  return closed_count;
}
