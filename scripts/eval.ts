/**
 * npm run eval -- <policy.json> --tool <name> [--args '<json>'] [--counters '<json>'] [--json]
 * Prints the decision for one tools/call and the rule that made it. Exit 0 with a decision,
 * 1 when the policy is invalid, 2 when the command itself could not run.
 */
import { parseArgs } from 'node:util';
import { AtlasError, formatProblem } from '#src/model/problems.ts';
import { evaluate, parsePolicy, type Policy } from '#src/policy/index.ts';
import { plausible } from '#src/policy/suggest.ts';
import { runMain, type CliIo } from './lib/cli.ts';
import { guarded, parseJson, readPolicyFile, usage } from './lib/policy-cli.ts';
import { isObject } from '#src/model/object.ts';

const HELP =
  "npm run eval -- <policy.json> --tool <name> [--args '<json object>'] [--counters '<json object>'] [--json]";

/**
 * A note for a tool the policy names nowhere (no rule under "tools", not in "hide"), which
 * "default" decides: often a misspelt name, so it suggests the nearest name the policy does use.
 */
export function unnamedToolNote(policy: Policy, tool: string): string | undefined {
  const ruled = Object.keys(policy.tools ?? {});
  const hidden = (policy.hide ?? []).filter((name) => name !== '*');
  if (ruled.includes(tool) || hidden.includes(tool) || policy.hide?.includes('*')) return undefined;
  const hint = plausible(tool, [...ruled, ...hidden]);
  return `The policy names no tool "${tool}" under "tools" or "hide", so its "default" ("${policy.default}") applies.${hint ? ` Did you mean "${hint}"?` : ''}`;
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
          tool: { type: 'string' },
          args: { type: 'string' },
          counters: { type: 'string' },
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
    if (positionals.length !== 1)
      throw new AtlasError('cli-usage', `Expected one policy file, got ${positionals.length}. Usage: ${HELP}`);
    if (!values.tool) throw new AtlasError('cli-usage', `Name the tool to call with --tool <name>. Usage: ${HELP}`);

    const file = positionals[0]!;
    const input = readPolicyFile(file, io.cwd);
    const args = values.args === undefined ? {} : parseJson(values.args, 'The --args option');
    if (!isObject(args))
      throw new AtlasError(
        'cli-usage',
        `The --args option must be a JSON object such as '{"name": "x"}', not ${JSON.stringify(args)}.`,
      );
    const counters = values.counters === undefined ? {} : parseJson(values.counters, 'The --counters option');
    if (!isObject(counters) || !Object.values(counters).every((n) => typeof n === 'number' && Number.isFinite(n))) {
      throw new AtlasError(
        'cli-usage',
        `The --counters option must be a JSON object of numbers keyed by counter key, such as '{"tools.X/X_rate": 30}'.`,
      );
    }

    const { policy, problems } = parsePolicy(input);
    if (!policy) {
      for (const p of problems) io.stdout(`${formatProblem({ ...p, file })}\n`);
      io.stdout(`The policy is not valid, so no call was evaluated. Fix the problems above first.\n`);
      return 1;
    }
    const decision = evaluate(policy, { tool: values.tool, args }, counters as Record<string, number>);
    const note = unnamedToolNote(policy, values.tool);
    if (note) io.stderr(`${note}\n`);
    if (values.json) {
      io.stdout(`${JSON.stringify(decision, null, 2)}\n`);
    } else {
      io.stdout(`${decision.decision} (rule: ${decision.rule})\n${decision.message}\n`);
      if (decision.count?.length) io.stdout(`Counters to increment: ${decision.count.join(', ')}\n`);
    }
    return 0;
  });
}

await runMain(main, import.meta);
