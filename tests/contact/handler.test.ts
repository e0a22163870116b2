import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contactSchema, CONTACT_LIMITS } from '#src/model/contact.ts';
import { contactProblems } from '#src/contact/problems.ts';
import { RateLimiter } from '#src/contact/rate-limit.ts';
import { clientKey, handleContact, handlePreflight, type ContactRuntime } from '#src/contact/handler.ts';
import { readContactConfig } from '#src/contact/config.ts';
import { AtlasError } from '#src/model/problems.ts';
import { contactAction } from '#src/contact/endpoint.ts';
import { contactFormId } from '#src/contact/form-id.ts';
import type { ProblemPage } from '#src/contact/problems.ts';
import { SqliteContactStore } from '#src/contact/sqlite-store.ts';
import type { ContactStore, StoredMessage } from '#src/contact/store.ts';
import { csvCell, main as exportMain, toCsv } from '#scripts/contact-export.ts';
import { callMain, runScript } from '../helpers/cli.ts';
import { VALID, form } from '../helpers/contact.ts';
import { tempDir } from '../helpers/temp.ts';

function problemsFor(input: unknown) {
  const result = contactSchema.safeParse(input);
  assert.equal(result.success, false, 'the input should have been refused');
  return contactProblems(result.error!, input);
}

describe('the contact schema and its messages', () => {
  test('a complete message passes and its text is trimmed', () => {
    const parsed = contactSchema.parse({ ...VALID, name: '  Ada  ', email: ' ada@example.org ' });
    assert.equal(parsed.name, 'Ada');
    assert.equal(parsed.email, 'ada@example.org');
  });

  test('empty required fields each get their own request to fill them in', () => {
    const problems = problemsFor({ name: ' ', email: '', message: '' });
    assert.deepEqual(
      problems.map((p) => [p.field, p.code]),
      [
        ['name', 'contact-required'],
        ['email', 'contact-required'],
        ['message', 'contact-required'],
      ],
    );
    assert.match(problems[1]!.message, /enter your email address/);
  });

  test('a malformed email address is named and the expected shape is shown', () => {
    const [problem] = problemsFor({ ...VALID, email: 'ada(at)example' });
    assert.equal(problem!.field, 'email');
    assert.equal(problem!.code, 'contact-invalid-email');
    assert.match(
      problem!.message,
      /"ada\(at\)example" is not an email address\. Write it in the form name@example\.org\./,
    );
  });

  test('an overlong message says how long it is and what the limit is', () => {
    const [problem] = problemsFor({ ...VALID, message: 'x'.repeat(CONTACT_LIMITS.message.max + 1) });
    assert.equal(problem!.code, 'contact-too-long');
    assert.match(
      problem!.message,
      new RegExp(`is ${CONTACT_LIMITS.message.max + 1} characters long, but at most ${CONTACT_LIMITS.message.max}`),
    );
  });

  test('a filled honeypot, an unknown field and a foreign page address are each refused by name', () => {
    const problems = problemsFor({
      ...VALID,
      website: 'http://spam.example',
      extra: '1',
      page: 'https://elsewhere.example/',
    });
    assert.deepEqual(problems.map((p) => p.code).sort(), [
      'contact-honeypot',
      'contact-invalid-page',
      'contact-unknown-field',
    ]);
    assert.equal(problems.find((p) => p.code === 'contact-unknown-field')!.field, 'extra');
  });

  test('a filled honeypot is refused without naming the field or the rule a robot could learn from', () => {
    for (const website of ['http://spam.example', 42, ['a', 'b']]) {
      const problems = problemsFor({ ...VALID, website });
      assert.deepEqual(problems, [
        {
          field: null,
          code: 'contact-honeypot',
          message:
            'The message could not be accepted as it was sent. Please send it again from the contact form on this site.',
        },
      ]);
    }
  });

  test('a field of the wrong type falls back to the project wording', () => {
    const [problem] = problemsFor({ ...VALID, name: 42 });
    assert.equal(problem!.field, 'name');
    assert.match(problem!.message, /"name" must be a string, but it is a number \(42\)/);
  });
});

