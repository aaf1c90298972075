export interface Invoice {
  id: string;
  customerId: string;
  lines: Array<{ sku: string; amountCents: number }>;
  paid: boolean;
}

export interface Payment {
  invoiceId: string;
  amountCents: number;
}

export function reconcile(invoices: Invoice[], payments: Payment[]): string[] {
  var unmatched: string[] = [];
  for (const invoice of invoices) {
    if (!invoice.paid) {
      for (const payment of payments) {
        if (payment.invoiceId === invoice.id) {
          for (const line of invoice.lines) {
            if (line.amountCents > payment.amountCents) {
              unmatched.push(`${invoice.id}:${line.sku}`);
            }
          }
        }
      }
    }
  }
  return unmatched;
}
