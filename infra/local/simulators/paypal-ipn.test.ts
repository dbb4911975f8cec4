import { encodeIpn, ipnFields, paymentDate } from './paypal-ipn';

const REQUIRED = {
  payment_status: 'Completed',
  mc_gross: '19.95',
  mc_currency: 'USD',
  receiver_email: 'sales@lectern.test',
  payer_email: 'ada@example.com',
  item_number: 'course-1',
};
const NOW = Date.UTC(2026, 0, 1);

describe('paymentDate', () => {
  it('writes PayPal time in winter as PST', () => {
    expect(paymentDate(Date.UTC(2026, 0, 13, 4, 12, 59))).toBe('20:12:59 Jan 12, 2026 PST');
  });

  it('writes PayPal time in summer as PDT, with a zero-padded day and midnight as 00', () => {
    expect(paymentDate(Date.UTC(2026, 6, 1, 7, 0, 5))).toBe('00:00:05 Jul 01, 2026 PDT');
  });
});

describe('ipnFields', () => {
  it('fills in what PayPal always sends, in its order, with ipn_track_id last', () => {
    const fields = ipnFields(REQUIRED, NOW);
    const names = fields.map(([name]) => name);
    expect(names[0]).toBe('mc_gross');
    expect(names.at(-1)).toBe('ipn_track_id');
    const values = Object.fromEntries(fields);
    expect(values).toMatchObject({
      ...REQUIRED,
      payment_date: '16:00:00 Dec 31, 2025 PST',
      charset: 'UTF-8',
      notify_version: '3.9',
      business: 'sales@lectern.test',
      txn_type: 'web_accept',
      payment_type: 'instant',
    });
    expect(values.txn_id).toMatch(/^[A-Z0-9]{17}$/);
    expect(values.ipn_track_id).toMatch(/^[0-9a-f]{13}$/);
    expect(values.verify_sign).toMatch(/^[A-Za-z0-9.-]{56}$/);
    expect(values.payer_id).toMatch(/^[A-Z0-9]{13}$/);
  });

  it('keeps a payer id for the same payer from one message to the next', () => {
    const payer = (fields: Array<[string, string]>) => Object.fromEntries(fields).payer_id;
    expect(payer(ipnFields(REQUIRED, NOW))).toBe(payer(ipnFields(REQUIRED, NOW + 1000)));
    expect(payer(ipnFields({ ...REQUIRED, payer_email: 'bob@example.com' }, NOW))).not.toBe(
      payer(ipnFields(REQUIRED, NOW)),
    );
  });

  it('takes given values over defaults, and adds extra variables before ipn_track_id', () => {
    const fields = ipnFields(
      { ...REQUIRED, txn_id: '61E67681CH3238416', txn_type: 'express_checkout', parent_txn_id: 'X1' },
      NOW,
    );
    const values = Object.fromEntries(fields);
    expect(values).toMatchObject({ txn_id: '61E67681CH3238416', txn_type: 'express_checkout' });
    expect(fields.slice(-2)).toEqual([
      ['parent_txn_id', 'X1'],
      ['ipn_track_id', values.ipn_track_id],
    ]);
  });

  it('names every missing required variable', () => {
    expect(() => ipnFields({}, NOW)).toThrow(
      'payment_status: is required; mc_gross: is required; mc_currency: is required; receiver_email: is required; payer_email: is required; item_number: is required',
    );
  });

  it('refuses an unknown payment status, an amount that is not one, and a non-string value', () => {
    expect(() => ipnFields({ ...REQUIRED, payment_status: 'Paid' }, NOW)).toThrow(
      /payment_status: must be one of Canceled_Reversal, Completed/,
    );
    expect(() => ipnFields({ ...REQUIRED, mc_gross: '19.999' }, NOW)).toThrow(
      'mc_gross: must be an amount such as "19.95"',
    );
    expect(() => ipnFields({ ...REQUIRED, quantity: 1 }, NOW)).toThrow('quantity: IPN values are strings');
  });

  it('refuses a variable name PayPal would not send', () => {
    expect(() => ipnFields({ ...REQUIRED, 'Item-Name': 'x' }, NOW)).toThrow(
      'Item-Name: is not an IPN variable name (a-z, 0-9, _)',
    );
  });
});

describe('ipnFields for a dispute case (txn_type=new_case)', () => {
  const CASE = {
    txn_type: 'new_case',
    txn_id: '61E67681CH3238416',
    case_type: 'chargeback',
    receiver_email: 'sales@lectern.test',
    payer_email: 'ada@example.com',
  };

  it('fills in a case id, its creation date and a reason, without payment variables', () => {
    const values = Object.fromEntries(ipnFields(CASE, NOW));
    expect(values).toMatchObject({
      ...CASE,
      case_creation_date: '16:00:00 Dec 31, 2025 PST',
      reason_code: 'non_receipt',
    });
    expect(values.case_id).toMatch(/^PP-\d{3}-\d{3}-\d{3}-\d{3}$/);
    expect(values).not.toHaveProperty('payment_status');
    expect(values).not.toHaveProperty('payment_date');
  });

  it('needs the disputed transaction and a case type PayPal has', () => {
    expect(() => ipnFields({ ...CASE, txn_id: undefined, case_type: 'quarrel' }, NOW)).toThrow(
      'txn_id: is required; case_type: must be one of chargeback, complaint, dispute',
    );
  });
});

describe('encodeIpn', () => {
  it('form-encodes like PayPal: spaces as +, reserved characters escaped, order kept', () => {
    expect(
      encodeIpn([
        ['payment_date', '20:12:59 Jan 13, 2009 PST'],
        ['payer_email', 'a@b.com'],
        ['custom', 'x&y=z'],
      ]),
    ).toBe('payment_date=20%3A12%3A59+Jan+13%2C+2009+PST&payer_email=a%40b.com&custom=x%26y%3Dz');
  });
});
