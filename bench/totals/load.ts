/**
 * The readers: autocannon holding `connections` keep-alive connections on one URL for `seconds`,
 * run as its own process so it never shares the endpoint's event loop. Prints its figures as JSON.
 * A request unanswered after `seconds` counts as a timeout.
 */
import autocannon from 'autocannon';
import { printLoadFigures } from '../load-figures.js';

const [url, connections, seconds] = process.argv.slice(2);
const result = await autocannon({ url: url!, connections: Number(connections), duration: Number(seconds), timeout: Number(seconds) });
printLoadFigures(result);
