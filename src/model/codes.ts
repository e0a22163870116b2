/**
 * Every problem the policy engine reports has one of these stable codes. They are part of the
 * public contract (the CLI's `--json` output, the build report), so never rename one.
 */
export const POLICY_CODES = {
  /** The document does not have the shape of a version "1" policy (unknown key, wrong type, bad value for an operator). */
  'policy-schema': 'The policy does not have the documented shape.',
  /** A regex value is not a pattern RE2 compiles (backreferences and lookaround are not RE2). */
  'policy-bad-regex': 'A regex value is not a valid RE2 pattern.',
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
} as const;

export type PolicyCode = keyof typeof POLICY_CODES;

/**
 * Codes outside the policy engine added for hostile input (issue 12), each documented in the
 * README; they are meant to join the one typed registry of every code.
 */
export const HOSTILE_INPUT_CODES = {
  /** Two tools of one server whose names differ only in case (their files would collide). */
  'record-case-twin': 'Two tools of a server differ only in the case of their names.',
  /** A tool definition, or a whole message, nests objects and arrays past the importer's limit. */
  'import-too-deep': 'A tool definition is nested too deeply.',
  /** A contact field arrived as a file instead of text. */
  'contact-not-text': 'A contact field was sent as a file.',
  /** A tool-poisoning flag: NUL or another C0/C1 control character in a definition's text. */
  'control-characters': 'The text contains control characters.',
} as const;
