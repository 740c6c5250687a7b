/** The form in Brazilian Portuguese (the first-load groups, see ../terms.ts): loaded when the form speaks Portuguese. */
import { amount, donor, fee, form, frequency, honeypot, language, progress, submit, summary, tributeToggle } from '../../../locales/pt.json';
import type { Terms } from '../terms.js';

export const terms: Terms = { language, form, progress, frequency, amount, fee, tributeToggle, donor, summary, submit, honeypot };
