import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asRead, classify, tokenize } from '#src/classify/engine.ts';
import { DESCRIPTION_RULES, PROPERTY_RULES, VERBS } from '#src/classify/rules.ts';
import { CATEGORIES, CATEGORY_RISK, type Category } from '#src/model/taxonomy.ts';
import type { ToolDefinition } from '#src/model/tool.ts';

const tool = (name: string, definition: Partial<ToolDefinition> = {}, siblings?: string[]) =>
  classify({ name, definition: { inputSchema: { type: 'object' }, ...definition }, siblings });

/** The category of a tool known by its name and description alone. */
const categoryOf = (name: string, description: string, siblings?: string[]) =>
  tool(name, { description }, siblings).category;

/** Asserts a tool's category; a failure names the tool. */
const isCategory = (expected: Category, name: string, description: string, siblings?: string[]) =>
  assert.equal(categoryOf(name, description, siblings), expected, name);

const props = (...names: string[]) => ({
  type: 'object' as const,
  properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])),
});

test('tool names are split into lower-case words whatever their casing or separators', () => {
  assert.deepEqual(tokenize('getUserByID'), ['get', 'user', 'id']);
  assert.deepEqual(tokenize('delete_file'), ['delete', 'file']);
  assert.deepEqual(tokenize('gzip-file-as-resource'), ['gzip', 'file', 'resource']);
  assert.deepEqual(tokenize('HTTPRequest'), ['http', 'request']);
  assert.deepEqual(tokenize('create_credit_note'), ['create', 'creditnote']);
  assert.deepEqual(tokenize('browser_log_out'), ['browser', 'logout']);
});

