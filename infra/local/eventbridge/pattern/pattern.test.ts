import { EventPattern, flatten } from './pattern';

/**
 * Matching, operator by operator, with the examples of the EventBridge user guide
 * (eb-create-pattern-operators, eb-event-patterns-arrays, eb-event-patterns-null-values,
 * eb-filtering-data-types) and of Event Ruler's README, plus cases AWS was recorded answering
 * through TestEventPattern.
 */

const matches = (pattern: object, event: object) =>
  EventPattern.compile(JSON.stringify(pattern)).matches(event);

const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const rulerEvent = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

const withDetail = (detail: object) => ({ ...ec2Event, detail });

describe('exact values and nesting', () => {
  it('matches the EC2 termination example of the user guide', () => {
    const pattern = {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    };
    expect(matches(pattern, ec2Event)).toBe(true);
  });

  it('treats the values of a field as OR', () => {
    expect(matches({ detail: { state: ['pending', 'terminated'] } }, ec2Event)).toBe(true);
  });

  it('treats the fields as AND', () => {
    expect(matches({ source: ['aws.ec2'], detail: { state: ['running'] } }, ec2Event)).toBe(false);
  });

  it('ignores fields the pattern does not name', () => {
    expect(matches({ source: ['aws.ec2'] }, ec2Event)).toBe(true);
  });

  it('does not match a field the event lacks', () => {
    expect(matches({ detail: { missing: ['x'] } }, ec2Event)).toBe(false);
  });

  it('matches keys case-sensitively', () => {
    expect(matches({ SOURCE: ['aws.ec2'] }, ec2Event)).toBe(false);
  });

  it('matches the example of Ruler by simple matching', () => {
    const pattern = {
      'detail-type': ['EC2 Instance State-change Notification'],
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
      detail: { state: ['initializing', 'running'] },
    };
    expect(matches(pattern, rulerEvent)).toBe(true);
  });

  it('matches numbers numerically (300 matches 300.0)', () => {
    expect(matches({ number: [300] }, { number: 300.0 })).toBe(true);
    expect(matches({ number: [300] }, { number: 3.0e2 })).toBe(true);
  });

  it('does not match a number against its string', () => {
    expect(matches({ number: [300] }, { number: '300' })).toBe(false);
    expect(matches({ number: ['300'] }, { number: 300 })).toBe(false);
  });

  it('matches booleans', () => {
    expect(matches({ flag: [false] }, { flag: false })).toBe(true);
    expect(matches({ flag: [false] }, { flag: true })).toBe(false);
  });

  it('matches strings exactly, emoji and trailing spaces included', () => {
    const value = 'A CamelCase string with an emoji 🚀 and trailing whitespace ';
    expect(matches({ s: [value] }, { s: value })).toBe(true);
    expect(matches({ s: [value.trim()] }, { s: value })).toBe(false);
  });

  it('does not look inside a string holding JSON', () => {
    expect(matches({ detail: { 'my-key': ['my-value'] } }, { detail: '{"my-key": "my-value"}' })).toBe(false);
  });

  it('matches the Macie severity example (nested numbers)', () => {
    const macie = {
      source: 'aws.macie',
      'detail-type': 'Macie Finding',
      detail: { severity: { score: 1, description: 'Low' }, count: 2 },
    };
    const pattern = { source: ['aws.macie'], detail: { severity: { score: [1] }, count: [2] } };
    expect(matches(pattern, macie)).toBe(true);
    expect(matches({ detail: { severity: { score: [2] } } }, macie)).toBe(false);
  });

  it('joins nested keys with dots, so a dotted key in the pattern names a nested field', () => {
    expect(
      matches({ detail: { 'state.status': ['running'] } }, { detail: { state: { status: 'running' } } }),
    ).toBe(true);
  });

  it('joins nested keys with dots, so a dotted key in the event is found by a nested pattern', () => {
    expect(
      matches({ detail: { state: { status: ['running'] } } }, { detail: { 'state.status': 'running' } }),
    ).toBe(true);
  });

  it('does not match a dotted path one level too deep', () => {
    const event = { detail: { 'state.status': { status: 'running' } } };
    expect(matches({ detail: { state: { status: ['running'] } } }, event)).toBe(false);
  });

  it('uses the last of two identical keys (AWS complex example)', () => {
    const text = '{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}';
    expect(EventPattern.compile(text).matches({ detail: { location: 'eu-central-1' } })).toBe(true);
  });

  it('matches DynamoDB-shaped nested attributes', () => {
    const event = { dynamodb: { NewImage: { homemade: { S: 'ABCD', N: '1234' } } } };
    expect(matches({ dynamodb: { NewImage: { homemade: { N: ['1234'] } } } }, event)).toBe(true);
  });
});

