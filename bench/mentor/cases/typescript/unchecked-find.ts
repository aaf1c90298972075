export interface CartItem {
  sku: string;
  quantity: number;
  priceCents: number;
}

export interface Cart {
  id: string;
  items: CartItem[];
}

export function applyDiscount(cart: Cart, discount_sku: string, percent: number): Cart {
  const item = cart.items.find((candidate) => candidate.sku === discount_sku) as CartItem;
  const discounted = Math.round(item.priceCents * (1 - percent / 100));
  return {
    ...cart,
    items: cart.items.map((candidate) => (candidate.sku === discount_sku ? { ...candidate, priceCents: discounted } : candidate)),
  };
}