describe('the rate limiter', () => {
  test('it allows the limit, refuses the next with a wait, and recovers once the window has passed', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(2, 60_000, () => now);
    assert.deepEqual(limiter.hit('a'), { allowed: true, at: now });
    now += 10_000;
    assert.deepEqual(limiter.hit('a'), { allowed: true, at: now });
    assert.deepEqual(limiter.hit('a'), { allowed: false, retryAfterSeconds: 50 });
    assert.deepEqual(limiter.hit('b'), { allowed: true, at: now }, 'another address has its own budget');
    now += 50_000;
    assert.deepEqual(limiter.hit('a'), { allowed: true, at: now });
  });

  test('it forgets addresses whose window has passed', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1000, () => now);
    for (let i = 0; i < 50; i++) limiter.hit(`10.0.0.${i}`);
    now += 5000;
    limiter.hit('10.0.1.1');
    assert.equal(limiter.size, 1);
  });

  test('a limit of zero turns it off', () => {
    const limiter = new RateLimiter(0, 1000);
    for (let i = 0; i < 20; i++) assert.equal(limiter.hit('a').allowed, true);
  });
});

describe('configuration and helpers', () => {
  test('the defaults are five a minute, no trusted proxy, and data/contact.sqlite', () => {
    const config = readContactConfig({});
    assert.equal(config.rateLimit, 5);
    assert.equal(config.rateWindowMs, 60_000);
    assert.equal(config.trustProxy, 0);
    assert.equal(config.dbPath, 'data/contact.sqlite');
  });

  test('a bad environment value names the variable and the fix', () => {
    assert.throws(
      () => readContactConfig({ CONTACT_RATE_LIMIT: 'lots' }),
      (error: Error) => {
        assert.ok(error instanceof AtlasError && error.code === 'contact-misconfigured');
        assert.match(error.message, /CONTACT_RATE_LIMIT is "lots".*Set it to a number such as 5/);
        return true;
      },
    );
    assert.throws(
      () => readContactConfig({ CONTACT_ALLOWED_ORIGINS: 'not a url' }),
      /CONTACT_ALLOWED_ORIGINS contains "not a url"/,
    );
    assert.throws(
      () => readContactConfig({ TRUST_PROXY: 'yes' }),
      /TRUST_PROXY is "yes".*Set it to a number such as 1, or to true or false, or unset it/,
    );
  });

  test('the forwarding header is used only when a proxy is trusted, counting from the right', () => {
    const request = new Request('http://site.test/api/contact/', {
      method: 'POST',
      headers: { 'x-forwarded-for': '6.6.6.6, 1.2.3.4, 10.0.0.2' },
    });
    assert.equal(clientKey(request, '127.0.0.1', 0), '127.0.0.1');
    assert.equal(clientKey(request, '127.0.0.1', 1), '10.0.0.2');
    assert.equal(clientKey(request, '127.0.0.1', 2), '1.2.3.4');
    assert.equal(clientKey(request, '127.0.0.1', 9), '6.6.6.6');
  });

  test('a site-relative endpoint gets the trailing slash the site needs and other URLs are left alone', () => {
    assert.equal(contactAction('/api/contact'), '/api/contact/');
    assert.equal(contactAction('/api/contact/'), '/api/contact/');
    assert.equal(contactAction('/api/contact?x=1'), '/api/contact/?x=1');
    assert.equal(contactAction('https://forms.example.org/submit'), 'https://forms.example.org/submit');
    assert.equal(contactAction('/forms/contact.php'), '/forms/contact.php');
  });

  test('contact form ids are the same on every build and count up when a page carries two forms', () => {
    const page = new Request('http://site.test/servers/files/');
    assert.deepEqual([contactFormId(page), contactFormId(page)], ['cf', 'cf2']);
    assert.equal(contactFormId(new Request('http://site.test/contact/')), 'cf', 'another page starts again');
  });

  test('CSV cells are quoted when needed and formulas are defused', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a "quote", here'), '"a ""quote"", here"');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell(null), '');
    const csv = toCsv([
      {
        id: 1,
        receivedAt: '2026-01-01T00:00:00.000Z',
        name: 'A',
        email: 'a@example.org',
        page: null,
        message: 'two\nlines',
      },
    ]);
    assert.equal(
      csv,
      'id,receivedAt,name,email,page,message\r\n1,2026-01-01T00:00:00.000Z,A,a@example.org,,"two\nlines"\r\n',
    );
  });
});

