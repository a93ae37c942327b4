import mongoose from 'mongoose';
import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { errorResponse } from '../../src/http/error-handler';
import { AppError } from '../../src/errors';

const codeOf = (err: Error) => {
  const answer = errorResponse(err);
  return answer && [answer.status, answer.body.error.code];
};

describe('what a database failure answers', () => {
  it.each([
    ['a server selection timeout', new MongoServerSelectionError('Server selection timed out after 5000 ms', {} as never)],
    ['a dropped connection', new MongoNetworkError('connection 4 to 127.0.0.1:27017 closed')],
    ['mongoose giving up on a lost connection', new mongoose.Error('Operation `users.findOne()` buffering timed out after 10000ms')],
    ['a primary stepping down', new MongoServerError({ message: 'not primary', code: 10107 })],
    ['a server shutting down', new MongoServerError({ message: 'interrupted at shutdown', code: 11600 })],
    ['an outage wrapped by another error', new Error('could not store the message', { cause: new MongoNetworkError('socket hang up') })],
  ])('answers %s with 503 DATABASE_UNAVAILABLE', (_label, err) => {
    expect(codeOf(err)).toEqual([503, 'DATABASE_UNAVAILABLE']);
  });

  it('answers a duplicate key with 409 DUPLICATE naming the field, even without keyPattern', () => {
    const dup = new MongoServerError({ message: 'E11000 duplicate key error collection: kefu.users index: email_1 dup key: { email: "a@example.com" }', code: 11000 });
    expect(errorResponse(dup)?.body.error).toMatchObject({ code: 'DUPLICATE', details: [{ field: 'email', message: 'is already used' }] });
  });

  it('leaves a programming error a 500 and a catalogue error its own status', () => {
    expect(errorResponse(new TypeError('x is not a function'))).toBeUndefined();
    expect(codeOf(new AppError('SHUTTING_DOWN'))).toEqual([503, 'SHUTTING_DOWN']);
    expect(codeOf(new MongoServerError({ message: 'bad query', code: 2 }))).toBeUndefined();
  });
});
