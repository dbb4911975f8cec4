import { renderMail } from './message';

const context = { courseTitle: 'Video Basics', appUrl: 'https://lectern.test' };
const common = { dedupeKey: 'k', to: 'ada@example.com', courseId: 'video-basics' };

it('says a refund ended the access', () => {
  expect(renderMail({ kind: 'access-revoked', reason: 'refund', ...common }, context)).toEqual({
    subject: 'Your access to Video Basics has ended',
    text: 'Your payment for Video Basics was refunded, so the course is no longer in your library.\n',
  });
});

it('says a dispute ended the access', () => {
  expect(renderMail({ kind: 'access-revoked', reason: 'dispute', ...common }, context).text).toContain(
    'was disputed',
  );
});

it('refuses to render an invitation without its token', () => {
  expect(() => renderMail({ kind: 'invitation', userId: 'u1', ...common }, context)).toThrow(
    'An invitation needs its set-password token',
  );
});
