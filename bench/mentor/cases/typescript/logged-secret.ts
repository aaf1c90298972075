import { createLogger } from '../logging';

const logger = createLogger('payments');

export interface GatewayConfig {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

export function create_gateway(config: GatewayConfig) {
  logger.info(`payments gateway at ${config.baseUrl} with key ${config.apiKey}`);
  return {
    async charge(amountCents: number): Promise<Response> {
      return fetch(`${config.baseUrl}/charges`, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.apiKey}` },
        body: JSON.stringify({ amountCents }),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    },
  };
}
