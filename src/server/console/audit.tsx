/**
 * /console/audit, admins only: every change made in the console or the CLI, newest first, fifty to
 * a page. Read only: no route changes the log, and the database refuses to (a trigger on UPDATE
 * and DELETE, see the 2026-12-20-021-staff migration).
 */
import { Hono } from 'hono';
import type { Services } from '../env.js';
import type { ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import { requireRole } from './session.js';
import { t } from './text.js';

const PAGE_SIZE = 50;
const when = (iso: string) => new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(new Date(iso));

/** A before or after as readable lines: JSON, indented. */
function Change({ value }: { value: string | null }) {
  if (value === null) return <span class="muted">{t('audit.nothing')}</span>;
  let shown = value;
  try {
    shown = JSON.stringify(JSON.parse(value), null, 1);
  } catch {
    // Kept as written.
  }
  return <pre>{shown}</pre>;
}

export function auditRoutes({ ledger }: Pick<Services, 'ledger'>) {
  return new Hono<ConsoleEnv>().use('*', requireRole('admin')).get('/', async (c) => {
    const before = Number(c.req.query('before'));
    let query = ledger.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(PAGE_SIZE + 1);
    if (Number.isSafeInteger(before) && before > 0) query = query.where('id', '<', before);
    const rows = await query.execute();
    const shown = rows.slice(0, PAGE_SIZE);
    const ids = new Set<string>();
    for (const row of shown) {
      ids.add(row.actor);
      if (row.subject.startsWith('staff:')) ids.add(row.subject.slice('staff:'.length));
    }
    const names = await ledger.staff.names([...ids].filter((id) => !id.startsWith('cli:')));
    const who = (id: string) => names.get(id) ?? id;
    const subject = (s: string) => (s.startsWith('staff:') ? `staff: ${who(s.slice(6))}` : s);
    const older = rows.length > PAGE_SIZE ? Number(shown[shown.length - 1]!.id) : undefined;
    return c.html(
      <Page title={t('audit.title')} staff={c.get('staff')} csrfToken={c.get('csrfToken')} current="/console/audit">
        <p>{t('audit.intro')}</p>
        {shown.length === 0 ? (
          <p>{t('audit.empty')}</p>
        ) : (
          <div class="table-scroll" role="region" aria-label={t('audit.title')} tabindex={0}>
            <table class="audit">
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.when')}</th>
                  <th scope="col">{t('audit.col.who')}</th>
                  <th scope="col">{t('audit.col.what')}</th>
                  <th scope="col">{t('audit.col.subject')}</th>
                  <th scope="col">{t('audit.col.before')}</th>
                  <th scope="col">{t('audit.col.after')}</th>
                  <th scope="col">{t('audit.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr>
                    <td>
                      <time datetime={row.at}>{when(row.at)}</time>
                    </td>
                    <td>{who(row.actor)}</td>
                    <th scope="row">{row.action}</th>
                    <td>{subject(row.subject)}</td>
                    <td>
                      <Change value={row.before} />
                    </td>
                    <td>
                      <Change value={row.after} />
                    </td>
                    <td>{row.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {older !== undefined && (
          <p>
            <a href={`/console/audit?before=${older}`}>{t('audit.older')}</a>
          </p>
        )}
      </Page>,
    );
  });
}
