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
