/**
 * The report in a real browser: headless Chromium from the system's packages (/usr/bin/chromium, or
 * KMSCTL_CHROMIUM), driven by playwright-core, never a downloaded browser. The test opens the page from
 * disk, reads the auditor's numbers back from what the browser renders, checks that the page asked the
 * network for nothing, and saves a screenshot under test-artifacts/ (gitignored). `.ci/run` installs
 * Chromium on a clean Debian machine.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFleet, type Fleet } from './fleet-fixture.js';

const CHROMIUM = process.env.KMSCTL_CHROMIUM ?? '/usr/bin/chromium';
/** This machine's network is closed: Chromium must not try its background connections at all. */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

let fleet: Fleet;
let profile: string;
let browser: BrowserContext;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install the Debian package (apt-get install chromium), run .ci/run, or set KMSCTL_CHROMIUM`);
  fleet = await startFleet();
  expect((await fleet.kmsctl(['report'])).code).toBe(0);
  profile = mkdtempSync(join(tmpdir(), 'kmsctl-chromium-'));
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  await fleet?.close();
});

describe('the report in Chromium', () => {
  test('shows the summary and a key\'s row with the figures of the JSON file, fetches nothing, and is saved as a screenshot', async () => {
    const figures = JSON.parse(await fleet.readText('kmsctl-report.json')) as {
      summary: { sentence: string; by_status: Record<string, number> };
      groups: { keys: { name: string; status: string; max_age: string | null; due_at: string | null }[] }[];
    };
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(join(fleet.dir, 'kmsctl-report.html')).href;
    await page.goto(url);

    expect(await page.textContent('#summary-sentence')).toBe(figures.summary.sentence);
    const counts = await page.$$eval('.counts li', (items) => items.map((li) => [li.getAttribute('data-status'), li.querySelector('.count')?.textContent]));
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(Object.entries(figures.summary.by_status).map(([status, n]) => [status.replace('_', '-'), String(n)])));

    const row = page.locator('tr[data-key="release-signing"]');
    const expected = figures.groups.flatMap((g) => g.keys).find((k) => k.name === 'release-signing');
    expect(await row.getAttribute('data-status')).toBe(expected?.status);
    expect(await row.locator('.badge').textContent()).toBe('due soon');
    expect(await row.locator('.when').textContent()).toBe(`due ${expected?.due_at}`);
    expect(await row.locator('.age-text').textContent()).toMatch(new RegExp(`^80d( \\d+[hms])? of ${expected?.max_age}$`));
    expect(await row.locator('.timeline svg circle').count()).toBe(1);
    expect(await page.locator('section.group h2').allTextContents()).toEqual(['base identity · cn-hangzhou', 'base identity · cn-shanghai']);

    expect(requests).toEqual([url]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'report.png'))).toBe(true);
  });
});
