import { addressOf, parseAddressList, parseMime } from './mime';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));

describe('parseMime', () => {
  it('reads headers and a single-part text body', () => {
    const parsed = parseMime(crlf(['From: a@b.com', 'To: c@d.com', 'Subject: Hello', '', 'plain body']));
    expect(parsed).toEqual({
      headers: { from: 'a@b.com', to: 'c@d.com', subject: 'Hello' },
      text: 'plain body',
      attachments: [],
    });
  });

  it('unfolds folded headers and decodes encoded words', () => {
    const parsed = parseMime(
      crlf([
        'Subject: =?UTF-8?B?w5xiZXI=?=',
        ' =?UTF-8?Q?_cours_=C3=A9t=C3=A9?=',
        'X-Long: one',
        '\ttwo',
        '',
        '',
      ]),
    );
    expect(parsed.headers.subject).toBe('Über cours été');
    expect(parsed.headers['x-long']).toBe('one two');
  });

  it('reads text and HTML alternatives and an attachment from nested multiparts', () => {
    const raw = crlf([
      'From: a@b.com',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      'preamble',
      '--outer',
      'Content-Type: multipart/alternative; boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Caf=C3=A9 =',
      'ouvert',
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<p>Café</p>').toString('base64'),
      '--inner--',
      '--outer',
      'Content-Type: application/pdf; name="invoice.pdf"',
      'Content-Disposition: attachment; filename="invoice.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4').toString('base64'),
      '--outer--',
      'epilogue',
    ]);
    const parsed = parseMime(raw);
    expect(parsed.text).toBe('Café ouvert');
    expect(parsed.html).toBe('<p>Café</p>');
    expect(parsed.attachments).toEqual([
      { fileName: 'invoice.pdf', contentType: 'application/pdf', size: 8 },
    ]);
  });
});

describe('addresses', () => {
  it('splits an address list, keeping commas inside quotes', () => {
    expect(parseAddressList('A <a@x.com>, "B, Jr." <b@y.com>,c@z.com')).toEqual([
      'A <a@x.com>',
      '"B, Jr." <b@y.com>',
      'c@z.com',
    ]);
  });

  it('reads the address of a mailbox', () => {
    expect(addressOf('"Lectern" <no-reply@lectern.dev>')).toBe('no-reply@lectern.dev');
    expect(addressOf(' plain@lectern.dev ')).toBe('plain@lectern.dev');
  });
});