describe('arrays', () => {
  const pattern = {
    resources: [
      'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
    ],
  };

  it('matches when the pattern array and the event array intersect (user guide)', () => {
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };
    expect(matches(pattern, event)).toBe(true);
  });

  it('does not match when they do not intersect', () => {
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
      ],
    };
    expect(matches(pattern, event)).toBe(false);
  });

  it('crushes arrays of objects: a field of any element matches (Ruler README)', () => {
    const event = {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    };
    expect(matches({ employees: { firstName: ['Anna'] } }, event)).toBe(true);
  });

  it('crushes nested arrays too', () => {
    const event = {
      employees: [
        [
          { firstName: 'John', lastName: 'Doe' },
          { firstName: 'Anna', lastName: 'Smith' },
        ],
        [{ firstName: 'Peter', lastName: 'Jones' }],
      ],
    };
    expect(matches({ employees: { firstName: ['Peter'] } }, event)).toBe(true);
  });

  it('never matches two fields from different elements of the same array', () => {
    const event = {
      employees: [
        [
          { firstName: 'John', lastName: 'Doe' },
          { firstName: 'Anna', lastName: 'Smith' },
        ],
        [{ firstName: 'Peter', lastName: 'Jones' }],
      ],
    };
    expect(matches({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, event)).toBe(false);
    expect(matches({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, event)).toBe(true);
  });

  it('finds a field that exists in one element of an array of objects', () => {
    const event = {
      detail: { automations: [{ key1: 'value1' }, { id: 'match-does-exist' }, { key2: 'value2' }] },
    };
    expect(matches({ detail: { automations: { id: [{ exists: true }] } } }, event)).toBe(true);
  });

  it('matches equals-ignore-case against an element of an array value', () => {
    const event = { 'detail-type': ['EC2 Instance State-change Notification'] };
    expect(
      matches({ 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] }, event),
    ).toBe(true);
  });
});

describe('null and empty strings', () => {
  const event = {
    version: '0',
    id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
    'detail-type': 'EC2 Instance Launch Successful',
    source: 'aws.autoscaling',
    account: '123456789012',
    time: '2015-11-11T21:31:47Z',
    region: 'us-east-1',
    resources: [],
    detail: { eventVersion: '', responseElements: null },
  };

  it('matches an empty string with [""] (user guide)', () => {
    expect(matches({ detail: { eventVersion: [''] } }, event)).toBe(true);
  });

  it('matches null with [null] (user guide)', () => {
    expect(matches({ detail: { responseElements: [null] } }, event)).toBe(true);
  });

  it('matches the field matching example with null (eb-filtering-data-types)', () => {
    const pattern = {
      source: ['aws.autoscaling'],
      'detail-type': ['EC2 Instance Launch Successful'],
      detail: { responseElements: [null] },
    };
    expect(matches(pattern, event)).toBe(true);
  });

  it('does not treat null and the empty string alike', () => {
    expect(matches({ detail: { eventVersion: [null] } }, event)).toBe(false);
    expect(matches({ detail: { responseElements: [''] } }, event)).toBe(false);
  });

  it('does not match null with the string "null"', () => {
    expect(matches({ detail: { responseElements: [null] } }, { detail: { responseElements: 'null' } })).toBe(
      false,
    );
  });

  it('does not match [null] against an empty array', () => {
    expect(matches({ resources: [null] }, event)).toBe(false);
  });
});

