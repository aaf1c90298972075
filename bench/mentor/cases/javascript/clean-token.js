'use strict';

const crypto = require('node:crypto');
const logger = require('./logger');

const RESET_TOKEN_BYTES = 32;

function createResetToken(userId) {
  const token = crypto.randomBytes(RESET_TOKEN_BYTES).toString('hex');
  logger.info('password reset requested', { userId });
  return token;
}

module.exports = { createResetToken };
