export interface Order {
  id: string;
  total: number;
  status: 'new' | 'paid' | 'shipped';
}

export interface OrderStore {
  save(order: Order): Promise<void>;
  listPending(): Promise<Order[]>;
}

export async function sync_orders(store: OrderStore, remote: Order[]): Promise<number> {
  const pending = await store.listPending();
  const known = new Set(pending.map((order) => order.id));
  let count = 0;
  for (const order of remote) {
    if (known.has(order.id)) continue;
    store.save(order);
    count++;
  }
  return count;
}
