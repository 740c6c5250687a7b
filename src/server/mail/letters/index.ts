/**
 * What the mail says: the receipt, the tribute card and the year-end statement, as HTML and plain
 * text in the donor's language. The types are the seam with the outbox (issue 9's contract); this
 * rendering is a plain stand-in until the letters themselves land, and says only the facts.
 */
import type { Language } from '../../../core/locale.js';
import { formatMoney } from '../../../core/money.js';

export interface Organization { legalName: string; ein: string; address: string; website?: string; replyTo?: string }
export type PaymentMethod =
  | { kind: 'card'; brand: string; last4: string }        // brand as Stripe names it: visa, mastercard, amex…
  | { kind: 'bank'; bankName?: string; last4?: string }   // us_bank_account and other debits
  | { kind: 'cheque' | 'cash' | 'other'; note?: string }; // offline gifts
export interface ReceiptLetter {
  language: Language;                 // the donor's language at the time of the gift
  receiptNumber: string;              // unique and stable, e.g. "2026-000042"
  organization: Organization;
  donor: { name: string; email: string };
  date: string;                       // ISO 8601 of the payment
  gift: number; fee: number; total: number; currency: string;  // minor units; fee = the covered part; total = charged
  frequency: 'once' | 'month' | 'year';  // offline gifts are 'once'
  offline?: boolean;
  campaign: { name: string; deductible: boolean };  // name already in the donor's language
  method: PaymentMethod;
  tribute?: { kind: 'honor' | 'memory'; name: string };
  anonymous: boolean;                 // still receipted to the donor; says the gift is listed anonymously
  manageUrl?: string;                 // recurring gifts (a later issue): a link to manage the gift
}
export interface TributeCardLetter {
  language: Language;
  organization: Organization;
  campaignName: string;
  giver?: string;                     // undefined when the gift is anonymous: the card says "someone"
  tribute: { kind: 'honor' | 'memory'; name: string; message?: string };
}
export interface YearEndLetter {
  language: Language;
  year: number;
  organization: Organization;
  donor: { name: string; email: string };
  gifts: Array<{ date: string; receiptNumber: string; gift: number; fee: number; total: number; currency: string;
                 campaign: string; deductible: boolean; method: PaymentMethod }>;
}
export interface Letter { language: Language; subject: string; html: string; text: string }

const WORDS = {
  en: { receipt: 'Receipt', card: 'A gift in your honor', yearEnd: 'Your gifts in', gift: 'Gift', fee: 'Fee covered', total: 'Total', deductible: 'No goods or services were provided in exchange for this contribution.', notDeductible: 'This gift is not tax-deductible.', someone: 'Someone', honor: 'in honor of', memory: 'in memory of' },
  es: { receipt: 'Recibo', card: 'Un regalo en tu honor', yearEnd: 'Tus donaciones en', gift: 'Donación', fee: 'Comisión cubierta', total: 'Total', deductible: 'No se proporcionaron bienes ni servicios a cambio de esta contribución.', notDeductible: 'Esta donación no es deducible de impuestos.', someone: 'Alguien', honor: 'en honor de', memory: 'en memoria de' },
  pt: { receipt: 'Recibo', card: 'Uma doação em sua homenagem', yearEnd: 'Suas doações em', gift: 'Doação', fee: 'Taxa coberta', total: 'Total', deductible: 'Nenhum bem ou serviço foi fornecido em troca desta contribuição.', notDeductible: 'Esta doação não é dedutível de impostos.', someone: 'Alguém', honor: 'em homenagem a', memory: 'em memória de' },
} as const;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const method = (m: PaymentMethod) => (m.kind === 'card' ? `${m.brand} •••• ${m.last4}` : m.kind === 'bank' ? `${m.bankName ?? 'bank'} ${m.last4 ?? ''}`.trim() : m.kind);

function letter(language: Language, subject: string, lines: string[]): Letter {
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head><body><h1>${escape(subject)}</h1>${lines.map((l) => `<p>${escape(l)}</p>`).join('')}</body></html>`;
  return { language, subject, html, text: [subject, '', ...lines].join('\n') };
}

export function receiptLetter(data: ReceiptLetter): Letter {
  const w = WORDS[data.language];
  const money = (n: number) => formatMoney(n, data.currency, data.language);
  return letter(data.language, `${w.receipt} ${data.receiptNumber}: ${data.organization.legalName}`, [
    data.donor.name,
    data.date.slice(0, 10),
    `${w.gift}: ${money(data.gift)}`,
    `${w.fee}: ${money(data.fee)}`,
    `${w.total}: ${money(data.total)}`,
    data.campaign.name,
    method(data.method),
    ...(data.tribute ? [`${w[data.tribute.kind]} ${data.tribute.name}`] : []),
    data.campaign.deductible ? w.deductible : w.notDeductible,
    `${data.organization.legalName} · EIN ${data.organization.ein} · ${data.organization.address}`,
  ]);
}

export function tributeCardLetter(data: TributeCardLetter): Letter {
  const w = WORDS[data.language];
  return letter(data.language, w.card, [
    `${data.giver ?? w.someone} · ${data.campaignName} · ${w[data.tribute.kind]} ${data.tribute.name}`,
    ...(data.tribute.message ? [data.tribute.message] : []),
    data.organization.legalName,
  ]);
}

export function yearEndLetter(data: YearEndLetter): Letter {
  const w = WORDS[data.language];
  return letter(data.language, `${w.yearEnd} ${data.year}: ${data.organization.legalName}`, [
    data.donor.name,
    ...data.gifts.map((g) => `${g.date.slice(0, 10)} ${g.receiptNumber} ${g.campaign} ${formatMoney(g.gift, g.currency, data.language)} ${method(g.method)} ${g.deductible ? w.deductible : w.notDeductible}`),
    `${data.organization.legalName} · EIN ${data.organization.ein} · ${data.organization.address}`,
  ]);
}