describe('prefix and suffix', () => {
  it('matches a prefix (user guide: time starting with 2017-10-02)', () => {
    expect(matches({ time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-02T18:43:48Z' })).toBe(true);
    expect(matches({ time: [{ prefix: '2017-10-03' }] }, { time: '2017-10-02T18:43:48Z' })).toBe(false);
  });

  it('matches a prefix ignoring case (user guide: EventB, EVENTB, eventb)', () => {
    const pattern = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };
    for (const service of ['EventBridge', 'EVENTBRIDGE', 'eventb', 'EvEnTb']) {
      expect(matches(pattern, { detail: { service } })).toBe(true);
    }
    expect(matches(pattern, { detail: { service: 'Event' } })).toBe(false);
  });

  it('matches a suffix (user guide: .png files), case-sensitively', () => {
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' })).toBe(true);
    expect(matches({ FileName: [{ suffix: '.PNG' }] }, { FileName: 'image.png' })).toBe(false);
  });

  it('matches a suffix ignoring case (user guide)', () => {
    const pattern = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };
    expect(matches(pattern, { detail: { FileName: 'image.PNG' } })).toBe(true);
    expect(matches(pattern, { detail: { FileName: 'image.jpg' } })).toBe(false);
  });

  it('matches any string with an empty prefix or suffix', () => {
    expect(matches({ source: [{ prefix: '' }] }, { source: 'anything' })).toBe(true);
    expect(matches({ source: [{ suffix: '' }] }, { source: 'anything' })).toBe(true);
  });

  it('only applies to strings', () => {
    expect(matches({ n: [{ prefix: '1' }] }, { n: 12 })).toBe(false);
    expect(matches({ n: [{ suffix: 'l' }] }, { n: null })).toBe(false);
  });
});

describe('anything-but', () => {
  it('excludes one string (user guide)', () => {
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    expect(matches(pattern, withDetail({ state: 'pending' }))).toBe(true);
    expect(matches(pattern, withDetail({ state: 'initializing' }))).toBe(false);
  });

  it('excludes one number (user guide)', () => {
    const pattern = { detail: { 'x-limit': [{ 'anything-but': 123 }] } };
    expect(matches(pattern, withDetail({ 'x-limit': 789 }))).toBe(true);
    expect(matches(pattern, withDetail({ 'x-limit': 123 }))).toBe(false);
  });

  it('excludes zero', () => {
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': 0 }] } }, withDetail({ 'x-limit': 789 }))).toBe(
      true,
    );
  });

  it('excludes a list of strings (user guide)', () => {
    const pattern = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };
    expect(matches(pattern, withDetail({ state: 'pending' }))).toBe(true);
    expect(matches(pattern, withDetail({ state: 'stopped' }))).toBe(false);
  });

  it('excludes a list of numbers (user guide)', () => {
    const pattern = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };
    expect(matches(pattern, withDetail({ 'x-limit': 999 }))).toBe(true);
    expect(matches(pattern, withDetail({ 'x-limit': 100 }))).toBe(false);
  });

  it('excludes a prefix (user guide: not in the US)', () => {
    const pattern = { Region: [{ 'anything-but': { prefix: 'us-' } }] };
    expect(matches(pattern, { Region: 'eu-west-1' })).toBe(true);
    expect(matches(pattern, { Region: 'us-east-1' })).toBe(false);
  });

  it('excludes a list of prefixes', () => {
    const pattern = { detail: { state: [{ 'anything-but': { prefix: ['init', 'post'] } }] } };
    expect(matches(pattern, withDetail({ state: 'running' }))).toBe(true);
    expect(matches(pattern, withDetail({ state: 'post-init' }))).toBe(false);
  });

  it('excludes a suffix (user guide: not a .png)', () => {
    const pattern = { FileName: [{ 'anything-but': { suffix: '.png' } }] };
    expect(matches(pattern, { FileName: 'file.txt' })).toBe(true);
    expect(matches(pattern, { FileName: 'file.png' })).toBe(false);
  });

  it('excludes a list of suffixes', () => {
    const pattern = { detail: { FileName: [{ 'anything-but': { suffix: ['.txt', '.jpg'] } }] } };
    expect(matches(pattern, withDetail({ FileName: 'file.txt.bak' }))).toBe(true);
    expect(matches(pattern, withDetail({ FileName: 'file.jpg' }))).toBe(false);
  });

  it('excludes a value in any case (user guide: INITIALIZING)', () => {
    const pattern = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } };
    expect(matches(pattern, withDetail({ state: 'pending' }))).toBe(true);
    expect(matches(pattern, withDetail({ state: 'INITIALIZING' }))).toBe(false);
  });

  it('excludes a list of values in any case', () => {
    const pattern = {
      detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] },
    };
    expect(matches(pattern, withDetail({ state: 'pending' }))).toBe(true);
    expect(matches(pattern, withDetail({ state: 'overloaded' }))).toBe(false);
  });

  it('excludes a wildcard (user guide: not a path through /lib/)', () => {
    const pattern = { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] };
    expect(matches(pattern, { FilePath: '/usr/bin/tool' })).toBe(true);
    expect(matches(pattern, { FilePath: '/usr/lib/tool' })).toBe(false);
  });

  it('excludes a list of wildcards', () => {
    const pattern = { detail: { state: [{ 'anything-but': { wildcard: ['*/init/*', '*/dir/*'] } }] } };
    expect(matches(pattern, withDetail({ state: 'dir/post/dir' }))).toBe(true);
    expect(matches(pattern, withDetail({ state: 'dir/init/dir' }))).toBe(false);
  });

  it('with an empty wildcard excludes only the empty string', () => {
    const pattern = { detail: { FilePath: [{ 'anything-but': { wildcard: '' } }] } };
    expect(matches(pattern, withDetail({ FilePath: 'dir/init/file' }))).toBe(true);
    expect(matches(pattern, withDetail({ FilePath: '' }))).toBe(false);
  });

  it('matches null, as AWS does', () => {
    for (const operand of ['initializing', ['stopped', 'running'], { prefix: 'init' }, { suffix: '.txt' }]) {
      expect(matches({ detail: { state: [{ 'anything-but': operand }] } }, withDetail({ state: null }))).toBe(
        true,
      );
    }
    expect(
      matches(
        { detail: { state: [{ 'anything-but': { wildcard: '*/dir/*' } }] } },
        withDetail({ state: null }),
      ),
    ).toBe(true);
    expect(
      matches(
        { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'x' } }] } },
        withDetail({ state: null }),
      ),
    ).toBe(true);
  });

  it('matches values of other types, as AWS does (a number against a prefix or wildcard)', () => {
    expect(
      matches({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, withDetail({ state: 12 })),
    ).toBe(true);
    expect(
      matches({ detail: { p: [{ 'anything-but': { wildcard: '*/dir/*' } }] } }, withDetail({ p: 123 })),
    ).toBe(true);
    expect(matches({ detail: { n: [{ 'anything-but': '101' }] } }, withDetail({ n: 101 }))).toBe(true);
  });

  it('never matches a missing field', () => {
    for (const operand of [
      'x',
      ['x', 'y'],
      { prefix: 'x' },
      { suffix: 'x' },
      { wildcard: '*x' },
      { 'equals-ignore-case': 'x' },
    ]) {
      expect(matches({ detail: { state: [{ 'anything-but': operand }] } }, withDetail({}))).toBe(false);
    }
  });

  it('matches an array when one element is not excluded', () => {
    const pattern = { detail: { state: [{ 'anything-but': 'stopped' }] } };
    expect(matches(pattern, withDetail({ state: ['stopped', 'running'] }))).toBe(true);
    expect(matches(pattern, withDetail({ state: ['stopped'] }))).toBe(false);
  });
});

