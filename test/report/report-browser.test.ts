// report.html opened in a real headless Chromium (Debian's `chromium`, which
// .ci/run installs): it must load with no console error, no failed or
// outside request, and show every chart with a size.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/bank/bank.js';
import { writeClassReport } from '../../src/report/write-class-report.js';
import { tempDir } from '../grade/fixtures.js';
import { gradedClass, off } from './graded-class.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path)) ?? whichChromium();

function whichChromium(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

if (!CHROMIUM) {
  console.warn('\n*** chromium not found: the report.html browser test is SKIPPED. Install Debian\'s chromium (.ci/run does) to run it. ***\n');
}

interface PageCheck {
  problems: string[];
  requests: string[];
  charts: { width: number; height: number; marks: number }[];
  heading: string;
  direction: string;
  screenshot: string;
}

/** Opens a file in headless Chromium and reports what went wrong on the page, the charts it shows, and a screenshot. */
async function openInChromium(file: string, screenshot: string): Promise<PageCheck> {
  const { launch } = await import('puppeteer-core');
  const browser = await launch({ executablePath: CHROMIUM!, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('request', (request) => {
      if (!/^(file|data):/.test(request.url())) requests.push(request.url());
    });
    await page.setViewport({ width: 1000, height: 1400 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const charts = await page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return { width: box.width, height: box.height, marks: svg.querySelectorAll('path, rect, line, text').length };
      }),
    );
    const heading = await page.$eval('h1', (h) => h.textContent ?? '');
    const direction = await page.$eval('html', (html) => getComputedStyle(html).direction);
    await page.screenshot({ path: screenshot, fullPage: true });
    // REPORT_SCREENSHOT_DIR=folder keeps the screenshots, to look at them.
    if (process.env.REPORT_SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.REPORT_SCREENSHOT_DIR, screenshot.split('/').pop()!), fullPage: true });
    return { problems, requests, charts, heading, direction, screenshot };
  } finally {
    await browser.close();
  }
}

async function reportFile(locale: Locale): Promise<string> {
  const graded = await gradedClass(
    { s1: {}, s2: { loss: '9' }, s3: { z: off('z') }, s4: { 'w_new[1]': '' }, s5: { z: 'abc' }, s6: 'nothing' },
    { locale, persianDigits: locale === 'fa' },
  );
  const { summary } = graded;
  const folder = join(graded.dir, 'out');
  await writeClassReport({ tally: summary.tally, set: summary.set, variantsFile: 'variants.jsonl', locale, digits: summary.digits }, folder);
  return join(folder, 'report.html');
}

describe.skipIf(!CHROMIUM)('report.html in headless Chromium', () => {
  for (const locale of ['en', 'fa'] as const) {
    it(`loads with no console error and shows every chart (${locale})`, { timeout: 60_000 }, async () => {
      const file = await reportFile(locale);
      const page = await openInChromium(file, join(tempDir(), `report-${locale}.png`));
      expect(page.problems).toEqual([]);
      expect(page.requests).toEqual([]);
      const inFile = readFileSync(file, 'utf8').match(/<svg\b/g)?.length ?? 0;
      expect(page.charts.length).toBe(inFile);
      expect(page.charts.length).toBeGreaterThanOrEqual(4);
      for (const chart of page.charts) {
        expect(chart.width).toBeGreaterThan(100);
        expect(chart.height).toBeGreaterThan(50);
        expect(chart.marks).toBeGreaterThan(10);
      }
      expect(page.heading).toBe(locale === 'fa' ? 'گزارش کلاس: test-set' : 'Class report: test-set');
      expect(page.direction).toBe(locale === 'fa' ? 'rtl' : 'ltr');
      expect(readFileSync(page.screenshot).subarray(1, 4).toString()).toBe('PNG');
    });
  }
});