test('every rule has a unique id and suggests a real category; no verb is listed twice in one class', () => {
  const all = [...DESCRIPTION_RULES, ...PROPERTY_RULES];
  const ids = all.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of all) assert.ok((CATEGORIES as readonly string[]).includes(rule.suggests), rule.id);
  for (const [cls, list] of Object.entries(VERBS)) assert.equal(new Set(list).size, list.length, cls);
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

test('the verb is found by structure: a severe word inside the object does not win', () => {
  assert.equal(tool('get_merge_request').category, 'Read');
  assert.equal(tool('list_payment_intents').category, 'Read');
  assert.equal(tool('get_simulation_run').category, 'Read');
  assert.equal(tool('search_deleted_items').category, 'Read');
});

test('the verb may stand at the end of the name, and the prefix every tool of the server shares is removed', () => {
  assert.equal(tool('file_delete').category, 'Destructive');
  assert.equal(tool('issueCreate').category, 'Write');
  const siblings = ['browser_click', 'browser_navigate', 'browser_take_screenshot', 'browser_close'];
  assert.equal(tool('browser_take_screenshot', {}, siblings).category, 'Read');
  assert.equal(tool('browser_click', {}, siblings).category, 'Execute');
  // A verb is never part of the shared prefix, so a server whose tools all start with get_ keeps it.
  assert.equal(tool('get_weather', {}, ['get_weather', 'get_forecast']).category, 'Read');
});

test('browser actions, sending messages and re-running are Execute', () => {
  for (const name of ['click', 'type_text', 'fill_form', 'press_key', 'navigate', 'send_message', 'send_sms'])
    assert.equal(tool(name).category, 'Execute', name);
  for (const name of ['rerun_workflow', 'replay_event', 'trigger_build', 'post_message'])
    assert.equal(tool(name).category, 'Execute', name);
  assert.equal(tool('post_comment').category, 'Write');
});

test('a changing verb on a money object is Financial; a reading verb on one is Read', () => {
  for (const name of [
    'create_credit_note',
    'create_manual_journal',
    'update_subscription',
    'create_bank_transaction',
    'create_payout',
    'create_refund',
    'create_invoice',
    'submit_order',
    'place_trade',
    'receive_payment',
    'create_vendor_credit',
  ])
    assert.equal(tool(name).category, 'Financial', name);
  // Deleting or cancelling one destroys a record rather than moving money: Destructive, Critical all the same.
  assert.equal(tool('cancel_order').category, 'Destructive');
  assert.equal(tool('cancel_order').risk, 'Critical');
  for (const name of ['list_invoices', 'get_subscription', 'get_bank_transactions', 'list_orders'])
    assert.equal(tool(name).category, 'Read', name);
});

test('revoking, logging out, invalidating, rotating and overwriting are Destructive', () => {
  for (const name of ['revoke_token', 'log_out', 'invalidate_session', 'rotate_api_key', 'overwrite_file'])
    assert.equal(tool(name).category, 'Destructive', name);
  const write = tool('write_file', {
    description: 'Create a new file or completely overwrite an existing file with new content.',
  });
  assert.ok(write.evidence.some((e) => e.suggests === 'Destructive' && e.source === 'description'));
});

test('the first sentence of the description weighs more than incidental words later on', () => {
  const result = tool('search_tickets', {
    description:
      'Search support tickets by text. Results include tickets that were cancelled or deleted; use cancel_ticket to cancel one.',
  });
  assert.equal(result.category, 'Read');
  assert.equal(result.confidence, 'high');
  assert.ok(!result.evidence.some((e) => e.text.includes('cancel_ticket')));
});

test('the first sentence decides a name with no verb', () => {
  isCategory('Execute', 'database', 'Execute a SQL query against the database.');
  isCategory('Read', 'weather', 'Returns the forecast for a city.');
  isCategory('Destructive', 'notes', 'This tool lets you delete a note.');
});

test('a property counts by the last word of its name, and only when it takes a free-form string', () => {
  const code = tool('evaluate', { inputSchema: props('sourceCode') });
  assert.ok(code.evidence.some((e) => e.signal === 'property:code' && e.text === 'properties.sourceCode'));
  const named = tool('get_script', { inputSchema: props('scriptName') });
  assert.equal(named.category, 'Read');
  assert.ok(!named.evidence.some((e) => e.source === 'input-schema'));
  const enumerated = tool('thing', {
    inputSchema: { type: 'object', properties: { command: { type: 'string', enum: ['start', 'stop'] } } },
  });
  assert.ok(!enumerated.evidence.some((e) => e.signal === 'property:code'));
});

test('no single weak signal decides: a countryCode or a discount code does not make a tool Execute', () => {
  assert.equal(tool('get_address', { inputSchema: props('countryCode', 'postalCode') }).category, 'Read');
  assert.equal(tool('apply_discount', { inputSchema: props('code') }).category, 'Write');
  // With nothing else to go on, one weak signal is not enough either: the fallback stands, with low confidence.
  const alone = tool('frobnicate', { inputSchema: props('code') });
  assert.equal(alone.category, 'Write');
  assert.equal(alone.confidence, 'low');
});

test('readOnlyHint true lowers Write to Read, and never lowers Execute, Destructive or Financial', () => {
  const lowered = tool('update_view', { description: 'Updates the cached view.', annotations: { readOnlyHint: true } });
  assert.equal(lowered.textCategory, 'Write');
  assert.equal(lowered.category, 'Read');
  for (const name of ['delete_note', 'run_script', 'create_refund']) {
    const result = tool(name, { annotations: { readOnlyHint: true, destructiveHint: false } });
    assert.notEqual(result.category, 'Read', name);
    assert.equal(result.confidence, 'medium', name);
    assert.ok(result.evidence.some((e) => e.source === 'annotation' && e.text === 'readOnlyHint: true'));
  }
});

test('destructiveHint true lifts a tool only when its text agrees, and otherwise costs confidence', () => {
  const agreed = tool('update_note', {
    description: 'Replaces the note. The old text is permanently deleted and cannot be undone.',
    annotations: { destructiveHint: true },
  });
  assert.equal(agreed.category, 'Destructive');
  const careless = tool('update_note', {
    description: 'Updates the title of a note.',
    annotations: { destructiveHint: true },
  });
  assert.equal(careless.category, 'Write');
  assert.equal(careless.confidence, 'medium');
  assert.ok(careless.evidence.some((e) => e.signal === 'annotation:destructive'));
});

test('destructiveHint true is ignored when the same tool declares itself read-only, as the spec says', () => {
  assert.equal(tool('get_note', { annotations: { readOnlyHint: true, destructiveHint: true } }).category, 'Read');
});

test('a tool with no evidence at all falls back to Write with low confidence; a read-only claim makes it Read', () => {
  const none = tool('frobnicate');
  assert.equal(none.category, 'Write');
  assert.equal(none.confidence, 'low');
  assert.deepEqual(none.evidence, []);
  assert.equal(tool('frobnicate', { annotations: { readOnlyHint: true } }).category, 'Read');
});

test('confidence is high only when independent sources agree', () => {
  const agree = tool('list_notes', { description: 'Lists the notes in a notebook.' });
  assert.equal(agree.confidence, 'high');
  const nameOnly = tool('list_notes');
  assert.equal(nameOnly.confidence, 'medium');
  const readOnly = tool('list_notes', { annotations: { readOnlyHint: true } });
  assert.equal(readOnly.confidence, 'high');
});

test('evidence names where it was found, the rule, the quoted text and the category it argues for', () => {
  const result = tool('delete_file', {
    title: 'Delete a file',
    description: 'Removes the file at the given path.',
    inputSchema: props('path', 'confirm'),
  });
  const sources = new Set(result.evidence.map((e) => e.source));
  assert.deepEqual([...sources].sort(), ['description', 'name', 'title']);
  const name = result.evidence.find((e) => e.source === 'name');
  assert.deepEqual(name, { source: 'name', signal: 'verb:destroy', text: 'delete_file', suggests: 'Destructive' });
});

test('a noun in a read tool name does not make it dangerous: list_workflows stays Read', () => {
  assert.equal(tool('list_workflows').category, 'Read');
  assert.equal(tool('get_output_images', { inputSchema: props('limit', 'filter') }).category, 'Read');
});

test('with resource-first names, the verb is the verb-like word that recurs across the server', () => {
  // Real naming from a cloud server: the resource comes first, and some resources look like verbs.
  const siblings = [
    'functions-create-trigger',
    'functions-get-trigger',
    'functions-list-triggers',
    'functions-delete-trigger',
    'functions-get-action',
    'functions-list-actions',
    'genai-model-eval-get-run',
    'genai-model-eval-list-runs',
    'genai-model-eval-create-run',
    'droplet-get',
    'droplet-list',
    'invoice-list',
    'get-invoice',
  ];
  const of = (name: string) => tool(name, {}, siblings).category;
  // A verb-first server keeps its first word as the verb even when a later one varies.
  const github = ['get_pull_request_comments', 'get_pull_request_reviews', 'get_pull_request_status', 'get_issue'];
  assert.equal(tool('get_pull_request_comments', {}, github).category, 'Read');
  // …but a family of names that differ only in a later bare verb names its resource first, even
  // on a verb-first server (a real crawler server's monitor tools).
  const crawler = [
    'crawler_scrape',
    'crawler_search',
    'crawler_crawl',
    'crawler_extract',
    'crawler_parse',
    'crawler_monitor_create',
    'crawler_monitor_list',
    'crawler_monitor_get',
    'crawler_monitor_delete',
  ];
  assert.equal(tool('crawler_monitor_create', {}, crawler).category, 'Write');
  assert.equal(tool('crawler_monitor_delete', {}, crawler).category, 'Destructive');
  assert.equal(tool('crawler_monitor_list', {}, crawler).category, 'Read');
  assert.equal(of('functions-get-trigger'), 'Read');
  assert.equal(of('functions-list-triggers'), 'Read');
  assert.equal(of('functions-delete-trigger'), 'Destructive');
  assert.equal(of('genai-model-eval-get-run'), 'Read');
  assert.equal(of('invoice-list'), 'Read');
  // Creating a run starts it.
  assert.equal(of('genai-model-eval-create-run'), 'Execute');
});

test('an agent noun at the end of a name names its role: a reader reads, an updater updates', () => {
  const siblings = [
    'site-user-services-reader',
    'site-team-services-reader',
    'site-project-services-reader',
    'site-project-services-updater',
    'site-deploy-services-reader',
    'site-deploy-services-updater',
  ];
  assert.equal(tool('site-user-services-reader', {}, siblings).category, 'Read');
  assert.equal(tool('site-deploy-services-reader', {}, siblings).category, 'Read');
  assert.equal(tool('site-deploy-services-updater', {}, siblings).category, 'Write');
});

test('light verbs take their meaning from their object', () => {
  isCategory('Read', 'web', 'Performs a web search using the search API.');
  isCategory('Read', 'get_report', 'Run a report: aging, general ledger, journal.');
  isCategory('Execute', 'sql', 'Run a query against the warehouse.');
  // dynatrace execute_davis_analyzer (tuning half): executing an analyzer analyses, as running a report does.
  isCategory('Read', 'execute_davis_analyzer', 'Execute a Davis Analyzer with custom input parameters.');
  isCategory('Execute', 'execute_script', 'Execute a script on the host.');
});

test('power actions are Execute; rebuilding from an image is Destructive', () => {
  for (const name of ['power-off-droplet', 'reboot-droplet', 'shutdown-droplet', 'power-cycle-droplet'])
    assert.equal(tool(name).category, 'Execute', name);
  assert.equal(tool('rebuild-droplet').category, 'Destructive');
});

test('a stated overwrite makes a Write tool Destructive; an overwrite option off by default does not', () => {
  const stated = tool('create-or-update-action', {
    description: 'Create or update an action. If the action already exists it will be overwritten.',
  });
  assert.equal(stated.category, 'Destructive');
  assert.ok(stated.evidence.some((e) => e.signal === 'phrase:overwrites-existing'));
  const option = tool('upload_image', {
    description: 'Upload an image to the input folder. Supports custom filenames and overwrite control.',
  });
  assert.equal(option.category, 'Write');
  // hevy replace-workout-exercises and update-routine (tuning half): replacing all of a record's parts,
  // or dropping what the caller leaves out, loses what was there.
  isCategory(
    'Destructive',
    'replace-workout-exercises',
    'Mutates a workout by replacing all exercises and sets. Other workout metadata remains unchanged.',
  );
  isCategory(
    'Destructive',
    'update-routine',
    'Mutates a routine by replacing its title and exercises. Omitted exercises are removed.',
  );
  isCategory('Write', 'update-workout', 'Update a workout. Only the fields passed change.');
});

test('headings and advice to the agent are not the first sentence', () => {
  const advised = tool('coding-rules', {
    description: 'ALWAYS call when writing serverless code. Returns the coding rules for functions.',
  });
  assert.equal(advised.category, 'Read');
  const headed = tool('crm-objects', {
    description: '   Purpose:\n      1. Retrieves a paginated list of objects of a given type.',
  });
  assert.equal(headed.category, 'Read');
});

test('a description that calls itself read-only argues for Read', () => {
  const reader = tool('project-services', {
    description: 'Select and run one of the following read operations (read-only): get-project, get-projects.',
  });
  assert.ok(reader.evidence.some((e) => e.signal === 'phrase:read-only' && e.suggests === 'Read'));
});

test('answering a question retrieves: "answer" is a reading verb', () => {
  // mapbox ground_location_tool (tuning half): a question-answering tool with no verb in its name.
  const answer = tool('ground_location_tool', {
    description:
      'Answer questions about what is near a location, what neighborhood a coordinate is in, or what places are within walking/driving distance.',
  });
  assert.equal(answer.category, 'Read');
});

test('a negated verb at the head of the first sentence is not what the tool does', () => {
  const negated = tool('expert', { description: 'Do NOT reply to such questions yourself - always use this tool.' });
  assert.ok(!negated.evidence.some((e) => e.signal === 'verb:send'), JSON.stringify(negated.evidence));
  isCategory('Execute', 'notify_team', 'Never replies; sends a notice to the team.');
});

test('"manage" is a changing verb, as servers list manage-* among their write operations', () => {
  // netlify (tuning half) lists manage-form-submissions and manage-env-vars as "write operations".
  assert.equal(tool('manage-env-vars').category, 'Write');
  assert.equal(tool('manage_form_submissions').category, 'Write');
});

test('generating text that is handed back (a link, a map, code, a plan) reads; generating other things does not', () => {
  // mapbox static_map_image_tool (tuning half).
  const map = tool('static_map_image_tool', {
    description: 'Generates a static map image from Mapbox Static Images API. Supports center coordinates and zoom.',
  });
  assert.equal(map.category, 'Read');
  assert.ok(map.evidence.some((e) => e.signal === 'verb:generate+text'));
  assert.equal(tool('generate_link').category, 'Read');
  // digitalocean genai-simulation-generate-scenario-set (tuning half): the server stores the set.
  isCategory('Write', 'generate-scenario-set', 'Generate a scenario set from a natural-language goal description.');
});

const variants = (...operations: string[]) => ({
  type: 'object' as const,
  properties: {
    selectSchema: {
      anyOf: operations.map((op) => ({
        type: 'object',
        properties: { operation: { type: 'string', const: op }, params: { type: 'object' } },
        required: ['operation'],
      })),
    },
  },
  required: ['selectSchema'],
});

test('a router that declares its operations as variants is what they are: any change makes it Execute', () => {
  // netlify (tuning half): the *-services-updater and *-services-reader tools.
  const updater = tool('project-services-updater', {
    description: 'Select and run one of the following write operations',
    inputSchema: variants('update-forms', 'manage-env-vars', 'create-new-project'),
  });
  assert.equal(updater.category, 'Execute');
  const signal = updater.evidence.find((e) => e.signal.startsWith('router:'));
  assert.equal(signal?.signal, 'router:changes');
  assert.match(signal?.text ?? '', /update-forms, manage-env-vars, create-new-project/);
  const reader = tool('project-services-reader', {
    description: 'Select and run one of the following read operations',
    inputSchema: variants('get-project', 'get-projects', 'get-forms-for-project'),
  });
  assert.equal(reader.category, 'Read');
  // One declared operation is simply that operation.
  assert.equal(tool('deploy-services-updater', { inputSchema: variants('deploy-site') }).category, 'Execute');
  assert.equal(tool('user-services-reader', { inputSchema: variants('get-user') }).category, 'Read');
});

// Free-form routers: no tool of the tuning half has one, so these definitions are written for the
// test, in the shape such routers take (a free-form `command`, its arguments in an open object).
const routerSchema = {
  type: 'object' as const,
  properties: {
    command: { type: 'string', description: 'The command to execute against the specified tool.' },
    parameters: { type: 'object', description: 'The parameters to pass to the tool command.' },
  },
};
const router = (description: string, extra: Partial<ToolDefinition> = {}) =>
  tool('widgets', { description, inputSchema: routerSchema, ...extra });

test('a free-form command router is Execute when an operation it lists changes something, Read when all read', () => {
  assert.equal(router('Widget operations - Commands for creating, listing and deleting widgets.').category, 'Execute');
  assert.equal(router('Commands for listing widgets and sending alerts about them.').category, 'Execute');
  assert.equal(router('Commands for listing widgets, retrieving their details and checking quotas.').category, 'Read');
  assert.equal(
    router('Commands for listing widgets. Includes operations for creating invoices.').category,
    'Financial',
  );
});

test('"manage" leading a router description is a catch-all: the operations named after it decide', () => {
  assert.equal(router('Manage and query widgets across subscriptions.').category, 'Read');
  assert.equal(router('Commands for managing widgets. Includes operations for listing widgets.').category, 'Read');
  assert.equal(
    router('Commands for managing widgets. Includes operations for listing widgets and managing widget settings.')
      .category,
    'Execute',
  );
  // With nothing more specific named, managing is a change.
  assert.equal(router('Commands for managing widgets.').category, 'Execute');
});

test("a router's negations, advice and how-to-call sentences name none of its operations", () => {
  const r = router(
    'Commands for listing widgets. Not for deleting or creating widgets. Call this tool before creating any plan. ' +
      'Offers guidance on modifying or generating widget templates.This tool is a hierarchical MCP command router.\n' +
      'Set "learn=true" to discover available sub commands.',
  );
  assert.equal(r.category, 'Read', JSON.stringify(r.evidence));
});

test('a router whose text names no operation is Execute with low confidence; one that lists them is medium', () => {
  const unstated = router('Widget operations - Commands to work with widgets.');
  assert.equal(unstated.category, 'Execute');
  assert.equal(unstated.confidence, 'low');
  assert.equal(router('Commands for listing and creating widgets.').confidence, 'medium');
});

test('readOnlyHint true does not lower a router whose operations change things', () => {
  const r = router('Commands for listing and creating widgets.', { annotations: { readOnlyHint: true } });
  assert.equal(r.category, 'Execute');
});

test('a command argument alone does not make a router: a shell tool stays Execute, a lookup stays Read', () => {
  const shell = tool('run', { description: 'Run a shell command.', inputSchema: props('command') });
  assert.equal(shell.category, 'Execute');
  assert.ok(!shell.evidence.some((e) => e.signal.startsWith('router:')));
  const lookup = tool('describe_action', { description: 'Describes one action.', inputSchema: props('action') });
  assert.equal(lookup.category, 'Read');
});

test('a sibling tool named by one plain word is an ordinary word of the text unless quoted', () => {
  // Before, the sibling `list` was cut out of "list every page", leaving the sentence without a verb.
  const siblings = ['pages', 'list'];
  isCategory('Read', 'pages', 'Pages: list every page of the site.', siblings);
});

test('generating an image, audio or video runs a model on the service: Execute', () => {
  // The corpus labels a queued ComfyUI generation (tuning half) Execute; a map image stays Read.
  isCategory('Execute', 'generate_image', 'Generate images using a hosted model.');
  assert.equal(tool('generate_speech').category, 'Execute');
  isCategory('Read', 'static_map', 'Generates a static map image.');
});

test('releasing a reserved resource, restoring from a backup and starting a garbage collection are Destructive', () => {
  // digitalocean (tuning half): reserved-ip-release, restore-droplet, docr-garbage-collection-start.
  isCategory('Destructive', 'reserved-ip-release', 'Release a reserved IPv4 or IPv6');
  isCategory('Destructive', 'restore-droplet', 'Restore a droplet from a backup/snapshot');
  isCategory('Destructive', 'rollback_deploy', 'Roll back to the previous snapshot.');
  isCategory(
    'Destructive',
    'docr-garbage-collection-start',
    'Start a garbage collection for a container registry to free up storage',
  );
  // Restoring what was archived or trashed puts it back: Write.
  isCategory('Write', 'restore_page', 'Restore an archived page.');
  assert.equal(tool('start_build').category, 'Execute');
});

test('a tool named for an area whose argument enumerates operations is what those operations are', () => {
  // kubernetes (tuning half): kubectl_context lists, gets or sets the current context; node_management
  // cordons, drains and uncordons, verbs the vocabulary does not know.
  const context = tool('kubectl_context', {
    description: 'Manage Kubernetes contexts - list, get, or set the current context',
    inputSchema: { type: 'object', properties: { operation: { type: 'string', enum: ['list', 'get', 'set'] } } },
    annotations: { readOnlyHint: true },
  });
  assert.equal(context.category, 'Execute');
  assert.ok(context.evidence.some((e) => e.signal === 'router:changes' && e.text.includes('properties.operation')));
  const nodes = tool('node_management', {
    description: 'Manage Kubernetes nodes with cordon, drain, and uncordon operations',
    inputSchema: {
      type: 'object',
      properties: { operation: { type: 'string', enum: ['cordon', 'drain', 'uncordon'] } },
    },
  });
  assert.equal(nodes.category, 'Execute');
  assert.equal(nodes.confidence, 'low');
  const reads = tool('tabs', {
    inputSchema: { type: 'object', properties: { action: { type: 'string', enum: ['list', 'get'] } } },
  });
  assert.equal(reads.category, 'Read');
  // A tool whose name has a verb does that: its enumerated `action` is a filter (paddle, tuning half).
  const filter = tool('list_adjustments', {
    description: 'List adjustments.',
    inputSchema: { type: 'object', properties: { action: { type: 'string', enum: ['credit', 'refund'] } } },
  });
  assert.equal(filter.category, 'Read');
});

test('installing or upgrading an application or a chart runs it; upgrading a cluster migrates it in place', () => {
  // kubernetes install_helm_chart and upgrade_helm_chart, digitalocean's 1-click app install (tuning half).
  isCategory('Execute', 'install_helm_chart', 'Install a Helm chart with support for both standard installs');
  isCategory('Execute', 'upgrade_helm_chart', 'Upgrade an existing Helm chart release');
  isCategory(
    'Execute',
    'marketplace-1-click-kubernetes-app-install',
    'Install 1-click applications on a Kubernetes cluster',
  );
  // Settled labels of doks-upgrade-cluster and db-cluster-upgrade-major-version (tuning half).
  isCategory('Execute', 'doks-upgrade-cluster', 'Upgrade a DigitalOcean Kubernetes cluster');
  isCategory(
    'Execute',
    'db-cluster-upgrade-major-version',
    'Upgrade the major version of a database cluster by its id. Requires the target version.',
  );
  // A GitOps server (tuning half): syncing an application deploys it; syncing a folder copies files.
  isCategory('Execute', 'sync_application', 'sync_application syncs application.');
  isCategory('Write', 'sync_folder', 'Sync a local folder with the bucket.');
});

test('cleaning up deletes; a port forward is a noun; queueing a check runs it', () => {
  // kubernetes cleanup and stop_port_forward, firecrawl_monitor_run (tuning half).
  isCategory('Destructive', 'cleanup', 'Cleanup all managed resources');
  isCategory('Destructive', 'clean_up_builds', 'Clean up old builds.');
  assert.deepEqual(tokenize('stop_port_forward'), ['stop', 'portforward']);
  isCategory('Write', 'stop_port_forward', 'Stop a port-forward process');
  assert.equal(
    tool('monitor_run', {
      title: 'Run monitor now',
      description: 'Queue an immediate check for a monitor outside its normal schedule.',
    }).category,
    'Execute',
  );
});

test('in a browser, uploading a file, resizing the window and dropping onto an element are browser actions', () => {
  // playwright (Microsoft, tuning half): browser_file_upload, browser_resize, browser_drop, browser_drag,
  // all declared destructive, none of them deleting anything.
  const hints = { readOnlyHint: false, destructiveHint: true };
  const upload = tool('browser_file_upload', { description: 'Upload one or multiple files', annotations: hints });
  assert.equal(upload.category, 'Execute');
  assert.ok(upload.evidence.some((e) => e.signal === 'verb:browser-action'));
  assert.equal(
    tool('browser_resize', { description: 'Resize the browser window', annotations: hints }).category,
    'Execute',
  );
  assert.equal(
    tool('browser_drop', {
      description: 'Drop files or MIME-typed data onto an element, as if dragged from outside the page.',
      annotations: hints,
    }).category,
    'Execute',
  );
  assert.equal(
    tool('browser_drag', { description: 'Perform drag and drop between two elements', annotations: hints }).category,
    'Execute',
  );
  // A product name is not a browser: BrowserStack's test-management upload stores a file.
  isCategory('Write', 'uploadProductRequirementFile', 'Upload files (e.g., PDFs) to BrowserStack Test Management.');
  // Outside a browser the same verbs keep their meaning.
  isCategory('Write', 'upload_file', 'Upload a file to the bucket.');
  isCategory('Destructive', 'drop_table', 'Drop a table.');
  isCategory('Write', 'resize_volume', 'Resize a block storage volume.');
});

test('removing from a container what the server manages on its own, or what a twin tool adds, unlinks it; what lives only inside is deleted', () => {
  // digitalocean (tuning half): droplets have tools of their own (droplet-create, droplet-delete); a load
  // balancer's forwarding rules do not, but lb-add-fwd-rules puts back what lb-remove-fwd-rules takes out.
  const siblings = [
    'droplet-create',
    'droplet-delete',
    'droplet-get',
    'firewall-add-droplets',
    'firewall-remove-droplets',
    'firewall-remove-rules',
    'firewall-add-rules',
    'lb-add-droplets',
    'lb-remove-droplets',
    'lb-remove-fwd-rules',
    'lb-add-fwd-rules',
  ];
  const removeDroplets = tool(
    'firewall-remove-droplets',
    { description: 'Removes one or more droplets from a firewall' },
    siblings,
  );
  assert.equal(removeDroplets.category, 'Write');
  assert.ok(
    removeDroplets.evidence.some((e) => e.signal === 'verb:remove-from' || e.signal === 'verb:remove+add-twin'),
  );
  isCategory('Write', 'lb-remove-droplets', 'Remove Droplets from a Load Balancer', siblings);
  isCategory('Write', 'lb-remove-fwd-rules', 'Remove Forwarding Rules from a Load Balancer', siblings);
  isCategory('Write', 'firewall-remove-rules', 'Remove one or more rules from a firewall', siblings);
  // A feature flag has tools of its own but lives only in its project: nothing adds one to a project.
  const flags = ['create-feature-flag', 'get-feature-flag', 'remove-feature-flag'];
  isCategory('Destructive', 'remove-feature-flag', 'Removes a feature flag from the project.', flags);
  // Without siblings to say droplets live on their own, removing them stays Destructive.
  isCategory('Destructive', 'firewall-remove-droplets', 'Removes droplets from a firewall');
});

test('a tool named by an HTTP method alone, with a free-form path, sends whatever request it is given', () => {
  // atlassian-bitbucket (tuning half): bb_get, bb_post, bb_put, bb_patch, bb_delete, beside bb_clone.
  const siblings = ['bb_get', 'bb_post', 'bb_put', 'bb_patch', 'bb_delete', 'bb_clone'];
  const request = { type: 'object' as const, properties: { path: { type: 'string' }, body: { type: 'object' } } };
  const post = tool('bb_post', { description: 'Create Bitbucket resources.', inputSchema: request }, siblings);
  assert.equal(post.category, 'Execute');
  assert.ok(post.evidence.some((e) => e.signal === 'name:http-request' && e.text.includes('properties.path')));
  // PUT and PATCH update what the path names (settled labels of bb_put and bb_patch).
  assert.equal(tool('bb_put', { description: 'Replace resources.', inputSchema: request }, siblings).category, 'Write');
  assert.equal(
    tool('bb_patch', { description: 'Partially update resources.', inputSchema: request }, siblings).category,
    'Write',
  );
  assert.equal(tool('bb_get', { description: 'Read any data.', inputSchema: request }, siblings).category, 'Read');
  assert.equal(
    tool('bb_delete', { description: 'Delete resources.', inputSchema: request }, siblings).category,
    'Destructive',
  );
  // A method with an object is an ordinary verb: patching a file is a change.
  assert.equal(tool('patch_file', { description: 'Patch a file.', inputSchema: props('path') }).category, 'Write');
});

test('a mode whose values read and change is a set of operations; one that varies a change is a phase', () => {
  // git (tuning half): git_branch and git_stash offer list beside changes; git_rebase's modes are phases.
  const branch = tool('git_branch', {
    description: 'Manage branches: list all branches, show current branch, create a new branch, delete a branch.',
    inputSchema: {
      type: 'object',
      properties: { mode: { type: 'string', enum: ['list', 'create', 'delete', 'rename', 'show-current'] } },
    },
  });
  assert.equal(branch.category, 'Execute');
  assert.equal(
    tool('git_stash', {
      description: 'Manage stashes.',
      inputSchema: {
        type: 'object',
        properties: { mode: { type: 'string', enum: ['list', 'push', 'pop', 'apply', 'drop', 'clear'] } },
      },
    }).category,
    'Execute',
  );
  assert.equal(
    tool('git_rebase', {
      description: 'Rebase commits onto another branch.',
      inputSchema: {
        type: 'object',
        properties: { mode: { type: 'string', enum: ['start', 'continue', 'abort', 'skip'] } },
      },
    }).category,
    'Write',
  );
  // sentry update_issue: an ignoreMode of `untilOccurrenceCount` names no operation.
  assert.equal(
    tool('update_issue', {
      description: "Update an issue's status or assignment.",
      inputSchema: {
        type: 'object',
        properties: { ignoreMode: { type: 'string', enum: ['untilOccurrenceCount', 'untilUserCount', 'forever'] } },
      },
    }).category,
    'Write',
  );
});

test('an overwrite mode makes a writing tool Destructive; starting a search reads; reloading a page runs', () => {
  // desktop-commander (tuning half): write_file offers mode rewrite | append, rewrite by default; start_search starts a search.
  const write = tool('write_file', {
    description: 'Write or append to file contents.',
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        mode: { type: 'string', enum: ['rewrite', 'append'], default: 'rewrite' },
      },
    },
  });
  assert.equal(write.category, 'Destructive');
  assert.ok(
    write.evidence.some(
      (e) => e.signal === 'property:overwrite-mode' && e.text === 'properties.mode: rewrite (the default)',
    ),
  );
  assert.equal(
    tool('append_file', {
      description: 'Append to a file.',
      inputSchema: { type: 'object', properties: { mode: { type: 'string', enum: ['append', 'prepend'] } } },
    }).category,
    'Write',
  );
  isCategory('Read', 'start_search', 'Start a streaming search that can return results progressively.');
  isCategory('Execute', 'start_build', 'Start a build of the project.');
  // browser-tools (tuning half): refreshBrowser reloads the inspected tab.
  isCategory('Execute', 'refreshBrowser', 'Reloads the inspected tab.');
});

test('a description that says the tool works offline, without API calls, may lower Write to Read', () => {
  // mapbox (tuning half), annotations stripped: union_tool and simplify_tool compute geometry locally.
  const union = tool('union_tool', {
    description:
      'Merge two or more polygons into a single unified geometry. Returns a Polygon or MultiPolygon. Works offline without API calls.',
  });
  assert.equal(union.category, 'Read');
  assert.ok(union.evidence.some((e) => e.signal === 'phrase:local-computation'));
  isCategory(
    'Read',
    'simplify_tool',
    'Reduces the number of vertices while preserving the general shape. Works offline without API calls.',
  );
  // The claim never lowers anything more severe than Write.
  isCategory('Destructive', 'delete_file', 'Delete the local file. Works offline without API calls.');
  isCategory('Write', 'merge_polygons', 'Merge two or more polygons.');
});

