'use strict';

const path = require('node:path');
const express = require('express');

const router = express.Router();
var INVOICE_DIR = path.join(__dirname, '..', '..', 'storage', 'invoices');

router.get('/invoices/:file', (req, res, next) => {
  const filePath = path.join(INVOICE_DIR, req.params.file);
  res.sendFile(filePath, (error) => {
    if (error) next(error);
  });
});

module.exports = router;
