import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import type { ShellCommand, ShellWord } from '../shell/index.ts';
import { isPipInstall, programOf, shellRuns } from '../shell/index.ts';
import { PIP_PROGRAMS, runsAnyProgram, runsProgramMatching } from '../programs.ts';

/** The programs `insecureWord` knows (pip aside). */
const TOOLS = ['curl', 'wget', 'npm', 'yarn', 'pnpm', 'git'];
const INSECURE_ASSIGNMENT = /^(?:GIT_SSL_NO_VERIFY=(?!0$|false$|$)|NODE_TLS_REJECT_UNAUTHORIZED=0$|PYTHONHTTPSVERIFY=0$)/i;

/** The word that turns certificate checks off in this command, if any. */
function insecureWord(command: ShellCommand): ShellWord | undefined {
  const { args } = command;
  // `isProgram(command, [tool])` for each tool, with the program worked out once: this runs for every command.
  const tool = command.name.static ? programOf(command) : '';
  if (tool === 'curl') return args.find((arg) => arg.static && (arg.value === '--insecure' || /^-[A-Za-z0-9]*k[A-Za-z0-9]*$/.test(arg.value)));
  if (tool === 'wget') return args.find((arg) => arg.value === '--no-check-certificate');
  if (isPipInstall(command)) return args.find((arg) => arg.value === '--trusted-host' || arg.value.startsWith('--trusted-host='));
  if (tool === 'npm' || tool === 'yarn' || tool === 'pnpm') return strictSslOff(args);
  if (tool === 'git') return args.find((arg, index) => /^http\.sslverify(?:=false)?$/i.test(arg.value) && (arg.value.includes('=') || /^(?:false|0|no|off)$/i.test(args[index + 1]?.value ?? '')));
  return undefined;
}

/** `npm config set strict-ssl false` (or `strict-ssl=false`). */
function strictSslOff(args: readonly ShellWord[]): ShellWord | undefined {
  return args.find((arg, index) => (arg.value === 'strict-ssl' && args[index + 1]?.value === 'false') || arg.value === 'strict-ssl=false');
}

export const noTlsVerificationDisabled = defineRule<DockerfileArtifact, 'insecure' | 'insecureEnv'>({
  meta: {
    id: 'DKR-0133',
    slug: 'no-tls-verification-disabled',
    title: 'RUN turns off TLS certificate verification',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Options such as `curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `npm config set strict-ssl false` or `GIT_SSL_NO_VERIFY=1` accept any certificate, so anyone on the network path can substitute the code or packages the build downloads.',
    remediation: 'Remove the option and trust the proxy or private registry certificate instead (install its CA into the image trust store and point the tool at it).',
    references: ['https://curl.se/docs/sslcerts.html', 'https://pip.pypa.io/en/stable/topics/https-certificates/', 'https://docs.npmjs.com/cli/using-npm/config#strict-ssl'],
    aliases: [],
    compliance: ['cis-docker-1.6:4.11', 'nist-800-190:4.1.2', 'pci-dss-4.0:4.2.1'],
    packs: [],
    messages: {
      insecure: '{command} runs with "{option}", which turns off certificate verification.',
      insecureEnv: '"{assignment}" turns off certificate verification.',
    },
  },
  check(context, dockerfile) {
    // Files that call none of these tools only need their assignments read.
    const callsTools = runsAnyProgram(dockerfile, TOOLS) || runsProgramMatching(dockerfile, PIP_PROGRAMS);
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of callsTools ? script.commands : []) {
        const word = insecureWord(command);
        if (word !== undefined) context.report({ messageId: 'insecure', at: { range: word.range }, data: { command: command.name.value, option: word.value } });
      }
      for (const assignment of script.assignments) {
        if (assignment.static && INSECURE_ASSIGNMENT.test(assignment.value)) context.report({ messageId: 'insecureEnv', at: { range: assignment.range }, data: { assignment: assignment.value } });
      }
    }
  },
});
