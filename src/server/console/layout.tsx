/**
 * Every console page's frame: the skip link, the navigation (what the signed-in role may open), the
 * page's heading and its content. Server-rendered with Hono's JSX: no client framework to keep.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { can, type Role, type StaffMember } from './access.js';
import { t, type ConsoleKey } from './text.js';

export const NAV: Array<{ href: string; key: ConsoleKey; role: Role }> = [
  { href: '/console', key: 'nav.overview', role: 'viewer' },
  { href: '/console/gifts', key: 'nav.gifts', role: 'viewer' },
  { href: '/console/recurring', key: 'nav.recurring', role: 'viewer' },
  { href: '/console/offline', key: 'nav.offline', role: 'viewer' },
  { href: '/console/campaigns', key: 'nav.campaigns', role: 'viewer' },
  { href: '/console/sites', key: 'nav.sites', role: 'viewer' },
  { href: '/console/exports', key: 'nav.exports', role: 'treasurer' },
  { href: '/console/staff', key: 'nav.staff', role: 'admin' },
  { href: '/console/audit', key: 'nav.audit', role: 'admin' },
];

export interface PageProps {
  title: string;
  /** Absent on the sign-in and enrolment pages. */
  staff?: StaffMember;
  csrfToken?: string;
  /** The nav entry to mark as the current page. */
  current?: string;
  children?: Child;
}

export function Page({ title, staff, csrfToken, current, children }: PageProps) {
  // The doctype keeps browsers out of quirks mode; JSX has no way to write it but as raw text.
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('console.name')}`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('skip')}
        </a>
        {staff && (
          <header>
            <nav aria-label={t('nav.label')}>
              <ul>
                {NAV.filter((item) => can(staff, item.role)).map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.href === current ? 'page' : undefined}>
                      {t(item.key)}
                    </a>
                  </li>
                ))}
              </ul>
              <form method="post" action="/console/sign-out">
                <input type="hidden" name="csrf" value={csrfToken ?? ''} />
                <button type="submit">{t('nav.signOut')}</button>
              </form>
            </nav>
          </header>
        )}
        <main id="main">
          <h1>{title}</h1>
          {children}
        </main>
      </body>
      </html>
    </>
  );
}