describe('numeric', () => {
  it('matches the ranges of the user guide example', () => {
    const pattern = {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    };
    expect(matches(pattern, rulerEvent)).toBe(true);
    expect(matches(pattern, { detail: { ...rulerEvent.detail, 'c-count': 42 } })).toBe(false);
  });

  it('honours open and closed bounds', () => {
    const at = (op: string, bound: number, value: number) =>
      matches({ n: [{ numeric: [op, bound] }] }, { n: value });
    expect([at('<', 200, 200), at('<=', 200, 200), at('>', 200, 200), at('>=', 200, 200)]).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect(matches({ n: [{ numeric: ['>=', 200, '<', 500] }] }, { n: 500 })).toBe(false);
    expect(matches({ n: [{ numeric: ['>', 200, '<=', 500] }] }, { n: 500 })).toBe(true);
  });

  it('compares integers and decimals alike (101.0 > 100)', () => {
    expect(matches({ number: [{ numeric: ['>', 100] }] }, { number: 101.0 })).toBe(true);
  });

  it('matches numbers only, not numeric strings or null', () => {
    expect(matches({ number: [{ numeric: ['>', 100] }] }, { number: '300' })).toBe(false);
    expect(matches({ number: [{ numeric: ['>', 100] }] }, { number: null })).toBe(false);
  });

  it('matches negative and fractional values', () => {
    expect(matches({ t: [{ numeric: ['>=', -10.5, '<', -1e-3] }] }, { t: -5 })).toBe(true);
  });

  it('matches the many-rules example AWS answered true for', () => {
    const pattern = {
      source: [{ exists: true }],
      'detail-type': [{ prefix: 'core.app' }],
      detail: {
        description: ['this-is-event-details'],
        amount: [200],
        salary: [2000, 4000],
        env: ['dev', 'prod'],
        user: ['user1', 'user2', 'user3'],
        admins: ['skyli', { prefix: 'hey' }, { prefix: 'ad' }],
        test1: [{ 'anything-but': 200 }],
        test2: [{ 'anything-but': 'test2' }],
        test3: [{ 'anything-but': ['test3', 'test33'] }],
        test4: [{ 'anything-but': { prefix: 'test4' } }],
        'num-test1': [{ numeric: ['<', 200] }],
        'num-test2': [{ numeric: ['<=', 200] }],
        'num-test3': [{ numeric: ['>', 200] }],
        'num-test4': [{ numeric: ['>=', 200] }],
        'num-test5': [{ numeric: ['>=', 200, '<=', 500] }],
        'num-test6': [{ numeric: ['>', 200, '<', 500] }],
        'num-test7': [{ numeric: ['>=', 200, '<', 500] }],
      },
    };
    const event = {
      source: 'core.update-account-command',
      'detail-type': 'core.app.backend',
      detail: {
        description: 'this-is-event-details',
        amount: 200,
        salary: 2000,
        env: 'prod',
        user: 'user3',
        admins: 'admin',
        test1: 300,
        test2: 'test22',
        test3: 'test333',
        test4: 'this test4',
        'num-test1': 100,
        'num-test2': 200,
        'num-test3': 300,
        'num-test4': 200,
        'num-test5': 500,
        'num-test6': 300,
        'num-test7': 300,
      },
    };
    expect(matches(pattern, event)).toBe(true);
  });
});

