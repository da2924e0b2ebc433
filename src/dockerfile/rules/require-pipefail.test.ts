import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requirePipefail } from './require-pipefail.ts';

runRuleTests(requirePipefail, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://x | tar -xz",
    "FROM debian:12\nRUN set -o pipefail && curl -fsSL https://x | tar -xz",
    "FROM debian:12\nRUN echo \"$SUM  f\" | sha256sum -c -",
    "FROM debian:12\nSHELL [\"pwsh\", \"-c\"]\nRUN Get-Content x | Out-Null",
    "FROM debian:12\nRUN make",
  ],
  fail: [
    { code: "FROM debian:12\nRUN curl -fsSL https://x | tar -xz", findings: [{ messageId: 'pipefail', line: 2, column: 26, endColumn: 27, message: "RUN pipes into \"tar\" without pipefail; a failure before the pipe is ignored." }] },
    { code: "FROM debian:12\nSHELL [\"/bin/sh\", \"-c\"]\nRUN a | b", findings: [{ messageId: 'pipefail', line: 3, column: 7, endColumn: 8 }] },
    { code: "FROM debian:12\nRUN curl -fsSL https://x \\\n  | tar -xz", findings: [{ messageId: 'pipefail', line: 3, column: 3, endColumn: 4 }] },
  ],
});
