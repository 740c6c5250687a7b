import { describe, expect, it } from 'vitest';
import { Page } from '../../../src/server/console/layout.js';
import type { Role } from '../../../src/server/console/access.js';

const as = (role: Role) => String(<Page title="Gifts" staff={{ id: '1', email: 'ana@example.org', name: 'Ana', role }} current="/console/gifts"><p>list</p></Page>);

describe('console layout', () => {
  it('marks the current page and offers each role only what it may open', () => {
    const viewer = as('viewer');
    expect(viewer).toMatch(/<a href="\/console\/gifts" aria-current="page">Gifts<\/a>/);
    expect(viewer).not.toContain('href="/console/staff"');
    expect(viewer).not.toContain('href="/console/exports"');
    expect(as('treasurer')).toContain('href="/console/exports"');
    expect(as('admin')).toContain('href="/console/audit"');
  });

  it('has no navigation before sign-in', () => {
    const page = String(<Page title="Sign in"><p>passkey</p></Page>);
    expect(page).not.toContain('<nav');
    expect(page).toContain('<h1>Sign in</h1>');
  });
});
