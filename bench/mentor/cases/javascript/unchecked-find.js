'use strict';

const express = require('express');
const { listProducts } = require('../store/products');

const router = express.Router();

router.get('/products/:id', async (req, res) => {
  const products = await listProducts();
  const product = products.find((p) => p.id === req.params.id);
  res.json({ id: product.id, name: product.name, price: product.price });
});

function format_price(cents) {
  return `€${(cents / 100).toFixed(2)}`;
}

module.exports = { router, format_price };
