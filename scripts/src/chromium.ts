import { accessSync, constants } from 'node:fs';

/**
 * The browser the e2e suite and the web benchmark drive: Debian's chromium package by
 * default, or any Chromium build named by DELIGHT_CHROMIUM. playwright-core never
 * downloads a browser of its own.
 */
export const CHROMIUM_PATH = process.env.DELIGHT_CHROMIUM || '/usr/bin/chromium';

/** Why the browser tests cannot run here, in words a new user can act on; null when they can. */
export function chromiumProblem(path = CHROMIUM_PATH): string | null {
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return [
      `The browser tests need Chromium, and there is no executable at ${path}.`,
      'On Debian or Ubuntu: sudo apt-get install chromium',
      'Elsewhere: install Chromium and point DELIGHT_CHROMIUM at its executable,',
      'e.g. DELIGHT_CHROMIUM="/Applications/Chromium.app/Contents/MacOS/Chromium" pnpm test',
    ].join('\n');
  }
}

/** Flags for a quiet headless Chromium in a container (no sandbox, no GPU, no phoning home). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
