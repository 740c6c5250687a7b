/**
 * /console: where sign-in lands. For now who is signed in and what their role opens; the overview
 * of campaigns and member sites fills it.
 */
import { Hono } from 'hono';
import type { ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import { t, type ConsoleKey } from './text.js';

export function overviewRoutes() {
  return new Hono<ConsoleEnv>().get('/', (c) => {
    const staff = c.get('staff');
    return c.html(
      <Page title={t('nav.overview')} staff={staff} csrfToken={c.get('csrfToken')} current="/console">
        <p>{t('overview.signedInAs', { name: staff.name, email: staff.email, role: t(`role.${staff.role}` as ConsoleKey) })}</p>
        <p>{t(`overview.role.${staff.role}` as ConsoleKey)}</p>
      </Page>,
    );
  });
}