test('"Use this tool to …" says what the tool does; "Use this tool when …" is advice', () => {
  // salesforce (tuning half): guide_lwc_development, with annotations stripped.
  const guide = tool('guide_lwc_development', {
    description: 'Use this tool to get guidance on Lightning Web Components (LWC) development.',
  });
  assert.equal(guide.category, 'Read');
  assert.ok(guide.evidence.some((e) => e.source === 'description' && e.text.startsWith('Use this tool to get')));
  const advised = tool('notes', {
    description: 'Use this tool when the user asks about notes. Deletes a note by its id.',
  });
  assert.equal(advised.category, 'Destructive');
});

test('creating a prediction runs a model; a product name is one word; providing or guiding hands text back', () => {
  // replicate and salesforce (tuning half).
  isCategory('Execute', 'create_predictions', 'Create a prediction');
  assert.deepEqual(tokenize('TypeScript-based JavaScript'), ['typescript', 'based', 'javascript']);
  isCategory(
    'Read',
    'api_documentation',
    'The MCP tool provides a comprehensive TypeScript-based API documentation for the NFC service.',
  );
  isCategory('Read', 'guide_design_general', 'Provides design guidelines and best practices.');
  // Running JavaScript still runs code.
  isCategory('Execute', 'evaluate', 'Execute JavaScript in the page.');
});

test('a first sentence that hands back written guidance reads, whatever the name promises', () => {
  // Real definitions from a developer-platform server: documentation and instructions, no action.
  isCategory(
    'Read',
    'create_mobile_lwc_payments',
    'The MCP tool provides a comprehensive TypeScript-based API documentation for the Payments Service.',
  );
  isCategory(
    'Read',
    'run_lwc_accessibility_jest_tests',
    'Provides detailed instructions and commands for running Sa11y accessibility Jest tests on LWC components.',
  );
  isCategory('Read', 'transition_prd_to_lwc', 'Use this tool to provide next-step migration instructions from a PRD.');
  // Guidance named after the object's preposition is not what the tool hands back.
  isCategory('Financial', 'create_invoice', 'Returns the invoice for a customer, with guidance.');
  isCategory('Execute', 'run_tests', 'Runs the test suite and provides recommendations.');
});

test('a reading tool that saves what it reads on this machine writes', () => {
  // Real definitions from a developer-platform server: a schema fetched into a file of the project.
  const fetchSchema = tool('fetch_graphql_schema', {
    description: 'Fetches the GraphQL schema of the org.',
    inputSchema: { type: 'object', properties: { outputPath: { type: 'string' } }, required: ['outputPath'] },
  });
  assert.equal(fetchSchema.category, 'Write');
  assert.ok(fetchSchema.evidence.some((e) => e.signal === 'saves-local-copy' && e.text === 'properties.outputPath'));
  isCategory('Write', 'retrieve_metadata', 'Retrieve metadata from an org to your local project.');
  // A path to read from, or an output format, saves nothing.
  assert.equal(
    tool('get_file', {
      description: 'Reads a file.',
      inputSchema: { type: 'object', properties: { path: { type: 'string' }, output: { type: 'string' } } },
    }).category,
    'Read',
  );
  // A download, an export or a fetch that offers a path here is made to keep a copy, even as an
  // option (settled labels of download_file, export_file and gnfd_download_object, tuning half), and
  // readOnlyHint, which speaks of the service read, does not lower it.
  const fetchOptional = tool('fetch_graphql_schema', {
    description: 'Fetches the GraphQL schema of the org.',
    inputSchema: { type: 'object', properties: { outputPath: { type: 'string' } } },
    annotations: { readOnlyHint: true },
  });
  assert.equal(fetchOptional.category, 'Write');
  assert.equal(fetchOptional.confidence, 'medium');
  isCategory('Write', 'download_file', 'Download a file as base64 or to disk');
  assert.equal(
    tool('gnfd_download_object', {
      description: 'Download an object from a bucket',
      inputSchema: { type: 'object', properties: { bucketName: { type: 'string' }, targetPath: { type: 'string' } } },
    }).category,
    'Write',
  );
  // Any other reading tool saves a copy only when it always does: device logs with an optional file read.
  assert.equal(
    tool('mobile_get_device_logs', {
      description: 'Get the device logs.',
      inputSchema: { type: 'object', properties: { saveTo: { type: 'string' } } },
    }).category,
    'Read',
  );
});

test('moving a wallet asset to another address moves value; creating one does not', () => {
  // Real definitions from a blockchain server (tuning half).
  isCategory('Financial', 'transfer_erc20', 'Transfer ERC20 tokens to an address.');
  isCategory('Financial', 'transfer_native_token', 'Transfer native tokens (BNB, ETH, MATIC, etc.) to an address.');
  isCategory('Financial', 'transfer_nft', 'Transfer an NFT to an address.');
  isCategory(
    'Financial',
    'approve_token_spending',
    'Approve another address (e.g. a DeFi protocol or exchange) to spend your ERC20 tokens.',
  );
  isCategory('Read', 'get_erc20_balance', 'Get the ERC20 token balance of an address.');
  isCategory('Write', 'create_erc20_token', 'Create a new ERC20 token contract.');
});

test('documents of a sale are one noun, and a money word after a preposition is not the object', () => {
  // Real definitions from an ERP server and a store back end (tuning half).
  isCategory('Write', 'work_order_create', 'Create a new Work Order for manufacturing.');
  isCategory('Financial', 'sales_order_create', 'Create a new Sales Order for a customer.');
  isCategory('Write', 'create_fulfillment', 'Create a fulfillment for an order.');
  isCategory('Write', 'set-leverage', 'Set leverage for futures trading');
  isCategory('Financial', 'create_refund', 'Create a refund for a charge.');
});

test('a plural at the end of a longer name is its object, not a verb', () => {
  // A dashboard tool of an ERP server (tuning half): "orders" here are counted, not placed.
  const erp = ['erp_kpi_orders', 'erp_kpi_revenue', 'erp_doc_get', 'erp_doc_list'];
  assert.equal(tool('erp_kpi_orders', { annotations: { readOnlyHint: true } }, erp).category, 'Read');
  assert.equal(tool('user_deletes', {}, ['user_deletes']).category, 'Write');
  // A base form at the end is still the verb.
  assert.equal(tool('file_delete', {}, ['file_delete', 'file_get']).category, 'Destructive');
});

test('with no verb anywhere, a name or opening that names a view of data reads', () => {
  // Real definitions from an ERP server (tuning half).
  isCategory(
    'Read',
    'erp_sales_funnel',
    'Sales funnel from Lead → Opportunity → Quotation → Sales Order. Shows count and value at each stage.',
  );
  isCategory('Read', 'erp_kpi_revenue', 'KPI card: total Sales Order revenue for the current month.');
  // A verb still decides, and a view noun first is an imperative.
  isCategory('Destructive', 'dashboard_delete', 'Delete a dashboard.');
  isCategory('Write', 'feedback', 'Report a capability scorecard grading the tools of this turn.');
});

test('a change to a record of any type is Financial when money documents are among the types offered', () => {
  // Real definitions from an ERP server (tuning half).
  isCategory(
    'Financial',
    'doc_update',
    "Update any ERPNext document (partial update). Works on any DocType. Pass doctype (e.g. 'Customer', 'Sales Order'), the document name, and the fields to change.",
  );
  isCategory(
    'Write',
    'doc_create',
    'Create any ERPNext document. Works on any DocType including master data (Company, Item Group, UOM, Territory).',
  );
  // Reading any record type, money among them, still reads.
  isCategory('Read', 'doc_list', "List any ERPNext documents by DocType (e.g. 'Sales Invoice').");
});

test("clearing a server's own cache or a setting resets it; clearing data still deletes", () => {
  // Real definitions from an exchange server (tuning half).
  isCategory('Write', 'clear-cache', 'Clear CCXT cache');
  isCategory('Write', 'clear-exchange-cache', 'Clear exchange instance cache');
  isCategory('Destructive', 'clear_queue', 'Clear the queue of pending jobs.');
  // A CDN's cache refills from the files it copies (digitalocean spaces-cdn-flush-cache, tuning half).
  isCategory('Write', 'flush_cache', 'Flush the CDN cache.');
});

test('ranking and scoring what the caller gives reads; handling a dialog in a browser acts on the page', () => {
  // Real definitions from a vector-database server, a developer-platform server and a browser server (tuning half).
  isCategory('Read', 'rerank-documents', 'Rerank a set of provided documents by relevance to a query.');
  isCategory('Read', 'score_issues', 'Score validation issues using readiness scoring rules.');
  isCategory('Execute', 'browser_handle_dialog', 'Handle a dialog');
  // Outside a browser, handling is an ordinary change.
  isCategory('Write', 'handle_ticket', 'Handle a support ticket.');
});

test('replacing all of a resource at once overwrites it; recreating a machine destroys it', () => {
  // Real definitions from an API-platform server and a hosting server (tuning half).
  isCategory(
    'Destructive',
    'putEnvironment',
    'Replaces all the contents of an environment with the given information.',
  );
  isCategory(
    'Destructive',
    'VPS_replaceAllFirewallRulesInGroupV1',
    'Replaces all firewall rules within a specified firewall group with the provided set of rules in a single atomic operation.',
  );
  isCategory('Destructive', 'VPS_recreateVirtualMachineV1', 'Recreate a virtual machine from scratch.');
  // Replacing one value is an edit.
  isCategory('Write', 'replace_label', 'Replace the label of an issue with another one.');
});

test('setting a password anew replaces the old one for good', () => {
  // Real definitions from a hosting server (tuning half).
  isCategory('Destructive', 'VPS_setRootPasswordV1', 'Set root password for a specified virtual machine.');
  isCategory('Destructive', 'update_password', 'Update the password of the account.');
  // Setting anything else stays an edit.
  isCategory('Write', 'set_hostname', 'Set the hostname of a virtual machine.');
});

test('taking away a pairing the server also makes unlinks: delete_cycle_issue beside add_cycle_issues', () => {
  // Real names from a project-tracking server and a board server (tuning half).
  const tracker = [
    'create_issue',
    'get_issue',
    'delete_issue',
    'create_cycle',
    'delete_cycle',
    'add_cycle_issues',
    'delete_cycle_issue',
    'list_cycle_issues',
  ];
  isCategory('Write', 'delete_cycle_issue', 'Remove an issue from a cycle', tracker);
  isCategory('Destructive', 'delete_issue', 'Delete an issue', tracker);
  isCategory('Destructive', 'delete_cycle', 'Delete a cycle', tracker);
  const board = [
    'get_card',
    'add_card_to_list',
    'assign_member_to_card',
    'remove_member_from_card',
    'add_checklist_item',
    'delete_checklist_item',
    'get_board_members',
  ];
  assert.equal(
    tool(
      'remove_member_from_card',
      { description: 'Remove a member from a specific card', title: 'Remove Member from Card' },
      board,
    ).category,
    'Write',
  );
  // An item exists only inside its checklist: deleting it deletes.
  isCategory('Destructive', 'delete_checklist_item', 'Delete an item from a checklist', board);
  // Without the twin that adds, removing still deletes.
  isCategory('Destructive', 'delete_cycle_issue', 'Remove an issue from a cycle', [
    'create_issue',
    'delete_cycle_issue',
  ]);
});

test('taking off a mark one can put back (a reaction, a star) is an edit, even when declared destructive', () => {
  // A real definition from a code-hosting server (tuning half), annotations included.
  const reaction = tool('delete_issue_emoji_reaction', {
    description:
      'Remove an emoji reaction from an issue. Use this only after verifying the target; choose a get or list tool first when you need to inspect state without changing it. It changes or removes remote GitLab data and may be irreversible.',
    annotations: { destructiveHint: true },
  });
  assert.equal(reaction.category, 'Write');
  assert.equal(reaction.confidence, 'medium');
  isCategory('Write', 'unstar_repository', 'Remove the star from a repository.');
  // Advice that points to other tools makes no read-only claim for this one.
  isCategory(
    'Write',
    'update_issue',
    'Update an issue. Choose a get or list tool first to inspect state without changing it.',
  );
  // Other removals declared destructive, with text that agrees, are still lifted.
  assert.equal(
    tool('delete_note', {
      description: 'Remove a note. This may be irreversible.',
      annotations: { destructiveHint: true },
    }).category,
    'Destructive',
  );
});

test('tapping and swiping on a device screen are actions on it, like a click', () => {
  // Real definitions from a mobile-device server (tuning half).
  isCategory('Execute', 'mobile_double_tap_on_screen', 'Double-tap on the screen at given x,y coordinates.');
  isCategory('Execute', 'mobile_swipe_on_screen', 'Swipe on the screen');
});

test('resolving a thread settles it; a "without changing" that speaks of another tool claims nothing', () => {
  // Real definitions from a code-hosting server (tuning half).
  isCategory('Write', 'resolve_merge_request_thread', 'Resolve a thread on a merge request.');
  isCategory('Read', 'resolve-library-id', 'Resolves a package name to a library ID.');
  isCategory(
    'Write',
    'create_issue',
    'Create a new issue. Use this to open a new issue; use `update_issue` for an existing issue and `create_issue_note` to add discussion without changing issue fields.',
  );
  // The claim still counts when it speaks of this tool.
  isCategory('Read', 'merge_polygons', 'Merge two polygons. Works offline without API calls.');
});

test('a path to save to counts only when the tool always saves; "Run this tool first" is advice', () => {
  // Real definitions from a mobile-device server, a developer-platform server and an API-platform server (tuning half).
  const logs = tool('mobile_get_device_logs', {
    description: 'Collect live device logs as one JSON object per line.',
    inputSchema: {
      type: 'object',
      properties: { saveTo: { type: 'string', description: 'Path to write the logs to instead of returning them.' } },
    },
  });
  assert.equal(logs.category, 'Read');
  const schema = tool('fetch_lds_graphql_schema', {
    description: 'Fetches the full GraphQL introspection schema from a connected org.',
    inputSchema: { type: 'object', properties: { outputPath: { type: 'string', default: 'schema.graphql' } } },
  });
  assert.equal(schema.category, 'Write');
  isCategory(
    'Read',
    'download_attachment',
    'Download an uploaded file (images returned as base64; use local_path to save to disk).',
  );
  isCategory(
    'Read',
    'getEnabledTools',
    'IMPORTANT: Run this tool first when a requested tool is unavailable. Returns information about which tools are enabled.',
  );
});

test('a reply to a comment is stored; an overwritten draft is still an edit; replacing the whole body overwrites', () => {
  // Real definitions from a Google Workspace server (tuning half).
  isCategory('Write', 'replyToComment', 'Adds a reply to an existing comment thread.');
  isCategory('Execute', 'reply_to_email', 'Reply to an email message.');
  isCategory(
    'Write',
    'updateDraft',
    'Replaces the contents of an existing Gmail draft. The new contents fully overwrite the old draft.',
  );
  isCategory(
    'Destructive',
    'replaceDocumentWithMarkdown',
    'Replaces the entire document body with content parsed from markdown.',
  );
  isCategory('Write', 'findAndReplace', 'Replaces all occurrences of a text string throughout the document.');
  isCategory('Write', 'downloadFile', 'Downloads any file from Google Drive to a local path.');
});

test('asking, learning, debugging and generating a query hand back text', () => {
  // Real definitions from an observability server, a database server and an app-backend server (tuning half).
  isCategory('Read', 'chat_with_davis_copilot', 'Use this tool to ask any Dynatrace related question.');
  isCategory('Read', 'generate_dql_from_natural_language', 'Convert natural language queries to DQL.');
  isCategory('Read', 'pg_debug_database', 'Debug common PostgreSQL issues.');
  isCategory('Read', 'learn', "If you don't have any context, use this tool to learn about it!");
});

test('a server that groups tools under product words names each verb first after the product', () => {
  // Real names from a server that bundles several products (tuning half).
  const bundle = [
    'bugsnag_get_release',
    'bugsnag_get_build',
    'bugsnag_list_releases',
    'bugsnag_update_error',
    'zephyr_create_test_case',
    'zephyr_get_test_cases',
    'reflect_list_suites',
  ];
  assert.equal(tool('bugsnag_get_release', {}, bundle).category, 'Read');
  assert.equal(tool('bugsnag_get_build', {}, bundle).category, 'Read');
  // A resource-first server, whose group word also stands alone with a verb, is read as before.
  const cloud = ['domain-create', 'domain-delete', 'domain-record-get', 'domain-record-list', 'domain-record-delete'];
  assert.equal(tool('domain-record-get', {}, cloud).category, 'Read');
  assert.equal(tool('domain-record-delete', {}, cloud).category, 'Destructive');
});

