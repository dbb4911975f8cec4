import type { BusEvent } from './entries';
import type { TargetRecord } from './records';
import { renderInput } from './transform';

/**
 * Input rendering, with the templates and answers AWS was recorded giving (LocalStack's
 * EventBridge input snapshot tests, delivered to SQS) and the user guide's rules.
 */

const event: BusEvent = {
  version: '0',
  id: 'e-1',
  'detail-type': 'core.update-account-command',
  source: 'core.update-account-command',
  account: '000000000000',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    command: 'update-account',
    payload: { acc_id: '0a787ecb-4015', sf_id: 'baz' },
    listsingle: ['HIGH'],
    listmulti: ['ACTIVE', 'INACTIVE'],
    valid: true,
  },
};
const rule = {
  ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/r',
  ruleName: 'r',
  ingestedAt: Date.UTC(2026, 0, 1),
};

const paths = {
  'detail-type': '$.detail-type',
  timestamp: '$.time',
  command: '$.detail.command',
  userId: '$.detail.payload.acc_id',
  payload: '$.detail.payload',
  systemstring: '$.detail.awsAccountId',
  listsingle: '$.detail.listsingle',
  listmulti: '$.detail.listmulti',
  valid: '$.detail.valid',
};

function render(target: Partial<TargetRecord>) {
  return renderInput({ Id: 't', Arn: 'arn', ...target }, event, rule);
}
const fill = (template: string, map: Record<string, string> = paths) =>
  render({ InputTransformer: { InputPathsMap: map, InputTemplate: template } });

describe('renderInput', () => {
  it('sends the whole event by default', () => {
    expect(render({})).toEqual({ payload: JSON.stringify(event) });
  });

  it('sends constant Input as it is', () => {
    expect(render({ Input: '{"fixed": 1}' })).toEqual({ payload: '{"fixed": 1}' });
  });

  it('sends what InputPath selects, as JSON (a string quoted)', () => {
    expect(render({ InputPath: '$.detail.payload' })).toEqual({
      payload: '{"acc_id":"0a787ecb-4015","sf_id":"baz"}',
    });
    expect(render({ InputPath: '$.detail.payload.sf_id' })).toEqual({ payload: '"baz"' });
  });

  it('fails when InputPath selects nothing', () => {
    expect(render({ InputPath: '$.detail.missing' })).toMatchObject({
      failure: { code: 'INVALID_PARAMETER' },
    });
  });
});

describe('input templates (AWS recorded)', () => {
  it('fills a string template, values in place', () => {
    expect(
      fill('"Event of <detail-type> type, at time <timestamp>, info extracted from detail <command>"'),
    ).toEqual({
      payload:
        '"Event of core.update-account-command type, at time 2026-01-01T00:00:00Z, info extracted from detail update-account"',
    });
  });

  it('fills a missing value with the empty string', () => {
    expect(fill('"info <command>"', { command: '$.detail.notinmessage' })).toEqual({ payload: '"info "' });
  });

  it('quotes strings outside quotes in a JSON template', () => {
    const out = fill('{"detailType": <detail-type>,  "time": <timestamp>, "command": <command>}');
    expect(JSON.parse((out as { payload: string }).payload)).toEqual({
      detailType: 'core.update-account-command',
      time: '2026-01-01T00:00:00Z',
      command: 'update-account',
    });
  });

  it('gives a missing value as "" outside quotes', () => {
    const out = fill('{"command": <command>}', { command: '$.detail.notinmessage' });
    expect(out).toEqual({ payload: '{"command": ""}' });
  });

  it('keeps quoted placeholders as text, repeated or nested', () => {
    const out = fill(
      '{"method": "PUT", "nested": {"level1": {"level2": {"level3": "users-service/users/<userId>"} } }, "bod": "<userId>", "m": "users/<userId>/second/<userId>"}',
    );
    expect(JSON.parse((out as { payload: string }).payload)).toEqual({
      method: 'PUT',
      nested: { level1: { level2: { level3: 'users-service/users/0a787ecb-4015' } } },
      bod: '0a787ecb-4015',
      m: 'users/0a787ecb-4015/second/0a787ecb-4015',
    });
  });

  it('inserts objects and arrays as JSON outside quotes', () => {
    const out = fill('{"body": <payload>, "bod": [<userId>, "hardcoded"], "singlelistitem": <listsingle>}');
    expect(JSON.parse((out as { payload: string }).payload)).toEqual({
      body: { acc_id: '0a787ecb-4015', sf_id: 'baz' },
      bod: ['0a787ecb-4015', 'hardcoded'],
      singlelistitem: ['HIGH'],
    });
  });

  it('strips the quotes of objects and arrays inside a string template', () => {
    expect(
      fill(
        '"<listsingle> single list item <listmulti> multiple list items <systemstring> system account id <payload> payload <userId> user id"',
      ),
    ).toEqual({
      payload:
        '"[HIGH] single list item [ACTIVE,INACTIVE] multiple list items  system account id {acc_id:0a787ecb-4015,sf_id:baz} payload 0a787ecb-4015 user id"',
    });
  });

  it('writes booleans as their text', () => {
    expect(fill('"Command is <valid>!"')).toEqual({ payload: '"Command is true!"' });
  });

  it('leaves text starting with special characters alone', () => {
    expect(fill('"{[/Check with special starting characters for event of <detail-type> type"')).toEqual({
      payload: '"{[/Check with special starting characters for event of core.update-account-command type"',
    });
  });

  it('fails a JSON template whose result is not JSON (an object inside quotes)', () => {
    for (const template of ['{"payload": "<payload>"}', '{"singlelistitem": "<listsingle>"}']) {
      expect(fill(template)).toMatchObject({ failure: { code: 'INVALID_JSON' } });
    }
  });
});

describe('predefined variables', () => {
  it('gives the rule ARN, rule name and ingestion time', () => {
    expect(
      fill('"<aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>"', {}),
    ).toEqual({
      payload: `"${rule.ruleArn} r 2026-01-01T00:00:00.000Z"`,
    });
  });

  it('gives the event without its detail, and the whole event as JSON', () => {
    const out = fill(
      '{"originalEvent": <aws.events.event>, "originalEventJson": <aws.events.event.json>}',
      {},
    );
    expect(JSON.parse((out as { payload: string }).payload)).toEqual({
      originalEvent: {
        id: 'e-1',
        account: '000000000000',
        detailType: 'core.update-account-command',
        time: '2026-01-01T00:00:00Z',
        source: 'core.update-account-command',
        region: 'us-east-1',
        resources: [],
        version: '0',
      },
      originalEventJson: event,
    });
  });
});
