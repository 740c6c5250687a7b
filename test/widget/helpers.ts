/**
 * Shared by the element's tests: the endpoint's answers (its requests are stubbed with
 * first-intent/fakes.js's stubEndpoint), and clicks and keys as a person makes them.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { MiraDonate } from '../../src/widget/mira-donate.js';

export const CONFIG = {
  publishableKey: 'pk_test_x',
  mode: 'test',
  currencies: ['USD'],
  feeRates: { basisPoints: 220, fixed: 30 },
  minimum: 500,
  maximum: 10_000_000,
};

export const CAMPAIGN = {
  id: 'mira',
  name: { en: 'State policy work' },
  currency: 'USD',
  goal: 10_000_000,
  raised: 108_695,
  donors: 23,
  updatedAt: '2026-11-21T00:00:00.000Z',
};

/** A response the test releases when it wants, to see the element before and after the data arrives. */
export function deferred(): { answer: Promise<Response>; release: (response: Response) => void } {
  let release!: (response: Response) => void;
  const answer = new Promise<Response>((resolve) => (release = resolve));
  return { answer, release };
}

export const part = (el: MiraDonate, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
export const parts = (el: MiraDonate, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
export const byId = <T extends HTMLElement = HTMLElement>(el: MiraDonate, id: string) => el.shadowRoot!.querySelector<T>(`#${id}`)!;
export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
export const option = (el: MiraDonate, partName: string, label: string) => parts(el, partName).find((node) => text(node) === label)!;
export const checked = (el: MiraDonate, partName: string) => text(parts(el, partName).find((node) => node.getAttribute('aria-checked') === 'true'));

/** The element's focused node, inside its shadow root. */
export const focused = (el: MiraDonate) => el.shadowRoot!.activeElement as HTMLElement | null;

/** A real mouse click at the middle of the node. */
export async function click(node: Element): Promise<void> {
  node.scrollIntoView({ block: 'center' });
  const box = node.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
  await sendMouse({ type: 'move', position: [0, 0] });
}

export const press = (key: string) => sendKeys({ press: key });
export const type = (text: string) => sendKeys({ type: text });

/** Focus a text field and type into it as a person would. */
export async function typeInto(node: HTMLElement, value: string): Promise<void> {
  node.focus();
  await type(value);
}

export async function settle(el: MiraDonate): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
}

/** Types the donor's name and email, as a person does. */
export async function fillDonor(el: MiraDonate, name = 'Ana Souza', email = 'ana@example.org'): Promise<void> {
  await typeInto(byId(el, 'donor-name'), name);
  await typeInto(byId(el, 'donor-email'), email);
  await settle(el);
}

/**
 * After ticking "give in honor or in memory": the details come with the first-intent chunk, which the
 * tick itself may have sent for, so they can appear a moment later. Waits for them, as a person does.
 */
export async function tributeDetails(el: MiraDonate): Promise<void> {
  await waitUntil(() => !!el.shadowRoot!.querySelector('#tribute-name'), 'the tribute details', { timeout: 3000 });
  await settle(el);
  expect(part(el, 'tribute').hasAttribute('aria-busy'), 'still busy once the details show').to.equal(false);
}