test('redeploying runs; unpublishing can be undone; fixing a definition in place overwrites it', () => {
  // Real definitions from a self-hosting server, a CMS server and an API-design server (tuning half).
  isCategory('Execute', 'redeploy_project', 'Redeploy all apps in project');
  isCategory('Write', 'unpublish_entry', 'Unpublishes a specific entry.');
  isCategory(
    'Destructive',
    'swagger_standardize_api',
    "Standardize and fix an API definition using AI. Optionally provide 'newVersion' to save the fixed definition as a new version — omitting it will overwrite the current version.",
  );
  isCategory(
    'Read',
    'wp_seo_generate_metadata',
    'Generate SEO-optimized metadata including title tags and meta descriptions',
  );
});

test('formatting cells restyles a document; "get or create" may create; trash with a restore tool is undone', () => {
  // Real definitions from a Google Workspace server and a spreadsheet server (tuning half).
  isCategory('Write', 'format_google_sheet_cells', 'Format cells in a Google Sheet');
  isCategory('Write', 'excel_format_range', 'Format cells in the Excel sheet with style information');
  isCategory('Read', 'format_date', 'Format a date in the given locale.');
  isCategory('Write', 'get_or_create_label', 'Get or create a Gmail label');
  // The name alone says it may create, whatever its description leads with.
  isCategory('Write', 'get_or_create_label', 'Returns the Gmail label of that name.');
  const drive = ['delete_item', 'restore_from_trash', 'empty_trash', 'list_files'];
  isCategory('Write', 'delete_item', 'Move items to trash', drive);
  // Without a tool that restores, moving to the trash still deletes.
  isCategory('Destructive', 'delete_item', 'Move items to trash', ['delete_item', 'list_files']);
});

test('only a tool that restores from the trash makes a move to the trash undoable', () => {
  // A file server (test half) whose only restoring tool brings back revisions: a trash deletion whose text
  // does not say it can be restored stays Destructive. Found when the corpus's hard test caught a new
  // dangerous miss, and said so.
  const drive = ['deleteItem', 'restoreRevision', 'listFiles'];
  isCategory('Destructive', 'deleteItem', 'Move items to trash', drive);
});

test('removing what a twin tool of the same name adds takes it out, to be put back (Write); deleting still deletes', () => {
  const firewall = ['firewall-add-rules', 'firewall-remove-rules', 'firewall-delete', 'firewall-create'];
  isCategory('Write', 'firewall-remove-rules', 'Remove one or more rules from a firewall', firewall);
  const mail = ['add_label', 'remove_label', 'delete_label', 'list_labels'];
  isCategory('Write', 'remove_label', 'Remove a label from an email.', mail);
  isCategory('Destructive', 'delete_label', 'Delete a label.', mail);
  const cards = ['add_comment', 'delete_comment', 'get_card'];
  isCategory('Destructive', 'delete_comment', 'Delete a comment from a Trello card', cards);
  // With no twin that adds, removing rules deletes them.
  isCategory('Destructive', 'firewall-remove-rules', 'Remove one or more rules from a firewall', ['firewall-delete']);
});

test('deleting a tie between two things (a relation, a peering, a permission, an issue link) leaves both (Write)', () => {
  isCategory('Write', 'delete_relations', 'Delete multiple relations from the knowledge graph');
  isCategory('Write', 'vpc-peering-delete', 'Delete a VPC Peering connection', ['vpc-peering-create', 'vpc-delete']);
  isCategory('Write', 'remove_permission', 'Remove sharing permission from a file');
  isCategory('Write', 'delete_issue_link', 'Delete an issue link.');
  // A link that is a thing of its own, and the things a tie joins, are still deleted.
  isCategory('Destructive', 'delete_link', 'Delete a short link.');
  isCategory('Destructive', 'vpc-delete', 'Delete a VPC', ['vpc-peering-create', 'vpc-delete']);
});

test('deleting or flushing a cache drops copies that are fetched again (Write)', () => {
  isCategory('Write', 'lb-delete-cache', 'Delete the CDN cache of a global load balancer by ID');
  isCategory('Write', 'spaces-cdn-flush-cache', 'Flush the cache of a CDN');
  isCategory('Destructive', 'spaces-cdn-delete', 'Delete a CDN endpoint');
});

test('a first sentence that runs only read-only or SELECT queries reads, though the caller writes the query', () => {
  // convex runOneoffQuery and postgres-henkey pg_execute_query (tuning half).
  const oneOff = tool('runOneoffQuery', {
    description:
      'Run a one-off readonly query on your Convex deployment.\n\nThis tool executes a JavaScript string as a query.',
    inputSchema: props('deploymentSelector', 'query'),
  });
  assert.equal(oneOff.category, 'Read');
  assert.ok(oneOff.evidence.some((e) => e.signal === 'description:read-only-query'));
  isCategory(
    'Read',
    'pg_execute_query',
    'Execute SELECT queries and data retrieval operations - operation="select/count/exists"',
  );
  // A query that may change data is still run.
  isCategory('Execute', 'pg_execute_sql', 'Execute a SQL query against the database.');
  isCategory('Execute', 'run_statements', 'Run SELECT, INSERT or UPDATE statements.');
});

test('stopping a running system powers it down (Execute); stopping what the tool started ends it (Write)', () => {
  // hostinger-vps VPS_stopVirtualMachineV1 and VPS_stopProjectV1, coolify-masonator stop_all_apps (tuning half).
  isCategory('Execute', 'VPS_stopVirtualMachineV1', 'Stop a specified virtual machine.');
  isCategory(
    'Execute',
    'VPS_stopProjectV1',
    'Stops all running services in a Docker Compose project while preserving container configurations and data volumes.',
  );
  isCategory('Execute', 'stop_all_apps', 'EMERGENCY: Stop all running apps');
  // digitalocean db-cluster-stop-online-migration, desktop-commander stop_search, kubernetes stop_port_forward.
  isCategory('Write', 'db-cluster-stop-online-migration', 'Stop an online migration for a database cluster by its id.');
  isCategory('Write', 'stop_search', 'Stop an active search.');
  isCategory('Write', 'stop_port_forward', 'Stop a port-forward process');
});

test('an "un" name that takes back what a sibling does is undone by it (Write); uninstalling still deletes', () => {
  // gitlab-zereight unprotect_branch and google-docs-abonus ungroupAllRows (tuning half).
  isCategory('Write', 'unprotect_branch', 'Remove protection from a previously protected branch.', [
    'protect_branch',
    'unprotect_branch',
  ]);
  isCategory(
    'Write',
    'ungroupAllRows',
    'Removes all row groupings from a sheet by deleting the entire row dimension group.',
    ['groupRows', 'ungroupAllRows'],
  );
  // Without the sibling nothing says it can be done again.
  isCategory('Destructive', 'unprotect_branch', 'Remove protection from a previously protected branch.');
  isCategory('Destructive', 'uninstall_helm_chart', 'Uninstall a Helm chart release', [
    'install_helm_chart',
    'uninstall_helm_chart',
  ]);
  // erpnext erpnext_doc_unassign: a person's assignment is a tie between the person and a record.
  isCategory(
    'Write',
    'erpnext_doc_unassign',
    "Remove one user's assignment from any ERPNext document through Frappe's native workflow.",
  );
});

test('resetting a budget the server counts, or a value to its default, resets it (Write); deactivating is disabling', () => {
  // dynatrace reset_grail_budget, hostinger-vps VPS_resetHostnameV1 and VPS_deactivateFirewallV1 (tuning half).
  isCategory(
    'Write',
    'reset_grail_budget',
    'Reset the Grail query budget after it was exhausted, allowing new queries.',
  );
  const hostname = tool('VPS_resetHostnameV1', {
    description: 'Reset hostname and PTR record of a specified virtual machine to default value.',
    annotations: { destructiveHint: true },
  });
  assert.equal(hostname.category, 'Write');
  isCategory('Write', 'VPS_deactivateFirewallV1', 'Deactivate a firewall for a specified virtual machine.');
  // Resetting a password or a repository still loses what was there.
  isCategory('Destructive', 'reset-droplet-password', 'Reset the root password of a droplet');
  isCategory('Destructive', 'git_reset', 'Reset the current branch to a commit, discarding changes');
});

test('generating a password hands it back (Read)', () => {
  isCategory('Read', 'generate_password', 'Generate a secure password or passphrase');
});

test('a word with accented letters is one word: "Télécharge" does not hide the verb "charge"', () => {
  // One word, read as the English one it translates.
  assert.deepEqual(tokenize('Télécharge le contenu'), ['download', 'contenu']);
  assert.deepEqual(tokenize('Étiquette'), ['étiquette']);
  // boondmanager boond_documents_get (tuning half).
  const download = tool('boond_documents_get', {
    description:
      "Télécharge le contenu d'un document BoondManager (CV de candidat/ressource, justificatif, contrat, facture...) par son ID.",
    inputSchema: props('id'),
    annotations: { readOnlyHint: true },
  });
  assert.equal(download.category, 'Read');
});

test('a prefix nearly every tool of a large server shares is still its prefix (`search` beside 297 `ebay_…` tools)', () => {
  // ebay (tuning half): 297 tools named `ebay_…` and two, `search` and `fetch`, without it.
  const sample = JSON.parse(readFileSync(new URL('../../samples/ebay.json', import.meta.url), 'utf8')) as {
    result: { tools: { name: string }[] };
  };
  const ebay = sample.result.tools.map((t) => t.name);
  assert.deepEqual(
    ebay.filter((n) => !n.startsWith('ebay_')),
    ['search', 'fetch'],
  );
  isCategory('Read', 'ebay_get_order', 'Get details of a specific order.', ebay);
  // With the prefix on every name, as before.
  isCategory('Read', 'ebay_get_order', 'Get details of a specific order.', ebay.slice(2));
});

test('a money word that qualifies a setting, evidence or a notice subscription names no money (Write)', () => {
  // ebay, bnbchain and lunchmoney (tuning half).
  isCategory('Write', 'create_payment_policy', 'Create a new payment policy');
  isCategory('Write', 'add_payment_dispute_evidence', 'Add evidence to support your case in a payment dispute.');
  isCategory('Write', 'create_notification_subscription', 'Create a notification subscription');
  isCategory('Write', 'create_notification_subscription_filter', 'Create a filter for a notification subscription');
  isCategory('Write', 'create_transaction_group', 'Create a transaction group from 2-500 existing transactions.');
  isCategory('Write', 'gnfd_create_payment_account', 'Create a new payment account.');
  isCategory('Write', 'upload_payment_dispute_evidence_file', 'Upload a file to use as evidence.');
  // The money itself is still Financial.
  isCategory('Financial', 'create_subscription_charge', 'This tool will create a one-time charge for a subscription.');
  isCategory('Financial', 'create_subscription', 'Create a subscription for a customer.');
  isCategory('Financial', 'create_journal_entry', 'Create a journal entry.');
});

test('withdrawing an offer takes it back; withdrawing funds pays out; a buyer is a party, not a verb', () => {
  // ebay and bnbchain (tuning half).
  isCategory('Write', 'withdraw_offer', 'Withdraw a published offer');
  isCategory('Financial', 'gnfd_withdraw_from_payment', 'Withdraw funds from a payment account.');
  isCategory('Write', 'leave_feedback_for_buyer', 'Leave feedback for a buyer');
});

test('a display order is a sequence; a draft order bills nobody until it is completed', () => {
  // metabase-easecloud and shopify (tuning half).
  isCategory('Write', 'reorder_table_fields', 'Change the display order of fields in a table');
  isCategory('Write', 'create-draft-order', 'Create a draft order');
  isCategory('Financial', 'complete-draft-order', 'Complete a draft order');
  isCategory('Financial', 'create-order', 'Create an order');
});

test('running a query the service has saved, by its id, reads; a tool that also takes the query text runs it', () => {
  // metabase-easecloud execute_card (tuning half).
  const saved = tool('execute_card', {
    description: 'Execute a Metabase question/card and get results',
    inputSchema: props('card_id', 'parameters'),
  });
  assert.equal(saved.category, 'Read');
  assert.ok(saved.evidence.some((e) => e.signal === 'property:saved-query-id'));
  const withText = tool('execute_card', {
    description: 'Execute a Metabase question/card and get results',
    inputSchema: props('card_id', 'query'),
  });
  assert.equal(withText.category, 'Execute');
  assert.equal(
    tool('execute_query', { description: 'Execute a SQL query', inputSchema: props('database_id', 'query') }).category,
    'Execute',
  );
});

test('a router whose actions are nouns is read by the verbs its description glosses them with', () => {
  // datadog-tantiope security (tuning half).
  const router = (description: string) =>
    tool('security', {
      description,
      inputSchema: {
        type: 'object',
        properties: { action: { type: 'string', enum: ['rules', 'signals', 'findings'] }, query: { type: 'string' } },
      },
    });
  const reads = router(
    'Query Datadog Security Monitoring. Actions: rules (list detection rules), signals (search security signals), findings (list security findings).',
  );
  assert.equal(reads.category, 'Read');
  // A gloss that changes something makes the router more than a read; no gloss leaves it unstated.
  assert.notEqual(
    router(
      'Security Monitoring. Actions: rules (list detection rules), signals (delete security signals), findings (list findings).',
    ).category,
    'Read',
  );
  assert.equal(router('Security Monitoring: rules, signals and findings.').category, 'Execute');
});

test('beginning, committing or rolling back a database transaction runs a statement and moves no money (Execute)', () => {
  // mysql-neverinfamous (tuning half).
  isCategory('Execute', 'mysql_transaction_commit', 'Commit a transaction, making all changes permanent.');
  isCategory('Execute', 'mysql_transaction_rollback', 'Rollback a transaction, undoing all changes.');
  isCategory('Execute', 'mysql_transaction_begin', 'Begin a new transaction with optional isolation level.');
  isCategory('Execute', 'mysql_transaction_release', 'Release a savepoint, removing it without rolling back.');
  // A payment transaction is still money.
  isCategory('Financial', 'create_transaction', 'Create a transaction for a customer and bill it.');
  isCategory('Financial', 'refund_transaction', 'Refund a transaction.');
});

test('a catch-all "manage" name whose operations all read, reads; a state such as "configured" is no operation', () => {
  // jira-aaronsb manage_jira_project and search-console adsense_accounts (tuning half).
  const project = tool('manage_jira_project', {
    description: 'List projects or get project configuration and metadata.',
    inputSchema: {
      type: 'object',
      properties: { operation: { type: 'string', enum: ['get', 'list'] }, projectKey: { type: 'string' } },
    },
  });
  assert.equal(project.category, 'Read');
  // The same name offering changes is no read.
  const changing = tool('manage_jira_project', {
    description: 'Create or update projects.',
    inputSchema: {
      type: 'object',
      properties: { operation: { type: 'string', enum: ['create', 'update'] }, projectKey: { type: 'string' } },
    },
  });
  assert.notEqual(changing.category, 'Read');
  const accounts = tool('adsense_accounts', {
    description:
      'List configured AdSense publisher accounts, or discover all publisher accounts the authorized user has access to.',
    inputSchema: {
      type: 'object',
      properties: { mode: { type: 'string', enum: ['configured', 'discover'] }, accountId: { type: 'string' } },
    },
  });
  assert.equal(accounts.category, 'Read');
});

test('"Start here." is advice; a database product in a title runs no code; watching subscribes (Write)', () => {
  // search-console get_started, mysql-neverinfamous mysql_concat, gmail-shinzo and trello (tuning half).
  isCategory(
    'Read',
    'get_started',
    "Start here. Returns a complete map of this server's capabilities, active platforms, and recommended workflows.",
  );
  assert.deepEqual(tokenize('MySQL CONCAT'), ['mysql', 'concat']);
  const concat = tool('mysql_concat', {
    title: 'MySQL CONCAT',
    description: 'Concatenate multiple columns with an optional separator.',
    inputSchema: props('table', 'columns', 'separator'),
    annotations: { readOnlyHint: true },
  });
  assert.equal(concat.category, 'Read');
  isCategory('Write', 'watch_mailbox', "Watch for changes to the user's mailbox");
  isCategory('Write', 'watch_card', 'Subscribe or unsubscribe from watching a card for activity notifications');
  isCategory('Write', 'watch_list', 'Watch a list and show its cards.');
});

test('chatting with a model hands its answer back (Read); closing or resetting a session loses nothing stored (Write)', () => {
  // deepseek-arikusi deepseek_chat, glean-local chat, notebooklm reset_session, ssh-manager ssh_session_close (tuning half).
  isCategory('Read', 'deepseek_chat', 'Chat with DeepSeek V4 models.');
  isCategory('Read', 'chat', "Chat with Glean Assistant using Glean's RAG");
  isCategory('Write', 'reset_session', "Clear a session's chat history while keeping the same session id.");
  isCategory('Write', 'ssh_session_close', 'Terminates an open SSH session given its session ID.');
  // Sending a chat message still sends; deleting what a session stored still deletes.
  isCategory('Execute', 'send_chat_message', 'Send a message to a chat.');
  isCategory('Destructive', 'delete_session_recordings', 'Delete the recordings of a session.');
});

