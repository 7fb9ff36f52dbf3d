// Debian's Chromium for the benchmarks that open pages, with the flags of test/browser/chromium.ts
// (headless, as root, without the background networking this machine's closed network refuses).
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
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
