/**
 * npm run validate                                     check every record and embedded policy in content/
 * npm run validate -- <policy.json> --server <id>      check your own policy against a catalogue server
 *                   [--json]                           print the problems as JSON
 * npm run validate -- <file.cedar> --server <id> --gateway agentcore|toolhive|docker
 *                                                      check a Cedar policy (an export, edited or not)
 *                                                      against the schema of that gateway for the server
 * Exit 0: valid. Exit 1: problems, one per line. Exit 2: the command itself could not run.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { validateCatalogue } from '#src/catalogue/validate.ts';
import { contentDir } from '#src/catalogue/paths.ts';
import { AtlasError, formatProblem, type Problem } from '#src/model/problems.ts';
import { parsePolicy, validatePolicy, printCedar, CEDAR_FLAVOURS } from '#src/policy/index.ts';
import { cedarProblems } from '#src/catalogue/checks.ts';
import { closest } from '#src/policy/suggest.ts';
import { runMain, type CliIo } from './lib/cli.ts';
import { guarded, readPolicyFile, serverTools, usage } from './lib/policy-cli.ts';

const HELP = `npm run validate [-- <policy.json> [--server <server-id>] [--json]] | [-- <file.cedar> --server <server-id> --gateway ${CEDAR_FLAVOURS.map((f) => f.id).join('|')}]`;

function report(io: CliIo, problems: Problem[], json: boolean): void {
  if (json) io.stdout(`${JSON.stringify(problems, null, 2)}\n`);
  else for (const p of problems) io.stdout(`${formatProblem(p)}\n`);
}

/** A Cedar file against the schema the gateway would derive from the server's tools. */
function validateCedarFile(
  io: CliIo,
  dir: string,
  file: string,
  opts: { server?: string; gateway?: string; json: boolean },
): number {
  const flavour = CEDAR_FLAVOURS.find((f) => f.id === opts.gateway);
  const ids = CEDAR_FLAVOURS.map((f) => f.id);
  if (opts.server && opts.gateway !== undefined && !flavour) {
    const hint = closest(opts.gateway, ids);
    throw new AtlasError(
      'cli-usage',
      `There is no gateway "${opts.gateway}": use --gateway ${ids.join('|')}.${hint ? ` Did you mean "${hint}"?` : ''}`,
    );
  }
  if (!opts.server || !flavour)
    throw new AtlasError(
      'cli-usage',
      `A Cedar file is checked against one server and one gateway: add --server <server-id> and --gateway ${CEDAR_FLAVOURS.map((f) => f.id).join('|')}. Usage: ${HELP}`,
    );
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch {
    throw new AtlasError('cli-file', `Cannot read the file "${file}". Check the path.`);
  }
  // The full schema for the server's tools, as published beside its export.
  const { schema, schemaJson } = printCedar({ version: '1', default: 'deny' }, flavour.id, {
    server: opts.server,
    tools: serverTools(opts.server, dir),
    fullSchema: true,
  });
  const problems = cedarProblems(
    { flavour: flavour.id, text, schema, schemaJson },
    file,
    '',
    'Correct the Cedar at that place (the schema beside each export on the server page lists every action and argument) and check again.',
  );
  report(io, problems, opts.json);
  if (problems.length) return 1;
  if (!opts.json) io.stdout(`valid: ${file} for server "${opts.server}" in Cedar for ${flavour.label}.\n`);
  return 0;
}

/** The command: `argv` without node and the script; returns the exit status. */
export function main(argv: string[], io: CliIo): number {
  return guarded(io, () => {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          server: { type: 'string' },
          gateway: { type: 'string' },
          json: { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h', default: false },
        },
      });
    } catch (err) {
      throw usage(err, HELP);
    }
    const { positionals, values } = parsed;
    if (values.help) {
      io.stdout(`Usage: ${HELP}\n`);
      return 0;
    }
    const json = values.json ?? false;
    const dir = contentDir(io.env, io.cwd);
    if (positionals.length > 1)
      throw new AtlasError('cli-usage', `Expected one policy file, got ${positionals.length}. Usage: ${HELP}`);

    if (positionals.length === 0) {
      if (values.server) throw new AtlasError('cli-usage', `"--server" needs a policy file to check. Usage: ${HELP}`);
      const { catalogue, problems } = validateCatalogue(dir);
      report(io, problems, json);
      if (problems.length) {
        if (!json) io.stdout(`${problems.length} problem${problems.length === 1 ? '' : 's'} found in ${dir}.\n`);
        return 1;
      }
      if (!json)
        io.stdout(
          `valid: ${catalogue.servers.length} server${catalogue.servers.length === 1 ? '' : 's'}, ${catalogue.tools.length} tool${catalogue.tools.length === 1 ? '' : 's'} and their policies in ${dir}.\n`,
        );
      return 0;
    }

    const file = positionals[0]!;
    if (file.endsWith('.cedar'))
      return validateCedarFile(io, dir, file, { server: values.server, gateway: values.gateway, json });
    const input = readPolicyFile(file, io.cwd);
    const result = values.server
      ? validatePolicy(input, { tools: serverTools(values.server, dir) })
      : parsePolicy(input);
    const problems = result.problems.map((p) => ({ ...p, file }));
    report(io, problems, json);
    if (!result.policy) return 1;
    if (!json) {
      const p = result.policy;
      const ruled = Object.keys(p.tools ?? {}).length;
      const hidden = p.hide?.includes('*') ? 'all' : String(p.hide?.length ?? 0);
      const against = values.server
        ? `for server "${values.server}"`
        : '(shape only; add --server <id> to check tool and argument names)';
      io.stdout(
        `valid: ${file} ${against}: ${ruled} tool rule${ruled === 1 ? '' : 's'}, ${hidden} hidden, default ${p.default}.\n`,
      );
    }
    return 0;
  });
}

await runMain(main, import.meta);
