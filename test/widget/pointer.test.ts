/**
 * Nothing moves under the donor's pointer between pressing and releasing it: a field left wrong
 * says so without pushing the control the donor is clicking out from under the pointer, on a phone
 * (320 px, where messages wrap) and on a desktop. Real mouse presses at the coordinates the control
 * had before the field was left, as a donor's hand makes them in one motion.
 */
import { afterEach, before, describe, it } from './mocha.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/widget/mira-donate.js';
import type { MiraDonate } from '../../src/widget/mira-donate.js';
import { byId, checked, click, part, parts, press, settle, text, tributeDetails, type } from './helpers.js';

const form = () => fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint="" lang="en"></mira-donate>`);
const tributeBox = (el: MiraDonate) => el.shadowRoot!.querySelector<HTMLInputElement>('[part~="tribute"] input[type=checkbox]')!;
const anonymousBox = (el: MiraDonate) => el.shadowRoot!.querySelector<HTMLInputElement>('[part~="donor"] input[type=checkbox]')!;

interface Case {
  /** The field left wrong, and how the donor makes it wrong while in it. */
  field: string;
  wrong: (input: HTMLInputElement | HTMLTextAreaElement) => Promise<void>;
  /** The control the donor clicks next, and what the click does when it lands. */
  next: string;
  control: (el: MiraDonate) => HTMLElement;
  landed: (el: MiraDonate, seen: { clicks: EventTarget[]; submits: number }) => void;
}

const typed = (value: string) => async () => type(value);
/** Typed and taken back: the field was edited and is empty. */
const erased = async () => {
  await type('a');
  await press('Backspace');
};
/** Longer than the 500 characters a message may have (set as one input, as a paste is). */
const tooLong = async (input: HTMLInputElement | HTMLTextAreaElement) => {
  input.value = 'x'.repeat(501);
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
};
const gotTheClick = (control: (el: MiraDonate) => HTMLElement) => (el: MiraDonate, seen: { clicks: EventTarget[] }) =>
  expect(seen.clicks.includes(control(el)), 'the click reached the control').to.equal(true);

const CASES: Case[] = [
  { field: 'custom-amount', wrong: typed('2'), next: 'the fee cover', control: (el) => parts(el, 'fee-option')[0], landed: (el) => expect(checked(el, 'fee-option')).to.contain('Add') },
  { field: 'custom-amount', wrong: typed('2'), next: 'the tribute checkbox', control: tributeBox, landed: (el) => expect(tributeBox(el).checked).to.equal(true) },
  { field: 'tribute-name', wrong: erased, next: 'the tribute email', control: (el) => byId(el, 'tribute-email'), landed: gotTheClick((el) => byId(el, 'tribute-email')) },
  { field: 'tribute-email', wrong: typed('nope'), next: 'the tribute message', control: (el) => byId(el, 'tribute-message'), landed: gotTheClick((el) => byId(el, 'tribute-message')) },
  { field: 'tribute-message', wrong: tooLong, next: 'the donor name', control: (el) => byId(el, 'donor-name'), landed: gotTheClick((el) => byId(el, 'donor-name')) },
  { field: 'donor-name', wrong: erased, next: 'the donor email', control: (el) => byId(el, 'donor-email'), landed: gotTheClick((el) => byId(el, 'donor-email')) },
  { field: 'donor-email', wrong: typed('ana@'), next: 'the anonymous checkbox', control: anonymousBox, landed: (el) => expect(anonymousBox(el).checked).to.equal(true) },
  { field: 'donor-email', wrong: typed('ana@'), next: 'Donate', control: (el) => part(el, 'submit-button'), landed: (_el, seen) => expect(seen.submits, 'Donate was pressed').to.equal(1) },
];

describe('<mira-donate> under the pointer', () => {
  before(async () => {
    // Validation comes with the first-intent chunk: loaded once here, so every case below has it at once.
    const el = await form();
    byId(el, 'donor-name').focus();
    await waitUntil(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/first-intent/index.')), 'the first-intent chunk', { timeout: 5000 });
  });
  afterEach(() => setViewport({ width: 800, height: 600 }));

  for (const [screen, viewport] of [['a 320 px phone', { width: 320, height: 640 }], ['a desktop', { width: 800, height: 600 }]] as const) {
    describe(`on ${screen}`, () => {
      for (const { field, wrong, next, control, landed } of CASES) {
        it(`${field} left wrong, then ${next} clicked in one motion: the click lands`, async () => {
          await setViewport(viewport);
          const el = await form();
          await settle(el);
          if (field.startsWith('tribute-')) {
            await click(tributeBox(el));
            await tributeDetails(el);
          }
          const seen = { clicks: [] as EventTarget[], submits: 0 };
          el.shadowRoot!.addEventListener('click', (event) => seen.clicks.push(event.target!));
          el.shadowRoot!.querySelector('form')!.addEventListener('submit', () => seen.submits++);
          const input = byId<HTMLInputElement>(el, field);
          input.focus();
          await wrong(input);
          await settle(el);

          const target = control(el);
          target.scrollIntoView({ block: 'center' });
          const box = target.getBoundingClientRect();
          const scrolled = scrollY;
          const at: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
          await sendMouse({ type: 'move', position: at });
          await sendMouse({ type: 'down' });
          // A hand takes a moment between press and release: whatever the press caused is on screen by now.
          await settle(el);
          await sendMouse({ type: 'up' });
          await sendMouse({ type: 'move', position: [0, 0] });
          await settle(el);

          landed(el, seen);
          // And the field left wrong does say so, once the click is done.
          expect(text(byId(el, `${field}-error`)), 'the error shows').to.not.equal('');
          // On a desktop the message fits the line kept for it: nothing moved at all, even after the click.
          const onPage = (rect: DOMRect) => rect.top + scrollY;
          if (viewport.width > 320) expect(onPage(control(el).getBoundingClientRect()), 'where it was').to.be.closeTo(box.top + scrolled, 0.5);
        });
      }
    });
  }
});
