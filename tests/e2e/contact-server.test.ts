import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { main as contactExport } from '#scripts/contact-export.ts';
import { callMain } from '../helpers/cli.ts';
import { startSite, type RunningSite } from '../helpers/server.ts';
import { countRows, VALID, form } from '../helpers/contact.ts';

const ENDPOINT = '/api/contact/';

/** `CONTACT_DB=<dbPath> npm run contact:export -- --format <format>`, called in this process while the server writes. */
async function exportMessages(dbPath: string, format: 'json' | 'csv') {
  const run = await callMain(contactExport, ['--format', format], { CONTACT_DB: dbPath });
  assert.equal(run.code, 0, run.stderr);
  return run.stdout;
}

describe('the contact endpoint on the real server', () => {
  let site: RunningSite;
  const post = (body: BodyInit | null, headers: Record<string, string> = {}, init: RequestInit = {}) =>
    fetch(`${site.url}${ENDPOINT}`, { method: 'POST', body, headers, redirect: 'manual', ...init });
  const json = (value: unknown) => post(JSON.stringify(value), { 'content-type': 'application/json' });

  before(async () => {
    site = await startSite({ CONTACT_RATE_LIMIT: '1000' });
  });
  after(() => site.stop());

  test('a valid JSON post is stored and comes back out through contact:export', async () => {
    const before = countRows(site.dbPath);
    const res = await json({ ...VALID, message: 'Please add the weather server.' });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.equal(body.ok, true);
    assert.equal(countRows(site.dbPath), before + 1);
    const exported = JSON.parse(await exportMessages(site.dbPath, 'json'));
    assert.equal(exported[0].id, body.id);
    assert.equal(exported[0].message, 'Please add the weather server.');
    assert.equal(exported[0].email, VALID.email);
    assert.match(
      await exportMessages(site.dbPath, 'csv'),
      /^id,receivedAt,name,email,page,message\r\n\d+,[^,]+,Ada Lovelace,ada@example\.org,\/contact\/,Please add the weather server\.\r\n/,
    );
  });

  test('a post to /api/contact without the trailing slash is stored, not redirected', async () => {
    const before = countRows(site.dbPath);
    const res = await fetch(`${site.url}/api/contact`, {
      method: 'POST',
      body: JSON.stringify(VALID),
      headers: { 'content-type': 'application/json' },
      redirect: 'manual',
    });
    assert.equal(res.status, 201);
    assert.equal(countRows(site.dbPath), before + 1);
  });

  test('a form-encoded post is accepted and the export lists the newest first', async () => {
    const res = await post(form({ ...VALID, message: 'Newest of all.' }), { accept: 'application/json' });
    assert.equal(res.status, 201);
    const exported = JSON.parse(await exportMessages(site.dbPath, 'json'));
    assert.equal(exported[0].message, 'Newest of all.');
    assert.ok(exported[0].id > exported[1].id);
  });

  const refusals: Array<{
    kind: string;
    send: () => Promise<Response>;
    status: number;
    field: string | null;
    code: string;
    says: RegExp;
  }> = [
    {
      kind: 'missing fields',
      send: () => json({}),
      status: 422,
      field: 'name',
      code: 'contact-required',
      says: /enter your name/,
    },
    {
      kind: 'a malformed email',
      send: () => json({ ...VALID, email: 'ada.example.org' }),
      status: 422,
      field: 'email',
      code: 'contact-invalid-email',
      says: /not an email address/,
    },
    {
      kind: 'an overlong name',
      send: () => json({ ...VALID, name: 'n'.repeat(101) }),
      status: 422,
      field: 'name',
      code: 'contact-too-long',
      says: /101 characters long, but at most 100/,
    },
    {
      kind: 'a filled honeypot',
      send: () => post(form({ ...VALID, website: 'http://spam.example' })),
      status: 422,
      field: 'website',
      code: 'contact-honeypot',
      says: /must stay empty/,
    },
    {
      kind: 'an unknown field',
      send: () => json({ ...VALID, phone: '123' }),
      status: 422,
      field: 'phone',
      code: 'contact-unknown-field',
      says: /not part of a contact message/,
    },
    {
      kind: 'broken JSON',
      send: () => post('{"name": ', { 'content-type': 'application/json' }),
      status: 400,
      field: null,
      code: 'contact-malformed-body',
      says: /not valid JSON/,
    },
    {
      kind: 'an unreadable content type',
      send: () => post('hello', { 'content-type': 'text/xml' }),
      status: 415,
      field: null,
      code: 'contact-unsupported-type',
      says: /"text\/xml"/,
    },
    {
      kind: 'another origin',
      send: () => post(form(VALID), { origin: 'https://evil.example' }),
      status: 403,
      field: null,
      code: 'contact-forbidden-origin',
      says: /came from https:\/\/evil\.example/,
    },
    {
      kind: 'an oversize body with a length',
      send: () => json({ ...VALID, message: 'x'.repeat(200_000) }),
      status: 413,
      field: null,
      code: 'contact-too-large',
      says: /larger than the 64 KiB/,
    },
    {
      kind: 'an oversize body sent in chunks',
      send: () => {
        const chunk = new TextEncoder().encode('message=' + 'y'.repeat(16_000));
        let sent = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ < 10) controller.enqueue(chunk);
            else controller.close();
          },
        });
        return post(stream, { 'content-type': 'application/x-www-form-urlencoded' }, { duplex: 'half' } as RequestInit);
      },
      status: 413,
      field: null,
      code: 'contact-too-large',
      says: /larger than the 64 KiB/,
    },
  ];

  for (const r of refusals) {
    test(`${r.kind} is refused with ${r.status}, a sentence saying what is wrong, and nothing stored`, async () => {
      const before = countRows(site.dbPath);
      const res = await r.send();
      assert.equal(res.status, r.status);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const body = await res.json();
      assert.equal(body.ok, false);
      const error = body.errors.find((e: { field: string | null }) => e.field === r.field);
      assert.ok(error, `expected an error for ${r.field}, got ${JSON.stringify(body.errors)}`);
      assert.equal(error.code, r.code);
      assert.match(error.message, r.says);
      assert.equal(countRows(site.dbPath), before);
    });
  }

  test('a refused form post without JavaScript gets an HTML page with the input escaped', async () => {
    const before = countRows(site.dbPath);
    const res = await post(
      form({ name: '<script>alert(1)</script>', email: '"><img src=x onerror=alert(2)>', message: 'hi' }),
      {
        accept: 'text/html,application/xhtml+xml',
        origin: site.url,
      },
    );
    assert.equal(res.status, 422);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    // Inside a double-quoted attribute only `"` and `&` need escaping, so markup is looked for
    // outside attribute values; `"` in a value is always written &quot;, so the pattern is exact.
    const outsideValues = html.replace(/="[^"]*"/g, '=""');
    assert.ok(!outsideValues.includes('<script>alert(1)'), 'the name must not appear as markup');
    assert.ok(!outsideValues.includes('<img src=x'), 'the email must not appear as markup');
    assert.ok(html.includes('value="<script>alert(1)</script>"'), 'the name is shown again, as a field value');
    assert.ok(html.includes('value="&quot;><img src=x onerror=alert(2)>"'), 'a quote cannot end the value');
    assert.match(html, /<nav [^>]*aria-label="Main"/, 'the page has the site header and navigation');
    assert.match(html, /is not an email address/);
    assert.equal(countRows(site.dbPath), before);
  });

  test('a successful form post without JavaScript is sent to the thank-you page', async () => {
    const res = await post(form(VALID), { accept: 'text/html', origin: site.url });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/contact/sent/');
    const page = await fetch(new URL('/contact/sent/', site.url));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Message sent/);
  });

  test('any other method is answered with 405 and the allowed methods', async () => {
    const res = await fetch(`${site.url}${ENDPOINT}`);
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'POST, OPTIONS');
    const body = await res.json();
    assert.equal(body.errors[0].code, 'contact-method-not-allowed');
    assert.match(body.errors[0].message, /only accepts contact messages sent with POST, and this request used GET/);
  });

  test('200 concurrent valid posts give exactly 200 stored rows and no error', async () => {
    const before = countRows(site.dbPath);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => json({ ...VALID, message: `Concurrent message ${i}` })),
    );
    const statuses = responses.map((r) => r.status);
    assert.deepEqual(statuses, Array(200).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (r) => (await r.json()).id)));
    assert.equal(ids.size, 200);
    assert.equal(countRows(site.dbPath), before + 200);
    const exported: Array<{ message: string }> = JSON.parse(await exportMessages(site.dbPath, 'json'));
    const stored = new Set(exported.map((m) => m.message));
    for (let i = 0; i < 200; i++) assert.ok(stored.has(`Concurrent message ${i}`), `message ${i} is missing`);
  });
});

