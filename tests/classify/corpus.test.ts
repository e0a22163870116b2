import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogue } from '#src/catalogue/load.ts';
import { classify } from '#src/classify/engine.ts';
import { scoreCorpus } from '#src/classify/score.ts';
import { loadCorpus, RESULTS_FILE } from '#scripts/lib/classify-corpus.ts';
import { ROOT } from '../helpers/server.ts';

const corpus = loadCorpus(ROOT);

test('the corpus parses and labels every tool of its sources, and only those', () => {
  assert.deepEqual(corpus.problems, []);
  assert.ok(corpus.tools.length > 0);
});

test('every server of the shipped catalogue has a corpus file read from content', () => {
  const { catalogue } = loadCatalogue(join(ROOT, 'content'), ROOT);
  const labelled = new Set(corpus.files.filter((f) => f.source === 'content').map((f) => f.server));
  for (const server of catalogue.servers) assert.ok(labelled.has(server.id), `no labels for ${server.id}`);
});

test('the split is the recorded one, by server: odd first byte of the id hash is the test half', () => {
  for (const file of corpus.files) {
    const odd = (createHash('sha256').update(file.server).digest()[0] as number) % 2 === 1;
    assert.equal(file.split, odd ? 'test' : 'tuning', file.server);
  }
  const splits = new Set(corpus.files.map((f) => f.split));
  assert.deepEqual([...splits].sort(), ['test', 'tuning']);
});

test(`${RESULTS_FILE} equals a fresh scoring, so the methodology page states only earned figures`, () => {
  const stored = JSON.parse(readFileSync(join(ROOT, RESULTS_FILE), 'utf8'));
  assert.deepEqual(stored, JSON.parse(JSON.stringify(scoreCorpus(corpus.tools))));
});

test('no poison flag on a real tool, in either half', () => {
  const report = scoreCorpus(corpus.tools);
  assert.deepEqual(report.test.poisonFlags, []);
  assert.deepEqual(report.tuning.poisonFlags, []);
});

