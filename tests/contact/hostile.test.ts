import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { handleContact, type ContactRuntime } from '#src/contact/handler.ts';
import { readContactConfig } from '#src/contact/config.ts';
import { RateLimiter } from '#src/contact/rate-limit.ts';
import type { ContactStore, StoredMessage } from '#src/contact/store.ts';
import type { ContactMessage } from '#src/model/contact.ts';

class MemoryStore implements ContactStore {
  rows: StoredMessage[] = [];
  async save(m: ContactMessage, at: Date): Promise<StoredMessage> {
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

function runtime(store: ContactStore, rateLimit = 100): ContactRuntime {
  return {
    config: { ...readContactConfig({}), rateLimit },
    store,
    limiter: new RateLimiter(rateLimit, 60_000),
    siteOrigin: 'https://atlas.example.org',
    sentPath: '/contact/sent/',
  };
}

const VALID = { name: 'Ada', email: 'ada@example.org', message: 'Hello there.' };
const json = (body: unknown) =>
  new Request('http://127.0.0.1:4321/api/contact/', {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

describe('hostile contact posts', () => {
  test('about 6,000 nested arrays are refused with 400 and the usual problem list', async () => {
    const store = new MemoryStore();
    const body = `{"name":${'['.repeat(6000)}${']'.repeat(6000)},"email":"a@b.org","message":"x"}`;
    assert.ok(body.length < 13_000);
    const res = await handleContact(json(body), '10.0.0.1', runtime(store));
    assert.equal(res.status, 400);
    const answer = await res.json();
    assert.equal(answer.ok, false);
    assert.equal(answer.errors[0].code, 'contact-malformed-body');
    assert.match(answer.errors[0].message, /nested/);
    assert.equal(store.rows.length, 0);
  });

  test('a file sent as the message is refused, not stored as a description of the file', async () => {
    const store = new MemoryStore();
    const form = new FormData();
    form.set('name', 'Ada');
    form.set('email', 'ada@example.org');
    form.set('message', new Blob(['<script>alert(1)</script>'], { type: 'text/html' }), 'evil.html');
    const res = await handleContact(
      new Request('http://127.0.0.1:4321/api/contact/', { method: 'POST', body: form }),
      '10.0.0.1',
      runtime(store),
    );
    assert.equal(res.status, 422);
    const answer = await res.json();
    assert.deepEqual(
      answer.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['message', 'contact-not-text']],
    );
    assert.equal(store.rows.length, 0);
  });

  test('a name of zero-width spaces only is missing', async () => {
    const store = new MemoryStore();
    const res = await handleContact(json({ ...VALID, name: '\u200B\u200B\u2060 \uFEFF' }), '10.0.0.1', runtime(store));
    assert.equal(res.status, 422);
    const answer = await res.json();
    assert.deepEqual(
      answer.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['name', 'contact-required']],
    );
    assert.equal(store.rows.length, 0);
  });

  test('the rate limit counts accepted messages: refused posts do not use them up', async () => {
    const store = new MemoryStore();
    const rt = runtime(store, 2);
    for (let i = 0; i < 3; i++)
      assert.equal((await handleContact(json({ ...VALID, email: 'nope' }), '10.0.0.2', rt)).status, 422);
    assert.equal((await handleContact(json(VALID), '10.0.0.2', rt)).status, 201);
    assert.equal((await handleContact(json(VALID), '10.0.0.2', rt)).status, 201);
    const third = await handleContact(json(VALID), '10.0.0.2', rt);
    assert.equal(third.status, 429);
    assert.equal(store.rows.length, 2);
  });

  test('a flood of refused posts is limited too', async () => {
    const store = new MemoryStore();
    const rt = runtime(store, 2);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await handleContact(json({ ...VALID, email: 'nope' }), '10.0.0.3', rt)).status);
    assert.ok(statuses.includes(429), 'bad posts are eventually refused with 429');
    assert.equal(statuses.indexOf(429), 20, 'after ten times the message limit in refused posts');
    assert.equal((await handleContact(json(VALID), '10.0.0.3', rt)).status, 429, 'the flooding address waits too');
    assert.equal((await handleContact(json(VALID), '10.0.0.4', rt)).status, 201, 'other addresses are not affected');
  });
});

