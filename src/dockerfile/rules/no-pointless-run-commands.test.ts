import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noPointlessRunCommands } from './no-pointless-run-commands.ts';

runRuleTests(noPointlessRunCommands, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN apt-get install -y --no-install-recommends openssh-client=1:9.2p1-2",
    "FROM debian:12\nRUN echo ssh vim",
    "FROM debian:12\nSHELL [\"pwsh\", \"-c\"]\nRUN ps",
  ],
  fail: [
    { code: "FROM debian:12\nRUN service nginx start", findings: [{ messageId: 'pointless', line: 2, column: 5, endColumn: 12, message: "RUN calls \"service\", which makes no sense in an image build." }] },
    { code: "FROM debian:12\nRUN echo a && \\\n    sudo kill 1", findings: [{ messageId: 'pointless', line: 3, column: 10, endColumn: 14 }] },
    { code: "FROM debian:12\nRUN <<EOF\nps aux\nEOF", findings: [{ messageId: 'pointless', line: 3, column: 1, endColumn: 3 }] },
  ],
});