// Dangerous misses known today: any other one fails, so a rule change cannot add one unseen. Each
// came with a server labelled before the classifier was run on it; none was added by a rule change.
const KNOWN_DANGEROUS_MISSES = [
  // Test half.
  'square make_api_request',
  'creem customer-credits-credit-account',
  'creem customer-credits-debit-account',
  'creem customer-credits-reverse-transaction',
  'creem customer-credits-reverse-transaction-by-id',
  'creem customer-credits-close-account',
  'creem events-ingest-events',
  'creem splits-create',
  'clawnch clawnch_launch',
  'conway-terminal x402_fetch',
  'conway-terminal credits_topup',
  'conway-terminal domain_register',
  'conway-terminal domain_renew',
  'dokploy application-refreshToken',
  // Test half, after the second blind labels were settled: evidence submitted on a chargeback (Financial), and
  // a router of workflow versions, Destructive with its annotations and Execute without.
  'stripe update_dispute',
  'n8n n8n_workflow_versions',
  // Tuning half: a create-any-document tool whose text offers no money type; and, after the second blind labels
  // were settled, a bulk mail action and a row mutation tool, each offering deletion among its operations.
  'erpnext erpnext_doc_create',
  'email-codefuturist bulk_action',
  'postgres-henkey pg_execute_mutation',
  // Batch 10 (labelled twice before the classifier was run on it), test half: bulk edits that can delete
  // documents, paid GPU rentals and a phone number, and a replace-all of SSH keys.
  'paperless-ngx bulk_edit_correspondents',
  'paperless-ngx bulk_edit_custom_fields',
  'paperless-ngx bulk_edit_document_types',
  'paperless-ngx bulk_edit_documents',
  'paperless-ngx bulk_edit_tags',
  'retell-ai-abhaybabbar create_phone_number',
  'runpod create-cluster',
  'runpod create-endpoint',
  'runpod create-pod',
  'runpod update-ssh-keys',
  // Batch 11 (labelled twice before the classifier was run on it), test half: an environment router whose
  // plan changes and renewals are billed, and a create-or-replace of a whole firewall configuration.
  'cloudbase manageEnv',
  'vercel-mistertk putFirewallConfig',
  // Batch 11, tuning half: cloning and launching advertising campaigns.
  'ebay ebay_clone_campaign',
  'ebay ebay_launch_campaign',
  // Batch 12 (labelled twice before the classifier was run on it), test half: an attachment router that
  // deletes, and a bulk removal of tasks and projects beside a bulk add.
  'jira-pdogra1299 jira_attachments',
  'omnifocus batch_remove_items',
  // Batch 12, tuning half: a comment router and a record mutation router whose deletions cannot be undone,
  // whole-body overwrites of code, a site router that removes, and a signal that kills a process.
  'bitbucket-pdogra1299 manage_comment',
  'salesforce-tsmztech salesforce_dml_records',
  'salesforce-tsmztech salesforce_write_apex',
  'salesforce-tsmztech salesforce_write_apex_trigger',
  'search-console-saurabhsharma2u sites_manage',
  'ssh-tufantunc signal-process',
  // Batch 13 (labelled twice before the classifier was run on it), tuning half: emptying a component's slot,
  // and, without annotations, a re-login that wipes saved browser state.
  'figma-console figma_reset_slot',
  'notebooklm re_auth',
  // Batch 15 (labelled twice before the classifier was run on it), test half: a billed cloud server, a
  // chargeback accepted, standing schedules and sweeps of payments, and a transfer cancelled or reversed.
  'hetzner-mjmirza cloud_create_server',
  'moov disputes-accept',
  'moov scheduling-create',
  'moov scheduling-update',
  'moov sweeps-create-config',
  'moov sweeps-update-config',
  'moov transfers-create-cancellation',
  'moov transfers-create-reversal',
  // Batch 15, tuning half: a job removed from its queue (the server also adds jobs, so it reads as an
  // unlinking), failed jobs moved to an expiring dead-letter queue, and a skipped delivery week put back
  // on a billed meal plan.
  'bullmq-adamhancock remove_job',
  'bullmq-adamhancock move_failed_jobs_to_dlq',
  'cookunity-ggonzalezaleman cookunity_unskip_delivery',
  // Batch 16 (labelled twice before the classifier was run on it), test half: paid bounties and tasks posted
  // to human workers, approvals that pay them, and a sandbox stopped with its files.
  'humanagent-jeelebot create_bounty',
  'humanagent-jeelebot complete_bounty',
  'just-bash-dalist1 bash_sandbox_stop',
  'loopuman ask_human',
  'loopuman post_task',
  'loopuman approve_submission',
  'loopuman post_competition',
  'loopuman post_social_contest',
  // Batch 16, tuning half: a file write that overwrites by default, batch file operations and a directory sync
  // that can delete, a workflow node removed with no version kept, and, without annotations, a replace-all of
  // environment variables whose values cannot be read back.
  'filesystem-efforthye fast_write_file',
  'filesystem-efforthye fast_batch_file_operations',
  'filesystem-efforthye fast_sync_directories',
  'pencil-workflow remove_node',
  'hostinger-hosting hosting_replaceNode_jsEnvironmentVariablesV1',
  // Batch 17 (labelled twice before the classifier was run on it), tuning half: an account removed by deleting
  // its stored credentials, which its twin addAccount can only replace through a new sign-in.
  'google-workspace-pm990320 removeAccount',
  // Batch 18 (labelled twice before the classifier was run on it), test half: payment mandates created and
  // signed for an agent to spend within, and a batch tool whose operations include permanent deletion.
  'agentic-payments-ruv create_active_mandate',
  'agentic-payments-ruv sign_mandate',
  'attio-kesslerio batch_records',
  // Batch 18, tuning half: board configurations overwritten with no kept version, label and status tools that
  // only create or delete, an immutability policy that cannot be turned off, and activity or handoff records
  // compacted into summaries, their details deleted.
  'agllama llama_clone_board_config',
  'agllama llama_manage_label',
  'agllama llama_manage_status',
  'agllama llama_install_getting_started_pack',
  'microsoft-fabric onelake_modify-immutability-policy',
  'ohno-stevestomp summarize_task_activity',
  'ohno-stevestomp compact_story_handoffs',
  // Batch 19 (labelled twice before the classifier was run on it), tuning half: two action routers that each
  // offer a delete with no undo beside reads and edits, and a camera microphone turned off until a factory reset.
  'comfyui-artokun list_local_models',
  'comfyui-artokun train_prepare_dataset',
  'unifi-protect-owine protect_disable_mic',
];

test('no Destructive or Financial tool below Critical beyond the known misses, in either half and mode', () => {
  const report = scoreCorpus(corpus.tools);
  for (const split of ['tuning', 'test'] as const)
    for (const mode of ['kept', 'stripped'] as const) {
      const misses = report[split].modes[mode].dangerousMisses.map((m) => `${m.server} ${m.name}`);
      assert.deepEqual(
        misses.filter((m) => !KNOWN_DANGEROUS_MISSES.includes(m)),
        [],
        `${split}, ${mode}`,
      );
    }
});

