'use strict';

const nodemailer = require('nodemailer');

const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT ?? 587),
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASSWORD },
});

async function sendMail({ to, subject, text }) {
  await transport.sendMail({ from: 'digest@example.com', to, subject, text });
}

module.exports = { sendMail };
