import { looksRandom as looksRandomKey } from './assignments.js';
import { isPlaceholder } from './placeholder.js';
import { secretSpan, type Finding } from './types.js';

/** A secret recognised by its shape. The `secret` group, when present, is the part hidden. */
interface TokenPattern {
  rule: string;
  pattern: RegExp;
  /** A second look at the match, for shapes that ordinary words can also take. */
  valid?: (secret: string) => boolean;
}

/** Random keys mix letters and digits; `sk-loading-spinner-large` and other kebab-case names do not. */
const looksRandom = (secret: string): boolean => /\d/.test(secret) && /[A-Za-z]/.test(secret);

/**
 * Vendor formats, in priority order (the first wins where two overlap, so `sk-ant-` is Anthropic's
 * before it is OpenAI's). Secretlint finds most of these too; they are repeated here because its
 * rules miss some variants (Google keys, `sk-proj-` keys, JWTs) and these are cheap.
 */
const TOKEN_PATTERNS: TokenPattern[] = [
  { rule: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/dg },
  { rule: 'openai-key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/dg, valid: looksRandom },
  { rule: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})/dg },
  { rule: 'slack-token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/dg, valid: looksRandom },
  { rule: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/(?<secret>[A-Za-z0-9/]{20,})/dg },
  { rule: 'stripe-key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/dg },
  { rule: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/dg },
  { rule: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/dg },
  { rule: 'gitlab-token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/dg },
  { rule: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/dg },
  { rule: 'bearer-token', pattern: /\bBearer\s+(?<secret>[A-Za-z0-9._~+/-]{20,}=*)/dg, valid: looksRandom },
  { rule: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/dg },
  // BotFather's tokens, `<bot id>:<35 characters>`: the first thing every Telegram bot tutorial pastes in.
  { rule: 'telegram-bot-token', pattern: /\b\d{8,10}:[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/dg, valid: looksRandom },
  // Discord's bot tokens, `<the bot's id in base64>.<timestamp>.<HMAC>`: `bot.run("...")`, `client.login("...")` in every first bot.
  { rule: 'discord-bot-token', pattern: /\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}(?![A-Za-z0-9_-])/dg, valid: looksRandom },
  // A key in a URL's query, `?appid=<32 hex>`, `&api_key=...`: only when the value looks random, so `?key=name` stays.
  {
    rule: 'url-key',
    pattern: /[?&](?:app_?id|api_?key|apikey|access_?key|key|token|access_?token|auth_?token|client_?secret|secret)=(?<secret>[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/dgi,
    valid: looksRandomKey,
  },
  // scheme://user:password@host: the password only, so the tutor still sees which host is used.
  {
    rule: 'url-password',
    pattern: /\b[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:/?#@'"`]*:(?<secret>[^\s@/'"`]+)@[^\s@/'"`]/dg,
    valid: (secret) => !isPlaceholder(secret),
  },
  // ADO.NET / ODBC / JDBC style, inside a string: "Server=db;User Id=app;Password=...;" or ?user=app&password=...
  {
    rule: 'connection-password',
    pattern: /(?<=[;?&]\s*|["'`])(?:password|pwd)\s*=\s*(?<secret>[^;&'"`\s]+)(?=[;&'"`\s]|$)/dgim,
    valid: (secret) => !isPlaceholder(secret),
  },
];

/** Secrets recognised by their vendor format or by sitting in a URL or connection string. */
export function findTokens(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const { rule, pattern, valid } of TOKEN_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const span = secretSpan(match);
      if (!span || (valid && !valid(span.secret))) continue;
      findings.push({ start: span.start, end: span.end, rule });
    }
  }
  return findings;
}
