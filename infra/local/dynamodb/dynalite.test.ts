import { connect } from 'node:net';
import { Dynalite, DynamoDbError } from './dynalite';

let dynalite: Dynalite;

beforeAll(async () => {
  dynalite = await Dynalite.start(null);
});
afterAll(() => dynalite.close());

describe('Dynalite', () => {
  it('answers an API call with its output', async () => {
    await expect(dynalite.call('ListTables', {})).resolves.toEqual({ TableNames: [] });
  });

  it('rejects with the error name, message and status of an error answer', async () => {
    const error = await dynalite.call('DescribeTable', { TableName: 'missing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoDbError);
    expect(error).toMatchObject({
      code: 'ResourceNotFoundException',
      status: 400,
      message: expect.any(String),
    });
  });

  it('keeps running when a connection drops in the middle of a request', async () => {
    const socket = connect(dynalite.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"Table');
    await new Promise((resolve) => setImmediate(resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.destroy();
    await closed;
    await expect(dynalite.call('ListTables', {})).resolves.toEqual({ TableNames: [] });
  });

  it('refuses calls once closed, after finishing those in flight', async () => {
    const own = await Dynalite.start(null);
    const inFlight = own.call('ListTables', {});
    await own.close();
    await expect(inFlight).resolves.toEqual({ TableNames: [] });
    await expect(own.call('ListTables', {})).rejects.toThrow('The local DynamoDB is closed');
  });
});
