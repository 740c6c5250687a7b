/**
 * Releases over HTTP: each one's files at /v/<version>/, the same bytes for a year; "latest" with a
 * short cache; a chunk asked for with ?v= is that release's; and the contract header on donations.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releasesAt } from '../../src/server/releases.js';
import { PROJECT_ROOT } from '../../src/server/server.js';
import { gift, postDonation, startHarness, type Harness } from './helpers.js';

const releases = releasesAt(PROJECT_ROOT);
const built = existsSync(join(PROJECT_ROOT, 'dist', 'mira-donate.js'));
const file = (folder: string, name: string) => readFileSync(join(folder, name));
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('each release at its versioned URL', () => {
  it('keeps 0.1.0 beside this release', () => {
    expect(releases.current).not.toBe('0.1.0');
    expect(releases.versions).toContain('0.1.0');
    expect(releases.versions[0]).toBe(releases.current);
  });

  it.each(releases.versions.filter((v) => v !== releases.current))('serves %s as it was released, cached for a year, to any site', async (version) => {
    const folder = releases.folder(version)!;
    for (const name of ['mira-donate.js', 'mira-donate-intent.js', 'mira-donate-strings-es.js', 'mira-donate-strings-pt.js']) {
      const response = await h.app.request(`/v/${version}/${name}`, { headers: { 'accept-encoding': 'identity' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect((await bytes(response)).equals(file(folder, name))).toBe(true);
    }
  });

  it.skipIf(!built)('serves this release from the build, and the same file unversioned as "latest" with a short cache', async () => {
    const pinned = await h.app.request(`/v/${releases.current}/mira-donate.js`, { headers: { 'accept-encoding': 'identity' } });
    const latest = await h.app.request('/mira-donate.js', { headers: { 'accept-encoding': 'identity' } });
    expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(latest.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    const [a, b] = [await bytes(pinned), await bytes(latest)];
    expect(a.equals(b)).toBe(true);
    expect(a.equals(file(join(PROJECT_ROOT, 'dist'), 'mira-donate.js'))).toBe(true);
  });

  it('answers a chunk asked for with ?v= (how a script cached as "latest" asks) with that release\'s chunk', async () => {
    const response = await h.app.request('/mira-donate-intent.js?v=0.1.0', { headers: { 'accept-encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await bytes(response)).equals(file(releases.folder('0.1.0')!, 'mira-donate-intent.js'))).toBe(true);
  });

  it('finds nothing for a version not served, or a name that is not a release file', async () => {
    for (const path of ['/v/9.9.9/mira-donate.js', '/mira-donate-intent.js?v=9.9.9', '/v/0.1.0/package.json', '/v/0.1.0/..%2F..%2Fpackage.json', '/v/..%2F..%2F/mira-donate.js', '/v/0.1.0/mira-donate.js.map']) {
      expect((await h.app.request(path)).status, path).toBe(404);
    }
  });
});

describe('the HTTP contract a script speaks', () => {
  it('takes a donation with no contract header (0.1.0\'s script) and with this contract', async () => {
    expect((await postDonation(h.url, gift())).status).toBe(200);
    expect((await postDonation(h.url, gift(), { headers: { 'Mira-Donate-Contract': '1' } })).status).toBe(200);
  });

  it('refuses a contract it does not answer, with a stable code, before anything is created', async () => {
    for (const contract of ['2', '0', 'one']) {
      const response = await postDonation(h.url, gift(), { headers: { 'Mira-Donate-Contract': contract } });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('contract_unsupported');
    }
    const intents = await h.stripe.paymentIntents.list({ limit: 100 });
    expect(intents.data).toHaveLength(2);
  });

  it('lets a member site send the header across origins (the preflight allows it)', async () => {
    const response = await fetch(`${h.url}/api/donations`, {
      method: 'OPTIONS',
      headers: { origin: 'https://member.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key,mira-donate-contract' },
    });
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('mira-donate-contract');
  });
});

describe('cli.js snippet', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/server/cli.ts'), 'snippet', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, PUBLIC_URL: '', ...env } });

  it('prints the tag to paste: the versioned URL at PUBLIC_URL, the served file\'s sha384, crossorigin, and the element', async () => {
    const { stdout } = await cli(['--version', '0.1.0', '--campaign', 'sca-2027'], { PUBLIC_URL: 'https://donate.example.org' });
    const [tag, element] = stdout.trim().split('\n');
    const [, src, integrity] = /^<script src="([^"]+)" integrity="(sha384-[^"]+)" crossorigin="anonymous" async><\/script>$/.exec(tag!) ?? [];
    expect(src).toBe('https://donate.example.org/v/0.1.0/mira-donate.js');
    const served = await bytes(await h.app.request(new URL(src!).pathname, { headers: { 'accept-encoding': 'identity' } }));
    expect(integrity).toBe(`sha384-${createHash('sha384').update(served).digest('base64')}`);
    expect(element).toBe('<mira-donate campaign="sca-2027"><svg aria-hidden="true" width="0" height="100vh"></svg></mira-donate>');
  });

  it('refuses without PUBLIC_URL, or for a version not served, naming the ones that are', async () => {
    await expect(cli([], {})).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('PUBLIC_URL') });
    await expect(cli(['--version', '0.0.9'], { PUBLIC_URL: 'https://donate.example.org' })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('0.1.0') });
  });
});
