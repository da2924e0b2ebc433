import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noCurlPipeToShell } from './no-curl-pipe-to-shell.ts';

runRuleTests(noCurlPipeToShell, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN curl -fsSL https://x -o /tmp/i.sh && sha256sum -c sums && sh /tmp/i.sh",
    "FROM debian:12\nRUN curl -fsSL https://x | tar -xz",
    "FROM debian:12\nRUN echo x | sh",
  ],
  fail: [
    { code: "FROM debian:12\nRUN curl -fsSL https://get.example.com | sh", findings: [{ messageId: 'pipe', line: 2, column: 40, endColumn: 41, message: "curl output is piped into \"sh\" without verification." }] },
    { code: "FROM debian:12\nRUN wget -qO- https://x | sudo -E bash -", findings: [{ messageId: 'pipe', line: 2, column: 25, endColumn: 26, message: "wget output is piped into \"bash\" without verification." }] },
    { code: "FROM debian:12\nRUN sh -c \"$(curl -fsSL https://x)\"", findings: [{ messageId: 'substitution', line: 2, column: 5, endColumn: 7, message: "\"sh\" runs a script fetched by curl without verification." }] },
  ],
});
