'use strict';

const tls = require('node:tls');

// The staging server has a self-signed certificate.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

function checkCertificate(host, port, callback) {
  var socket = tls.connect({ host, port, servername: host }, () => {
    const cert = socket.getPeerCertificate();
    socket.end();
    callback(null, { subject: cert.subject, valid_to: cert.valid_to });
  });
  socket.setTimeout(5000, () => socket.destroy(new Error('timed out')));
  socket.on('error', callback);
}

module.exports = { checkCertificate };
