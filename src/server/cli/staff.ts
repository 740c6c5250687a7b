/** staff invite, staff list and staff remove: who may sign in to the console. The first admin is made here, on the server. */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../console/access.js';
import { inviteStaff } from '../console/invitations.js';
import { cliActor, isEmail, UsageError, withLedger } from './shared.js';

const USAGE = 'staff invite <email> --role viewer|treasurer|admin [--name <name>], staff list, or staff remove <email>';

export async function staff(args: string[]) {
  const [action, ...rest] = args;
  if (action === 'invite') return invite(rest);
  if (action === 'list') return list();
  if (action === 'remove') return remove(rest);
  throw new UsageError(USAGE);
}

async function invite(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' }, name: { type: 'string' } }, strict: true });
  const email = positionals[0]?.trim();
  if (!email || positionals.length > 1 || !isEmail(email)) throw new UsageError(`staff invite needs one email address: ${USAGE}`);
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) throw new UsageError('--role must be viewer, treasurer or admin');
  if (values.name !== undefined && values.name.trim().length > 200) throw new UsageError('--name is 200 characters at most');
  await withLedger(async (ledger, config) => {
    const sent = await inviteStaff(ledger, config, { email, ...(values.name ? { name: values.name } : {}), role: values.role as Role, by: cliActor() });
    console.log(
      `Invited ${email.toLowerCase()} as ${values.role}. The link works once, until ${sent.expiresAt.slice(0, 16).replace('T', ' ')} UTC:\n\n  ${sent.link}\n\n` +
        `It is also queued as mail: a running endpoint sends it (see: outbox). Open it on the device that will hold the passkey.`,
    );
  });
}

async function list() {
  await withLedger(async (ledger) => {
    const members = await ledger.staff.list();
    const pending = await ledger.staff.pending();
    if (!members.length) console.log('No staff yet. Make the first admin with: staff invite <email> --role admin');
    const table = [['email', 'name', 'role', 'passkeys', 'last sign-in']];
    for (const m of members) table.push([m.email, m.name, m.role, String(m.passkeys), m.lastSignIn ? m.lastSignIn.slice(0, 16).replace('T', ' ') : 'never']);
    if (members.length) {
      const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
      for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
    }
    for (const p of pending) console.log(`invitation waiting: ${p.email} as ${p.role}, until ${p.expiresAt.slice(0, 16).replace('T', ' ')} UTC`);
  });
}

async function remove(args: string[]) {
  const [email, ...extra] = args;
  if (!email || extra.length || !isEmail(email.trim())) throw new UsageError('staff remove <email>');
  await withLedger(async (ledger) => {
    const removed = await ledger.staff.remove(email, cliActor());
    if (!removed) throw new UsageError(`nobody on the staff has the email ${email.trim().toLowerCase()} (see: staff list)`);
    console.log(`Removed ${removed.email} (${removed.role}): their passkeys, sessions and invitations no longer work.`);
  });
}
