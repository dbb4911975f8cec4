import { FaultSwitch } from './faults';

describe('FaultSwitch', () => {
  it('lets every call through while up', () => {
    const faults = new FaultSwitch();
    expect(faults.take()).toBeUndefined();
    expect(faults.state()).toEqual({ mode: 'up', failed: 0 });
  });

  it('fails the next N calls with 503, then comes back up by itself', () => {
    const faults = new FaultSwitch();
    expect(faults.set({ mode: 'down', failNext: 2 })).toEqual({
      mode: 'down',
      remaining: 2,
      status: 503,
      drop: false,
      failed: 0,
    });
    expect(faults.take()).toEqual({ status: 503, drop: false });
    expect(faults.take()).toEqual({ status: 503, drop: false });
    expect(faults.take()).toBeUndefined();
    expect(faults.state()).toEqual({ mode: 'up', failed: 2 });
  });

  it('stays down until set up, with the status or the dropped connection asked for', () => {
    const faults = new FaultSwitch();
    faults.set({ mode: 'down', status: 500, drop: true });
    for (let call = 0; call < 5; call++) expect(faults.take()).toEqual({ status: 500, drop: true });
    expect(faults.state()).toMatchObject({ mode: 'down', remaining: null, failed: 5 });
    faults.set({ mode: 'up' });
    expect(faults.take()).toBeUndefined();
  });

  it('refuses a setting it cannot apply, and keeps the one it had', () => {
    const faults = new FaultSwitch();
    faults.set({ mode: 'down' });
    expect(() => faults.set({ mode: 'sideways' })).toThrow(/mode/);
    expect(() => faults.set({ mode: 'down', failNext: 0 })).toThrow(/failNext/);
    expect(() => faults.set({ mode: 'down', status: 200 })).toThrow(/status/);
    expect(() => faults.set({ mode: 'up', failNext: 1 })).toThrow(/failNext/);
    expect(faults.state()).toMatchObject({ mode: 'down', remaining: null });
  });
});
