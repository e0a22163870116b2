import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as contactExport } from '#scripts/contact-export.ts';
import { callMain } from '../helpers/cli.ts';
import { DIST, ROOT, freePort, startSite, type RunningSite } from '../helpers/server.ts';
import { tempDir } from '../helpers/temp.ts';
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
      // Neither the field nor the rule is named: that would tell a robot how to get through.
      field: null,
      code: 'contact-honeypot',
      says: /^The message could not be accepted as it was sent\. Please send it again from the contact form/,
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

  test('a filled honeypot without JavaScript gets the form back without the trap explained or kept', async () => {
    const res = await post(form({ ...VALID, website: 'http://spam.example' }), {
      accept: 'text/html',
      origin: site.url,
    });
    assert.equal(res.status, 422);
    const html = await res.text();
    const notice = /<div class="notice notice-error"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    assert.match(notice, /could not be accepted as it was sent/);
    assert.doesNotMatch(notice, /website|empty|hidden|automat|robot/i);
    assert.ok(html.includes(`value="${VALID.name}"`), 'what the person typed is shown again, to send again');
    assert.ok(!html.includes('spam.example'), 'the honeypot is not filled in again');
  });

  test('the database file holding names and emails is readable by its owner only', async () => {
    assert.equal((await json(VALID)).status, 201);
    for (const file of [site.dbPath, `${site.dbPath}-wal`, `${site.dbPath}-shm`])
      assert.equal((statSync(file).mode & 0o777).toString(8), '600', file);
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

/**
 * `npm start` as a real process that is expected to stop by itself: its exit status and all it
 * printed. A server that starts anyway is killed after 20 s, so a failing test cannot hang.
 */
async function startExpectingFailure(env: Record<string, string>) {
  const dbPath = join(tempDir(join(tmpdir(), 'atlas-db-')), 'contact.sqlite');
  const port = String(await freePort());
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'serve.ts')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: port, CONTACT_DB: dbPath, ATLAS_OUT: DIST, ...env },
    encoding: 'utf8',
    timeout: 20_000,
    killSignal: 'SIGKILL',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm start when it cannot serve', () => {
  const refusals: Array<{
    kind: string;
    env: Record<string, string>;
    says: RegExp;
  }> = [
    {
      kind: 'PORT is not a number',
      env: { PORT: 'abc' },
      says: /^Cannot start: The environment variable PORT is "abc", which is not a port number\. Set it to a whole number from 1 to 65535/,
    },
    {
      kind: 'PORT is out of range',
      env: { PORT: '70000' },
      says: /^Cannot start: The environment variable PORT is "70000".*from 1 to 65535/,
    },
    {
      kind: 'there is no build',
      env: { ATLAS_OUT: '/nonexistent' },
      says: /^Cannot start: There is no build in \/nonexistent .*run "npm run build" first/,
    },
    {
      kind: 'a contact setting is wrong',
      env: { CONTACT_RATE_LIMIT: '-3' },
      says: /^Cannot start \[contact-misconfigured\]: The environment variable CONTACT_RATE_LIMIT is "-3", which is not a whole number of at least 0\. Set it to a number such as 5/,
    },
    {
      kind: 'a contact origin is not an origin',
      env: { CONTACT_ALLOWED_ORIGINS: 'docs.example.org' },
      says: /^Cannot start \[contact-misconfigured\]: The environment variable CONTACT_ALLOWED_ORIGINS contains "docs\.example\.org"/,
    },
  ];

  for (const r of refusals) {
    test(`${r.kind}: one line saying what to do, exit status 1, no stack trace`, async () => {
      const run = await startExpectingFailure(r.env);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stderr, r.says);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.equal(run.stdout, '');
    });
  }

  test('the port is taken: one line naming the port and suggesting another, exit status 1', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await startExpectingFailure({ PORT: String(port) });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(
        run.stderr,
        new RegExp(
          `^Cannot start: Port ${port} on 127\\.0\\.0\\.1 is already in use.*choose another port, e\\.g\\. PORT=\\d+ npm start\\.\\n$`,
        ),
      );
      assert.equal(run.stdout, '');
    } finally {
      taken.close();
    }
  });
});
