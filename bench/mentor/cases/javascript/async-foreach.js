'use strict';

const fs = require('node:fs/promises');
const path = require('node:path');

async function removeOldReports(dir, maxAgeDays) {
  const names = await fs.readdir(dir);
  const cutoff = Date.now() - maxAgeDays * 24 * 60 * 60 * 1000;
  names.forEach(async (name) => {
    const file = path.join(dir, name);
    const stats = await fs.stat(file);
    if (stats.mtimeMs < cutoff) await fs.unlink(file);
  });
}

function report_name(date) {
  return `report-${date.toISOString().slice(0, 10)}.csv`;
}

module.exports = { removeOldReports, report_name };
