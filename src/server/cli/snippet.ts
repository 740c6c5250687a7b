/**
 * snippet [--version V] [--campaign ID]: the tag a member site pastes, pinned to one release at its
 * versioned URL with the file's sha384 (SRI), so the browser runs that script and nothing else; the
 * script checks the chunks it loads the same way (README: Versions and pinning).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CAMPAIGN_ID } from '../ledger/campaigns.js';
import { releasesAt } from '../releases.js';
import { PROJECT_ROOT } from '../server.js';
import { UsageError } from './shared.js';

export interface SnippetOptions {
  /** The endpoint's public origin (PUBLIC_URL). */
  publicUrl: string;
  version?: string;
  campaign?: string;
  root?: string;
}

/** `sha384-…` of a file, as `integrity` takes it. */
export async function integrityOf(path: string): Promise<string> {
  return `sha384-${createHash('sha384').update(await readFile(path)).digest('base64')}`;
}

export async function snippetFor({ publicUrl, version, campaign = 'mira', root = PROJECT_ROOT }: SnippetOptions): Promise<string> {
  const releases = releasesAt(root);
  const chosen = version ?? releases.current;
  const folder = releases.folder(chosen);
  if (!folder) throw new UsageError(`version ${chosen} is not served here; these are: ${releases.versions.join(', ')}`);
  if (!CAMPAIGN_ID.test(campaign)) throw new UsageError('--campaign must be a campaign id: lower-case letters, digits and dashes');
  const integrity = await integrityOf(join(folder, 'mira-donate.js')).catch(() => {
    throw new UsageError(`${join(folder, 'mira-donate.js')} is missing: run npm run build first`);
  });
  const src = new URL(`/v/${chosen}/mira-donate.js`, publicUrl).href;
  return [
    `<script src="${src}" integrity="${integrity}" crossorigin="anonymous" async></script>`,
    // The <svg> holds the form's place while the script loads (README: Paste it into a page).
    `<mira-donate campaign="${campaign}"><svg aria-hidden="true" width="0" height="100vh"></svg></mira-donate>`,
  ].join('\n');
}

export async function snippet(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { version: { type: 'string' }, campaign: { type: 'string' } } });
  const publicUrl = process.env.PUBLIC_URL?.trim();
  const origin = publicUrl && URL.canParse(publicUrl) ? new URL(publicUrl) : undefined;
  if (!origin || !/^https?:$/.test(origin.protocol) || origin.pathname !== '/') {
    throw new UsageError('snippet needs PUBLIC_URL, the endpoint\'s public origin (https://donate.example.org): the tag names it');
  }
  console.log(await snippetFor({ publicUrl: origin.origin, version: values.version, campaign: values.campaign }));
  const releases = releasesAt(PROJECT_ROOT);
  const version = values.version ?? releases.current;
  if (releases.folder(version) === join(PROJECT_ROOT, 'dist')) {
    // Said beside the tag, not in it: the build's files change with the next build until they are kept.
    console.error(`note: ${version} is served from dist/, not yet kept in releases/${version}/; its hash changes with the next build of the widget until it is (README: Cutting a release)`);
  }
}