describe('text that is not well-formed Unicode', () => {
  const post = (body: BodyInit, type?: string) =>
    new Request('http://127.0.0.1:4321/api/contact/', {
      method: 'POST',
      body,
      ...(type ? { headers: { 'content-type': type } } : {}),
    });
  const urlencoded = (body: string | Uint8Array<ArrayBuffer>) => post(body, 'application/x-www-form-urlencoded');
  const bytes = (...parts: (string | number[])[]) =>
    new Uint8Array(
      Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))),
    ) as Uint8Array<ArrayBuffer>;

  async function refusedAsNotText(request: Request): Promise<void> {
    const store = new MemoryStore();
    const res = await handleContact(request, '10.0.0.9', runtime(store));
    assert.equal(res.status, 400);
    const answer = await res.json();
    assert.deepEqual(
      answer.errors.map((e: { field: unknown; code: string }) => [e.field, e.code]),
      [[null, 'contact-malformed-body']],
    );
    assert.match(answer.message, /not valid UTF-8 text/);
    assert.equal(store.rows.length, 0, 'nothing is stored');
  }

  test('percent-escapes of bytes that are not UTF-8 in a form post are refused, not stored as U+FFFD', async () => {
    await refusedAsNotText(urlencoded('name=a%FF%FE&email=ada@example.org&message=hello%C3'));
    await refusedAsNotText(urlencoded('name=Ada&email=ada@example.org&message=half%ED%A0%80surrogate'));
    await refusedAsNotText(urlencoded('name=Ada&email=ada@example.org&mess%FFage=x'));
  });

  test('raw bytes that are not UTF-8 are refused, whatever the body type', async () => {
    await refusedAsNotText(urlencoded(bytes('name=A', [0xff], '&email=ada@example.org&message=hi')));
    await refusedAsNotText(post(bytes('{"name":"a', [0xff], '","email":"a@b.co","message":"m"}'), 'application/json'));
    const boundary = 'XyZ';
    const part = (name: string, value: string | number[]) => [
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`,
      value,
      '\r\n',
    ];
    await refusedAsNotText(
      post(
        bytes(
          ...part('name', [0x41, 0xc3]),
          ...part('email', 'ada@example.org'),
          ...part('message', 'hi'),
          `--${boundary}--\r\n`,
        ),
        `multipart/form-data; boundary=${boundary}`,
      ),
    );
  });

  test('a JSON escape of half a surrogate pair is refused with the same problem', async () => {
    await refusedAsNotText(json('{"name":"b","email":"a@b.co","message":"lone \\ud800 surrogate"}'));
    await refusedAsNotText(json('{"name":"b","email":"a@b.co","message":"m","\\udc00":"x"}'));
  });

  test('well-formed text is stored exactly as sent, in every body type', async () => {
    const cases: [Request, Partial<StoredMessage>][] = [
      [
        urlencoded('name=Ad%C3%A9+L%F0%9F%98%80&email=ada@example.org&message=100%+a%3Db=c&page=%2Ftools%2F'),
        { name: 'Adé L😀', message: '100% a=b=c', page: '/tools/' },
      ],
      [urlencoded('&&name=Ada&email=ada@example.org&message=x%2%EF%BB%BFy'), { name: 'Ada', message: 'x%2\uFEFFy' }],
      [json('{"name":"b \\ud83d\\ude00","email":"a@b.co","message":"m"}'), { name: 'b 😀' }],
    ];
    for (const [request, expected] of cases) {
      const store = new MemoryStore();
      const res = await handleContact(request, '10.0.0.9', runtime(store));
      assert.equal(res.status, 201, JSON.stringify(await res.clone().json()));
      assert.deepEqual({ ...store.rows[0], ...expected }, store.rows[0]);
    }
  });
});
