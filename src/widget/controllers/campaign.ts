/**
 * What the endpoint says: its config (fee rates, limits, currencies) and the campaign's progress.
 * Either request may fail; the form then keeps working with the defaults and static attributes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_FEE_RATES, DEFAULT_LIMITS, type CampaignResponse, type ConfigResponse, type DonationLimits, type FeeRates, type Mode } from '../../core/index.js';

export type CampaignStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface EndpointSettings {
  feeRates: FeeRates;
  limits: DonationLimits;
  mode?: Mode;
}

export const DEFAULT_SETTINGS: EndpointSettings = { feeRates: DEFAULT_FEE_RATES, limits: DEFAULT_LIMITS };

/** Long enough for a slow phone, short enough that a dead endpoint does not leave a spinner up. */
const TIMEOUT_MS = 10_000;

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
  };
}

function readCampaign(body: unknown): CampaignResponse | undefined {
  const campaign = body as Partial<CampaignResponse> | null;
  if (!campaign || !isCount(campaign.goal) || !isCount(campaign.raised) || typeof campaign.currency !== 'string') return undefined;
  return { ...campaign, donors: isCount(campaign.donors) ? campaign.donors : 0 } as CampaignResponse;
}

async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' }, credentials: 'omit' });
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
        this.settings = settings;
        this.host.requestUpdate();
      }
    });
    const progress = campaign
      ? getJson(`${base}/api/campaigns/${encodeURIComponent(campaign)}`, abort.signal).then((body) => {
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
    Promise.allSettled([config, progress]).then(() => clearTimeout(timer));
  }
}
