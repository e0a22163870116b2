import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, tokenize } from '#src/classify/engine.ts';
import { ANNOTATION_RULES, DESCRIPTION_RULES, NAME_RULES, PROPERTY_RULES } from '#src/classify/rules.ts';
import { CATEGORIES, CATEGORY_RISK } from '#src/model/taxonomy.ts';
import type { ToolDefinition } from '#src/model/tool.ts';

const tool = (name: string, definition: Partial<ToolDefinition> = {}) =>
  classify({ name, definition: { inputSchema: { type: 'object' }, ...definition } });

const props = (...names: string[]) => ({
  type: 'object' as const,
  properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])),
});

test('tool names are split into lower-case words whatever their casing or separators', () => {
  assert.deepEqual(
    tokenize('getUserByID'),
    ['get', 'user', 'by', 'id'].filter((t) => t !== 'by'),
  );
  assert.deepEqual(tokenize('delete_file'), ['delete', 'file']);
  assert.deepEqual(tokenize('gzip-file-as-resource'), ['gzip', 'file', 'resource']);
  assert.deepEqual(tokenize('HTTPRequest'), ['http', 'request']);
});

test('every rule has a unique id and suggests a real category', () => {
  const all = [...NAME_RULES, ...DESCRIPTION_RULES, ...PROPERTY_RULES, ...ANNOTATION_RULES];
  const ids = all.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of all) assert.ok((CATEGORIES as readonly string[]).includes(rule.suggests), rule.id);
});

test('a name verb decides the category of a tool that says nothing else', () => {
  assert.equal(tool('list_files').category, 'Read');
  assert.equal(tool('create_issue').category, 'Write');
  assert.equal(tool('execute_command').category, 'Execute');
  assert.equal(tool('delete_repository').category, 'Destructive');
  assert.equal(tool('refund_charge').category, 'Financial');
});

test('the risk level is the category default from the taxonomy', () => {
  for (const name of ['list_files', 'create_issue', 'run_script', 'drop_table', 'send_payment']) {
    const result = tool(name);
    assert.equal(result.risk, CATEGORY_RISK[result.category], name);
  }
});

test('a telling input property raises a read-sounding tool to Execute', () => {
  const result = tool('query', { description: 'Query the database.', inputSchema: props('sql') });
  assert.equal(result.category, 'Execute');
  assert.ok(
    result.evidence.some(
      (e) => e.source === 'input-schema' && e.signal === 'property:code' && e.text === 'properties.sql',
    ),
  );
});

test('an amount argument and a payment phrase make a tool Financial', () => {
  const result = tool('create_transfer', {
    description: 'Creates a wire transfer to a recipient.',
    inputSchema: props('amount', 'iban'),
  });
  assert.equal(result.category, 'Financial');
  assert.equal(result.risk, 'Critical');
});

test('a description that says the change cannot be undone makes a tool Destructive', () => {
  const result = tool('tidy_workspace', {
    description: 'Tidies the workspace. Files it moves away are permanently lost.',
  });
  assert.equal(result.category, 'Destructive');
  const quote = result.evidence.find((e) => e.signal === 'phrase:irreversible');
  assert.equal(quote?.text, 'Files it moves away are permanently lost.');
});

test('readOnlyHint true never lowers a tool whose name says it deletes', () => {
  const result = tool('delete_note', { annotations: { readOnlyHint: true, destructiveHint: false } });
  assert.equal(result.category, 'Destructive');
  assert.equal(result.risk, 'Critical');
  assert.equal(result.confidence, 'medium');
  assert.ok(result.evidence.some((e) => e.source === 'annotation' && e.text === 'readOnlyHint: true'));
});

test('destructiveHint true raises a tool that looks like Write to Destructive', () => {
  const result = tool('update_note', {
    description: 'Updates the text of a note.',
    annotations: { destructiveHint: true },
  });
  assert.equal(result.textCategory, 'Write');
  assert.equal(result.category, 'Destructive');
  assert.equal(result.risk, 'Critical');
});

test('destructiveHint true is ignored when the same tool declares itself read-only, as the spec says', () => {
  const result = tool('get_note', { annotations: { readOnlyHint: true, destructiveHint: true } });
  assert.equal(result.category, 'Read');
});

test('readOnlyHint false raises a read-sounding tool to Write', () => {
  assert.equal(tool('get_or_create_session', { annotations: { readOnlyHint: false } }).category, 'Write');
  assert.equal(tool('fetch_page', { annotations: { readOnlyHint: false } }).category, 'Write');
});

test('absent annotations give no evidence, so an un-annotated read tool stays Read', () => {
  const result = tool('list_files', { description: 'Lists files in a folder.' });
  assert.equal(result.category, 'Read');
  assert.equal(result.evidence.filter((e) => e.source === 'annotation').length, 0);
});

test('a tool with no evidence at all falls back to Write with low confidence', () => {
  const result = tool('frobnicate');
  assert.equal(result.category, 'Write');
  assert.equal(result.confidence, 'low');
  assert.deepEqual(result.evidence, []);
});

test('with no textual evidence, declared annotations decide alone with low confidence', () => {
  const result = tool('frobnicate', { annotations: { readOnlyHint: true } });
  assert.equal(result.category, 'Read');
  assert.equal(result.confidence, 'low');
});

test('strong, uncontested evidence gives high confidence', () => {
  const result = tool('list_notes', {
    description: 'Lists the notes in a notebook.',
    annotations: { readOnlyHint: true },
  });
  assert.equal(result.category, 'Read');
  assert.equal(result.confidence, 'high');
});

test('evidence names where it was found, the rule, the quoted text and the category it argues for', () => {
  const result = tool('delete_file', {
    title: 'Delete a file',
    description: 'Removes the file at the given path.',
    inputSchema: props('path', 'confirm'),
  });
  const sources = new Set(result.evidence.map((e) => e.source));
  assert.deepEqual([...sources].sort(), ['description', 'input-schema', 'name', 'title']);
  const name = result.evidence.find((e) => e.source === 'name');
  assert.deepEqual(name, { source: 'name', signal: 'verb:destructive', text: 'delete_file', suggests: 'Destructive' });
  assert.ok(result.evidence.some((e) => e.signal === 'property:confirm' && e.text === 'properties.confirm'));
});

test('a noun in a read tool name does not make it dangerous: list_workflows stays Read', () => {
  assert.equal(tool('list_workflows').category, 'Read');
  assert.equal(tool('get_output_images', { inputSchema: props('limit', 'filter') }).category, 'Read');
});
