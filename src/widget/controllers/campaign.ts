/**
 * What the endpoint says: its config (fee rates, limits, currencies) and the campaign's progress.
 * Either request may fail; the form then keeps working with the defaults and static attributes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CampaignResponse, ConfigResponse, Mode } from '../../core/api.js';
import { DEFAULT_LIMITS, type DonationLimits } from '../../core/donation.js';
import { DEFAULT_FEE_RATES, type FeeRates } from '../../core/fees.js';
import { nextTask } from '../next-task.js';

export type CampaignStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface EndpointSettings {
  feeRates: FeeRates;
  limits: DonationLimits;
  mode?: Mode;
  /** Set when the page's site may not take gifts: where the donor can give instead. */
  giveElsewhere?: string;
  /** What the payment step needs from the same config, so Stripe.js loads without asking again. */
  payment?: Pick<ConfigResponse, 'publishableKey' | 'mode' | 'stripeJsUrl'>;
}

export const DEFAULT_SETTINGS: EndpointSettings = { feeRates: DEFAULT_FEE_RATES, limits: DEFAULT_LIMITS };

/** Long enough for a slow phone, short enough that a dead endpoint does not leave a spinner up. */
const TIMEOUT_MS = 10_000;

let warned = false;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function readConfig(body: unknown): EndpointSettings | undefined {
  const config = body as Partial<ConfigResponse> | null;
  const rates = config?.feeRates;
  if (!config || !rates || !isCount(rates.basisPoints) || rates.basisPoints >= 10_000 || !isCount(rates.fixed)) return undefined;
  if (!isCount(config.minimum) || !isCount(config.maximum) || !Array.isArray(config.currencies)) return undefined;
  return {
    feeRates: { basisPoints: rates.basisPoints, fixed: rates.fixed },
    limits: { minimum: config.minimum, maximum: config.maximum, currencies: config.currencies.map(String) },
    mode: config.mode,
    // An endpoint older than acceptsGifts says nothing: the page is taken to be allowed.
    ...(config.acceptsGifts === false ? { giveElsewhere: /^https?:\/\//.test(String(config.giveUrl)) ? String(config.giveUrl) : 'https://www.miracoalition.org/donate' } : {}),
    ...(typeof config.publishableKey === 'string' && config.mode
      ? { payment: { publishableKey: config.publishableKey, mode: config.mode, ...(typeof config.stripeJsUrl === 'string' ? { stripeJsUrl: config.stripeJsUrl } : {}) } }
      : {}),
  };
}

function readCampaign(body: unknown): CampaignResponse | undefined {
  const campaign = body as Partial<CampaignResponse> | null;
  if (!campaign || !isCount(campaign.goal) || !isCount(campaign.raised) || typeof campaign.currency !== 'string') return undefined;
  return { ...campaign, donors: isCount(campaign.donors) ? campaign.donors : 0 } as CampaignResponse;
}

async function getJson(url: string, signal: AbortSignal, cache: RequestCache = 'default'): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' }, credentials: 'omit', cache });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

export class CampaignController implements ReactiveController {
  status: CampaignStatus = 'idle';
  campaign?: CampaignResponse;
  settings: EndpointSettings = DEFAULT_SETTINGS;
  private abort?: AbortController;
  private key?: string;
  private lastRequest?: { endpoint: string; campaign: string };
  /** The least the figures can be: what was shown plus the gifts made here since (see first-intent/count-gift.ts). */
  floor?: { raised: number; donors: number };
  /** Refreshes due after a gift (first-intent/count-gift.ts); cancelled when the element leaves the page. */
  refreshTimers: ReturnType<typeof setTimeout>[] = [];
  /** Settles once the last load's config and figures have arrived or failed. */
  settled: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // Reconnected after a move in the DOM while a request was cut short: ask again.
    if (this.lastRequest && !this.abort && this.status === 'loading') {
      this.key = undefined;
      this.load(this.lastRequest.endpoint, this.lastRequest.campaign);
    }
  }

  hostDisconnected(): void {
    // Forget the request so a late answer or its abort is ignored, and a reconnect asks again.
    this.abort?.abort();
    this.abort = undefined;
    this.refreshTimers.forEach(clearTimeout);
    this.refreshTimers = [];
  }

  /**
   * The campaign's figures again, past any cache (revalidated by ETag), until they include the gifts
   * counted here; the old ones stay up meanwhile.
   */
  refresh(): void {
    const request = this.lastRequest;
    if (!request?.campaign || !this.abort || (this.campaign && this.floor && this.campaign.raised >= this.floor.raised)) return;
    const url = `${request.endpoint.replace(/\/+$/, '')}/api/campaigns/${encodeURIComponent(request.campaign)}`;
    const abort = this.abort;
    getJson(url, abort.signal, 'no-cache')
      .then((body) => {
        const campaign = readCampaign(body);
        if (this.abort !== abort || !campaign) return;
        this.campaign = campaign;
        this.status = 'loaded';
        this.host.requestUpdate();
      })
      .catch(() => {});
  }

  /** Fetches config and campaign for this endpoint; does nothing if they are already on their way. */
  load(endpoint: string | undefined, campaign: string): void {
    const key = `${endpoint}|${campaign}`;
    if (key === this.key) return;
    this.key = key;
    this.abort?.abort();
    this.campaign = undefined;
    if (!endpoint) {
      this.status = 'idle';
      return;
    }
    this.lastRequest = { endpoint, campaign };
    const abort = new AbortController();
    this.abort = abort;
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    const base = endpoint.replace(/\/+$/, '');
    this.status = campaign ? 'loading' : 'idle';

    const config = getJson(`${base}/api/config`, abort.signal).then((body) => {
      const settings = readConfig(body);
      if (settings && this.abort === abort) {
        // Once per page, for the person who pasted the snippet: what to ask MIRA for.
        if (settings.giveElsewhere && !warned) {
          warned = true;
          console.warn(`<mira-donate>: this page's origin, ${location.origin}, may not take gifts. Ask MIRA to add it as a member site (console, Member sites).`);
        }
        this.settings = settings;
        this.host.requestUpdate();
      }
    });
    // Each request costs the page's thread milliseconds on a phone: the second goes in a task of its own.
    const progress = campaign
      ? nextTask().then(() => getJson(`${base}/api/campaigns/${encodeURIComponent(campaign)}`, abort.signal)).then((body) => {
          if (this.abort !== abort) return;
          this.campaign = readCampaign(body);
          this.status = this.campaign ? 'loaded' : 'failed';
          this.host.requestUpdate();
        })
      : Promise.resolve();

    progress.catch(() => {
      if (this.abort !== abort) return;
      this.status = 'failed';
      this.host.requestUpdate();
    });
    // A failed config leaves the defaults in place; nothing for the donor to see.
    config.catch(() => {});
    this.settled = Promise.allSettled([config, progress]).then(() => clearTimeout(timer));
  }
}
