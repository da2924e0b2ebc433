import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { useShellInstruction } from './use-shell-instruction.ts';

runRuleTests(useShellInstruction, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN ln -s /usr/bin/python3 /usr/bin/python",
  ],
  fail: [
    { code: "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh", findings: [{ messageId: 'relink', line: 2, column: 22, endColumn: 29, message: "RUN links over /bin/sh; use the SHELL instruction to change the shell." }] },
  ],
});
