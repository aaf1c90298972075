'use strict';

const crypto = require('node:crypto');
const users = require('./users');

async function register(email, password) {
  const salt = crypto.randomBytes(16).toString('hex');
  const hash = crypto.createHash('sha256').update(salt + password).digest('hex');
  await users.insert({ email, salt, hash });
}

async function check_login(email, password) {
  const user = await users.findByEmail(email);
  if (!user) return false;
  const hash = crypto.createHash('sha256').update(user.salt + password).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(hash), Buffer.from(user.hash));
}

module.exports = { register, check_login };