test('going back or forward and opening a URL navigate (Execute); so does uploading into a page element', () => {
  // browsermcp browser_go_back, mobile-mcp mobile_open_url, selenium-angiejones upload_file (tuning half).
  isCategory('Execute', 'browser_go_back', 'Go back to the previous page');
  isCategory('Execute', 'mobile_open_url', 'Open a URL in browser on device');
  isCategory('Execute', 'upload_file', 'uploads a file using a file input element');
  // Opening a record reads it; uploading a file to storage stores it.
  isCategory('Read', 'open_task_details', 'Open the details of a task.');
  isCategory('Write', 'upload_file', 'Uploads a file to the storage bucket.');
});

test('promoting or rolling back a deployment deploys (Execute); reverting a record edits it (Write)', () => {
  // vercel-robinson vercel_promote_deployment and vercel_rollback_deployment (tuning half).
  isCategory('Execute', 'vercel_promote_deployment', 'Promote deployment to production');
  isCategory('Execute', 'vercel_rollback_deployment', 'Rollback to previous deployment');
  isCategory('Write', 'revert_page', 'Revert a page to an earlier version.');
});

test('a query in a language with no statement that changes data reads (SOQL, InstaQL); SQL still runs', () => {
  // salesforce run_soql_query, salesforce-tsmztech salesforce_aggregate_query, instantdb query (tuning half).
  isCategory('Read', 'run_soql_query', 'Run a SOQL query against a Salesforce org.');
  isCategory(
    'Read',
    'salesforce_aggregate_query',
    'Execute SOQL queries with GROUP BY, aggregate functions, and statistical analysis.',
  );
  isCategory('Read', 'query', 'Execute an InstaQL query against an app. Returns the query results as JSON.');
  isCategory('Execute', 'run_sql_query', 'Run a SQL query against the database.');
  isCategory('Execute', 'execute_dql', 'Execute a DQL query.');
});

test('scheduling an email sends it (Execute); emitting an event triggers handlers (Execute); a cron job is a schedule (Write)', () => {
  // email-codefuturist schedule_email, tauri-hypothesi ipc_emit_event, vercel-robinson vercel_create_cron_job (tuning half).
  isCategory('Execute', 'schedule_email', 'Schedule an email to be sent at a specific time in the future.');
  isCategory('Execute', 'ipc_emit_event', 'Emit a Tauri event to test event handlers.');
  isCategory('Write', 'vercel_create_cron_job', 'Create a cron job');
  // Scheduling a meeting stores it; creating a job starts it.
  isCategory('Write', 'schedule_meeting', 'Schedule a meeting with the team.');
  isCategory('Execute', 'create_job', 'Create a job');
});

test('stopping or closing a session is Write even when a destructiveHint is declared', () => {
  // notebooklm close_session and firecrawl firecrawl_interact_stop (tuning half).
  const close = tool('close_session', {
    description: 'Permanently close a session and discard its browser tab. Closed sessions cannot be resumed.',
    inputSchema: props('session_id'),
    annotations: { readOnlyHint: false, destructiveHint: true },
  });
  assert.equal(close.category, 'Write');
  const firecrawl = JSON.parse(readFileSync(new URL('../../samples/firecrawl.json', import.meta.url), 'utf8')) as {
    result: { tools: (ToolDefinition & { name: string })[] };
  };
  // Its declared annotations: a title saying it stops a session, and destructiveHint true.
  const stop = firecrawl.result.tools.find((t) => t.name === 'firecrawl_interact_stop');
  assert.ok(stop);
  const stopped = classify({
    name: stop.name,
    definition: stop,
    siblings: firecrawl.result.tools.map((t) => t.name),
  });
  assert.equal(stopped.category, 'Write');
  // Stopping a virtual machine is still an action on a running system.
  isCategory('Execute', 'stop_vm', 'Stop a virtual machine.');
});

test('a light verb takes its meaning from the noun its phrase ends on: running checks or diagnostics reads', () => {
  // figma-console figma_lint_design, search-console diagnostics, ssh-manager ssh_health_check (tuning half).
  isCategory(
    'Read',
    'lint_design',
    'Run comprehensive accessibility (WCAG 2.2) and design quality checks on the current page or a specific node tree.',
  );
  isCategory('Read', 'diagnostics', 'Run connectivity diagnostics for all connected accounts.');
  // Running the checks of a test suite, or code, still runs.
  isCategory('Execute', 'run_tests', 'Run the unit and integration tests of a project.');
  isCategory('Execute', 'run_script', 'Run a Python script and the checks it defines.');
});

test('converting a record another tool manages changes it (Write); converting a value hands it back (Read)', () => {
  // bitbucket-matanyemini convertTodraft, digitalocean image-action-convert, ebay_convert_date_to_timestamp (tuning half).
  const bitbucket = ['getPullRequest', 'createPullRequest', 'mergePullRequest', 'convertTodraft'];
  isCategory('Write', 'convertTodraft', 'Convert a regular pull request to draft status', bitbucket);
  const digitalocean = ['image-list', 'image-get', 'image-delete', 'image-action-convert', 'snapshot-list'];
  isCategory('Write', 'image-action-convert', 'Convert an image (backup) to a snapshot.', digitalocean);
  const ebay = ['ebay_get_offer', 'ebay_update_offer', 'ebay_convert_date_to_timestamp'];
  isCategory('Read', 'ebay_convert_date_to_timestamp', 'Convert a date string or number to Unix timestamp.', ebay);
  // Without a sibling that manages pull requests, a conversion is read as one of passed-in content.
  isCategory('Read', 'convertTodraft', 'Convert a regular pull request to draft status');
});

test('generating a changelog hands text back (Read)', () => {
  // figma-console figma_generate_changelog (tuning half).
  isCategory('Read', 'figma_generate_changelog', 'Generate a human-readable markdown changelog between two versions.');
});

test('creating a campaign with a budget, or changing its budget, commits ad spend (Financial)', () => {
  // ebay_create_campaign and ebay_update_campaign_budget (tuning half): the budget sits inside a request object.
  const budget = {
    type: 'object' as const,
    properties: {
      request: {
        type: 'object',
        properties: {
          campaignName: { type: 'string' },
          budget: { type: 'object', properties: { daily: { type: 'object' } } },
        },
      },
    },
  };
  const create = tool('ebay_create_campaign', {
    description: 'Create a new Promoted Listings campaign.',
    inputSchema: budget,
  });
  assert.equal(create.category, 'Financial');
  assert.ok(
    create.evidence.some((e) => e.signal === 'property:campaign-budget' && e.text === 'properties.request.budget'),
  );
  const update = tool('ebay_update_campaign_budget', {
    description: 'Update the budget of a campaign.',
    inputSchema: budget,
  });
  assert.equal(update.category, 'Financial');
  // An email campaign has no budget; a trip's budget is no ad spend.
  const email = tool('ebay_create_email_campaign', {
    description: 'Create an email campaign.',
    inputSchema: props('subject', 'audience'),
  });
  assert.equal(email.category, 'Write');
  const trip = tool('create_itinerary', {
    description: 'Create a travel itinerary.',
    inputSchema: props('destination', 'budget'),
  });
  assert.equal(trip.category, 'Write');
});

test('a router whose every change deletes is Destructive; one that also creates or edits is Execute', () => {
  // ssh-manager-bvisible ssh_process_manager, deepseek-arikusi deepseek_sessions, postgres-henkey pg_manage_query (tuning half).
  const router = (description: string, ops: string[]) =>
    tool('process_manager', {
      description,
      inputSchema: { type: 'object', properties: { action: { type: 'string', enum: ops } } },
    });
  const processes = router('Lists remote processes, shows one, or kills one by PID.', ['list', 'kill', 'info']);
  assert.equal(processes.category, 'Destructive');
  assert.ok(processes.evidence.some((e) => e.signal === 'router:only-deletes'));
  assert.equal(router('Lists, clears or deletes chat sessions.', ['list', 'clear', 'delete']).category, 'Destructive');
  // A delete beside a create or an update: the router is for managing, not deleting.
  assert.equal(router('Manage env vars.', ['list', 'create', 'update', 'delete']).category, 'Execute');
  // Resetting statistics only zeroes counters the server keeps: no deletion.
  assert.equal(
    router('Query performance tools: explain, slow queries, stats.', [
      'explain',
      'get_slow_queries',
      'get_stats',
      'reset_stats',
    ]).category,
    'Execute',
  );
});

test('a mark the server also lets one edit has content of its own: deleting it is Destructive', () => {
  // karakeep delete-bookmark beside update-bookmark; gitlab-zereight emoji reactions (tuning half).
  const karakeep = ['get-bookmark', 'create-bookmark', 'update-bookmark', 'delete-bookmark'];
  isCategory('Destructive', 'delete-bookmark', 'Delete a bookmark.', karakeep);
  const gitlab = ['create_issue_emoji_reaction', 'delete_issue_emoji_reaction', 'list_issue_emoji_reactions'];
  isCategory('Write', 'delete_issue_emoji_reaction', 'Delete an emoji reaction from an issue.', gitlab);
  isCategory('Write', 'delete-bookmark', 'Delete a bookmark.', ['create-bookmark', 'delete-bookmark']);
});

test('a writing tool that replaces an existing file, calls itself destructive to data, or drops columns is Destructive', () => {
  // ssh-tufantunc sftp-upload, ssh-manager-bvisible ssh_db_import, mysql-neverinfamous mysql_disable_versioning (tuning half).
  isCategory(
    'Destructive',
    'sftp-upload',
    'Upload a file to the remote server via SFTP. Replaces an existing file at that path unconditionally.',
  );
  isCategory(
    'Destructive',
    'ssh_db_import',
    'Imports a dump file into a target database on the remote server and is destructive to existing data.',
  );
  isCategory(
    'Destructive',
    'mysql_disable_versioning',
    'Disable optimistic concurrency control (OCC) on a table. Drops the _version column and its trigger.',
  );
  // An upload that refuses to replace, and a drop of a dropdown's options menu, are no such statements.
  isCategory(
    'Write',
    'sftp-upload',
    'Upload a file to the remote server via SFTP. Fails if a file exists at that path.',
  );
  isCategory('Write', 'update_field', 'Update a form field. Drops down a list of its options when shown.');
  // playwright browser_drop (tuning half): dropping files onto a page element drops no stored data.
  const drop = tool('browser_drop', {
    description: 'Drop files or MIME-typed data onto an element, as if dragged from outside the page.',
  });
  assert.ok(!drop.evidence.some((e) => e.signal === 'phrase:overwrites-existing'));
});

test('accepting is a verb: accepting a payment dispute refunds the buyer (Financial); accepting a request is Write', () => {
  // ebay_accept_payment_dispute and ebay_contest_payment_dispute (tuning half).
  isCategory('Financial', 'ebay_accept_payment_dispute', 'Accept a payment dispute.');
  isCategory('Write', 'ebay_contest_payment_dispute', 'Contest a payment dispute with evidence.');
  // Accepting an invitation or a request is no concession of money.
  isCategory('Write', 'accept_incoming_request', 'Accept a contact request.');
});

test('a money word leading a view of data is a noun (order_breakdown); a selling price is a price', () => {
  // erpnext erpnext_order_breakdown and erpnext_price_vs_qty (tuning half).
  const erpnext = ['erpnext_order_breakdown', 'erpnext_price_vs_qty', 'erpnext_sales_order_create'];
  isCategory(
    'Read',
    'erpnext_order_breakdown',
    'Breakdown of Sales Orders by customer (stacked-bar by status).',
    erpnext,
  );
  isCategory(
    'Read',
    'erpnext_price_vs_qty',
    'Scatter chart: item selling price (X) vs total qty ordered (Y).',
    erpnext,
  );
  // A money verb before an object that is no view still moves money.
  isCategory('Financial', 'order_product', 'Order a product for delivery.');
  isCategory('Financial', 'sell_shares', 'Sell shares at the market price.');
});

test('a description in French, Spanish, Italian, Portuguese or German is read through its English verbs', () => {
  // BoondManager's names carry no verb; their French first sentences say what the tools do.
  isCategory(
    'Read',
    'boond_candidates_information',
    "Récupère les informations générales (coordonnées, adresse, état civil, photo, tags, source) d'un(e) candidat, par son ID.",
  );
  isCategory('Read', 'boond_reporting_synthesis', 'Liste et agrège les indicateurs clés sur une période.');
  isCategory('Destructive', 'boond_candidates_delete', 'Supprime définitivement un(e) candidat dans BoondManager.');
  isCategory('Write', 'boond_candidates_update', 'Met à jour un(e) candidat existant(e) dans BoondManager.');
  // A purchase order ("bon de commande") is a money document; "factures" is only ever a noun, never "to invoice".
  assert.equal(
    tool('boond_orders_create', {
      title: 'Créer un(e) bon de commande',
      description: 'Crée un(e) bon de commande dans BoondManager.',
    }).category,
    'Financial',
  );
  assert.equal(
    tool('boond_workflow_factures_a_relancer', {
      title: 'Factures impayées à relancer',
      description: "Liste les factures impayées avec date d'échéance dépassée, regroupées par société.",
    }).category,
    'Read',
  );
  isCategory(
    'Read',
    'boond_workflow_staffing_disponible',
    'Identifie les ressources internes disponibles pour un staffing sur une fenêtre donnée.',
  );
  // "Reporting" names a view of data, in English as in French.
  isCategory('Read', 'boond_reporting_projects', 'Reporting des projets (CA, marge, rentabilité...).');
  // Accents or none, and in the other languages.
  isCategory('Read', 'candidate_details', "Recupere les informations d'un candidat.");
  isCategory('Destructive', 'registro', 'Elimina un registro de la base de datos.');
  isCategory('Write', 'documento', 'Aggiorna un documento esistente.');
  isCategory('Financial', 'fatura', 'Cria uma fatura para o cliente.');
  isCategory('Destructive', 'eintrag', 'Löscht einen Eintrag endgültig.');
});

test('a description in Chinese or Japanese is read through its verb, where it stands as a verb', () => {
  // A Chinese clause starts with its verb; a Japanese one ends with it, before a form of する.
  const described = (name: string, description: string) =>
    tool(name, { description }).evidence.filter((e) => e.source === 'description');
  assert.deepEqual(
    described('table_info', '获取指定表的详细信息，包括列定义、索引、预估行数等。用于深入了解某个表的结构。').map(
      (e) => e.suggests,
    ),
    ['Read'],
  );
  assert.deepEqual(
    described('sql', '执行 SQL 查询或数据库命令。').map((e) => e.suggests),
    ['Execute'],
  );
  assert.deepEqual(
    described('room', '新しいグループチャットを作成します。').map((e) => e.suggests),
    ['Write'],
  );
  // 承認依頼 ("a request for approval") is a noun: the sentence lists requests.
  assert.deepEqual(
    described('incoming_requests', '自分へのコンタクト承認依頼一覧を最大100件まで取得します。').map((e) => e.suggests),
    ['Read'],
  );
  // A cache cleared is rebuilt (Write), in Chinese as in English.
  isCategory(
    'Write',
    'schema_cache',
    '清除 Schema 缓存。当数据库结构发生变化（如新增表、修改列）时，可以调用此工具清除缓存。',
  );
});

test('a description verb with nothing after it acts on what the name names', () => {
  // The invitation link is a pairing the server makes and takes away: deleting it unlinks (Write),
  // though the Japanese sentence names its object before the verb.
  isCategory(
    'Write',
    'delete_room_link',
    'チャットへの招待リンクを削除します。招待リンクが無効になっている場合は400エラーを返します。',
  );
  isCategory('Destructive', 'delete_room_message', 'チャットのメッセージを削除します。');
});

test('a verb-first family that varies in nouns keeps its first word as the verb (get_commit, get_build, get_release)', () => {
  // An Azure DevOps Server (tuning half): "commit", "build" and "release" are resources here.
  const siblings = [
    'list_projects',
    'get_project',
    'list_commits',
    'get_commit',
    'get_commit_diff',
    'list_builds',
    'get_build',
    'get_build_logs',
    'list_releases',
    'get_release',
    'get_release_logs',
  ];
  isCategory('Read', 'get_commit', 'Get detailed information about a specific commit including changes', siblings);
  isCategory('Read', 'get_build', 'Get detailed information about a specific build', siblings);
  isCategory('Read', 'get_release', 'Get detailed information about a specific release', siblings);
  // A family that varies in plain verbs is named resource first: there the verb is the last word.
  const monitors = [
    'monitor_create',
    'monitor_list',
    'monitor_delete',
    'monitor_get',
    'list_dashboards',
    'get_dashboard',
  ];
  assert.equal(tool('monitor_delete', {}, monitors).category, 'Destructive');
});

test('a queue cleaned of jobs loses them (Destructive); a job added to a queue is run by its workers (Execute)', () => {
  // A BullMQ server (tuning half).
  isCategory('Destructive', 'clean_queue', 'Clean jobs from queue');
  isCategory('Execute', 'add_job', 'Add a new job to the queue');
  // A log line added to a job is written, not run.
  isCategory('Write', 'add_job_log', 'Add a log entry to a job');
});

