import { parseOptions, UsageError } from './options';

describe('parseOptions', () => {
  it('defaults to port 4566, the HTTP API on 3000 and .lectern, durable', () => {
    expect(parseOptions([], {})).toEqual({
      port: 4566,
      apiPort: 3000,
      dataDir: '.lectern',
      memory: false,
      help: false,
    });
  });

  it('takes the HTTP API port from --api-port over LECTERN_API_PORT; 0 picks a free port', () => {
    expect(parseOptions([], { LECTERN_API_PORT: '3100' })).toMatchObject({ apiPort: 3100 });
    expect(parseOptions(['--api-port', '0'], { LECTERN_API_PORT: '3100' })).toMatchObject({ apiPort: 0 });
  });

  it('takes flags over environment variables', () => {
    const env = { LECTERN_PORT: '5000', LECTERN_DATA_DIR: '/env', LECTERN_MEMORY: '1' };
    expect(parseOptions([], env)).toMatchObject({ port: 5000, dataDir: '/env', memory: true });
    expect(parseOptions(['--port', '6000', '--data-dir', '/flag'], env)).toMatchObject({
      port: 6000,
      dataDir: '/flag',
    });
  });

  it('refuses unknown flags, bad ports and a bad LECTERN_MEMORY', () => {
    expect(() => parseOptions(['--prot', '1'], {})).toThrow(UsageError);
    expect(() => parseOptions(['--port', 'http'], {})).toThrow(/--port must be/);
    expect(() => parseOptions(['--port', '70000'], {})).toThrow(/--port must be/);
    expect(() => parseOptions(['--api-port', '65536'], {})).toThrow(/--api-port must be/);
    expect(() => parseOptions([], { LECTERN_API_PORT: 'x' })).toThrow(/--api-port must be/);
    expect(() => parseOptions([], { LECTERN_MEMORY: 'yes' })).toThrow(/LECTERN_MEMORY/);
  });
});
