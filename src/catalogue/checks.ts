import type { Catalogue } from './load.ts';
import type { Problem } from '#src/model/problems.ts';
import { validatePolicy, cedarErrors, cedarPolicyErrors, CEDAR_FLAVOURS, type CedarExport } from '#src/policy/index.ts';
import { closest, distance } from '#src/policy/suggest.ts';

/** A suggestion only when it is plausibly a typo of what was written. */
function closestName(wanted: string, candidates: readonly string[]): string | undefined {
  const near = closest(wanted, candidates);
  return near !== undefined &&
    distance(wanted.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(wanted.length / 3))
    ? near
    : undefined;
}
import { buildIndex, type ServerEntry } from './index.ts';
import { CATEGORY_RISK, withArticle } from '#src/model/taxonomy.ts';
import { toolFileStem } from '#src/model/tool.ts';
import { toolPolicy, serverPolicyFor, rateAnswerSnippet, blockSnippet, toolInfo } from './policies.ts';

/** One named cross-record check; each feeds the single report that fails a build. */
export interface CatalogueCheck {
  name: string;
  /** True when the check looks at each server with its own tools only, so it can run server by server. */
  perServer?: boolean;
  run(catalogue: Catalogue): Problem[];
}

/**
 * The ids of a list of servers, worked out once per list: the build checks a catalogue server by
 * server, each time with the same list of every server, so this keeps that linear.
 */
const serverIds = new WeakMap<Catalogue['servers'], { ids: string[]; known: Set<string> }>();
function idsOf(servers: Catalogue['servers']): { ids: string[]; known: Set<string> } {
  let found = serverIds.get(servers);
  if (!found) {
    const ids = servers.map((s) => s.id);
    found = { ids, known: new Set(ids) };
    serverIds.set(servers, found);
  }
  return found;
}

/**
 * Where a server's record belongs, written like the path of the tool file that names it: a tool is
 * `<content>/tools/<folder>/<file>`, its server `<content>/servers/<id>.yaml`.
 */
function serverFileBeside(toolFile: string, id: string): string {
  const parts = toolFile.split(/[\\/]/);
  const content = parts.length >= 3 ? parts.slice(0, -3).join('/') : '';
  return `${content ? `${content}/` : ''}servers/${id}.yaml`;
}

const unknownServer: CatalogueCheck = {
  name: 'every tool belongs to a server record',
  run(catalogue) {
    const { ids, known } = idsOf(catalogue.servers);
    const out: Problem[] = [];
    for (const t of catalogue.tools) {
      // A server whose record exists but has problems of its own is reported once, for that record.
      if (!known.has(t.data.server) && !catalogue.unreadServers?.has(t.data.server)) {
        const near = closestName(t.data.server, ids);
        out.push({
          code: 'record-unknown-server',
          file: t.file,
          path: 'server',
          value: t.data.server,
          message: `The server "${t.data.server}" has no record in servers/.${near ? ` Did you mean "${near}"?` : ''} Create ${serverFileBeside(t.file, t.data.server)}, or correct the server id.`,
        });
      }
      if (t.folder !== t.data.server) {
        out.push({
          code: 'record-server-mismatch',
          file: t.file,
          path: 'server',
          value: t.data.server,
          message: `The record says its server is "${t.data.server}", but it sits in the folder tools/${t.folder}/. Move the file to tools/${t.data.server}/ or correct the field.`,
        });
      }
      if (t.fileName !== toolFileStem(t.data.name)) {
        out.push({
          code: 'record-name-mismatch',
          file: t.file,
          path: 'name',
          value: t.data.name,
          message: `The tool is named "${t.data.name}" but its file is "${t.fileName}". Rename the file to ${toolFileStem(t.data.name)}.yaml, so that its page URL and its name agree.`,
        });
      }
    }
    return out;
  },
};

