import { describe, expect, it } from 'vitest';
import { found } from './syntax-hits.js';

const bot = (body: string[]): string =>
  ['import org.telegram.telegrambots.bots.TelegramLongPollingBot;', 'class Bot extends TelegramLongPollingBot {', '  public void onUpdateReceived(Update update) {', ...body.map((line) => `    ${line}`), '  }', '}'].join('\n');
const hits = async (code: string): Promise<string[]> => (await found('java', code)).filter((hit) => hit.includes('telegram-text'));

describe("a Telegram bot reading every message's text", () => {
  it('is a method called on getText() in a TelegramBots file that never asks hasText()', async () => {
    expect(await hits(bot(['if (update.getMessage().getText().equals("/start")) start();']))).toEqual(['4 java/telegram-text-unchecked']);
  });

  it('leaves alone a bot that asks hasText(), a text field, and code outside TelegramBots', async () => {
    expect(await hits(bot(['if (update.hasMessage() && update.getMessage().hasText()) {', '  if (update.getMessage().getText().equals("/start")) start();', '}']))).toEqual([]);
    expect(await hits(bot(['String name = nameField.getText().trim();']))).toEqual([]);
    expect(await hits(['class Form {', '  void read() { message.getText().trim(); }', '}'].join('\n'))).toEqual([]);
  });
});
