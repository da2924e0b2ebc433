import { SARIF_INFORMATION_URI, SARIF_SCHEMA_URI, SARIF_SRCROOT } from '../../report/sarif.ts';
import { SARIF_LEVELS, SECURITY_SEVERITY } from '../../report/sarif-rules.ts';
import type { ComplianceReport, ControlResult, Evidence } from './model.ts';

/**
 * The compliance report as SARIF 2.1.0: one rule per control (its status, automation and checks in
 * the rule's properties) and one result per finding that evidences a failed or waived control, so
 * code-scanning UIs list failing controls next to the code. Waived evidence carries an external
 * suppression with the exception's owner, reason, ticket and expiry. Controls without evidence
 * (pass, manual, not applicable) appear as rules only.
 */
export function renderComplianceSarif(report: ComplianceReport): string {
  const bases = targetBases(report);
  const rules = report.controls.map((control) => ruleOf(report, control));
  const results = report.controls.flatMap((control, ruleIndex) => control.evidence.map((evidence) => resultOf(control, ruleIndex, evidence, bases)));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, informationUri: SARIF_INFORMATION_URI, rules } },
        automationDetails: { id: `palisade/compliance/${report.framework.id}/` },
        originalUriBaseIds: Object.fromEntries([...bases.values()].map((base) => [base.id, { description: { text: base.target } }])),
        invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
        results,
        properties: {
          framework: report.framework,
          summary: report.summary,
          ruleSet: report.ruleSet,
          ...(report.database === undefined ? {} : { database: report.database }),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

interface TargetBase {
  readonly id: string;
  readonly target: string;
}

/** The first target's paths resolve against %SRCROOT% (the repository, for code scanning); others get their own base. */
function targetBases(report: ComplianceReport): Map<string, TargetBase> {
  return new Map(report.targets.map((summary, index) => [summary.target, { id: index === 0 ? SARIF_SRCROOT : `TARGET${index}`, target: summary.target }]));
}

function ruleOf(report: ComplianceReport, control: ControlResult): object {
  return {
    id: control.id,
    shortDescription: { text: control.title },
    helpUri: report.framework.url,
    properties: {
      framework: report.framework.id,
      status: control.status,
      automation: control.automation,
      checks: control.checks.map((check) => check.id),
      tags: ['compliance', report.framework.id],
    },
  };
}

function resultOf(control: ControlResult, ruleIndex: number, evidence: Evidence, bases: ReadonlyMap<string, TargetBase>): object {
  const base = bases.get(evidence.target)?.id ?? SARIF_SRCROOT;
  const { waiver } = evidence;
  return {
    ruleId: control.id,
    ruleIndex,
    level: SARIF_LEVELS[evidence.severity],
    message: { text: `${evidence.ruleId}: ${evidence.message}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: encodeURI(evidence.path), uriBaseId: base }, ...(evidence.line === undefined ? {} : { region: { startLine: evidence.line } }) },
        ...(evidence.object === undefined ? {} : { logicalLocations: [{ name: evidence.object.name, fullyQualifiedName: objectName(evidence.object), kind: 'object' }] }),
      },
    ],
    ...(waiver === undefined
      ? {}
      : {
          suppressions: [
            {
              kind: waiver.kind === 'inline' ? 'inSource' : 'external',
              status: 'accepted',
              ...(waiver.reason === undefined ? {} : { justification: waiver.reason }),
              properties: { ...waiver },
            },
          ],
        }),
    properties: { check: evidence.ruleId, severity: evidence.severity, 'security-severity': SECURITY_SEVERITY[evidence.severity], target: evidence.target },
  };
}

function objectName(object: NonNullable<Evidence['object']>): string {
  const namespace = object.namespace === undefined ? '' : `${object.namespace}/`;
  return `${object.kind}/${namespace}${object.name}`;
}
