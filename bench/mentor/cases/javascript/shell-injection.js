'use strict';

const { exec } = require('node:child_process');
const path = require('node:path');

const BACKUP_DIR = process.env.BACKUP_DIR || '/var/backups/shop';

function backup_database(databaseName, callback) {
  const target = path.join(BACKUP_DIR, `${databaseName}-${Date.now()}.sql.gz`);
  exec(`pg_dump ${databaseName} | gzip > ${target}`, (error) => {
    if (error) {
      callback(error);
      return;
    }
    callback(null, target);
  });
}

module.exports = { backup_database };
