import { clientSecurityVariables, serverSecurityVariables } from './security';
import { SettingError } from './settings';

describe('serverSecurityVariables', () => {
  it('gives each variable under the settings field it sets; unset or empty is absent', () => {
    const v = serverSecurityVariables({
      HIRELEARN_TLS_CERT: 'server.pem',
      HIRELEARN_TLS_KEY: 'server.key',
      HIRELEARN_TLS_CLIENT_CA: '',
      HIRELEARN_CREDENTIALS: 'principals.json',
      HIRELEARN_INSECURE: 'Yes',
    });
    expect(v).toEqual({
      tlsCertFile: 'server.pem',
      tlsKeyFile: 'server.key',
      tlsClientCaFile: undefined,
      credentialsFile: 'principals.json',
      tokenFile: undefined,
      insecure: true,
    });
    expect(serverSecurityVariables({}).insecure).toBe(false);
  });

  // The boolean was parsed inside libs/proto, with a RangeError of its own wording.
  it.each(['maybe', '2', 'on'])('refuses HIRELEARN_INSECURE=%p naming the variable', (value) => {
    const read = () => serverSecurityVariables({ HIRELEARN_INSECURE: value });
    expect(read).toThrow(SettingError);
    expect(read).toThrow(`HIRELEARN_INSECURE: ${value} is not a boolean (1 or 0)`);
  });
});

describe('clientSecurityVariables', () => {
  it('gives each variable under the settings field it sets', () => {
    expect(
      clientSecurityVariables({
        HIRELEARN_TLS: '1',
        HIRELEARN_TLS_CA: 'ca.pem',
        HIRELEARN_TLS_CLIENT_CERT: 'client.pem',
        HIRELEARN_TLS_CLIENT_KEY: 'client.key',
        HIRELEARN_TOKEN: 'secret',
        HIRELEARN_TOKEN_FILE: 'token',
        HIRELEARN_INSECURE: 'no',
      }),
    ).toEqual({
      tls: true,
      tlsCaFile: 'ca.pem',
      tlsClientCertFile: 'client.pem',
      tlsClientKeyFile: 'client.key',
      token: 'secret',
      tokenFile: 'token',
      insecure: false,
    });
  });

  it('refuses a HIRELEARN_TLS that is not a boolean, naming the variable', () => {
    expect(() => clientSecurityVariables({ HIRELEARN_TLS: 'tls' })).toThrow(
      new SettingError('HIRELEARN_TLS', 'tls', 'is not a boolean (1 or 0)'),
    );
  });
});
