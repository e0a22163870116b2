/**
 * The policy language engine (POLICY-LANGUAGE.md): one source of truth for the site build, the
 * CLI (`npm run validate`, `npm run eval`) and the tests.
 */
import type { Problem } from '#src/model/problems.ts';
import type { Policy } from '#src/model/policy.ts';
import { parsePolicy } from './parse.ts';
import { checkPolicyAgainstServer, type ToolInfo } from './server.ts';
import { checkRiskPromise, type PromisedTool } from './promise.ts';

export {
  policySchema,
  conditionSchema,
  limitSchema,
  denyRuleSchema,
  toolRuleSchema,
  OPERATORS,
  WINDOWS,
  type Policy,
  type ToolRule,
  type Condition,
  type ConditionValue,
  type Limit,
  type DenyRule,
  type Operator,
  type Window,
} from '#src/model/policy.ts';
export { POLICY_CODES, type PolicyCode } from '#src/model/codes.ts';
export { parsePolicy } from './parse.ts';
export { checkRegex } from './regex.ts';
export { checkPolicyAgainstServer, type ToolInfo } from './server.ts';
export { checkRiskPromise, type PromisedTool } from './promise.ts';
export {
  evaluate,
  counterKey,
  limitsFor,
  conditionHolds,
  type Decision,
  type Call,
  type AppliedLimit,
} from './evaluate.ts';
export { recommendedPolicy, serverPolicy, rateCounter, RECOMMENDED_MAX } from './recommended.ts';
export { printPolicy, printCedar } from './print.ts';
export { CEDAR_FLAVOURS, cedarRequest, type CedarFlavour, type CedarExport } from './cedar.ts';
export { cedarErrors, cedarPolicyErrors } from './cedar-validate.ts';

/**
 * Everything in one call: shape and regex checks, then (when the shape is right) the checks
 * against the server's tools and, when the regexes and counters are right too, the risk promise
 * of each tool in `promises`, so one report names every problem the checks can see.
 */
export function validatePolicy(
  input: unknown,
  opts: { tools: ToolInfo[]; promises?: PromisedTool[] },
): { policy?: Policy; problems: Problem[] } {
  const parsed = parsePolicy(input);
  if (parsed.shaped) return { problems: [...parsed.problems, ...checkPolicyAgainstServer(parsed.shaped, opts.tools)] };
  if (!parsed.policy) return { problems: parsed.problems };
  const policy = parsed.policy;
  const problems = [
    ...checkPolicyAgainstServer(policy, opts.tools),
    ...(opts.promises ?? []).flatMap((tool) => checkRiskPromise(policy, tool)),
  ];
  return problems.length ? { problems } : { policy, problems };
}
