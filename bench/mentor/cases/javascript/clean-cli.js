'use strict';

const fs = require('node:fs/promises');
const { Command } = require('commander');
const { loadOrders } = require('../lib/orders');

const program = new Command();

program
  .name('export-orders')
  .description('Write the orders of one month to a JSON file')
  .argument('<month>', 'the month, as YYYY-MM')
  .option('-o, --out <file>', 'where to write the orders', 'orders.json')
  .action(async (month, options) => {
    const orders = await loadOrders(month);
    await fs.writeFile(options.out, JSON.stringify(orders, null, 2));
    process.stdout.write(`${orders.length} orders written to ${options.out}\n`);
  });

program.parseAsync(process.argv).catch((error) => {
  process.stderr.write(`export-orders: ${error.message}\n`);
  process.exitCode = 1;
});
