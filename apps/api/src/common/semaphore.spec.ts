import { Semaphore, SemaphoreFullError } from './semaphore.js';

/** A task that runs until `finish()` is called, recording when it started. */
function gate(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      started.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('runs at most `limit` tasks at once, the next one starting when one ends', async () => {
    const semaphore = new Semaphore(2, 10);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => gate(started, name));
    const results = tasks.map((task) => semaphore.run(task.task));
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(semaphore.load).toEqual({ running: 2, waiting: 2 });

    tasks[1].finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    expect(semaphore.load).toEqual({ running: 2, waiting: 1 });

    tasks[0].finish();
    tasks[2].finish();
    tasks[3].finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(semaphore.load).toEqual({ running: 0, waiting: 0 });
  });

  it('never exceeds the limit under many concurrent callers', async () => {
    const semaphore = new Semaphore(3, 1000);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        semaphore.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, index % 3));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(semaphore.load).toEqual({ running: 0, waiting: 0 });
  });

  it('starts waiting tasks in the order they arrived (FIFO)', async () => {
    const semaphore = new Semaphore(1, 10);
    const started: string[] = [];
    const first = gate(started, 'first');
    const running = semaphore.run(first.task);
    const order: string[] = [];
    const queued = ['q1', 'q2', 'q3', 'q4', 'q5'].map((name) =>
      semaphore.run(async () => {
        order.push(name);
        await tick();
      }),
    );
    await tick();
    expect(order).toEqual([]);
    first.finish();
    await Promise.all([running, ...queued]);
    expect(order).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
  });

  it('refuses at once beyond the queue limit, and queues again once there is room', async () => {
    const semaphore = new Semaphore(1, 2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c'].map((name) => gate(started, name));
    const accepted = tasks.map((task) => semaphore.run(task.task));
    let refusedRan = false;
    await expect(semaphore.run(async () => (refusedRan = true))).rejects.toBeInstanceOf(SemaphoreFullError);
    expect(refusedRan).toBe(false);
    expect(semaphore.load).toEqual({ running: 1, waiting: 2 });

    tasks[0].finish();
    await tick();
    const late = gate(started, 'late');
    const lateResult = semaphore.run(late.task);
    expect(semaphore.load).toEqual({ running: 1, waiting: 2 });
    tasks[1].finish();
    tasks[2].finish();
    late.finish();
    expect(await Promise.all([...accepted, lateResult])).toEqual(['a', 'b', 'c', 'late']);
    expect(started).toEqual(['a', 'b', 'c', 'late']);
  });

  it('frees the slot when a task fails', async () => {
    const semaphore = new Semaphore(1, 0);
    await expect(semaphore.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(semaphore.load).toEqual({ running: 0, waiting: 0 });
    await expect(semaphore.run(async () => 'ok')).resolves.toBe('ok');
  });

  it('with a queue limit of 0, refuses whenever every slot is taken', async () => {
    const semaphore = new Semaphore(1, 0);
    const started: string[] = [];
    const busy = gate(started, 'busy');
    const running = semaphore.run(busy.task);
    await expect(semaphore.run(async () => 'second')).rejects.toBeInstanceOf(SemaphoreFullError);
    busy.finish();
    await running;
  });
});
