import { serveUntilInterrupted } from './run-service';

describe('serveUntilInterrupted (the runner of the service apps and hirelearn serve)', () => {
  it('prints the address line, serves until SIGTERM, then shuts the service down', async () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    let stopped = false;
    try {
      const served = serveUntilInterrupted('demo', async () => ({
        address: '127.0.0.1:1234',
        shutdown: async () => {
          stopped = true;
        },
      }));
      await new Promise((resolve) => setImmediate(resolve));
      expect(written).toEqual(['demo listening on 127.0.0.1:1234\n']);
      expect(stopped).toBe(false);
      process.emit('SIGTERM');
      await served;
      expect(stopped).toBe(true);
    } finally {
      write.mockRestore();
    }
  });

  it('rejects with the error of a start that fails, printing nothing', async () => {
    const write = jest.spyOn(process.stdout, 'write');
    try {
      await expect(
        serveUntilInterrupted('demo', () => Promise.reject(new Error('port 1 in use'))),
      ).rejects.toThrow('port 1 in use');
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});
