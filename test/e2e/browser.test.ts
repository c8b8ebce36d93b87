// End to end in real headless Chromium (Debian's `chromium`, driven by playwright-core): the settings page, the
// playground, analytics and the dashboard app inside an iframe of a page that plays Chatwoot's part.
// Screenshots of each page go to test-artifacts/. Without Chromium the suite says so and is skipped, except in CI
// (CI=true), where it fails: .ci/run installs Chromium.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppLinks } from '../../src/web/app-link.js';
import { buildWebUi } from '../../src/web/ui/build.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';
import { standInRules } from '../helpers/stand-in-rules.js';

const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
const executablePath = CANDIDATES.find((p) => existsSync(p));
const inCi = process.env['CI'] === 'true';
if (!executablePath) {
  process.stderr.write(`e2e: no Chromium at ${CANDIDATES.join(', ')} (apt-get install chromium, or set CHROMIUM_PATH); ${inCi ? 'failing: CI must run it' : 'skipping the browser tests'}\n`);
}
const suite = executablePath || inCi ? describe : describe.skip;
const ARTIFACTS = 'test-artifacts';

suite('in a real browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let server: Server;

  beforeAll(async () => {
    if (!executablePath) throw new Error(`Chromium not found (looked at ${CANDIDATES.join(', ')}): .ci/run installs Debian's chromium package`);
    await Promise.all([buildWebUi(), mkdir(ARTIFACTS, { recursive: true })]);
    h = await startHarness({ helpdesk: 'sandbox' });
    server = h.jawab.http.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await h?.close();
  });

  async function signedIn(options: { standInRules?: boolean } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (e) => {
      throw e;
    });
    if (options.standInRules) {
      // The page renders from the schema it is served: add SPEC 3's rules shape to the profile's.
      await page.route('**/api/settings/schema', async (route) => {
        const schema = await (await route.fetch()).json();
        schema.properties.defaultProfile.properties.rules = z.toJSONSchema(standInRules);
        await route.fulfill({ json: schema });
      });
    }
    await page.goto(`${base}/`);
    await page.fill('#token', 'not-the-token');
    await page.click('form.login button[type=submit]');
    await page.getByRole('alert').filter({ hasText: 'That token is not right.' }).waitFor();
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('#tab-persona');
    return page;
  }

  it('edits the persona with limits shown as you type, saves a draft, adds a rule and publishes', async () => {
    const hasRules = 'rules' in h.jawab.settings.get().defaultProfile;
    const page = await signedIn({ standInRules: !hasRules });
    const role = page.locator('[id="defaultProfile.persona.role"]');
    await role.fill('You are Sari, the friendly assistant of Batik Nusantara.');
    await page.locator('[data-path="defaultProfile.persona.role"] .counter').filter({ hasText: '56 of 1500' }).waitFor();

    // A name over its limit: counted in red while typing, refused by the server with the message next to the field.
    const name = page.locator('[id="defaultProfile.persona.name"]');
    await name.fill('x'.repeat(81));
    await page.locator('[data-path="defaultProfile.persona.name"] .counter.over').waitFor();
    // Saved from another tab: the page opens the tab of the field the server refused.
    await page.click('#tab-handoff');
    await page.click('#save-draft');
    await page.locator('#tab-persona[aria-selected="true"]').waitFor();
    const error = page.locator('[data-path="defaultProfile.persona.name"] .error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/80/);
    await page.screenshot({ path: `${ARTIFACTS}/settings-validation.png`, fullPage: true });
    await name.fill('Sari');
    await page.click('#save-draft');
    await page.locator('#save-status').filter({ hasText: 'Draft saved' }).waitFor();
    expect(h.jawab.settings.draft().defaultProfile.persona.role).toBe('You are Sari, the friendly assistant of Batik Nusantara.');
    expect(h.jawab.settings.get().defaultProfile.persona.role).toBe('You are the customer service assistant of this company.');
    await page.screenshot({ path: `${ARTIFACTS}/settings-persona.png`, fullPage: true });

    // Indonesian UI text.
    await page.click('button[aria-pressed="false"]:has-text("ID")');
    await page.locator('#tab-persona').filter({ hasText: 'Persona' }).waitFor();
    expect(await page.locator('#publish').textContent()).toBe('Terbitkan');
    await page.click('button:has-text("EN")');

    await addRule(page, hasRules);
    await page.click('#publish');
    await page.locator('#save-status').filter({ hasText: /^Published:/ }).waitFor();
    expect(h.jawab.settings.get().defaultProfile.persona.role).toBe('You are Sari, the friendly assistant of Batik Nusantara.');
    expect(h.jawab.settings.get().defaultProfile.persona.name).toBe('Sari');
    await page.close();
  });

  /**
   * Adds a rule on the Rules tab. When this build's settings have no `rules` section yet, the page was given a
   * stand-in rules schema (SPEC 3's shape) so the editor itself is exercised, and what it saves is read from the
   * request (the server drops a section it does not know).
   */
  async function addRule(page: Page, hasRules: boolean): Promise<void> {
    let sent: unknown;
    if (!hasRules) {
      await page.route('**/api/settings/draft', async (route) => {
        if (route.request().method() === 'PUT') sent = route.request().postDataJSON();
        await route.continue();
      });
    }
    await page.click('#tab-rules');
    await page.click('button:has-text("Add a rule")');
    await page.locator('.rule').waitFor();
    await page.click('.rule button:has-text("Add a condition")');
    await page.click('.rule button:has-text("Add an action")');
    const condition = page.locator('.rule .when .union-kind').first();
    await condition.selectOption({ label: 'Sentiment' });
    const action = page.locator('.rule .then .union-kind').first();
    await action.selectOption({ label: 'Send message' });
    await page.locator('.rule .then textarea, .rule .then input[type=text]').first().fill('Maaf atas ketidaknyamanannya, kami bantu segera.');
    await page.locator('.rule .when .counter').filter({ hasText: '1 of 5' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/settings-rules.png`, fullPage: true });
    await page.click('#save-draft');
    await page.locator('#save-status').filter({ hasText: 'Draft saved' }).waitFor();
    const rules = hasRules ? (h.jawab.settings.draft().defaultProfile as Record<string, unknown>)['rules'] : (sent as { defaultProfile: { rules: unknown } }).defaultProfile.rules;
    expect(JSON.stringify(rules)).toContain('Maaf atas ketidaknyamanannya, kami bantu segera.');
    expect(JSON.stringify(rules)).toContain('sentiment');
  }

  it('chats in the playground and shows the reply, its sources and actions; simulates a scripted conversation', async () => {
    const page = await signedIn();
    await page.click('#tab-playground');
    await page.fill('#playground-input', 'berapa lama pengiriman ke Surabaya?');
    await page.press('#playground-input', 'Enter');
    const step = page.locator('#playground-transcript .step').first();
    await step.locator('.bubble.bot').waitFor();
    expect(await step.locator('.bubble.bot').textContent()).toContain('Surabaya');
    expect(await step.locator('.why').textContent()).toContain('id/pengiriman.md');

    await page.click('.simulate summary');
    await page.fill('#playground-script', 'How do I wash a batik shirt?\nSaya mau bicara dengan manusia');
    await page.click('#playground-simulate');
    await page.locator('#playground-transcript .step').nth(1).locator('.actions li').first().waitFor();
    const actions = await page.locator('#playground-transcript .step').nth(1).locator('.actions li').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['add labels: jawab-handoff', 'status: open', 'assign: least busy online agent']));
    expect(await page.locator('#playground-state').textContent()).toContain('owner: human');
    await page.screenshot({ path: `${ARTIFACTS}/playground.png`, fullPage: true });
    await page.close();
  });

  it('shows analytics with charts', async () => {
    const sandbox = h.jawab.sandbox!;
    await sandbox.customerSays(sandbox.startConversation({ name: 'Ani' }).id, 'berapa lama pengiriman ke Surabaya?');
    await sandbox.customerSays(sandbox.startConversation({ name: 'Budi' }).id, 'What is the weather on Mars tomorrow?');
    await h.settle();
    const page = await signedIn();
    await page.click('#tab-analytics');
    await page.locator('#analytics-totals .tile').first().waitFor();
    expect(await page.locator('#analytics-totals .tile .value').first().textContent()).toBe('2');
    expect(await page.locator('svg rect.bar').count()).toBeGreaterThan(0);
    expect(await page.locator('.breakdown').first().textContent()).toContain('no_answer');
    await page.screenshot({ path: `${ARTIFACTS}/analytics.png`, fullPage: true });
    await page.close();
  });

  it('runs the dashboard app in an iframe that receives appContext, and takes over', async () => {
    const sandbox = h.jawab.sandbox!;
    const c = sandbox.startConversation({ name: 'Citra' });
    await sandbox.customerSays(c.id, 'How do I wash a batik shirt?');
    await h.settle();
    const appUrl = base + new AppLinks(ADMIN_TOKEN).accountLinkPath(1);
    const chatwoot = await fakeChatwootPage(appUrl, { id: c.id, inbox_id: 1, account_id: 1, status: 'pending' });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
      await page.goto(chatwoot.url);
      const frame = page.frameLocator('iframe');
      await frame.locator('#owner[data-owner="ai"]').waitFor();
      await page.screenshot({ path: `${ARTIFACTS}/dashboard-app-ai.png` });
      await frame.locator('#take-over').click();
      await frame.locator('#owner[data-owner="human"]').waitFor();
      expect((await h.jawab.store.read(`1-${c.id}`))?.state?.owner).toBe('human');
      await page.screenshot({ path: `${ARTIFACTS}/dashboard-app-human.png` });
      expect(await page.evaluate('window.fetchInfoRequests')).toBeGreaterThan(0);
      await page.close();
    } finally {
      await new Promise((resolve) => chatwoot.server.close(resolve));
    }
  });
});

/** A page on another origin that plays Chatwoot: frames the app and answers `fetch-info` with `appContext`. */
async function fakeChatwootPage(appUrl: string, conversation: Record<string, unknown>): Promise<{ url: string; server: Server }> {
  const context = JSON.stringify({ event: 'appContext', data: { conversation, contact: { id: 1, name: 'Citra' }, currentAgent: { id: 1, name: 'Sari', email: 'sari@example.com' } } });
  const html = `<!doctype html><title>Chatwoot</title><h1>Conversation</h1>
<iframe src="${appUrl}" width="400" height="600"></iframe>
<script>
  window.fetchInfoRequests = 0;
  const frame = document.querySelector('iframe');
  const send = () => frame.contentWindow.postMessage(${JSON.stringify(context)}, '*');
  frame.addEventListener('load', send);
  window.addEventListener('message', (e) => { if (e.data === 'chatwoot-dashboard-app:fetch-info') { window.fetchInfoRequests++; send(); } });
</script>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // `localhost` rather than 127.0.0.1: a different origin from Jawab's, as Chatwoot's is.
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server };
}
