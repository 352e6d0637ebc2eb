import { describe, expect, it } from 'vitest';
import { matches } from './check.ts';

// User guide "Anything-but matching" and event-ruler: anything-but needs a value to be present; any present
// value it does not exclude matches, whatever its type.

describe('anything-but', () => {
  it('excludes a string, a number, or a list of either (user guide examples)', () => {
    const state = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    expect(matches(state, { detail: { state: 'running' } })).toBe(true);
    expect(matches(state, { detail: { state: 'initializing' } })).toBe(false);
    const limit = { detail: { 'x-limit': [{ 'anything-but': 123 }] } };
    expect(matches(limit, { detail: { 'x-limit': 456 } })).toBe(true);
    expect(matches(limit, { detail: { 'x-limit': 123.0 } })).toBe(false);
    const list = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };
    expect(matches(list, { detail: { state: 'stopped' } })).toBe(false);
    expect(matches(list, { detail: { state: 'running' } })).toBe(true);
    const numbers = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };
    expect(matches(numbers, { detail: { 'x-limit': 3e2 } })).toBe(false);
    expect(matches(numbers, { detail: { 'x-limit': 301.8 } })).toBe(true);
  });

  it('does not match a missing field', () => {
    expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, { detail: {} })).toBe(false);
    expect(matches({ state: [{ 'anything-but': 'x' }] }, { state: [] })).toBe(false);
  });

  it('matches present values of other types, null included', () => {
    expect(matches({ v: [{ 'anything-but': 'x' }] }, { v: 5 })).toBe(true);
    expect(matches({ v: [{ 'anything-but': 5 }] }, { v: '5' })).toBe(true);
    expect(matches({ v: [{ 'anything-but': 'x' }] }, { v: null })).toBe(true);
    expect(matches({ v: [{ 'anything-but': ['x'] }] }, { v: false })).toBe(true);
  });

  it('on an event array, matches when some element is not excluded', () => {
    expect(matches({ v: [{ 'anything-but': 'a' }] }, { v: ['a', 'b'] })).toBe(true);
    expect(matches({ v: [{ 'anything-but': ['a', 'b'] }] }, { v: ['a', 'b'] })).toBe(false);
  });

  it('excludes prefixes and suffixes', () => {
    const prefix = { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } };
    expect(matches(prefix, { detail: { state: 'initializing' } })).toBe(false);
    expect(matches(prefix, { detail: { state: 'running' } })).toBe(true);
    const suffix = { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } };
    expect(matches(suffix, { detail: { FileName: 'notes.txt' } })).toBe(false);
    expect(matches(suffix, { detail: { FileName: 'notes.md' } })).toBe(true);
    expect(matches({ r: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] }, { r: 'eu-west-1' })).toBe(false);
    expect(matches({ r: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] }, { r: 'ap-east-1' })).toBe(true);
  });

  it('excludes values in any casing', () => {
    const pattern = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } };
    expect(matches(pattern, { detail: { state: 'STOPPED' } })).toBe(false);
    expect(matches(pattern, { detail: { state: 'overloaded' } })).toBe(false);
    expect(matches(pattern, { detail: { state: 'running' } })).toBe(true);
    expect(matches({ s: [{ 'anything-but': { 'equals-ignore-case': 'x' } }] }, { s: 'X' })).toBe(false);
  });

  it('excludes wildcard matches, one or a list (user guide example)', () => {
    const one = { detail: { FilePath: [{ 'anything-but': { wildcard: '*/dir/*' } }] } };
    expect(matches(one, { detail: { FilePath: '/user/dir/a.txt' } })).toBe(false);
    expect(matches(one, { detail: { FilePath: '/user/other/a.txt' } })).toBe(true);
    const list = { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/dir/*', '*/lib/*'] } }] } };
    expect(matches(list, { detail: { FilePath: '/usr/lib/x' } })).toBe(false);
    expect(matches(list, { detail: { FilePath: '/usr/bin/x' } })).toBe(true);
  });

  it('compares an anything-but string with the string, not with an IP address', () => {
    expect(matches({ ip: [{ 'anything-but': '10.0.0.1' }] }, { ip: '10.0.0.1' })).toBe(false);
    expect(matches({ ip: [{ 'anything-but': '10.0.0.1' }] }, { ip: '10.0.0.2' })).toBe(true);
  });
});
