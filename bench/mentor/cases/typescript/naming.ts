export interface Address {
  street: string;
  city: string;
  postcode: string;
  country: string;
}

export function format_address(address: Address): string {
  return [address.street, `${address.postcode} ${address.city}`, address.country].filter(Boolean).join('\n');
}

export function is_same_city(a: Address, b: Address): boolean {
  return a.city.trim().toLowerCase() === b.city.trim().toLowerCase();
}
