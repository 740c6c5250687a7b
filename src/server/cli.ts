/**
 * The operator's commands:
 *   serve                                   start the endpoint (prints its URL and mode)
 *   offline-gift --campaign mira --amount 250.00 [--note "Gala cheque"] [--donor-name … --donor-email … --date … --method … --language …]
 *   totals                                  each campaign's raised / goal / donors
 *   campaign set <id> --goal 50000 [--currency USD] --name-en … --name-es … --name-pt … [--deductible yes|no]
 *   campaign list
 *   campaign close|archive|reopen <id>
 *   outbox [retry <id>|--failed]             mail not yet sent, and sending it again
 *   receipts year-end <year>                 each donor of the year's statement, once
 *   donor erase <email>                      a person's name, email and messages; amounts stay
 *   snippet [--version V] [--campaign ID]    the tag a member site pastes (PUBLIC_URL, pinned, SRI)
 *   backup <file>                            a consistent copy of the running SQLite ledger
 *   staff invite <email> --role …, staff list, staff remove <email>   who may sign in to the console
 */
import { ConfigError } from './config.js';
import { StartError } from './start-error.js';
import { serveCommand } from './cli/serve.js';
import { offlineGift, totals } from './cli/gifts.js';
import { campaign } from './cli/campaigns.js';
import { outbox, receipts } from './cli/mail.js';
import { donor } from './cli/donors.js';
import { backup } from './cli/backup.js';
import { staff } from './cli/staff.js';
import { UsageError } from './cli/shared.js';
import { snippet } from './cli/snippet.js';

const USAGE = `usage:
  mira-donate serve
  mira-donate offline-gift --campaign <id> --amount <dollars> [--note <text>]
      [--donor-name <name> --donor-email <email> [--date YYYY-MM-DD] [--method cheque|cash|other] [--language en|es|pt]]
  mira-donate totals
  mira-donate campaign set <id> --goal <dollars> [--currency USD] [--name-en <text>] [--name-es <text>] [--name-pt <text>] [--deductible yes|no] [--starts YYYY-MM-DD] [--ends YYYY-MM-DD]
  mira-donate campaign list
  mira-donate campaign close|archive|reopen <id>
  mira-donate outbox                         queued, sending, failed and kept mail
  mira-donate outbox retry <id> | --failed   send a message (or every failed one) again
  mira-donate receipts year-end <year>       queue each donor of the year one statement of their gifts
  mira-donate donor erase <email>            remove a person's name, email and messages, keeping the amounts
  mira-donate snippet [--version <v>] [--campaign <id>]   the script tag to paste, pinned with its integrity (needs PUBLIC_URL)
  mira-donate backup <file>                  copy the SQLite ledger consistently while the endpoint runs
  mira-donate staff invite <email> --role viewer|treasurer|admin [--name <name>]   a one-time link to enrol a passkey
  mira-donate staff list | staff remove <email>                                   who may sign in to the console`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand();
    case 'offline-gift':
      return offlineGift(rest);
    case 'totals':
      return totals();
    case 'campaign':
      return campaign(rest);
    case 'outbox':
      return outbox(rest);
    case 'receipts':
      return receipts(rest);
    case 'donor':
      return donor(rest);
    case 'snippet':
      return snippet(rest);
    case 'backup':
      return backup(rest);
    case 'staff':
      return staff(rest);
    default:
      throw new UsageError(command ? `unknown command: ${command}` : 'a command is needed');
  }
}

main(process.argv.slice(2)).catch((error) => {
  // Said in one line: the setting to fix, not a stack trace.
  if (error instanceof ConfigError || error instanceof StartError) console.error(error.message);
  else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(error);
  process.exit(error instanceof ConfigError || error instanceof UsageError ? 2 : 1);
});
