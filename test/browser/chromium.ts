/**
 * Launching Debian's Chromium for the browser tests. CI installs it; where it is missing the tests
 * skip with this message rather than fail, and nothing is ever downloaded (no `playwright install`).
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's package puts it here; CI installs the same package. */
export const chromiumPath = '/usr/bin/chromium';

/** True when the browser tests can run; they skip (with a message) only when Chromium is absent. */
export const hasChromium = existsSync(chromiumPath);

/** What a skipped run prints, so nobody mistakes a skip for a pass. */
export const skipMessage = `browser tests skipped: ${chromiumPath} not found (install it with: apt-get install -y chromium)`;

/** Headless Chromium with the flags that work as root in a container. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
