import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { useTrailingSlashCopyDestination } from './use-trailing-slash-copy-destination.ts';

runRuleTests(useTrailingSlashCopyDestination, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: ['FROM a:1\nCOPY a b /app/', 'FROM a:1\nCOPY a /app', 'FROM a:1\nCOPY ["a", "b", "/app/"]', 'FROM a:1\nCOPY a b $DEST', 'FROM a:1\nADD a b /app'],
  fail: [
    { code: 'FROM a:1\nCOPY a b /app', findings: [{ messageId: 'notADirectory', line: 2, column: 10, endColumn: 14, message: 'COPY has 2 sources, so its destination "/app" must end with "/".' }] },
    { code: 'FROM a:1\nCOPY --chown=1:1 ["a", "b", "c", "/app"]', findings: [{ messageId: 'notADirectory', line: 2, column: 34, endColumn: 40 }] },
  ],
});
