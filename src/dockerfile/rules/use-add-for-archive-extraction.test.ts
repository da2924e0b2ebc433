import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { useAddForArchiveExtraction } from './use-add-for-archive-extraction.ts';

runRuleTests(useAddForArchiveExtraction, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    'FROM a:1\nADD app.tar.gz /opt/',
    'FROM a:1\nCOPY app.tar.gz /opt/',
    'FROM a:1\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip',
    'FROM a:1\nCOPY data.gz /tmp/\nRUN gunzip /tmp/data.gz',
    'FROM a:1\nCOPY app.tgz /tmp/\nRUN tar -czf /tmp/out.tgz /opt',
    'FROM a:1 AS b\nCOPY app.tgz /tmp/\nFROM a:1\nRUN tar -xzf /tmp/app.tgz',
    'FROM b:1 AS b\nFROM a:1\nCOPY --from=b /app.tgz /tmp/\nRUN tar -xzf /tmp/app.tgz',
    'FROM a:1\nRUN tar -xzf /tmp/app.tgz\nCOPY app.tgz /tmp/',
    'FROM a:1\nARG TGZ=x.tar.gz\nCOPY ${TGZ} /tmp/g.tar.gz\nRUN tar x -z -f /tmp/g.tar.gz --strip-components=1',
  ],
  fail: [
    {
      code: 'FROM a:1\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz',
      findings: [{ messageId: 'copyThenExtract', line: 2, column: 6, endColumn: 16, message: 'The archive "app.tar.gz" is copied here and extracted by tar on line 3; ADD would extract it without keeping the archive in a layer.' }],
    },
    { code: 'FROM a:1\nARG TGZ=x.tar.gz\nCOPY ${TGZ} /tmp/g.tar.gz\nRUN tar x -z -f /tmp/g.tar.gz', findings: [{ messageId: 'copyThenExtract', line: 3, column: 6, endColumn: 12 }] },
    { code: 'FROM a:1\nCOPY dist/app.tgz /tmp/release.tgz\nRUN cd /opt && tar xf /tmp/release.tgz', findings: [{ messageId: 'copyThenExtract', line: 2, column: 6, endColumn: 18 }] },
    { code: 'FROM a:1\nCOPY a.txz b.tar /src/\nRUN tar --extract --file=/src/b.tar\nRUN tar -x -f /src/a.txz', findings: [{ messageId: 'copyThenExtract', line: 2, column: 12, endColumn: 17 }, { messageId: 'copyThenExtract', line: 2, column: 6, endColumn: 11 }] },
  ],
});
