/**
 * Estimated cost of a call, from list prices in USD per million tokens by model family (Anthropic's
 * published prices; Bedrock, Vertex and Foundry charge about the same). The first matching family
 * wins; a model no family matches has no estimate rather than a wrong one.
 */
const PRICES: ReadonlyArray<{ family: RegExp; input: number; output: number }> = [
  { family: /claude-3-haiku/, input: 0.25, output: 1.25 },
  { family: /claude-3-5-haiku/, input: 0.8, output: 4 },
  { family: /haiku/, input: 1, output: 5 },
  { family: /sonnet/, input: 3, output: 15 },
  { family: /claude-3-opus|opus-4-(0|1|2025)/, input: 15, output: 75 },
  { family: /opus/, input: 5, output: 25 },
];

/** USD for this many tokens on `model`, or undefined when its price is unknown. */
export function estimateCostUsd(model: string, inputTokens: number, outputTokens: number): number | undefined {
  const price = PRICES.find((entry) => entry.family.test(model));
  if (!price) return undefined;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}