describe('IP addresses', () => {
  it('matches an IPv4 CIDR block (user guide: 10.0.0.0/24)', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };
    expect(matches(pattern, { detail: { sourceIPAddress: '10.0.0.255' } })).toBe(true);
    expect(matches(pattern, { detail: { sourceIPAddress: '10.0.1.0' } })).toBe(false);
  });

  it('does not match an invalid address or a non-string', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };
    expect(matches(pattern, { detail: { sourceIPAddress: '10.0.0.256' } })).toBe(false);
    expect(matches(pattern, { detail: { sourceIPAddress: 123 } })).toBe(false);
  });

  it('matches an IPv6 CIDR block (user guide: 2001:db8:1234:1a00::/64)', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '2001:db8:1234:1a00::/64' }] } };
    expect(matches(pattern, { detail: { sourceIPAddress: '2001:0db8:1234:1a00:0000:0000:0000:0000' } })).toBe(
      true,
    );
    expect(matches(pattern, { detail: { sourceIPAddress: '2001:db8:1234:1a00:ffff::1' } })).toBe(true);
    expect(matches(pattern, { detail: { sourceIPAddress: '2001:0db8:123f:1a01:0000:0000:0000:0000' } })).toBe(
      false,
    );
  });

  it('matches the Ruler complex example with 10.0.0.0/8', () => {
    const pattern = {
      time: [{ prefix: '2017-10-02' }],
      detail: {
        state: [{ 'anything-but': 'initializing' }],
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ 'anything-but': [100, 200, 300] }],
        'source-ip': [{ cidr: '10.0.0.0/8' }],
      },
    };
    expect(matches(pattern, rulerEvent)).toBe(true);
  });

  it('matches an exact IP value in any notation of the same address', () => {
    expect(matches({ ip: ['2001:db8::1'] }, { ip: '2001:0db8:0:0:0:0:0:1' })).toBe(true);
    expect(matches({ ip: ['10.0.0.1'] }, { ip: '10.0.0.2' })).toBe(false);
  });
});

