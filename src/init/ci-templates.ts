// The pipeline files `palisade init` writes. integrations/gitlab/palisade.gitlab-ci.yml and
// integrations/tekton/palisade-task.yaml are these templates for the current version (a test keeps
// them in step; UPDATE_SNAPSHOTS=1 rewrites them).

export interface TemplateOptions {
  /** The Palisade version the pipeline pins (`npx --yes palisade@<version>`). */
  readonly version: string;
}

/** `.github/workflows/palisade.yml`: the repository's own action on pushes, pull requests (PR mode) and weekly. */
export function githubWorkflow({ version }: TemplateOptions): string {
  return `# Palisade: https://github.com/palisade-dev/palisade/blob/main/docs/ci.md
name: Palisade

on:
  push:
    branches: [main]
  pull_request:
  schedule:
    - cron: '23 4 * * 1'

permissions:
  contents: read

jobs:
  palisade:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write # upload SARIF to code scanning
    steps:
      - uses: actions/checkout@v5
        with:
          fetch-depth: 0 # pull requests compare with their base (diff-base)
          persist-credentials: false
      - uses: palisade-dev/palisade@v${version}
        with:
          targets: .
          fail-on: high
          # On pull requests, report only what the change adds; pushes and the weekly run scan everything.
          diff-base: \${{ github.event.pull_request.base.sha }}
`;
}

/** A GitLab CI job (include it from .gitlab-ci.yml): JUnit report in the merge request, JSON and SARIF as artifacts. */
export function gitlabJob({ version }: TemplateOptions): string {
  return `# Palisade: https://github.com/palisade-dev/palisade/blob/main/docs/ci.md
# Include from .gitlab-ci.yml:
#   include:
#     - local: .gitlab/palisade.gitlab-ci.yml
# The test stage must exist (it does unless .gitlab-ci.yml redefines stages without it).
variables:
  PALISADE_VERSION: "${version}"
  PALISADE_TARGET: "."
  PALISADE_FAIL_ON: "high"
  PALISADE_SCANNERS: "misconfig,secret,vuln,policy"

palisade:
  stage: test
  image: node:24-slim
  variables:
    GIT_DEPTH: "0" # merge requests compare with their base commit
    npm_config_cache: "$CI_PROJECT_DIR/.npm"
  script:
    # Merge requests: only findings in changed lines and new dependencies; other pipelines: everything.
    - PALISADE_DIFF=""
    - if [ -n "$CI_MERGE_REQUEST_DIFF_BASE_SHA" ]; then PALISADE_DIFF="--diff-base $CI_MERGE_REQUEST_DIFF_BASE_SHA"; fi
    - npx --yes "palisade@$PALISADE_VERSION" scan "$PALISADE_TARGET" --scanners "$PALISADE_SCANNERS" --format json --output palisade.json --fail-on none --quiet $PALISADE_DIFF
    - npx --yes "palisade@$PALISADE_VERSION" scan "$PALISADE_TARGET" --scanners "$PALISADE_SCANNERS" --format gitlab-sast --output gl-sast-report.json --fail-on none --quiet $PALISADE_DIFF
    - npx --yes "palisade@$PALISADE_VERSION" scan "$PALISADE_TARGET" --scanners "$PALISADE_SCANNERS" --format junit --output palisade-junit.xml --fail-on "$PALISADE_FAIL_ON" --quiet $PALISADE_DIFF
  cache:
    key: palisade-npm
    paths:
      - .npm/
  artifacts:
    when: always
    expire_in: 30 days
    paths:
      - palisade.json
      - gl-sast-report.json
      - palisade-junit.xml
    reports:
      # Merge request widget and vulnerability report (GitLab's security report schema).
      sast: gl-sast-report.json
      junit: palisade-junit.xml
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
    - if: $CI_PIPELINE_SOURCE == "schedule"
`;
}

/** `.gitlab-ci.yml` for a repository that has none: includes the job. */
export function gitlabRoot(): string {
  return `stages:
  - test

include:
  - local: .gitlab/palisade.gitlab-ci.yml
`;
}

/** A Jenkins declarative pipeline: scan in a Node container, JUnit report, artifacts. */
export function jenkinsPipeline({ version }: TemplateOptions): string {
  return `// Palisade: https://github.com/palisade-dev/palisade/blob/main/docs/ci.md
pipeline {
  agent {
    docker { image 'node:24-slim' }
  }
  environment {
    PALISADE_VERSION = '${version}'
    npm_config_cache = "\${env.WORKSPACE}/.npm"
  }
  stages {
    stage('Palisade') {
      steps {
        sh 'npx --yes "palisade@$PALISADE_VERSION" scan . --format sarif --output palisade.sarif --fail-on none --quiet'
        sh 'npx --yes "palisade@$PALISADE_VERSION" scan . --format junit --output palisade-junit.xml --fail-on high --quiet'
      }
      post {
        always {
          junit allowEmptyResults: true, testResults: 'palisade-junit.xml'
          archiveArtifacts allowEmptyArchive: true, artifacts: 'palisade.sarif, palisade-junit.xml'
        }
      }
    }
  }
}
`;
}