const duplicateTool: CatalogueCheck = {
  name: 'no server lists the same tool twice',
  run(catalogue) {
    const seen = new Map<string, string>();
    const out: Problem[] = [];
    for (const t of catalogue.tools) {
      const key = `${t.data.server}\u0000${t.data.name}`;
      const first = seen.get(key);
      if (first) {
        out.push({
          code: 'record-duplicate-tool',
          file: t.file,
          path: 'name',
          value: t.data.name,
          message: `The server "${t.data.server}" already has a tool named "${t.data.name}" in ${first}. Keep one record and delete or rename the other.`,
        });
      } else seen.set(key, t.file);
    }
    return out;
  },
};

const caseTwin: CatalogueCheck = {
  name: 'no two tools of a server differ only in case',
  run(catalogue) {
    // Their record files and page folders would be one file on a case-insensitive file system
    // (macOS, Windows, many hosts), so the second would silently replace the first.
    const seen = new Map<string, { name: string; file: string }>();
    const out: Problem[] = [];
    for (const t of catalogue.tools) {
      const key = `${t.data.server}\u0000${t.data.name.toLowerCase()}`;
      const first = seen.get(key);
      if (!first) seen.set(key, { name: t.data.name, file: t.file });
      else if (first.name !== t.data.name) {
        out.push({
          code: 'record-case-twin',
          file: t.file,
          path: 'name',
          value: t.data.name,
          message: `The server "${t.data.server}" has the tools "${first.name}" (${first.file}) and "${t.data.name}", whose names differ only in case. Their files and pages would be one on case-insensitive file systems, so the catalogue keeps only one: delete or rename this record.`,
        });
      }
    }
    return out;
  },
};

const unknownPattern: CatalogueCheck = {
  name: 'attack pattern references exist',
  run(catalogue) {
    const ids = catalogue.patterns.map((p) => p.id);
    const known = new Set(ids);
    const out: Problem[] = [];
    for (const t of catalogue.tools) {
      (t.data.editorial?.attack_patterns ?? []).forEach((id, i) => {
        if (known.has(id)) return;
        const near = closestName(id, ids);
        out.push({
          code: 'record-unknown-attack-pattern',
          file: t.file,
          path: `editorial.attack_patterns[${i}]`,
          value: id,
          message: `There is no attack pattern "${id}" in attack-patterns/.${near ? ` Did you mean "${near}"?` : ''} Use the file name of a pattern, without .mdx.`,
        });
      });
    }
    return out;
  },
};

/**
 * Cedar's own validator on one export: each error is a problem of the policy's file, so a Cedar
 * export that a gateway would refuse fails the build like any other policy error.
 */
export function cedarProblems(
  exp: Pick<CedarExport, 'flavour' | 'text' | 'schema'> & Partial<Pick<CedarExport, 'schemaJson'>>,
  file: string,
  where: string,
  fix = BUILD_FIX,
): Problem[] {
  return cedarErrorProblems(cedarErrors(exp), exp.flavour, file, where, fix);
}

const BUILD_FIX = 'Report this with the policy: the exporter must print valid Cedar.';

function cedarErrorProblems(
  errors: string[],
  flavour: string,
  file: string,
  where: string,
  fix = BUILD_FIX,
): Problem[] {
  const label = CEDAR_FLAVOURS.find((f) => f.id === flavour)?.label ?? flavour;
  return errors.map((error) => ({
    code: 'policy-cedar-invalid',
    file,
    path: where ? `${where} (Cedar for ${label})` : `(Cedar for ${label})`,
    message: `The Cedar does not validate against ${label}'s schema: ${error} ${fix}`,
  }));
}

/** Prefixes a policy problem with where that policy comes from. */
function located(problems: Problem[], file: string, prefix: string): Problem[] {
  return problems.map((p) => ({ ...p, file, path: prefix ? (p.path ? `${prefix}.${p.path}` : prefix) : p.path }));
}

/**
 * Every policy the site will print: each tool page's policy (the editor's override or the
 * recommended rule), each FAQ snippet, and each server's combined policy. All go through the
 * policy engine, with the server's tool list and, for recommendations, the tools' risk promises.
 */