test(
  'on the test half: no Destructive or Financial tool below Critical',
  {
    todo: 'not reached: tools of servers labelled before the classifier ever saw them are rated below Critical: a generic API-call tool whose services include payments (square make_api_request), seven tools of a billing server that post customer credits, ingest billed usage or split payouts (creem), a token launch that pays a deposit (clawnch), four tools of an agent-wallet server that pay for requests, credits and domains (conway-terminal), a token refresh (dokploy), evidence submitted on a chargeback (stripe), without annotations a router of workflow versions (n8n), and, from batch 10, bulk edits that can delete documents (paperless-ngx), paid GPU rentals and a replace-all of SSH keys (runpod) and a paid phone number (retell), from batch 11 a billed environment router (cloudbase) and a replace-all firewall configuration (vercel-mistertk), from batch 12 an attachment router that deletes (jira-pdogra1299) and a bulk removal beside a bulk add (omnifocus), and from batch 15 a billed cloud server (hetzner-mjmirza) and seven payment tools (moov: a chargeback accepted, schedules and sweeps of payments, a transfer cancelled or reversed), and from batch 16 paid tasks, bounties and contests posted to human workers and the approvals that pay them (loopuman, humanagent-jeelebot) and a sandbox stopped with its files (just-bash-dalist1), and from batch 18 payment mandates created and signed for an agent (agentic-payments-ruv) and a batch tool that can delete records (attio-kesslerio); no tuning-half tool motivates a rule for them',
  },
  () => {
    const { test: half } = scoreCorpus(corpus.tools);
    for (const mode of ['kept', 'stripped'] as const) assert.deepEqual(half.modes[mode].dangerousMisses, [], mode);
  },
);

test(
  'on the test half: at least 95% agreement with annotations kept and stripped',
  {
    todo: 'not reached: about 90% (kept) and 89% (stripped) against the settled labels of the test half, where the first labels and the second, blind ones agree on 97%; servers added since, labelled before the classifier saw them, score 64-97% unseen (64% on the test-half servers of batch 19, mostly media generators labelled by the guide’s rule that media handed back is Read, and a debugger’s session tools) (npm run classify:score -- --all lists the misses)',
  },
  () => {
    const { test: half } = scoreCorpus(corpus.tools);
    for (const mode of ['kept', 'stripped'] as const)
      assert.ok(half.modes[mode].agreement.percent >= 95, `${mode}: ${half.modes[mode].agreement.percent}%`);
  },
);

test('server-everything and the ComfyUI sample are classified as their labels say', () => {
  // Before this classifier, comfy_generate_simple came out Write; every other tool already agreed.
  for (const t of corpus.tools.filter(
    (t) => t.server === 'everything' || t.server === 'nikolaibibo-claude-comfyui-mcp',
  )) {
    const got = classify({ name: t.name, definition: t.definition, siblings: t.siblings }).category;
    if (t.name === 'comfy_generate_simple') assert.ok(got === 'Write' || got === 'Execute');
    // Where two labellers, blind to each other, differed, either label is a careful reading of the tool.
    else if (t.blind)
      assert.ok(t.blind.includes(got), `${t.server} ${t.name}: ${got}, labelled ${t.blind.join(' or ')}`);
    else assert.equal(got, t.label, `${t.server} ${t.name}`);
  }
});

test("every shipped record carries the current classifier's verdict (re-import after changing the rules)", () => {
  const { catalogue } = loadCatalogue(join(ROOT, 'content'), ROOT);
  const names = new Map<string, string[]>();
  for (const t of catalogue.tools)
    if (!t.data.history?.removed) names.set(t.data.server, [...(names.get(t.data.server) ?? []), t.data.name]);
  const stale = catalogue.tools
    .filter((t) => !t.data.history?.removed)
    .filter((t) => {
      const { category, risk, confidence, evidence } = classify({
        name: t.data.name,
        definition: t.data.definition,
        siblings: names.get(t.data.server),
      });
      return JSON.stringify({ category, risk, confidence, evidence }) !== JSON.stringify(t.data.classification);
    })
    .map((t) => t.file);
  assert.deepEqual(stale, [], 'run npm run import -- --all --offline');
});

test('an editor’s text that says how the classifier rates a tool says what the record carries', () => {
  const { catalogue } = loadCatalogue(join(ROOT, 'content'), ROOT);
  const stale = catalogue.tools
    .filter((t) => !t.data.history?.removed)
    .flatMap((t) => {
      const why = t.data.editorial?.why ?? '';
      // "Without its annotations, the classifier …" speaks of the other reading, and is left out.
      const said = [...why.matchAll(/(?<!annotations, )\bThe classifier\b[^.;]*?\brates it (\w+)/g)].map((m) => m[1]);
      return said
        .filter((c) => c !== t.data.classification.category)
        .map((c) => `${t.file}: says ${c}, carries ${t.data.classification.category}`);
    });
  assert.deepEqual(stale, [], 'reword the editorial text after the classifier changed its verdict');
});
