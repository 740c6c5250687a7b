/**
 * What a donor sees, drawn by Chromium from the built script on a host page: choices that stay visible
 * in forced colours (Windows High Contrast), nothing cut or pushed sideways at 320 px, with WCAG 1.4.12
 * text spacing or a wide font, a form that keeps its own direction on a right-to-left page and its own
 * text styles under a hostile stylesheet, and targets that keep their size. Each state is saved under
 * test-artifacts/screenshots/visual-*.png for people to look at.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Language } from '../../src/core/locale.js';
import { screenshot, DESKTOP } from './support/demo.js';
import { useDemo } from './support/session.js';

const e2e = useDemo();
const LANGUAGES: Language[] = ['en', 'es', 'pt'];
const NARROW = { width: 320, height: 720 };

/** Figures as long as a real campaign's get: cents, a six-figure goal, a four-digit count of donors. */
const FIGURES = { goal: 25_000_000, raised: 12_345_678, donors: 1234 };

interface HostPage {
  /** `<html>`'s attributes, e.g. `lang="ar" dir="rtl"`. */
  html?: string;
  /** The host page's own stylesheet. */
  css?: string;
  /** The element's attributes. */
  attributes?: string;
}

/** A page of a member organization's: Arial (Liberation Sans here, as wide), the snippet, and its own CSS. */
function hostPage({ html = 'lang="en"', css = '', attributes = '' }: HostPage): string {
  return `<!doctype html><html ${html}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { margin: 0; font-family: Arial, sans-serif; } ${css}</style></head>
<body><main><mira-donate campaign="mira" ${attributes}></mira-donate></main><script src="/mira-donate.js" defer></script></body></html>`;
}

interface OpenOptions {
  forcedColors?: boolean;
  /** The campaign's figures are answered once this settles; the page is returned before they are shown. */
  hold?: Promise<void>;
}

/**
 * A browser of the donor's own on the demo page, or on a host page (served at /host.html), its
 * campaign figures made long.
 */
async function open(browser: Browser, viewport: { width: number; height: number }, page?: HostPage, options: OpenOptions = {}) {
  const context = await browser.newContext({ viewport, locale: 'en-US', forcedColors: options.forcedColors ? 'active' : 'none' });
  await context.route(/\/api\/campaigns\/mira$/, async (route) => {
    await options.hold;
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), ...FIGURES } });
  });
  if (page) await context.route(/\/host\.html$/, (route) => route.fulfill({ contentType: 'text/html', body: hostPage(page) }));
  const tab = await context.newPage();
  await tab.goto(`${e2e.demo.url}/${page ? 'host.html' : ''}`);
  await tab.locator(`mira-donate [part~="progress-bar"]${options.hold ? '' : '[aria-valuetext]'}`).waitFor();
  return { context, page: tab };
}

const widget = (page: Page) => page.locator('mira-donate');

async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await widget(page).locator(`[part~="language-option"][lang="${language}"]`).click();
  await widget(page).locator(`[part~="base"][lang="${language}"]`).waitFor();
}

/** The demo offers every frequency, in this order. */
const FREQUENCIES = ['once', 'month', 'year'] as const;

async function chooseFrequency(page: Page, index: number): Promise<void> {
  await widget(page).locator('[part~="frequency-option"]').nth(index).click();
  await page.mouse.move(0, 0);
}

/** Ticks "give in honor or in memory" and waits for its details (they come with the intent chunk). */
async function openTribute(page: Page): Promise<void> {
  await widget(page).locator('[part~="tribute"] input[type="checkbox"]').check();
  await widget(page).locator('#tribute-name').waitFor();
  await page.mouse.move(0, 0);
}

