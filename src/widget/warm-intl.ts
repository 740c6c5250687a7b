/**
 * The page's first `Intl.NumberFormat` costs V8 a one-time set-up (its list of ICU's locales): about
 * 20 ms, 60 to 90 ms on a mid-range phone, where each later formatter costs a millisecond. That
 * set-up belongs to the browser's process, not to a thread, so a worker that formats one amount pays
 * it off the page's main thread (and so for its first plural rules, which i18next asks for). A page whose Content-Security-Policy refuses workers from `blob:`
 * URLs (a `strict-dynamic` policy allows them) pays it on the main thread instead, in a task of its own.
 */
/** The worker closes itself: terminating it from the page costs the page's thread more. */
const FORMAT_ONE = 'new Intl.NumberFormat("en-US",{style:"currency",currency:"USD"}).format(1);new Intl.PluralRules("en").select(1);postMessage(0);close()';

let warming: Promise<void> | undefined;

/** Resolves once the worker has formatted (or could not, or took longer than `patienceMs`); once per page. */
export function warmIntl(patienceMs = 500): Promise<void> {
  warming ??= new Promise<void>((resolve) => {
    let worker: Worker | undefined;
    let url: string | undefined;
    const done = () => {
      clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
      resolve();
    };
    const timer = setTimeout(() => {
      worker?.terminate();
      done();
    }, patienceMs);
    try {
      url = URL.createObjectURL(new Blob([FORMAT_ONE], { type: 'text/javascript' }));
      worker = new Worker(url);
      worker.onmessage = worker.onerror = done;
    } catch {
      // Trusted Types or an old browser: no worker.
      done();
    }
  });
  return warming;
}
