import type { ShellCommand, ShellWord } from './model.ts';
import { hasFlag, isProgram, lastSlash, operandsOf, packagesOf, subcommandOf } from './query.ts';

/** Options that take the next word as their value, per package manager (names without dashes). */
export const APT_GET_VALUE_FLAGS: ReadonlySet<string> = new Set(['o', 'c', 't', 'option', 'config-file', 'target-release', 'default-release']);
export const APK_VALUE_FLAGS: ReadonlySet<string> = new Set(['t', 'virtual', 'repository', 'X', 'p', 'root', 'keys-dir', 'arch', 'cache-dir', 'repositories-file']);
export const YUM_VALUE_FLAGS: ReadonlySet<string> = new Set(['x', 'exclude', 'c', 'config', 'installroot', 'releasever', 'enablerepo', 'disablerepo', 'setopt', 'repo', 'repoid', 'd', 'debuglevel', 'e', 'errorlevel']);
export const ZYPPER_VALUE_FLAGS: ReadonlySet<string> = new Set(['t', 'type', 'r', 'repo', 'from', 'R', 'root', 'D', 'reposd-root', 'C', 'cache-dir']);

const APT_SIMULATE = ['s', 'simulate', 'just-print', 'dry-run', 'recon', 'no-act'];
// Program lists built once (these helpers run for every command of every RUN, in many rules).
const APT_GET = ['apt-get'];
const APT_GET_OR_APT = ['apt-get', 'apt'];
const APK = ['apk'];
const ZYPPER = ['zypper'];

/**
 * The `install` command of apt-get (the packages are `packagesOf(command, ['install'], APT_GET_VALUE_FLAGS)`);
 * a simulation (`apt-get install -s`) installs nothing and is not one.
 */
export function isAptGetInstall(command: ShellCommand): boolean {
  return isProgram(command, APT_GET) && subcommandOf(command, ['install'], APT_GET_VALUE_FLAGS) !== undefined && !hasFlag(command, APT_SIMULATE);
}

export function isAptUpdate(command: ShellCommand): boolean {
  return isProgram(command, APT_GET_OR_APT) && subcommandOf(command, ['update'], APT_GET_VALUE_FLAGS) !== undefined;
}

export function isApkAdd(command: ShellCommand): boolean {
  return isProgram(command, APK) && subcommandOf(command, ['add'], APK_VALUE_FLAGS) !== undefined;
}

/** `yum install`, `yum groupinstall`, `yum localinstall`, and `yum module install`. */
export function yumInstall(command: ShellCommand, programs: readonly string[]): ShellWord | undefined {
  if (!isProgram(command, programs)) return undefined;
  const direct = subcommandOf(command, ['install', 'groupinstall', 'localinstall'], YUM_VALUE_FLAGS);
  if (direct !== undefined) return direct;
  return subcommandOf(command, ['module'], YUM_VALUE_FLAGS) === undefined ? undefined : packagesOf(command, ['module'], YUM_VALUE_FLAGS).find((word) => word.value === 'install');
}

export function isZypperInstall(command: ShellCommand): boolean {
  return isProgram(command, ZYPPER) && subcommandOf(command, ['install', 'in'], ZYPPER_VALUE_FLAGS) !== undefined;
}

/** `pip`, `pip3`, `pip3.12` or `python -m pip` running `install`. */
export function isPipInstall(command: ShellCommand): boolean {
  const program = command.name.value.slice(lastSlash(command.name.value) + 1);
  // Both names start with `p`: most commands are answered without the two regular expressions (rules ask this of every command).
  if (program.charCodeAt(0) !== 112) return false;
  if (/^pip(?:\d+(?:\.\d+)?)?$/.test(program)) return subcommandOf(command, ['install'], PIP_VALUE_FLAGS) !== undefined;
  if (!/^python(?:\d+(?:\.\d+)?)?$/.test(program)) return false;
  const values = command.args.map((word) => word.value);
  const module = values.indexOf('-m');
  return module !== -1 && /^pip\d*$/.test(values[module + 1] ?? '') && values.slice(module + 2).includes('install');
}

/** The packages of a pip install: the operands after `install`. */
export function pipPackages(command: ShellCommand): ShellWord[] {
  const install = command.args.findIndex((word) => word.value === 'install');
  if (install === -1) return [];
  return packagesOf({ ...command, args: command.args.slice(install) }, ['install'], PIP_VALUE_FLAGS);
}

export const PIP_VALUE_FLAGS: ReadonlySet<string> = new Set([
  'abi', 'b', 'build', 'e', 'editable', 'extra-index-url', 'f', 'find-links', 'i', 'index-url', 'implementation', 'no-binary',
  'only-binary', 'platform', 'prefix', 'progress-bar', 'proxy', 'python-version', 'root', 'src', 't', 'target', 'trusted-host',
  'upgrade-strategy', 'c', 'constraint', 'r', 'requirement', 'cache-dir', 'log', 'timeout', 'retries', 'cert', 'client-cert', 'config-settings', 'C', 'global-option',
]);

/** The packages of `yum|dnf install …` or `… module install …` (`module` says which), or undefined. */
export function rpmInstallPackages(command: ShellCommand, programs: readonly string[]): { readonly packages: ShellWord[]; readonly module: boolean } | undefined {
  if (!isProgram(command, programs)) return undefined;
  const operands = operandsOf(command, YUM_VALUE_FLAGS);
  if (operands[0]?.value === 'install') return { packages: operands.slice(1), module: false };
  if (operands[0]?.value === 'module' && operands[1]?.value === 'install') return { packages: operands.slice(2), module: true };
  return undefined;
}

/** `yum|dnf clean all`, or removing the package cache by hand. */
export function isRpmClean(command: ShellCommand, programs: readonly string[]): boolean {
  if (isProgram(command, ['rm'])) return command.args.some((arg) => arg.static && /^\/var\/cache\/(?:yum|dnf)(?:\/|$)/.test(arg.value));
  const operands = operandsOf(command, YUM_VALUE_FLAGS).map((word) => word.value);
  return isProgram(command, programs) && operands[0] === 'clean' && operands[1] === 'all';
}

/** The subcommand word of a zypper command when it is one of `names`. */
export function zypperSubcommand(command: ShellCommand, names: readonly string[]): ShellWord | undefined {
  return isProgram(command, ZYPPER) ? subcommandOf(command, names, ZYPPER_VALUE_FLAGS) : undefined;
}