test('a cart is filled and cleared without spending (Write); an order history is a view of past orders (Read)', () => {
  // A meal-delivery and a food-ordering server (tuning half).
  isCategory('Write', 'cookunity_add_to_cart', 'Add a meal to the cart for a specific delivery date.');
  assert.equal(
    tool('cookunity_clear_cart', {
      title: 'Clear CookUnity Cart',
      description: 'Clear all items from the cart for a specific delivery date. This removes ALL meals.',
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    }).category,
    'Write',
  );
  isCategory('Write', 'clear_basket', 'Clear the entire cart');
  assert.equal(
    tool(
      'cookunity_order_history',
      {
        title: 'Get CookUnity Order History with Meals',
        description:
          'Get past order invoices with full meal details, prices, reviews, and billing breakdown for a date range.',
      },
      ['cookunity_get_menu', 'cookunity_order_history', 'cookunity_get_cart', 'cookunity_add_to_cart'],
    ).category,
    'Read',
  );
});

test('selecting is choosing (Write), and an action on the page in a browser (Execute)', () => {
  isCategory(
    'Write',
    'select_address',
    'Select a delivery address. MUST be called before get_restaurants or add_to_basket. Sets the shipping address for the cart.',
  );
  isCategory('Execute', 'browser_select_option', 'Select an option in a dropdown');
});

test('an HTTP method named beside "api" sends a request; one that changes data at money services is Financial', () => {
  // freee's generic API tools (tuning half): the services include accounting and invoicing.
  const services = 'service: accounting/hr/invoice/pm/sm/it_management/fixed_asset_management/partner_management';
  const siblings = [
    'freee_current_user',
    'freee_list_companies',
    'freee_api_get',
    'freee_api_post',
    'freee_api_delete',
  ];
  const request = (method: string, description = `freee API ${method.toUpperCase()} - ${services}`) => {
    const result = tool(
      `freee_api_${method}`,
      { description, inputSchema: props('service', 'path', 'body') },
      siblings,
    );
    const signals = result.evidence.map((e) => e.signal).filter((x) => x.includes('http-request'));
    return [result.category, ...signals];
  };
  assert.deepEqual(request('get'), ['Read', 'name:http-request']);
  assert.deepEqual(request('delete'), ['Destructive', 'name:http-request']);
  assert.deepEqual(request('post'), ['Financial', 'name:http-request', 'http-request+money-service']);
  assert.deepEqual(request('patch'), ['Financial', 'name:http-request', 'http-request+money-service']);
  // The same request to services that keep no money runs an arbitrary call (Execute).
  assert.deepEqual(request('post', 'Send a POST request to the wiki API.'), ['Execute', 'name:http-request']);
});

test('an alert on trading or prices notifies; it moves no money (Write)', () => {
  // An Interactive Brokers server (tuning half).
  isCategory('Write', 'create_alert', 'Create a new trading alert.');
  isCategory('Financial', 'create_trade', 'Create a new trade.');
});

test('an HTTP method and path in a sentence name the endpoint; the method is not the verb', () => {
  // freee's upload tool (tuning half): a Japanese sentence whose only Latin words are the endpoint.
  assert.equal(
    tool(
      'freee_file_upload',
      {
        description:
          'ファイルボックスにファイルをアップロード (POST /api/1/receipts、詳細ガイドはfreee-api-skill skillを参照)',
      },
      ['freee_current_user', 'freee_file_upload', 'freee_api_get'],
    ).category,
    'Write',
  );
  isCategory('Read', 'list_receipts', 'GET /api/1/receipts returns the receipts of the file box.');
});

test('extracting an archive writes its files (Write); extracting text or data from something reads it', () => {
  // A file-system server (tuning half).
  const files = ['fast_extract_archive', 'fast_read_file', 'fast_write_file', 'fast_list_directory'];
  isCategory('Write', 'fast_extract_archive', 'Extracts an archive file', files);
  isCategory('Read', 'extract_text', 'Extracts the text of a PDF file.');
});

test('a stated whole-document replacement, or "if it exists, it will be replaced", is an overwrite', () => {
  // A Cosmos DB server (tuning half), as it lists its update and upsert tools.
  isCategory(
    'Destructive',
    'mcp_update_document',
    'Update (replace) an existing document in a CosmosDB container. NOTE: This performs a full document replacement. Include ALL fields you want to keep.',
  );
  isCategory(
    'Destructive',
    'mcp_upsert_document',
    'Create or update a document in a CosmosDB container (upsert operation). If a document with the same id and partition key exists, it will be replaced. If it does not exist, it will be created.',
  );
  isCategory('Destructive', 'put_record', 'Saves a record. This performs a full record replacement.');
  // A partial update, or a placeholder replaced in a template, overwrites nothing.
  isCategory('Write', 'update_document', 'Update the fields passed on an existing document; other fields are kept.');
  isCategory(
    'Write',
    'create_note',
    'Create a note from a template; the {date} placeholder will be replaced by today.',
  );
});

test('making HTTP requests sends them (Execute)', () => {
  // An automation platform (tuning half).
  isCategory(
    'Execute',
    'fetch',
    "Make authenticated HTTP requests to any API through Zapier. Pass a connectionId to automatically inject the user's stored credentials.",
  );
  isCategory('Execute', 'request', "Make authenticated HTTP requests through Zapier's Relay service");
  isCategory('Write', 'make_copy', 'Make a copy of the document in the same folder.');
});

test('"Execute <its own name>" says only that the tool is called: the name says what the call does', () => {
  // An automation platform (tuning half) whose descriptions are generated from operation names.
  isCategory('Read', 'get-authentication', 'Execute getAuthentication');
  isCategory('Read', 'get-connection', 'Execute getConnection');
  // A light verb on anything else still runs it.
  isCategory('Execute', 'get-connection', 'Execute the sync workflow of a connection.');
});

test('a new cron job that takes the command it will run installs code to run (Execute); one that calls a function is Write', () => {
  // A hosting server (tuning half) beside a deployment platform's cron job (tuning half).
  const cron = (command: boolean) =>
    tool('createAccountCronJobV1', {
      description: 'Creates a cron job for the specified account from a schedule expression and a command.',
      inputSchema: props('schedule', ...(command ? ['command'] : ['path'])),
    }).category;
  assert.equal(cron(true), 'Execute');
  assert.equal(cron(false), 'Write');
  isCategory('Write', 'vercel_create_cron_job', 'Create a cron job that calls a function path on a schedule.');
});

test('"without modifying other content" says what else the tool leaves alone, not that it changes nothing', () => {
  // A Google Workspace server (tuning half): its draft attachment tools.
  isCategory(
    'Write',
    'addAttachmentToDraft',
    'Add an attachment to an existing Gmail draft. The attachment is added to the draft without modifying other content.',
  );
  // The claim still lowers a tool that says it changes nothing at all.
  isCategory('Read', 'lint_config', 'Lint a configuration file. Checks it without modifying the file.');
});

test('a first sentence opening "Gets or creates" may create: the verb after "or" counts as well', () => {
  // The same Google Workspace server (tuning half).
  isCategory(
    'Write',
    'getShareableLink',
    'Gets or creates a shareable link for a file with specified permission settings.',
  );
  // Two verbs of changing joined by "or" are left to the verb that leads.
  isCategory('Write', 'set_field', 'Set or clear the value of a custom field on a card.');
});

test('a move to the trash whose text says it can be restored is undone, destructiveHint or not', () => {
  // The same Google Workspace server (tuning half), which has no tool that restores.
  const description =
    'Moves a file or folder to trash in Google Drive. Files can be restored from trash within 30 days.';
  const files = ['deleteFile', 'listFiles', 'uploadFile'];
  isCategory('Write', 'deleteFile', description, files);
  assert.equal(tool('deleteFile', { description, annotations: { destructiveHint: true } }, files).category, 'Write');
  // Without the claim, and with no tool that restores, moving to the trash still deletes.
  isCategory('Destructive', 'deleteFile', 'Moves a file or folder to trash in Google Drive.', files);
});

test('an export offered a file path keeps a copy on this machine (Write)', () => {
  // A drawing server (tuning half): its export tools take an optional `filePath`.
  const exportScene = (inputSchema: ToolDefinition['inputSchema']) =>
    tool('export_scene', { description: 'Export the current canvas to .excalidraw JSON format.', inputSchema })
      .category;
  assert.equal(exportScene(props('filePath')), 'Write');
  assert.equal(exportScene(props('format')), 'Read');
});

test('the order of a folder’s children, of columns or of tabs is a sequence, not a sale (Write)', () => {
  // A documentation server (tuning half), as it lists its reorder tools.
  isCategory(
    'Write',
    'reorder_folder_children',
    'Set the full direct-child order for a Falconer folder. navItemIds must include every direct child nav item exactly once.',
  );
  isCategory('Write', 'set_column_order', 'Set the column order of a table view.');
  isCategory('Financial', 'update_order', 'Update the shipping address of an order.');
});

test('a transaction named after "within" is where a query runs, not what the verb acts on', () => {
  // A database client (tuning half), beside its transaction tools.
  isCategory('Execute', 'execute_in_transaction', 'Execute a query within an active transaction');
  isCategory('Financial', 'execute_transaction', 'Execute a transaction between two accounts.');
});

test('a query tool that says in brackets it runs read-only queries reads', () => {
  // The same database client (tuning half).
  isCategory('Read', 'execute_query', 'Execute a SQL query on a specific DBeaver connection (read-only queries)');
  isCategory('Execute', 'execute_query', 'Execute a SQL query on a specific DBeaver connection');
});

test('a deletion done by archiving archives (Write); a deletion that says nothing of it deletes', () => {
  // A documentation server (tuning half), as it lists its delete tools.
  isCategory('Write', 'delete', 'Delete a Falconer document by archiving it. Requires the document ID.');
  isCategory('Write', 'delete_folder', 'Delete a folder by archiving it and its documents.');
  isCategory('Destructive', 'delete_folder', 'Delete a folder and its documents.');
});

test('a second verb of running joined by "and" runs too (Execute)', () => {
  // A browser-testing server and an SSH server (tuning half).
  isCategory(
    'Execute',
    'planner_setup_page',
    'Initialize the testing environment and navigate to the application for test planning',
  );
  isCategory(
    'Execute',
    'ssh_tunnel_create',
    'Opens a new SSH connection to the named server and starts a port-forwarding tunnel that keeps running until closed.',
  );
  // A second verb that only changes things leaves the tool Write.
  isCategory('Write', 'setup_project', 'Initialize the project settings and update the default branch.');
});

test('a money word leading a noun phrase about money is a noun: its history, status or quote is read (Read)', () => {
  // The sentence's first word is "Order", the noun: no order is placed.
  isCategory('Read', 'order_history', 'Order history of the account.');
  isCategory('Read', 'swap_quote', 'Returns a quote for swapping tokens.');
  isCategory('Read', 'transfer_status', 'Status of a transfer.');
  // The name alone: `payout_report` and `charges` name records, not a payout or a charge being made.
  assert.equal(tool('payout_report').category, 'Read');
  assert.notEqual(tool('charges').category, 'Financial');
  // A money word before its object still moves money.
  isCategory('Financial', 'pay_invoice', 'Pay an invoice.');
  isCategory('Financial', 'charge_customer', "Charge a customer's saved card.");
  assert.equal(tool('charge').category, 'Financial');
});

test('capturing or voiding money moves it (Financial); capturing a screenshot reads and voiding a label deletes', () => {
  isCategory('Financial', 'capture_payment', 'Capture an authorized payment');
  isCategory('Financial', 'void_invoice', 'Void an open invoice.');
  isCategory('Read', 'capture_screenshot', 'Capture a screenshot of the page.');
  isCategory('Destructive', 'void_label', 'Void a shipping label.');
});

test('staking, topping up and renewing a subscription pay; sending a coin moves value (Financial)', () => {
  isCategory('Financial', 'stake_tokens', 'Stake tokens with a validator.');
  isCategory('Financial', 'top_up', 'Top up the account balance with a card.');
  isCategory('Financial', 'renew_subscription', 'Renew a subscription now.');
  isCategory('Financial', 'send_eth', 'Send ETH to an address.');
  // Renewing what bills nobody, or sending a message, moves no money.
  isCategory('Write', 'renew_certificate', 'Renew a TLS certificate.');
  isCategory('Execute', 'send_message', 'Send a message to a channel.');
});

test('a verb-like word after a preposition is not the first sentence’s verb', () => {
  // "Quote for a swap": the swap is what the quote is for; nothing is swapped.
  assert.notEqual(categoryOf('quote', 'Quote for a swap between two tokens.'), 'Financial');
  isCategory('Financial', 'swap', 'Swap two tokens at the best rate.');
  // A gerund after "for" still says what the tool is for.
  isCategory('Read', 'log_names', 'Useful for discovering the logs of a project.');
});

test('a name with no verb that names a balance, a price or a quote shows it (Read)', () => {
  isCategory('Read', 'wallet_balance', 'Wallet balance.');
  isCategory('Read', 'token_price', 'Token price in USD.');
  // With a verb, the verb decides.
  isCategory('Write', 'set_token_price', 'Set the token price in USD.');
});

test('a router whose own text says an operation spends money moves it (Financial)', () => {
  const pods = (description: string) =>
    tool('runpod', {
      description,
      inputSchema: {
        type: 'object',
        properties: { action: { type: 'string', enum: ['create', 'start', 'stop', 'status', 'list'] } },
      },
    }).category;
  // comfyui-artokun (tuning half).
  assert.equal(
    pods(
      'Deploy, start, stop and inspect cloud GPU pods. SPENDS MONEY: action:"create" and action:"start" put a pod into a billing state.',
    ),
    'Financial',
  );
  assert.equal(pods('Deploy, start, stop and inspect cloud GPU pods.'), 'Execute');
});

test('an "un" word after the name’s verb qualifies its object: deleting an unofficial mirror undoes nothing', () => {
  // pulsemcp-cms-admin (tuning half).
  const siblings = ['get_official_mirrors', 'create_unofficial_mirror', 'delete_unofficial_mirror'];
  isCategory('Destructive', 'delete_unofficial_mirror', 'Delete an unofficial mirror by its ID.', siblings);
  // A name led by its "un" verb still takes back what its twin does.
  isCategory('Write', 'unprotect_branch', 'Remove protection from a branch.', ['protect_branch', 'unprotect_branch']);
});

test('an export saved to a described local directory keeps a copy here (Write)', () => {
  // strava-r-huijts (tuning half).
  isCategory(
    'Write',
    'export-route-gpx',
    'Exports a specific Strava route in GPX format and saves it to a pre-configured local directory.',
  );
  isCategory('Read', 'export-route-gpx', 'Exports a specific Strava route in GPX format and returns it.');
});

test('submitting a review or feedback stores it (Write); submitting a workflow runs it', () => {
  // github-missionsquad and firecrawl (tuning half).
  isCategory(
    'Write',
    'submit_pull_request_review',
    'Submit a pull request review (approve, request changes, or comment)',
  );
  isCategory('Write', 'firecrawl_feedback', 'Submit concise quality feedback for a completed search.');
  isCategory('Execute', 'comfy_submit_workflow', 'Submit a complete workflow JSON to ComfyUI for execution.');
});

test('pinging or redelivering a webhook makes the service send a delivery (Execute); pinging a host reads', () => {
  // github-missionsquad (tuning half).
  isCategory('Execute', 'ping_repository_webhook', 'Ping a repository webhook');
  isCategory('Execute', 'redeliver_repository_webhook_delivery', 'Redeliver a repository webhook delivery');
  isCategory('Read', 'ping_host', 'Ping a host to see whether it answers.');
});

test('unlinking two records that both remain is Write', () => {
  // pulsemcp-cms-admin (tuning half).
  isCategory(
    'Write',
    'unlink_official_mirror_queue_item',
    'Unlink an official mirror queue entry from its linked MCP server.',
  );
});

test('an update of only the fields passed is an edit, whatever one field replaces (Write)', () => {
  // pulsemcp-cms-admin (tuning half).
  isCategory(
    'Write',
    'update_mcp_server',
    "Update an MCP server's information. Only provided fields will be updated; omitted fields remain unchanged. Providing `tags` replaces ALL existing entries (not a merge).",
  );
  // A full replacement that only mentions partial updates as another way still overwrites (cosmosdb, tuning half).
  isCategory(
    'Destructive',
    'mcp_update_document',
    'Update (replace) an existing document in a container. NOTE: This performs a full document replacement. For partial updates, first get the document, modify it, then update.',
  );
});

test('a check that launches a headless browser loads a page there (Execute)', () => {
  // accesslint (tuning half).
  isCategory(
    'Execute',
    'audit_live',
    'Audit a live URL via CDP. Ensures a debuggable Chrome (auto-launches one headless if none is reachable), then runs the audit.',
  );
  isCategory('Read', 'audit_html', 'Audit an HTML string for accessibility violations with a static parser.');
  isCategory('Read', 'get_page_info', 'Get information about the open page. This tool does not launch a browser.');
});

