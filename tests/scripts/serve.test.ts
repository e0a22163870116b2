import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exposedDatabase, readPort } from '#scripts/serve.ts';
import { tempDir } from '../helpers/temp.ts';

test('npm start warns when the contact database can be read by other users, and only then', () => {
  const dir = tempDir(join(tmpdir(), 'atlas-serve-'));
  const db = join(dir, 'contact.sqlite');
  assert.equal(exposedDatabase(db), undefined, 'no file yet: it will be created private');
  writeFileSync(db, '');
  chmodSync(db, 0o600);
  assert.equal(exposedDatabase(db), undefined);
  chmodSync(db, 0o644);
  assert.match(exposedDatabase(db) ?? '', /can be read by other users of this machine \(mode 644\).*chmod 600 /);
  chmodSync(db, 0o640);
  assert.match(exposedDatabase(db) ?? '', /\(mode 640\)/);
});

test('PORT is a whole number from 1 to 65535, 4321 when unset', () => {
  assert.equal(readPort(undefined), 4321);
  assert.equal(readPort(' 8080 '), 8080);
  for (const bad of ['abc', '0', '65536', '80.5', '-1']) assert.throws(() => readPort(bad), /not a port number/, bad);
});
