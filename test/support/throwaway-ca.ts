/**
 * A certificate authority made for one test with `openssl`: a CA, a server certificate for
 * 127.0.0.1/localhost and client certificates by common name, all PEM files in `dir`.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface Pem {
  readonly cert: string;
  readonly key: string;
}

const openssl = (args: string[], cwd: string): void => {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
};

export class ThrowawayCa {
  readonly ca: Pem;
  private serial = 1;

  /** A self-signed CA named `name` (files `<name>-ca.pem` and `<name>-ca.key` in `dir`). */
  constructor(
    private readonly dir: string,
    private readonly name = 'test',
  ) {
    this.ca = { cert: path.join(dir, `${name}-ca.pem`), key: path.join(dir, `${name}-ca.key`) };
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        `/CN=${name} throwaway CA`,
        '-keyout',
        this.ca.key,
        '-out',
        this.ca.cert,
      ],
      dir,
    );
  }

  /** A certificate signed by this CA with common name `cn` (and the extensions given). */
  issue(cn: string, extensions: string): Pem {
    const base = path.join(this.dir, `${this.name}-${cn}`);
    const ext = `${base}.ext`;
    writeFileSync(ext, extensions);
    openssl(
      [
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        `/CN=${cn}`,
        '-keyout',
        `${base}.key`,
        '-out',
        `${base}.csr`,
      ],
      this.dir,
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        `${base}.csr`,
        '-CA',
        this.ca.cert,
        '-CAkey',
        this.ca.key,
        '-set_serial',
        String(this.serial++),
        '-days',
        '2',
        '-extfile',
        ext,
        '-out',
        `${base}.pem`,
      ],
      this.dir,
    );
    return { cert: `${base}.pem`, key: `${base}.key` };
  }

  /** A server certificate valid for 127.0.0.1 and localhost. */
  server(): Pem {
    return this.issue(
      'localhost',
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
    );
  }

  /** A client certificate (mutual TLS) with common name `cn`. */
  client(cn: string): Pem {
    return this.issue(cn, 'extendedKeyUsage=clientAuth\n');
  }
}
