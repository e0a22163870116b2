import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineSiteConfig } from '#src/model/site.ts';
import { AtlasError } from '#src/model/problems.ts';
import site from '#site-config';

const good = {
  name: 'Atlas',
  tagline: 'A catalogue.',
  url: 'https://atlas.example.org',
  cta: { label: 'Apply', href: 'https://atlas.example.org/apply/', text: 'Paste the policy.' },
  contact: {},
};

test('the project site.config.ts passes its own check', () => {
  assert.equal(typeof site.name, 'string');
  assert.equal(site.contact.endpoint.length > 0, true);
});

test('a valid config comes back with its defaults', () => {
  assert.equal(defineSiteConfig(good).contact.endpoint, '/api/contact/');
});

test('a bad site config is reported like a record: file, field, value, fix, with the site-config code', () => {
  assert.throws(
    () => defineSiteConfig({ ...good, url: 'atlas.example.org', colour: 'red' } as never),
    (error: unknown) => {
      assert.ok(error instanceof AtlasError);
      assert.equal(error.code, 'site-config');
      const lines = error.message.split('\n');
      assert.equal(lines[0], 'The site configuration has 2 problems:');
      assert.match(
        lines[1]!,
        /^ {2}site\.config\.ts › url {2}\[site-config\] {2}"url" is "atlas\.example\.org", which is not a valid url\. Write a valid url\.$/,
      );
      assert.match(
        lines[2]!,
        /site\.config\.ts › colour {2}\[site-config\] {2}The configuration has the unknown key "colour"/,
      );
      // Astro adds a misleading hint about browser APIs to a config error that says "document" or "window".
      assert.doesNotMatch(error.message, /document|window/);
      return true;
    },
  );
});
