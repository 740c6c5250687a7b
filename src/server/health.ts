/**
 * What a load balancer, a container runtime or systemd asks of the process:
 * - GET /healthz: the process is up and answering (restart it if not).
 * - GET /readyz: it can take gifts: the ledger answers within a second and has every migration this
 *   code expects, and it is not shutting down. 503 otherwise, so traffic goes to another process.
 * Neither says why beyond a short code: the answers are public.
 */
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { Ledger } from './ledger/ledger.js';
import { pendingMigrations } from './ledger/migrations.js';

const LEDGER_PATIENCE_MS = 1_000;

export function healthRoutes(ledger: Ledger, draining: () => boolean = () => false) {
  return new Hono()
    .get('/healthz', (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'ok' });
    })
    .get('/readyz', async (c) => {
      c.header('Cache-Control', 'no-store');
      if (draining()) return c.json({ status: 'shutting_down' }, 503);
      const problem = await ledgerProblem(ledger);
      return problem ? c.json({ status: problem }, 503) : c.json({ status: 'ready' });
    });
}

async function ledgerProblem(ledger: Ledger): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('ledger_unreachable'), LEDGER_PATIENCE_MS)));
  const check = (async () => {
    try {
      await sql`select 1`.execute(ledger.db);
      const pending = await pendingMigrations(ledger.db, ledger.database.schema);
      return pending.length ? 'migrations_pending' : undefined;
    } catch {
      return 'ledger_unreachable';
    }
  })();
  try {
    return await Promise.race([check, late]);
  } finally {
    clearTimeout(timer);
  }
}
