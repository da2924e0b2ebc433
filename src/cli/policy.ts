import { POLICY_EXPORT_HELP, policyExportCommand } from './policy-export.ts';
import { POLICY_TEST_HELP, policyTestCommand } from './policy-test.ts';
import type { CliIo } from './io.ts';
import { renderError } from './messages/index.ts';

export const POLICY_HELP = `Usage:
  palisade policy test <dir|file>...           Run policy test suites (expected admit/deny per case)
  palisade policy export --format vap [-o F]   Write the built-in Kubernetes rules as native
                                               ValidatingAdmissionPolicies and bindings

${POLICY_TEST_HELP}
${POLICY_EXPORT_HELP}`;

/** `palisade policy <test|export>`. */
export async function policyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'test') return policyTestCommand(rest, io);
  if (sub === 'export') return policyExportCommand(rest, io);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout.write(POLICY_HELP);
    return sub === undefined ? 2 : 0;
  }
  io.stderr.write(`palisade: ${renderError('USAGE', `Unknown policy command "${sub}" (expected test or export).`)}\n`);
  return 2;
}
