/** Headless Debian Chromium, launched the way it must be as root in a container. */
import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions } from '../../support/chromium.mjs';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}
