// Issue 12's browser check: the HTML compliance report of examples/insecure-app, opened in headless
// Chromium (Debian's `chromium`, driven by the npm package `playwright-core`), shows its summary and a
// failing control. The screenshot is kept in $PALISADE_TEST_ARTIFACTS (default: a temporary folder).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { renderComplianceHtml, runComplianceScan } from '../src/compliance/report/index.ts';
import { REPO_ROOT } from '../scripts/rule-docs.ts';

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The few playwright-core calls the test makes. */
interface Locator {
  isVisible(): Promise<boolean>;
  textContent(): Promise<string | null>;
}
interface Page {
  goto(url: string): Promise<unknown>;
  locator(selector: string): { first(): Locator };
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
}
interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  readonly chromium: { launch(options: { executablePath: string; headless: boolean }): Promise<Browser> };
}

function isPlaywright(value: unknown): value is Playwright {
  const chromium: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, 'chromium') : undefined;
  return typeof chromium === 'object' && chromium !== null && typeof Reflect.get(chromium, 'launch') === 'function';
}

/** playwright-core when installed (it is not a dependency: CI installs it for this test). */
async function loadPlaywright(): Promise<Playwright | undefined> {
  const specifier = 'playwright-core';
  try {
    const loaded: unknown = await import(specifier);
    return isPlaywright(loaded) ? loaded : undefined;
  } catch {
    return undefined;
  }
}

describe('HTML compliance report in a browser', () => {
  it('shows the summary and a failing control of examples/insecure-app', async (t) => {
    const executablePath = CHROMIUM_PATHS.find((path) => existsSync(path));
    const playwright = await loadPlaywright();
    const missing = [...(executablePath === undefined ? ['the Debian package chromium'] : []), ...(playwright === undefined ? ['the npm package playwright-core'] : [])];
    if (executablePath === undefined || playwright === undefined) {
      t.skip(`needs ${missing.join(' and ')}`);
      return;
    }
    const { report } = await runComplianceScan({ targets: [join(REPO_ROOT, 'examples', 'insecure-app')], framework: 'cis-k8s-1.9', env: { PALISADE_WORKERS: '0' } });
    const artifacts = process.env['PALISADE_TEST_ARTIFACTS'] ?? join(tmpdir(), 'palisade-test-artifacts');
    await mkdir(artifacts, { recursive: true });
    const htmlPath = join(artifacts, 'compliance-insecure-app.html');
    await writeFile(htmlPath, renderComplianceHtml(report));
    const browser = await playwright.chromium.launch({ executablePath, headless: true });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(htmlPath).href);
      const summary = page.locator('#summary svg').first();
      assert.equal(await summary.isVisible(), true);
      const failing = page.locator('#controls h3:has(.s-fail)').first();
      assert.equal(await failing.isVisible(), true);
      assert.match((await failing.textContent()) ?? '', /^Fail 5\.\d/);
      const screenshot = join(artifacts, 'compliance-insecure-app.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      t.diagnostic(`screenshot: ${screenshot}`);
    } finally {
      await browser.close();
    }
  });
});
