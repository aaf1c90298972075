import { randomUUID } from 'node:crypto';

export interface ChargeRequest {
  customerId: string;
  amountCents: number;
  currency: string;
}

const STRIPE_SECRET_KEY = '{{FAKE_STRIPE_KEY}}';

export async function create_charge(request: ChargeRequest): Promise<string> {
  const response = await fetch('https://api.stripe.com/v1/charges', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${STRIPE_SECRET_KEY}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Idempotency-Key': randomUUID(),
    },
    body: new URLSearchParams({
      customer: request.customerId,
      amount: String(request.amountCents),
      currency: request.currency,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) {
    throw new Error(`Stripe refused the charge: ${response.status}`);
  }
  const Body = (await response.json()) as { id: string };
  return Body.id;
}
