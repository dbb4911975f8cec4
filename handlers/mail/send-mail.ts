/** The mail outbox's consumer: renders each message and sends it with SES v2, once per dedupe key. */
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { catalogue } from '../../config/catalogue';
import { dynamoUserStore } from '../entitlements/users';
import { USERS_TABLE } from '../entitlements/tables';
import { documents } from '../shared/clients';
import { ConfigError } from '../shared/errors';
import { handlerOf, logger } from '../shared/lambda';
import { resourceName } from '../shared/resources';
import { deliverBatch, type DeliverDeps } from './deliver';
import { MAIL_FROM, SENT_MAILS_TABLE } from './outbox';
import { dynamoSentMarkers } from './sent-markers';

const ses = new SESv2Client({});
const users = dynamoUserStore(documents, resourceName('table', USERS_TABLE));
const appUrl = process.env.APP_URL;
if (!appUrl) throw new ConfigError('APP_URL is not set: the links in mail need it');

const deps: DeliverDeps = {
  markers: dynamoSentMarkers(documents, resourceName('table', SENT_MAILS_TABLE)),
  async send({ to, subject, text }) {
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: MAIL_FROM,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: text } } } },
      }),
    );
  },
  issueInvitation: (email, userId, now) => users.issueInvitation(email, userId, now),
  courseTitle: (courseId) => catalogue.courses[courseId]?.title ?? courseId,
  appUrl,
  now: Date.now,
};

interface SqsEvent {
  Records: Array<{ messageId: string; body: string }>;
}

export const handler = handlerOf((event: SqsEvent) =>
  deliverBatch(event.Records, deps, (record, error) =>
    logger.warn({
      message: 'mail not sent',
      messageId: record.messageId,
      error: error instanceof Error ? error.name : String(error),
      reason: error instanceof Error ? error.message : undefined,
    }),
  ),
);
