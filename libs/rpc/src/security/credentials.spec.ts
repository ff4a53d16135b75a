import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCredentialsFile, readOrCreateLocalToken, sha256Hex } from './credentials';

describe('credentials', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'hirelearn-credentials-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (body: unknown): string => {
    const f = join(dir, `c${Math.random()}.json`);
    writeFileSync(f, JSON.stringify(body));
    return f;
  };

  it('maps a token (by its sha256) and a certificate name to an identity and a role', () => {
    const p = readCredentialsFile(
      file({
        principals: [
          { identity: 'alice', role: 'ml-engineer', token_sha256: sha256Hex('secret-a') },
          { identity: 'bot', role: 'monitor', cert_cn: 'drift-monitor' },
        ],
      }),
    );
    expect(p.byToken('secret-a')).toEqual({ identity: 'alice', role: 'ml-engineer', via: 'token' });
    expect(p.byToken('secret-b')).toBeNull();
    expect(p.byToken(sha256Hex('secret-a'))).toBeNull();
    expect(p.byCertificate('drift-monitor')).toMatchObject({ identity: 'bot', role: 'monitor' });
    expect(p.byCertificate('other')).toBeNull();
  });

  it('refuses a bad entry naming the field and the rule', () => {
    const bad = (entry: object) => () => readCredentialsFile(file({ principals: [entry] }));
    const hash = sha256Hex('x');
    expect(bad({ identity: 'a', role: 'root', token_sha256: hash })).toThrow(
      /principals\[0\]\.role: must be one of admin, ml-engineer, experimenter, monitor, reader/,
    );
    expect(bad({ identity: '', role: 'admin', token_sha256: hash })).toThrow(
      /principals\[0\]\.identity: a non-empty string is required/,
    );
    expect(bad({ identity: 'a', role: 'admin', token_sha256: 'plain-token' })).toThrow(
      /principals\[0\]\.token_sha256: must be 64 lowercase hex digits/,
    );
    expect(bad({ identity: 'a', role: 'admin' })).toThrow(
      /principals\[0\]: give token_sha256 or cert_cn/,
    );
    expect(() => readCredentialsFile(file({ users: [] }))).toThrow(/principals: must be an array/);
    expect(() =>
      readCredentialsFile(
        file({
          principals: [
            { identity: 'a', role: 'admin', token_sha256: hash },
            { identity: 'b', role: 'reader', token_sha256: hash },
          ],
        }),
      ),
    ).toThrow(/principals\[1\]: the same token as an earlier principal/);
  });

  it('creates the local token once, 0600, and refuses a file others can read', () => {
    const f = join(dir, 'local', 'token');
    const token = readOrCreateLocalToken(f);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readOrCreateLocalToken(f)).toBe(token);
    chmodSync(f, 0o644);
    expect(() => readOrCreateLocalToken(f)).toThrow(/readable by others \(mode 644\); chmod 600/);
  });
});
