'use strict';

const Database = require('better-sqlite3');

const db = new Database(process.env.DB_PATH || 'shop.db');

function findUserByName(name) {
  return db.prepare(`SELECT id, name, email FROM users WHERE name = '${name}'`).get();
}

function delete_user(id) {
  return db.prepare('DELETE FROM users WHERE id = ?').run(id).changes > 0;
}

module.exports = { findUserByName, delete_user };
