import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instructionOf, layerCreators } from './history.ts';

describe('layerCreators', () => {
  it('skips empty_layer entries so history lines up with layers', () => {
    const config = {
      history: [
        { created_by: '/bin/sh -c #(nop) ADD file:1 in / ' },
        { created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
        { created_by: 'ENV A=b', empty_layer: true },
        { created_by: 'RUN /bin/sh -c apt-get update # buildkit' },
        {},
      ],
    };
    assert.deepEqual(layerCreators(config, 4), ['/bin/sh -c #(nop) ADD file:1 in / ', 'RUN /bin/sh -c apt-get update # buildkit', undefined, undefined]);
    assert.deepEqual(layerCreators({}, 2), [undefined, undefined]);
  });
});

describe('instructionOf', () => {
  const cases = [
    ['/bin/sh -c #(nop) COPY file:abc in /app ', 'COPY file:abc in /app'],
    ['/bin/sh -c #(nop)  CMD ["nginx"]', 'CMD ["nginx"]'],
    ['/bin/sh -c apt-get update && apt-get install -y curl', 'RUN apt-get update && apt-get install -y curl'],
    ['RUN /bin/sh -c npm ci # buildkit', 'RUN /bin/sh -c npm ci'],
    ['COPY . /app # buildkit', 'COPY . /app'],
    ['', ''],
  ] as const;
  for (const [createdBy, expected] of cases) {
    it(JSON.stringify(createdBy), () => assert.equal(instructionOf(createdBy), expected));
  }
});
