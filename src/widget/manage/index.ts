/**
 * The manage page's script (dist/mira-donate-manage.js, `vite build --mode manage`): defines
 * <mira-donate-manage>. Loaded only by the endpoint's /manage page, so nothing of it reaches the
 * form's first load. Loaded twice, it keeps the first definition and warns, as the form does.
 */
import { MiraDonateManage } from './manage.component.js';

export { MiraDonateManage };
export const MANAGE_TAG = 'mira-donate-manage';

const existing = customElements.get(MANAGE_TAG) as (CustomElementConstructor & { version?: string }) | undefined;
if (!existing) customElements.define(MANAGE_TAG, MiraDonateManage);
else if (existing !== MiraDonateManage) console.warn(`<${MANAGE_TAG}> ${existing.version ?? '?'} is already defined; this copy (${MiraDonateManage.version}) is not used.`);

declare global {
  interface HTMLElementTagNameMap {
    'mira-donate-manage': MiraDonateManage;
  }
}
