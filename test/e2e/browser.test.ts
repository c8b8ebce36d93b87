// End to end in real headless Chromium (Debian's `chromium`, driven by playwright-core): the settings page, the
// playground, analytics and the dashboard app inside an iframe of a page that plays Chatwoot's part.
// Screenshots of each page go to test-artifacts/. Without Chromium the suite says so and is skipped, except in CI
// (CI=true), where it fails: .ci/run installs Chromium.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { AppLinks } from '../../src/web/app-link.js';
import { defaultSettings } from '../../src/config/settings.js';
import { buildWebUi } from '../../src/web/ui/build.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
const executablePath = CANDIDATES.find((p) => existsSync(p));
const inCi = process.env['CI'] === 'true';
if (!executablePath) {
  process.stderr.write(`e2e: no Chromium at ${CANDIDATES.join(', ')} (apt-get install chromium, or set CHROMIUM_PATH); ${inCi ? 'failing: CI must run it' : 'skipping the browser tests'}\n`);
}
const suite = executablePath || inCi ? describe : describe.skip;
const ARTIFACTS = 'test-artifacts';

// A minute per test: CI's two cores run this file beside the kill -9 storms. Playwright's own waits give up after 20 s,
// so a step that never comes fails with the locator it waited for rather than the test's bare timeout.
suite('in a real browser', { timeout: 60_000 }, () => {
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

  async function signedIn(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(`${base}/`);
    await page.fill('#token', 'not-the-token');
    await page.click('form.login button[type=submit]');
    await page.getByRole('alert').filter({ hasText: 'That token is not right.' }).waitFor();
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('#tab-persona');
    reportOnFailure(page);
    return page;
  }

  /** When the test fails, prints what the page saw go wrong (failed requests, error responses, console errors) and the
   * save status, and takes a screenshot: a wait that timed out says what it waited for, this says why. */
  function reportOnFailure(page: Page): void {
    page.setDefaultTimeout(20_000);
    const seen: string[] = [];
    page.on('requestfailed', (r) => seen.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) seen.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') seen.push(`console: ${m.text()}`);
    });
    onTestFailed(async ({ task }) => {
      const status = await page.locator('#save-status').textContent({ timeout: 1_000 }).catch(() => '(none)');
      process.stderr.write(`e2e "${task.name}" failed; save status: ${status}; the page saw: ${seen.length ? seen.join(' | ') : 'nothing wrong'}\n`);
      await page.screenshot({ path: `${ARTIFACTS}/failed-${task.id}.png`, fullPage: true }).catch(() => undefined);
    });
  }

  /** The element whose id is a dotted settings path (ids with dots need the attribute form). */
  const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

  async function publish(page: Page): Promise<void> {
    await page.click('#publish');
    await page.locator('#save-status').filter({ hasText: /^Published:/ }).waitFor();
  }

  it('shows the first-run checklist with each step’s state, opens the playground from it, and hides it', async () => {
    const page = await signedIn();
    await page.setViewportSize({ width: 1366, height: 900 });
    const checklist = page.locator('#first-run');
    await checklist.waitFor();
    // The sample folder answers already; nothing was tried or published yet; the sandbox is not Chatwoot.
    expect(await page.locator('#first-run li').evaluateAll((items) => items.map((item) => `${item.id} ${item.className}`))).toEqual([
      'first-run-helpdesk todo',
      'first-run-knowledge done',
      'first-run-playground todo',
      'first-run-publish todo',
    ]);
    expect(await page.locator('#first-run-knowledge').textContent()).toContain('19 files in the knowledge folder');
    await page.screenshot({ path: `${ARTIFACTS}/first-run-checklist.png` });
    await page.locator('#first-run-playground button').click();
    await page.locator('#tab-playground[aria-selected="true"]').waitFor();
    await page.click('#first-run-hide');
    await page.locator('#first-run-open').waitFor();
    expect(await checklist.count()).toBe(0);
    await page.click('#first-run-open');
    await checklist.waitFor();
    await page.close();
  });

  it('edits the persona with limits shown as you type, saves a draft, adds a rule and publishes', async () => {
    const page = await signedIn();
    const role = byId(page, 'defaultProfile.persona.role');
    await role.fill('You are Sari, the friendly assistant of Batik Nusantara.');
    await page.locator('[data-path="defaultProfile.persona.role"] .counter').filter({ hasText: '56 of 1500' }).waitFor();

    // A name over its limit: counted in red while typing, refused by the server with the message next to the field.
    const name = byId(page, 'defaultProfile.persona.name');
    await name.fill('x'.repeat(81));
    await page.locator('[data-path="defaultProfile.persona.name"] .counter.over').waitFor();
    // Saved from another tab: the page opens the tab of the field the server refused.
    await page.click('#tab-handoff');
    await page.click('#save-draft');
    await page.locator('#tab-persona[aria-selected="true"]').waitFor();
    const error = page.locator('[data-path="defaultProfile.persona.name"] .error');
    await error.waitFor();
    // In plain words next to the field and in the summary, no schema path: English, then Indonesian.
    expect(await error.textContent()).toBe('At most 80 characters');
    expect(await page.locator('.error-summary').textContent()).toBe('Persona › Name: at most 80 characters');
    await page.screenshot({ path: `${ARTIFACTS}/settings-validation.png`, fullPage: true });
    await page.click('button[aria-pressed="false"]:has-text("ID")');
    expect(await error.textContent()).toBe('Paling banyak 80 karakter');
    expect(await page.locator('.error-summary').textContent()).not.toContain('defaultProfile');
    await page.click('button:has-text("EN")');
    await name.fill('Sari');
    await page.click('#save-draft');
    await page.locator('#save-status').filter({ hasText: 'Draft saved' }).waitFor();
    expect(h.jawab.settings.draft().defaultProfile.persona.role).toBe('You are Sari, the friendly assistant of Batik Nusantara.');
    expect(h.jawab.settings.get().defaultProfile.persona.role).toBe('You are the customer service assistant of this company.');
    await page.screenshot({ path: `${ARTIFACTS}/settings-persona.png`, fullPage: true });

    // Indonesian UI text, down to the choices of a rule.
    await page.click('button[aria-pressed="false"]:has-text("ID")');
    await page.locator('#tab-persona').filter({ hasText: 'Persona' }).waitFor();
    expect(await page.locator('#publish').textContent()).toBe('Terbitkan');
    await page.click('button:has-text("EN")');

    // WHEN the customer seems frustrated THEN send this exact message.
    await page.click('#tab-rules');
    await page.click('button:has-text("Add a rule")');
    await page.locator('.rules-count').filter({ hasText: '1 of 20 rules' }).waitFor();
    // A new rule comes with a unique name and the one condition and one action it needs.
    await page.locator('.rule .when .counter').filter({ hasText: '1 of 5' }).waitFor();
    await page.locator('.rule .then .counter').filter({ hasText: '1 of 5' }).waitFor();
    await byId(page, 'defaultProfile.rules.0.name').fill('Frustrated customers');
    await byId(page, 'defaultProfile.rules.0.conditions.0.type').selectOption({ label: 'The customer seems' });
    await byId(page, 'defaultProfile.rules.0.conditions.0.value').selectOption({ label: 'frustrated' });
    await byId(page, 'defaultProfile.rules.0.actions.0.type').selectOption({ label: 'Send this exact message' });
    await byId(page, 'defaultProfile.rules.0.actions.0.text').fill('Maaf atas ketidaknyamanannya, kami bantu segera.');
    // The offline model's threshold for `frustrated`, tightened on the same tab.
    await byId(page, 'defaultProfile.sentimentThresholds.frustrated').fill('0.8');
    await page.screenshot({ path: `${ARTIFACTS}/settings-rules.png`, fullPage: true });
    await page.click('button[aria-pressed="false"]:has-text("ID")');
    expect(await byId(page, 'defaultProfile.rules.0.conditions.0.type').locator('option:checked').textContent()).toBe('Pelanggan tampak');
    expect(await byId(page, 'defaultProfile.rules.0.conditions.0.value').locator('option:checked').textContent()).toBe('kesal');
    expect(await page.locator('label[for="defaultProfile.sentimentThresholds.frustrated"]').textContent()).toBe('Kesal');
    await page.screenshot({ path: `${ARTIFACTS}/settings-rules-id.png`, fullPage: true });
    await page.click('button:has-text("EN")');

    await publish(page);
    const published = h.jawab.settings.get().defaultProfile;
    expect(published.persona.role).toBe('You are Sari, the friendly assistant of Batik Nusantara.');
    expect(published.persona.name).toBe('Sari');
    expect(published.sentimentThresholds).toEqual({ ...defaultSettings().defaultProfile.sentimentThresholds, frustrated: 0.8 });
    expect(published.rules).toEqual([
      {
        name: 'Frustrated customers',
        enabled: true,
        match: 'all',
        conditions: [{ type: 'sentiment', value: 'frustrated' }],
        actions: [{ type: 'send_message', text: 'Maaf atas ketidaknyamanannya, kami bantu segera.' }],
      },
    ]);
    await page.close();
  });

  it('restores an earlier published version with the button beside Publish, after showing what it changes', async () => {
    const page = await signedIn();
    // The list comes in after the page: wait for the version the start found before reading it.
    await page.locator('#history-version option', { hasText: /the settings found at start$/ }).waitFor({ state: 'attached' });
    const versions = await page.locator('#history-version option').allTextContents();
    expect(versions[1]).toMatch(/^Version 2 · .* · published \(what is published now\)$/);
    expect(versions.at(-1)).toMatch(/^Version 1 · .* · the settings found at start$/);
    expect(await page.locator('#restore-version').isDisabled()).toBe(true);
    await page.selectOption('#history-version', '1');
    await page.locator('.history-changes summary').filter({ hasText: /^Restoring it changes \d+ fields$/ }).waitFor();
    expect(await page.locator('.history-changes').textContent()).toContain('defaultProfile.persona.name: "Sari" → "Jawab"');
    await page.click('#restore-version');
    await page.locator('#save-status').filter({ hasText: 'Version 1 is published again: customers get it now.' }).waitFor();
    expect(h.jawab.settings.get().defaultProfile.persona.name).toBe('Jawab');
    expect(await page.inputValue('[id="defaultProfile.persona.name"]')).toBe('Jawab');
    // The restore is a new version, and the list is read again: a version picked before it comes in is unpicked.
    await page.locator('#history-version option', { hasText: /· restore of version 1 \(what is published now\)$/ }).waitFor({ state: 'attached' });
    // And back: version 2 is the one just replaced.
    await page.selectOption('#history-version', '2');
    await page.locator('.history-changes summary').filter({ hasText: /^Restoring it changes/ }).waitFor();
    await page.click('button[aria-pressed="false"]:has-text("ID")');
    expect(await page.locator('#restore-version').textContent()).toBe('Pulihkan versi ini');
    await page.click('#restore-version');
    await page.locator('#save-status').filter({ hasText: 'Versi 2 diterbitkan lagi: pelanggan kini mendapatkannya.' }).waitFor();
    expect(h.jawab.settings.get().defaultProfile.persona.name).toBe('Sari');
    await page.click('button:has-text("EN")');
    await page.close();
  });

  /** Adds a profile for an inbox (a copy of the default one) and opens it. */
  async function addInboxProfile(page: Page, inbox: string): Promise<void> {
    await page.fill('#new-inbox', inbox);
    await page.click('.add-profile button');
    await page.locator(`#profile option[value="${inbox}"]:checked`).waitFor({ state: 'attached' });
  }

  it('sets handoff, idle, follow-ups and business hours of an inbox in words, not raw data, and publishes them', async () => {
    const page = await signedIn();
    // On an inbox's own profile, so the conversations of the other tests keep the default one.
    await addInboxProfile(page, '7');
    await page.click('#tab-handoff');
    await byId(page, 'inboxes.7.handoff.assign.strategy').selectOption({ label: 'Round robin among online agents' });
    // The team by its name in the helpdesk (the sandbox's), stored as its id.
    expect(await byId(page, 'inboxes.7.handoff.assign.teamId').locator('option').allTextContents()).toEqual(['— choose —', 'Customer service', 'Billing']);
    await byId(page, 'inboxes.7.handoff.assign.teamId').selectOption({ label: 'Billing' });
    await page.locator('[data-path="inboxes.7.handoff.onSentiments"] label:has-text("frustrated") input').check();
    await byId(page, 'inboxes.7.handoff.afterBotReplies').fill('4');
    // Idle: resolve after 2 hours, typed as 2 and the unit hours.
    await byId(page, 'inboxes.7.idle.action').selectOption({ label: 'Resolve the conversation (with the message)' });
    await page.locator('[data-path="inboxes.7.idle.afterSeconds"] select.unit').selectOption({ label: 'hours' });
    await byId(page, 'inboxes.7.idle.afterSeconds').fill('2');
    await byId(page, 'inboxes.7.idle.message').fill('Kami tutup dulu percakapannya ya. Chat lagi kapan saja!');
    // A follow-up after 30 minutes that then hands off.
    await page.click('[data-path="inboxes.7.followUps"] > button.add');
    await page.locator('[data-path="inboxes.7.followUps.0.afterSeconds"] select.unit').selectOption({ label: 'minutes' });
    await byId(page, 'inboxes.7.followUps.0.afterSeconds').fill('30');
    await byId(page, 'inboxes.7.followUps.0.message').fill('Masih ada yang bisa kami bantu?');
    await byId(page, 'inboxes.7.followUps.0.then').selectOption({ label: 'Hand off to a human' });
    await page.locator('[data-path="inboxes.7.followUps"] .counter').first().filter({ hasText: '1 of 5' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/settings-handoff.png`, fullPage: true });

    // Business hours: Makassar time, open on Saturday too (a new day starts with the usual hours).
    await page.click('#tab-businessHours');
    await byId(page, 'inboxes.7.businessHours.enabled').check();
    await byId(page, 'inboxes.7.businessHours.timeZone').fill('Asia/Makassar');
    await byId(page, 'inboxes.7.businessHours.weekly.sat.on').check();
    await byId(page, 'inboxes.7.businessHours.weekly.sat.0.to').fill('13:00');
    await page.screenshot({ path: `${ARTIFACTS}/settings-business-hours.png`, fullPage: true });

    await publish(page);
    const published = h.jawab.settings.get().inboxes['7']!;
    expect(published.handoff).toMatchObject({ assign: { strategy: 'any_available', teamId: 2 }, onSentiments: ['frustrated'], afterBotReplies: 4 });
    expect(published.idle).toEqual({ action: 'resolve', afterSeconds: 7200, message: 'Kami tutup dulu percakapannya ya. Chat lagi kapan saja!', assign: { strategy: 'any_available' } });
    expect(published.followUps).toEqual([{ afterSeconds: 1800, message: 'Masih ada yang bisa kami bantu?', then: 'handoff' }]);
    expect(published.businessHours.enabled).toBe(true);
    expect(published.businessHours.timeZone).toBe('Asia/Makassar');
    expect(published.businessHours.weekly.sat).toEqual([{ from: '09:00', to: '13:00' }]);
    expect(published.businessHours.weekly.sun).toBeUndefined();
    await page.close();
  });

  it('builds the flow of an inbox with a button step that jumps to an end step, and publishes it', async () => {
    const page = await signedIn();
    await addInboxProfile(page, '8');
    await page.click('#tab-flows');
    await byId(page, 'inboxes.8.flow.enabled').check();
    const newStep = byId(page, 'inboxes.8.flow.steps.+key');
    await newStep.fill('start');
    await page.click('[data-path="inboxes.8.flow.steps"] .record-add button');
    await byId(page, 'inboxes.8.flow.steps.start.type').selectOption({ label: 'Ask with buttons' });
    await byId(page, 'inboxes.8.flow.steps.start.text').fill('Halo! Ada yang bisa kami bantu?');
    await byId(page, 'inboxes.8.flow.steps.start.buttons.0.title').fill('Bicara dengan agen');
    // A step id with a space is refused before it is added.
    await newStep.fill('to agent');
    await page.locator('[data-path="inboxes.8.flow.steps"] .record-add .error').waitFor();
    await newStep.fill('agent');
    await page.click('[data-path="inboxes.8.flow.steps"] .record-add button');
    await byId(page, 'inboxes.8.flow.steps.agent.type').selectOption({ label: 'End the flow' });
    await byId(page, 'inboxes.8.flow.steps.agent.to').selectOption({ label: 'A human' });
    // A jump is picked from the steps that exist, each shown by what it does.
    const next = byId(page, 'inboxes.8.flow.steps.start.buttons.0.next');
    expect(await next.locator('option').evaluateAll((os) => os.map((o) => o.textContent))).toEqual([
      '— choose —',
      'start · Ask with buttons: “Halo! Ada yang bisa kami bantu?”',
      'agent · End the flow: A human',
    ]);
    await next.selectOption({ label: 'agent · End the flow: A human' });
    await page.screenshot({ path: `${ARTIFACTS}/settings-flow.png`, fullPage: true });

    await publish(page);
    expect(h.jawab.settings.get().inboxes['8']!.flow).toEqual({
      enabled: true,
      start: 'start',
      steps: {
        start: { type: 'buttons', text: 'Halo! Ada yang bisa kami bantu?', buttons: [{ title: 'Bicara dengan agen', next: 'agent' }] },
        agent: { type: 'end', to: 'human', skipLastAiAnswer: false },
      },
    });
    expect(h.jawab.settings.get().defaultProfile.flow.enabled).toBe(false);
    await page.close();
  });

  it('adds knowledge sources of an inbox live: snippets, an uploaded Markdown file, a test question, disable, delete', async () => {
    const page = await signedIn();
    // An inbox profile, so the playground and analytics tests keep the default profile's knowledge.
    await addInboxProfile(page, '9');
    await page.click('#tab-knowledge');
    await page.locator('#knowledge-problem').filter({ hasText: 'not published yet' }).waitFor();
    await publish(page);
    await page.locator('#knowledge-count').filter({ hasText: '0 of 100 sources' }).waitFor();
    // The configured folder answers too, and says so: not "no sources".
    await page.locator('#knowledge-folder .source-status').filter({ hasText: '19 files' }).waitFor();
    expect(await page.locator('#knowledge-folder').textContent()).toContain('This profile answers from it.');
    expect(await page.locator('.knowledge').textContent()).toContain('No other sources yet.');

    // Snippets: one Q&A pair and one free text.
    await page.click('#add-source summary');
    await byId(page, 'new-source.name').fill('Vouchers');
    await byId(page, 'new-source.snippets.0.question').fill('Do you sell gift vouchers?');
    await byId(page, 'new-source.snippets.0.answer').fill('Yes: gift vouchers from Rp 100.000, valid for one year.');
    await page.click('[data-path="new-source.snippets"] > button.add');
    await byId(page, 'new-source.snippets.1.kind').selectOption({ label: 'Free text' });
    await byId(page, 'new-source.snippets.1.text').fill('Gift wrapping is free for every order above Rp 500.000.');
    await page.click('#add-source-submit');
    const vouchers = page.locator('.source[data-name="Vouchers"]');
    await vouchers.locator('.chunks').filter({ hasText: '2 chunks' }).waitFor();
    expect(await vouchers.locator('.source-status').textContent()).toContain('2 documents');

    // Files: a small Markdown file uploaded with the new source.
    await byId(page, 'new-source-type').selectOption({ label: 'Files' });
    await byId(page, 'new-source.name').fill('Care guide');
    const guide = '# Songket care\n\n## Storing songket\n\nRoll songket cloth around acid-free tissue paper and keep it away from camphor.\n';
    await page.setInputFiles('#new-source-files', { name: 'songket-care.md', mimeType: 'text/markdown', buffer: Buffer.from(guide) });
    await page.click('#add-source-submit');
    const care = page.locator('.source[data-name="Care guide"]');
    await care.locator('.source-files li').filter({ hasText: 'songket-care.md' }).waitFor();
    await care.locator('.chunks').filter({ hasText: /^[1-9]\d* chunks?$/ }).waitFor();
    await page.locator('#knowledge-count').filter({ hasText: '2 of 100 sources' }).waitFor();

    // The test box finds the uploaded passage and says it is relevant.
    await page.fill('#knowledge-question', 'how should I store songket cloth?');
    await page.click('#knowledge-ask');
    await page.locator('#knowledge-results .verdict.relevant').waitFor();
    const first = page.locator('#knowledge-results .passage').first();
    expect(await first.locator('.passage-text').textContent()).toContain('acid-free tissue paper');
    expect(await first.locator('.passage-head').textContent()).toContain('Care guide');
    expect(await first.locator('.score').textContent()).toMatch(/^score 0\.\d\d$/);
    await page.screenshot({ path: `${ARTIFACTS}/knowledge.png`, fullPage: true });

    // Problems are shown next to the source they belong to: a refused file type, and a PDF that cannot be read.
    const rowUpload = care.locator('.source-files input[type=file]');
    await rowUpload.setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await care.locator('p.error').filter({ hasText: 'setup.exe: unsupported file type' }).waitFor();
    await rowUpload.setInputFiles({ name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
    await care.locator('.source-errors li').filter({ hasText: 'broken.pdf' }).waitFor();
    expect(await care.locator('.source-files li').allTextContents()).toEqual([expect.stringContaining('broken.pdf'), expect.stringContaining('songket-care.md')]);
    // A website with a wrong address is refused with the server's reason, and nothing is added.
    await byId(page, 'new-source-type').selectOption({ label: 'Website' });
    await byId(page, 'new-source.name').fill('Help center');
    await byId(page, 'new-source.url').fill('help.example.com');
    await byId(page, 'new-source.maxDepth').fill('1');
    await page.click('#add-source-submit');
    await page.locator('#add-source p.error').filter({ hasText: 'url: must be an http(s) URL' }).waitFor();
    await page.locator('#knowledge-count').filter({ hasText: '2 of 100 sources' }).waitFor();

    // Disabled: kept in the index, no longer found.
    await care.locator('button.disable').click();
    await care.locator('.badge.state').filter({ hasText: 'disabled' }).waitFor();
    expect(await care.locator('.chunks').textContent()).not.toBe('0 chunks');
    await page.click('#knowledge-ask');
    // The earlier answer still named the passage: wait for the new one rather than read the old.
    await page.locator('#knowledge-results', { hasNotText: 'acid-free tissue paper' }).locator('.passage').first().waitFor();
    expect(await page.locator('#knowledge-results').textContent()).not.toContain('acid-free tissue paper');

    // Delete asks first.
    await vouchers.locator('button.delete').click();
    await vouchers.locator('.confirm').filter({ hasText: 'Delete “Vouchers” for good' }).waitFor();
    await vouchers.locator('button.confirm-delete').click();
    await page.locator('#knowledge-count').filter({ hasText: '1 of 100 sources' }).waitFor();
    await page.click('button[aria-pressed="false"]:has-text("ID")');
    await page.locator('#knowledge-live').filter({ hasText: 'langsung berlaku' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/knowledge-id.png`, fullPage: true });
    await page.click('button:has-text("EN")');

    // The draft editor loaded this profile before the sources existed: saving and publishing it keeps them.
    await page.click('#tab-persona');
    await byId(page, 'inboxes.9.persona.name').fill('Sari');
    await publish(page);
    const published = h.jawab.settings.get().inboxes['9']!;
    expect(published.persona.name).toBe('Sari');
    expect(published.knowledge.sources.map((s) => [s.name, s.type, s.state])).toEqual([['Care guide', 'files', 'disabled']]);
    await page.close();
  });

  it('adds an integration with a token and a secret header; after a reload both are masked and kept', async () => {
    const page = await signedIn();
    await addInboxProfile(page, '10');
    await page.click('#tab-integrations');
    await page.click('[data-path="inboxes.10.integrations"] > button.add');
    const at = (field: string) => byId(page, `inboxes.10.integrations.0.${field}`);
    await at('name').fill('order_status');
    await at('description').fill('Look up an order by its order number');
    await at('baseUrl').fill('https://shop.example.com/api');
    await at('path').fill('/orders/{order_number}');
    await page.click('[data-path="inboxes.10.integrations.0.parameters"] > button.add');
    await at('parameters.0.name').fill('order_number');
    await at('parameters.0.description').fill('digits only');
    await at('headers.+key').fill('X-Api-Key');
    await page.click('[data-path="inboxes.10.integrations.0.headers"] .record-add button');
    await at('headers.X-Api-Key').fill('header-secret-987654');
    await at('token').fill('sk-live-abcdef123456');
    expect(await at('token').getAttribute('type')).toBe('password');
    await page.screenshot({ path: `${ARTIFACTS}/integrations.png`, fullPage: true });
    await publish(page);
    const stored = () => h.jawab.settings.get().inboxes['10']!.integrations[0]!;
    expect(stored()).toMatchObject({ name: 'order_status', method: 'GET', path: '/orders/{order_number}', parameters: [{ name: 'order_number', description: 'digits only', required: true }], token: 'sk-live-abcdef123456', headers: { 'X-Api-Key': 'header-secret-987654' } });

    await page.reload();
    await page.waitForSelector('#tab-persona');
    await page.selectOption('#profile', '10');
    await page.click('#tab-integrations');
    expect(await at('token').inputValue()).toBe('');
    expect(await at('token').getAttribute('placeholder')).toBe('••••3456');
    expect(await at('headers.X-Api-Key').getAttribute('placeholder')).toBe('••••7654');
    await page.locator('[data-path="inboxes.10.integrations.0.token"] .help').filter({ hasText: 'Kept secret' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/integrations-masked.png`, fullPage: true });
    // Another field changed and published: the secrets sent back masked are kept as they were.
    await at('description').fill('Look up the status of an order by its order number');
    await publish(page);
    expect(stored()).toMatchObject({ description: 'Look up the status of an order by its order number', token: 'sk-live-abcdef123456', headers: { 'X-Api-Key': 'header-secret-987654' } });
    await page.close();
  });

  it('chats in the playground and shows the reply, its sources and actions; simulates a scripted conversation', async () => {
    const page = await signedIn();
    await page.click('#tab-playground');
    await page.fill('#playground-input', 'berapa lama pengiriman ke Surabaya?');
    await page.press('#playground-input', 'Enter');
    const step = page.locator('#playground-transcript .step').first();
    await step.locator('.bubble.bot').waitFor();
    expect(await step.locator('.bubble.bot').textContent()).toContain('Surabaya');
    expect(await step.locator('.why').textContent()).toContain('id/pengiriman.md');
    expect(await step.locator('.why dd').first().textContent()).toBe('Reply: answered from knowledge (offline)');
    // The why line in Indonesian too, on the same transcript.
    await page.click('button[aria-pressed="false"]:has-text("ID")');
    expect(await step.locator('.why dd').first().textContent()).toBe('Balasan: dijawab dari pengetahuan (offline)');
    await page.click('button:has-text("EN")');

    await page.click('.simulate summary');
    await page.fill('#playground-script', 'How do I wash a batik shirt?\nSaya mau bicara dengan manusia');
    await page.click('#playground-simulate');
    await page.locator('#playground-transcript .step').nth(1).locator('.actions li').first().waitFor();
    const actions = await page.locator('#playground-transcript .step').nth(1).locator('.actions li').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['add labels: jawab-handoff', 'status: open', 'assign: least busy online agent']));
    expect(await page.locator('#playground-state').textContent()).toContain('owner: human');
    await page.screenshot({ path: `${ARTIFACTS}/playground.png`, fullPage: true });

    // The dashboard app's panel for this conversation, as agents would see it in Chatwoot, without Chatwoot.
    const preview = page.locator('#dashboard-preview');
    await preview.locator('> summary').click();
    expect(await preview.locator('#owner').getAttribute('data-owner')).toBe('human');
    expect(await preview.locator('#handoff-reason').textContent()).toBe('The customer asked for a person');
    expect(await preview.locator('#resume').isDisabled()).toBe(true);
    await preview.screenshot({ path: `${ARTIFACTS}/dashboard-preview.png` });
    await page.close();
  });

  it('chooses the team language of the notes for agents, and the media and resolve-summary settings, in words', async () => {
    const page = await signedIn();
    expect(await page.locator('#team-language option:checked').textContent()).toBe('Automatic (the default persona’s language)');
    await page.selectOption('#team-language', 'en');
    await page.click('#tab-handoff');
    await page.getByText('Leave a summary note when a conversation is resolved').waitFor();
    await byId(page, 'defaultProfile.resolveSummary').check();
    const onFile = byId(page, 'defaultProfile.media.onFile');
    expect(await onFile.locator('option').allTextContents()).toEqual(['Ask the customer to type the question', 'Hand the conversation to a person']);
    await onFile.selectOption({ label: 'Hand the conversation to a person' });
    await publish(page);
    const published = h.jawab.settings.get();
    expect(published.teamLanguage).toBe('en');
    expect(published.defaultProfile.resolveSummary).toBe(true);
    expect(published.defaultProfile.media.onFile).toBe('handoff');
    await page.click('button[aria-pressed="false"]:has-text("ID")');
    await page.locator('label.team-language').filter({ hasText: 'Catatan untuk agen dalam' }).waitFor();
    // Back to automatic: the key is left out of the settings again.
    await page.selectOption('#team-language', '');
    await page.click('#publish');
    await page.locator('#save-status').filter({ hasText: /^Diterbitkan/ }).waitFor();
    expect(h.jawab.settings.get().teamLanguage).toBeUndefined();
    await page.close();
  });

  it('starts a new playground conversation after the one it was in was removed (404)', async () => {
    const page = await signedIn();
    await page.click('#tab-playground');
    const say = async (text: string) => {
      const sent = page.waitForRequest((r) => r.url().endsWith('/api/playground'));
      await page.fill('#playground-input', text);
      await page.press('#playground-input', 'Enter');
      return (await sent).postDataJSON() as { conversationId?: number };
    };
    await say('How do I wash a batik shirt?');
    await page.locator('#playground-transcript .step .bubble.bot').first().waitFor();
    // As the server answers once the conversation was removed (24 h without a message, or beyond the cap).
    const gone = 'no such playground conversation: it was removed after 24 h without a message';
    await page.route('**/api/playground', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'not_found', message: gone } }) }), { times: 1 });
    expect((await say('and the price?')).conversationId).toEqual(expect.any(Number));
    await page.getByRole('alert').filter({ hasText: gone }).waitFor();
    expect(await say('and the price?')).not.toHaveProperty('conversationId');
    await page.close();
  });

  it('fits every tab on a phone (390×844): nothing wider than the screen', async () => {
    const page = await signedIn();
    await page.setViewportSize({ width: 390, height: 844 });
    const tabs = await page.locator('[role=tab]').evaluateAll((elements) => elements.map((element) => element.id));
    expect(tabs).toHaveLength(10);
    const wide: Record<string, number> = {};
    for (const tab of tabs) {
      await page.click(`#${tab}`);
      await page.locator(`#${tab}[aria-selected="true"]`).waitFor();
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide[tab] = width;
      await page.screenshot({ path: `${ARTIFACTS}/phone-${tab.replace('tab-', '')}.png` });
    }
    expect(wide).toEqual({});
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
    // Reasons by name, what is counted, and the chart's numbers as a table.
    expect(await page.locator('#analytics-reasons .breakdown th').allTextContents()).toEqual(['Not found in the knowledge']);
    expect(await page.locator('#analytics-counted').textContent()).toContain('Playground chats are not counted');
    await page.click('#analytics-per-day-table summary');
    const today = new Date().toISOString().slice(0, 10);
    expect(await page.locator('#analytics-per-day-table tbody tr').last().locator('th, td').allTextContents()).toEqual([today, '2', '1', '0', '1']);
    await page.screenshot({ path: `${ARTIFACTS}/analytics.png`, fullPage: true });
    await page.click('button[aria-pressed="false"]:has-text("ID")');
    expect(await page.locator('#analytics-reasons .breakdown th').allTextContents()).toEqual(['Tidak ditemukan di pengetahuan']);
    expect(await page.locator('#analytics-counted').textContent()).toContain('Chat di Playground tidak dihitung');
    await page.click('button:has-text("EN")');
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
      expect(await frame.locator('#last-why').textContent()).toBe('answered from knowledge (offline)');
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

  it('asks for details: a built-in field, a Chatwoot attribute picked by its display name, tries and a fallback', async () => {
    const page = await signedIn();
    await page.click('#tab-rules');
    await page.click('button:has-text("Add a rule")');
    const at = (path: string) => byId(page, `defaultProfile.rules.1.${path}`);
    await at('name').fill('Order questions');
    await at('conditions.0.type').selectOption({ label: 'The customer asks about' });
    await at('conditions.0.value').selectOption({ label: 'an order’s status' });
    await at('actions.0.type').selectOption({ label: 'Ask the customer for details' });
    await at('actions.0.fields').locator('label', { hasText: 'email' }).locator('input').check();
    // The sandbox lists its custom attributes: picked by name, the key, whose it is and its pattern are filled in.
    await page.locator('[data-path="defaultProfile.rules.1.actions.0.attributes"] select.pick-attribute').selectOption({ label: 'Order number (conversation)' });
    await at('actions.0.attributes.0.key').waitFor();
    expect(await at('actions.0.attributes.0.key').inputValue()).toBe('order_number');
    await at('actions.0.tries').fill('2');
    await at('actions.0.fallback').selectOption({ label: 'Hand off (the note names what is missing)' });
    await page.screenshot({ path: `${ARTIFACTS}/settings-rules-ask-for.png`, fullPage: true });
    await publish(page);
    expect(h.jawab.settings.get().defaultProfile.rules[1]!.actions).toEqual([
      { type: 'ask_for', fields: ['email'], attributes: [{ key: 'order_number', on: 'conversation', name: 'Order number', pattern: '\\bINV-\\d{4,}\\b' }], tries: 2, fallback: 'handoff' },
    ]);
    await page.close();
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
