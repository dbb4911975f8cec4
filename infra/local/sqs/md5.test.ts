import { md5OfBody, md5OfMessageAttributes } from './md5';

const binary = (text: string) => Buffer.from(text).toString('base64');

describe('md5OfBody', () => {
  it('is the hex MD5 of the UTF-8 body', () => {
    expect(md5OfBody('hello')).toBe('5d41402abc4b2a76b9719d911017c592');
  });
});

// Vectors from the SQS developer guide's MD5 example and its published ports.
describe('md5OfMessageAttributes', () => {
  it('digests one string attribute', () => {
    expect(
      md5OfMessageAttributes({ attribName1: { DataType: 'String', StringValue: 'attribValue 1' } }),
    ).toBe('19e27d4e946b072f3f58da80d94fd778');
  });

  it('keeps a custom type suffix in the digest', () => {
    expect(
      md5OfMessageAttributes({
        customNumberTypeAttrib: {
          DataType: 'Number.float',
          StringValue: '4563442423554324324264524243.32543234',
        },
      }),
    ).toBe('9fe1b90bbd9965bdf77bac517c7d2495');
  });

  it('digests a binary attribute from its base64 bytes', () => {
    expect(
      md5OfMessageAttributes({
        binaryAttribute: { DataType: 'Binary', BinaryValue: binary('Hello binary world!') },
      }),
    ).toBe('31a92b15d92f8db860eda32aceb656c3');
  });

  it('sorts attributes by name whatever their order', () => {
    expect(
      md5OfMessageAttributes({
        binaryAttribute: { DataType: 'Binary', BinaryValue: binary('Hello binary world!') },
        customNumberTypeAttrib: {
          DataType: 'Number.float',
          StringValue: '4563442423554324324264524243.32543234',
        },
        attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
      }),
    ).toBe('c932db14a896c663f83c260297d594ff');
  });
});
