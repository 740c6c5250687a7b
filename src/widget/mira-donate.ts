/**
 * The public module, for bundlers (`import 'mira-donate'`): importing it defines <mira-donate>. The
 * first-intent chunk and the other languages are dynamic imports here, which the bundler splits
 * into chunks of their own. The pasted script's entry is mira-donate.script.ts.
 */
import { MiraDonate } from './mira-donate.component.js';
import { once } from './loads.js';
import { register, TAG } from './register.js';

export { MiraDonate, register, TAG };
export type {
  ChangedField,
  DonateChangeDetail,
  DonateChangeEvent,
  DonateCompleteDetail,
  DonateCompleteEvent,
  DonateSubmitDetail,
  DonateSubmitEvent,
} from './mira-donate.events.js';

MiraDonate.loads = {
  firstIntent: once(() => import('./first-intent/index.js').then((chunk) => chunk.firstIntent)),
  language: once((language) => (language === 'es' ? import('./languages/es.js') : import('./languages/pt.js')).then((strings) => strings.terms)),
};

register();
