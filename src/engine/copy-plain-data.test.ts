import { describe, expect, it } from 'vitest';
import { copyPlainData } from './copy-plain-data.js';

describe('copyPlainData', () => {
  it('copies nested plain data without sharing any object', () => {
    const value = { a: [1, { b: 'x', c: null }], d: { e: true, f: [[2]] }, g: undefined };
    const copy = copyPlainData(value);
    expect(copy).toEqual(value);
    expect(copy).not.toBe(value);
    expect(copy.a).not.toBe(value.a);
    expect(copy.a[1]).not.toBe(value.a[1]);
    expect(copy.d.f[0]).not.toBe(value.d.f[0]);
    expect('g' in copy).toBe(true);
  });

  it('copies dates and maps as structuredClone does, and falls back to it for deep or cyclic data', () => {
    const at = new Date(5);
    const copy = copyPlainData({ at, m: new Map([[1, 'one']]) });
    expect(copy.at).toEqual(at);
    expect(copy.at).not.toBe(at);
    expect(copy.m.get(1)).toBe('one');
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200; i++) deep = { next: deep };
    expect(copyPlainData(deep)).toEqual(deep);
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const copied = copyPlainData(cyclic);
    expect(copied.self).toBe(copied);
    expect(copied).not.toBe(cyclic);
  });

  it('keeps null-prototype objects null-prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: 1 });
    const copy = copyPlainData(bare);
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(copy.k).toBe(1);
  });
});