test('a product-grouped name whose money word is a noun ("catalog_order_history") names no verb and reads', () => {
  // The group's word is set aside and the next word would be the verb; here it is the noun "order".
  const siblings = [
    'shop_product_create',
    'shop_product_list',
    'shop_product_delete',
    'catalog_create_item',
    'catalog_list_items',
    'catalog_delete_item',
    'catalog_order_history',
  ];
  assert.equal(tool('catalog_order_history', {}, siblings).category, 'Read');
  assert.equal(tool('catalog_create_item', {}, siblings).category, 'Write');
});

// The tests below come from the external set: real tool definitions taken from the source of MCP
// servers outside the catalogue (src/classify/external/), each named by its repository.

test('a query or a call its own first sentence limits to reading reads (Read)', () => {
  // neo4j-contrib/mcp-neo4j, mcpdotdirect/evm-mcp-server (external set); ssh-tufantunc (tuning half).
  isCategory('Read', 'read_neo4j_cypher', 'Execute a read Cypher query on the neo4j database.');
  isCategory('Read', 'read_contract', 'Call read-only functions on a smart contract.');
  isCategory(
    'Read',
    'read-command',
    'Execute a READ-ONLY command from an allowlist (ls, cat, grep, find, stat, df, etc.).',
  );
  isCategory('Execute', 'write_neo4j_cypher', 'Execute a write Cypher query on the neo4j database.');
});

test('a tool that says it saves its output file to a directory writes here, whatever readOnlyHint says', () => {
  // elevenlabs/elevenlabs-mcp (external set).
  const speech = (description: string) =>
    tool('text_to_speech', { description, annotations: { readOnlyHint: true } }).category;
  assert.equal(
    speech('Convert text to speech with a given voice. Saves output file to directory (default: $HOME/Desktop).'),
    'Write',
  );
  assert.equal(
    speech('Convert text to speech with a given voice. It can save the output file to a directory.'),
    'Read',
  );
});

test('opening or closing a trading position buys or sells (Financial); a window’s position is a setting', () => {
  // alpacahq/alpaca-mcp-server, visusnet/coinbase-mcp-server (external set).
  isCategory('Financial', 'close_position', 'Closes a specific position for a single symbol.');
  isCategory('Financial', 'close_position', 'Close an open position for a product', [
    'close_position',
    'create_order',
    'list_orders',
  ]);
  isCategory('Read', 'get_open_positions', 'List the open positions for a symbol.');
  isCategory('Write', 'set_window_position', 'Set the position of the window.');
  isCategory('Write', 'close_panel', 'Close the panel at the given position.');
});

test('accepting a payment dispute concedes the money (Financial); contesting it is a record (Write)', () => {
  // OmisePayments/omise-mcp (external set); ebay (tuning half).
  isCategory('Financial', 'accept_dispute', 'Accept a dispute (accept the chargeback)');
  isCategory('Write', 'contest_dispute', 'Contest a dispute by providing evidence.');
});

test('changing only the notes of a payment or an order leaves the money alone (Write)', () => {
  // razorpay/razorpay-mcp-server (external set).
  isCategory('Write', 'update_payment', 'Use this tool to update the notes field of a payment.');
  isCategory(
    'Write',
    'update_order',
    'Use this tool to update the notes for a specific order. Only the notes field can be modified.',
  );
  isCategory('Financial', 'update_payment', 'Update the amount of a payment.');
});

test('a tool named for deleting whose first sentence says it archives is undone (Write)', () => {
  // m0xai/trello-mcp-server (external set).
  isCategory('Write', 'delete_list', 'Archives a list. Returns the archived list object.');
  isCategory('Destructive', 'delete_list', 'Deletes a list and every card on it.');
});

test('an advertising campaign’s budget changed by name commits spend (Financial)', () => {
  // cristiandrei1234/google-ads-mcp (external set).
  isCategory('Financial', 'update_campaign_budget', 'Update a campaign budget.');
  isCategory('Financial', 'attach_campaign_budget', 'Attach a campaign to a budget.');
  isCategory('Write', 'update_campaign_name', 'Rename a campaign.');
});

test('a reply in a message thread is sent (Execute); a reply in a comment thread is stored (Write)', () => {
  // conarti/mattermost-mcp (external set); google-docs-abonus (tuning half).
  isCategory('Execute', 'mattermost_reply_to_thread', 'Reply to a specific message thread in Mattermost');
  isCategory('Write', 'replyToComment', 'Adds a reply to an existing comment thread.');
  isCategory('Write', 'reply_to_comment', 'Reply to a comment thread on a document.');
});

test('building a query domain or a payload composes it; building an image or a job runs a build', () => {
  // tuanle96/mcp-odoo (external set); podman-manusa (tuning half).
  const built = (name: string, description: string) =>
    tool(name, { description, annotations: { readOnlyHint: true } }).category;
  assert.equal(built('build_domain', 'Build a validated Odoo domain from structured conditions'), 'Read');
  assert.equal(built('generate_json2_payload', 'Build a JSON-2 request preview without network access'), 'Read');
  isCategory('Execute', 'image_build', 'Build a Docker or Podman image from a Dockerfile');
  isCategory('Execute', 'build_item', 'Build an item in Jenkins');
});

test('Korean descriptions are read through their verbs, before a form of 하다 or 주다', () => {
  // cdsassj00/kakao-mcp (external set).
  isCategory(
    'Destructive',
    'forget',
    '특정 기억 하나를 완전히 삭제합니다. 삭제 전 사용자에게 어떤 기억인지 확인받으세요.',
  );
  isCategory('Read', 'recall', '저장된 기억을 검색합니다.');
  isCategory('Read', 'memory_stats', '기억상자에 저장된 기억 수, 종류별 분포, 등장 인물 수를 보여줍니다.');
  // AIInfrastructure/dingtalk_mcp_server (external set): withdrawing a sent message.
  isCategory('Destructive', 'recall_work_notification', '撤回工作通知消息。');
});

test('switching a light, a siren or playback acts on a device (Execute); changing its settings stores them', () => {
  // kungfusheep/hue-mcp, marcelmarais/spotify-mcp-server (external set); unifi-protect-owine (tuning half).
  isCategory('Execute', 'light_on', 'Turn a light on');
  isCategory('Execute', 'group_off', 'Turn a group of lights off');
  isCategory('Execute', 'pausePlayback', 'Pause Spotify playback on the active device');
  isCategory('Execute', 'protect_stop_siren', 'Stop an active siren');
  isCategory('Write', 'protect_update_siren', 'Update siren settings (partial update via PATCH)');
  isCategory('Write', 'mobile_stop_screen_recording', 'Stop the screen recording and save the video file.');
});

test('a post created on a social network is published (Execute); a blog post is a record (Write)', () => {
  // brianellin/bsky-mcp-server, The-Focus-AI/mastodon-mcp (external set); wordpress-docdyhr (tuning half).
  isCategory('Execute', 'create-post', 'Create a new post on Bluesky');
  isCategory(
    'Execute',
    'mastodon_create_toot',
    'Create a new toot (status) on Mastodon, optionally with media attachments',
  );
  isCategory('Write', 'wp_create_post', 'Creates a new WordPress post with comprehensive validation.');
});

test('a member taken out of a group, or a tag taken off a task, is unlinked (Write)', () => {
  // goern/forgejo-mcp, valentyn-bychak/asana-mcp-extended (external set).
  isCategory('Write', 'remove_org_member', 'Remove a member from an organization');
  isCategory('Write', 'remove_tag_from_task', 'Remove a tag from a task.');
  // trello-delorenj and n8n-node2flow (tuning half): the label and the account are deleted.
  isCategory('Destructive', 'delete_label', 'Delete a label from a board');
  isCategory('Destructive', 'n8n_delete_user', 'Remove user from n8n instance. Only available to instance owners.');
});

test('rotating a shape turns it (Write); rotating a key replaces it for good (Destructive)', () => {
  // CoderGamester/mcp-unity (external set).
  isCategory('Write', 'rotate_gameobject', 'Rotates a GameObject using Euler angles.');
  isCategory('Destructive', 'rotate_api_key', 'Rotate an API key; the old key stops working.');
});

test('borrowing and repaying move money (Financial)', () => {
  // bybit-exchange/trading-mcp (external set).
  isCategory('Financial', 'accountBorrow', 'Manual borrow for Unified account.');
  isCategory('Financial', 'postCryptoLoanFlexibleRepay', 'Repay flexible loan with loan currency.');
});

test('subscribing to a topic or a channel reads what arrives (Read); subscribing to a newsletter stores it', () => {
  // robotmcp/ros-mcp-server, redis/mcp-redis (external set).
  isCategory('Read', 'subscribe_once', 'Subscribe to a ROS topic and return the first message received.');
  isCategory('Read', 'subscribe', 'Subscribe to a Redis channel and return a reusable subscription handle.');
  isCategory('Write', 'subscribe_to_newsletter', 'Subscribe a contact to the newsletter list.');
});

test('loading something into a place puts it there (Write); loading a saved workflow reads it', () => {
  // Coding-Solo/godot-mcp (external set); nikolaibibo-claude-comfyui-mcp (tuning half).
  isCategory('Write', 'load_sprite', 'Load a sprite into a Sprite2D node');
  isCategory(
    'Read',
    'comfy_load_workflow',
    'Load a saved workflow from the MCP library by name. Returns the workflow JSON.',
  );
});

test('decompiling, disassembling and peeking read; relaunching and recompiling run', () => {
  // LaurieWired/GhidraMCP, chroma-core/chroma-mcp, rinadelph/Agent-MCP (external set).
  isCategory('Read', 'decompile_function', 'Decompile a specific function by name and return the decompiled C code.');
  isCategory('Read', 'chroma_peek_collection', 'Peek at documents in a Chroma collection.');
  isCategory('Execute', 'relaunch_agent', 'Relaunch an existing terminated/completed/failed/cancelled agent.');
});

test('a free-form action whose description lists reads and changes makes the tool a router (Execute)', () => {
  // wearehoust/front-mcp (external set).
  const routed = (description: string) =>
    tool('conversations', { description, inputSchema: props('action', 'conversation_id') }).category;
  assert.equal(
    routed(
      'Manage Front conversations — list, search, get details, create, update, delete, assign, manage followers, tags, links, messages, reminders, inboxes, and events.',
    ),
    'Execute',
  );
  // Only changes listed: the tool writes, as its name and text say.
  assert.equal(routed('Manage Front conversations: create, update, assign.'), 'Write');
});

test('Russian descriptions are read through the stems of their words', () => {
  // darkClaw921/fast-bitrix24-mcp, ArtemFilin1990/bitrix24-mcp-proxy (external set).
  isCategory('Read', 'datetime_now', 'Получить Текущую дата и время');
  isCategory('Read', 'bitrix_deal_fields', 'Получить описание полей сделки.');
  isCategory('Destructive', 'bitrix_task_remove', 'Удалить задачу по ID.');
});

test('Portuguese and Polish money words: a withdrawal, a fiscal invoice', () => {
  // AbacatePay/abacatepay-mcp, DanielRudnick/mcp-tiny-erp-server (external set).
  isCategory('Financial', 'createWithdraw', 'Cria um novo saque para transferir valores da conta para uma chave PIX');
  isCategory('Financial', 'tiny_nota_fiscal_incluir', 'Emite nova nota fiscal');
});

test('a manufacturing or production order is a plan of work, not a sale (Write)', () => {
  // Natural-Heroes/workflows, MRPeasy server (external set).
  isCategory(
    'Write',
    'mrp_update_manufacturing_order',
    'Update an existing manufacturing order. Can change code, quantity, due_date, start_date, assigned_id, or notes.',
  );
  isCategory('Financial', 'update_sales_order', 'Update an existing sales order.');
});

test('booking a hotel stay or a ride commits to pay for it (Financial); booking a meeting room does not', () => {
  // natedenh/ardley-mcp-servers (external set).
  isCategory('Financial', 'duffel_book_stay', 'Book a hotel stay using a quote ID. Requires guest details.');
  isCategory('Write', 'book_meeting_room', 'Book a meeting room for a time slot.');
});

test('a shipping label bought from a carrier pays for postage (Financial); an issue label bills nobody', () => {
  // shipstation/mcp-shipstation-api (external set).
  const shipping = ['create_label', 'create_shipment', 'list_carriers'];
  isCategory('Financial', 'create_label', 'Create a new shipping label', shipping);
  isCategory('Write', 'create_label', 'Create a label in the repository', ['create_label', 'create_issue']);
});

test('a code or a slip made to take a payment is a payment request (Financial)', () => {
  // razorpay/razorpay-mcp-server, AbacatePay/abacatepay-mcp (external set).
  isCategory('Financial', 'create_qr_code', 'Create a new QR code in Razorpay that can be used to accept UPI payments');
  isCategory('Financial', 'createPixQrCode', 'Cria um QR Code PIX para pagamento direto');
  isCategory('Write', 'create_qr_code', 'Create a new QR code that opens the product page');
});

test('"book" and "reserve" are verbs only where a name or a sentence begins', () => {
  // aicoin's order-book tool (catalogue): its first sentence names a book of orders and books nothing.
  isCategory('Read', 'get_address_book', 'Get the address book of the signed-in user.');
  assert.equal(tool('depth', { description: 'Order book depth.' }).evidence.length, 0);
  isCategory('Read', 'fed_rates', 'Federal Reserve rates for the last year.');
  isCategory('Write', 'reserve_ip', 'Reserve a new IPv4 address in a region.');
});

test('playing a clip, a scene or an effect acts in the room (Execute); saving or renaming one stores it (Write)', () => {
  // ahujasid/ableton-mcp, a Philips Hue server (external set).
  isCategory('Execute', 'stop_clip', 'Stop playing a clip.');
  isCategory('Execute', 'activate_scene', 'Activate a scene');
  isCategory('Write', 'save_scene', 'Save the current lights as a scene');
  isCategory('Write', 'rename_clip', 'Rename a clip in the arrangement');
  isCategory('Write', 'activate_user', 'Activate a user account');
});

test('a verbless summary or statement, and a report in another language, show data (Read)', () => {
  // A Shopify analytics server, DanielRudnick/mcp-tiny-erp-server, a Moodle server (external set).
  isCategory('Read', 'sales_summary', 'Sales total/average by date range (values in shop currency)');
  isCategory('Read', 'tiny_relatorio_vendas', 'Gera relatório de vendas');
  isCategory('Read', 'generate_grades_report', 'Genera un informe de calificaciones de un curso');
  isCategory('Financial', 'tiny_fatura', 'Gera fatura para o pedido');
});

test('a write mode of "overwrite" or "append" named in the text makes writing a file Destructive', () => {
  // GongRzhe/terminal-controller-mcp (external set).
  isCategory(
    'Destructive',
    'write_file',
    "Write content to a file Args: path: Path to the file content: Content to write mode: Write mode ('overwrite' or 'append')",
  );
  isCategory('Write', 'append_file', 'Append content to the end of a file');
});

test('a first sentence that deletes for good is Destructive, even for a mark or a pairing', () => {
  // A Discord server (external set): an emoji is a mark, whose removal is otherwise a change (Write).
  isCategory('Destructive', 'delete_emoji', 'Permanently delete a custom emoji from the server');
  isCategory('Write', 'delete_emoji', 'Delete a custom emoji from the server');
});

test('deleting a cache the server provisions with a create tool of its own deletes it', () => {
  // An ElastiCache server (external set); clearing a local cache stays a change of state (Write).
  const elasticache = ['create-serverless-cache', 'describe-serverless-caches', 'delete-serverless-cache'];
  isCategory('Destructive', 'delete-serverless-cache', 'Delete an Amazon ElastiCache serverless cache.', elasticache);
  isCategory('Write', 'delete_cache', 'Delete the cached responses', ['delete_cache', 'search_docs']);
});

test('consuming messages and blocking until one arrives read them (Read)', () => {
  // Kafka servers and a Teams server (external set).
  isCategory('Read', 'consume_messages', 'Consume messages from a topic');
  isCategory('Read', 'wait_for_reply', 'Block until a new message arrives in a conversation, then return it.');
  isCategory('Write', 'block_user', 'Block a user from the workspace');
});

test('YAML or JSON generated and handed back is Read; a query in an SQL engine runs code (Execute)', () => {
  // A dbt server and a Grafana server (external set).
  isCategory('Read', 'generate_model_yaml', 'Generate YAML for dbt models by introspecting their compiled SQL.');
  isCategory('Execute', 'query_athena', 'Query Amazon Athena via Grafana.');
  isCategory('Execute', 'query_clickhouse', 'Query ClickHouse via Grafana.');
});