describe('the contact rate limit on the real server', () => {
  let site: RunningSite;
  before(async () => {
    site = await startSite({ CONTACT_RATE_LIMIT: '2', CONTACT_RATE_WINDOW: '1' });
  });
  after(() => site.stop());
  const send = (headers: Record<string, string> = {}) =>
    fetch(`${site.url}${ENDPOINT}`, {
      method: 'POST',
      body: JSON.stringify(VALID),
      headers: { 'content-type': 'application/json', ...headers },
    });

  test('the post after the limit gets 429 with Retry-After, stores nothing, and posting works again after the wait', async () => {
    assert.equal((await send()).status, 201);
    assert.equal((await send()).status, 201);
    const refused = await send();
    assert.equal(refused.status, 429);
    const wait = Number(refused.headers.get('retry-after'));
    assert.ok(
      Number.isInteger(wait) && wait >= 1,
      `Retry-After should be whole seconds, got ${refused.headers.get('retry-after')}`,
    );
    const body = await refused.json();
    assert.equal(body.errors[0].code, 'contact-rate-limited');
    assert.match(body.errors[0].message, /at most 2 are accepted in 1 second\. Please wait \d+ seconds?/);
    assert.equal(countRows(site.dbPath), 2);
    // A forged forwarding header does not buy a fresh budget when no proxy is trusted.
    assert.equal((await send({ 'x-forwarded-for': '203.0.113.9' })).status, 429);
    await new Promise((r) => setTimeout(r, wait * 1000 + 200));
    assert.equal((await send()).status, 201);
    assert.equal(countRows(site.dbPath), 3);
  });
});

describe('the contact rate limit behind a trusted proxy', () => {
  let site: RunningSite;
  before(async () => {
    site = await startSite({ CONTACT_RATE_LIMIT: '1', TRUST_PROXY: '1' });
  });
  after(() => site.stop());
  const send = (forwardedFor: string) =>
    fetch(`${site.url}${ENDPOINT}`, {
      method: 'POST',
      body: JSON.stringify(VALID),
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    });

  test('each client address named by the proxy has its own budget', async () => {
    assert.equal((await send('198.51.100.1')).status, 201);
    assert.equal((await send('198.51.100.2')).status, 201);
    assert.equal((await send('198.51.100.1')).status, 429);
    // The proxy appends the real address last; whatever the client wrote before it is ignored.
    assert.equal((await send('192.0.2.77, 198.51.100.1')).status, 429);
  });
});