describe('exists', () => {
  it('matches a present field with exists: true (user guide)', () => {
    expect(matches({ detail: { state: [{ exists: true }] } }, ec2Event)).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, ec2Event)).toBe(false);
  });

  it('matches an absent field with exists: false (user guide)', () => {
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, ec2Event)).toBe(true);
    expect(matches({ detail: { state: [{ exists: false }] } }, ec2Event)).toBe(false);
  });

  it('only sees leaves: an object value counts as absent (user guide)', () => {
    const event = withDetail({ state: 'running', 'c-count': { c1: 100 } });
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, event)).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, event)).toBe(false);
  });

  it('matches a deep absent path', () => {
    const pattern = { detail: { level1: { level2: { level3: { level4: [{ exists: false }] } } } } };
    expect(matches(pattern, { detail: { level1: { level2: 'l2 value' } } })).toBe(true);
    expect(matches(pattern, { detail: { level1: { level2: { level3: { level4: 'x' } } } } })).toBe(false);
  });

  it('counts null as present', () => {
    expect(
      matches({ detail: { responseElements: [{ exists: true }] } }, { detail: { responseElements: null } }),
    ).toBe(true);
  });

  it('counts an empty array as absent', () => {
    expect(matches({ resources: [{ exists: true }] }, { resources: [] })).toBe(false);
    expect(matches({ resources: [{ exists: false }] }, { resources: [] })).toBe(true);
  });

  it('ORs exists: false with another matcher of the same field', () => {
    const pattern = {
      dynamodb: { NewImage: { homemade: { S: [{ 'anything-but': ['roses'] }, { exists: false }] } } },
    };
    expect(matches(pattern, { dynamodb: { NewImage: { homemade: { N: '789' } } } })).toBe(true);
    expect(matches(pattern, { dynamodb: { NewImage: { purchased: { N: '789' } } } })).toBe(true);
    expect(matches(pattern, { dynamodb: { NewImage: { homemade: { S: 'ABCD' } } } })).toBe(true);
    expect(matches(pattern, { dynamodb: { NewImage: { homemade: { S: 'roses' } } } })).toBe(false);
  });
});

describe('equals-ignore-case', () => {
  it('matches whatever the case (user guide)', () => {
    const pattern = { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] };
    expect(matches(pattern, ec2Event)).toBe(true);
    expect(matches({ 'detail-type': [{ 'equals-ignore-case': 'I do not match' }] }, ec2Event)).toBe(false);
  });

  it('matches an empty string only with an empty string', () => {
    expect(matches({ v: [{ 'equals-ignore-case': '' }] }, { v: '' })).toBe(true);
    expect(matches({ v: [{ 'equals-ignore-case': '' }] }, { v: 'test-value' })).toBe(false);
  });
});

