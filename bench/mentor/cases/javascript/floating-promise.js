'use strict';

const { sendMail } = require('./mailer');

async function sendWeeklyDigest(users, buildDigest) {
  var sent = 0;
  for (const user of users) {
    if (!user.subscribed) continue;
    const digest = await buildDigest(user);
    sendMail({ to: user.email, subject: 'Your weekly digest', text: digest });
    sent += 1;
  }
  return sent;
}

module.exports = { sendWeeklyDigest };
