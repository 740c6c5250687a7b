// How every suite and bench launches Debian's headless Chromium: plain JavaScript, so the Web Test
// Runner config (an .mjs file) and the TypeScript tests share one list. CHROMIUM_PATH picks another.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  // As root in a container, and with no network but loopback (see TOOLCHAIN.md).
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
