/**
 * What the manage page's tests answer with: a monthly gift as `GET /api/manage/gift` gives it, the
 * endpoint stubbed by path (first-intent/fakes.js's stubEndpoint), and a Stripe.js that records the
 * card update's calls (a SetupIntent's Payment Element and confirmSetup).
 */
import { fixture, html } from '@open-wc/testing';
import { charge } from '../../../src/core/fees.js';
import type { ManagedGift, ManageResponse } from '../../../src/core/manage-api.js';
import '../../../src/widget/manage/index.js';
import type { MiraDonateManage } from '../../../src/widget/manage/index.js';
import { settle } from '../helpers.js';

export const ENDPOINT = 'https://donate.mira.test';
export const TOKEN = 'v1.c3ViX3Rlc3Q.sig';
export const RATES = { basisPoints: 220, fixed: 30 };

export function giftAnswer(gift: Partial<ManagedGift> = {}): ManageResponse {
  const amount = gift.gift ?? 2500;
  const coverFee = gift.coverFee ?? true;
  const { fee, total } = charge(amount, coverFee, RATES);
  return {
    gift: {
      campaign: { id: 'mira', name: { en: 'State policy work', es: 'Trabajo de políticas estatales', pt: 'Trabalho de políticas estaduais' } },
      currency: 'USD',
      gift: amount,
      coverFee,
      fee,
      total,
      frequency: 'month',
      status: 'active',
      tribute: { kind: 'memory', name: 'Rosa Lima' },
      card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2029 },
      nextPaymentAt: '2026-12-15',
      locale: 'en',
      payments: [
        { date: '2026-11-15T14:00:00.000Z', amount: total, status: 'paid' },
        { date: '2026-10-15T14:00:00.000Z', amount: total, status: 'failed' },
      ],
      ...gift,
    },
    minimum: 500,
    maximum: 10_000_000,
    feeRates: RATES,
    mode: 'test',
    publishableKey: 'pk_test_mira',
  };
}

/** The gift a change leaves, as the endpoint answers it (its own figures, from the change). */
export function changed(before: ManageResponse, body: string): ManageResponse {
  const change = JSON.parse(body) as { action: string; gift?: number; frequency?: 'month' | 'year'; coverFee?: boolean; months?: number };
  const gift = { ...before.gift };
  if (change.action === 'change') {
    const { fee, total } = charge(change.gift!, change.coverFee!, RATES);
    Object.assign(gift, { gift: change.gift, frequency: change.frequency, coverFee: change.coverFee, fee, total });
  } else if (change.action === 'pause') {
    Object.assign(gift, { status: 'paused', pausedUntil: `2027-0${change.months! + 1}-15`, nextPaymentAt: `2027-0${change.months! + 1}-15` });
  } else if (change.action === 'resume') {
    Object.assign(gift, { status: 'active', pausedUntil: undefined, nextPaymentAt: '2026-12-15' });
  } else if (change.action === 'cancel') {
    Object.assign(gift, { status: 'canceled', nextPaymentAt: undefined });
  }
  return { ...before, gift };
}

/** The page opened from a link: the fragment holds the token (and `&card` for the payment-failed mail's link). */
export async function openLink(hash: string, lang?: string): Promise<MiraDonateManage> {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  const el = await fixture<MiraDonateManage>(
    lang ? html`<mira-donate-manage endpoint=${ENDPOINT} lang=${lang}></mira-donate-manage>` : html`<mira-donate-manage endpoint=${ENDPOINT}></mira-donate-manage>`,
  );
  await settle(el as never);
  return el;
}

export interface SetupCalls {
  elements: Record<string, unknown>[];
  mounts: HTMLElement[];
  confirms: Record<string, unknown>[];
  answer: (args: Record<string, unknown>) => Record<string, unknown>;
}

let current: SetupCalls | undefined;

/**
 * A Stripe.js for the card update: elements({clientSecret}), a Payment Element that mounts, confirmSetup.
 * `loadStripe` keeps the first `window.Stripe` for the page's life, so it hands each call to the test's own record.
 */
export function installSetupStripe(): SetupCalls {
  current = { elements: [], mounts: [], confirms: [], answer: () => ({ setupIntent: { id: 'seti_123', status: 'succeeded' } }) };
  if ('Stripe' in window) return current;
  const Stripe = () => ({
    elements: (options: Record<string, unknown>) => {
      current!.elements.push(options);
      const handlers = new Map<string, () => void>();
      return {
        create: () => ({
          mount: (container: HTMLElement) => {
            current!.mounts.push(container);
            container.append(Object.assign(document.createElement('div'), { className: 'fake-payment-element', textContent: 'Card form' }));
            setTimeout(() => handlers.get('ready')?.());
          },
          unmount: () => undefined,
          on: (event: string, handler: () => void) => handlers.set(event, handler),
        }),
        update: () => undefined,
      };
    },
    confirmSetup: async (args: Record<string, unknown>) => {
      current!.confirms.push(args);
      return current!.answer(args);
    },
  });
  Object.assign(window, { Stripe: Object.assign(Stripe, { version: 'endive' }) });
  return current;
}
