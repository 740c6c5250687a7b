/**
 * HTTP/1.1 over one raw TCP connection, for what fetch hides: several requests on one connection,
 * bodies trickled byte by byte, requests Node's parser refuses, and who closed the connection.
 */
import { connect as tcpConnect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawConnection {
  socket: Socket;
  write(data: string | Buffer): void;
  /** Resolves with the first `count` complete responses, or rejects after `ms` with what did arrive. */
  responses(count: number, ms?: number): Promise<RawResponse[]>;
  /** Resolves once the server has closed the connection ('end' for a clean close, 'reset' otherwise). */
  closed(ms?: number): Promise<'end' | 'reset'>;
  received(): string;
  destroy(): void;
}

export async function connect(url: string, options: { localAddress?: string } = {}): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = tcpConnect({ host: hostname, port: Number(port), ...options });
  let text = '';
  let ended: 'end' | 'reset' | undefined;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  socket.on('data', (chunk) => ((text += chunk.toString('latin1')), wake()));
  socket.on('end', () => ((ended ??= 'end'), wake()));
  socket.on('error', () => ((ended ??= 'reset'), wake()));
  socket.on('close', () => ((ended ??= 'end'), wake()));
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));

  const until = <T>(check: () => T | undefined, ms: number, what: () => string) =>
    new Promise<T>((resolve, reject) => {
      const test = () => {
        const value = check();
        if (value === undefined) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => (cleanup(), reject(new Error(`${what()} within ${ms} ms; received:\n${text.slice(0, 2000)}`))), ms);
      const cleanup = () => (clearTimeout(timer), waiters.delete(waiter));
      const waiter = () => void test();
      waiters.add(waiter);
      test();
    });

  return {
    socket,
    write: (data) => socket.write(data),
    responses: (count, ms = 5_000) =>
      until(
        () => {
          const parsed = parseResponses(text);
          return parsed.length >= count ? parsed.slice(0, count) : undefined;
        },
        ms,
        () => `expected ${count} response(s)`,
      ),
    closed: (ms = 5_000) => until(() => ended, ms, () => 'expected the server to close the connection'),
    received: () => text,
    destroy: () => socket.destroy(),
  };
}

/** One HTTP/1.1 request, serialised; Content-Length is added for a body unless a header says otherwise. */
export function rawRequest(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Buffer {
  const all: Record<string, string> = { host: '127.0.0.1', ...headers };
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  if (bytes && !Object.keys(all).some((h) => /^(content-length|transfer-encoding)$/i.test(h))) all['content-length'] = String(bytes.length);
  const head = `${method} ${path} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes ?? Buffer.alloc(0)]);
}

/** Complete responses at the start of `text` (bodies framed by Content-Length, as the endpoint's are). */
export function parseResponses(text: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return responses;
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine!)?.[1]);
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    const bodyStart = end + 4;
    if (rest.length < bodyStart + length) return responses;
    responses.push({ status, headers, body: rest.slice(bodyStart, bodyStart + length) });
    rest = rest.slice(bodyStart + length);
    if (status === 100) responses.pop();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