class MemoryStore implements ContactStore {
  rows: StoredMessage[] = [];
  failing = false;
  async save(m: Parameters<ContactStore['save']>[0], at: Date): Promise<StoredMessage> {
    if (this.failing) throw new Error('disk full');
    const row = {
      id: this.rows.length + 1,
      receivedAt: at.toISOString(),
      name: m.name,
      email: m.email,
      message: m.message,
      page: m.page ?? null,
    };
    this.rows.push(row);
    return row;
  }
  async list() {
    return [...this.rows].reverse();
  }
  async close() {}
}

function runtime(store: ContactStore, overrides: Partial<ContactRuntime['config']> = {}): ContactRuntime {
  return {
    config: { ...readContactConfig({}), ...overrides },
    store,
    limiter: new RateLimiter(overrides.rateLimit ?? 100, 60_000),
    siteOrigin: 'https://atlas.example.org',
    sentPath: '/contact/sent/',
  };
}

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request('http://127.0.0.1:4321/api/contact/', { method: 'POST', body, headers });
}

describe('the request handler without a server', () => {
  test('a JSON post is stored and answered with 201 and the new id', async () => {
    const store = new MemoryStore();
    const res = await handleContact(
      post(JSON.stringify(VALID), { 'content-type': 'application/json' }),
      '127.0.0.1',
      runtime(store),
    );
    assert.equal(res.status, 201);
    assert.deepEqual(await res.json(), { ok: true, id: 1, message: 'Message sent.' });
    assert.equal(store.rows.length, 1);
  });

  test('a form post from a browser is sent on to the thank-you page with 303', async () => {
    const store = new MemoryStore();
    const res = await handleContact(
      post(form(VALID), { accept: 'text/html,*/*', origin: 'https://atlas.example.org' }),
      '127.0.0.1',
      runtime(store),
    );
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/contact/sent/');
    assert.equal(store.rows[0]!.page, '/contact/');
  });

  test('a refused form post from a browser gets the rendered problem page, with the typed text and never the honeypot', async () => {
    const seen: ProblemPage[] = [];
    const rt: ContactRuntime = {
      ...runtime(new MemoryStore()),
      problemPage: (p) => {
        seen.push(p);
        return new Response('<h1>problem page</h1>', { headers: { 'content-type': 'text/html' } });
      },
    };
    const res = await handleContact(
      post(form({ ...VALID, email: '<img src=x>', website: '' }), {
        accept: 'text/html,*/*',
        origin: 'https://atlas.example.org',
      }),
      '127.0.0.1',
      rt,
    );
    assert.equal(res.status, 422);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(await res.text(), '<h1>problem page</h1>');
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.errors[0]!.code, 'contact-invalid-email');
    assert.deepEqual(Object.keys(seen[0]!.values ?? {}).sort(), ['email', 'message', 'name', 'page']);
    assert.equal(seen[0]!.values!.email, '<img src=x>', 'the page gets the text as typed, to show as text');

    const json = await handleContact(
      post(form({ ...VALID, email: 'x' }), { accept: 'application/json', origin: 'https://atlas.example.org' }),
      '127.0.0.1',
      rt,
    );
    assert.equal(json.status, 422);
    assert.equal(seen.length, 1, 'a script asking for JSON gets JSON');
  });

  test('a filled honeypot stores nothing, and neither the JSON nor the page names the field or the rule', async () => {
    const store = new MemoryStore();
    const seen: ProblemPage[] = [];
    const rt: ContactRuntime = {
      ...runtime(store),
      problemPage: (p) => {
        seen.push(p);
        return new Response('<h1>problem page</h1>', { headers: { 'content-type': 'text/html' } });
      },
    };
    const trap = { ...VALID, website: 'http://spam.example' };
    const json = await handleContact(
      post(JSON.stringify(trap), { 'content-type': 'application/json' }),
      '127.0.0.1',
      rt,
    );
    assert.equal(json.status, 422);
    const text = await json.text();
    assert.equal(JSON.parse(text).errors[0].code, 'contact-honeypot');
    assert.doesNotMatch(text, /website|empty|hidden|automat|robot|spam/i);
    const page = await handleContact(
      post(form(trap), { accept: 'text/html', origin: 'https://atlas.example.org' }),
      '127.0.0.1',
      rt,
    );
    assert.equal(page.status, 422);
    assert.equal(seen.length, 1);
    assert.deepEqual(
      seen[0]!.errors.map((e) => [e.field, e.code]),
      [[null, 'contact-honeypot']],
    );
    assert.doesNotMatch(JSON.stringify(seen[0]!.errors), /website|empty|hidden|automat|robot/i);
    assert.equal(store.rows.length, 0);
  });

  test('a store failure is reported as not sent, never as sent', async () => {
    const store = new MemoryStore();
    store.failing = true;
    const originalError = console.error;
    console.error = () => {};
    try {
      const res = await handleContact(
        post(JSON.stringify(VALID), { 'content-type': 'application/json' }),
        '127.0.0.1',
        runtime(store),
      );
      assert.equal(res.status, 500);
      const body = await res.json();
      assert.equal(body.ok, false);
      assert.equal(body.errors[0].code, 'contact-store-failed');
    } finally {
      console.error = originalError;
    }
  });

  test('an origin listed in CONTACT_ALLOWED_ORIGINS may post and gets CORS headers', async () => {
    const rt = runtime(new MemoryStore(), { allowedOrigins: ['https://docs.example.org'] });
    const headers = { origin: 'https://docs.example.org', 'content-type': 'application/json' };
    const res = await handleContact(post(JSON.stringify(VALID), headers), '127.0.0.1', rt);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://docs.example.org');
    const preflight = handlePreflight(
      new Request('http://127.0.0.1:4321/api/contact/', { method: 'OPTIONS', headers }),
      rt,
    );
    assert.equal(preflight.status, 204);
    const refused = handlePreflight(
      new Request('http://127.0.0.1:4321/api/contact/', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example' },
      }),
      rt,
    );
    assert.equal(refused.status, 403);
  });

  test('a browser request marked cross-site without an Origin header is refused', async () => {
    const store = new MemoryStore();
    const res = await handleContact(post(form(VALID), { 'sec-fetch-site': 'cross-site' }), '127.0.0.1', runtime(store));
    assert.equal(res.status, 403);
    assert.equal(store.rows.length, 0);
  });
});

