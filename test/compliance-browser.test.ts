// Issue 12's browser check: the HTML compliance report of examples/insecure-app, opened in headless
// Chromium (Debian's `chromium`, driven by the devDependency `playwright-core`), shows its summary and a
// failing control. The screenshot is kept in $PALISADE_TEST_ARTIFACTS (default: a temporary folder).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { renderComplianceHtml, runComplianceScan } from '../src/compliance/report/index.ts';
import { REPO_ROOT } from '../scripts/rule-docs.ts';

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

describe('HTML compliance report in a browser', () => {
  it('shows the summary and a failing control of examples/insecure-app', async (t) => {
    const executablePath = CHROMIUM_PATHS.find((path) => existsSync(path));
    if (executablePath === undefined) {
      t.skip('needs the Debian package chromium');
      return;
    }
    const { report } = await runComplianceScan({ targets: [join(REPO_ROOT, 'examples', 'insecure-app')], framework: 'cis-k8s-1.9', env: { PALISADE_WORKERS: '0' } });
    const artifacts = process.env['PALISADE_TEST_ARTIFACTS'] ?? join(tmpdir(), 'palisade-test-artifacts');
    await mkdir(artifacts, { recursive: true });
    const htmlPath = join(artifacts, 'compliance-insecure-app.html');
    await writeFile(htmlPath, renderComplianceHtml(report));
    const browser = await chromium.launch({ executablePath, headless: true });
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
