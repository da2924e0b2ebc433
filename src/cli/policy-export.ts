import { PalisadeError } from '../core/index.ts';
import { rules } from '../catalog.ts';
import { exportValidatingAdmissionPolicies, vapExportToYaml } from '../policy/export/index.ts';
import { oneOf, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';
import { emit } from './output.ts';

export const POLICY_EXPORT_HELP = `Usage: palisade policy export --format vap [--output FILE]

Writes the built-in Kubernetes rules that have a CEL twin as native admission policies:
one ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1) and one
ValidatingAdmissionPolicyBinding per rule. Bindings deny (validationActions [Deny]) for
critical and high rules and warn ([Warn]) for the others. Rules with options are exported
with their default options. See docs/policy-export.md for the rules that cannot be exported.

Options:
  -f, --format FORMAT   vap (the only format)
  -o, --output FILE     write to FILE (atomically) instead of stdout
  -h, --help            show this help
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `palisade policy export …` (the arguments after `policy`; a leading `export` is accepted too). */
export async function policyExportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  const positionals = parsed.positionals[0] === 'export' ? parsed.positionals.slice(1) : parsed.positionals;
  if (parsed.values['help'] === true) {
    io.stdout.write(POLICY_EXPORT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new PalisadeError('USAGE', `Unexpected argument "${positionals.join(' ')}"; see \`palisade policy export --help\``);
  const format = stringOption(parsed, 'format');
  if (format === undefined) throw new PalisadeError('USAGE', '--format is required (vap)');
  oneOf('format', format, ['vap'] as const);
  const kubernetesRules = rules.filter((rule) => rule.meta.target === 'kubernetes-object');
  const result = exportValidatingAdmissionPolicies(kubernetesRules);
  const output = stringOption(parsed, 'output');
  await emit(vapExportToYaml(result), output, io);
  io.stderr.write(
    `Exported ${result.exported.length} ValidatingAdmissionPolicies with their bindings${output === undefined ? '' : ` to ${output}`}; ` +
      `${result.skipped.length} Kubernetes rules have no CEL form (docs/policy-export.md).\n`,
  );
  return 0;
}
