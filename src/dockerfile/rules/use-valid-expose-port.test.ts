import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { useValidExposePort } from './use-valid-expose-port.ts';

runRuleTests(useValidExposePort, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: ['FROM a:1\nEXPOSE 80 443/tcp 65535 0', 'FROM a:1\nEXPOSE 8000-8010/udp', 'FROM a:1\nEXPOSE ${PORT}', 'FROM a:1\nEXPOSE $PORT/tcp'],
  fail: [
    { code: 'FROM a:1\nEXPOSE 80 80800', findings: [{ messageId: 'outOfRange', line: 2, column: 11, endColumn: 16, message: 'EXPOSE names port 80800, outside the valid range 0-65535.' }] },
    { code: 'FROM a:1\nEXPOSE 65000-70000/tcp', findings: [{ messageId: 'outOfRange', line: 2, column: 8, endColumn: 23, message: 'EXPOSE names port 70000, outside the valid range 0-65535.' }] },
  ],
});
