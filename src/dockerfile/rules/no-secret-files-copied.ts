import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact, Word } from '../model.ts';
import { allInstructions } from '../stages.ts';

/** File names that hold credentials, by what they are. */
const EXACT_NAMES: Readonly<Record<string, string>> = Object.freeze({
  id_rsa: 'an SSH private key',
  id_dsa: 'an SSH private key',
  id_ecdsa: 'an SSH private key',
  id_ed25519: 'an SSH private key',
  '.npmrc': 'an npm configuration (registry tokens)',
  '.pypirc': 'a PyPI configuration (upload credentials)',
  '.netrc': 'a .netrc (login credentials)',
  '.git-credentials': 'stored git credentials',
  '.pgpass': 'a PostgreSQL password file',
  '.htpasswd': 'an htpasswd password file',
});
/** Paths whose last components hold credentials. */
const PATH_SUFFIXES: Readonly<Record<string, string>> = Object.freeze({
  '.aws/credentials': 'AWS credentials',
  '.docker/config.json': 'Docker registry credentials',
  '.kube/config': 'a kubeconfig (cluster credentials)',
  '.ssh': 'an SSH directory (private keys)',
});
const SUFFIXES = Object.keys(PATH_SUFFIXES);
/** `.env`, `.env.production`, but not the committed templates. */
const ENV_TEMPLATE = /^\.env\.(example|sample|template|dist|defaults?|schema)$/;

/** `a/b//` → `a/b`, without a regular expression that backtracks on a long run of slashes. */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charAt(end - 1) === '/') end -= 1;
  return path.slice(0, end);
}

function describe(path: string, destination: string): string | undefined {
  const clean = withoutTrailingSlashes(path.replace(/^(["'])(.*)\1$/, '$2'));
  const base = clean.split('/').at(-1) ?? '';
  const lower = base.toLowerCase();
  const exact = EXACT_NAMES[lower];
  if (exact !== undefined) return exact;
  const suffix = SUFFIXES.find((end) => clean === end || clean.endsWith(`/${end}`));
  if (suffix !== undefined) return PATH_SUFFIXES[suffix];
  if ((lower === '.env' || lower.startsWith('.env.')) && !ENV_TEMPLATE.test(lower)) return 'an environment file (application secrets)';
  if (/\.(p12|pfx)$/.test(lower)) return 'a PKCS#12 bundle (private key and certificate)';
  if (lower.endsWith('.pem') && /key|priv/.test(lower)) return 'a PEM private key';
  // A `.key` copied to a name that says it is public (`jenkins.key` → `jenkins-key.pub`) is a public key.
  if (lower.endsWith('.key') && !/(\.pub|\.asc|\.gpg|public)$/i.test(destination)) return 'a private key';
  return undefined;
}

export const noSecretFilesCopied = defineRule<DockerfileArtifact, 'secretFile'>({
  meta: {
    id: 'DKR-0027',
    slug: 'no-secret-files-copied',
    title: 'Private key or credentials file copied into the image',
    severity: 'critical',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A private key, `.npmrc`, `.env`, cloud or registry credentials file copied with COPY or ADD stays in a layer of the image even if a later RUN deletes it; anyone who pulls the image can extract it.',
    remediation: 'Do not copy the file: mount it for the one RUN that needs it with `RUN --mount=type=secret` (or `--mount=type=ssh` for SSH keys), and provide runtime secrets through the orchestrator.',
    references: ['https://docs.docker.com/build/building/secrets/', 'https://docs.docker.com/reference/dockerfile/#run---mounttypesecret'],
    aliases: [],
    compliance: ['cis-docker-1.6:4.10', 'nist-800-190:4.1.4', 'pci-dss-4.0:8.6.2'],
    packs: [],
    messages: { secretFile: '{keyword} copies "{path}", {what}, into the image, where it stays in a layer.' },
  },
  check(context, dockerfile) {
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.kind !== 'copy' && instruction.kind !== 'add') continue;
      const destination = instruction.destination?.value ?? '';
      for (const source of instruction.sources) report(source, destination, instruction.keyword);
    }

    function report(source: Word, destination: string, keyword: string): void {
      if (source.value.includes('$')) return;
      const what = describe(source.value, destination);
      if (what !== undefined) context.report({ messageId: 'secretFile', at: { range: source.range }, data: { keyword, path: source.value, what } });
    }
  },
});
