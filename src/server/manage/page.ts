/**
 * `GET /manage`: the page a monthly or annual donor opens from the link in their receipt. It is a
 * shell for <mira-donate-manage> (dist/mira-donate-manage.js), which reads the link's token from the
 * fragment (never sent here) and does the rest: the gift, its changes, and without a token the form
 * that emails a fresh link. Served with a strict policy: no inline script, the page's one style
 * block allowed by its hash, Stripe's origins only (the stand-in's in demo mode), no framing (a
 * cancel button must not be clickjacked), no Referer, and never cached.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { matchLanguage, type Language } from '../../core/locale.js';
import type { Config } from '../config.js';
import type { Services } from '../env.js';
import en from '../../../locales/manage/en.json';
import es from '../../../locales/manage/es.json';
import pt from '../../../locales/manage/pt.json';

const TITLES: Record<Language, string> = { en: en.title, es: es.title, pt: pt.title };

const STYLE = `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fafaf7;line-height:1.5}
main{display:grid;justify-items:center;padding:clamp(0.5rem,3vw,2rem) clamp(0rem,2vw,1rem)}
mira-donate-manage{inline-size:100%;border:1px solid #d8dde3;border-radius:0.75rem;background:#fff}
@media (forced-colors:active){mira-donate-manage{border-color:CanvasText}}`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** Stripe's own origins for Stripe.js and the Payment Element; none in demo mode, where the stand-in is reached through this origin (/standin/). */
function stripeOrigins(config: Config): { script: string[]; connect: string[]; frame: string[] } {
  if (config.mode === 'demo') return { script: [], connect: [], frame: [] };
  return {
    script: ['https://js.stripe.com', 'https://*.js.stripe.com'],
    connect: ['https://api.stripe.com'],
    frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  };
}

export function contentSecurityPolicy(config: Config): string {
  const stripe = stripeOrigins(config);
  return [
    "default-src 'none'",
    `script-src 'self' ${stripe.script.join(' ')}`.trim(),
    `style-src ${STYLE_HASH}`,
    `connect-src 'self' ${stripe.connect.join(' ')}`.trim(),
    stripe.frame.length ? `frame-src ${stripe.frame.join(' ')}` : "frame-src 'none'",
    "img-src 'self' data:",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The donor's language from their browser's Accept-Language, for the page before the gift says its own. */
export function pageLanguage(acceptLanguage: string | undefined): Language {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q) };
    })
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q);
  return tags.map(({ tag }) => matchLanguage(tag)).find((language) => language !== undefined) ?? 'en';
}

export function managePage(language: Language): string {
  return `<!doctype html>
<html lang="${language}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <meta name="robots" content="noindex" />
    <link rel="icon" href="data:," />
    <title>${TITLES[language]} · MIRA Coalition</title>
    <style>${STYLE}</style>
    <script type="module" src="/mira-donate-manage.js"></script>
  </head>
  <body>
    <main>
      <mira-donate-manage></mira-donate-manage>
    </main>
  </body>
</html>
`;
}

export function managePageRoutes({ config }: Pick<Services, 'config'>) {
  return new Hono().get('/', (c) => {
    c.header('Content-Security-Policy', contentSecurityPolicy(config));
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Vary', 'Accept-Language');
    return c.html(managePage(pageLanguage(c.req.header('accept-language'))));
  });
}
