import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ScanError } from '../core/index.ts';
import { PalisadeError, createSourceDocument } from '../core/index.ts';
import { walk } from '../core/walk.ts';
import { loadManifests } from '../kubernetes/load.ts';
import type { Capability, RbacInput, WhoCanResult } from '../rbac/index.ts';
import { CAPABILITIES, analyseWhoCan, findCapability, subjectKey } from '../rbac/index.ts';
import { oneOf, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';
import { emit } from './output.ts';

export const RBAC_HELP = `Usage: palisade rbac who-can [<target>...] [options]

Reads the Roles, ClusterRoles and their bindings in Kubernetes manifests (files or directories; default
".") and shows which subjects (users, groups, service accounts) hold sensitive capabilities, in which
namespace, through which binding and role. ClusterRole aggregation and the built-in cluster-admin are
resolved; a RoleBinding grants namespaced resources in its own namespace only.

Options:
  --capability <ids>            Only these capabilities (comma-separated; default: all)
  -f, --format <format>         table or json (default: table)
  -o, --output <file>           Write to a file instead of stdout
  -h, --help                    Show this help

Capabilities:
${CAPABILITIES.map((capability) => `  ${capability.id.padEnd(30)}${capability.title}`).join('\n')}

Exit code 0 when no subject holds a selected capability, 1 when one does, 2 on usage errors.
`;

const OPTIONS = {
  capability: { type: 'string' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export async function rbacCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  const [action, ...targets] = parsed.positionals;
  if (parsed.values['help'] === true || action === undefined) {
    io.stdout.write(RBAC_HELP);
    return action === undefined && parsed.values['help'] !== true ? 2 : 0;
  }
  if (action !== 'who-can') throw new PalisadeError('USAGE', `Unknown rbac command "${action}"; expected "who-can"`);
  const format = oneOf('format', stringOption(parsed, 'format') ?? 'table', ['table', 'json'] as const);
  const capabilities = selectedCapabilities(stringOption(parsed, 'capability'));
  const { inputs, errors } = await readRbacObjects(targets.length === 0 ? ['.'] : targets);
  for (const error of errors) io.stderr.write(`palisade: ${error.path}${error.startLine === undefined ? '' : `:${error.startLine}`}: ${error.message}\n`);
  const result = analyseWhoCan(inputs, capabilities);
  await emit(format === 'json' ? `${JSON.stringify({ capabilities: capabilities.map(({ id, title }) => ({ id, title })), ...result }, null, 2)}\n` : renderWhoCanTable(result, capabilities), stringOption(parsed, 'output'), io);
  return result.subjects.length > 0 ? 1 : 0;
}

export function selectedCapabilities(option: string | undefined): readonly Capability[] {
  if (option === undefined) return CAPABILITIES;
  return option.split(',').map((id) => {
    const capability = findCapability(id.trim());
    if (capability === undefined) throw new PalisadeError('USAGE', `Unknown capability "${id.trim()}"; expected one of ${CAPABILITIES.map((entry) => entry.id).join(', ')}`);
    return capability;
  });
}

/** Every object of every manifest under the targets; files that do not parse become errors, the rest is read. */
async function readRbacObjects(targets: readonly string[]): Promise<{ inputs: RbacInput[]; errors: ScanError[] }> {
  const inputs: RbacInput[] = [];
  const errors: ScanError[] = [];
  for (const target of targets) {
    if (!existsSync(target)) throw new PalisadeError('TARGET_NOT_FOUND', `Target "${target}" does not exist or cannot be read`);
    for (const entry of walk(target)) {
      if (entry.kind === 'error') {
        errors.push(entry.error);
        continue;
      }
      if (!MANIFEST_EXTENSIONS.has(extname(entry.file.path).toLowerCase())) continue;
      const source = createSourceDocument(entry.file.path, await readFile(entry.file.absolutePath, 'utf8'));
      const loaded = loadManifests(source);
      errors.push(...loaded.errors);
      for (const { object, positions } of loaded.objects) {
        const line = positions.get('')?.value.start.line;
        inputs.push({ object, origin: line === undefined ? entry.file.path : `${entry.file.path}:${line}` });
      }
    }
  }
  return { inputs, errors };
}

export function renderWhoCanTable(result: WhoCanResult, capabilities: readonly Capability[]): string {
  const lines: string[] = [];
  if (result.subjects.length === 0) lines.push(`No subject holds ${capabilities.length === CAPABILITIES.length ? 'any sensitive capability' : capabilities.map((entry) => entry.id).join(', ')}.`);
  for (const { subject, grants } of result.subjects) {
    lines.push(subjectKey(subject));
    for (const grant of grants) {
      const scope = grant.scope === '*' ? 'cluster-wide' : `in namespace ${grant.scope}`;
      const names = grant.resourceNames === undefined ? '' : ` (only ${grant.resourceNames.join(', ')})`;
      const where = grant.binding.origin === undefined ? '' : ` at ${grant.binding.origin}`;
      lines.push(`  ${grant.capability.padEnd(16)} ${scope}${names}, via ${grant.binding.kind} ${grant.binding.name}${where} → ${grant.role.kind} ${grant.role.name}`);
    }
  }
  for (const { binding, roleRef } of result.unresolved) lines.push(`note: ${binding.kind} ${binding.name} refers to ${roleRef}, which is not among the manifests; its grants are not shown.`);
  return `${lines.join('\n')}\n`;
}
