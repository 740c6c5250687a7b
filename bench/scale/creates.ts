/**
 * Donation creates under load: autocannon posting a valid gift, each request with an Idempotency-Key
 * of its own (a new donor's attempt) and an address of its own, in its own process. Prints LoadFigures.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { printLoadFigures } from '../load-figures.js';

const [url, connections, seconds] = process.argv.slice(2);
let n = 0;
const body = (i: number) =>
  JSON.stringify({ campaign: 'mira', currency: 'USD', gift: 2500, frequency: 'once', coverFee: false, donor: { email: `bench${i}@example.org`, name: 'Bench Donor' }, anonymous: false, locale: 'en' });
const result = await autocannon({
  url: `${url}/api/donations`,
  connections: Number(connections),
  duration: Number(seconds),
  timeout: Number(seconds),
  requests: [
    {
      method: 'POST',
      setupRequest: (request) => {
        const i = n++;
        return {
          ...request,
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), origin: 'https://member.example', 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
          body: body(i),
        };
      },
    },
  ],
});
printLoadFigures(result);
