import { ProblemException } from './problem.js';

const frames = (error: Error) => (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).length;

describe('ProblemException', () => {
  it('captures no stack for a 4xx problem, an answer to the client', () => {
    expect(frames(new ProblemException('sold-out', 'No places are left'))).toBe(0);
    expect(frames(new ProblemException('unauthorized', 'A valid access token is required'))).toBe(0);
  });

  it('keeps the stack of a 5xx problem, which is logged', () => {
    expect(frames(new ProblemException('internal', 'Something went wrong'))).toBeGreaterThan(0);
    expect(frames(new ProblemException('unavailable', 'Shutting down', undefined, 5))).toBeGreaterThan(0);
  });

  it('leaves the stack limit of other errors as it was', () => {
    const limit = Error.stackTraceLimit;
    new ProblemException('conflict', 'Taken');
    expect(Error.stackTraceLimit).toBe(limit);
    expect(frames(new Error('elsewhere'))).toBeGreaterThan(0);
  });
});
