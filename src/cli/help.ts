export const MAIN_HELP = `palisade — secure a container delivery pipeline from source to cluster

Usage:
  palisade scan <target> [options]       Scan a directory, file, image or SBOM
  palisade baseline <target> -o <file>   Record today's findings so only new ones fail
  palisade sbom <target> [--format F]    Write a CycloneDX or SPDX SBOM of a directory or image
  palisade db import|update|status       Manage the offline advisory database (OSV)
  palisade policy test|export            Test CEL policies; export rules as native policies
  palisade cache clean|path              Manage the image layer cache
  palisade compliance report <target>... --framework F
                                         Control-by-control evidence (HTML, Markdown, JSON, SARIF)
  palisade compliance list               Frameworks and their coverage
  palisade rbac who-can [<target>...]    Who can read secrets, create pods, exec, escalate…
  palisade cluster scan|images|who-can   Check a live cluster (read-only) like manifests
  palisade watch --config F [--once]     Re-match stored image SBOMs on every database update; alert
  palisade worker --queue redis://…      Take the watcher's scan and re-match jobs (BullMQ on Redis)
  palisade admission serve|manifests     The same rules and policies as an admission webhook
  palisade audit serve                   Audit webhook backend: alert on exec, secret reads, admins…
  palisade keygen                        Write a cosign-compatible key pair (ECDSA P-256)
  palisade sign <image> --key K          Sign an image by digest (cosign's format, in the registry)
  palisade attest <image> --key K --predicate F --type T
                                         Attach a signed in-toto attestation (SBOM, scan, provenance…)
  palisade verify <image> --key PUB      Check signatures and attestations (or --policy FILE)
  palisade sign-blob|verify-blob FILE    Sign or verify a file (detached signature or Sigstore bundle)
  palisade init [--ci github|gitlab|tekton|jenkins]
                                         Set up a repository: .palisade.yaml, exceptions, a CI pipeline
  palisade kit create|verify|import      Offline kits: advisory database, schemas, policies, signed
  palisade rules list [--format json]    List every rule with its metadata
  palisade rules explain <id|slug>       Explain one rule: why, examples, how to fix
  palisade --version                     Print the version
  palisade <command> --help              Help for one command

Targets: a directory or file; an image as oci:<dir>[:tag], docker-archive:<file.tar>
or docker://<registry>/<repo>[:tag|@digest]; an SBOM as sbom:<file.json>; a Kubernetes
audit log as audit:<file>.

What a scan checks:
  Dockerfiles and Kubernetes manifests against built-in rules mapped to CIS Docker and
  Kubernetes, NIST SP 800-190, PCI DSS 4.0 and HIPAA; secrets in every text file (and git
  history); lockfiles and OS packages against OSV advisories; CEL policies (Kubernetes
  ValidatingAdmissionPolicy and Palisade Policy). Waive findings with owned, expiring
  exceptions (.palisade/exceptions.yaml) or '# palisade-ignore: <rule> <reason>' comments.

Exit codes:
  0  no findings at or above --fail-on      2  usage or configuration error
  1  findings at or above --fail-on         3  internal error

Docs: docs/cli.md, docs/configuration.md, docs/exceptions.md, docs/rules/, docs/db.md,
      docs/sbom.md, docs/images.md, docs/policies.md, docs/compliance/, docs/rbac.md,
      docs/cluster.md, docs/signing.md,
      docs/sign.md, docs/verify.md, docs/init.md, docs/ci.md,
      docs/watch.md, docs/admission.md, docs/audit.md
`;

export const SCAN_HELP = `Usage: palisade scan <target> [options]

Scans <target> (a directory, walked git-ignore aware, a single file, an image or an
SBOM) and reports findings. Paths in reports are relative to the target directory.

Options:
  --scanners LIST       Which checks run: misconfig,secret,vuln,policy (default: all)
  -f, --format FORMAT   table | json | sarif | junit | markdown | gitlab-sast (default: table)
  -o, --output FILE     Write the report to FILE (atomically) instead of stdout
  --fail-on SEVERITY    Exit 1 when a finding is at or above: critical | high |
                        medium | low | info | none (default: high; none never fails)
  -c, --config FILE     Configuration (default: .palisade.yaml in the target)
  --exceptions FILE     Exceptions (default: .palisade/exceptions.yaml in the target)
  --baseline FILE       Fail only on findings not in this baseline
  --rules LIST          Run only these rules: ids, slugs, aliases (hadolint:DL3007)
                        or packs (dockerfile, kubernetes, pss-restricted, rbac,
                        cis-docker-1.6, all, …)
  --skip-rules LIST     Do not run these rules (same selectors)
  --history             Also scan the git history of <target> for secrets
                        (every commit of every ref; findings name the commit)
  --since REV           With --history: only commits after REV (REV..HEAD)
  --diff-base REV       Pull-request mode: only findings in files and lines changed
                        since REV (its merge base with HEAD), and new dependencies
  --offline             Refuse all network access; the advisory database must be
                        here already (palisade kit import, or --db)
  --attest --key KEY    Registry images: sign the result (a palisade-scan predicate:
                        tool, database age, rule set, counts, verdict) and attach it
                        to the image digest, for palisade verify --attestation
  --show-secrets        Put the secrets themselves in the report instead of their
                        redacted form (local use only; refused when CI is set)
  --pss-level LEVEL     Pod Security Standards level: baseline | restricted
                        (default restricted; a Namespace's enforce label wins)
  --pss-version V       Pod Security Standards version: v1.N | latest (default)
  --db FILE             Advisory database (default: the user cache; see 'palisade db')
  --db-max-age AGE      Refuse to match against a database older than AGE (36h, 7d, 2w)
  --vex FILE            OpenVEX or CycloneDX VEX statements that waive vulnerabilities
  --policy PATH         CEL policies (ValidatingAdmissionPolicy, Palisade Policy) to
                        evaluate; a folder or a file, repeatable
  --helm-values FILE    Values for every Helm chart rendered (helm on the PATH)
  --platform OS/ARCH    Image targets: the platform to pick from a multi-arch index
  --ca-file FILE        Image targets: extra CA certificates (PEM) for registry TLS
  --insecure-registry H Image targets: plain HTTP / unverified TLS for host H
  --no-cache            Image targets: do not use the layer cache
  -q, --quiet           No progress or notices on stderr
  -h, --help            This help

Targets: a directory or file; oci:<dir>[:tag], docker-archive:<file.tar>,
docker://<registry>/<repo>[:tag|@digest]; sbom:<file> (CycloneDX or SPDX);
audit:<file> (a Kubernetes audit log, JSON lines).

Examples:
  palisade scan .
  palisade scan deploy/ --format sarif -o palisade.sarif
  palisade scan . --rules kubernetes --skip-rules no-latest-tag --fail-on medium
`;

export const BASELINE_HELP = `Usage: palisade baseline <target> -o <file> [options]

Scans <target> and writes the fingerprints of its current findings to <file>.
Later, 'palisade scan <target> --baseline <file>' fails only on new findings.
Fingerprints do not depend on line numbers, so moving code does not make
old findings look new.

Options:
  -o, --output FILE     Where to write the baseline (required)
  --scanners, -c/--config, --exceptions, --rules, --skip-rules, --pss-level,
  --pss-version, -q/--quiet
                        As for 'palisade scan'
`;

export const RULES_HELP = `Usage:
  palisade rules list [--format table|json]   Every rule: id, slug, severity, aliases, compliance
  palisade rules explain <id|slug|alias>      Rationale, examples and remediation of one rule
`;
