import type { TemplateOptions } from './ci-templates.ts';

/**
 * A Tekton Task (tekton.dev/v1) that scans a workspace. Parameters reach the script through environment
 * variables, never by substitution into the script text, so a parameter value cannot inject shell.
 * The step runs as the node image's unprivileged user with a read-only root filesystem.
 */
export function tektonTask({ version }: TemplateOptions): string {
  return `# Palisade: https://github.com/palisade-dev/palisade/blob/main/docs/ci.md
apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: palisade-scan
  labels:
    app.kubernetes.io/name: palisade
    app.kubernetes.io/version: "${version}"
  annotations:
    tekton.dev/pipelines.minVersion: "0.50.0"
    tekton.dev/categories: Security
    tekton.dev/tags: security, containers, kubernetes, secrets
    tekton.dev/displayName: Palisade scan
    tekton.dev/platforms: linux/amd64,linux/arm64
spec:
  description: >-
    Scans the source workspace with Palisade (Dockerfiles, Kubernetes manifests, secrets, dependencies)
    and fails when a finding that is not waived is at or above fail-on.
  workspaces:
    - name: source
      description: The checked-out repository.
  params:
    - name: target
      type: string
      description: The path to scan, relative to the source workspace.
      default: "."
    - name: scanners
      type: string
      description: Checks to run, comma-separated (misconfig, secret, vuln, policy).
      default: "misconfig,secret,vuln,policy"
    - name: fail-on
      type: string
      description: Lowest severity that fails the Task (critical, high, medium, low, info, none).
      default: "high"
    - name: format
      type: string
      description: Report format (table, json, sarif, junit, markdown, gitlab-sast).
      default: "sarif"
    - name: report
      type: string
      description: Where the report is written, relative to the source workspace.
      default: "palisade-report.sarif"
    - name: diff-base
      type: string
      description: Pull-request mode, a git revision; empty scans everything.
      default: ""
    - name: version
      type: string
      description: The Palisade package version.
      default: "${version}"
    - name: image
      type: string
      description: The Node.js image the scan runs in (Node 22.13 or later).
      default: docker.io/library/node:24-slim
  results:
    - name: exit-code
      description: 0 clean, 1 findings at or above fail-on, 2 usage or configuration error, 3 internal error.
  volumes:
    - name: home
      emptyDir: {}
  steps:
    - name: scan
      image: $(params.image)
      workingDir: $(workspaces.source.path)
      env:
        - name: HOME
          value: /home/palisade
        - name: PALISADE_VERSION
          value: $(params.version)
        - name: PALISADE_TARGET
          value: $(params.target)
        - name: PALISADE_SCANNERS
          value: $(params.scanners)
        - name: PALISADE_FAIL_ON
          value: $(params.fail-on)
        - name: PALISADE_FORMAT
          value: $(params.format)
        - name: PALISADE_REPORT
          value: $(params.report)
        - name: PALISADE_DIFF_BASE
          value: $(params.diff-base)
      volumeMounts:
        - name: home
          mountPath: /home/palisade
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        runAsGroup: 1000
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop: [ALL]
        seccompProfile:
          type: RuntimeDefault
      script: |
        #!/bin/sh
        set -u
        set -- scan "$PALISADE_TARGET" --scanners "$PALISADE_SCANNERS" --format "$PALISADE_FORMAT" --output "$PALISADE_REPORT" --fail-on "$PALISADE_FAIL_ON"
        if [ -n "$PALISADE_DIFF_BASE" ]; then set -- "$@" --diff-base "$PALISADE_DIFF_BASE"; fi
        npx --yes "palisade@$PALISADE_VERSION" "$@"
        code=$?
        printf '%s' "$code" > "$(results.exit-code.path)"
        exit "$code"
`;
}