const embeddedPolicies: CatalogueCheck = {
  name: 'every embedded policy passes the policy checks',
  perServer: true,
  run(catalogue) {
    const index = buildIndex(catalogue.servers, catalogue.tools, catalogue.patterns);
    const fileOfTool = new Map(catalogue.tools.map((t) => [t.id, t.file]));
    const fileOfServer = new Map(catalogue.servers.map((s) => [s.id, s.file]));
    const out: Problem[] = [];
    for (const server of index.servers) {
      const live = server.tools.filter((t) => !t.removed);
      const tools = live.map(toolInfo);
      const before = out.length;
      for (const tool of server.tools) {
        const file = fileOfTool.get(tool.id) ?? tool.id;
        const { policy, overridden } = toolPolicy(tool);
        const promise = { name: tool.name, risk: tool.risk, inputSchema: tool.record.definition.inputSchema };
        // A removed tool's page keeps its policy, checked against the tool itself.
        const scope = tool.removed ? [...tools, toolInfo(tool)] : tools;
        const categoryRisk = CATEGORY_RISK[tool.category];
        if (!overridden && tool.risk !== categoryRisk) {
          // The recommended rule follows the category, so it cannot keep another level's promise.
          out.push({
            code: 'record-risk-needs-policy',
            file,
            path: tool.record.editorial?.risk ? 'editorial.risk' : 'classification.risk',
            value: tool.risk,
            message: `The risk is set to ${tool.risk}, but the recommended rule for ${withArticle(tool.category)} tool is made for ${categoryRisk} risk. Add an "editorial.policy" that does what ${tool.risk} risk promises, or set "editorial.category" to a category whose risk is ${tool.risk}.`,
          });
        } else {
          const where = overridden ? 'editorial.policy' : '(recommended policy)';
          const problems = validatePolicy(policy, { tools: scope, promises: [promise] }).problems;
          out.push(...located(problems, file, where));
          if (!problems.length)
            for (const f of CEDAR_FLAVOURS) {
              const errors = cedarPolicyErrors(policy, f.id, { server: server.id, tools: scope });
              out.push(...cedarErrorProblems(errors, f.id, file, where));
            }
        }
        // Each FAQ snippet keeps the promise it is offered for: the rate-limit answer the tool's own
        // risk level (approval for a Critical tool), the block answer that no call gets through.
        out.push(
          ...located(
            validatePolicy(rateAnswerSnippet(tool.name, tool.category, tool.risk), {
              tools: scope,
              promises: [promise],
            }).problems,
            file,
            '(FAQ rate-limit example)',
          ),
        );
        out.push(
          ...located(
            validatePolicy(blockSnippet(tool.name), { tools: scope, promises: [{ ...promise, risk: 'Critical' }] })
              .problems,
            file,
            '(FAQ block example)',
          ),
        );
      }
      // The server policy is made of the tool policies: report it only when they are sound, so one
      // mistake is not reported twice.
      if (out.length === before) out.push(...serverPolicyProblems(server, fileOfServer.get(server.id) ?? server.id));
    }
    return out;
  },
};

function serverPolicyProblems(server: ServerEntry, file: string): Problem[] {
  const live = server.tools.filter((t) => !t.removed);
  const promises = live.map((t) => ({ name: t.name, risk: t.risk, inputSchema: t.record.definition.inputSchema }));
  const problems = located(
    validatePolicy(serverPolicyFor(live), { tools: live.map(toolInfo), promises }).problems,
    file,
    '(server policy)',
  );
  if (problems.length) return problems;
  // Validated against the schema of what the policy mentions: a policy valid there is valid against
  // the full schema of the download, which only adds declarations.
  const policy = serverPolicyFor(live);
  const tools = live.map(toolInfo);
  return CEDAR_FLAVOURS.flatMap((f) =>
    cedarErrorProblems(cedarPolicyErrors(policy, f.id, { server: server.id, tools }), f.id, file, '(server policy)'),
  );
}

export const crossRecordChecks: CatalogueCheck[] = [
  unknownServer,
  duplicateTool,
  caseTwin,
  unknownPattern,
  embeddedPolicies,
];
