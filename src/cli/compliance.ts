import { PalisadeError } from '../core/index.ts';
import { ruleMetas } from '../catalog.ts';
import type { Framework } from '../compliance/index.ts';
import { checksOf, coverageOf, frameworks } from '../compliance/index.ts';
import type { ComplianceReport } from '../compliance/report/index.ts';
import { findFramework, renderComplianceHtml, renderComplianceJson, renderComplianceMarkdown, renderComplianceSarif, runComplianceScan } from '../compliance/report/index.ts';
import type { ParsedArgs } from './args.ts';
import { oneOf, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';
import { emit } from './output.ts';
import { COMMON_SCAN_OPTIONS, toScanOptions } from './scan-options.ts';

export const COMPLIANCE_HELP = `Usage: palisade compliance <command> [options]

Commands:
  list                          Frameworks and how many of their controls are automated, partial or manual
  report <target...>            Scan the targets and evaluate every control of one framework

Options for report:
  --framework <id>              cis-docker-1.6, cis-k8s-1.9, hipaa, nist-800-190, nsa-cisa-k8s-1.2, pci-dss-4.0 (required)
  -f, --format <format>         html, markdown, json or sarif (default: markdown)
  -o, --output <file>           Write the report to a file instead of stdout
  --full-report-url <url>       Where a truncated Markdown report links to (default: FULL_REPORT_URL)
  --sign-key <file>             Sign the report into <output>.sigstore.json (needs -o); check it with
                                palisade verify-blob <output> --key <pub> --bundle <output>.sigstore.json
  --scanners, --config, --exceptions, --baseline, --rules, --skip-rules, --db, --vex, --policy,
  --platform, --ca-file, --insecure-registry, --no-cache
                                As for \`palisade scan\`; applied to every target

Options for list:
  -f, --format <format>         table or json (default: table)

Each control is fail (a finding not waived), waived (only waived findings), pass (its checks ran and
found nothing), manual (assessed by hand) or not applicable (none of its checks ran on these targets).
Several targets (a repository, images, an SBOM) combine into one report. Exit code 0 when the report
was written, 2 on usage errors; use \`palisade scan\` as the gate.
`;

const OPTIONS = {
  ...COMMON_SCAN_OPTIONS,
  baseline: { type: 'string' },
  framework: { type: 'string' },
  format: { type: 'string', short: 'f' },
  'full-report-url': { type: 'string' },
  'sign-key': { type: 'string' },
} as const;

const REPORT_FORMATS = ['html', 'markdown', 'json', 'sarif'] as const;

export async function complianceCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  const [action, ...targets] = parsed.positionals;
  if (parsed.values['help'] === true || action === undefined) {
    io.stdout.write(COMPLIANCE_HELP);
    return action === undefined && parsed.values['help'] !== true ? 2 : 0;
  }
  if (action === 'list' && targets.length === 0) {
    const format = oneOf('format', stringOption(parsed, 'format') ?? 'table', ['table', 'json'] as const);
    await emit(format === 'json' ? listJson() : listTable(), stringOption(parsed, 'output'), io);
    return 0;
  }
  if (action === 'report') return report(parsed, targets, io);
  throw new PalisadeError('USAGE', `Unknown compliance command "${action}"; expected "list" or "report <target...>"`);
}

async function report(parsed: ParsedArgs, targets: readonly string[], io: CliIo): Promise<number> {
  const frameworkId = stringOption(parsed, 'framework');
  if (frameworkId === undefined) throw new PalisadeError('USAGE', `compliance report needs --framework (one of ${frameworks.map((framework) => framework.id).join(', ')})`);
  findFramework(frameworkId);
  if (targets.length === 0) throw new PalisadeError('USAGE', 'compliance report needs at least one target');
  const format = oneOf('format', stringOption(parsed, 'format') ?? 'markdown', REPORT_FORMATS);
  const { target: _target, ...scanOptions } = toScanOptions({ values: parsed.values, positionals: ['.'] });
  const { report: result, notices } = await runComplianceScan({ ...scanOptions, env: io.env, targets, framework: frameworkId });
  if (parsed.values['quiet'] !== true) for (const notice of notices) io.stderr.write(`${notice}\n`);
  const output = stringOption(parsed, 'output');
  const signKey = stringOption(parsed, 'sign-key');
  if (signKey !== undefined && output === undefined) throw new PalisadeError('USAGE', '--sign-key needs --output: the signature bundle is written beside the report file');
  const text = render(result, format, stringOption(parsed, 'full-report-url'));
  await emit(text, output, io);
  if (signKey !== undefined && output !== undefined) await signReport(text, output, signKey, io);
  return 0;
}

/**
 * Signs the report's bytes into a Sigstore bundle `<output>.sigstore.json` (a message signature, as
 * `palisade sign-blob --bundle` and `cosign sign-blob --bundle` write), so the evidence is tamper-evident:
 * `palisade verify-blob <output> --key KEY.pub --bundle <output>.sigstore.json`.
 */
async function signReport(text: string, output: string, keyPath: string, io: CliIo): Promise<void> {
  const [{ readPrivateKeyFile }, { signBlobBundle }, { ttyPrompt }, { createPublicKey }] = await Promise.all([import('./sign-blob.ts'), import('../signing/bundle/index.ts'), import('../signing/password.ts'), import('node:crypto')]);
  const key = await readPrivateKeyFile(keyPath, io, ttyPrompt);
  const bundle = await signBlobBundle(key, createPublicKey(key), Buffer.from(text, 'utf8'));
  const bundlePath = `${output}.sigstore.json`;
  await emit(`${JSON.stringify(bundle)}\n`, bundlePath, io);
  io.stderr.write(`Signature bundle written to ${bundlePath}\n`);
}

function render(result: ComplianceReport, format: (typeof REPORT_FORMATS)[number], fullReportUrl: string | undefined): string {
  if (format === 'html') return renderComplianceHtml(result);
  if (format === 'json') return renderComplianceJson(result);
  if (format === 'sarif') return renderComplianceSarif(result);
  return renderComplianceMarkdown(result, fullReportUrl === undefined ? {} : { fullReportUrl });
}

function coverageRows(): { framework: Framework; coverage: ReturnType<typeof coverageOf> }[] {
  const checks = checksOf(ruleMetas);
  return frameworks.map((framework) => ({ framework, coverage: coverageOf(framework, checks) }));
}

function listJson(): string {
  const rows = coverageRows().map(({ framework, coverage }) => ({ id: framework.id, title: framework.title, url: framework.url, ...coverage }));
  return `${JSON.stringify({ frameworks: rows }, null, 2)}\n`;
}

function listTable(): string {
  const header = ['FRAMEWORK', 'CONTROLS', 'AUTOMATED', 'PARTIAL', 'MANUAL', 'WITH CHECKS', 'TITLE'];
  const rows = coverageRows().map(({ framework, coverage }) => [framework.id, coverage.total, coverage.automated, coverage.partial, coverage.manual, coverage.withChecks, framework.title].map(String));
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const lines = all.map((row) => row.map((text, column) => (column < header.length - 1 ? text.padEnd(widths[column] ?? 0) : text)).join('  '));
  return `${lines.join('\n')}\n\n\`palisade compliance report <target...> --framework <id>\` evaluates one framework; see docs/compliance/.\n`;
}
