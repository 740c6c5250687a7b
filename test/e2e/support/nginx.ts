/**
 * A real nginx (Debian's package) in front of endpoint processes, started by the test with a config
 * of its own in a temporary prefix: round robin, X-Forwarded-For appended as a deployment would, and
 * a failed upstream's request passed to the next one. `X-Upstream` names the process that answered,
 * so a test can see both were used (a test-only header; a deployment has no need of it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));

export interface Nginx {
  url: string;
  port: number;
  /** Where each upstream went (`$upstream_addr` per request), oldest first. */
  upstreams(): string[];
  errors(): string;
  /** The access log: upstream, status, method, path per request. */
  log(): string;
  close(): Promise<void>;
}

/** A free loopback port, to give nginx before the endpoints that need its URL start. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function config(prefix: string, port: number, upstreams: string[], accessLog: boolean): string {
  return `worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
daemon off;
events { worker_connections 4096; }
http {
  log_format upstream '$upstream_addr $status $request_method $uri';
  access_log ${accessLog ? `${prefix}/access.log upstream` : 'off'};
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  client_max_body_size 1m;
  upstream endpoint {
${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=60s;`).join('\n')}
    keepalive 128;
    # Shorter than the endpoint's own 5 s idle timeout, so nginx never reuses a connection the
    # endpoint is closing (which would count as a failure and take the process out of rotation).
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://endpoint;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A donation carries an Idempotency-Key and a webhook an event id, so passing a POST to the
      # other process when the first fails is safe: it answers the same or does the work once.
      proxy_next_upstream error timeout http_502 non_idempotent;
      proxy_connect_timeout 2s;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** `accessLog: false` for a bench, where writing a line per request would be part of what is measured. */
export async function startNginx(port: number, upstreams: string[], { accessLog = true } = {}): Promise<Nginx> {
  if (!NGINX) throw new Error('nginx is not installed (apt-get install -y nginx)');
  const prefix = mkdtempSync(join(tmpdir(), 'mira-nginx-'));
  for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, dir));
  const file = join(prefix, 'nginx.conf');
  writeFileSync(file, config(prefix, port, upstreams, accessLog));
  const check = spawnSync(NGINX, ['-t', '-p', prefix, '-c', file], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx refused its config:\n${check.stderr}`);
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', file], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(`${url}/api/config`);
      break;
    } catch {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`nginx did not start:\n${readLog(join(prefix, 'error.log'))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    port,
    upstreams: () => readLog(join(prefix, 'access.log')).split('\n').filter(Boolean).map((line) => line.split(' ')[0]!),
    errors: () => readLog(join(prefix, 'error.log')),
    log: () => readLog(join(prefix, 'access.log')),
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

function readLog(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}
