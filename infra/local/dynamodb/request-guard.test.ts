import { guardRequest } from './request-guard';

describe('guardRequest', () => {
  it('drops null members and null list elements at every depth', () => {
    const guarded = guardRequest('PutItem', {
      TableName: 'orders',
      ReturnValues: null,
      Item: {
        id: { S: 'a' },
        gone: null,
        tags: { SS: ['x', null] },
        nested: { M: { deep: null, kept: { N: '1' } } },
      },
    });
    expect(guarded).toEqual({
      input: {
        TableName: 'orders',
        Item: { id: { S: 'a' }, tags: { SS: ['x'] }, nested: { M: { kept: { N: '1' } } } },
      },
    });
  });

  it('answers ValidationException for a Tag without a Value', () => {
    expect(
      guardRequest('TagResource', { ResourceArn: 'arn', Tags: [{ Key: 'a', Value: 'b' }, { Key: 'c' }] }),
    ).toEqual({
      error: {
        __type: 'com.amazon.coral.validate#ValidationException',
        message:
          "1 validation error detected: Value null at 'tags.2.member.value' failed to satisfy constraint: Member must not be null",
      },
    });
  });

  it('answers SerializationException for a body that is not an object', () => {
    expect(guardRequest('GetItem', [])).toMatchObject({
      error: { __type: 'com.amazon.coral.service#SerializationException' },
    });
  });
});
