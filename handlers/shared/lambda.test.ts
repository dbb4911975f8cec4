import '../../test/support/quiet-logs';
import { httpRequest } from '../../test/support/http-request';
import { UnauthorizedError } from './errors';
import { httpErrors, json, type HttpRequest } from './http';
import { handlerOf } from './lambda';

const context = {
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test',
  memoryLimitInMB: '256',
  awsRequestId: 'request-1',
  logGroupName: '/aws/lambda/test',
  logStreamName: 'local/request-1',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
};

it('answers what the core answers', async () => {
  const handler = handlerOf(async (event: { name: string }) => `Hello, ${event.name}`);
  await expect(handler({ name: 'Ada' }, context as never)).resolves.toBe('Hello, Ada');
});

it('answers an error the HTTP middleware knows with its 4xx', async () => {
  const handler = handlerOf(async (_request: HttpRequest) => {
    throw new UnauthorizedError('wrong key');
  }, httpErrors());
  await expect(handler(httpRequest(), context as never)).resolves.toEqual(
    json(401, { message: 'wrong key' }),
  );
});

it('fails the invocation with any other error', async () => {
  const failure = new Error('DynamoDB is unreachable');
  const handler = handlerOf(async (_request: HttpRequest) => {
    throw failure;
  }, httpErrors());
  await expect(handler(httpRequest(), context as never)).rejects.toBe(failure);
});
