import { AlreadyInProgressError, InvalidEventError } from '../shared/errors';
import { deliverBatch, deliverMail, type Claim, type DeliverDeps, type OutgoingMail } from './deliver';

/** Markers in memory with the lease semantics of the table, and a mailer that remembers what it sent. */
function fakes(options: { failSend?: boolean; pending?: boolean } = {}) {
  const markers = new Map<string, { sent: boolean; claimedUntil: number }>();
  const sent: OutgoingMail[] = [];
  const deps: DeliverDeps = {
    markers: {
      async claim(key, now): Promise<Claim> {
        const marker = markers.get(key);
        if (marker?.sent) return 'sent';
        if (marker && marker.claimedUntil >= now) return 'busy';
        markers.set(key, { sent: false, claimedUntil: now + 60_000 });
        return 'claimed';
      },
      async markSent(key) {
        markers.set(key, { sent: true, claimedUntil: 0 });
      },
      async release(key) {
        markers.set(key, { sent: false, claimedUntil: 0 });
      },
    },
    async send(mail) {
      if (options.failSend) throw new Error('SES is down');
      sent.push(mail);
    },
    issueInvitation: async () => (options.pending === false ? undefined : 'tok-1'),
    courseTitle: () => 'Video Basics',
    appUrl: 'https://lectern.test',
    now: () => 1_000,
  };
  return { deps, sent, markers };
}

const access = JSON.stringify({
  kind: 'access-granted',
  dedupeKey: 'access-granted:stripe#pi_1',
  to: 'ada@example.com',
  courseId: 'video-basics',
});
const invitation = JSON.stringify({
  kind: 'invitation',
  dedupeKey: 'invitation:u1',
  to: 'ada@example.com',
  userId: 'u1',
  courseId: 'video-basics',
});

it('renders and sends the mail a message describes', async () => {
  const { deps, sent } = fakes();
  await expect(deliverMail(access, deps)).resolves.toBe('sent');
  expect(sent).toEqual([
    {
      to: 'ada@example.com',
      subject: 'You have access to Video Basics',
      text: 'Video Basics is now in your library:\nhttps://lectern.test/courses/video-basics\n',
    },
  ]);
});

it('does not send a redelivered message again', async () => {
  const { deps, sent } = fakes();
  await deliverMail(access, deps);
  await expect(deliverMail(access, deps)).resolves.toBe('duplicate');
  expect(sent).toHaveLength(1);
});

it('puts the set-password link in an invitation', async () => {
  const { deps, sent } = fakes();
  await deliverMail(invitation, deps);
  expect(sent[0].text).toContain('https://lectern.test/set-password?token=tok-1');
});

it('sends no invitation to an account that is no longer pending', async () => {
  const { deps, sent } = fakes({ pending: false });
  await expect(deliverMail(invitation, deps)).resolves.toBe('skipped');
  expect(sent).toEqual([]);
});

it('gives the claim up when sending fails, so the retry sends', async () => {
  const failing = fakes({ failSend: true });
  await expect(deliverMail(access, failing.deps)).rejects.toThrow('SES is down');
  expect(failing.markers.get('access-granted:stripe#pi_1')).toEqual({ sent: false, claimedUntil: 0 });
});

it('waits while another delivery holds the claim', async () => {
  const { deps } = fakes();
  await deps.markers.claim('access-granted:stripe#pi_1', 1_000);
  await expect(deliverMail(access, deps)).rejects.toThrow(AlreadyInProgressError);
});

it('refuses a message that is not an outbox message', async () => {
  const { deps } = fakes();
  await expect(deliverMail('{"kind":"spam"}', deps)).rejects.toThrow(InvalidEventError);
});

it('reports only the failed messages of a batch', async () => {
  const { deps, sent } = fakes();
  const result = await deliverBatch(
    [
      { messageId: 'm1', body: access },
      { messageId: 'm2', body: 'not json' },
    ],
    deps,
  );
  expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
  expect(sent).toHaveLength(1);
});
