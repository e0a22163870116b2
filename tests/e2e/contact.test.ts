import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/server.ts';
import { countRows } from '../helpers/contact.ts';

describe('the contact form in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  before(async () => {
    site = await startSite({ CONTACT_RATE_LIMIT: '100' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
  });

  test('with JavaScript it sends in place, shows per-field errors, then "Message sent"', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/contact/`);
    const form = page.locator('contact-form form');
    await form.getByLabel('Name').fill('Grace Hopper');
    await form.getByLabel('Email').fill('grace@example');
    await form.getByLabel('Message').fill('Please add the compiler server.');
    await form.getByRole('button', { name: 'Send message' }).click();
    const emailError = page.locator('[data-error-for="email"]');
    await emailError.waitFor({ state: 'visible' });
    assert.match(await emailError.innerText(), /"grace@example" is not an email address/);
    assert.equal(await form.getByLabel('Email').getAttribute('aria-invalid'), 'true');
    // The status line points at the field rather than repeating its message.
    const status = await page.locator('contact-form [data-status]').innerText();
    assert.match(status, /one field needs attention/);
    assert.doesNotMatch(status, /is not an email address/);
    assert.equal(page.url(), `${site.url}/contact/`, 'the page did not navigate');
    assert.equal(countRows(site.dbPath), 0);

    await form.getByLabel('Email').fill('grace@example.org');
    await form.getByRole('button', { name: 'Send message' }).click();
    await page.getByText('Message sent.').waitFor();
    assert.equal(await emailError.isHidden(), true);
    assert.equal(await form.getByLabel('Message').inputValue(), '', 'the form is cleared after sending');
    assert.equal(page.url(), `${site.url}/contact/`);
    assert.equal(countRows(site.dbPath), 1);
    await context.close();
  });

  test('without JavaScript it posts normally, shows errors as a page, and ends on the thank-you page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const before = countRows(site.dbPath);
    await page.goto(`${site.url}/contact/`);
    const form = page.locator('form');
    await form.getByLabel('Name').fill('<b>Linus</b>');
    // "a@b" satisfies the browser's own email check but not the server's, so the server answers.
    await form.getByLabel('Email').fill('a@b');
    await form.getByLabel('Message').fill('Wrong risk level on git_push.');
    await form.getByRole('button', { name: 'Send message' }).click();
    await page.waitForURL(`${site.url}/api/contact/`);
    assert.match(await page.locator('h1').innerText(), /Please check your message/);
    assert.match(await page.locator('[role="alert"]').innerText(), /"a@b" is not an email address/);
    assert.equal(await page.getByLabel('Name').inputValue(), '<b>Linus</b>', 'the typed name comes back as text');
    assert.equal(await page.locator('main b').count(), 0, 'the typed markup was not rendered');
    assert.equal(countRows(site.dbPath), before);

    await page.getByLabel('Email').fill('linus@example.org');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.waitForURL(`${site.url}/contact/sent/`);
    assert.match(await page.locator('h1').innerText(), /Message sent/);
    assert.equal(countRows(site.dbPath), before + 1);
    await context.close();
  });
});
