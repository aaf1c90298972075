'use strict';

const users = require('./users');
const mailer = require('./mailer');

const RESET_LINK_TTL_MS = 60 * 60 * 1000;

function makeResetToken() {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}

async function send_reset_link(email) {
  const user = await users.findByEmail(email);
  if (!user) return;
  const token = makeResetToken();
  await users.saveResetToken(user.id, token, Date.now() + RESET_LINK_TTL_MS);
  await mailer.send(email, `Reset your password: https://app.example.com/reset/${token}`);
}

module.exports = { send_reset_link };
