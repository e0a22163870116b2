/**
 * The registry of every problem code Policy Atlas reports: in the build report, `npm run
 * validate`, the policy CLIs, the importer, the contact endpoint and the site config check.
 *
 * Codes are part of the public contract (the CLIs' `--json` output, the build report, the contact
 * endpoint's JSON), so never rename or remove one. To add a code, add an entry here with all
 * three texts; `ProblemCode` then accepts it, the page at /problems/ documents it and the README's
 * "Problem codes" table gets it from `npm run codes:readme`. tests/model/codes.test.ts fails while
 * a code used anywhere in src/ or scripts/ is missing here, or an entry lacks its documentation.
 */

/** What part of the project reports a code; the code's prefix says the same. */
export const CODE_AREAS = {
  record: {
    title: 'Catalogue records',
    intro: 'Reported by `npm run build` and `npm run validate` for the YAML and MDX files in `content/`.',
  },
  policy: {
    title: 'Policies',
    intro:
      'Reported by the policy engine wherever a policy is checked: policies embedded in records (in the build report), and your own policy in `npm run validate -- <policy.json> --server <id>` and `npm run eval`.',
  },
  site: {
    title: 'Site configuration',
    intro: 'Reported when `site.config.ts` is loaded, before anything is built.',
  },
  import: {
    title: 'Importer',
    intro:
      'Reported by `npm run import` as `Import failed [code]: message`; the import then stops with exit status 1 and writes no file.',
  },
  contact: {
    title: 'Contact endpoint',
    intro:
      'Reported by `POST /api/contact/` in the list of `{field, code, message}` it answers with, and by `npm run contact:export`.',
  },
  cli: {
    title: 'Command line',
    intro:
      'Reported by `npm run validate` and `npm run eval` on one line of stderr, with exit status 2: the command itself could not run.',
  },
} as const;

export type CodeArea = keyof typeof CODE_AREAS;

/** The documentation every code carries. */
export interface CodeDoc {
  /** One line: what went wrong. */
  readonly summary: string;
  /** When the code is reported and why it matters, in full sentences. */
  readonly explanation: string;
  /** What to do about it. */
  readonly fix: string;
}

