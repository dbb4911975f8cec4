import { AwsError } from '../http/aws-error';
import type { Operation } from '../http/json-rpc';
import { busNameOf, LOCAL_ACCOUNT, ruleArn } from './arns';
import type { LocalEventBridge } from './local-eventbridge';
import { EventPattern, InvalidEventPatternError } from './pattern/pattern';
import type { RuleRecord, RuleState } from './records';
import { BUS_NAME_OR_ARN_PATTERN, Checks, NAME_PATTERN, pageOf, type Input } from './validation';

const RULE_STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'] as const;
/** The members TestEventPattern requires of the event. */
const EVENT_MEMBERS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

/** An event pattern, or InvalidEventPatternException with AWS's reason. */
export function compilePattern(text: string): EventPattern {
  try {
    return EventPattern.compile(text);
  } catch (error) {
    if (error instanceof InvalidEventPatternError)
      throw new AwsError('InvalidEventPatternException', error.message);
    throw error;
  }
}

/** The rule name and its bus (EventBusName: a name or an ARN, default `default`). */
export function ruleKey(input: Input, checks: Checks, member = 'Name'): { bus: string; name: string } {
  const name = checks.string(input, member, { required: true, min: 1, max: 64, pattern: NAME_PATTERN });
  const bus = checks.string(input, 'EventBusName', { min: 1, max: 1600, pattern: BUS_NAME_OR_ARN_PATTERN });
  checks.done();
  return { bus: busNameOf(bus), name: name! };
}

/** PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule, TestEventPattern. */
export function ruleOperations(events: LocalEventBridge): Record<string, Operation> {
  const { model } = events;
  const summary = (rule: RuleRecord) => ({
    Name: rule.name,
    Arn: ruleArn(rule.bus, rule.name),
    EventPattern: rule.eventPattern,
    State: rule.state,
    ...(rule.description ? { Description: rule.description } : {}),
    ...(rule.roleArn ? { RoleArn: rule.roleArn } : {}),
    EventBusName: rule.bus,
  });

  return {
    PutRule(input) {
      const checks = new Checks();
      const eventPattern = checks.string(input, 'EventPattern', { max: 4096 });
      const schedule = checks.string(input, 'ScheduleExpression', { max: 256 });
      const state = checks.string(input, 'State', { values: RULE_STATES }) as RuleState | undefined;
      const description = checks.string(input, 'Description', { max: 512 });
      const roleArn = checks.string(input, 'RoleArn', { min: 1, max: 1600 });
      const { bus, name } = ruleKey(input, checks);
      if (eventPattern === undefined && schedule === undefined) {
        throw new AwsError(
          'ValidationException',
          'Parameter(s) EventPattern or ScheduleExpression must be specified.',
        );
      }
      if (schedule !== undefined) {
        throw new AwsError(
          'ValidationException',
          'Parameter ScheduleExpression is not valid. Reason: scheduled rules are not supported by the local EventBridge.',
        );
      }
      const pattern = compilePattern(eventPattern!);
      const rule = model.putRule(
        {
          name,
          bus,
          eventPattern: eventPattern!,
          state: state ?? 'ENABLED',
          ...(description ? { description } : {}),
          ...(roleArn ? { roleArn } : {}),
        },
        pattern,
      );
      return { RuleArn: ruleArn(rule.bus, rule.name) };
    },

    DescribeRule(input) {
      const { bus, name } = ruleKey(input, new Checks());
      return { ...summary(model.rule(bus, name)), CreatedBy: LOCAL_ACCOUNT };
    },

    ListRules(input) {
      const checks = new Checks();
      const prefix = checks.string(input, 'NamePrefix', { min: 1, max: 64, pattern: NAME_PATTERN });
      const busName = checks.string(input, 'EventBusName', {
        min: 1,
        max: 1600,
        pattern: BUS_NAME_OR_ARN_PATTERN,
      });
      const rules = model
        .listRules(busNameOf(busName))
        .filter((rule) => prefix === undefined || rule.name.startsWith(prefix));
      const { page, NextToken } = pageOf(rules, input, checks);
      return { Rules: page.map(summary), ...(NextToken ? { NextToken } : {}) };
    },

    DeleteRule(input) {
      const { bus, name } = ruleKey(input, new Checks());
      model.deleteRule(bus, name);
      return {};
    },

    EnableRule(input) {
      const { bus, name } = ruleKey(input, new Checks());
      model.setRuleState(bus, name, 'ENABLED');
      return {};
    },

    DisableRule(input) {
      const { bus, name } = ruleKey(input, new Checks());
      model.setRuleState(bus, name, 'DISABLED');
      return {};
    },

    TestEventPattern(input) {
      const checks = new Checks();
      const pattern = checks.string(input, 'EventPattern', { required: true });
      const text = checks.string(input, 'Event', { required: true });
      checks.done();
      let event: unknown;
      try {
        event = JSON.parse(text!);
      } catch {
        throw new AwsError('ValidationException', 'Parameter Event is not valid.');
      }
      if (
        typeof event !== 'object' ||
        event === null ||
        Array.isArray(event) ||
        !EVENT_MEMBERS.every((m) => m in event)
      ) {
        throw new AwsError('ValidationException', 'Parameter Event is not valid.');
      }
      return { Result: compilePattern(pattern!).matches(event) };
    },
  };
}
