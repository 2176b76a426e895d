import { describe, expect, it } from 'vitest';
import { CALLBACK_PIPELINE } from './callback-pipeline.js';

describe('callback pipeline', () => {
  it('lists every stage a status change goes through, in order', () => {
    expect(CALLBACK_PIPELINE).toEqual([
      'resolve-targets',
      'chaos',
      'group',
      'build-body',
      'sign',
      'dispatch',
      'record-attempt',
    ]);
  });
});
