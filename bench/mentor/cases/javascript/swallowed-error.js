'use strict';

const fs = require('node:fs');
const path = require('node:path');

const CACHE_FILE = path.join(process.cwd(), '.cache', 'prices.json');

function readPriceCache() {
  try {
    const text = fs.readFileSync(CACHE_FILE, 'utf8');
    return JSON.parse(text);
  } catch (err) {}
  return {};
}

function writePriceCache(prices) {
  var dir = path.dirname(CACHE_FILE);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(CACHE_FILE, JSON.stringify(prices, null, 2));
}

module.exports = { readPriceCache, writePriceCache };
