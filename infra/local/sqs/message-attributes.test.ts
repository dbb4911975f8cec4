import { AwsError } from '../http/aws-error';
import { checkCharacters, checkMessageAttributes } from './message-attributes';

const messageOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return `${(error as AwsError).code}: ${(error as AwsError).message}`;
  }
  return 'none';
};

describe('checkMessageAttributes', () => {
  it('keeps only the members that carry the value', () => {
    expect(
      checkMessageAttributes({
        s: { DataType: 'String', StringValue: 'v', BinaryValue: 'AQID' },
        b: { DataType: 'Binary.png', BinaryValue: 'AQID' },
        n: { DataType: 'Number', StringValue: '-1.5e3' },
      }),
    ).toEqual({
      s: { DataType: 'String', StringValue: 'v' },
      b: { DataType: 'Binary.png', BinaryValue: 'AQID' },
      n: { DataType: 'Number', StringValue: '-1.5e3' },
    });
  });

  it('refuses more than ten attributes', () => {
    const many = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'x' }]),
    );
    expect(messageOf(() => checkMessageAttributes(many))).toMatch(
      /^InvalidParameterValue: Number of message attributes \[11\]/,
    );
  });

  it('refuses reserved and malformed names', () => {
    expect(
      messageOf(() => checkMessageAttributes({ 'AWS.x': { DataType: 'String', StringValue: 'v' } })),
    ).toMatch(/reserved/);
    expect(
      messageOf(() => checkMessageAttributes({ 'a..b': { DataType: 'String', StringValue: 'v' } })),
    ).toMatch(/InvalidParameterValue/);
  });

  it('refuses unknown types, missing values and numbers that are not', () => {
    expect(messageOf(() => checkMessageAttributes({ a: { DataType: 'Date', StringValue: 'v' } }))).toMatch(
      /type prefixes/,
    );
    expect(messageOf(() => checkMessageAttributes({ a: { DataType: 'String' } }))).toMatch(
      /must use field 'String'/,
    );
    expect(
      messageOf(() => checkMessageAttributes({ a: { DataType: 'Number', StringValue: 'ten' } })),
    ).toMatch(/to a number/);
  });
});

describe('checkCharacters', () => {
  it('refuses characters outside the ones SQS allows', () => {
    expect(messageOf(() => checkCharacters('ok\ttab and emoji 🎓'))).toBe('none');
    expect(messageOf(() => checkCharacters('bell\u0007'))).toMatch(/^InvalidMessageContents/);
    expect(messageOf(() => checkCharacters('lone \ud800 surrogate'))).toMatch(/^InvalidMessageContents/);
  });
});