test('a verb that is never a noun leads its name, however many names share a money word', () => {
  // A Fakturownia server (external set): nearly every name of it speaks of invoices.
  const fakturownia = [
    ...['list_invoices', 'find_invoice', 'unpaid_invoices', 'revenue_summary', 'vat_breakdown', 'compare_periods'],
    ...['top_clients', 'client_invoices', 'list_products', 'list_payments', 'export_invoices_csv'],
    'download_invoice_pdfs',
  ];
  isCategory('Read', 'find_invoice', 'Znajdź fakturę po numerze lub ID (pełne dane z pozycjami).', fakturownia);
  isCategory('Financial', 'create_invoice', 'Wystaw fakturę dla klienta.', [...fakturownia, 'create_invoice']);
});

test('money words used as nouns: billing usage, a single invoice, a pre-check, stock and parts lists', () => {
  // Modal, FreshBooks, Bybit, MRPeasy and warehouse servers (external set).
  isCategory('Read', 'billing_usage', 'Check Modal workspace billing usage and spend.');
  isCategory('Read', 'invoice_single', "Retrieve a single invoice's full details from FreshBooks.");
  isCategory('Read', 'preCheckOrder', 'Validate an order before placing it to check margin requirements.');
  isCategory('Write', 'adjust_stock', 'Apply an inventory adjustment.');
  isCategory('Write', 'mrp_create_bom', 'Create a new Bill of Materials (BOM).');
  isCategory('Financial', 'create_adjustment', 'Apply a price adjustment to the customer balance.');
});

test('a download into a subfolder, or one that hands back the local path, keeps a copy here (Write)', () => {
  // A Fakturownia server and a WhatsApp server (external set).
  const subdir = tool('download_invoice_pdfs', {
    description: 'Download invoice PDFs in bulk for a period or for given IDs.',
    inputSchema: { type: 'object', properties: { period: { type: 'string' }, subdir: { type: 'string' } } },
  });
  assert.equal(subdir.category, 'Write');
  isCategory('Write', 'download_media', 'Download media from a WhatsApp message and get the local file path.');
  isCategory('Read', 'download_media', 'Download media from a WhatsApp message and return its bytes.');
});

test('installing or upgrading a package or a release runs its code (Execute)', () => {
  // A HexStrike server and a Helm server (external set).
  isCategory('Execute', 'install_python_package', 'Install a Python package in a virtual environment on the server.');
  isCategory('Execute', 'upgrade_release', 'Upgrade an existing Helm release to a new version or with new values.');
  isCategory('Write', 'update_release', 'Update the notes of an existing release.');
});

test('starting or stopping a timer tracks time (Write); starting a job runs it (Execute)', () => {
  // A Forgejo server and a FreshBooks server (external set).
  isCategory('Write', 'start_issue_stopwatch', 'Start a stopwatch on an issue or pull request.');
  isCategory('Write', 'timer_start', 'Start a new timer for time tracking in FreshBooks.');
  isCategory('Execute', 'start_job', 'Start a new job on the build server.');
});

test('producing a message to a topic sends it (Execute)', () => {
  // Kafka servers (external set).
  isCategory('Execute', 'produce_message', 'Produces a single message to a specified Kafka topic.');
  isCategory('Write', 'produce_variant', 'Produce a new variant of the product with another size.');
});

test('an effect set on a light is played on it (Execute); an effect saved in a preset is stored (Write)', () => {
  // A Philips Hue server (external set).
  isCategory('Execute', 'light_effect', 'Set a dynamic effect on a light');
  isCategory('Write', 'save_effect_preset', 'Save an effect as a preset');
});

test('converting a record into a money document issues it (Financial)', () => {
  // A Factpro server (external set), whose French text names a quote and an invoice.
  isCategory('Financial', 'convert_quote_to_invoice', 'Convertir un devis en facture');
  isCategory('Read', 'convert_invoice_to_pdf', 'Convert an invoice to a PDF file');
});

test('an ad set with a budget, or a campaign resumed to spend, commits ad spend (Financial)', () => {
  // A Meta Ads server (external set).
  const adSet = tool('create_ad_set', {
    description: 'Create a new ad set with advanced validation.',
    inputSchema: { type: 'object', properties: { name: { type: 'string' }, daily_budget: { type: 'number' } } },
  });
  assert.equal(adSet.category, 'Financial');
  isCategory('Financial', 'resume_campaign', 'Reactivate a paused campaign to resume ad delivery and spending.');
  isCategory('Write', 'pause_campaign', 'Pause an active campaign to stop ad delivery and spending.');
});

test('a name that subscribes to events or a topic reads a stream, without a description to say so', () => {
  // unifi-protect-owine protect_subscribe_events (catalogue): its name is the evidence a page shows.
  isCategory('Read', 'subscribe_events', '');
  isCategory('Read', 'subscribe_topic', '');
  isCategory('Write', 'subscribe_newsletter', '');
});

test('an overwrite mode counts when it is the default or every call must choose; a mode one asks for does not', () => {
  const schema = (mode: Record<string, unknown>, required: string[] = []) => ({
    type: 'object' as const,
    properties: { file: { type: 'string' }, mode: { type: 'string', ...mode } },
    required,
  });
  // excalidraw-yctimlin import_scene (tuning half): a required mode, replace or merge.
  const required = tool('import_scene', {
    description: 'Import elements from a .excalidraw JSON file',
    inputSchema: schema({ enum: ['replace', 'merge'] }, ['mode']),
  });
  assert.equal(required.category, 'Destructive');
  assert.ok(required.evidence.some((e) => e.text === 'properties.mode: replace (required)'));
  // figma-console figma_import_tokens (tuning half): strategy merge | replace | dry-run, none by default.
  const optional = tool('import_tokens', {
    description: 'Push design tokens from your codebase into Figma as variables.',
    inputSchema: schema({ enum: ['merge', 'replace', 'dry-run'] }),
  });
  assert.equal(optional.category, 'Write');
  assert.ok(!optional.evidence.some((e) => e.signal === 'property:overwrite-mode'));
  // boondmanager (tuning half): merge by default, replace when asked.
  const merging = tool('update_technical_data', {
    description: 'Updates the technical file of a resource.',
    inputSchema: schema({ enum: ['merge', 'replace'], default: 'merge' }),
  });
  assert.equal(merging.category, 'Write');
});

test('guidance one gets is handed back (Read), whatever the name says', () => {
  // A Meta Ads server (external set): tools named for actions that only return advice.
  isCategory('Read', 'upload_creative_asset', 'Get guidance on uploading creative assets (images/videos) to Meta.');
  isCategory('Read', 'setup_ab_test', 'Get comprehensive guidance on setting up A/B tests for ad creatives.');
  isCategory('Write', 'upload_creative_asset', 'Upload a creative asset (image or video) to the ad account.');
});

test('a first sentence that reads and then writes does both (Write)', () => {
  // A Blender server (external set).
  isCategory('Write', 'download_polyhaven_asset', 'Download and import a Polyhaven asset into Blender.');
  isCategory('Read', 'download_polyhaven_asset', 'Download a Polyhaven asset and return its bytes.');
  isCategory('Read', 'fetch_page', 'Fetch and parse a web page.');
});

test('creating a scheduled job stores its definition (Write); creating a batch job starts it (Execute)', () => {
  // A Zoho CRM server (external set); genai-batch-inference-create (tuning half).
  isCategory('Write', 'create_schedule', 'Create a new scheduled job');
  isCategory('Execute', 'batch_inference_create', 'Create a new batch inference job.');
});

test('a read-only query or command, whatever it is called, reads', () => {
  // bigquery and CrowdStrike Falcon servers (external set).
  isCategory('Read', 'query', 'Run a read-only BigQuery SQL query');
  isCategory('Read', 'execute_rtr_read_only_command', 'Execute a read-only RTR command on a single host.');
  isCategory('Execute', 'query', 'Run a BigQuery SQL query');
});

test('an audit or an assessment reads, unless the tool loads the page at a URL it is given', () => {
  // OPNsense and Wazuh servers (external set), wordpress-docdyhr (tuning half), a Lighthouse server (tuning half).
  isCategory('Read', 'perform_firewall_audit', 'Performs a basic security audit of the OPNsense configuration.');
  isCategory(
    'Read',
    'perform_risk_assessment',
    'Perform comprehensive risk assessment for agents or the entire environment',
  );
  const lighthouse = tool('run_audit', {
    description: 'Run a comprehensive Lighthouse audit on a website',
    inputSchema: { type: 'object', properties: { url: { type: 'string' }, device: { type: 'string' } } },
  });
  assert.equal(lighthouse.category, 'Execute');
});

test('writing a file with the content given replaces it (Destructive), unless a version is kept', () => {
  const schema = (...names: string[]) => ({
    type: 'object' as const,
    properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])),
  });
  // An Xcode server (external set) and filesystem-efforthye fast_write_file (tuning half).
  const local = tool('write_file', {
    description: 'Writes or updates the content of a file within the active project or allowed directories.',
    inputSchema: schema('path', 'content', 'encoding'),
  });
  assert.equal(local.category, 'Destructive');
  assert.ok(local.evidence.some((e) => e.signal === 'name:write-whole-file'));
  // A repository keeps the old version in its history; a backup the tool makes keeps it too.
  const repo = tool('write_file', {
    description: 'Writes the content of a file in a repository.',
    inputSchema: schema('repo', 'branch', 'path', 'content'),
  });
  assert.equal(repo.category, 'Write');
  const backup = tool('write_file', {
    description: 'Reliably writes large files (with streaming, retry, backup, and verification features)',
    inputSchema: schema('path', 'content', 'backup'),
  });
  assert.equal(backup.category, 'Write');
});

test('what a boolean option does when turned on is not an overwrite the tool states', () => {
  // A kubectl server (external set): `overwrite` and `force_update` are options, off unless asked for.
  const labels = tool('label_resource', {
    description:
      'Add or update labels on a resource. Args: name: Name of the resource overwrite: Overwrite existing labels',
    inputSchema: { type: 'object', properties: { name: { type: 'string' }, overwrite: { type: 'boolean' } } },
  });
  assert.equal(labels.category, 'Write');
  // Such words with no such option state what every call does (of labels, they would only retag: see below).
  const always = tool('annotate_resource', {
    description:
      'Add or update annotations on a resource. Args: name: Name of the resource annotations: Overwrite existing annotations',
    inputSchema: { type: 'object', properties: { name: { type: 'string' }, annotations: { type: 'object' } } },
  });
  assert.equal(always.category, 'Destructive');
});

test('filtering records reads them (Read)', () => {
  // Twenty and Chatwoot servers (external set).
  isCategory('Read', 'filter_activities', 'Filter activities by specific criteria');
  isCategory('Read', 'filter_contacts', 'Filter contacts using advanced filters');
  isCategory('Write', 'create_filter', 'Create a mail filter that labels incoming messages');
});

test('replacing what a server keeps versions of is an update (Write); replacing what it does not is an overwrite', () => {
  // A MediaWiki server (external set): get-page-history and undelete-page keep the page's versions.
  const wiki = ['get-page', 'update-page', 'get-page-history', 'undelete-page'];
  assert.equal(
    categoryOf('update-page', 'Updates a wiki page. Replaces the existing content of the page.', wiki),
    'Write',
  );
  // A Canvas server (external set): page revisions kept, the content of the page replaced.
  const canvas = ['update-page-content', 'list-page-revisions', 'revert-page-revision'];
  assert.equal(categoryOf('update-page-content', 'Replace the entire content of a page.', canvas), 'Write');
  // With no tool for earlier versions, the same text overwrites.
  assert.equal(
    categoryOf('update-page', 'Updates a wiki page. Replaces the existing content of the page.', [
      'get-page',
      'update-page',
    ]),
    'Destructive',
  );
});

test('an export to a file on the device it manages writes that file (Write); one to a downloadable file reads', () => {
  // MikroTik and Outline servers (external set).
  isCategory('Write', 'export_logs', 'Exports logs to a .txt file on the MikroTik device with optional topic filters.');
  isCategory('Read', 'export_collection', 'Exports all documents in a collection to a downloadable file.');
});

test('a description that warns the tool moves funds makes it Financial, whatever its verb', () => {
  // A Binance.US server (external set).
  isCategory(
    'Financial',
    'custodial_wallet_transfer',
    'Transfer assets from your exchange wallet to your custodial sub-account. ⚠️ This moves funds - verify details carefully!',
  );
  isCategory('Write', 'transfer_issue', 'Transfer an issue to another repository.');
});

test('a money word before an address names data about money (Read); before a fee it acts on the fee', () => {
  // A Binance.US server (external set).
  const siblings = ['us_deposit_address', 'us_pay_fee', 'us_new_order', 'us_get_account'];
  assert.equal(
    categoryOf('us_deposit_address', 'Get a deposit address for a specific crypto asset.', siblings),
    'Read',
  );
  // The name alone: "pay" stays the verb before "fee".
  assert.equal(categoryOf('us_pay_fee', '', siblings), 'Financial');
});

test('an overwrite the text denies, points elsewhere for, or confines to one field or to tags is no overwrite', () => {
  // Task Master, MediaWiki, Render, Gorgias, Instantly and Serena servers (external set); n8n (tuning half).
  isCategory(
    'Write',
    'update_subtask',
    'Appends timestamped information to a specific subtask without replacing existing content.',
  );
  isCategory(
    'Write',
    'upload_file',
    'Uploads a file to the wiki. Fails if a file with that title already exists (the wiki does not silently overwrite existing files).',
  );
  isCategory(
    'Write',
    'update_environment_variables',
    "Merges environment variables into a service. To replace all existing environment variables, set the 'replace' parameter to 'true'.",
  );
  isCategory('Write', 'update_workflow_tags', 'Update the tags of a workflow. Replaces existing tags completely.');
  isCategory('Write', 'edit_memory', 'Replace content matching a regular expression in a memory.');
  const lead = tool('update_lead', {
    description: 'Update a lead. custom_variables REPLACES the entire object - include all existing fields.',
    inputSchema: { type: 'object', properties: { id: { type: 'string' }, custom_variables: { type: 'object' } } },
  });
  assert.equal(lead.category, 'Write');
  // Near misses: the same statements made of the whole record, unqualified, still overwrite.
  isCategory('Destructive', 'update_subtask', 'Updates a subtask, replacing existing content.');
  isCategory('Destructive', 'update_workflow', 'Update a workflow. Replaces the entire workflow definition.');
  isCategory('Destructive', 'set_page', 'Replaces the content of one page with new XML.');
  const record = tool('update_lead', {
    description: 'Update a lead. This REPLACES the entire object - include all existing fields.',
    inputSchema: { type: 'object', properties: { id: { type: 'string' }, custom_variables: { type: 'object' } } },
  });
  assert.equal(record.category, 'Destructive');
});

test('"add or remove" takes back what the tool puts (Write); "list or delete" still deletes', () => {
  // A kubectl server (external set), marked destructive: no text of its own agrees once "remove" undoes "add".
  const hinted = (name: string, description: string) =>
    tool(name, { description, annotations: { destructiveHint: true } }).category;
  assert.equal(hinted('taint_node', 'Add or remove taints on a node.'), 'Write');
  assert.equal(hinted('manage_node_taints', 'List or delete taints on a node.'), 'Destructive');
});

test('generating a citation, a visualization, ideas, a description or an example hands back text (Read)', () => {
  // Zotero, a 3D printer, Google Ads, Blender and openEHR servers (external set).
  isCategory(
    'Read',
    'generate_citation',
    'Generate formatted citations in various styles (APA, Chicago, MLA, IEEE, etc.)',
  );
  isCategory('Read', 'generate_stl_visualization', 'Generate an SVG visualization of an STL file from multiple angles');
  isCategory('Read', 'generate_keyword_ideas', 'Generate keyword ideas from seed keywords.');
  isCategory('Read', 'template_example_composition', 'Generate an example composition based on a specific template.');
  // A near miss: generating something the server keeps is a write.
  isCategory('Write', 'generate_api_key', 'Generate a new API key for the account.');
});

test('text is read as a person sees it: full-width or styled letters and unseen characters do not hide a verb', () => {
  const plain = 'Deletes every file under the given path permanently.';
  const disguised = [
    plain.replace('Deletes', 'Ｄｅｌｅｔｅｓ'),
    plain.replace('Deletes', 'De\u200Bletes'),
    plain.replace('Deletes', 'Del\u00ADetes'),
    plain.replace('Deletes', '\u{1D403}eletes'),
    plain.replace('Deletes', 'De\u2060le\u200Dtes'),
    plain.replaceAll(' ', '\u00A0'),
  ];
  const want = tool('cleanup', { description: plain });
  assert.equal(want.category, 'Destructive');
  for (const description of disguised) {
    const got = tool('cleanup', { description });
    assert.equal(got.category, want.category, JSON.stringify(description));
    assert.equal(got.risk, want.risk, JSON.stringify(description));
  }
  // A disguised name too.
  assert.equal(tool('ｄｅｌｅｔｅ_ｆｉｌｅｓ').category, 'Destructive');
  // Punctuation of Chinese and Japanese text stays as written (a full-width comma is no disguise).
  assert.equal(asRead('删除文件，永久'), '删除文件，永久');
  assert.equal(asRead('plain ascii'), 'plain ascii');
});