/** WCAG 1.4.12's text spacing, applied as a reader's bookmarklet would, to the page and inside the form. */
async function applyTextSpacing(page: Page): Promise<void> {
  await page.evaluate(() => {
    const spacing = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
      p { margin-block-end: 2em !important; }`;
    for (const root of [document, document.querySelector('mira-donate')!.shadowRoot!]) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(spacing);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  });
}

/**
 * Every piece of text in the form that a donor cannot read whole: a box whose text runs past it
 * (sideways, or clipped below), text drawn outside the form, and a word split across two lines.
 * Breaking after a slash or hyphen ("US$ 100/" "mês", "E-" "mail") is a line break, not a split word.
 */
function cutText(page: Page): Promise<string[]> {
  return widget(page).evaluate((host) => {
    const found: string[] = [];
    const root = host.shadowRoot!;
    const form = root.querySelector('[part~="base"]')!.getBoundingClientRect();
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      if (element.closest('.honeypot, .visually-hidden, style')) continue;
      const texts = [...element.childNodes].filter((node): node is Text => node.nodeType === Node.TEXT_NODE && !!(node as Text).data.trim());
      if (!texts.length) continue;
      const style = getComputedStyle(element);
      const name = `${element.localName}${element.className ? `.${String(element.className).trim().replace(/\s+/g, '.')}` : ''} "${element.textContent!.trim().slice(0, 40)}"`;
      if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth) found.push(`${name} is ${element.scrollWidth}px wide in ${element.clientWidth}px`);
      if (style.overflowY !== 'visible' && element.clientHeight > 0 && element.scrollHeight > element.clientHeight) found.push(`${name} is clipped below`);
      for (const text of texts) {
        let at = 0;
        for (const word of text.data.split(/\s+|(?<=[/\-–])/)) {
          const start = text.data.indexOf(word, at);
          at = start + word.length;
          if (!word) continue;
          const range = document.createRange();
          range.setStart(text, start);
          range.setEnd(text, at);
          const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
          if (rects.some((rect) => rect.left < form.left - 0.5 || rect.right > form.right + 0.5)) found.push(`${name}: "${word}" is drawn outside the form`);
          const tops = rects.map((rect) => rect.top);
          if (tops.length && Math.max(...tops) - Math.min(...tops) > rects[0].height / 2) found.push(`${name}: "${word}" is split across lines`);
        }
      }
    }
    return found;
  });
}

/** The form's own width against what it is drawn in: never wider than the page or than itself. */
function sidewaysOverflow(page: Page): Promise<string[]> {
  return widget(page).evaluate((host) => {
    const found: string[] = [];
    const base = host.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
    if (base.scrollWidth > base.clientWidth) found.push(`the form is ${base.scrollWidth}px wide in ${base.clientWidth}px`);
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth) found.push(`the page is ${page.scrollWidth}px wide in ${page.clientWidth}px`);
    for (const group of host.shadowRoot!.querySelectorAll<HTMLElement>('[role="radiogroup"]')) {
      if (group.scrollWidth > group.clientWidth) found.push(`${group.getAttribute('part') ?? 'a radio group'} is ${group.scrollWidth}px wide in ${group.clientWidth}px`);
    }
    return found;
  });
}

/** The colour most of an image's pixels have (for a button: its background), decoded in the page. */
async function dominantColour(page: Page, png: Buffer, region?: { x: number; width: number }): Promise<string> {
  return page.evaluate(
    async ({ data, region }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const x = region ? Math.round(region.x) : 0;
      const width = region ? Math.max(1, Math.round(region.width)) : image.width;
      const { data: pixels } = context.getImageData(x, 0, width, image.height);
      const counts = new Map<string, number>();
      for (let i = 0; i < pixels.length; i += 4) {
        const colour = `rgb(${pixels[i]}, ${pixels[i + 1]}, ${pixels[i + 2]})`;
        counts.set(colour, (counts.get(colour) ?? 0) + 1);
      }
      return [...counts].sort((a, b) => b[1] - a[1])[0][0];
    },
    { data: png.toString('base64'), region },
  );
}

/** Tribute kinds whose label breaks before its last word ("Em memória" / "de"). */
function brokenPhrases(page: Page): Promise<string[]> {
  return widget(page)
    .locator('[part~="tribute-kind"]')
    .evaluateAll((nodes) =>
      nodes.flatMap((node) => {
        const text = [...node.childNodes].find((child): child is Text => child.nodeType === Node.TEXT_NODE && !!child.textContent!.trim());
        if (!text) return [];
        const words = [...text.data.matchAll(/\S+/g)];
        const range = document.createRange();
        range.setStart(text, words.at(-2)!.index!);
        range.setEnd(text, text.data.trimEnd().length);
        const tops = [...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top));
        return new Set(tops).size > 1 ? [text.data.trim()] : [];
      }),
    );
}

/**
 * How many pixels of two same-sized images differ by more than anti-aliasing does (the corners of a
 * rounded border drawn at another place on the page differ by a few levels); a different size counts all.
 */
async function differentPixels(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([a, b]) => {
      const decode = async (data: string) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height);
      };
      const [one, two] = [await decode(a), await decode(b)];
      if (one.width !== two.width || one.height !== two.height) return Math.max(one.data.length, two.data.length) / 4;
      let count = 0;
      for (let i = 0; i < one.data.length; i += 4) {
        if ([0, 1, 2].some((c) => Math.abs(one.data[i + c] - two.data[i + c]) > 32)) count++;
      }
      return count;
    },
    [a.toString('base64'), b.toString('base64')],
  );
}

async function closing<T>(context: BrowserContext, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } finally {
    await context.close();
  }
}

describe('in forced colours (Windows High Contrast)', () => {
  const groups = ['language-option', 'frequency-option', 'amount-option', 'fee-option', 'tribute-kind'];

  for (const [size, viewport] of [['320', NARROW], ['desktop', DESKTOP]] as const) {
    it(`a chosen option looks unlike the others, and the progress fill shows, at ${size}`, async () => {
      const { context, page } = await open(e2e.browser, viewport, {}, { forcedColors: true });
      await closing(context, async () => {
        expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
        await openTribute(page);
        for (const language of LANGUAGES) {
          await chooseLanguage(page, language);
          await screenshot(page, `visual-forced-colours-${language}-${size}`);
          const chosenColours = new Set<string>();
          for (const group of groups) {
            const options = widget(page).locator(`[part~="${group}"]`);
            const chosen = widget(page).locator(`[part~="${group}"][aria-checked="true"]`);
            const other = widget(page).locator(`[part~="${group}"][aria-checked="false"]`).first();
            expect(await options.count(), group).toBeGreaterThan(1);
            const [chosenColour, otherColour] = [await dominantColour(page, await chosen.screenshot()), await dominantColour(page, await other.screenshot())];
            expect(chosenColour, `${language}: the chosen ${group} is drawn like the others`).not.toBe(otherColour);
            chosenColours.add(chosenColour);
          }
          // One system colour says "chosen" everywhere, not the theme's colours left over in one group.
          expect([...chosenColours], `${language}: chosen options in several colours`).toHaveLength(1);
          const bar = widget(page).locator('[part~="progress-bar"]');
          const fill = await widget(page).locator('[part~="progress-fill"]').boundingBox();
          const track = (await bar.boundingBox())!;
          const png = await bar.screenshot();
          const filled = await dominantColour(page, png, { x: fill!.width / 2 - 1, width: 2 });
          const empty = await dominantColour(page, png, { x: fill!.width + (track.width - fill!.width) / 2 - 1, width: 2 });
          expect(filled, `${language}: the progress fill is drawn like the empty track`).not.toBe(empty);
        }
      });
    });
  }
});

describe('at 320 px with real figures and WCAG 1.4.12 text spacing', () => {
  it('cuts no text, splits no word and wraps the figures, in every language', async () => {
    const { context, page } = await open(e2e.browser, NARROW);
    await closing(context, async () => {
      await openTribute(page);
      await applyTextSpacing(page);
      const found: string[] = [];
      for (const language of LANGUAGES) {
        await chooseLanguage(page, language);
        for (const [index, frequency] of FREQUENCIES.entries()) {
          await chooseFrequency(page, index);
          await screenshot(page, `visual-text-spacing-${language}-${frequency}-320`);
          found.push(...[...(await cutText(page)), ...(await sidewaysOverflow(page))].map((problem) => `${language} ${frequency}: ${problem}`));
        }
        await chooseFrequency(page, 0);
        // The figures themselves are all there, not cut short.
        const progress = (await widget(page).locator('[part~="progress"]').innerText()).replace(/\s+/g, ' ');
        expect(progress, language).toMatch(/1[.,]234 (donors|donantes|doadores)/);
        expect(progress, language).toMatch(/250[.,]000/);
      }
      expect(found).toEqual([]);
    });
  });
});

describe('from 320 px to desktop, with a wide font', () => {
  it('never grows sideways past its width, whatever the language, frequency and labels', { timeout: 180_000 }, async () => {
    const { context, page } = await open(e2e.browser, NARROW, {});
    await closing(context, async () => {
      await openTribute(page);
      const widths = [...Array.from({ length: 41 }, (_, i) => 320 + i * 8), 768, 1024];
      const found: string[] = [];
      for (const language of LANGUAGES) {
        await chooseLanguage(page, language);
        for (const [index, frequency] of FREQUENCIES.entries()) {
          await chooseFrequency(page, index);
          for (const width of widths) {
            await page.setViewportSize({ width, height: 900 });
            const problems = [...(await sidewaysOverflow(page)), ...(await cutText(page)), ...(await brokenPhrases(page)).map((label) => `"${label}" breaks before its last word`)];
            if (problems.length) {
              found.push(`${language} ${frequency} at ${width}px: ${problems.join('; ')}`);
              if (found.length === 1) await screenshot(page, `visual-overflow-${language}-${frequency}-${width}`, { page: true });
            }
          }
          if (language === 'pt' && frequency === 'month') {
            for (const width of [440, 480]) {
              await page.setViewportSize({ width, height: 900 });
              await screenshot(page, `visual-wide-font-pt-month-${width}`, { page: true });
            }
          }
        }
      }
      expect(found.slice(0, 20)).toEqual([]);
    });
  });
});

describe('on a right-to-left page', () => {
  /** The form as drawn on a page, after checking it reads left to right there. */
  async function drawnOn(html: string, language: Language, viewport: { width: number; height: number }, name: string) {
    const opened = await open(e2e.browser, viewport, { html, attributes: `lang="${language}"` });
    const { page } = opened;
    expect(await widget(page).locator('[part~="base"]').evaluate((node) => getComputedStyle(node).direction)).toBe('ltr');
    const presets = await widget(page).locator('[part~="amount-option"]').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().left));
    expect(presets[1], 'the second preset sits right of the first').toBeGreaterThan(presets[0]);
    await screenshot(page, name);
    return { ...opened, drawn: await widget(page).screenshot({ animations: 'disabled' }) };
  }

  for (const language of LANGUAGES) {
    it(`keeps its own left-to-right direction in ${language}: drawn as on a left-to-right page`, async () => {
      for (const [size, viewport] of [['320', NARROW], ['desktop', DESKTOP]] as const) {
        const ltr = await drawnOn('lang="en"', language, viewport, `visual-rtl-${language}-${size}-ltr-page`);
        await ltr.context.close();
        const rtl = await drawnOn('lang="ar" dir="rtl"', language, viewport, `visual-rtl-${language}-${size}`);
        await closing(rtl.context, async () => {
          expect(await differentPixels(rtl.page, ltr.drawn, rtl.drawn), `${language} at ${size}: pixels drawn differently on the right-to-left page`).toBe(0);
        });
      }
    });
  }
});

describe('under a hostile host stylesheet', () => {
  // Everything a page can push into the form by inheritance, on its ancestors and the element itself.
  const HOSTILE = `
    * { color: magenta !important; }
    body, main { white-space: nowrap; text-align: right; line-height: 3; letter-spacing: 5px; word-spacing: 12px;
      text-transform: uppercase; font-size: 22px; font-style: italic; font-weight: 900; text-indent: 40px;
      font-variant: small-caps; text-shadow: 2px 2px lime; word-break: break-all; }`;
  const INHERITED = ['color', 'white-space', 'text-align', 'line-height', 'letter-spacing', 'word-spacing', 'text-transform', 'font-size', 'font-style', 'font-weight', 'text-indent', 'font-variant', 'text-shadow', 'word-break'];

  /** Each element's inherited text styles, in document order. */
  const textStyles = (page: Page) =>
    widget(page).evaluate(
      (host, names) => [...host.shadowRoot!.querySelectorAll('*')].map((node) => `${node.localName}: ${names.map((name) => getComputedStyle(node).getPropertyValue(name)).join(' | ')}`),
      INHERITED,
    );

  /** Text whose colour against what is behind it falls under 4.5:1. */
  const poorContrast = (page: Page) =>
    widget(page).evaluate((host) => {
      const channels = (colour: string) => colour.match(/[\d.]+/g)!.map(Number);
      const luminance = (colour: string) => {
        const [r, g, b] = channels(colour).slice(0, 3).map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const behind = (node: Element | null): string => {
        for (let at = node; at; at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host ?? null)) {
          const colour = getComputedStyle(at).backgroundColor;
          if (channels(colour)[3] !== 0) return colour;
        }
        return 'rgb(255, 255, 255)';
      };
      const found: string[] = [];
      for (const node of host.shadowRoot!.querySelectorAll('*')) {
        if (node.closest('.honeypot, .visually-hidden') || ![...node.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && child.textContent!.trim())) continue;
        const [text, back] = [luminance(getComputedStyle(node).color), luminance(behind(node))];
        const ratio = (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
        if (ratio < 4.5) found.push(`"${node.textContent!.trim().slice(0, 30)}" at ${ratio.toFixed(2)}:1 (${getComputedStyle(node).color})`);
      }
      return found;
    });

  /** The form on a page with this stylesheet: its inherited text styles and what is drawn. */
  async function formOn(css: string, language: Language, viewport: { width: number; height: number }, name: string) {
    const opened = await open(e2e.browser, viewport, { css, attributes: `lang="${language}"` });
    await screenshot(opened.page, name);
    return { ...opened, styles: await textStyles(opened.page), drawn: await widget(opened.page).screenshot({ animations: 'disabled' }) };
  }

  for (const language of LANGUAGES) {
    for (const [size, viewport] of [['390', { width: 390, height: 844 }], ['desktop', DESKTOP]] as const) {
      it(`keeps its own text styles, fits and keeps its contrast, in ${language} at ${size}`, async () => {
        const clean = await formOn('', language, viewport, `visual-hostile-${language}-${size}-clean-page`);
        await clean.context.close();
        const hostile = await formOn(HOSTILE, language, viewport, `visual-hostile-${language}-${size}`);
        await closing(hostile.context, async () => {
          expect(await sidewaysOverflow(hostile.page)).toEqual([]);
          expect(await poorContrast(hostile.page)).toEqual([]);
          expect(hostile.styles, 'what the hostile page changed inside the form').toEqual(clean.styles);
          expect(await differentPixels(hostile.page, clean.drawn, hostile.drawn), 'pixels drawn differently under the hostile stylesheet').toBe(0);
        });
      });
    }
  }
});

describe('at 320 px on the demo page', () => {
  it('keeps frequencies in even rows, tribute kinds whole, and checkboxes at least 24 × 24 px', async () => {
    const { context, page } = await open(e2e.browser, NARROW);
    await closing(context, async () => {
      await openTribute(page);
      const found: string[] = [];
      for (const language of LANGUAGES) {
        await chooseLanguage(page, language);
        await screenshot(page, `visual-narrow-${language}-320`);
        const rows = await widget(page)
          .locator('[part~="frequency-option"]')
          .evaluateAll((nodes) => {
            const counts = new Map<number, number>();
            for (const node of nodes) counts.set(Math.round(node.getBoundingClientRect().top), (counts.get(Math.round(node.getBoundingClientRect().top)) ?? 0) + 1);
            return [...counts.values()];
          });
        if (new Set(rows).size > 1) found.push(`${language}: frequencies in rows of ${rows.join(' and ')}`);
        for (const label of await brokenPhrases(page)) found.push(`${language}: "${label}" breaks before its last word`);
        const boxes = await widget(page)
          .locator('input[type="checkbox"]')
          .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect()).map(({ width, height }) => ({ width, height })));
        expect(boxes.length).toBe(2);
        for (const { width, height } of boxes) if (width < 24 || height < 24) found.push(`${language}: a checkbox is ${width} × ${height} px`);
      }
      expect(found).toEqual([]);
    });
  });

  it('keeps room for the figures while they load: nothing below moves when they arrive', async () => {
    for (const language of LANGUAGES) {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const { context, page } = await open(e2e.browser, NARROW, undefined, { hold: held });
      await closing(context, async () => {
        if (language !== 'en') await chooseLanguage(page, language);
        await widget(page).locator('[part~="progress"][aria-busy="true"]').waitFor();
        const where = () => widget(page).evaluate((host) => [...host.shadowRoot!.querySelectorAll('[part~="progress-bar"], [part~="frequency"]')].map((node) => node.getBoundingClientRect().top));
        const before = await where();
        release();
        await widget(page).locator('[part~="progress-bar"][aria-valuetext]').waitFor();
        expect(await where(), language).toEqual(before);
      });
    }
  });
});
