import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * A Telegram bot (TelegramBots, Java) that reads every message as text:
 *
 *   if (update.getMessage().getText().equals("/start")) { ... }
 *
 * A message without text (a photo, a sticker, a location, a voice note, a member joining) has
 * `getText()` null, so this line throws NullPointerException on each of them: the update is lost,
 * and a bot whose main feature is a shared location never answers one. Found where a file that
 * uses the TelegramBots library calls a method on `getText()` directly, and never asks `hasText()`.
 */

const telegramTextUnchecked: SyntaxRule = {
  id: 'java/telegram-text-unchecked',
  languages: ['java'],
  concern: 'correctness',
  // Every message without text: the first photo or location anyone sends.
  failure: 'hidden',
  title: 'message text read without hasText()',
  question: 'What does getText() return when someone sends this bot a photo or a location, and what does this line do then?',
  docsUrl: 'https://github.com/rubenlagus/TelegramBots/wiki/Getting-Started',
  fix: 'Ask first: `if (update.hasMessage() && update.getMessage().hasText()) { ... }`, and handle the other kinds of message (a location, a photo) in their own branch; or compare from the literal side, `"/start".equals(text)`',
  types: ['method_invocation'],
  mentions: /org\.telegram\.telegrambots/,
  find(index, file) {
    if (/\bhasText\s*\(/.test(file.text)) return [];
    const hits: SyntaxHit[] = [];
    for (const call of index.of('method_invocation')) {
      const object = call.childForFieldName('object');
      if (object?.type !== 'method_invocation' || object.childForFieldName('name')?.text !== 'getText' || (object.childForFieldName('arguments')?.namedChildCount ?? 0) > 0) continue;
      // A message's text (`update.getMessage().getText()`, `message.getText()`), not a text field's.
      if (!/getMessage\(\)$|^(?:message|msg)$/i.test(object.childForFieldName('object')?.text ?? '')) continue;
      hits.push({ node: call, message: `\`${call.text.replace(/\s+/g, ' ').slice(0, 60)}\` calls a method on the message's text, which is null for a photo, a sticker or a location: a NullPointerException on each.` });
    }
    return hits;
  },
};

export const TELEGRAM_TEXT_UNCHECKED_RULES: readonly SyntaxRule[] = [telegramTextUnchecked];