describe('wildcard', () => {
  it('matches the event bus ARN example of the user guide', () => {
    const pattern = { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] };
    expect(
      matches(pattern, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus' }),
    ).toBe(true);
    expect(
      matches(pattern, { EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/myEventBus' }),
    ).toBe(false);
  });

  it('matches zero, one or many characters with one star', () => {
    const pattern = { FileName: [{ wildcard: '*.png' }] };
    expect(['.png', 'a.png', 'dir/sub/b.png'].map((FileName) => matches(pattern, { FileName }))).toEqual([
      true,
      true,
      true,
    ]);
    expect(matches(pattern, { FileName: 'a.png.bak' })).toBe(false);
  });

  it('matches a star in the middle of the text (blog: *Title*)', () => {
    expect(matches({ t: [{ wildcard: '*Title*' }] }, { t: 'A Title here' })).toBe(true);
    expect(matches({ t: [{ wildcard: '*Title*' }] }, { t: 'A title here' })).toBe(false);
  });

  it('matches repeating sequences after a star', () => {
    const pattern = { FileName: [{ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }] };
    expect(matches(pattern, { FileName: '/Users/ls_user/dir/dir/dir/dir/dir/doc.txt' })).toBe(true);
    expect(matches(pattern, { FileName: '/Users/ls_user/dir/dir/dir/dir/otherdir/doc.txt' })).toBe(false);
  });

  it('treats \\* as a literal star and \\\\ as a literal backslash', () => {
    expect(matches({ v: [{ wildcard: 'a\\*b' }] }, { v: 'a*b' })).toBe(true);
    expect(matches({ v: [{ wildcard: 'a\\*b' }] }, { v: 'axb' })).toBe(false);
    expect(matches({ v: [{ wildcard: 'a\\\\*' }] }, { v: 'a\\tail' })).toBe(true);
  });

  it('with an empty pattern matches only the empty string', () => {
    expect(matches({ v: [{ wildcard: '' }] }, { v: 'x' })).toBe(false);
    expect(matches({ v: [{ wildcard: '' }] }, { v: '' })).toBe(true);
  });

  it('only applies to strings', () => {
    expect(matches({ v: [{ wildcard: '*' }] }, { v: 1 })).toBe(false);
  });
});

describe('$or', () => {
  it('matches one of the numeric alternatives (user guide)', () => {
    const pattern = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    };
    expect(matches(pattern, { detail: { 'c-count': 0, 'd-count': 0, 'x-limit': 902 } })).toBe(true);
    expect(matches(pattern, { detail: { 'c-count': 0, 'd-count': 10, 'x-limit': 902 } })).toBe(false);
  });

  it('ANDs the fields outside $or with each alternative (Ruler: normal Or)', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    expect(matches(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/ES' })).toBe(true);
    expect(matches(pattern, { source: 'aws.ec2', namespace: 'AWS/ES' })).toBe(false);
    expect(matches(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/S3' })).toBe(false);
  });

  it('combines parallel $or (Ruler: parallel Or)', () => {
    const pattern = {
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
      detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] },
    };
    expect(
      matches(pattern, {
        metricName: 'ReadLatency',
        detail: { 'detail-type': 'CloudWatch Alarm State Change' },
      }),
    ).toBe(true);
    expect(matches(pattern, { metricName: 'ReadLatency', detail: { source: 'aws.ec2' } })).toBe(false);
  });

  it('allows an AND inside an alternative (Ruler: Or has an And inside)', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'] },
        { scope: ['Service'] },
      ],
    };
    expect(
      matches(pattern, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2' }),
    ).toBe(true);
    expect(matches(pattern, { source: 'aws.cloudwatch', metricType: 'MetricType' })).toBe(false);
    expect(matches(pattern, { source: 'aws.cloudwatch', scope: 'Service' })).toBe(true);
  });

  it('nests $or inside an alternative (Ruler: nested Or and And)', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        {
          metricType: ['MetricType'],
          namespace: ['AWS/EC2', 'AWS/ES'],
          $or: [{ metricId: [1234] }, { spaceId: [1000] }],
        },
        { scope: ['Service'] },
      ],
    };
    const base = { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2' };
    expect(matches(pattern, { ...base, spaceId: 1000 })).toBe(true);
    expect(matches(pattern, base)).toBe(false);
  });

  it('lets a field inside an alternative replace the same field given before it', () => {
    const pattern = { a: ['x'], $or: [{ a: ['y'] }, { b: ['z'] }] };
    expect(matches(pattern, { a: 'y' })).toBe(true);
    expect(matches(pattern, { a: 'x', b: 'z' })).toBe(true);
    expect(matches(pattern, { a: 'x' })).toBe(false);
  });
});

describe('a flattened event', () => {
  it('serves several patterns', () => {
    const flat = flatten(ec2Event);
    expect(EventPattern.compile('{"source":["aws.ec2"]}').matches(flat)).toBe(true);
    expect(EventPattern.compile('{"detail":{"state":["running"]}}').matches(flat)).toBe(false);
  });
});
