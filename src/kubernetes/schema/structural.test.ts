import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toDraft07 } from './structural.ts';

describe('toDraft07 (CRD structural schema → draft-07)', () => {
  it('closes objects with properties, keeps preserve-unknown-fields open, maps Kubernetes extensions', () => {
    const schema = {
      type: 'object',
      description: 'dropped',
      properties: {
        spec: {
          type: 'object',
          properties: {
            port: { 'x-kubernetes-int-or-string': true },
            mode: { type: 'string', enum: ['a'], nullable: true },
            free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } },
            ratio: { type: 'number', minimum: 0, exclusiveMinimum: true },
            embedded: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } },
          },
        },
      },
    };
    assert.deepEqual(toDraft07(schema), {
      type: 'object',
      additionalProperties: false,
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
        spec: {
          type: 'object',
          additionalProperties: false,
          properties: {
            port: { type: ['integer', 'string'] },
            mode: { type: ['string', 'null'], enum: ['a', null] },
            free: { type: 'object', properties: { known: { type: 'string' } } },
            ratio: { type: 'number', exclusiveMinimum: 0 },
            embedded: {
              type: 'object',
              additionalProperties: false,
              properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: { type: 'object' } },
            },
          },
        },
      },
    });
  });

  it('leaves a schema without properties open', () => {
    assert.deepEqual(toDraft07({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }), { type: 'object' });
  });
});
