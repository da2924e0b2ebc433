import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireAptGetVersionPin } from './require-apt-get-version-pin.ts';

runRuleTests(requireAptGetVersionPin, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN apt-get install -y curl=7.88.1-10 ./local.deb",
    "FROM debian:12\nRUN apt-get install -y $PACKAGES",
    "FROM debian:12\nRUN apt-get install -s curl",
    "FROM debian:12\nRUN apt-get install -y curl/bookworm",
  ],
  fail: [
    { code: "FROM debian:12\nRUN apt-get install -y curl git=1:2.39.2-1", findings: [{ messageId: 'unpinned', line: 2, column: 24, endColumn: 28, message: "apt-get installs \"curl\" without a version; write \"curl=<version>\"." }] },
    { code: "FROM debian:12\nRUN apt-get update \\\n && apt-get install -y \\\n    curl \\\n    wget=1.21", findings: [{ messageId: 'unpinned', line: 4, column: 5, endColumn: 9 }] },
    { code: "FROM debian:12\nRUN <<EOF\napt-get install -y -t bookworm-backports jq\nEOF", findings: [{ messageId: 'unpinned', line: 3, column: 42, endColumn: 44 }] },
    { code: "FROM debian:12\nRUN [\"apt-get\", \"install\", \"-y\", \"curl\"]", findings: [{ messageId: 'unpinned', line: 2, column: 34, endColumn: 40 }] },
  ],
});
