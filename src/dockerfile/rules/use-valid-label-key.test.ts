import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { useValidLabelKey } from './use-valid-label-key.ts';

runRuleTests(useValidLabelKey, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: ['FROM a:1\nLABEL org.opencontainers.image.source=https://x maintainer=me version=1'],
  fail: [
    { code: 'FROM a:1\nLABEL Maintainer=me', findings: [{ messageId: 'invalidKey', line: 2, column: 7, endColumn: 17, message: 'Label key "Maintainer" does not start with a lower-case letter.' }] },
    { code: 'FROM a:1\nLABEL com.docker.x=1 a..b=2 a_b=3 a-=4', findings: [
      { messageId: 'invalidKey', line: 2, column: 7, endColumn: 19, message: 'Label key "com.docker.x" uses a namespace reserved by Docker.' },
      { messageId: 'invalidKey', line: 2, column: 22, endColumn: 26, message: 'Label key "a..b" has consecutive separators.' },
      { messageId: 'invalidKey', line: 2, column: 29, endColumn: 32, message: 'Label key "a_b" has characters other than lower-case letters, digits, "." and "-".' },
      { messageId: 'invalidKey', line: 2, column: 35, endColumn: 37, message: 'Label key "a-" does not end with a lower-case letter or digit.' },
    ] },
  ],
});
