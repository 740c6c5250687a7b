/** donor erase: a person's details removed, the amounts kept. */
import { maskAddress } from '../mail/failure.js';
import { recordAudit } from '../ledger/audit.js';
import { cliActor, isEmail, UsageError, withLedger } from './shared.js';

export async function donor(args: string[]) {
  const [action, email, ...extra] = args;
  if (action !== 'erase' || !email || extra.length || !isEmail(email.trim())) throw new UsageError('donor erase <email>');
  await withLedger(async (ledger) => {
    const erased = await ledger.eraseDonor(email);
    // Who was erased is not kept (that would undo the erasure): only the keyed hash counting donors uses, and how much went.
    await recordAudit(ledger.db, { actor: cliActor(), action: 'donor.erase', subject: `donor:${ledger.donorHash(email)}`, after: erased });
    console.log(
      `Erased ${maskAddress(email.trim().toLowerCase())}: donor details on ${erased.donations} gift${erased.donations === 1 ? '' : 's'}, ${erased.tributes} tribute notification${erased.tributes === 1 ? '' : 's'}, ${erased.messages} message${erased.messages === 1 ? '' : 's'} in the outbox. Amounts and totals are unchanged. Stripe keeps its own copy: erase the customer there too.`,
    );
  });
}
