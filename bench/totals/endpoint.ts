/**
 * The endpoint under test, in a process of its own: opens the seeded ledger (a PostgreSQL schema
 * when one is named), listens on 127.0.0.1, and prints its URL. Stopped by its parent with a signal.
 */
import { loadConfig } from '../../src/server/config.js';
import { Ledger } from '../../src/server/ledger/ledger.js';
import { silentLog } from '../../src/server/log.js';
import { startEndpoint } from '../../src/server/server.js';

const [databaseUrl, schema] = process.argv.slice(2);
const config = loadConfig({
  STRIPE_SECRET_KEY: 'sk_test_bench',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_bench',
  STRIPE_WEBHOOK_SECRET: process.env.BENCH_WEBHOOK_SECRET!,
  STRIPE_API_URL: 'http://127.0.0.1:9',
  DATABASE_URL: databaseUrl!,
  HOST: '127.0.0.1',
  PORT: '0',
  // Receipts are not what this bench measures.
  ORG_LEGAL_NAME: 'Bench Coalition Inc.',
  ORG_EIN: '12-3456789',
  ORG_ADDRESS: '1 Bench Street, Boston, MA 02111',
  RECEIPTS: 'off', MANAGE_LINK_KEYS: `bench:${Buffer.alloc(32, 9).toString('base64')}`,
});
const ledger = await Ledger.open(databaseUrl!, schema ? { schema } : {});
const endpoint = await startEndpoint(config, { log: silentLog, ledger });
process.stdout.write(`${endpoint.url}\n`);
