/**
 * Every problem the policy engine reports has one of these stable codes. They are part of the
 * public contract (the CLI's `--json` output, the build report), so never rename one.
 */
export const POLICY_CODES = {
  /** The document does not have the shape of a version "1" policy (unknown key, wrong type, bad value for an operator). */
  'policy-schema': 'The policy does not have the documented shape.',
  /** A regex value does not compile, or is prone to catastrophic backtracking. */
  'policy-bad-regex': 'A regex value does not compile or could backtrack catastrophically.',
  /** Two limits in one tool rule, or two in all_tools, share a counter name. */
  'policy-duplicate-counter': 'A counter name is used twice in one place.',
  /** A name under `tools` or `hide` is not a tool of the server. */
  'policy-unknown-tool': 'The policy names a tool the server does not have.',
  /** A tool is both hidden and given a rule. */
  'policy-hidden-and-listed': 'A tool is hidden and listed under tools at the same time.',
  /** A condition path names an argument the tool's input schema does not declare. */
  'policy-unknown-argument': 'A condition names an argument the tool does not take.',
  /** A condition's operator or value does not fit the argument's JSON-schema type. */
  'policy-operator-type': "An operator or value does not fit the argument's type.",
  /** A recommended or overriding rule does not do what the tool's risk level promises. */
  'policy-risk-mismatch': "The rule does not do what the tool's risk level promises.",
  /** A policy's Cedar export does not validate against its gateway's Cedar schema. */
  'policy-cedar-invalid': "A policy's Cedar export does not validate against the gateway's schema.",
} as const;

export type PolicyCode = keyof typeof POLICY_CODES;
