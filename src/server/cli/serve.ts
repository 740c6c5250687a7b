/** serve: start the endpoint and say its URL and mode. */
import { isLoopback, loadConfig } from '../config.js';
import { startEndpoint } from '../server.js';

export async function serveCommand() {
  const endpoint = await startEndpoint(loadConfig());
  const { mode } = endpoint.config;
  const notes = {
    demo: 'Demo mode: payments go to a local Stripe stand-in; no real payment is taken.',
    test: 'Stripe test mode: no real money moves; use test cards such as 4242 4242 4242 4242.',
    live: 'Live mode: real payments are taken.',
  };
  const beyondLoopback =
    mode === 'demo' && !isLoopback(endpoint.config.host)
      ? `\nWARNING: DEMO_LISTEN_PUBLIC=yes: the demo listens on ${endpoint.config.host}, so other machines reach it and can add test gifts to its totals.`
      : '';
  // One write, so whoever waits for the URL also has the mode note.
  const notices = endpoint.notices.map((n) => `\n${n}`).join('');
  console.log(`mira-donate listening on ${endpoint.url} (mode: ${mode}, ready ${Math.round(performance.now())} ms after process start)\n${notes[mode]}${beyondLoopback}${notices}`);
  // SIGTERM (systemd, docker stop, a rolling deploy) or Ctrl-C: finish what is under way, within
  // SHUTDOWN_SECONDS, then exit 0. A second signal does not wait.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`mira-donate: ${signal}: finishing requests under way (up to ${endpoint.config.shutdownMs / 1000} s), then exiting`);
    await endpoint.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
