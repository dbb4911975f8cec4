import { AwsError } from '../http/aws-error';
import { checkAttributes, redrivePolicyOf } from './queue-attributes';

const exists = (arn: string) => arn.endsWith(':dlq');
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as AwsError).code;
  }
  return 'none';
};

describe('checkAttributes', () => {
  it('normalises numbers and the redrive policy', () => {
    const checked = checkAttributes(
      {
        VisibilityTimeout: '045',
        RedrivePolicy:
          '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"3"}',
      },
      exists,
    );
    expect(checked.VisibilityTimeout).toBe('45');
    expect(redrivePolicyOf(checked)).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
      maxReceiveCount: 3,
    });
  });

  it('refuses unknown attributes and FIFO ones', () => {
    expect(codeOf(() => checkAttributes({ Colour: 'red' }, exists))).toBe('InvalidAttributeName');
    expect(codeOf(() => checkAttributes({ FifoQueue: 'true' }, exists))).toBe('InvalidAttributeName');
  });

  it('refuses values out of range', () => {
    expect(codeOf(() => checkAttributes({ VisibilityTimeout: '43201' }, exists))).toBe(
      'InvalidAttributeValue',
    );
    expect(codeOf(() => checkAttributes({ DelaySeconds: 'soon' }, exists))).toBe('InvalidAttributeValue');
    expect(codeOf(() => checkAttributes({ MessageRetentionPeriod: '59' }, exists))).toBe(
      'InvalidAttributeValue',
    );
  });

  it('refuses a redrive policy to a queue that does not exist or with a bad count', () => {
    const policy = (arn: string, count: unknown) =>
      JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: count });
    expect(
      codeOf(() => checkAttributes({ RedrivePolicy: policy('arn:aws:sqs:us-east-1:0:nope', 3) }, exists)),
    ).toBe('InvalidParameterValue');
    expect(
      codeOf(() => checkAttributes({ RedrivePolicy: policy('arn:aws:sqs:us-east-1:0:dlq', 0) }, exists)),
    ).toBe('InvalidParameterValue');
    expect(codeOf(() => checkAttributes({ RedrivePolicy: 'nope' }, exists))).toBe('InvalidParameterValue');
  });
});
