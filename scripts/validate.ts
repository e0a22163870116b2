/**
 * npm run validate                                     check every record and embedded policy in content/
 * npm run validate -- <policy.json> --server <id>      check your own policy against a catalogue server
 *                   [--json]                           print the problems as JSON
 * npm run validate -- <file.cedar> --server <id> --gateway agentcore|toolhive
 *                                                      check a Cedar policy (an export, edited or not)
 *                                                      against the schema of that gateway for the server
 * Exit 0: valid. Exit 1: problems, one per line. Exit 2: the command itself could not run.
 */
import { parseArgs } from 'node:util';
import { validateCatalogue } from '#src/catalogue/validate.ts';
import { contentDir } from '#src/catalogue/paths.ts';
import { formatProblem, type Problem } from '#src/model/problems.ts';
import { readFileSync } from 'node:fs';
import { parsePolicy, validatePolicy, printCedar, CEDAR_FLAVOURS, type CedarFlavour } from '#src/policy/index.ts';
import { cedarProblems } from '#src/catalogue/checks.ts';
import { readPolicyFile, runCli, serverTools, usage, UsageError } from './lib/policy-cli.ts';

const HELP =
  'npm run validate [-- <policy.json> [--server <server-id>] [--json]] | [-- <file.cedar> --server <server-id> --gateway agentcore|toolhive]';

/** A Cedar file against the schema the gateway would derive from the server's tools. */
function validateCedarFile(
  file: string,
  server: string | undefined,
  gateway: string | undefined,
  json: boolean,
): number {
  const flavour = CEDAR_FLAVOURS.find((f) => f.id === gateway);
  if (!server || !flavour)
    throw new UsageError(
      `A Cedar file is checked against one server and one gateway: add --server <server-id> and --gateway ${CEDAR_FLAVOURS.map((f) => f.id).join('|')}. Usage: ${HELP}`,
    );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read the file "${file}".`);
  }
  // The full schema for the server's tools, as published beside its export.
  const { schema, schemaJson } = printCedar({ version: '1', default: 'deny' }, flavour.id as CedarFlavour, {
    server,
    tools: serverTools(server),
    fullSchema: true,
  });
  const problems = cedarProblems(
    { flavour: flavour.id, text, schema, schemaJson },
    file,
    '',
    'Correct the Cedar at that place (the schema beside each export on the server page lists every action and argument) and check again.',
  );
  report(problems, json);
  if (problems.length) return 1;
  if (!json) process.stdout.write(`valid: ${file} for server "${server}" in Cedar for ${flavour.label}.\n`);
  return 0;
}

function report(problems: Problem[], json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify(problems, null, 2)}\n`);
  else for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
}

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        server: { type: 'string' },
        gateway: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw usage(err, HELP);
  }
  const { positionals, values } = parsed;
  const json = values.json ?? false;
  if (positionals.length > 1)
    throw new UsageError(`Expected one policy file, got ${positionals.length}. Usage: ${HELP}`);

  if (positionals.length === 0) {
    if (values.server) throw new UsageError(`"--server" needs a policy file to check. Usage: ${HELP}`);
    const { catalogue, problems } = validateCatalogue(contentDir());
    report(problems, json);
    if (problems.length) {
      if (!json)
        process.stdout.write(
          `${problems.length} problem${problems.length === 1 ? '' : 's'} found in ${contentDir()}.\n`,
        );
      return 1;
    }
    if (!json)
      process.stdout.write(
        `valid: ${catalogue.servers.length} server${catalogue.servers.length === 1 ? '' : 's'}, ${catalogue.tools.length} tool${catalogue.tools.length === 1 ? '' : 's'} and their policies in ${contentDir()}.\n`,
      );
    return 0;
  }

  const file = positionals[0]!;
  if (file.endsWith('.cedar')) return validateCedarFile(file, values.server, values.gateway, json);
  const input = readPolicyFile(file);
  const result = values.server ? validatePolicy(input, { tools: serverTools(values.server) }) : parsePolicy(input);
  const problems = result.problems.map((p) => ({ ...p, file }));
  report(problems, json);
  if (!result.policy) return 1;
  if (!json) {
    const p = result.policy;
    const ruled = Object.keys(p.tools ?? {}).length;
    const hidden = p.hide?.includes('*') ? 'all' : String(p.hide?.length ?? 0);
    const against = values.server
      ? `for server "${values.server}"`
      : '(shape only; add --server <id> to check tool and argument names)';
    process.stdout.write(
      `valid: ${file} ${against}: ${ruled} tool rule${ruled === 1 ? '' : 's'}, ${hidden} hidden, default ${p.default}.\n`,
    );
  }
  return 0;
}

runCli(main);
