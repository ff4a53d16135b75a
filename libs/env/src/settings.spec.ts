import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  documentsUrl,
  duckdbMemory,
  listenAddress,
  portSchema,
  positiveNumber,
  readSetting,
  SettingError,
  wholeNumber,
} from './settings';

describe('readSetting', () => {
  const minutes = wholeNumber('must be a whole number of minutes >= 1', 1);

  it('coerces the text, and gives the fallback when unset or empty', () => {
    expect(readSetting({ M: '15' }, 'M', minutes, 60)).toBe(15);
    expect(readSetting({}, 'M', minutes, 60)).toBe(60);
    expect(readSetting({ M: ' ' }, 'M', minutes, 60)).toBe(60);
  });

  it.each(['soon', '1.5', '0', '-3', '1e400'])('refuses %s with the name and the rule', (v) => {
    const read = () => readSetting({ M: v }, 'M', minutes, 60);
    expect(read).toThrow(SettingError);
    expect(read).toThrow(`M: ${v} must be a whole number of minutes >= 1`);
  });

  it('takes any schema', () => {
    expect(readSetting({ U: 'sqlite:///x' }, 'U', z.string().startsWith('sqlite:'), '')).toBe(
      'sqlite:///x',
    );
  });
});

describe('positiveNumber', () => {
  it('takes fractions above 0 and names the rule otherwise', () => {
    const every = positiveNumber('must be a number of minutes > 0');
    expect(readSetting({ E: '0.5' }, 'E', every, 60)).toBe(0.5);
    expect(() => readSetting({ E: '0' }, 'E', every, 60)).toThrow(
      'E: 0 must be a number of minutes > 0',
    );
    expect(() => readSetting({ E: 'hourly' }, 'E', every, 60)).toThrow(/E: hourly must be/);
  });
});

describe('portSchema', () => {
  it('is 0 to 65535', () => {
    expect(portSchema.parse('0')).toBe(0);
    expect(portSchema.parse('65535')).toBe(65535);
    expect(portSchema.safeParse('65536').success).toBe(false);
    expect(portSchema.safeParse('80a').success).toBe(false);
  });
});

describe('listenAddress', () => {
  it('reads HIRELEARN_<SERVICE>_HOST and _PORT, with defaults', () => {
    expect(listenAddress({}, 'REGISTRY', 50051)).toEqual({ host: '127.0.0.1', port: 50051 });
    const env = { HIRELEARN_REGISTRY_HOST: '0.0.0.0', HIRELEARN_REGISTRY_PORT: '7000' };
    expect(listenAddress(env, 'REGISTRY', 50051)).toEqual({ host: '0.0.0.0', port: 7000 });
  });

  it('falls back to the shared HIRELEARN_SERVICE_HOST, below the service own host', () => {
    const env = { HIRELEARN_SERVICE_HOST: '10.0.0.2' };
    expect(listenAddress(env, 'ENSEMBLE', 1).host).toBe('10.0.0.2');
    expect(listenAddress({ ...env, HIRELEARN_ENSEMBLE_HOST: '::1' }, 'ENSEMBLE', 1).host).toBe(
      '::1',
    );
  });

  it('names the port variable when its value is not a port', () => {
    expect(() => listenAddress({ HIRELEARN_MONITOR_PORT: '70000' }, 'MONITOR', 1)).toThrow(
      'HIRELEARN_MONITOR_PORT: 70000 is not a port (0-65535)',
    );
  });
});

describe('duckdbMemory', () => {
  it('is a size with its unit, or undefined when unset', () => {
    expect(duckdbMemory({ HIRELEARN_DUCKDB_MEMORY: '4GB' })).toBe('4GB');
    expect(duckdbMemory({ HIRELEARN_DUCKDB_MEMORY: '512 MiB' })).toBe('512 MiB');
    expect(duckdbMemory({})).toBeUndefined();
    expect(() => duckdbMemory({ HIRELEARN_DUCKDB_MEMORY: '4' })).toThrow(
      'HIRELEARN_DUCKDB_MEMORY: 4 must be a size such as 512MB or 2GB',
    );
  });
});

describe('documentsUrl', () => {
  it('is HIRELEARN_DOCUMENTS, else the embedded store under the directory', () => {
    expect(documentsUrl({ HIRELEARN_DOCUMENTS: 'mongodb://h/db' }, '/w')).toBe('mongodb://h/db');
    expect(documentsUrl({}, 'w')).toBe(
      `sqlite://${join(resolve('w'), '.hirelearn', 'documents.sqlite')}`,
    );
  });
});
