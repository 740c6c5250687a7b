import { describe, expect, it } from 'vitest';
import { canonical, parseForm } from '../../src/standin/form.js';

describe('parseForm reads Stripe\'s bracket notation', () => {
  it.each([
    ['amount=2500&currency=usd', { amount: '2500', currency: 'usd' }],
    ['metadata[campaign]=mira&metadata[gift]=5000', { metadata: { campaign: 'mira', gift: '5000' } }],
    ['expand[]=a&expand[]=b.c', { expand: ['a', 'b.c'] }],
    ['expand[0]=a&expand[1]=b', { expand: ['a', 'b'] }],
    [
      'items[0][price_data][currency]=usd&items[0][price_data][recurring][interval]=month&items[0][price_data][unit_amount]=2500',
      { items: [{ price_data: { currency: 'usd', recurring: { interval: 'month' }, unit_amount: '2500' } }] },
    ],
    ['metadata[tribute]=En%20honor%20de%20Mar%C3%ADa%20%26%20Jo%C3%A3o', { metadata: { tribute: 'En honor de María & João' } }],
    ['metadata%5Bcampaign%5D=mira', { metadata: { campaign: 'mira' } }],
    ['description=', { description: '' }],
  ])('%s', (body, expected) => {
    expect(parseForm(body)).toEqual(expected);
  });

  it('keeps eleven or more array items in order', () => {
    const body = Array.from({ length: 12 }, (_, i) => `expand[${i}]=p${i}`).join('&');
    expect(parseForm(body).expand).toEqual(Array.from({ length: 12 }, (_, i) => `p${i}`));
  });
});

it('ignores keys that would reach Object.prototype', () => {
  expect(parseForm('__proto__[polluted]=1&metadata[constructor][prototype][x]=1&a=2')).toEqual({ a: '2' });
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('canonical', () => {
  it('ignores key order, so the same parameters sent in another order replay an idempotent request', () => {
    expect(canonical(parseForm('a=1&metadata[x]=1&metadata[y]=2'))).toBe(canonical(parseForm('metadata[y]=2&metadata[x]=1&a=1')));
    expect(canonical(parseForm('a=1'))).not.toBe(canonical(parseForm('a=2')));
  });
});