describe('the SQLite store', () => {
  test('it keeps messages across connections in WAL mode and lists the newest first', async () => {
    const path = join(tempDir(join(tmpdir(), 'atlas-store-')), 'nested', 'contact.sqlite');
    const store = new SqliteContactStore(path);
    await store.save({ ...VALID, name: 'First' }, new Date('2026-01-01T00:00:00Z'));
    await store.save({ ...VALID, name: 'Second', page: undefined }, new Date('2026-01-02T00:00:00Z'));
    // WAL is a property of the file, so a fresh connection sees whether the store switched it on.
    const probe = new DatabaseSync(path, { readOnly: true });
    assert.deepEqual({ ...probe.prepare('PRAGMA journal_mode').get() }, { journal_mode: 'wal' });
    probe.close();
    const reader = new SqliteContactStore(path, { readOnly: true });
    const rows = await reader.list();
    assert.deepEqual(
      rows.map((r) => r.name),
      ['Second', 'First'],
    );
    assert.equal(rows[0]!.page, null);
    await reader.close();
    await store.close();
  });

  test('it creates the database, its WAL files and missing folders readable by their owner only', async () => {
    const root = tempDir(join(tmpdir(), 'atlas-store-'));
    chmodSync(root, 0o755);
    const path = join(root, 'data', 'nested', 'contact.sqlite');
    const store = new SqliteContactStore(path);
    await store.save(VALID, new Date('2026-01-01T00:00:00Z'));
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
    try {
      for (const file of [path, `${path}-wal`, `${path}-shm`]) assert.equal(mode(file), '600', file);
      assert.equal(mode(join(root, 'data')), '700');
      assert.equal(mode(join(root, 'data', 'nested')), '700');
      assert.equal(mode(root), '755', 'a folder that was there already keeps its permissions');
    } finally {
      await store.close();
    }
  });

  test('it leaves the permissions of a database file and folder the operator made alone', async () => {
    const folder = join(tempDir(join(tmpdir(), 'atlas-store-')), 'shared');
    mkdirSync(folder);
    chmodSync(folder, 0o750);
    const path = join(folder, 'contact.sqlite');
    writeFileSync(path, '');
    chmodSync(path, 0o640);
    const store = new SqliteContactStore(path);
    await store.save(VALID, new Date('2026-01-01T00:00:00Z'));
    await store.close();
    assert.equal((statSync(path).mode & 0o777).toString(8), '640');
    assert.equal((statSync(folder).mode & 0o777).toString(8), '750');
  });

  test('contact:export answers a file that is not the contact database with a sentence, not a stack trace', () => {
    // A real process: the exit status and that nothing else reaches stdout or stderr.
    const path = join(tempDir(join(tmpdir(), 'atlas-store-')), 'notes.sqlite');
    writeFileSync(path, 'these are not messages');
    const run = runScript('contact-export', ['--db', path]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      /^The contact database at .*notes\.sqlite could not be read: file is not a database\. Check that the path points at the file the server writes to\.\n$/,
    );
  });

  test('contact:export prints the messages of CONTACT_DB as JSON or CSV, newest first', async () => {
    const folder = tempDir(join(tmpdir(), 'atlas-store-'));
    const store = new SqliteContactStore(join(folder, 'contact.sqlite'));
    await store.save({ ...VALID, name: 'First' }, new Date('2026-01-01T00:00:00Z'));
    await store.save({ ...VALID, name: '=Second' }, new Date('2026-01-02T00:00:00Z'));
    await store.close();
    const json = await callMain(exportMain, [], { CONTACT_DB: 'contact.sqlite' }, folder);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(
      JSON.parse(json.stdout).map((m: { name: string }) => m.name),
      ['=Second', 'First'],
    );
    const csv = await callMain(exportMain, ['--format', 'csv', '--db', join(folder, 'contact.sqlite')]);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stdout, /^id,receivedAt,name,email,page,message\r\n2,2026-01-02T00:00:00\.000Z,'=Second,/);
  });

  test('contact:export refuses an unknown format and a missing database in one line each', async () => {
    const format = await callMain(exportMain, ['--format', 'xml']);
    assert.equal(format.code, 1);
    assert.equal(format.stderr, 'The format "xml" is not supported. Use --format json or --format csv.\n');
    const missing = await callMain(exportMain, [], { CONTACT_DB: '/nonexistent/dir/contact.sqlite' });
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /^No contact database exists at \/nonexistent\/dir\/contact\.sqlite\. Point CONTACT_DB/,
    );
    assert.equal(missing.stdout, '');
  });

  test('opening a missing database read-only says where it looked and what to set', () => {
    assert.throws(
      () => new SqliteContactStore('/nonexistent/dir/contact.sqlite', { readOnly: true }),
      /No contact database exists at \/nonexistent\/dir\/contact\.sqlite\. Point CONTACT_DB/,
    );
  });
});