export const PROBLEM_CODES = {
  // Catalogue records
  'record-yaml': {
    summary: 'A record is not valid YAML (or overuses aliases), or an MDX page has no front matter.',
    explanation:
      'The file could not be read as data at all, so none of its fields were checked. The report gives the line and column where the YAML reader stopped. A file may hold at most 100 aliases, and an alias may not repeat a node that itself contains aliases: that is how a few hundred bytes expand into billions of nodes.',
    fix: 'Fix the syntax at the line and column named (indentation, quotes and colons are the usual culprits), or write out the part an alias repeats; an MDX page must start with a `---` front matter block.',
  },
  'record-schema': {
    summary: 'A field of a record is missing, unknown or of the wrong type.',
    explanation:
      'Every record is checked against its schema (`src/model/server.ts`, `tool.ts`, `attack-pattern.ts`, `page.ts`). Unknown keys are refused rather than ignored, so that a misspelt field never silently does nothing. Links (`repository`, `homepage`) must be `http://` or `https://` URLs.',
    fix: 'Correct the field at the path named: add it, remove it, fix its spelling, or write the value as the type the message asks for.',
  },
  'record-file-name': {
    summary: "A server record's file name is not a valid server id.",
    explanation:
      "A server's id is its file name without `.yaml`, and it appears in every URL of the server and its tools, so it may only use lower-case letters, digits and hyphens.",
    fix: 'Rename the file, for example `My_Server.yaml` to `my-server.yaml`, and the folder of its tools to match.',
  },
  'record-unknown-server': {
    summary: 'A tool names a server that has no record.',
    explanation:
      "Each tool's `server` field must be the id of a file in `content/servers/`. The message suggests the closest id when there is one.",
    fix: "Correct the `server` field, or add the server's record.",
  },
  'record-server-mismatch': {
    summary: "A tool's `server` field differs from the folder it is stored in.",
    explanation: 'Tools live in `content/tools/<server-id>/`, and the folder and the field must agree.',
    fix: 'Move the file to the folder of its server, or correct the `server` field.',
  },
  'record-name-mismatch': {
    summary: "A tool's `name` field differs from its file name.",
    explanation:
      "A tool's file is named after the tool, so that its URL and its record can be found from the name the server lists: the name as it is, with a `~` before a name starting with `.` or `_` or naming a Windows device (`con`, `nul`, …), and after a name ending with `.`.",
    fix: 'Rename the file to the name the message gives, or correct the `name` field.',
  },
  'record-duplicate-tool': {
    summary: 'A server has two tool records with the same name.',
    explanation:
      'Two files (for example `x.yaml` and `x.yml`) describe the same tool of one server, so the catalogue cannot tell which is right.',
    fix: 'Delete one of the two files.',
  },
  'record-case-twin': {
    summary: 'A server has two tools whose names differ only in case.',
    explanation:
      'Their record files and page folders would be one file on case-insensitive file systems (macOS, Windows, many hosts), so one would silently replace the other. The importer refuses such a twin too, also when it arrives in a later import (`import-case-twin`, which names the old record).',
    fix: 'Keep one of the two records: delete or rename the other.',
  },
  'record-unknown-attack-pattern': {
    summary: 'A tool links an attack pattern that does not exist.',
    explanation: 'Every id in `editorial.attack_patterns` must be a file in `content/attack-patterns/`.',
    fix: 'Correct the id (the message suggests the closest), or write the attack pattern page.',
  },
  'record-risk-needs-policy': {
    summary: 'An editor set a risk apart from the category, with no policy to keep its promise.',
    explanation:
      "The recommended policy is made from a tool's category. When `editorial.risk` (or an imported risk) differs from the category's own risk, that policy no longer does what the risk level promises, and the page would show a rule that contradicts its badge.",
    fix: 'Write an `editorial.policy` that fits the risk, set `editorial.category` to a category with that risk, or remove the risk override.',
  },

  // Policies
  'policy-schema': {
    summary: 'The policy does not have the documented shape.',
    explanation:
      'The document is not a version "1" policy: an unknown key, a value of the wrong type, a missing required field, or a value an operator cannot take.',
    fix: 'Correct the key or value at the path named; the /policy-language/ page lists every key and operator.',
  },
  'policy-bad-regex': {
    summary: 'A regex value is not a pattern RE2 accepts.',
    explanation:
      "Regex values are RE2 syntax, compiled and matched with an RE2 engine in time linear in the input, whatever the pattern. RE2 has no backreferences (`\\1`) and no lookahead or lookbehind; the message quotes RE2's reason.",
    fix: 'Rewrite the pattern in RE2 syntax, without backreferences or lookaround: for example `^[a-z0-9_-]+$` for a name, or two conditions instead of a lookahead.',
  },
  'policy-duplicate-counter': {
    summary: 'A counter name is used twice in one place.',
    explanation:
      'Two limits in one tool rule, or two under `all_tools`, share a counter name, so they would count into the same number.',
    fix: 'Give each limit its own counter name.',
  },
  'policy-unknown-tool': {
    summary: 'The policy names a tool the server does not have.',
    explanation:
      'A name under `tools` or `hide` is not among the tools the server lists today, so the rule would never apply. The message suggests the closest name.',
    fix: 'Use the tool name exactly as the server lists it, or remove the rule.',
  },
  'policy-hidden-and-listed': {
    summary: 'A tool is hidden and listed under tools at the same time.',
    explanation: 'A hidden tool is never offered to the agent, so a rule for it can never run and suggests a mistake.',
    fix: 'Remove the tool from `hide` or remove its rule under `tools`.',
  },
  'policy-unknown-argument': {
    summary: 'A condition names an argument the tool does not take.',
    explanation:
      "A condition's path names an argument that the tool's input schema does not declare, so the condition could never see a value.",
    fix: "Use an argument name from the tool's input schema (the message suggests the closest).",
  },
  'policy-operator-type': {
    summary: "An operator or value does not fit the argument's type.",
    explanation:
      "The tool's input schema gives the argument a JSON type, and the condition's operator or value cannot match a value of that type (a regex on a number, a string compared with a boolean).",
    fix: 'Use an operator that fits the type, or write the value as that type; the message names the operators that fit.',
  },
  'policy-risk-mismatch': {
    summary: "The rule does not do what the tool's risk level promises.",
    explanation:
      "A tool page's rule must keep the promise of its risk level: a Critical tool is never allowed (hidden, or denied with a message that a person must approve the call), a Medium or High one is allowed under a limit that really rate-limits at its max, and a Low one is allowed.",
    fix: 'Change the rule to do what the risk level requires (the message says what), or change the risk.',
  },
  'policy-cedar-invalid': {
    summary: "A policy's Cedar does not validate against the gateway's Cedar schema.",
    explanation:
      "Every tool and server policy is also published in Cedar for Amazon Bedrock AgentCore Gateway, ToolHive and Docker's MCP gateway, and each export is checked with Cedar's own validator against that gateway's schema, as the gateway checks it when the policy is loaded. `npm run validate -- file.cedar --server <id> --gateway agentcore|toolhive|docker` runs the same check on a Cedar file you edited.",
    fix: 'For a Cedar file of yours, correct it at the line and column named (the schema beside each export on the server page lists every action and argument). For an export the build made, report it with the policy: the exporter must print valid Cedar.',
  },

  // Site configuration
  'site-config': {
    summary: '`site.config.ts` has a missing, unknown or invalid setting.',
    explanation:
      'The site configuration (name, tagline, base URL, call to action, contact endpoint) is checked against `src/model/site.ts` before anything is built, so that a mistake stops the build with the setting named instead of a broken page.',
    fix: 'Correct the setting at the path named in `site.config.ts`.',
  },

  // Importer
  'import-bad-command': {
    summary: 'The `--stdio` command line is empty or has an unclosed quote.',
    explanation: 'The importer splits the command line itself, shell-style, and could not.',
    fix: 'Give the full command in one quoted argument, for example `--stdio "npx -y @modelcontextprotocol/server-everything"`.',
  },
  'import-bad-url': {
    summary: 'A URL option is not an http or https URL.',
    explanation:
      '`--http` must be the address of a Streamable HTTP MCP endpoint, and `--repo` the address of a repository.',
    fix: 'Give the full address, with `http://` or `https://`.',
  },
  'import-bad-server-id': {
    summary: 'No valid server id was given or could be derived.',
    explanation:
      "The id names the server's record file and its URLs. It comes from `--server-id`, or from the server's `serverInfo.name`, or from the file name.",
    fix: 'Pass `--server-id` with lower-case letters, digits and hyphens.',
  },
  'import-bad-date': {
    summary: 'The import date is not a calendar date.',
    explanation: 'The date is written into the history of each tool that was added, changed or removed.',
    fix: 'Give it as `YYYY-MM-DD` with `--date` or `ATLAS_TODAY`, or leave both unset for today.',
  },
  'import-file-missing': {
    summary: 'The `--file` does not exist or cannot be read.',
    explanation: 'The importer reads a saved `tools/list` answer from this file.',
    fix: 'Check the path.',
  },
  'import-not-json': {
    summary: 'The `--file` is not valid JSON.',
    explanation: 'A saved tool list must be the JSON the server sent.',
    fix: "Save the server's `tools/list` answer as JSON.",
  },
  'import-too-large': {
    summary: 'The input is larger than any plausible tool list.',
    explanation:
      "A file, one message from the server (over the transport's 10 MiB), a tool definition, the number of tools or the number of pages is past the importer's limits, which keep a broken or hostile server from filling the catalogue.",
    fix: 'Check the server; a real tool list is far below these limits.',
  },
  'import-no-tools': {
    summary: 'The input holds no tools array.',
    explanation:
      'The input must be a `tools/list` response, its `result`, an array of tools, or an array of pages, and this one is none of these.',
    fix: "Save the server's `tools/list` answer as it was sent.",
  },
  'import-bad-cursor': {
    summary: "The server's pagination is broken.",
    explanation:
      'A `nextCursor` is not a string, a cursor was sent twice (the pages loop), or a saved page in the middle has no cursor although more pages follow.',
    fix: "Fix the server's pagination, or save the pages in the order the server sent them.",
  },
  'import-missing-page': {
    summary: 'The saved tool list stops before its last page.',
    explanation: 'The last page saved still has a `nextCursor`, so the server had more tools than the file holds.',
    fix: 'Follow `nextCursor` until it is absent and save every page, in order, in one JSON array.',
  },
  'import-bad-sample': {
    summary: "A saved sample's `captured`, `source` or `env` is not what the importer writes.",
    explanation:
      'A sample (`samples/<id>.json`, or any file with a `captured` field) is read as the live answer it was saved from: a re-import from it is dated by its `captured` day and records its `source` and the names in `env`. One that is not a calendar date, a source or a list of variable names would only show up as problems in records the import was about to write, so the sample file is named instead. Nothing was written.',
    fix: 'Correct the field named in the sample file (`captured` as YYYY-MM-DD, `source` as the importer saves it, `env` as a list of names such as `["API_KEY"]`), or capture the answer again.',
  },
  'import-bad-server-info': {
    summary: "The server's `serverInfo` has a name or version the catalogue cannot record as sent.",
    explanation:
      "The server record's `server_info` keeps the `name` and `version` a server gives in its initialize answer (or a saved sample holds), and a new server's id comes from the name. A `serverInfo` that is not an object, a name that is missing, empty, not text or longer than 200 characters, or a version that is not text or longer than 100 characters refuses the import, naming the server or the file: shortening or converting it would record something the server did not send. An optional `title` or `websiteUrl` that is not text is only ignored, with a warning, because it just fills in a new record's name or homepage.",
    fix: 'For a saved sample, correct the field in the file, or capture the answer again; for a live server, check the server.',
  },
  'import-case-twin': {
    summary: 'A tool the server now lists differs only in case from a tool already in the catalogue.',
    explanation:
      "A tool renamed in case only (`Fetch_Data` to `fetch_data`) would get a record file that is the old record's on case-insensitive file systems (macOS, Windows, many hosts), so the import stops, naming the old record: whether it is the same tool, whose history should carry on, is the operator's call. Nothing was written.",
    fix: "To keep the old record's history and editorial block, set its `name:` to the new name and rename its file to match; to start afresh, delete the old record (its history is lost). Then import again.",
  },
  'import-tool-not-object': {
    summary: 'An entry of the tools array is not an object.',
    explanation: 'Each entry must be a tool object with a `name` and an `inputSchema`.',
    fix: 'Fix the server or the file.',
  },
  'import-tool-no-name': {
    summary: 'A tool has no name, or a name that is not a string.',
    explanation: "The name is the tool's identity in the catalogue: its file name and its URL.",
    fix: 'Fix the server or the file so every tool has a string name.',
  },
  'import-duplicate-name': {
    summary: 'Two tools share a name, or names that differ only in case.',
    explanation: 'Tool names must be unique on a server, and their record files would collide on many file systems.',
    fix: 'Rename one of the tools on the server.',
  },
  'import-too-deep': {
    summary: 'A tool definition, or a whole message, is nested too deeply.',
    explanation:
      'A definition may nest objects and arrays at most 64 levels deep (the tool object is the first level). No real input schema comes near that, and checking or writing deeper data could exhaust the stack.',
    fix: 'Check the server; its tool list is not a plausible one.',
  },
  'import-definition': {
    summary: "A tool's definition does not fit the catalogue's tool definition.",
    explanation:
      "The definition is checked with the schema of the tool records' `definition` field before anything is written.",
    fix: 'Fix the value at the path named in the message, on the server or in the file.',
  },
  'import-server-start': {
    summary: 'The `--stdio` server could not be started, or the `--http` server could not be reached.',
    explanation:
      'The command was not found, or nothing answered at the address: the connection was refused, the host name was not found, the host or network was unreachable, or its TLS certificate was refused. The message names the reason.',
    fix: 'Check the command and that it is installed, or the address and that the server is running there.',
  },
  'import-server-crash': {
    summary: 'The server exited or closed the connection before it finished answering.',
    explanation: 'The message quotes the end of what the server wrote to stderr, which usually says why.',
    fix: "Run the server's command by hand to see why it stops.",
  },
  'import-server-error': {
    summary: 'The server answered with an error instead of a tool list.',
    explanation: 'The server (or the saved answer) holds a JSON-RPC error, or the request failed.',
    fix: 'Read the error the message quotes; check the server works with another MCP client.',
  },
  'import-malformed': {
    summary: 'The server sent something that is not MCP JSON-RPC.',
    explanation:
      'Either a line that is not JSON (on stdio, only JSON-RPC messages may go to stdout; a server that logs there breaks the protocol), or a JSON message that is not valid JSON-RPC 2.0, such as a `result` that is a string; the message says where.',
    fix: 'Make the server write its logs to stderr and answer `tools/list` with `{"jsonrpc": "2.0", "id": …, "result": {"tools": […]}}`.',
  },
  'import-timeout': {
    summary: 'The server did not answer in time.',
    explanation:
      'The import gives up after `--timeout` seconds (30 by default) and ends the server; a connection to an `--http` server that times out is reported the same way.',
    fix: 'If the server is just slow to start, raise the limit with `--timeout <seconds>`.',
  },
  'import-existing-invalid': {
    summary: "The server's existing records have problems the import will not overwrite.",
    explanation:
      "The importer keeps editors' blocks exactly as written, so it refuses to rewrite records it cannot read in full, and a `.yml` server record it would not update.",
    fix: 'Fix the problems listed (or rename the `.yml` record to `.yaml`) and import again.',
  },
  'import-invalid-result': {
    summary: "The imported catalogue would not pass the build's checks.",
    explanation:
      "The new records are validated with the build's own schemas and checks before anything is written; nothing was written.",
    fix: 'Fix the problems listed, usually in an editorial block, and import again.',
  },
  'import-no-valid-tools': {
    summary: 'The server lists tools, but the catalogue can host none of them.',
    explanation:
      'A tool the catalogue cannot host (a name that is not a valid MCP tool name, a schema that is not an object, a definition too large) is skipped and the rest imported; when every tool is skipped there is nothing to import.',
    fix: 'Read the reason given for the first tool and fix the server or the file.',
  },
  'import-empty-answer': {
    summary: 'The answer lists no tools, and the import would mark every tool of the server removed.',
    explanation:
      'A server that loses its key or its configuration can answer with an empty tool list, and importing that would empty its entry in the catalogue. A new server with no tools, or one whose tools are all marked removed already, is imported as usual. Nothing was written; with `--all`, that server is refused and the others are imported.',
    fix: 'Check that the server is configured as it should be; if it really has no tools now, import again with `--allow-empty`.',
  },
  'import-older-answer': {
    summary: "The answer is older than the server's last import, and it differs from it.",
    explanation:
      "A saved sample captured before the server's last import (say, an offline refresh after a live import) would undo the newer answer's changes and date them before changes already published on /changes/. Nothing was written; with `--all`, that server is refused and the others are imported.",
    fix: 'Import the server live again (without `--offline`), or replace its saved answer with the newer one (`--save-sample`).',
  },
  'import-secret-in-answer': {
    summary: "The server's tool list repeats the value of a variable passed with `--env`.",
    explanation:
      'Records are published with the site, so a tool list that quotes a secret would publish it. Nothing was written.',
    fix: 'Import with a placeholder value for that variable; a server lists its tools without a working key.',
  },
  'import-manifest': {
    summary: '`content/manifest.yaml` is missing or has a problem.',
    explanation:
      '`--all` re-imports the servers the manifest lists: each with an id, exactly one of `npm` (a pinned `package@version`), `stdio`, `http` or `file`, and the `sample` where its answer is saved.',
    fix: 'Fix the entry named in the message, or pass `--only` ids that the manifest lists.',
  },
  'import-internal': {
    summary: 'The import of one server failed with an unexpected error.',
    explanation: '`--all` keeps going when one server fails, and reports the error it met for that server.',
    fix: 'Run that server alone (`--only <id>`) to see the full error, and report it if it persists.',
  },

  // Contact endpoint
  'contact-required': {
    summary: 'A required field of the contact form is empty.',
    explanation:
      'A message needs a name, an email address and the message itself. A field that is empty once spaces and invisible characters (zero-width spaces and the like) are removed counts as empty.',
    fix: 'Fill in the field named.',
  },
  'contact-too-long': {
    summary: 'A field of the contact form is longer than allowed.',
    explanation: 'Each field has a maximum length, given in the message.',
    fix: 'Shorten the field, or split the message in two.',
  },
  'contact-invalid-email': {
    summary: 'The email address is not an email address.',
    explanation: 'The reply goes to this address, so it must have the form name@example.org.',
    fix: 'Correct the address.',
  },
  'contact-invalid-page': {
    summary: 'The page the form was sent from is not a path on this site.',
    explanation: 'The hidden `page` field records where the form was; it must be a path such as `/contact/`.',
    fix: 'Send the form from a page of this site.',
  },
  'contact-invalid': {
    summary: 'A field of the contact form is invalid.',
    explanation: "Any other mistake in a field, described in the message in the project's usual words.",
    fix: 'Correct the field as the message says.',
  },
  'contact-invalid-body': {
    summary: 'The request body is not a set of fields.',
    explanation: 'A JSON body must be an object of fields: `name`, `email`, `message` and, optionally, `page`.',
    fix: 'Send an object of those fields.',
  },
  'contact-unknown-field': {
    summary: 'The request has a field that is not part of a contact message.',
    explanation: 'Unknown fields are refused rather than dropped, so that a client learns its mistake.',
    fix: 'Send only `name`, `email`, `message` and `page`.',
  },
  'contact-honeypot': {
    summary: 'The message was refused as sent by a program.',
    explanation:
      'The form carries a check that a person filling it in passes without noticing; this request failed it, and nothing was stored. The answer does not say which check, so as to teach a program nothing.',
    fix: 'Send the message again from the contact form on the site.',
  },
  'contact-malformed-body': {
    summary: 'The request body could not be read.',
    explanation:
      'The body does not parse as the type its `Content-Type` announces, a JSON body nests deeper than a field sent twice, or its text is not well-formed: bytes that are not UTF-8 (raw, or percent-escaped in a form) or a JSON escape of half a surrogate pair such as `\\ud800`, which would otherwise be stored as U+FFFD (HTTP 400).',
    fix: 'Send a well-formed body of the type announced, with its text encoded as UTF-8.',
  },
  'contact-not-text': {
    summary: 'A field was sent as a file.',
    explanation: 'Only text a person typed is stored; a multipart file part is refused, not described (HTTP 422).',
    fix: 'Type the text into the field and send it again.',
  },
  'contact-unsupported-type': {
    summary: 'The request body has a type the endpoint does not read.',
    explanation:
      'The endpoint reads `application/x-www-form-urlencoded`, `multipart/form-data` and `application/json` (HTTP 415).',
    fix: 'Send the body as one of those types.',
  },
  'contact-too-large': {
    summary: 'The request body is larger than the endpoint accepts.',
    explanation:
      'Bodies past `CONTACT_MAX_BODY` bytes (64 KiB by default) are refused before they are parsed (HTTP 413).',
    fix: 'Shorten the message.',
  },
  'contact-forbidden-origin': {
    summary: 'The form was posted from another site.',
    explanation:
      'The endpoint accepts posts from its own host, the `url` in `site.config.ts` and `CONTACT_ALLOWED_ORIGINS` (HTTP 403).',
    fix: 'Post from a page of this site, or add the origin to `CONTACT_ALLOWED_ORIGINS`.',
  },
  'contact-rate-limited': {
    summary: 'Too many messages came from one address.',
    explanation:
      'At most `CONTACT_RATE_LIMIT` messages per `CONTACT_RATE_WINDOW` seconds are accepted per client (HTTP 429, with `Retry-After`). Refused posts do not use that up, but past ten times as many refused posts in a window the address is refused too.',
    fix: 'Wait the number of seconds given and send again.',
  },
  'contact-method-not-allowed': {
    summary: 'The endpoint was called with a method other than POST.',
    explanation: 'Only `POST` (and the CORS `OPTIONS`) are answered (HTTP 405).',
    fix: 'Send the form with POST.',
  },
  'contact-store-failed': {
    summary: 'The server could not save the message.',
    explanation: 'The database write failed, so the message was not stored and not reported as sent (HTTP 500).',
    fix: 'Try again later; the operator should check the server log and the database file.',
  },
  'contact-misconfigured': {
    summary: "The contact endpoint's settings are invalid.",
    explanation:
      'An environment variable such as `CONTACT_RATE_LIMIT` or `CONTACT_ALLOWED_ORIGINS` has a value the endpoint cannot use, so it refuses every message (HTTP 500) and logs the variable and the fix.',
    fix: 'Correct the variable named in the server log, or unset it for the default.',
  },
  'contact-store-missing': {
    summary: 'No contact database exists where `contact:export` looked.',
    explanation:
      'The database is created when the first message arrives; the export opens it read-only and never creates it.',
    fix: 'Point `CONTACT_DB` or `--db` at the file the server writes to.',
  },

  // Command line
  'cli-usage': {
    summary: 'An option or argument of the command is wrong.',
    explanation:
      'An unknown option, a missing value, a wrong number of files, or an option value that is not what it should be.',
    fix: 'Follow the usage line printed with the message.',
  },
  'cli-file': {
    summary: 'The policy file cannot be read.',
    explanation: 'It does not exist, is a folder, or cannot be opened.',
    fix: 'Check the path.',
  },
  'cli-json': {
    summary: 'The policy file or a JSON option is not valid JSON.',
    explanation:
      'The message gives the line and column where the JSON stops parsing; a leading byte-order mark is ignored.',
    fix: 'Fix the syntax there (commas, quotes and brackets).',
  },
  'cli-unknown-server': {
    summary: 'The `--server` id is not a server of the catalogue.',
    explanation: 'A policy is checked against the tools of a server in `content/servers/` (or `$ATLAS_CONTENT`).',
    fix: 'Use the id of a file in `content/servers/`, without `.yaml` (the message suggests the closest).',
  },
  'cli-unknown-tool': {
    summary: 'A tool named on the command line is not in the catalogue.',
    explanation:
      '`npm run review -- --set <server>/<tool>=<Category>` names a tool by its server id and its name as the server lists it (the `name` field of its record).',
    fix: 'Use the server id and tool name that `npm run review` prints (the message suggests the closest).',
  },
  'cli-corpus': {
    summary: 'A file of the labelled corpus (`src/classify/corpus/`) has a missing, unknown or invalid field.',
    explanation:
      "Each corpus file gives a server's split, where its definitions come from, how many labellers labelled it, and a label per tool: a category, or `label` and `note` (with `labels`, the two blind labels, where two labellers differed). `npm run classify:score` refuses to score a corpus with a bad file, since a wrong label would move every figure on the methodology page.",
    fix: 'Correct the field at the path named, as `src/classify/corpus/README.md` describes: a category is one of Read, Write, Execute, Destructive, Financial; `labellers` is 1 or 2.',
  },
} as const satisfies Record<string, CodeDoc>;

/** Every problem code the project reports. */
export type ProblemCode = keyof typeof PROBLEM_CODES;
export type RecordCode = Extract<ProblemCode, `record-${string}`>;
export type PolicyCode = Extract<ProblemCode, `policy-${string}`>;
export type ImportCode = Extract<ProblemCode, `import-${string}`>;
export type ContactCode = Extract<ProblemCode, `contact-${string}`>;
export type CliCode = Extract<ProblemCode, `cli-${string}`>;

export const ALL_CODES = Object.keys(PROBLEM_CODES) as ProblemCode[];

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CODES, code);
}

/** The area a code belongs to, from its prefix. */
export function codeArea(code: ProblemCode): CodeArea {
  return code.slice(0, code.indexOf('-')) as CodeArea;
}

/** The policy engine's codes with their one-line summaries, as the policy module exports them. */
export const POLICY_CODES = Object.fromEntries(
  ALL_CODES.filter((c) => codeArea(c) === 'policy').map((c) => [c, PROBLEM_CODES[c].summary]),
) as Record<PolicyCode, string>;
